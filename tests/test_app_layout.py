"""Changing one field moves no other field on the page (`ui.layout`).

Streamlit sends a run's elements by their place in their block, and the browser matches them to
what it shows by that place. When a change made something appear or go above a field (an error
that goes once the base salary is typed, a notice, an assumption ticked off), every field after it
took a new place, and the browser drew those afresh: a person typing into one of them as that run's
update arrived lost what they typed. tests/test_browser_personas.py lost a bonus typed right after
the base salary that way, 1 run in 10 on a busy machine; tests/test_browser_typing.py types into a
field while such an update arrives.

Here, on each page people type into, each field in turn is given another value (as a person
would: an amount typed, a name cleared, another choice picked), and every other field must keep
its place: its path of block positions from the top of the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Node

from core.model.example import blank_scenario, example_scenario
from tests.apptest_support import open_page, start_tab


def places(at: AppTest) -> dict[str, tuple[int, ...]]:
    """Every keyed element on the page -> its path of positions in the blocks above it."""
    found: dict[str, tuple[int, ...]] = {}

    def walk(node: Node, path: tuple[int, ...]) -> None:
        if isinstance(node, Block):
            for i, child in sorted(node.children.items()):
                walk(child, (*path, i))
        elif getattr(node, "key", None):
            found[node.key] = path

    walk(at.main, ())
    return found


def elements(at: AppTest) -> Iterator[Node]:
    def walk(node: Node) -> Iterator[Node]:
        if isinstance(node, Block):
            for child in node.children.values():
                yield from walk(child)
        else:
            yield node

    yield from walk(at.main)


def _other_number(w: Any) -> float:
    value = w.value if w.value is not None else (w.proto.min if w.proto.has_min else 0)
    step = w.step or 1
    if not w.proto.has_max or value + step <= w.proto.max:
        return value + step
    return value - step


def change(at: AppTest, w: Any) -> Callable[[], AppTest] | None:
    """What a person would do to the widget `w`: another value, as its kind of widget takes it."""
    kind = type(w).__name__
    if getattr(w, "disabled", False):
        return None  # a person can't change it
    if kind == "TextInput":
        money = "/pay/" in w.key or w.key.startswith("w:money/")
        typed = (
            ("40,000" if not w.value or w.value in ("0", "0.00") else "0")
            if money
            else ("" if w.value else "Abc")
        )
        return lambda: w.input(typed).run()
    if kind == "NumberInput":
        return lambda: w.set_value(_other_number(w)).run()
    if kind == "Selectbox":
        if len(w.options) < 2:
            return None
        shown = w.options.index(w.format_func(w.value)) if w.value is not None else None
        return lambda: _choose(at, w, w.options[1 if shown in (None, 0) else 0])
    if kind == "SelectSlider" and not isinstance(w.value, tuple | list):
        shown = w.options.index(str(w.format_func(w.value)))
        return lambda: _choose(at, w, w.options[shown + 1 if shown + 1 < len(w.options) else shown - 1])
    if kind == "Slider":
        if isinstance(w.value, tuple | list):
            low, high = w.value
            return lambda: w.set_range(max(w.min, low - w.step), high).run()
        return lambda: w.set_value(w.value + w.step if w.value + w.step <= w.max else w.value - w.step).run()
    if kind in ("Checkbox", "Toggle"):
        return lambda: w.set_value(not w.value).run()
    if kind == "Button" and w.key.startswith("set_range:"):
        return lambda: w.click().run()
    return None


def _choose(at: AppTest, w: Any, shown: str) -> AppTest:
    """Pick the option shown as `shown` in a selectbox or select slider, as the browser sends it
    (AppTest's `select_index` gives one with a format_func the shown text as its value)."""
    states = at._tree.get_widget_states()  # noqa: SLF001 - as tests/apptest_support.edit_table
    for state in states.widgets:
        if state.id == w.id and type(w).__name__ == "SelectSlider":
            state.string_array_value.data[:] = [shown]
        elif state.id == w.id:
            state.string_value = shown
    return at._run(states)  # noqa: SLF001


def _with_new_option(kind: str) -> Callable[[AppTest], None]:
    def add(at: AppTest) -> None:
        next(b for b in at.button if b.key == f"add_{kind}").click().run()

    return add


CASES = {
    "current role, blank": ("current_role", blank_scenario, None),
    "current role, the example": ("current_role", example_scenario, None),
    "a new external offer": ("offers", blank_scenario, _with_new_option("external offer")),
    "a new internal role": ("offers", blank_scenario, _with_new_option("internal role")),
    "an offer of the example": ("offers", example_scenario, None),
    "money over time, the example": ("money", example_scenario, None),
    "priorities, the example": ("priorities", example_scenario, None),
    "how sure, the example": ("robustness", example_scenario, None),
    "pipeline, the example": ("pipeline", example_scenario, None),
    "next steps, the example": ("next_steps", example_scenario, None),
}


@pytest.mark.parametrize("case", list(CASES))
def test_changing_a_field_moves_no_other(monkeypatch, case):
    """Field after field, top to bottom, as a person fills a page in: each change in turn, and
    after each, every other element in the place it had just before."""
    page, scenario, prepare = CASES[case]
    at = start_tab(monkeypatch, scenario())
    open_page(at, page)
    if prepare is not None:
        prepare(at)
    # Fields bound to the scenario (ui.state.widget_key), the buttons that open a range, pairwise
    # judgements, checklists and drafts; not the pickers of which option or criterion is shown,
    # which turn the page to another one.
    keys = [
        k
        for k in places(at)
        if k.startswith(("w:", "set_range:", "ahp:", "check:", "message_kind:", "draft:"))
    ]
    tried, moves = 0, {}
    for key in keys:
        before = places(at)
        widget = next((w for w in elements(at) if getattr(w, "key", None) == key), None)
        act = change(at, widget) if widget is not None else None
        if act is None:
            continue  # gone with an earlier change, or nothing a person can change
        act()
        assert not at.exception, (key, [e.value for e in at.exception])
        tried += 1
        after = places(at)
        moved = sorted(
            k for k in before if k != key and k in after and after[k] != before[k] and "#" not in k
        )
        if moved:
            moves[key] = moved
    assert tried >= 5, f"only {tried} fields could be changed on {case}"
    assert moves == {}


@pytest.mark.parametrize(
    ("page", "key"), [("current_role", "w:current/pay/base"), ("offers", "w:options/globex/pay/base")]
)
def test_an_amount_refused_beside_its_field_moves_no_other(monkeypatch, page, key):
    """ "225k" in a money field: refused, with a message right under it; then fixed. Neither the
    message coming nor its going moves another element."""
    at = start_tab(monkeypatch, example_scenario())
    open_page(at, page)
    for typed, refused in (("225k", True), ("225,000", False)):
        before = places(at)
        at.text_input(key=key).input(typed).run()
        assert any("Not saved" in str(e.value) for e in at.error) is refused
        after = places(at)
        assert sorted(k for k in before if k in after and after[k] != before[k] and "#" not in k) == []
