"""Saved scenarios: named, versioned and kept per owner, in SQLite by default or PostgreSQL when hosted.

Where the data lives (`core.storage.location`)
    `default_url()` is a SQLite file, ``scenarios.db``, in the user's data folder as platformdirs
    finds it: on Linux ``$XDG_DATA_HOME/stay-or-go`` (``~/.local/share/stay-or-go`` when that is
    unset), on macOS ``~/Library/Application Support/stay-or-go``, on Windows
    ``%LOCALAPPDATA%\\stay-or-go``. Set the environment variable ``STAY_OR_GO_DB_URL`` to any
    SQLAlchemy URL to keep it elsewhere, for example ``sqlite:////srv/stay-or-go/scenarios.db`` or
    ``postgresql+psycopg://user:password@db.example/stay_or_go`` (``postgresql://`` and
    ``postgres://`` are read as psycopg 3, the driver the project installs). SQLite and PostgreSQL
    are the two databases this is tested on; soft delete relies on a partial unique index, which
    both have.

Owners
    Every scenario belongs to an owner: ``LOCAL_OWNER`` ("local") in the single-user local app, the
    signed-in identity when the app is hosted with sign-in. Every query filters by owner, so one
    owner can never list, read, change, restore or delete another's scenarios; to the other owner
    they simply do not exist.

Ids
    A scenario is known by its id (`ScenarioInfo.id`), which a rename doesn't change:
    `create_scenario` returns it, and `load_by_id`, `save_by_id`, `rename_by_id`, `delete_by_id`,
    `restore_version_by_id`, ... take it. So a tab whose scenario was renamed elsewhere, and then
    had its old name taken by a new scenario, still reads and writes its own. No method finds a
    scenario by its name.
    `latest_or_create` is what a tab opening calls: the owner's latest scenario, or exactly one new
    one however many tabs open at once.

Versions and two tabs
    Each scenario has a version number, 1 when created and one more on every save. `load_by_id`
    returns it and `save_by_id` takes it back as `expected_version`: when the stored version is another, somebody
    (another tab, window or device) saved in between, and `save_by_id` raises `StaleWrite` with a message
    saying what to do, writing nothing. Saving exactly what is stored already writes nothing and
    returns the stored version. The last `history` versions (20 by default) are kept and can be
    restored; restoring makes the old content current as a new version, so it can be undone too.
    The app saves after every change; it names the tab as `writer` so that one tab's run of changes
    within a few minutes is kept as one version (each save still gets its own number).

Deleting
    `delete_by_id` only marks a scenario deleted: `restore_deleted_by_id` brings it back (the undo) and
    `purge_deleted` removes deleted ones for good once they are old enough.

Format
    A version's content is the scenario JSON of `core.files.scenario_json.scenario_to_json`, read back with
    `core.files.scenario_json.scenario_from_json`, so a scenario saved by an older Stay or Go migrates when loaded. A
    stored version that can't be read raises `UnreadableScenario` naming the scenario; listing never
    reads contents, so it keeps working. The database layout has its own version (`SCHEMA_VERSION`,
    in the table ``stay_or_go_schema``) so a later layout can migrate the tables.

Time limits
    A call waits at most `DATABASE_TIMEOUT_SECONDS` for the database (SQLite's lock held by another
    writer; on PostgreSQL connecting, a free pooled connection, a statement, and a server that
    stopped answering, `core.storage.deadline`), then raises `DatabaseTimeout` saying what to do.

Limits
    `MAX_SCENARIOS_PER_OWNER` live scenarios per owner (`TooManyScenarios`), `DEFAULT_HISTORY`
    versions each; `core.storage.hosting` has `UploadRateLimiter` for `UPLOADS_PER_MINUTE` per person
    (`TooManyUploads`) and `hosted_without_sign_in`, the rule the app applies at start against a
    shared database. Errors are in `core.storage.errors`, names in `core.storage.names`, the tables
    in `core.storage.schema`.

The person's own data
    `export_all` and `delete_all` act on one owner's rows only. Backups of a SQLite file are
    `core.storage.backup` (every Storage over a SQLite file holds the shared lock `hold_running_lock`, so a
    restore knows the app is running).

Every statement is built with SQLAlchemy Core and every value is a bound parameter. A `Storage` is
safe to share between threads (one per process, e.g. in `st.cache_resource`).
"""

from __future__ import annotations

import json
import math
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import URL
from sqlalchemy.exc import (
    DisconnectionError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    SQLAlchemyError,
)

