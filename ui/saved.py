"""Saved scenarios in the app: which one this tab edits, and saving every change.

Every change to the scenario (`ui.state.replace`, which calls `autosave`) is saved at once to the database of
`core.storage.database`, so a refresh, a closed tab or a restarted server loses nothing. This tab remembers
the scenario it edits (`Saving.open`, a `core.storage.workspace.OpenScenario`: its id, name and version;
the id tells it apart from a scenario that took its name after a rename elsewhere). When another tab or window saved that scenario in
between, the save is refused (`StaleWrite`) and the page says so, with three ways out: show the
saved one, keep this tab's as a new scenario, or keep this tab's over it. Nothing is overwritten
silently, this tab's content stays on screen until the person chooses, and nothing that would
switch to another scenario is allowed until then. The buttons for all of that, and every other
action on saved scenarios, are in `ui.scenarios`, which uses this module and `ui.state`. What each
action does to the database, and what it says, is `core.storage.workspace.Workspace`'s; this module
makes the tab's Workspace (`workspace`) and takes back what an action changed (`adopt`).

A change made with an Undo button (deleting an option, opening a file...) starts a new kept
version, so what was there before it stays in the history even after the tab is closed.

Where the scenarios are and whose (the database, the signed-in owner, the sign-in page) is
`ui.access`.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from core.model.example import example_scenario
from core.model.scenario import Scenario
from core.storage.database import LOCAL_OWNER, ScenarioInfo, Storage
from core.storage.errors import StorageError, TooManyUploads, UnreadableScenario
from core.storage.hosting import UploadRateLimiter
from core.storage.names import free_name
from core.storage.workspace import OpenScenario, Outcome, Result, Workspace
from ui.access import owner, public, sign_in_configured, storage

SECRETS_CONNECTION = "stay_or_go"  # [connections.stay_or_go] url = "..."

_SAVING = "_saving"  # this tab's Saving


@dataclass(frozen=True)
class SaveProblem:
    """Why this tab can't save. `kind`: stale (another tab saved since), gone (deleted elsewhere,
    with a change of this tab not saved), moved (deleted elsewhere, nothing unsaved here) or failed
    (the database refused or is out of reach)."""

    kind: str
    message: str

    @property
    def unsaved(self) -> bool:
        """This tab holds a change that is not saved anywhere: switching away would lose it."""
        return self.kind != "moved"


@dataclass
class Saving:
    """This tab's link to the database, in one plain object. A save changes only this object
    after it has written, never session state, where a newer rerun could stop it halfway and
    leave the tab believing an older version is stored (and then report its own save as a
    change made in another tab)."""

    writer: str = field(default_factory=lambda: uuid.uuid4().hex)  # merges this tab's run of changes
    open: OpenScenario | None = None  # the saved scenario this tab edits
    problem: SaveProblem | None = None  # set while this tab's content is not saved
    off: str | None = None  # why saving is off for this tab (the database can't be opened)
    listed: list[ScenarioInfo] | None = None  # the listing read at the top of this run
    saved: Scenario | None = None  # what this tab last saved, or loaded from the database
    uploads: dict[str, str | None] = field(default_factory=dict)  # file id -> why it was refused
    shown_problem: SaveProblem | None = None  # the problem the page's banner shows
    off_checked: float = 0.0  # when saving, off, was last tried again (time.monotonic)
    retry_every: float = 0.0  # and how long to wait before the next try (doubles, see RETRY_SECONDS)
    started_with: Scenario | None = None  # what the tab showed when saving turned off
    off_on_purpose: bool = False  # after "Delete all my data": not tried again
    notices: list[tuple[str, str]] = field(default_factory=list)


def saving() -> Saving:
    """This tab's Saving (made on first use)."""
    state = st.session_state.get(_SAVING)
    if state is None:
        state = Saving()
        st.session_state[_SAVING] = state
    return state


# Uploads -------------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _upload_limiter() -> UploadRateLimiter:
    return UploadRateLimiter()


def upload_refused(uploaded: Any) -> str | None:
    """Why an uploaded file may not be read (too many uploads a minute, when hosted), or None.
    Each file counts once, however often the page is drawn with it. The local app has no limit."""
    if not sign_in_configured():
        return None
    s = saving()
    file_id = getattr(uploaded, "file_id", None) or id(uploaded)
    if file_id not in s.uploads:
        try:
            _upload_limiter().check(owner() or LOCAL_OWNER)
            s.uploads[file_id] = None
        except TooManyUploads as error:
            s.uploads[file_id] = str(error)
    return s.uploads[file_id]


# This tab's scenario ------------------------------------------------------------------------


def _writer() -> str:
    return saving().writer


def current() -> OpenScenario | None:
    """The saved scenario this tab edits (its id, name and version), or None when saving is off."""
    return saving().open


