"""Undo and Redo in the app: each takes back, or puts back, exactly the change it names.

Driven in-process with AppTest from the entrypoint, on the database of the test (conftest).
"""

from __future__ import annotations

from core.storage.database import LOCAL_OWNER
from tests.apptest_support import open_page, set_priorities, texts
from ui.access import storage


def scenario(at):
    return at.session_state["_tab"].edits.scenario


def undo_caption(at) -> str | None:
    return next((c.value for c in at.sidebar.caption if c.value.startswith("Undo takes back: ")), None)


def click(at, key: str):
    next(b for b in at.button if b.key == key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_undo_after_a_delete_and_a_later_note_takes_back_the_note_first(app):
    """Offers → Delete Globex; Current role → type a note. Undo names the note and takes back only
    the note: Globex stays deleted. Undo again brings Globex back, with the note still taken back;
    Redo puts the two back in order. Before, Undo restored the scenario from before the delete and
    the note was lost."""
    at = open_page(app, "offers")
    at.selectbox(key="offers_selected").select("globex").run()
    click(at, "delete_option")
    assert "globex" not in [o.id for o in scenario(at).options]
    assert undo_caption(at) == "Undo takes back: Deleted “Globex”"

    open_page(at, "current_role")
    at.text_area(key="w:current/notes").input("Spoke to my manager about the platform team.").run()
    assert scenario(at).current.notes == "Spoke to my manager about the platform team."
    assert undo_caption(at).startswith("Undo takes back: Current role › notes: ")

    click(at, "undo")  # the note, and only the note
    assert scenario(at).current.notes != "Spoke to my manager about the platform team."
    assert "globex" not in [o.id for o in scenario(at).options]
    assert undo_caption(at) == "Undo takes back: Deleted “Globex”"

    click(at, "undo")  # now the delete
    assert "globex" in [o.id for o in scenario(at).options]

    click(at, "redo")
    assert "globex" not in [o.id for o in scenario(at).options]
    click(at, "redo")
    assert scenario(at).current.notes == "Spoke to my manager about the platform team."
    assert not [b for b in at.button if b.key == "redo" and not b.disabled]


def test_using_the_pairwise_weights_is_its_own_version_and_undo_puts_the_hand_set_ones_back(app):
    """How sure → compare criteria → "Use these weights on the sliders" replaces every weight. The
    hand-set weights stay in a kept version of their own (even when the change comes minutes after
    other edits, which are merged into one version), and Undo puts them back."""
    at = open_page(app, "priorities")
    pay = next(c for c in scenario(at).criteria if c.kind == "pay")
    set_priorities(at, "priorities", **{pay.id: 55.0})
    hand_set = {c.id: c.weight for c in scenario(at).criteria}
    assert hand_set[pay.id] == 55.0

    open_page(at, "robustness")
    click(at, "apply_ahp")  # no judgements yet: every pair equal, so equal weights
    weights = {c.id: c.weight for c in scenario(at).criteria}
    assert len(set(weights.values())) == 1 and weights != hand_set
    assert undo_caption(at) == "Undo takes back: Used the weights from your comparisons"
    assert any("Undo in the sidebar puts back" in t for t in texts(at, "success"))

    store = storage()
    scenario_id = store.list(LOCAL_OWNER)[0].id
    kept = [
        store.load_version_by_id(LOCAL_OWNER, scenario_id, v.version)
        for v in store.versions_by_id(LOCAL_OWNER, scenario_id)
    ]
    assert any({c.id: c.weight for c in s.criteria} == hand_set for s in kept)

    click(at, "undo")
    assert {c.id: c.weight for c in scenario(at).criteria} == hand_set
