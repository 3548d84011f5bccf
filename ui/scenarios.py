"""What a person does with saved scenarios, and what the page says about them: open, show the
saved version, keep this tab's as a copy or over the saved one, rename, delete, restore a kept
version, bring back, delete everything; start a blank scenario or the example as a new one; and
the banner at the top of the page when this tab's latest change could not be saved.

These sit above both `ui.state` (what the tab shows) and `ui.saved` (its link to the database):
each action reads and writes through `ui.saved`, then shows the result with `ui.state`. Neither
of those imports this module, so the two never import each other.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from core.model.example import blank_scenario, example_scenario
from core.model.fields import name_key
from core.model.scenario import Scenario
from core.storage.database import ScenarioInfo
from core.storage.errors import ScenarioNotFound, StaleWrite, StorageError
from core.storage.names import clean_name
from core.text import markdown_escape
from ui import saved, state
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


def _show(scenario: Scenario, name: str, version: int, scenario_id: int) -> None:
    saved.set_open(name, version, scenario_id)
    saved.saving().saved = scenario
    state.replace(scenario, save=False)


def _report(error: Exception | str) -> None:
    state.notify("error", saved.public(error))


def open_saved(scenario_id: int) -> None:
    """Switch this tab to the saved scenario with this id (as listed: a rename elsewhere since
    doesn't matter)."""
    if not _may_leave():
        return
    try:
        scenario, info = saved.storage().load_by_id(saved.owner(), scenario_id)
    except ScenarioNotFound:
        _report(
            "That scenario is no longer there: it was deleted in another tab or window. The Saved "
            "scenarios page can bring it back."
        )
        return
    except (StorageError, ValueError) as error:
        _report(error)
        return
    _show(scenario, info.name, info.version, info.id)
    state.notify("success", f"Opened “{info.name}”.")


def reload_saved() -> None:
    """Throw away this tab's unsaved content and show what is saved."""
    opened = saved.current()
    if opened is None:
        return
    try:
        scenario, info = saved.storage().load_by_id(saved.owner(), opened.id)
    except (StorageError, ValueError) as error:
        _report(error)
        return
    _show(scenario, info.name, info.version, info.id)
    state.notify("success", f"Showing the saved “{info.name}”, version {info.version}.")


def keep_as_copy(scenario: Scenario) -> None:
    """Save this tab's content as a new scenario (after a refused save)."""
    opened = saved.current()
    try:
        name = saved.unique_name(
            opened.name if opened else "My scenario", saved.storage().list(saved.owner()), " (this tab)"
        )
    except (StorageError, ValueError) as error:
        _report(error)
        return
    create(name, scenario, what="Saved this tab's scenario as", leaving=False)


def keep_mine(scenario: Scenario) -> None:
    """Save this tab's content over what another tab saved; theirs stays in the history."""
    opened = saved.current()
    if opened is None:
        return
    scenario_id = opened.id
    try:
        store = saved.storage()
        stored = store.info(saved.owner(), scenario_id)
        info = store.save_by_id(saved.owner(), scenario_id, scenario, stored.version)
    except (StorageError, ValueError) as error:
        _report(error)
        return
    name = info.name
    saved.set_open(info.name, info.version, info.id)
    saved.saving().saved = scenario
    state.notify(
        "success",
        f"Saved this tab's “{name}” (version {info.version}). The other tab's version is in its "
        "history on the Saved scenarios page.",
    )


def create(name: str, scenario: Scenario, *, what: str, leaving: bool = True) -> bool:
    """Save `scenario` as a new scenario called `name` and switch to it. `leaving`: the tab's
    content is not what is saved, so an unsaved change there would be dropped."""
    if leaving and not _may_leave():
        return False
    try:
        info = saved.storage().create_scenario(saved.owner(), clean_name(name), scenario)
    except (StorageError, ValueError) as error:
        _report(error)
        return False
    _opened(info, scenario, what)
    return True


def _opened(info: ScenarioInfo, scenario: Scenario, what: str) -> None:
    _show(scenario, info.name, info.version, info.id)
    state.notify("success", f"{what} “{info.name}”. Every change is saved as you go.")


def new_named(base: str, scenario: Scenario, *, what: str) -> None:
    """Like `create`, under the first free name from `base`, picked as it is saved (tabs that
    start new scenarios at the same moment each get one)."""
    if not _may_leave():
        return
    try:
        info = saved.storage().create_with_free_name(saved.owner(), base, scenario)
    except (StorageError, ValueError) as error:
        _report(error)
        return
    _opened(info, scenario, what)


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
    opened = saved.current()
    if opened is None:
        return
    try:
        final = saved.storage().rename_by_id(saved.owner(), opened.id, new_name).name
    except (StorageError, ValueError) as error:
        _report(error)
        return
    saved.saving().open = replace(opened, name=final)
    state.notify("success", f"Renamed “{opened.name}” to “{final}”.")


def delete_current() -> None:
    """Delete the open scenario (it can be brought back) and open the next most recent one, or
    a new blank one when it was the last."""
    opened = saved.current()
    if opened is None or not _may_leave():
        return
    try:
        saved.storage().delete_by_id(saved.owner(), opened.id)
    except (StorageError, ValueError) as error:
        _report(error)
        return
    saved.saving().problem = None
    rest = saved.listing()
    if rest:
        open_saved(rest[0].id)
    else:
        new_named("Untitled", blank_scenario(), what="Started a new blank scenario,")
    state.notify(
        "success", f"Deleted “{opened.name}”. Bring it back under Deleted scenarios if that was a mistake."
    )


def restore_version(version: int) -> None:
    """Make an earlier version of the open scenario the current one (as a new version)."""
    opened = saved.current()
    if opened is None:
        return
    expected, scenario_id = opened.version, opened.id
    try:
        store = saved.storage()
        store.restore_version_by_id(saved.owner(), scenario_id, version, expected)
        restored, info = store.load_by_id(saved.owner(), scenario_id)
        name, stored_version = info.name, info.version
    except StaleWrite as error:
        _report(saved.stale_message(error).replace("choose below", "look at the newer version first"))
        return
    except (StorageError, ValueError) as error:
        _report(error)
        return
    _show(restored, name, stored_version, scenario_id)
    state.notify(
        "success",
        f"Restored version {version} as version {stored_version}. What you had before is kept "
        "among the earlier versions, so this can be undone the same way.",
    )


def delete_all_mine() -> None:
    """Remove for good every scenario of this owner (and their versions and deleted ones). This
    tab then shows a blank scenario with saving off, so nothing is stored again until the page is
    opened afresh."""
    try:
        removed = saved.storage().delete_all(saved.owner())
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
    try:
        store = saved.storage()
        taken = {name_key(i.name) for i in store.list(saved.owner())}
        new_name = saved.unique_name(name, store.list(saved.owner())) if name_key(name) in taken else None
        final = store.restore_deleted_by_id(saved.owner(), scenario_id, new_name).name
    except (StorageError, ValueError) as error:
        _report(error)
        return
    renamed = f" (as “{final}”: “{name}” was taken)" if final != name else ""
    state.notify("success", f"Brought back “{name}”{renamed}. Pick it in the sidebar to open it.")


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
