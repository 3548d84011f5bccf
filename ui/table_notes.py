"""Why a table edit was refused, shown right under that table (not at the top of the page).

A refused edit to an st.data_editor is dropped and the table drawn afresh from the scenario, so
the cell goes back to what was saved; the message saying what to change must be where the person
is looking. It is kept in the tab's object (`ui.state.Tab.seen`, under "refused:" and the table's
name, which outlives the editor's versioned key) until the next edit of that table is saved.
Callbacks read session state first and then change only the tab object, as `ui.state` asks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from core.edits.editing import EditRefused
from core.model.scenario import Scenario
from core.text import markdown_escape
from ui import state
from ui.layout import slot

_PREFIX = "refused:"


def refuse(t: state.Tab, table: str, message: str) -> None:
    """Keep `message` for the table called `table`, and draw the table afresh from the scenario."""
    t.seen[_PREFIX + table] = message
    t.editor_version += 1


def accepted(t: state.Tab, table: str) -> None:
    t.seen.pop(_PREFIX + table, None)


def apply(
    t: state.Tab,
    table: str,
    change: Callable[..., Scenario],
    *args: Any,
    refused: str = "",
    deleted: bool = False,
) -> bool:
    """As `ui.state.apply`, for an edit of `table`: keep the result, or keep the scenario as it is
    and the message (after `refused`, e.g. "That grant was not saved.") for under the table.
    `deleted`: the edit deletes rows, a change of more than one field, which starts a saved
    version of its own (what was deleted stays in the history)."""
    try:
        t.edits.change(change, *args, large=deleted)
    except (EditRefused, ValueError, KeyError) as e:
        why = str(e) if not isinstance(e, KeyError) else f"Unknown item {e}."
        refuse(t, table, f"{refused} {why}".strip())
        return False
    accepted(t, table)
    t.editor_version += 1
    return True


def show(table: str) -> None:
    """Under the table: why its last edit was refused, if it was (in a slot, `ui.layout`)."""
    message = state.tab().seen.get(_PREFIX + table)
    with slot():
        if message:
            st.error(markdown_escape(message), icon=":material/error:")
