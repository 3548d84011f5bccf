"""A money field a person types into as they write amounts, bound to the scenario.

`money_field` is a text input, not a number input: st.number_input silently drops what it can't
read ("225k" became 225). The text goes through the one number parser (`core.numbers`, shared
with the CSV import): "120000", "120,000", "120 000", "$120,000" and "120000.50" are saved;
anything else ("225k", "lots", "€ 95.000,50") is not, and a message right under the field says
what to write, while the field keeps the text as typed so the person can fix it.

As `ui.state.bound` does, a callback reads session state first and then changes only the tab
object (`state.Tab.seen` remembers, per field, the text taken, what the scenario held after it and
the message). The field is set from the scenario only when the scenario changed since (Undo,
another scenario opened), never while it holds what the person typed.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from core.edits.editing import EditRefused, Path, get_value
from core.model.fields import MAX_MONEY
from core.numbers import read_number
from core.text import markdown_escape
from ui import state
from ui.layout import slot


@dataclass(frozen=True)
class Taken:
    """What a money field last showed or took: its text, the scenario's value at its path right
    after, and why the text was not saved (None when it was)."""

    text: str
    value: float | None
    problem: str | None = None


def amount_text(value: float | None) -> str:
    """An amount as the field shows it: "120,000", or "120,000.50" with cents.

    >>> amount_text(120000.0), amount_text(120000.5), amount_text(0.0)
    ('120,000', '120,000.50', '0')
    """
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def money_field(label: str, path: Path, *, help: str | None = None) -> float | None:
    """Draw the field for the amount at `path`; returns what the scenario holds there."""
    key = state.widget_key(path)
    t = state.tab()
    value = get_value(state.scenario(), path)
    taken = t.seen.get(key)
    shown = st.session_state.get(key)
    if (
        isinstance(taken, Taken)
        and isinstance(shown, str)
        and shown != taken.text
        and not state.is_stale(t, key, shown)
    ):
        # Text the tab never took: an edit whose callback was cut short by a newer rerun.
        taken = _take(t, key, path, shown)
        value = taken.value
    elif shown is None and isinstance(taken, Taken) and taken.problem and _same(value, taken.value):
        # Back on the page (Streamlit forgets a widget not drawn): the refused text comes back
        # with its message, for the person to fix.
        st.session_state[key] = taken.text
    elif (
        key in t.unsent
        and isinstance(taken, Taken)
        and taken.problem
        and shown == taken.text
        and _same(value, taken.value)
    ):
        # Refused text, there for the person to fix: set again as it is, with its message.
        st.session_state[key] = taken.text
    elif key in t.unsent or not (
        isinstance(taken, Taken) and shown == taken.text and _same(value, taken.value)
    ):
        # First drawn, the scenario changed since (Undo, another scenario opened), or set in a run
        # that did not finish (so maybe never shown): show it.
        if isinstance(shown, str) and isinstance(taken, Taken) and shown != amount_text(value):
            t.replaced[key] = [shown, 2]  # a request sent before this arrives still carries it
        taken = Taken(amount_text(value), value)
        st.session_state[key] = taken.text
        t.seen[key] = taken
        t.unsent[key] = taken.text
    st.text_input(label, key=key, on_change=_write_back, args=(key, path), help=help)
    with slot():  # comes and goes as the text is fixed (`ui.layout`)
        if taken.problem:
            st.error(markdown_escape(taken.problem), icon=":material/error:")
    return value


def _same(a: float | None, b: float | None) -> bool:
    return a == b


def _write_back(key: str, path: Path) -> None:
    # Read session state first: it is where a newer rerun may stop this callback.
    text = st.session_state[key]
    t = state.tab()
    if state.is_stale(t, key, text, in_callback=True):
        return  # sent before the browser had the amount this tab set: the next run sets it again
    _take(t, key, path, text)
    t.replaced.pop(key, None)


def _take(t: state.Tab, key: str, path: Path, text: str) -> Taken:
    """Save the amount `text` at `path`, or keep the scenario as it is and say why not."""
    amount, problem = read_number(text, "money", 0.0, MAX_MONEY, what="an amount", place="field")
    if problem is None:
        try:
            if path[0] == "options":
                t.edits.require_option(path[1])
            t.edits.edit(path, amount if amount is not None else 0.0)
        except (EditRefused, ValueError, KeyError) as e:
            problem = str(e) if not isinstance(e, KeyError) else f"Unknown item {e}."
    try:
        now = get_value(t.edits.scenario, path)
    except KeyError:
        now = None
    taken = Taken(text, now, f"Not saved: {problem}." if problem else None)
    t.seen[key] = taken
    return taken
