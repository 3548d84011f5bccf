"""A page that lost the values it was sent (after a reload on a busy machine, every field showed
empty or at its lowest) sends them all back with the next change a person makes. Taken as edits,
they wiped the current role: a base salary of 0, a raise of -50%. Now none of that request's
changes is taken, every field is shown again from the scenario, and the person is told."""

from __future__ import annotations

from core.model.example import example_scenario
from tests.apptest_support import open_page, start_tab
from tests.test_app_layout import elements
from ui.money_field import amount_text


def scenario(at):
    return at.session_state["_tab"].edits.scenario


def test_a_request_with_every_field_at_its_lowest_changes_nothing_and_says_so(monkeypatch):
    at = start_tab(monkeypatch, example_scenario())
    open_page(at, "current_role")
    before = scenario(at)
    states = at._tree.get_widget_states()  # noqa: SLF001 - the request, as that browser sent it
    lowest = 0
    for widget in elements(at):
        key = getattr(widget, "key", None) or ""
        if not key.startswith("w:current/"):
            continue
        state = next(s for s in states.widgets if s.id == widget.id)
        kind = type(widget).__name__
        if kind == "TextInput":
            state.string_value = "Acme" if key == "w:current/employer" else ""  # the one real edit
        elif kind == "NumberInput" and widget.proto.has_min:
            state.double_value = widget.proto.min
        elif kind == "Slider" and not isinstance(widget.value, tuple | list):
            state.double_array_value.data[:] = [widget.proto.min]
        else:
            continue
        lowest += 1
    assert lowest >= 20
    at._run(states)  # noqa: SLF001
    assert not at.exception

    assert scenario(at) == before  # the base, the raise, the ratings: all as they were
    assert any("had lost the figures it showed" in str(w.value) for w in at.warning)
    # Every field shows the scenario's value again, for the next request to carry.
    assert at.text_input(key="w:current/pay/base").value == amount_text(before.current.pay.base)
    assert at.number_input(key="w:current/pay/raise_pct").value == before.current.pay.raise_pct

    # The person makes the change again: it is taken, and nothing else moves.
    at.text_input(key="w:current/employer").input("Acme").run()
    assert scenario(at).current.employer == "Acme"
    assert scenario(at).current.pay == before.current.pay


def test_a_few_fields_typed_faster_than_a_run_are_all_taken(monkeypatch):
    """Coalesced: three fields changed in one request (a person typing on while a run is busy)."""
    at = start_tab(monkeypatch, example_scenario())
    open_page(at, "current_role")
    at.text_input(key="w:current/employer").input("Acme")
    at.text_input(key="w:current/role").input("Staff engineer")
    at.number_input(key="w:current/pay/bonus_target_pct").set_value(12.0)
    at.run()
    current = scenario(at).current
    assert (current.employer, current.role, current.pay.bonus_target_pct) == ("Acme", "Staff engineer", 12.0)
    assert not any("had lost the figures" in str(w.value) for w in at.warning)