def problem() -> SaveProblem | None:
    return saving().problem


def off_reason() -> str | None:
    return saving().off


def turn_off(error: Exception | str, showing: Scenario | None = None) -> None:
    s = saving()
    s.off = str(error)
    s.open = None
    s.off_checked = time.monotonic()
    s.retry_every = RETRY_SECONDS
    s.started_with = showing


# While saving is off, it is tried again at the start of a run, first after this many seconds, then
# after twice as long each time it fails (a database that hangs costs its timeout at each try), at
# most every RETRY_MAX_SECONDS.
RETRY_SECONDS = 5.0
RETRY_MAX_SECONDS = 60.0


@dataclass(frozen=True)
class Back:
    """Saving is back on: what to tell the person, and the scenario the tab shows from now on
    (None: it keeps showing what it shows)."""

    message: str
    show: Scenario | None = None


def try_again_when_off(scenario: Scenario) -> Back | None:
    """Saving was off when this tab opened (the database was out of reach): try again, and once
    it works, keep what the tab shows. Unchanged since it opened: the most recent saved scenario
    opens, as in a new tab. Changed: it is saved as a new scenario of its own, so nothing typed
    is lost and nothing saved elsewhere meanwhile is overwritten. None while it is still off."""
    s = saving()
    if (
        s.off is None
        or s.off_on_purpose
        or time.monotonic() - s.off_checked < min(s.retry_every, RETRY_MAX_SECONDS)
    ):
        return None
    s.off_checked = time.monotonic()
    s.retry_every = max(RETRY_SECONDS, 2 * s.retry_every)
    who = owner()
    try:
        store = storage()
        store.list(who)
    except (StorageError, ValueError):
        return None
    s.off = None
    if s.started_with is not None and scenario == s.started_with:
        return Back("Saving is back on: every change is saved again.", show=open_at_start(None))
    try:
        name = unique_name(_base_name(scenario) + " (kept while saving was off)", store.list(who))
        info = store.create_scenario(who, name, scenario)
    except (StorageError, ValueError) as error:
        turn_off(public(error), s.started_with)
        return None
    set_open(info.name, info.version, info.id)
    s.saved = scenario
    return Back(
        f"Saving is back on. What you entered while it was off is saved as “{info.name}”; every "
        "change is saved again."
    )


def set_open(name: str, version: int, scenario_id: int, s: Saving | None = None) -> None:
    s = s or saving()
    s.open = OpenScenario(scenario_id, name, version)
    s.problem = None


def local_time(moment: datetime) -> str:
    """A stored time in the browser's time zone (the server's when the browser didn't say)."""
    try:
        zone = ZoneInfo(st.context.timezone) if st.context.timezone else None
    except (ZoneInfoNotFoundError, ValueError):
        zone = None
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


def open_at_start(seeded: Scenario | None) -> Scenario:
    """The scenario a new tab starts with: the one changed most recently, or the example saved
    under "Example" when there is none yet (tabs opened together on an empty database all get the
    same one). A scenario already in the session (`seeded`) is saved as a new one instead. With
    the database out of reach, the example, unsaved, and a message. Deleted scenarios past their
    30 days are removed for good here, once per tab."""
    who = owner()
    try:
        store = storage()
        store.purge_deleted(who)
        if seeded is not None:
            return _create_and_open(store, who, _base_name(seeded), seeded)
        info, _ = store.latest_or_create(who, "Example", example_scenario())
        try:
            scenario, info = store.load_by_id(who, info.id)
        except UnreadableScenario as error:
            saving().notices.append(("warning", str(error)))
            return _first_readable(store, who)
        set_open(info.name, info.version, info.id)
        saving().saved = scenario
        return scenario
    except (StorageError, ValueError) as error:
        showing = seeded if seeded is not None else example_scenario()
        turn_off(public(error), showing)
        return showing


def _first_readable(store: Storage, who: str) -> Scenario:
    """The most recent scenario that can be read; a new example when none can."""
    for info in store.list(who):
        try:
            scenario, info = store.load_by_id(who, info.id)
        except UnreadableScenario as error:
            saving().notices.append(("warning", str(error)))
            continue
        set_open(info.name, info.version, info.id)
        saving().saved = scenario
        return scenario
    return _create_and_open(store, who, "Example", example_scenario())


def _base_name(scenario: Scenario) -> str:
    return "Example" if scenario.example else "My scenario"


def _create_and_open(store: Storage, who: str, base: str, scenario: Scenario) -> Scenario:
    info = store.create_scenario(who, unique_name(base, store.list(who)), scenario)
    set_open(info.name, info.version, info.id)
    saving().saved = scenario
    return scenario