from core.files.scenario_json import (
    MAX_SCENARIO_BYTES,
    ScenarioFileError,
    scenario_from_json,
    scenario_to_json,
)
from core.model.fields import name_key
from core.model.scenario import Scenario
from core.storage.deadline import Deadline, TimedOut, active_deadline
from core.storage.errors import (
    DatabaseTimeout,
    ScenarioNotFound,
    StaleWrite,
    StorageError,
    TooManyScenarios,
    UnreadableScenario,
)
from core.storage.location import ENV_URL, normalize_url, private_file
from core.storage.names import check_owner, clean_name, free_name, name_taken
from core.storage.running_lock import RunningLock, hold_running_lock
from core.storage.schema import (
    SCHEMA_VERSION,
    for_postgres,
    live_only,
    metadata,
    scenarios_table,
    schema_table,
    versions_table,
)

LOCAL_OWNER = "local"

DEFAULT_HISTORY = 20
DEFAULT_PURGE_AFTER = timedelta(days=30)

# How long one storage call may wait for the database (to connect, for a free connection, for a
# statement, for SQLite's lock held by another writer) before it fails with `DatabaseTimeout`.
DATABASE_TIMEOUT_SECONDS = 5
# Limits a hosted service needs. Versions kept per scenario is `DEFAULT_HISTORY`: older ones are
# dropped as new ones are saved, so reaching it refuses nothing.
MAX_SCENARIOS_PER_OWNER = 200
# `Storage.export_all`: the shape of the file (docs/scenario-format.md, "All of one person's saved scenarios").
EXPORT_FORMAT = "stay-or-go/export"
EXPORT_VERSION = 1

# Any fixed number: PostgreSQL's advisory lock that lets one app process create the tables at a time.
_SCHEMA_LOCK_KEY = 7_305_190_126

_S = scenarios_table.c
_V = versions_table.c
_CURRENT = scenarios_table.join(versions_table, and_(_V.scenario_id == _S.id, _V.version == _S.version))


# Listings -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScenarioInfo:
    """One saved scenario in a listing: its name, current version and when its content last changed."""

    name: str
    version: int
    updated_at: datetime  # UTC
    id: int  # stays the same through renames; a tab keeps it to know it saves the same scenario


@dataclass(frozen=True)
class VersionInfo:
    """One kept version of a scenario."""

    version: int
    saved_at: datetime  # UTC
    current: bool


@dataclass(frozen=True)
class DeletedInfo:
    """A deleted scenario that `restore_deleted_by_id` can still bring back."""

    name: str
    deleted_at: datetime  # UTC
    id: int


def _utc_now() -> datetime:
    return datetime.now(UTC)


# The storage ----------------------------------------------------------------------------------


