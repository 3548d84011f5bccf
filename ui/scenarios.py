"""What a person does with saved scenarios, and what the page says about them: open, show the
saved version, keep this tab's as a copy or over the saved one, rename, delete, restore a kept
version, bring back, delete everything; start a blank scenario or the example as a new one; and
the banner at the top of the page when this tab's latest change could not be saved.

These sit above both `ui.state` (what the tab shows) and `ui.saved` (its link to the database):
each action is a `core.storage.workspace.Workspace` action on the tab's workspace (`ui.saved`),
whose `Outcome` is shown with `ui.state` (`_act`). Neither of those imports this module, so the two
never import each other.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from core.model.example import blank_scenario, example_scenario
from core.model.scenario import Scenario
from core.storage.errors import StorageError
from core.storage.workspace import Outcome, Result, Workspace
from core.text import markdown_escape
from ui import access, saved, state
from ui.layout import slot


def _may_leave() -> bool:
    """Switching to another scenario would drop a change this tab could not save: refuse, and say
    what to do instead."""
    issue = saved.problem()
    if issue is None or not issue.unsaved:
        return True
    _report(
        "This tab has a change that is not saved. Keep it first with the buttons at the top of "
        "the page (or choose to show the saved version), then switch."
    )
    return False


def _report(error: Exception | str) -> None:
    state.notify("error", access.public(error))


def _act(action: Callable[[Workspace], Outcome], *, tell: bool = True) -> Outcome | None:
    """Run a workspace action for this tab. Done: the tab takes what it opened or saved, shows the
    scenario it returns, and (with `tell`) says what was done. Not done: says why; None."""
    try:
        ws = saved.workspace()
    except (StorageError, ValueError) as error:
        _report(error)
        return None
    outcome = action(ws)
    if not outcome.ok:
        failed = outcome.kind is Result.FAILED and outcome.error is not None
        _report(outcome.error if failed else outcome.message)
        return None
    saved.adopt(ws, outcome)
    if outcome.show is not None:
        state.replace(outcome.show, save=False)
    if tell:
        state.notify("success", outcome.message)
    return outcome


def open_saved(scenario_id: int) -> None:
    """Switch this tab to the saved scenario with this id (as listed: a rename elsewhere since
    doesn't matter)."""
    if _may_leave():
        _act(lambda ws: ws.open_scenario(scenario_id))


def reload_saved() -> None:
    """Throw away this tab's unsaved content and show what is saved."""
    if saved.current() is not None:
        _act(Workspace.reload)


def keep_as_copy(scenario: Scenario) -> None:
    """Save this tab's content as a new scenario (after a refused save)."""
    _act(lambda ws: ws.keep_as_copy(scenario))


def keep_mine(scenario: Scenario) -> None:
    """Save this tab's content over what another tab saved; theirs stays in the history."""
    if saved.current() is not None:
        _act(lambda ws: ws.keep_mine(scenario))


def create(name: str, scenario: Scenario, *, what: str, leaving: bool = True) -> bool:
    """Save `scenario` as a new scenario called `name` and switch to it. `leaving`: the tab's
    content is not what is saved, so an unsaved change there would be dropped."""
    if leaving and not _may_leave():
        return False
    return _act(lambda ws: ws.create(name, scenario, what=what)) is not None


def new_named(base: str, scenario: Scenario, *, what: str) -> None:
    """Like `create`, under the first free name from `base`, picked as it is saved (tabs that
    start new scenarios at the same moment each get one)."""
    if _may_leave():
        _act(lambda ws: ws.create_with_free_name(base, scenario, what=what))


def show_status() -> None:
    """At the top of every page: a change that could not be saved, and what to do about it; or a
    newer version saved by another tab."""
    with slot():  # it comes and goes: nothing after it moves (`ui.layout`)
        _status_banner()


def _status_banner() -> None:
    newer = saved.saved_elsewhere()
    issue = saved.problem()
    saved.saving().shown_problem = issue
    if issue is not None:
        st.error(markdown_escape(issue.message), icon=":material/sync_problem:")
        scenario = state.scenario()
        cols = st.columns(3)
        if issue.kind == "failed":
            cols[0].button(
                "Try saving again", on_click=saved.autosave, args=(scenario,), icon=":material/sync:"
            )
            return
        cols[0].button(
            "Keep this tab's as a new scenario",
            on_click=keep_as_copy,
            args=(scenario,),
            icon=":material/content_copy:",
            help="Saves what this tab shows under a new name; the other one stays as it is.",
        )
        if issue.kind == "stale":
            cols[1].button(
                "Keep this tab's over the other",
                on_click=keep_mine,
                args=(scenario,),
                icon=":material/save:",
                help="Saves what this tab shows as the newest version; the other tab's stays in the history.",
            )
            cols[2].button(
                "Show the saved version",
                on_click=reload_saved,
                icon=":material/refresh:",
                help="Shows the version the other tab saved; this tab's unsaved change is dropped.",
            )
        return
    if newer is not None:
        st.info(
            f"“{markdown_escape(newer.name)}” was changed in another tab or window (version {newer.version}). "
            "Show that version here before you change anything, or your next change will ask.",
            icon=":material/sync:",
        )
        st.button("Show the newer version", on_click=reload_saved, icon=":material/refresh:")


def rename_current(new_name: str) -> None:
    if saved.current() is not None:
        _act(lambda ws: ws.rename(new_name))


def delete_current() -> None:
    """Delete the open scenario (it can be brought back) and open the next most recent one, or
    a new blank one when it was the last."""
    if saved.current() is None or not _may_leave():
        return
    deleted = _act(Workspace.delete, tell=False)
    if deleted is None:
        return
    saved.saving().problem = None
    rest = saved.listing()
    if rest:
        open_saved(rest[0].id)
    else:
        new_named("Untitled", blank_scenario(), what="Started a new blank scenario,")
    state.notify("success", deleted.message)


def restore_version(version: int) -> None:
    """Make an earlier version of the open scenario the current one (as a new version)."""
    if saved.current() is not None:
        _act(lambda ws: ws.restore(version))


def delete_all_mine() -> None:
    """Remove for good every scenario of this owner (and their versions and deleted ones). This
    tab then shows a blank scenario with saving off, so nothing is stored again until the page is
    opened afresh."""
    try:
        removed = access.storage().delete_all(access.owner())
    except (StorageError, ValueError) as error:
        _report(error)
        return
    saved.turn_off("All your saved scenarios were deleted; open the page again to start anew.")
    saved.saving().off_on_purpose = True  # nothing is stored again until the page is opened afresh
    state.replace(blank_scenario(), save=False)
    state.notify(
        "success",
        f"Deleted all your data: {removed} scenario{'' if removed == 1 else 's'} and their history.",
    )


def undelete(name: str, scenario_id: int) -> None:
    """Bring back the deleted scenario that was picked; under a free name when its own is taken."""
    _act(lambda ws: ws.bring_back(scenario_id, name))


def open_as_new(new: Scenario, base: str, *, what: str, undoable: str) -> None:
    """Show `new` as a new saved scenario named from `base`; the one open now stays saved as it is.
    With saving off, it replaces what this tab shows, and Undo brings that back."""
    if saved.current() is None:
        state.replace(new, undoable=undoable)
        return
    new_named(base, new, what=what)


def start_blank() -> None:
    open_as_new(
        blank_scenario(),
        "Untitled",
        what="Started a new blank scenario,",
        undoable="Started from a blank scenario",
    )


def load_example() -> None:
    open_as_new(
        example_scenario(),
        "Example",
        what="Opened a fresh copy of the example as",
        undoable="Loaded the example scenario",
    )
