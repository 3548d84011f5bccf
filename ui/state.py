"""The scenario in session state, and widgets bound to it.

One source of truth: `st.session_state["scenario"]`, a validated `Scenario`. Widgets never own a
value: before each widget is drawn its key is set from the scenario, and its on_change callback
writes the new value back through `core.editing` (which refuses invalid edits with a message).
So a value survives page switches and reruns even though Streamlit drops the state of widgets
that are not on screen, and loading another scenario updates every widget at once.

Every change goes through `replace`, which also saves it (`ui.saved.autosave`): a refresh, a closed
tab or a server restart loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from core.editing import EditRefused, Path, get_value, with_value
from core.example import blank_scenario, example_scenario
from core.model import Scenario
from core.text import markdown_escape
from ui import saved

SCENARIO = "scenario"
_PREVIOUS = "_previous_scenario"
_NOTICES = "_notices"
_EDITOR_VERSION = "_editor_version"
_OPENED_FOR = "_opened_for"  # the owner whose scenario this tab opened


def init() -> None:
    """Open this tab's scenario: the one saved most recently (or the example, saved, the first
    time). A scenario already put in the session is saved as a new one. Cheap on later reruns."""
    who = saved.owner()
    if st.session_state.get(_OPENED_FOR) == who and SCENARIO in st.session_state:
        return
    seeded = st.session_state.get(SCENARIO) if _OPENED_FOR not in st.session_state else None
    st.session_state[SCENARIO] = saved.open_at_start(seeded)
    st.session_state[_OPENED_FOR] = who
    st.session_state.pop(_PREVIOUS, None)
    st.session_state[_EDITOR_VERSION] = st.session_state.get(_EDITOR_VERSION, 0) + 1


def scenario() -> Scenario:
    init()
    return st.session_state[SCENARIO]


def replace(new: Scenario, *, undoable: str | None = None, save: bool = True) -> None:
    """Make `new` the scenario and save it. With `undoable`, keep the old one so one click can
    bring it back. `save=False` is for showing what was just loaded from storage."""
    if undoable:
        st.session_state[_PREVIOUS] = (undoable, st.session_state.get(SCENARIO))
    st.session_state[SCENARIO] = new
    if save:
        # A change an Undo button can take back keeps what was there before as its own version.
        saved.autosave(new, new_version=bool(undoable))
    # Tables (st.data_editor) keep their own edits keyed by widget; a new key starts them afresh
    # from the scenario, so no edit is applied twice.
    st.session_state[_EDITOR_VERSION] = st.session_state.get(_EDITOR_VERSION, 0) + 1


def editor_key(name: str) -> str:
    return f"{name}#{st.session_state.get(_EDITOR_VERSION, 0)}"


def undo_info() -> str | None:
    prev = st.session_state.get(_PREVIOUS)
    return prev[0] if prev else None


def forget_undo() -> None:
    """After switching to another scenario, Undo would write the old one's content into it."""
    st.session_state.pop(_PREVIOUS, None)


def undo() -> None:
    prev = st.session_state.pop(_PREVIOUS, None)
    if prev and prev[1] is not None:
        replace(prev[1])
        notify("success", "Brought back the scenario you had before.")


def open_as_new(new: Scenario, base: str, *, what: str, undoable: str) -> None:
    """Show `new` as a new saved scenario named from `base`; the one open now stays saved as it is.
    With saving off, it replaces what this tab shows, and Undo brings that back."""
    if saved.current() is None:
        replace(new, undoable=undoable)
        return
    saved.new_named(base, new, what=what)


def start_blank() -> None:
    open_as_new(
        blank_scenario(),
        "Untitled",
        what="Started a new blank scenario,",
        undoable="You started from a blank scenario.",
    )


def load_example() -> None:
    open_as_new(
        example_scenario(),
        "Example",
        what="Opened a fresh copy of the example as",
        undoable="You loaded the example scenario.",
    )


def notify(kind: str, text: str) -> None:
    """A message for the person, shown at the top of the next page drawn (kind: error, warning,
    success, info). Plain text: it often quotes names people typed, so it is shown literally."""
    st.session_state.setdefault(_NOTICES, []).append((kind, text))


def show_notices() -> None:
    for kind, text in st.session_state.pop(_NOTICES, []):
        getattr(st, kind)(markdown_escape(text), icon=_ICONS[kind])


_ICONS = {
    "error": ":material/error:",
    "warning": ":material/warning:",
    "success": ":material/check_circle:",
    "info": ":material/info:",
}


def apply(change: Callable[..., Scenario], *args: Any) -> bool:
    """Run `change(scenario, *args)`; keep the result, or keep the old scenario and say why."""
    try:
        replace(change(scenario(), *args))
    except (EditRefused, ValueError, KeyError) as e:
        notify("error", str(e) if not isinstance(e, KeyError) else f"Unknown item {e}.")
        return False
    return True


def widget_key(path: Path) -> str:
    return "w:" + "/".join(path)


def bound(widget: Callable[..., Any], label: str, path: Path, **kwargs: Any) -> Any:
    """Draw `widget` showing the scenario's value at `path`; an edit updates the scenario."""
    key = kwargs.pop("key", None) or widget_key(path)
    st.session_state[key] = get_value(scenario(), path)
    return widget(label, key=key, on_change=_write_back, args=(key, path), **kwargs)


def _write_back(key: str, path: Path) -> None:
    value = st.session_state[key]
    if isinstance(value, str):
        value = value.strip() if path[-1] in ("name",) else value
    apply(with_value, path, value)