class Storage:
    """Named, versioned scenarios per owner in the database at `url` (a SQLAlchemy URL).

    Tables are created on first use. `history` is how many versions of each scenario are kept;
    `max_scenarios` how many live scenarios one owner may have; `timeout` how many seconds one call
    may wait for the database; `clock` returns the current time (timezone-aware) and exists for
    tests.

    Scenarios are known by id (`ScenarioInfo.id`, which a rename doesn't change): `create_scenario`,
    `create_with_free_name` and `latest_or_create` give a new one's listing with its id, and every
    other method takes that id. Nothing here finds a scenario by its name; a name is only what the
    person calls it, unique per owner whatever its capitals.

    Over a SQLite file, a Storage holds a shared lock on ``<file>.lock`` for as long as it exists
    (`hold_running_lock`), so that `core.storage.backup.restore_database` knows the app is running.
    """

    def __init__(
        self,
        url: str | URL,
        *,
        history: int = DEFAULT_HISTORY,
        max_scenarios: int = MAX_SCENARIOS_PER_OWNER,
        timeout: float = DATABASE_TIMEOUT_SECONDS,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        if not isinstance(history, int) or history < 1:
            raise ValueError("Keep at least one version of each scenario (history >= 1).")
        self.url = normalize_url(url)
        self.history = history
        self.max_scenarios = max_scenarios
        self.timeout = timeout
        self._clock = clock
        self._running_lock: RunningLock | None = None
        self._wants_running_lock = False
        options: dict[str, Any] = {"pool_timeout": timeout}  # waiting for a free connection
        self._postgres = self.url.get_backend_name() == "postgresql"
        if self.url.get_backend_name() == "sqlite":
            database = self.url.database or ""
            if database and database != ":memory:" and not database.startswith("file:"):
                private_file(Path(database).expanduser())
            # How long to wait for another writer's lock before giving up ("database is locked").
            options["connect_args"] = {"timeout": timeout}
        elif self._postgres:
            for_postgres()
            # Connecting is bounded by connect_timeout (set per attempt, see `_pg_connect`), a
            # statement by statement_timeout, and a whole call by `Deadline` (a frozen server
            # answers nothing, so only the client can stop waiting). Idle connections a hosted
            # database dropped are found by the ping in `_pg_checkout`.
            options["connect_args"] = {"connect_timeout": max(2, math.ceil(timeout))}
        try:
            self.engine: Engine = create_engine(self.url, **options)
        except (SQLAlchemyError, ImportError, TypeError) as error:
            raise StorageError(
                f"{self.location} is not a database Stay or Go can use ({error}). Set {ENV_URL} to "
                "something like sqlite:////path/to/scenarios.db or "
                "postgresql+psycopg://user:password@host/database."
            ) from None
        if self.url.get_backend_name() == "sqlite":
            event.listen(self.engine, "connect", _sqlite_write_ahead_log)
            self._running_lock = hold_running_lock(self.url)
            self._wants_running_lock = self._running_lock is not None
        elif self._postgres:
            event.listen(self.engine, "do_connect", self._pg_connect)
            event.listen(self.engine, "connect", self._pg_session)
            event.listen(self.engine, "checkout", self._pg_checkout)
        self._ready = False
        self._ready_lock = threading.Lock()

    @property
    def location(self) -> str:
        """Where the scenarios are kept, for people: the file, or the URL without its password."""
        if self.url.get_backend_name() == "sqlite" and self.url.database:
            return str(Path(self.url.database).expanduser())
        return self.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Close the database connections and release the running lock (a later call opens and
        takes them again)."""
        self.engine.dispose()
        if self._running_lock is not None:
            self._running_lock.release()
            self._running_lock = None

    def __enter__(self) -> Storage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Reading, by id ---------------------------------------------------------------------------

    def list(self, owner: str) -> list[ScenarioInfo]:
        """The owner's scenarios, most recently changed first. Never reads their contents."""
        owner = check_owner(owner)
        with self._connect() as conn:
            rows = conn.execute(select(*_INFO_COLUMNS).where(_S.owner == owner, live_only)).all()
        infos = [_info(r) for r in rows]
        return sorted(infos, key=lambda i: (-i.updated_at.timestamp(), name_key(i.name)))

    def info(self, owner: str, scenario_id: int) -> ScenarioInfo:
        """The scenario's name, version and last change now (it follows renames made elsewhere);
        `ScenarioNotFound` once it is deleted."""
        owner = check_owner(owner)
        with self._connect() as conn:
            return _info(self._current(conn, owner, scenario_id=scenario_id))

    def load_by_id(self, owner: str, scenario_id: int) -> tuple[Scenario, ScenarioInfo]:
        """The scenario and its listing (name and version now). Pass `info.version` back to
        `save_by_id` as `expected_version`."""
        owner = check_owner(owner)
        with self._connect() as conn:
            row = self._current(conn, owner, scenario_id=scenario_id, with_data=True)
        return _parse(row.name, row.version, row.data), _info(row)

    def versions_by_id(self, owner: str, scenario_id: int) -> list[VersionInfo]:
        """The kept versions of a scenario, newest (the current one) first."""
        owner = check_owner(owner)
        with self._connect() as conn:
            rows = conn.execute(
                select(_V.version, _V.saved_at, _S.version.label("current"))
                .select_from(scenarios_table.join(versions_table, _V.scenario_id == _S.id))
                .where(self._live(owner, scenario_id))
                .order_by(_V.version.desc())
            ).all()
        if not rows:
            raise self._not_found()
        return [VersionInfo(r.version, r.saved_at, r.version == r.current) for r in rows]

    def load_version_by_id(self, owner: str, scenario_id: int, version: int) -> Scenario:
        """An older kept version of a scenario, to look at before restoring it."""
        owner = check_owner(owner)
        with self._connect() as conn:
            current = self._current(conn, owner, scenario_id=scenario_id)
            data = self._version_data(conn, current, version)
        return _parse(current.name, version, data)

    def list_deleted(self, owner: str) -> list[DeletedInfo]:
        """The owner's deleted scenarios that can still be restored, most recently deleted first."""
        owner = check_owner(owner)
        with self._connect() as conn:
            rows = conn.execute(
                select(_S.id, _S.name, _S.deleted_at).where(_S.owner == owner, _S.deleted_at.is_not(None))
            ).all()
        infos = [DeletedInfo(r.name, r.deleted_at, r.id) for r in rows]
        return sorted(infos, key=lambda i: (-i.deleted_at.timestamp(), name_key(i.name)))

    # Writing, by id ---------------------------------------------------------------------------

    def create_scenario(self, owner: str, name: str, scenario: Scenario) -> ScenarioInfo:
        """Save a new scenario under `name` (trimmed, 1-80 characters, unique for this owner
        whatever its capitals); returns its listing, with its id and version 1.

        `TooManyScenarios` when the owner already has `max_scenarios`."""
        owner, name = check_owner(owner), clean_name(name)
        data = _to_json(scenario)
        try:
            with self._begin() as conn:
                return self._insert(conn, owner, name, data)
        except IntegrityError:
            raise name_taken(name) from None

    def create_with_free_name(
        self, owner: str, base: str, scenario: Scenario, suffix: str = ""
    ) -> ScenarioInfo:
        """Save a new scenario under the first free name from `base` (`free_name`); returns its
        listing. Atomic: tabs starting new scenarios together each get one, under names of their
        own (one creator per owner at a time picks a name and saves)."""
        owner = check_owner(owner)
        data = _to_json(scenario)
        for attempt in range(3):
            try:
                with self._begin() as conn:
                    self._one_creator_at_a_time(conn, owner)
                    names = conn.execute(select(_S.name).where(_S.owner == owner, live_only)).scalars().all()
                    name = clean_name(free_name(base, names, suffix))
                    return self._insert(conn, owner, name, data)
            except IntegrityError:
                # A rename or a restore (which don't wait for creators) took the name a moment
                # ago, on PostgreSQL: pick again from the names as they are now.
                if attempt == 2:
                    raise name_taken(name) from None
        raise AssertionError("unreachable")

    @staticmethod
    def _one_creator_at_a_time(conn: Connection, owner: str) -> None:
        """Hold, until this transaction ends, a lock that other creators for `owner` wait for."""
        if conn.dialect.name == "postgresql":
            conn.execute(select(func.pg_advisory_xact_lock(_OWNER_LOCK_CLASS, func.hashtext(owner))))
        else:  # SQLite: any write takes the database's one write lock, held until commit
            conn.execute(
                update(schema_table).where(schema_table.c.id == 1).values(version=schema_table.c.version)
            )

    def latest_or_create(self, owner: str, name: str, scenario: Scenario) -> tuple[ScenarioInfo, bool]:
        """The owner's most recently changed scenario; or, when the owner has none, `scenario`
        saved as a new one under `name`. Returns its listing and whether it was created.

        Atomic: tabs (threads, processes) opening together on an empty database all get the same
        scenario, and exactly one is created. The app calls this when a tab opens."""
        owner, name = check_owner(owner), clean_name(name)
        data = _to_json(scenario)
        with self._connect() as conn:  # the usual case, without taking any lock
            latest = self._latest(conn, owner)
        if latest is not None:
            return _info(latest), False
        with self._begin() as conn:
            # One creator per owner at a time: the others wait here, then find what it made.
            self._one_creator_at_a_time(conn, owner)
            latest = self._latest(conn, owner)
            if latest is not None:
                return _info(latest), False
            return self._insert(conn, owner, name, data), True

    def save_by_id(
        self,
        owner: str,
        scenario_id: int,
        scenario: Scenario,
        expected_version: int,
        *,
        writer: str | None = None,
        merge_within: timedelta | None = None,
    ) -> ScenarioInfo:
        """Save a new version of a scenario; returns its listing (the name it has now, which a
        rename in another tab may have changed, and the new version).

        Raises `StaleWrite` (and writes nothing) when the stored version is not `expected_version`.
        Saving exactly what is stored writes nothing and returns the stored version.

        Autosave passes `writer` (one tab) and `merge_within`: while the same writer keeps changing
        the scenario within `merge_within` of its first change, each save still gets a new version
        number (so other tabs see it is stale) but replaces that run's kept version instead of
        adding one, so the history holds one version per stretch of editing, not one per click."""
        owner = check_owner(owner)
        return self._write(owner, scenario_id, _to_json(scenario), expected_version, writer, merge_within)

    def restore_version_by_id(
        self, owner: str, scenario_id: int, version: int, expected_version: int
    ) -> ScenarioInfo:
        """Make a kept older version current again, as a new version; returns the listing.

        The version being replaced stays in the history, so this can be undone the same way."""
        owner = check_owner(owner)
        with self._connect() as conn:
            current = self._current(conn, owner, scenario_id)
            data = self._version_data(conn, current, version)
        # Through the reader, so a version saved in an older format is stored in today's.
        scenario = _parse(current.name, version, data)
        return self._write(owner, scenario_id, _to_json(scenario), expected_version)

    def rename_by_id(self, owner: str, scenario_id: int, new_name: str) -> ScenarioInfo:
        """Give a scenario another name; returns its listing. Its history goes with it."""
        owner, new_name = check_owner(owner), clean_name(new_name)
        try:
            with self._begin() as conn:
                row = self._current(conn, owner, scenario_id)
                result = conn.execute(
                    update(scenarios_table)
                    .where(_S.id == row.id, _S.owner == owner, live_only)
                    .values(name=new_name, name_key=name_key(new_name))
                )
                if result.rowcount != 1:  # deleted in between
                    raise self._not_found()
        except IntegrityError:
            raise name_taken(new_name) from None
        return ScenarioInfo(new_name, row.version, row.updated_at, row.id)

    def duplicate_by_id(self, owner: str, scenario_id: int, new_name: str) -> ScenarioInfo:
        """Copy a scenario's current version under a new name, with a history of its own."""
        scenario, _ = self.load_by_id(owner, scenario_id)
        return self.create_scenario(owner, new_name, scenario)

    def delete_by_id(self, owner: str, scenario_id: int) -> None:
        """Delete a scenario; `restore_deleted_by_id` undoes it until `purge_deleted` removes it."""
        owner = check_owner(owner)
        with self._begin() as conn:
            result = conn.execute(
                update(scenarios_table).where(self._live(owner, scenario_id)).values(deleted_at=self._clock())
            )
            if result.rowcount != 1:
                raise self._not_found()

    def restore_deleted_by_id(
        self, owner: str, scenario_id: int, new_name: str | None = None
    ) -> ScenarioInfo:
        """Bring back a deleted scenario (`DeletedInfo.id`) with its history, under `new_name` if
        given; returns its listing."""
        owner = check_owner(owner)
        final = clean_name(new_name) if new_name is not None else None
        try:
            with self._begin() as conn:
                row = conn.execute(
                    select(*_INFO_COLUMNS).where(
                        _S.owner == owner, _S.deleted_at.is_not(None), _S.id == scenario_id
                    )
                ).one_or_none()
                if row is None:
                    raise ScenarioNotFound(
                        "There is no deleted scenario like that to restore: it may have been restored "
                        "or removed for good already."
                    )
                final = final or row.name
                live = conn.execute(select(func.count()).where(_S.owner == owner, live_only)).scalar_one()
                if live >= self.max_scenarios:
                    raise TooManyScenarios(self.max_scenarios)
                conn.execute(
                    update(scenarios_table)
                    .where(_S.id == row.id, _S.owner == owner, _S.deleted_at.is_not(None))
                    .values(deleted_at=None, name=final, name_key=name_key(final))
                )
        except IntegrityError:
            raise ValueError(
                f"You already have a scenario called “{final}”. Restore the deleted one under "
                "another name, or rename the one you have first."
            ) from None
        return ScenarioInfo(final, row.version, row.updated_at, row.id)

    def purge_deleted(self, owner: str, older_than: timedelta = DEFAULT_PURGE_AFTER) -> int:
        """Remove for good the owner's scenarios deleted more than `older_than` ago, with their
        history. Returns how many were removed."""
        owner = check_owner(owner)
        cutoff = self._clock() - older_than
        doomed = select(_S.id).where(_S.owner == owner, _S.deleted_at.is_not(None), _S.deleted_at <= cutoff)
        with self._begin() as conn:
            return self._remove(conn, owner, doomed)

    # The person's own data --------------------------------------------------------------------

    def export_all(self, owner: str) -> dict[str, Any]:
        """All of the owner's scenarios, the current version of each, as one JSON-ready dict:

            {"format": "stay-or-go/export", "version": 1, "owner": "...",
             "exported_at": "2026-11-30T12:00:00+00:00",
             "scenarios": [{"id": 3, "name": "...", "version": 7, "created_at": "...",
                            "updated_at": "...", "scenario": {...the scenario JSON...}}, ...]}

        Oldest first. A stored version that is not JSON any more (damaged) is given as text
        under "unreadable" instead of "scenario". Deleted scenarios are not included."""
        owner = check_owner(owner)
        with self._connect() as conn:
            rows = conn.execute(
                select(*_INFO_COLUMNS, _S.created_at, _V.data)
                .select_from(_CURRENT)
                .where(_S.owner == owner, live_only)
                .order_by(_S.created_at, _S.id)
            ).all()
        scenarios = []
        for r in rows:
            entry: dict[str, Any] = {
                "id": r.id,
                "name": r.name,
                "version": r.version,
                "created_at": r.created_at.isoformat(),
                "updated_at": r.updated_at.isoformat(),
            }
            try:
                entry["scenario"] = json.loads(r.data)
            except ValueError:
                entry["unreadable"] = r.data
            scenarios.append(entry)
        return {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "owner": owner,
            "exported_at": self._clock().isoformat(),
            "scenarios": scenarios,
        }

    def delete_all(self, owner: str) -> int:
        """Remove for good everything kept for this owner: scenarios, their versions, deleted
        ones. Other owners' rows are untouched. Returns how many scenarios were removed."""
        owner = check_owner(owner)
        with self._begin() as conn:
            return self._remove(conn, owner, select(_S.id).where(_S.owner == owner))

    # Readiness --------------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Touch the database as the app does: open it, read the tables, make a change and roll
        it back. Returns one line per thing checked; raises `StorageError` saying what failed."""
        started = time.monotonic()
        try:
            return self._check(started)
        except StorageError as error:
            if error.reason is None:
                raise
            kind = DatabaseTimeout if isinstance(error, DatabaseTimeout) else StorageError
            failure = kind(f"{self.location}: {error.reason}")
            failure.reason = error.reason
            raise failure from None

    def _check(self, started: float) -> list[str]:
        with self._connect() as conn:
            layout = conn.execute(select(schema_table.c.version).where(schema_table.c.id == 1)).scalar_one()
            count, owners = conn.execute(select(func.count(_S.id), func.count(func.distinct(_S.owner)))).one()
            conn.rollback()  # end the reading transaction, then write in one rolled back
            with conn.begin() as transaction:
                conn.execute(
                    update(schema_table).where(schema_table.c.id == 1).values(version=schema_table.c.version)
                )
                transaction.rollback()
        took = time.monotonic() - started
        return [
            f"database: {self.location}",
            f"tables: layout {layout} (this Stay or Go reads up to {SCHEMA_VERSION})",
            f"read: {count} saved scenario{'' if count == 1 else 's'} ({owners} "
            f"{'person' if owners == 1 else 'people'})",
            "write: allowed (a change made and rolled back)",
            f"answered in {took:.2f} s (the limit is {self.timeout:g} s)",
        ]

    # Internals ------------------------------------------------------------------------------

    def _insert(self, conn: Connection, owner: str, name: str, data: str) -> ScenarioInfo:
        live = conn.execute(select(func.count()).where(_S.owner == owner, live_only)).scalar_one()
        if live >= self.max_scenarios:
            raise TooManyScenarios(self.max_scenarios)
        now = self._clock()
        result = conn.execute(
            insert(scenarios_table).values(
                owner=owner, name=name, name_key=name_key(name), version=1, created_at=now, updated_at=now
            )
        )
        scenario_id = result.inserted_primary_key[0]
        conn.execute(
            insert(versions_table).values(
                scenario_id=scenario_id, version=1, data=data, saved_at=now, started_at=now
            )
        )
        return ScenarioInfo(name, 1, now, scenario_id)

    @staticmethod
    def _latest(conn: Connection, owner: str) -> Any:
        return conn.execute(
            select(*_INFO_COLUMNS)
            .where(_S.owner == owner, live_only)
            .order_by(_S.updated_at.desc(), _S.id.desc())
            .limit(1)
        ).one_or_none()

    @staticmethod
    def _remove(conn: Connection, owner: str, doomed: Any) -> int:
        ids = list(conn.execute(doomed).scalars())
        if ids:
            conn.execute(delete(versions_table).where(_V.scenario_id.in_(ids)))
            conn.execute(delete(scenarios_table).where(_S.id.in_(ids), _S.owner == owner))
        return len(ids)

    def _write(
        self,
        owner: str,
        scenario_id: int,
        data: str,
        expected_version: int,
        writer: str | None = None,
        merge_within: timedelta | None = None,
    ) -> ScenarioInfo:
        now = self._clock()
        with self._begin() as conn:
            current = self._current(conn, owner, scenario_id, with_data=True)
            if current.data == data:
                return _info(current)  # nothing new: no version, no conflict
            if current.version != expected_version:
                raise StaleWrite(current.name, expected_version, current.version, current.updated_at)
            new_version = expected_version + 1
            # The version check is repeated in the UPDATE itself, so two writers racing past the
            # check above can't both win: the second one's UPDATE matches no row.
            result = conn.execute(
                update(scenarios_table)
                .where(_S.id == current.id, _S.version == expected_version, live_only)
                .values(version=new_version, updated_at=now)
            )
            if result.rowcount != 1:
                latest = self._current(conn, owner, current.id)
                raise StaleWrite(latest.name, expected_version, latest.version, latest.updated_at)
            merge = (
                writer is not None
                and merge_within is not None
                and current.writer == writer
                and current.started_at is not None
                and now - current.started_at < merge_within
            )
            conn.execute(
                insert(versions_table).values(
                    scenario_id=current.id,
                    version=new_version,
                    data=data,
                    saved_at=now,
                    writer=writer,
                    started_at=current.started_at if merge else now,
                )
            )
            if merge:
                conn.execute(
                    delete(versions_table).where(_V.scenario_id == current.id, _V.version == current.version)
                )
            # Keep the newest `history` versions (numbers can have gaps where saves were merged).
            cutoff = conn.execute(
                select(_V.version)
                .where(_V.scenario_id == current.id)
                .order_by(_V.version.desc())
                .offset(self.history - 1)
                .limit(1)
            ).scalar_one_or_none()
            if cutoff is not None:
                conn.execute(delete(versions_table).where(_V.scenario_id == current.id, _V.version < cutoff))
        return ScenarioInfo(current.name, new_version, now, current.id)

    def _current(self, conn: Connection, owner: str, scenario_id: int, *, with_data: bool = False) -> Any:
        query = (
            select(*_INFO_COLUMNS, _V.data, _V.writer, _V.started_at).select_from(_CURRENT)
            if with_data
            else select(*_INFO_COLUMNS)
        ).where(self._live(owner, scenario_id))
        row = conn.execute(query).one_or_none()
        if row is None:
            raise self._not_found()
        return row

    def _version_data(self, conn: Connection, current: Any, version: int) -> str:
        data = conn.execute(
            select(_V.data).where(_V.scenario_id == current.id, _V.version == version)
        ).scalar_one_or_none()
        if data is None:
            kept = sorted(conn.execute(select(_V.version).where(_V.scenario_id == current.id)).scalars())
            raise ScenarioNotFound(
                f"“{current.name}” has no version {version}: the last {self.history} versions are "
                f"kept, now versions {kept[0]} to {kept[-1]}."
            )
        return data

    @staticmethod
    def _live(owner: str, scenario_id: int) -> Any:
        return and_(_S.owner == owner, live_only, _S.id == scenario_id)

    @staticmethod
    def _not_found() -> ScenarioNotFound:
        return ScenarioNotFound(
            "That scenario is no longer among your saved scenarios: it was deleted in another "
            "tab or window (the Saved scenarios page can bring it back). What you see in this "
            "tab is kept; save it as a new scenario to keep it."
        )

    def _ready_engine(self) -> Engine:
        if self._wants_running_lock and self._running_lock is None:
            self._running_lock = hold_running_lock(self.url)
        if not self._ready:
            with self._ready_lock:
                if not self._ready:
                    self._create_schema()
                    self._ready = True
        return self.engine

    def _create_schema(self) -> None:
        for attempt in range(3):
            try:
                with self.engine.begin() as conn:
                    if conn.dialect.name == "postgresql":
                        conn.execute(select(func.pg_advisory_xact_lock(_SCHEMA_LOCK_KEY)))
                    elif conn.dialect.name == "sqlite":
                        # SQLite's driver runs CREATE TABLE outside any transaction, so processes
                        # opening a new file together would each find a table missing and then
                        # trip over the one another just made. Taking the write lock first makes
                        # them take turns (each waits up to the busy timeout), and the tables are
                        # made in one transaction: all of them or none.
                        conn.exec_driver_sql("BEGIN IMMEDIATE")
                    metadata.create_all(conn)
                    found = conn.execute(
                        select(schema_table.c.version).where(schema_table.c.id == 1)
                    ).scalar_one_or_none()
                    if found is None:
                        row = insert(schema_table).values(id=1, version=SCHEMA_VERSION)
                        conn.execute(row)  # both databases hold their lock (above) here
                    elif found > SCHEMA_VERSION:
                        raise StorageError(
                            f"The saved scenarios at {self.location} were written by a newer Stay or "
                            f"Go (database layout {found}; this one knows up to {SCHEMA_VERSION}). "
                            "Update Stay or Go to open them."
                        )
                    # found < SCHEMA_VERSION: later layouts migrate the tables here, step by step.
                return
            except (IntegrityError, OperationalError, InterfaceError) as error:
                # Another process may have been creating the same tables at the same moment; a
                # database that is too slow to answer is not tried again (the call's time is up).
                deadline = active_deadline()
                if attempt == 2 or _is_timeout(error) or (deadline is not None and deadline.expired):
                    raise
            # Anything else (not a database, no rights to create tables...) goes to the caller.

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        with self._guarded(), self._ready_engine().connect() as conn:
            yield conn

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        with self._guarded(), self._ready_engine().begin() as conn:
            yield conn

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        """One storage call: database errors become `StorageError` saying what to do, and on
        PostgreSQL the call is given `timeout` seconds in all (`Deadline`)."""
        deadline = Deadline(self.timeout) if self._postgres and active_deadline() is None else None
        if deadline is not None:
            deadline.start()
        try:
            yield
        except IntegrityError:
            if deadline is not None and deadline.expired:
                raise self._timed_out() from None
            raise  # a name taken: the caller says so
        except (SQLAlchemyError, TimedOut) as error:
            if deadline is not None and deadline.expired or isinstance(error, TimedOut):
                raise self._timed_out() from None
            if _is_timeout(error):
                raise self._timed_out() from None
            failure = StorageError(self._unavailable(error))
            failure.reason = _reason(error)
            raise failure from error
        finally:
            if deadline is not None:
                deadline.finish()

    def _timed_out(self) -> DatabaseTimeout:
        failure = DatabaseTimeout(self._too_slow())
        failure.reason = f"no answer within {self.timeout:g} seconds"
        return failure

    def _too_slow(self) -> str:
        if not self._postgres:
            return (
                f"The saved scenarios at {self.location} stayed locked by another program for "
                f"{self.timeout:g} seconds, so this was not done. What you see in this tab is kept; "
                "try again in a moment. If it keeps happening, close whatever else has that file open."
            )
        return (
            f"The saved scenarios at {self.location} did not answer within {self.timeout:g} seconds, "
            "so this was not done. What you see in this tab is kept; try again in a moment. If it "
            "keeps happening, the database server is down or overloaded: ask whoever looks after it."
        )

    def _unavailable(self, error: Exception) -> str:
        reason = _reason(error)
        if isinstance(error, OperationalError | InterfaceError) and "readonly" not in reason:
            return (
                f"The saved scenarios at {self.location} can't be reached right now ({reason}). "
                "What you see in this tab is kept; try again in a moment."
            )
        return (
            f"The saved scenarios at {self.location} can't be used ({reason}). What you see in "
            "this tab is kept, but not saved: download the scenario file on the Overview page to "
            "keep it, and ask whoever looks after this computer or server to fix the database."
        )

    # PostgreSQL time limits: see `Deadline` ----------------------------------------------------

    def _pg_connect(self, _dialect: Any, _record: Any, _cargs: Any, cparams: dict[str, Any]) -> None:
        deadline = active_deadline()
        if deadline is None:
            return
        remaining = deadline.remaining()
        if deadline.expired or remaining < 1:
            raise TimedOut()
        # libpq counts whole seconds and takes at least 2.
        cparams["connect_timeout"] = max(2, math.ceil(remaining))

    def _pg_session(self, dbapi_connection: Any, _record: Any) -> None:
        # A statement the server takes longer than this over (a lock held elsewhere) is cancelled.
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        try:
            dbapi_connection.execute(f"SET statement_timeout = {int(self.timeout * 1000)}")
        finally:
            dbapi_connection.autocommit = autocommit

    def _pg_checkout(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        deadline = active_deadline()
        if deadline is not None:
            deadline.watch(dbapi_connection)
        # A hosted database may have dropped an idle connection: ping it (within the deadline);
        # DisconnectionError makes the pool try a fresh connection.
        try:
            self.engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            if deadline is not None and deadline.expired:
                raise TimedOut() from error
            raise DisconnectionError(str(error)) from error


_INFO_COLUMNS = (_S.id, _S.name, _S.version, _S.updated_at)
# PostgreSQL advisory locks: (this class, hashtext(owner)) for one owner's first scenario.
_OWNER_LOCK_CLASS = 730_519


def _info(row: Any) -> ScenarioInfo:
    return ScenarioInfo(row.name, row.version, row.updated_at, row.id)


def _reason(error: Exception) -> str:
    """The first line of what the database driver said."""
    return (str(getattr(error, "orig", None) or error).strip().splitlines() or ["no reason given"])[0]


def _is_timeout(error: Exception) -> bool:
    """SQLite's busy timeout, PostgreSQL's statement or connect timeout, a pool with no free
    connection: the database is there but too slow."""
    text = str(getattr(error, "orig", None) or error).lower()
    return any(
        phrase in text
        for phrase in (
            "database is locked",
            "statement timeout",
            "timeout expired",
            "queuepool limit",
            "connection timeout",
        )
    )


def _sqlite_write_ahead_log(dbapi_connection: Any, _record: Any) -> None:
    """Write-ahead logging: every change is saved as it is made, so writes are frequent; with WAL a
    save is one append (about half the time of the default journal here) and other tabs keep
    reading while one writes. Durable across a crash of the app, as every commit is."""
    cursor = dbapi_connection.cursor()
    try:
        if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
            return  # the file keeps its mode: only a new database is switched
        # Switching needs the file to itself: connections opening a new database together (two
        # processes' first tabs) find it locked for a moment, without SQLite's busy wait.
        for attempt in range(_WAL_ATTEMPTS):
            try:
                cursor.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or attempt == _WAL_ATTEMPTS - 1:
                    raise
                time.sleep(0.02)
    finally:
        cursor.close()


_WAL_ATTEMPTS = 100  # 2 s in all


def _to_json(scenario: Scenario) -> str:
    if not isinstance(scenario, Scenario):
        raise TypeError(f"expected a Scenario, got {type(scenario).__name__}")
    data = scenario_to_json(scenario)
    if len(data) > MAX_SCENARIO_BYTES:
        raise ValueError(
            "This scenario is too large to save. Remove some options or long notes, then save again."
        )
    return data


def _parse(name: str, version: int, data: str) -> Scenario:
    try:
        return scenario_from_json(data)
    except ScenarioFileError as error:
        raise UnreadableScenario(name, version, str(error)) from None
