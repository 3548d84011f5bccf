"""What can go wrong with the saved scenarios, each error with a message that says what to do."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from core.files.scenario_json import ScenarioFileError


class StorageError(Exception):
    """The saved scenarios can't be used right now; `str(error)` says why and what to do.

    `reason`, when set, is the database's own words, for operators (`stay-or-go check`)."""

    reason: str | None = None


class ScenarioNotFound(StorageError, LookupError):
    """No live scenario with that id for this owner (deleted, or never this owner's), or no such version."""


class StaleWrite(StorageError):
    """The scenario was saved elsewhere since it was loaded; nothing was overwritten."""

    def __init__(self, name: str, expected_version: int, current_version: int, changed_at: datetime) -> None:
        self.name = name
        self.expected_version = expected_version
        self.current_version = current_version
        self.changed_at = changed_at
        super().__init__(
            f"“{name}” was changed in another tab or window {_when(changed_at)} (it is now version "
            f"{current_version}; you were editing version {expected_version}). Nothing was "
            "overwritten. Reload it to see that version, or save yours under a new name."
        )


class UnreadableScenario(ScenarioFileError):
    """A stored version of a scenario can't be read back; `name` and `version` say which."""

    def __init__(self, name: str, version: int, reason: str) -> None:
        self.name = name
        self.version = version
        super().__init__(
            f"The saved scenario “{name}” (version {version}) can't be read.\n{reason}\n"
            "Restore an earlier version from its history, or delete it and import a copy you exported."
        )


class DatabaseTimeout(StorageError):
    """The database did not answer within `DATABASE_TIMEOUT_SECONDS`; nothing was changed."""


class DatabaseInUse(StorageError):
    """`restore` was refused because an app process has the database open (or the other way
    round: the app was started while a restore is being made)."""


class TooManyScenarios(StorageError):
    """The owner has `MAX_SCENARIOS_PER_OWNER` scenarios: one must go before another is made."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(
            f"You have {limit} saved scenarios, the most one person can keep. Delete one you no "
            "longer need (Saved scenarios page), or download it as a file first, then try again."
        )


class TooManyUploads(StorageError):
    """More than `UPLOADS_PER_MINUTE` uploads in a minute from one person."""

    def __init__(self, limit: int, wait_seconds: float) -> None:
        self.limit = limit
        self.wait_seconds = wait_seconds
        super().__init__(
            f"That is more than {limit} files opened in a minute. Wait {math.ceil(wait_seconds)} "
            "seconds, then open the file again."
        )


def _when(moment: datetime, now: datetime | None = None) -> str:
    """'at 14:05' today, 'on 3 Mar at 14:05' another day, in this computer's time zone."""
    local = moment.astimezone()
    today = (now or datetime.now(UTC)).astimezone().date()
    if local.date() == today:
        return f"at {local:%H:%M}"
    year = f" {local.year}" if local.year != today.year else ""
    return f"on {local.day} {local:%b}{year} at {local:%H:%M}"
