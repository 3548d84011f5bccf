"""A tab's link to its saved scenarios: which one it edits, at which version, and every action a
person takes on them: open, show the saved version again, autosave, keep this tab's over a newer
version or as a copy, rename, restore a kept version, delete, and bring a deleted one back.

Pure (no Streamlit). Each action returns an `Outcome`: what became of it (`Result`), the sentence
to tell the person, and the scenario the tab shows from now on. `ui.saved` keeps the tab's
`OpenScenario` between runs and makes a `Workspace` from it; `ui.scenarios` shows what an action
returns. The editing tests and tests/test_workspace.py drive it directly against a real database.

Each save is a compare-and-set on the version the tab last saw (core.storage.database): when another
tab saved in between, nothing is overwritten and the outcome says so. The tab knows its scenario by
id, so a rename elsewhere is followed, and a scenario that took the old name is never written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum

from core.model.fields import name_key
from core.model.scenario import Scenario
from core.storage.database import Storage
from core.storage.errors import ScenarioNotFound, StaleWrite, StorageError
from core.storage.names import clean_name, free_name

# One tab's changes within this are kept as one version, unless a change asks for its own.
MERGE_WITHIN = timedelta(minutes=5)


@dataclass(frozen=True)
class OpenScenario:
    """The saved scenario a tab edits: its id (which a rename doesn't change), name and version."""

    id: int
    name: str
    version: int


class Result(Enum):
    """What became of an action."""

    DONE = "done"
    STALE = "stale"  # another tab or window saved a newer version: nothing overwritten
    GONE = "gone"  # deleted elsewhere
    FAILED = "failed"  # the database refused or is out of reach, or the input was refused


@dataclass(frozen=True)
class Outcome:
    """What an action did. `message`: the sentence for the person (on failure, what to do; a
    FAILED outcome's `error` is the storage's, which a hosted app words for the public itself).
    `show`: the scenario the tab shows from now on (None: it keeps what it shows). `saved`: what is
    now stored as the open scenario's latest version (None: unchanged)."""

    kind: Result
    message: str = ""
    show: Scenario | None = None
    saved: Scenario | None = None
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.kind is Result.DONE


# An action on the open scenario, with none open (saving is off in this tab).
_NOTHING_OPEN = Outcome(Result.FAILED, "No saved scenario is open in this tab.")


def _failed(error: Exception) -> Outcome:
    return Outcome(Result.FAILED, str(error), error=error)


def _utc_minute(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC"


@dataclass
class Workspace:
    storage: Storage
    owner: str
    writer: str  # this tab: its run of changes merges into one kept version
    open: OpenScenario | None = None
    merge_within: timedelta | None = None  # None: MERGE_WITHIN
    # How a stored time reads to the person (the app passes the browser's time zone).
    local_time: Callable[[datetime], str] = _utc_minute

    # Saving ----------------------------------------------------------------------------------

    def save(self, scenario: Scenario, *, new_version: bool = False) -> Outcome:
        """Save `scenario` as the open scenario's next version. `new_version`: keep what was saved
        before as a version of its own instead of merging this change into it."""
        if self.open is None:
            return _failed(StorageError(_NOTHING_OPEN.message))
        opened = self.open
        try:
            info = self.storage.save_by_id(
                self.owner,
                opened.id,
                scenario,
                opened.version,
                writer=self.writer,
                merge_within=None if new_version else self._merge_within(),
            )
        except StaleWrite as error:
            return Outcome(Result.STALE, self.stale_message(error), error=error)
        except ScenarioNotFound as error:
            return Outcome(
                Result.GONE,
                f"“{opened.name}” was deleted in another tab or window, so this tab's latest change is not "
                "saved. Keep it as a new saved scenario.",
                error=error,
            )
        except (StorageError, ValueError) as error:
            return _failed(error)
        # The name as stored now: a rename made in another tab is followed.
        self.open = OpenScenario(opened.id, info.name, info.version)
        return Outcome(Result.DONE, saved=scenario)

    def _merge_within(self) -> timedelta:
        return MERGE_WITHIN if self.merge_within is None else self.merge_within  # 0: every save its own

    def stale_message(self, error: StaleWrite) -> str:
        """A save refused because another tab saved since: when, which versions, and that nothing
        was overwritten."""
        return (
            f"“{error.name}” was changed in another tab or window at {self.local_time(error.changed_at)} (it "
            f"is now version {error.current_version}; this tab has version {error.expected_version}). "
            "Nothing was overwritten, and this tab's change is not saved yet: choose below."
        )

    def keep_mine(self, scenario: Scenario) -> Outcome:
        """After a refused save: save this tab's `scenario` over the newer version another tab
        saved; theirs stays in the history."""
        if self.open is None:
            return _NOTHING_OPEN
        try:
            stored = self.storage.info(self.owner, self.open.id)
            info = self.storage.save_by_id(self.owner, self.open.id, scenario, stored.version)
        except (StorageError, ValueError) as error:
            return _failed(error)
        self.open = OpenScenario(info.id, info.name, info.version)
        return Outcome(
            Result.DONE,
            f"Saved this tab's “{info.name}” (version {info.version}). The other tab's version is in its "
            "history on the Saved scenarios page.",
            saved=scenario,
        )

    def keep_as_copy(self, scenario: Scenario) -> Outcome:
        """After a refused save: keep this tab's `scenario` as a new scenario, named after the open
        one with " (this tab)", and switch to it."""
        base = self.open.name if self.open else "My scenario"
        try:
            name = free_name(base, [i.name for i in self.storage.list(self.owner)], " (this tab)")
        except (StorageError, ValueError) as error:
            return _failed(error)
        return self.create(name, scenario, what="Saved this tab's scenario as")

    # Opening and making --------------------------------------------------------------------------

    def open_scenario(self, scenario_id: int) -> Outcome:
        """Switch to the saved scenario with this id (as listed: a rename elsewhere since doesn't
        matter)."""
        try:
            scenario, info = self.storage.load_by_id(self.owner, scenario_id)
        except ScenarioNotFound as error:
            return Outcome(
                Result.GONE,
                "That scenario is no longer there: it was deleted in another tab or window. The Saved "
                "scenarios page can bring it back.",
                error=error,
            )
        except (StorageError, ValueError) as error:
            return _failed(error)
        self.open = OpenScenario(info.id, info.name, info.version)
        return Outcome(Result.DONE, f"Opened “{info.name}”.", show=scenario, saved=scenario)

    def reload(self) -> Outcome:
        """Show the open scenario as it is saved, dropping what the tab shows."""
        if self.open is None:
            return _NOTHING_OPEN
        try:
            scenario, info = self.storage.load_by_id(self.owner, self.open.id)
        except ScenarioNotFound as error:
            return Outcome(Result.GONE, str(error), error=error)
        except (StorageError, ValueError) as error:
            return _failed(error)
        self.open = OpenScenario(info.id, info.name, info.version)
        return Outcome(
            Result.DONE,
            f"Showing the saved “{info.name}”, version {info.version}.",
            show=scenario,
            saved=scenario,
        )

    def create(self, name: str, scenario: Scenario, *, what: str, show: bool = True) -> Outcome:
        """Save `scenario` as a new scenario called `name` and switch to it. The message reads
        "{what} “{name}”. Every change is saved as you go." `show`: the tab shows `scenario` from now
        on (False when it shows it already)."""
        try:
            info = self.storage.create_scenario(self.owner, clean_name(name), scenario)
        except (StorageError, ValueError) as error:
            return _failed(error)
        return self._made(info.id, info.name, info.version, scenario, what, show)

    def create_with_free_name(self, base: str, scenario: Scenario, *, what: str) -> Outcome:
        """Like `create`, under the first free name from `base`, picked as it is saved (tabs that
        start new scenarios at the same moment each get one)."""
        try:
            info = self.storage.create_with_free_name(self.owner, base, scenario)
        except (StorageError, ValueError) as error:
            return _failed(error)
        return self._made(info.id, info.name, info.version, scenario, what, True)

    def _made(
        self, scenario_id: int, name: str, version: int, scenario: Scenario, what: str, show: bool
    ) -> Outcome:
        self.open = OpenScenario(scenario_id, name, version)
        return Outcome(
            Result.DONE,
            f"{what} “{name}”. Every change is saved as you go.",
            show=scenario if show else None,
            saved=scenario,
        )

    # Changing the open one -----------------------------------------------------------------------

    def rename(self, new_name: str) -> Outcome:
        if self.open is None:
            return _NOTHING_OPEN
        old = self.open.name
        try:
            final = self.storage.rename_by_id(self.owner, self.open.id, new_name).name
        except (StorageError, ValueError) as error:
            return _failed(error)
        self.open = replace(self.open, name=final)
        return Outcome(Result.DONE, f"Renamed “{old}” to “{final}”.")

    def restore(self, version: int) -> Outcome:
        """Make an earlier version of the open scenario the current one (as a new version)."""
        if self.open is None:
            return _NOTHING_OPEN
        opened = self.open
        try:
            self.storage.restore_version_by_id(self.owner, opened.id, version, opened.version)
            restored, info = self.storage.load_by_id(self.owner, opened.id)
        except StaleWrite as error:
            message = self.stale_message(error).replace("choose below", "look at the newer version first")
            return Outcome(Result.STALE, message, error=error)
        except (StorageError, ValueError) as error:
            return _failed(error)
        self.open = OpenScenario(opened.id, info.name, info.version)
        return Outcome(
            Result.DONE,
            f"Restored version {version} as version {info.version}. What you had before is kept "
            "among the earlier versions, so this can be undone the same way.",
            show=restored,
            saved=restored,
        )

    def delete(self) -> Outcome:
        """Delete the open scenario (it can be brought back). The caller opens another; until then
        the tab still holds the deleted one, so a save says it is gone rather than nothing."""
        if self.open is None:
            return _NOTHING_OPEN
        opened = self.open
        try:
            self.storage.delete_by_id(self.owner, opened.id)
        except (StorageError, ValueError) as error:
            return _failed(error)
        return Outcome(
            Result.DONE,
            f"Deleted “{opened.name}”. Bring it back under Deleted scenarios if that was a mistake.",
        )

    def bring_back(self, scenario_id: int, name: str) -> Outcome:
        """Bring back the deleted scenario `scenario_id` (listed as `name`); under a free name when
        its own is taken by a live one. The tab keeps what it shows."""
        try:
            live = [i.name for i in self.storage.list(self.owner)]
            taken = {name_key(n) for n in live}
            new_name = free_name(name, live) if name_key(name) in taken else None
            final = self.storage.restore_deleted_by_id(self.owner, scenario_id, new_name).name
        except (StorageError, ValueError) as error:
            return _failed(error)
        renamed = f" (as “{final}”: “{name}” was taken)" if final != name else ""
        return Outcome(Result.DONE, f"Brought back “{name}”{renamed}. Pick it in the sidebar to open it.")
