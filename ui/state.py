"""This tab's scenario in session state, and widgets bound to it.

One source of truth: the tab's `core.edits.tab.TabEdits` (the scenario, its Undo and Redo, the selected
option), kept with what the widgets last showed in one plain object, `Tab`, under one session key.

Why one plain object: Streamlit may stop a callback at any access to `st.session_state` when a
newer rerun is waiting (a person pressing keys faster than a rerun). A callback here reads what it
needs from session state first, then changes only the `Tab` object and the database, which no
rerun can interrupt halfway. `.streamlit/config.toml` also turns off fast reruns, so two runs of
one tab never overlap.

Widgets never own a value. `bound` draws a widget showing the scenario's value and writes an edit
back through `core.edits.editing` (which refuses invalid edits with a message). It sets the widget's value
only when the scenario holds something else than the widget shows: setting it every run would
send the browser an older value while a person is still pressing keys, undoing their presses.
When a callback was cut short before its edit reached the scenario, the next run finds the widget
showing a value nobody accounted for, and applies it then: no edit is lost.

Every change is saved (`ui.saved.autosave`): a refresh, a closed tab or a server restart loses
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from core.edits.editing import EditRefused, Path, get_value
from core.edits.tab import TabEdits
from core.model.bounds import bounds
from core.model.scenario import Scenario
from core.text import markdown_escape
from ui import access, saved
from ui.layout import slot

SEEDED = "scenario"  # a scenario put in the session before the first run (tests, a new tab)
_TAB = "_tab"
_OPENED_FOR = "_opened_for"  # the owner whose scenario this tab opened


@dataclass
class Tab:
    """Everything this tab keeps between reruns, in one object (see the module docstring)."""

    edits: TabEdits
    # widget key -> the value this tab last showed in it or took from it
    seen: dict[str, Any] = field(default_factory=dict)
    # widget key -> a value set in a run that has not finished: it may never have reached the
    # browser (a newer rerun stopped the run before the widget was drawn), so it is set again
    unsent: dict[str, Any] = field(default_factory=dict)
    # widget key -> [value, runs]: what the browser showed when this tab set another value (Undo,
    # another scenario). A request the browser sent before the new value reached it still carries
    # the old one; for the next `runs` finished runs that old value is not taken as an edit.
    replaced: dict[str, list[Any]] = field(default_factory=dict)
    editor_version: int = 0
    notices: list[tuple[str, str]] = field(default_factory=list)
    # What a page keeps between reruns beside the scenario (the CSV import's count, say): here,
    # not in session state, so a callback that changes it can't be stopped halfway.
    page: dict[str, Any] = field(default_factory=dict)


def init() -> None:
    """Open this tab's scenario: the one saved most recently (or the example, saved, the first
    time). A scenario put in the session before the first run is saved as a new one. Cheap on
    later reruns."""
    who = access.owner()
    if st.session_state.get(_OPENED_FOR) == who and _TAB in st.session_state:
        return
    seeded = st.session_state.pop(SEEDED, None) if _OPENED_FOR not in st.session_state else None
    old: Tab | None = st.session_state.get(_TAB)
    scenario = saved.open_at_start(seeded)
    link = saved.saving()

    def save(new: Scenario, new_version: bool) -> None:
        saved.autosave(new, new_version=new_version, state=link)

    tab = Tab(TabEdits(scenario, save=save), editor_version=old.editor_version + 1 if old else 0)
    tab.notices = [*(old.notices if old else []), *link.notices]
    link.notices.clear()
    st.session_state[_TAB] = tab
    st.session_state[_OPENED_FOR] = who


def tab() -> Tab:
    """This tab's Tab. The entrypoint opens it (`init`) at the top of every full run, where a
    sign-in or sign-out is noticed; here it is only looked up (pages call this a few dozen times a
    run, and a fragment's rerun does not pass through the entrypoint)."""
    found = st.session_state.get(_TAB)
    if found is None:
        init()
        found = st.session_state[_TAB]
    return found


def catch_up() -> None:
    """At the start of each run: save the scenario if its last save did not happen, and try
    saving again when it was off because the database was out of reach."""
    back = saved.try_again_when_off(scenario())
    if back is not None:
        if back.show is not None:
            replace(back.show, save=False)
        notify("success", back.message)
    saved.save_if_behind(scenario())


def scenario() -> Scenario:
    return tab().edits.scenario


def edits() -> TabEdits:
    return tab().edits


def replace(new: Scenario, *, undoable: str | None = None, save: bool = True) -> None:
    """Make `new` the scenario and save it. `undoable` names a change of more than one field: it
    starts a saved version of its own. `save=False` shows what was just loaded from storage: a
    new scenario in this tab, with a history of its own."""
    t = tab()
    if save:
        t.edits.set(new, label=undoable, large=bool(undoable))
    else:
        t.edits.show(new)
        t.seen.clear()
    # Tables (st.data_editor) keep their own edits keyed by widget; a new key starts them afresh
    # from the scenario, so no edit is applied twice.
    t.editor_version += 1


def refresh_tables() -> None:
    """Draw every table afresh from the scenario (after a refused table edit)."""
    tab().editor_version += 1


def editor_key(name: str) -> str:
    return f"{name}#{tab().editor_version}"


def undo_info() -> str | None:
    return tab().edits.undo_label


def redo_info() -> str | None:
    return tab().edits.redo_label


def forget_undo() -> None:
    """After switching to another scenario, Undo would write the old one's content into it."""
    t = tab()
    t.edits.show(t.edits.scenario)


def undo() -> None:
    t = tab()
    action = t.edits.undo()
    if action is not None:
        t.editor_version += 1
        t.notices.append(("success", f"Undone: {action.label.rstrip('.')}."))


def redo() -> None:
    t = tab()
    action = t.edits.redo()
    if action is not None:
        t.editor_version += 1
        t.notices.append(("success", f"Redone: {action.label.rstrip('.')}."))


def notify(kind: str, text: str) -> None:
    """A message for the person, shown at the top of the next page drawn (kind: error, warning,
    success, info). Plain text: it often quotes names people typed, so it is shown literally."""
    tab().notices.append((kind, text))


def show_notices() -> None:
    """The notices since the last page drawn, in a slot: they come and go (`ui.layout`)."""
    t = tab()
    notices, t.notices = t.notices, []
    with slot():
        for kind, text in notices:
            getattr(st, kind)(markdown_escape(text), icon=_ICONS[kind])


_ICONS = {
    "error": ":material/error:",
    "warning": ":material/warning:",
    "success": ":material/check_circle:",
    "info": ":material/info:",
}


def apply(change: Callable[..., Scenario], *args: Any, label: str | None = None, large: bool = False) -> bool:
    """Run `change(scenario, *args)`; keep the result, or keep the old scenario and say why.
    `large`: the change overwrites more than one field, so it starts a saved version of its own
    (what it replaced stays in the history), named `label` for Undo."""
    t = tab()
    try:
        t.edits.change(change, *args, label=label, large=large)
    except (EditRefused, ValueError, KeyError) as e:
        t.notices.append(("error", str(e) if not isinstance(e, KeyError) else f"Unknown item {e}."))
        return False
    t.editor_version += 1
    return True


def widget_key(path: Path) -> str:
    return "w:" + "/".join(path)


def _same(a: Any, b: Any) -> bool:
    """Widget values and scenario values compare alike (a range slider gives a tuple or a list)."""
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return list(a) == list(b)
    return a == b


def sync_widget(key: str, value: Any, on_pending: Callable[[Any], Any] | None = None) -> None:
    """Before drawing the widget `key`: make it show `value` (what the scenario holds) unless it
    already does. A value the widget shows that this tab never saw is an edit whose callback was
    cut short: `on_pending(shown)` applies it and returns what the scenario holds after it."""
    t = tab()
    if key in st.session_state:
        shown = st.session_state[key]
        if _same(shown, value) and key not in t.unsent:
            t.seen[key] = value
            t.replaced.pop(key, None)
            return
        if (
            on_pending is not None
            and key in t.seen
            and not _same(shown, t.seen[key])
            and not is_stale(t, key, shown)
        ):
            value = on_pending(shown)
            t.seen[key] = shown  # after the edit is applied: a stop before it leaves it pending
            if _same(shown, value) and key not in t.unsent:
                return
        if not _same(shown, value) and key in t.seen:
            t.replaced[key] = [shown, 2]
    st.session_state[key] = value
    t.seen[key] = value
    t.unsent[key] = value


def is_stale(t: Tab, key: str, value: Any, *, in_callback: bool = False) -> bool:
    """`value` is what the browser showed before this tab set another value in widget `key`: a
    request sent before the new value arrived, not the person's edit.

    In a widget's callback (`in_callback`), a request in which this widget is the only one that
    changed is the person choosing in it: a request the browser sent before it had the new value
    was sent for something else the person did (another field, a button), which changed too. So
    choosing the old value again right after Undo is kept, not taken for the browser's."""
    if _request_lost_values() if in_callback else t.page.get("lost_values"):
        return True
    old = t.replaced.get(key)
    if old is None or not _same(value, old[0]):
        return False
    return not (in_callback and _only_change_is(key))


# A request in which at least this many fields bound to the scenario changed at once did not come
# from a person (who changes one field, a few when typing faster than a run): it is a page that
# lost the values it was sent and shows every field empty or at its lowest (seen after a reload on
# a busy machine). Taken as edits, they wiped the current role: base 0, raise -50%.
LOST_VALUES_AT = 8


def _request_lost_values() -> bool:
    """Whether the browser request being handled changed `LOST_VALUES_AT` or more fields bound to
    the scenario (see above). Asked in the request's callbacks and once at the start of its run,
    which keeps the answer for the run (`Tab.page["lost_values"]`). Streamlit has no public call
    for it; where it can't be read this says False."""
    try:
        from streamlit.runtime.state.session_state_proxy import get_session_state

        session = get_session_state()._state  # noqa: SLF001
        mapping = session._key_id_mapper._key_id_mapping  # noqa: SLF001
        bound = {wid for key, wid in mapping.items() if key.startswith("w:")}
        changed = [wid for wid in session._new_widget_state if wid in bound and session._widget_changed(wid)]  # noqa: SLF001
        return len(changed) >= LOST_VALUES_AT
    except Exception:  # noqa: BLE001 - an internal that moved must never break a page
        return False


def _only_change_is(key: str) -> bool:
    """Whether the browser request being handled changed widget `key` and no other. Streamlit has
    no public call for it: its session state knows which widgets a request changed, and where it
    can't be asked this returns False (the older-value guard stays as it was)."""
    try:
        from streamlit.runtime.state.session_state_proxy import get_session_state

        session = get_session_state()._state  # noqa: SLF001
        if session._current_interaction_widget_states is None:  # noqa: SLF001 - not a request's callbacks
            return False
        mine = session._get_widget_id(key)  # noqa: SLF001
        changed = [wid for wid in session._new_widget_state if session._widget_changed(wid)]  # noqa: SLF001
        return changed == [mine]
    except Exception:  # noqa: BLE001 - an internal that moved must never break a page
        return False


def start_of_run() -> None:
    """At the start of a full run: when the browser connected to this tab's session is not the one
    the last run drew for (Streamlit attaches a reloaded page to the session it had, with its
    state kept on the server), set every widget's value again as it is drawn: the new page holds
    none of them and would show empty fields."""
    t = tab()
    client = _browser_connection()
    if client is not None and t.page.get("client") not in (None, client):
        t.unsent.update({key: None for key in t.seen})
        t.replaced.clear()
    # A run for another page than the last run's, as the browser asked for it: the browser draws
    # that page's widgets afresh and keeps no value it was not sent in this run. That includes a
    # page loaded at its own address, whose first run the browser asks for as the app's main page
    # (a reload there, then a click on the same page, showed an amount field empty). Such a run
    # carries no typed values (the browser sends none when it changes page), so setting every
    # widget again overwrites nothing a person typed; a run that does carry values (an edit made
    # right after a reload) is left alone, as in any other run.
    asked = _page_asked_for()
    if asked is not None and t.page.get("asked") not in (None, asked) and not _browser_sent_values():
        t.unsent.update({key: None for key in t.seen})
    t.page["asked"] = asked
    t.page["client"] = client
    t.page["lost_values"] = _request_lost_values()
    if t.page["lost_values"]:
        # Every field is set again from the scenario, and the person is told their last change
        # (sent together with the lost values, and not told apart from them) was not kept.
        t.unsent.update({key: None for key in t.seen})
        t.notices.append(
            (
                "warning",
                "This page had lost the figures it showed (it happens when a page is reloaded while "
                "the app is busy), so your last change was not saved, to keep those figures safe. "
                "They are shown again now: please make that change again.",
            )
        )


def _page_asked_for() -> str | None:
    """The page this run was asked for (before navigation resolves it), or None outside a run."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.page_script_hash if ctx is not None else None


def _browser_sent_values() -> bool:
    """Whether the browser sent widget values with the request for this run (an edit does; a
    change of page does not). Streamlit has no public call for it; where it can't be read this
    says False (as a change of page would)."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        states = ctx.script_requests._rerun_data.widget_states  # noqa: SLF001
        return bool(states is not None and len(states.widgets))
    except Exception:  # noqa: BLE001 - an internal that moved must never break a page
        return False


def _browser_connection() -> int | None:
    """Which browser connection this session is served to now (it changes when a reloaded page
    resumes the session). Streamlit has no public call for it: the runtime's session manager
    knows, and where it can't be asked this returns None and nothing is done."""
    try:
        from streamlit.runtime import get_instance
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        info = get_instance()._session_mgr.get_active_session_info(ctx.session_id)  # noqa: SLF001
        return id(info.client) if info is not None else None
    except Exception:  # noqa: BLE001 - an internal that moved must never break a page
        return None


def run_finished() -> None:
    """At the end of a run that finished (the entrypoint, a fragment): what it set in widgets
    reached the browser."""
    t = tab()
    t.unsent.clear()
    for key in list(t.replaced):
        t.replaced[key][1] -= 1
        if t.replaced[key][1] <= 0:
            del t.replaced[key]


def synced(key: str, current: Callable[[], Any], apply: Callable[[Any], Any]) -> dict[str, Any]:
    """For a widget that edits the scenario some other way than one field (a stage move, a draft,
    a judgement): make it show `current()` (see `sync_widget`) and return the widget's `key`,
    `on_change` and `args`, so that what the person gives it goes through `apply(value)`, also
    when its callback was cut short."""

    def pending(shown: Any) -> Any:
        # `apply` returns whether the change was kept (state.apply does); refused, the widget
        # goes back to what the scenario holds.
        return shown if apply(shown) is not False else current()

    sync_widget(key, current(), pending)
    return {"key": key, "on_change": _changed, "args": (key, apply)}


def _changed(key: str, apply: Callable[[Any], Any]) -> None:
    value = st.session_state[key]  # first: where a newer rerun may stop this callback
    t = tab()
    if is_stale(t, key, value, in_callback=True):
        return
    apply(value)
    t.seen[key] = value
    t.replaced.pop(key, None)


def data_editor(
    data: Any, *, key: str, on_change: Callable[..., None], args: tuple = (), **kwargs: Any
) -> Any:
    """st.data_editor whose edits reach the scenario through `on_change(*args)`, also when that
    callback was stopped by a newer rerun before it applied them: a table's key changes with every
    change applied or refused (`editor_key`), so edits still held under the key drawn now are
    edits no callback finished, and they are applied here, before the table is drawn again."""
    held = st.session_state.get(key)
    if isinstance(held, dict) and any(held.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")):
        on_change(*args)
        st.rerun()  # the whole page again, from the scenario with those edits
    return st.data_editor(data, key=key, on_change=on_change, args=args, **kwargs)


def bound(widget: Callable[..., Any], label: str, path: Path, **kwargs: Any) -> Any:
    """Draw `widget` showing the scenario's value at `path`; an edit updates the scenario. A number
    input or slider given no bounds takes the model's, and a text field its longest length
    (`core.model.bounds`): they are declared once, in the model."""
    if widget in (st.number_input, st.slider) and "min_value" not in kwargs and "max_value" not in kwargs:
        kwargs = {**bounds(path).widget(), **kwargs}
    elif widget in (st.text_input, st.text_area) and "max_chars" not in kwargs:
        kwargs = {"max_chars": bounds(path).max_length, **kwargs}
    key = kwargs.pop("key", None) or widget_key(path)
    sync_widget(key, get_value(scenario(), path), lambda shown: _apply_edit(path, shown))
    return widget(label, key=key, on_change=_write_back, args=(key, path), **kwargs)


def _write_back(key: str, path: Path) -> None:
    # Read session state first: it is where a newer rerun may stop this callback.
    value = st.session_state[key]
    t = tab()
    if is_stale(t, key, value, in_callback=True):
        return  # sent before the browser had the value this tab set: the next run sets it again
    _apply_edit(path, value, t)
    t.seen[key] = value  # after the edit: a stop before this leaves it for `sync_widget`
    t.replaced.pop(key, None)


def _apply_edit(path: Path, value: Any, t: Tab | None = None) -> Any:
    """Write `value` to the field at `path`; returns what the scenario holds there afterwards."""
    t = t or tab()
    if isinstance(value, str) and path[-1] == "name":
        value = value.strip()
    try:
        if path[0] == "options":
            t.edits.require_option(path[1])
        t.edits.edit(path, value)
    except (EditRefused, ValueError, KeyError) as e:
        t.notices.append(("error", str(e) if not isinstance(e, KeyError) else f"Unknown item {e}."))
    try:
        return get_value(t.edits.scenario, path)
    except KeyError:
        return value