def unique_name(base: str, taken: list[ScenarioInfo] | list[str], suffix: str = "") -> str:
    """`core.storage.names.free_name` among these names (or listings)."""
    return free_name(base, [t if isinstance(t, str) else t.name for t in taken], suffix)


def workspace(s: Saving | None = None) -> Workspace:
    """This tab's Workspace: its open scenario, as this tab's writer, times in the browser's zone.
    Raises StorageError when the database can't be opened."""
    s = s or saving()
    return Workspace(storage(), owner(), s.writer, s.open, local_time=local_time)


def adopt(workspace: Workspace, outcome: Outcome, s: Saving | None = None) -> None:
    """After an action that was done: this tab's Saving takes the workspace's open scenario. One
    that saved or opened a scenario also takes what is saved and clears the problem the banner
    showed; one that did neither (a rename) keeps the problem."""
    s = s or saving()
    opened = workspace.open
    if opened is None:
        return
    if outcome.saved is None:
        s.open = opened
        return
    set_open(opened.name, opened.version, opened.id, s)
    s.saved = outcome.saved


def autosave(scenario: Scenario, *, new_version: bool = False, state: Saving | None = None) -> None:
    """Save this tab's scenario now. A refused save leaves the tab's content as it is and sets
    `problem()` for the page to show; the next successful save clears it. `new_version`: keep
    what was saved before as a version of its own (for changes Undo can take back).

    `state`: this tab's Saving, read by the caller before it changed anything; after the write
    only that object changes, never session state (see `Saving`)."""
    s = state or saving()
    if s.open is None:
        return
    try:
        ws = workspace(s)
    except StorageError as error:
        s.problem = SaveProblem(
            "failed", f"Your latest change is not saved: {public(error)} It stays in this tab."
        )
        return
    outcome = ws.save(scenario, new_version=new_version)
    if outcome.kind is Result.FAILED:
        s.problem = SaveProblem(
            "failed", f"Your latest change is not saved: {public(outcome.error)} It stays in this tab."
        )
    elif not outcome.ok:
        s.problem = SaveProblem(outcome.kind.value, outcome.message)
    else:
        adopt(ws, outcome, s)


def save_if_behind(scenario: Scenario) -> None:
    """At the start of a run: save what this tab shows if its last save did not happen (a run
    stopped before the save, or the database was out of reach and has come back)."""
    s = saving()
    if s.open is None or s.saved is scenario:
        return
    if s.problem is None or s.problem.kind == "failed":
        autosave(scenario, state=s)


def saved_elsewhere() -> ScenarioInfo | None:
    """Check the open scenario against the database, once per page view. Follows a rename made in
    another tab; returns the stored scenario when another tab saved a newer version; sets a "moved"
    problem when it was deleted elsewhere (and clears it when it is back)."""
    opened = current()
    issue = problem()
    if opened is None or (issue is not None and issue.unsaved):
        return None
    try:
        infos = storage().list(owner())
    except StorageError:
        return None
    s = saving()
    s.listed = infos  # the sidebar's picker, drawn next, lists the same
    info = next((i for i in infos if i.id == opened.id), None)
    if info is None:
        s.problem = SaveProblem(
            "moved",
            f"“{opened.name}” was deleted in another tab or window. Keep what this tab shows as a new saved "
            "scenario, or pick another one in the sidebar.",
        )
        return None
    s.problem = None  # back again (brought back elsewhere), or never gone
    if info.name != opened.name:
        s.open = replace(opened, name=info.name)
    return info if info.version != opened.version else None


# Names ---------------------------------------------------------------------------------------


def named(scenario: Scenario, name: str) -> Scenario:
    """`scenario` under the name `name`."""
    return scenario if scenario.name == name else scenario.model_copy(update={"name": name})


def as_saved(scenario: Scenario) -> Scenario:
    """The scenario under the name it is saved as (when saving is on): one name in the list, the
    downloaded file and its file name, the command line's report and the decision summary. The
    saved name is the one fact; renaming a scenario changes no version of it."""
    opened = current()
    return named(scenario, opened.name) if opened else scenario


def listing(*, just_read: bool = False) -> list[ScenarioInfo]:
    """This owner's saved scenarios. `just_read`: the list `saved_elsewhere` read at the top of
    this run may be used (only the sidebar, drawn right after it, asks for that)."""
    s = saving()
    listed, s.listed = s.listed, None
    if just_read and listed is not None:
        return listed
    try:
        return storage().list(owner())
    except StorageError:
        return []


def read(method: str, *args: Any) -> tuple[Any, str | None]:
    """Call a reading Storage method for this tab's owner: (result, None), or (None, why not) for
    the page to show where it is."""
    try:
        return getattr(storage(), method)(owner(), *args), None
    except (StorageError, ValueError) as error:
        return None, public(error)
