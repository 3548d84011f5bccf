"""Test-only: the saved scenarios asked for by name, as many storage tests read best.

The product finds a scenario only by its id (`core.storage.database.Storage`). A test that sets up
"Plan", saves it twice and reads "Plan" back reads more plainly by name, so `NamedStorage` adds
those calls here, each a lookup in `Storage.list` (or `list_deleted`) and then the id-first call.
A name matches whatever its capitals, as names are unique per owner (`name_key`).
"""

from __future__ import annotations

from datetime import timedelta

from core.model.fields import name_key
from core.model.scenario import Scenario
from core.storage.database import Storage, VersionInfo
from core.storage.errors import ScenarioNotFound
from core.storage.names import clean_name


class NamedStorage(Storage):
    def id_of(self, owner: str, name: str) -> int:
        """The id of the owner's live scenario called `name`; ScenarioNotFound when there is none."""
        try:
            key = name_key(clean_name(name))
        except ValueError:
            raise _no_such(name) from None
        for info in self.list(owner):
            if name_key(info.name) == key:
                return info.id
        raise _no_such(name)

    def create(self, owner: str, name: str, scenario: Scenario) -> int:
        return self.create_scenario(owner, name, scenario).version

    def load(self, owner: str, name: str) -> tuple[Scenario, int]:
        scenario, info = self.load_by_id(owner, self.id_of(owner, name))
        return scenario, info.version

    def versions(self, owner: str, name: str) -> list[VersionInfo]:
        return self.versions_by_id(owner, self.id_of(owner, name))

    def load_version(self, owner: str, name: str, version: int) -> Scenario:
        return self.load_version_by_id(owner, self.id_of(owner, name), version)

    def save(
        self,
        owner: str,
        name: str,
        scenario: Scenario,
        expected_version: int,
        *,
        writer: str | None = None,
        merge_within: timedelta | None = None,
    ) -> int:
        scenario_id = self.id_of(owner, name)
        info = self.save_by_id(
            owner, scenario_id, scenario, expected_version, writer=writer, merge_within=merge_within
        )
        return info.version

    def restore_version(self, owner: str, name: str, version: int, expected_version: int) -> int:
        return self.restore_version_by_id(owner, self.id_of(owner, name), version, expected_version).version

    def rename(self, owner: str, name: str, new_name: str) -> str:
        return self.rename_by_id(owner, self.id_of(owner, name), new_name).name

    def duplicate(self, owner: str, name: str, new_name: str) -> int:
        return self.duplicate_by_id(owner, self.id_of(owner, name), new_name).version

    def delete(self, owner: str, name: str) -> None:
        self.delete_by_id(owner, self.id_of(owner, name))

    def restore_deleted(self, owner: str, name: str, new_name: str | None = None) -> str:
        """Bring back the most recently deleted scenario called `name`; the name it has now."""
        key = name_key(clean_name(name))
        deleted = [d for d in self.list_deleted(owner) if name_key(d.name) == key]  # newest first
        if not deleted:
            raise ScenarioNotFound(f"There is no deleted scenario called “{name.strip()}” to restore.")
        return self.restore_deleted_by_id(owner, deleted[0].id, new_name).name


def _no_such(name: object) -> ScenarioNotFound:
    shown = name.strip() if isinstance(name, str) else repr(name)
    return ScenarioNotFound(f"There is no saved scenario called “{shown}”.")
