"""A tab's link to its saved scenario: which one it edits, at which version, and saving to it.

Pure (no Streamlit). `ui.saved` keeps one `Workspace` per tab and shows what its actions return;
the editing tests drive it directly against a real database.

Each save is a compare-and-set on the version the tab last saw (core.storage.database): when another tab
saved in between, nothing is overwritten and the outcome says so. The tab knows its scenario by
id, so a rename elsewhere is followed, and a scenario that took the old name is never written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

from core.model.scenario import Scenario
from core.storage.database import Storage
from core.storage.errors import ScenarioNotFound, StaleWrite, StorageError

# One tab's changes within this are kept as one version, unless a change asks for its own.
MERGE_WITHIN = timedelta(minutes=5)


@dataclass(frozen=True)
class OpenScenario:
    """The saved scenario a tab edits: its id (which a rename doesn't change), name and version."""

    id: int
    name: str
    version: int


class Saved(Enum):
    """What became of a save."""

    SAVED = "saved"
    STALE = "stale"  # another tab or window saved a newer version: nothing overwritten
    GONE = "gone"  # deleted elsewhere
    FAILED = "failed"  # the database refused or is out of reach


@dataclass(frozen=True)
class SaveOutcome:
    kind: Saved
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.kind is Saved.SAVED


@dataclass
class Workspace:
    storage: Storage
    owner: str
    writer: str  # this tab: its run of changes merges into one kept version
    open: OpenScenario | None = None
    merge_within: timedelta | None = None  # None: MERGE_WITHIN

    def save(self, scenario: Scenario, *, new_version: bool = False) -> SaveOutcome:
        """Save `scenario` as the open scenario's next version. `new_version`: keep what was saved
        before as a version of its own instead of merging this change into it."""
        if self.open is None:
            return SaveOutcome(Saved.FAILED, StorageError("No saved scenario is open in this tab."))
        opened = self.open
        try:
            info = self.storage.save_by_id(
                self.owner,
                opened.id,
                scenario,
                opened.version,
                writer=self.writer,
                merge_within=None if new_version else (self.merge_within or MERGE_WITHIN),
            )
        except StaleWrite as error:
            return SaveOutcome(Saved.STALE, error)
        except ScenarioNotFound as error:
            return SaveOutcome(Saved.GONE, error)
        except (StorageError, ValueError) as error:
            return SaveOutcome(Saved.FAILED, error)
        # The name as stored now: a rename made in another tab is followed.
        self.open = OpenScenario(opened.id, info.name, info.version)
        return SaveOutcome(Saved.SAVED)
