"""Undo and Redo of one tab (core.edits.history, core.edits.tab), case by case."""

from __future__ import annotations

from core.edits.editing import remove_option
from core.edits.history import MERGE_SECONDS
from core.edits.tab import TabEdits
from tests.scenarios import simple_example

PAY = ("criteria", "pay", "weight")


def tab(now: list[float]) -> tuple[TabEdits, list[tuple[int, bool]]]:
    saves: list[tuple[int, bool]] = []
    edits = TabEdits(
        simple_example(),
        save=lambda s, new_version: saves.append((len(s.options), new_version)),
        clock=lambda: now[0],
    )
    return edits, saves


def test_quick_edits_of_one_field_are_one_action_named_from_where_it_started():
    """Pay weight 30 → 35 → 40 within three seconds: one action, named 30 → 40 (not 35 → 40),
    and Undo goes back to 30."""
    now = [0.0]
    t, _ = tab(now)
    t.edit(PAY, 35.0)
    now[0] = 1.0
    t.edit(PAY, 40.0)
    assert len(t.history.done) == 1
    assert t.undo_label == "Criterion “Pay” › weight: 30 → 40"
    t.undo()
    assert t.scenario.criterion("pay").weight == 30


def test_an_edit_of_the_same_field_after_a_pause_is_an_action_of_its_own():
    now = [0.0]
    t, _ = tab(now)
    t.edit(PAY, 35.0)
    now[0] = MERGE_SECONDS + 0.5
    t.edit(PAY, 40.0)
    assert [a.label for a in t.history.done] == [
        "Criterion “Pay” › weight: 30 → 35",
        "Criterion “Pay” › weight: 35 → 40",
    ]
    t.undo()
    assert t.scenario.criterion("pay").weight == 35


def test_moving_a_field_back_where_it_was_leaves_no_action_to_undo():
    """30 → 35 → 30 in a moment: nothing changed, so nothing to undo (before, an Undo named
    "35 → 30" that did nothing)."""
    now = [0.0]
    t, _ = tab(now)
    t.edit(PAY, 35.0)
    t.edit(PAY, 30.0)
    assert t.history.done == () and t.undo_label is None


def test_an_edit_of_another_field_in_between_keeps_the_first_fields_value_for_undo():
    """Pay weight 30 → 35, growth's weight changed and changed back, then pay 35 → 40, all within
    a moment: the growth edit came between, so pay's 35 stays a state Undo goes back to (the
    stateful editing test found it merged away, "Hooli" renamed to "Initech" leaving no trace)."""
    now = [0.0]
    t, _ = tab(now)
    growth = ("criteria", "growth", "weight")
    was = t.scenario.criterion("growth").weight
    t.edit(PAY, 35.0)
    t.edit(growth, was + 5)
    t.edit(growth, was)
    t.edit(PAY, 40.0)
    assert [a.label for a in t.history.done] == [
        "Criterion “Pay” › weight: 30 → 35",
        "Criterion “Pay” › weight: 35 → 40",
    ]
    t.undo()
    assert t.scenario.criterion("pay").weight == 35


def test_undo_takes_back_only_the_newest_action_and_redo_puts_it_back():
    """Delete an option, then edit the current role's notes: Undo takes back the note only; a
    second Undo brings the option back; Redo twice puts both back. Undo and Redo each keep what
    they leave as a saved version of its own (new_version True)."""
    now = [0.0]
    t, saves = tab(now)
    t.change(remove_option, "globex", label="Deleted “Globex”", large=True)
    now[0] = 10.0
    t.edit(("current", "notes"), "Asked about the platform team.")
    assert saves == [(2, True), (2, False)]
    t.undo()
    assert t.scenario.current.notes == simple_example().current.notes and len(t.scenario.options) == 2
    t.undo()
    assert len(t.scenario.options) == 3
    t.redo()
    t.redo()
    assert len(t.scenario.options) == 2 and t.scenario.current.notes == "Asked about the platform team."
    assert saves[2:] == [(2, True), (3, True), (2, True), (2, True)]


def test_a_new_change_after_undo_sets_the_redoable_state_aside():
    now = [0.0]
    t, _ = tab(now)
    t.edit(PAY, 35.0)
    t.undo()
    now[0] = 10.0
    t.edit(("current", "notes"), "x")
    assert t.redo_label is None
    assert [s.criterion("pay").weight for s in t.set_aside] == [35.0]
