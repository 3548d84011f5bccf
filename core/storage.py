"""Saved scenarios: named, versioned and kept per owner, in SQLite by default or PostgreSQL when hosted.

Where the data lives
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

Versions and two tabs
    Each scenario has a version number, 1 when created and one more on every save. `load` returns it
    and `save` takes it back as `expected_version`: when the stored version is another, somebody
    (another tab, window or device) saved in between, and `save` raises `StaleWrite` with a message
    saying what to do, writing nothing. Saving exactly what is stored already writes nothing and
    returns the stored version. The last `history` versions (20 by default) are kept and can be
    restored; restoring makes the old content current as a new version, so it can be undone too.
    The app saves after every change; it names the tab as `writer` so that one tab's run of changes
    within a few minutes is kept as one version (each save still gets its own number).

Deleting
    `delete` only marks a scenario deleted: `restore_deleted` brings it back (the undo) and
    `purge_deleted` removes deleted ones for good once they are old enough.

Format
    A version's content is the scenario JSON of `core.io.scenario_to_json`, read back with
    `core.io.scenario_from_json`, so a scenario saved by an older Stay or Go migrates when loaded. A
    stored version that can't be read raises `UnreadableScenario` naming the scenario; listing never
    reads contents, so it keeps working. The database layout has its own version (`SCHEMA_VERSION`,
    in the table ``stay_or_go_schema``) so a later layout can migrate the tables.

Every statement is built with SQLAlchemy Core and every value is a bound parameter. A `Storage` is
safe to share between threads (one per process, e.g. in `st.cache_resource`).
"""

from __future__ import annotations

import os
import threading
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.types import TypeDecorator

from core.io import MAX_SCENARIO_BYTES, ScenarioFileError, scenario_from_json, scenario_to_json
from core.model import Scenario

ENV_URL = "STAY_OR_GO_DB_URL"
APP_DIR_NAME = "stay-or-go"
DB_FILE_NAME = "scenarios.db"
LOCAL_OWNER = "local"

SCHEMA_VERSION = 1
DEFAULT_HISTORY = 20
MAX_NAME_CHARS = 80
MAX_OWNER_CHARS = 320  # an e-mail address is at most 254; an OIDC subject at most 255
DEFAULT_PURGE_AFTER = timedelta(days=30)

# Any fixed number: PostgreSQL's advisory lock that lets one app process create the tables at a time.
_SCHEMA_LOCK_KEY = 7_305_190_126


def default_url() -> str:
    """The database URL to use: `STAY_OR_GO_DB_URL` when set, else a SQLite file in the data folder."""
    configured = os.environ.get(ENV_URL, "").strip()
    if configured:
        return configured
    path = Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)) / DB_FILE_NAME
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


# Errors ---------------------------------------------------------------------------------------


class StorageError(Exception):
    """The saved scenarios can't be used right now; `str(error)` says why and what to do."""


class ScenarioNotFound(StorageError, LookupError):
    """No scenario (or version) of that name for this owner."""


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
    """A deleted scenario that `restore_deleted` can still bring back."""

    name: str
    deleted_at: datetime  # UTC
    id: int


# Names ----------------------------------------------------------------------------------------


def clean_name(name: str) -> str:
    """The name as it will be stored (Unicode NFC, trimmed), or ValueError saying what to change."""
    if not isinstance(name, str):
        raise ValueError("A scenario name must be text.")
    name = unicodedata.normalize("NFC", name).strip()
    if not name:
        raise ValueError("Give the scenario a name.")
    if len(name) > MAX_NAME_CHARS:
        raise ValueError(
            f"A scenario name can be at most {MAX_NAME_CHARS} characters; this one has {len(name)}. Shorten it."
        )
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") for ch in name):
        raise ValueError(
            "A scenario name can't contain line breaks, tabs or other control characters; remove them."
        )
    return name


def name_key(name: str) -> str:
    """What makes two names the same name: case and Unicode composition are ignored."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).strip().casefold())


def _check_owner(owner: str) -> str:
    if not isinstance(owner, str) or not owner:
        raise ValueError("Saved scenarios need an owner: 'local', or the signed-in identity.")
    if len(owner) > MAX_OWNER_CHARS:
        raise ValueError(f"An owner identity can be at most {MAX_OWNER_CHARS} characters.")
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in owner):
        raise ValueError("An owner identity can't contain control characters.")
    return owner


# Tables ---------------------------------------------------------------------------------------


class _UtcDateTime(TypeDecorator[datetime]):
    """A point in time stored as UTC and always read back as an aware UTC datetime, on every database."""

    impl = DateTime
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(timezone=True)

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("storage times must be timezone-aware")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

schema_table = Table(
    "stay_or_go_schema",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # always 1: one row
    Column("version", Integer, nullable=False),
)

scenarios_table = Table(
    "stay_or_go_scenarios",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("owner", String(MAX_OWNER_CHARS), nullable=False),
    Column("name", String(MAX_NAME_CHARS), nullable=False),
    Column("name_key", String(3 * MAX_NAME_CHARS), nullable=False),  # casefold grows a character to 3 at most
    Column("version", Integer, nullable=False),
    Column("created_at", _UtcDateTime(), nullable=False),
    Column("updated_at", _UtcDateTime(), nullable=False),  # when the content last changed
    Column("deleted_at", _UtcDateTime(), nullable=True),  # set: deleted, restorable
)
_live_only = scenarios_table.c.deleted_at.is_(None)
# One live scenario per name and owner; deleted ones may share a name with a live one.
Index(
    "stay_or_go_scenarios_live_name",
    scenarios_table.c.owner,
    scenarios_table.c.name_key,
    unique=True,
    sqlite_where=_live_only,
    postgresql_where=_live_only,
)
Index("stay_or_go_scenarios_owner", scenarios_table.c.owner, scenarios_table.c.deleted_at)

versions_table = Table(
    "stay_or_go_versions",
    metadata,
    Column("scenario_id", Integer, ForeignKey(scenarios_table.c.id), primary_key=True),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("data", Text, nullable=False),  # the scenario JSON of core.io
    Column("saved_at", _UtcDateTime(), nullable=False),  # its last change
    # Autosave: which tab wrote it, and when that tab's run of changes began (see `save`).
    Column("writer", String(64), nullable=True),
    Column("started_at", _UtcDateTime(), nullable=True),
)

_S = scenarios_table.c
_V = versions_table.c
_CURRENT = scenarios_table.join(versions_table, and_(_V.scenario_id == _S.id, _V.version == _S.version))


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _normalize_url(url: str | URL) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ValueError(
            f"{ENV_URL} (or the database URL given) is not a database URL: expected something like "
            "sqlite:////path/to/scenarios.db or postgresql+psycopg://user:password@host/database."
        ) from None
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _when(moment: datetime, now: datetime | None = None) -> str:
    """'at 14:05' today, 'on 3 Mar at 14:05' another day, in this computer's time zone."""
    local = moment.astimezone()
    today = (now or _utc_now()).astimezone().date()
    if local.date() == today:
        return f"at {local:%H:%M}"
    year = f" {local.year}" if local.year != today.year else ""
    return f"on {local.day} {local:%b}{year} at {local:%H:%M}"


# The storage ----------------------------------------------------------------------------------


class Storage:
    """Named, versioned scenarios per owner in the database at `url` (a SQLAlchemy URL).

    Tables are created on first use. `history` is how many versions of each scenario are kept;
    `clock` returns the current time (timezone-aware) and exists for tests.
    """

    def __init__(
        self,
        url: str | URL,
        *,
        history: int = DEFAULT_HISTORY,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        if not isinstance(history, int) or history < 1:
            raise ValueError("Keep at least one version of each scenario (history >= 1).")
        self.url = _normalize_url(url)
        self.history = history
        self._clock = clock
        options: dict[str, Any] = {}
        if self.url.get_backend_name() == "sqlite":
            database = self.url.database or ""
            if database and database != ":memory:" and not database.startswith("file:"):
                _private_file(Path(database).expanduser())
            options["connect_args"] = {"timeout": 30}  # wait this long for another writer
        else:
            options["pool_pre_ping"] = True  # a hosted database may drop idle connections
        try:
            self.engine: Engine = create_engine(self.url, **options)
        except (SQLAlchemyError, ImportError) as error:
            raise StorageError(
                f"{self.location} is not a database Stay or Go can use ({error}). Set {ENV_URL} to "
                "something like sqlite:////path/to/scenarios.db or "
                "postgresql+psycopg://user:password@host/database."
            ) from None
        if self.url.get_backend_name() == "sqlite":
            event.listen(self.engine, "connect", _sqlite_write_ahead_log)
        self._ready = False
        self._ready_lock = threading.Lock()

    @property
    def location(self) -> str:
        """Where the scenarios are kept, for people: the file, or the URL without its password."""
        if self.url.get_backend_name() == "sqlite" and self.url.database:
            return str(Path(self.url.database).expanduser())
        return self.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Close the database connections (a later call opens them again)."""
        self.engine.dispose()

    def __enter__(self) -> Storage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Reading --------------------------------------------------------------------------------

    def list(self, owner: str) -> list[ScenarioInfo]:
        """The owner's scenarios, most recently changed first. Never reads their contents."""
        owner = _check_owner(owner)
        with self._connect() as conn:
            rows = conn.execute(
                select(_S.id, _S.name, _S.version, _S.updated_at).where(_S.owner == owner, _live_only)
            ).all()
        infos = [ScenarioInfo(r.name, r.version, r.updated_at, r.id) for r in rows]
        return sorted(infos, key=lambda i: (-i.updated_at.timestamp(), name_key(i.name)))

    def load(self, owner: str, name: str) -> tuple[Scenario, int]:
        """The scenario and its version number, to pass back to `save` as `expected_version`."""
        owner, key = _check_owner(owner), self._lookup_key(name)
        with self._connect() as conn:
            row = conn.execute(
                select(_S.name, _S.version, _V.data).select_from(_CURRENT).where(self._live(owner, key))
            ).one_or_none()
        if row is None:
            raise self._not_found(name)
        return _parse(row.name, row.version, row.data), row.version

    def versions(self, owner: str, name: str) -> list[VersionInfo]:
        """The kept versions of a scenario, newest (the current one) first."""
        owner, key = _check_owner(owner), self._lookup_key(name)
        with self._connect() as conn:
            rows = conn.execute(
                select(_V.version, _V.saved_at, _S.version.label("current"))
                .select_from(scenarios_table.join(versions_table, _V.scenario_id == _S.id))
                .where(self._live(owner, key))
                .order_by(_V.version.desc())
            ).all()
        if not rows:
            raise self._not_found(name)
        return [VersionInfo(r.version, r.saved_at, r.version == r.current) for r in rows]

    def load_version(self, owner: str, name: str, version: int) -> Scenario:
        """An older kept version of a scenario, to look at before restoring it."""
        owner, key = _check_owner(owner), self._lookup_key(name)
        with self._connect() as conn:
            current = self._current(conn, owner, key, name)
            data = self._version_data(conn, current, version)
        return _parse(current.name, version, data)

    def list_deleted(self, owner: str) -> list[DeletedInfo]:
        """The owner's deleted scenarios that can still be restored, most recently deleted first."""
        owner = _check_owner(owner)
        with self._connect() as conn:
            rows = conn.execute(
                select(_S.id, _S.name, _S.deleted_at).where(_S.owner == owner, _S.deleted_at.is_not(None))
            ).all()
        infos = [DeletedInfo(r.name, r.deleted_at, r.id) for r in rows]
        return sorted(infos, key=lambda i: (-i.deleted_at.timestamp(), name_key(i.name)))

    # Writing --------------------------------------------------------------------------------

    def create(self, owner: str, name: str, scenario: Scenario) -> int:
        """Save a new scenario under `name` (trimmed, 1-80 characters, unique for this owner
        whatever its capitals). Returns its version, 1."""
        owner, name = _check_owner(owner), clean_name(name)
        data = _to_json(scenario)
        now = self._clock()
        try:
            with self._begin() as conn:
                result = conn.execute(
                    insert(scenarios_table).values(
                        owner=owner,
                        name=name,
                        name_key=name_key(name),
                        version=1,
                        created_at=now,
                        updated_at=now,
                    )
                )
                scenario_id = result.inserted_primary_key[0]
                conn.execute(
                    insert(versions_table).values(
                        scenario_id=scenario_id, version=1, data=data, saved_at=now, started_at=now
                    )
                )
        except IntegrityError:
            raise _name_taken(name) from None
        return 1

    def save(
        self,
        owner: str,
        name: str,
        scenario: Scenario,
        expected_version: int,
        *,
        writer: str | None = None,
        merge_within: timedelta | None = None,
        scenario_id: int | None = None,
    ) -> int:
        """Save a new version of a scenario; returns its version number.

        Raises `StaleWrite` (and writes nothing) when the stored version is not `expected_version`.
        Saving exactly what is stored writes nothing and returns the stored version.

        Autosave passes `writer` (one tab) and `merge_within`: while the same writer keeps changing
        the scenario within `merge_within` of its first change, each save still gets a new version
        number (so other tabs see it is stale) but replaces that run's kept version instead of
        adding one, so the history holds one version per stretch of editing, not one per click.

        With `scenario_id` (see `ScenarioInfo.id`), a scenario that has taken the name since (after
        a rename elsewhere) is not the one meant: `ScenarioNotFound`, nothing written. The same
        holds for `restore_version`, `rename` and `delete`."""
        owner, key = _check_owner(owner), self._lookup_key(name)
        return self._write(
            owner, key, name, _to_json(scenario), expected_version, writer, merge_within, scenario_id
        )

    def restore_version(
        self, owner: str, name: str, version: int, expected_version: int, *, scenario_id: int | None = None
    ) -> int:
        """Make a kept older version current again, as a new version; returns its number.

        The version being replaced stays in the history, so this can be undone the same way."""
        owner, key = _check_owner(owner), self._lookup_key(name)
        with self._connect() as conn:
            current = self._current(conn, owner, key, name, scenario_id=scenario_id)
            data = self._version_data(conn, current, version)
        # Through the reader, so a version saved in an older format is stored in today's.
        scenario = _parse(current.name, version, data)
        return self._write(owner, key, name, _to_json(scenario), expected_version, scenario_id=scenario_id)

    def rename(self, owner: str, name: str, new_name: str, *, scenario_id: int | None = None) -> str:
        """Give a scenario another name; returns the name as stored. Its history goes with it."""
        owner, key = _check_owner(owner), self._lookup_key(name)
        new_name = clean_name(new_name)
        try:
            with self._begin() as conn:
                result = conn.execute(
                    update(scenarios_table)
                    .where(self._live(owner, key, scenario_id))
                    .values(name=new_name, name_key=name_key(new_name))
                )
                if result.rowcount != 1:
                    raise self._not_found(name)
        except IntegrityError:
            raise _name_taken(new_name) from None
        return new_name

    def duplicate(self, owner: str, name: str, new_name: str) -> int:
        """Copy a scenario's current version under a new name, with a history of its own.
        Returns the copy's version, 1."""
        scenario, _ = self.load(owner, name)
        return self.create(owner, new_name, scenario)

    def delete(self, owner: str, name: str, *, scenario_id: int | None = None) -> None:
        """Delete a scenario; `restore_deleted` undoes it until `purge_deleted` removes it."""
        owner, key = _check_owner(owner), self._lookup_key(name)
        with self._begin() as conn:
            result = conn.execute(
                update(scenarios_table)
                .where(self._live(owner, key, scenario_id))
                .values(deleted_at=self._clock())
            )
            if result.rowcount != 1:
                raise self._not_found(name)

    def restore_deleted(
        self, owner: str, name: str, new_name: str | None = None, *, scenario_id: int | None = None
    ) -> str:
        """Bring back the most recently deleted scenario called `name` (or the one with
        `scenario_id`, see `DeletedInfo.id`), with its history, under `new_name` if given. Returns
        the name it has now."""
        owner, key = _check_owner(owner), self._lookup_key(name)
        final = clean_name(new_name) if new_name is not None else None
        try:
            with self._begin() as conn:
                row = conn.execute(
                    select(_S.id, _S.name)
                    .where(
                        _S.owner == owner,
                        _S.name_key == key,
                        _S.deleted_at.is_not(None),
                        *([_S.id == scenario_id] if scenario_id is not None else []),
                    )
                    .order_by(_S.deleted_at.desc(), _S.id.desc())
                    .limit(1)
                ).one_or_none()
                if row is None:
                    raise ScenarioNotFound(
                        f"There is no deleted scenario called “{name.strip()}” to restore."
                    )
                final = final or row.name
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
        return final

    def purge_deleted(self, owner: str, older_than: timedelta = DEFAULT_PURGE_AFTER) -> int:
        """Remove for good the owner's scenarios deleted more than `older_than` ago, with their
        history. Returns how many were removed."""
        owner = _check_owner(owner)
        cutoff = self._clock() - older_than
        doomed = select(_S.id).where(_S.owner == owner, _S.deleted_at.is_not(None), _S.deleted_at <= cutoff)
        with self._begin() as conn:
            ids = list(conn.execute(doomed).scalars())
            if ids:
                conn.execute(delete(versions_table).where(_V.scenario_id.in_(ids)))
                conn.execute(delete(scenarios_table).where(_S.id.in_(ids), _S.owner == owner))
        return len(ids)

    # Internals ------------------------------------------------------------------------------

    def _write(
        self,
        owner: str,
        key: str,
        name: str,
        data: str,
        expected_version: int,
        writer: str | None = None,
        merge_within: timedelta | None = None,
        scenario_id: int | None = None,
    ) -> int:
        now = self._clock()
        with self._begin() as conn:
            current = self._current(conn, owner, key, name, with_data=True, scenario_id=scenario_id)
            if current.data == data:
                return current.version  # nothing new: no version, no conflict
            if current.version != expected_version:
                raise StaleWrite(current.name, expected_version, current.version, current.updated_at)
            new_version = expected_version + 1
            # The version check is repeated in the UPDATE itself, so two writers racing past the
            # check above can't both win: the second one's UPDATE matches no row.
            result = conn.execute(
                update(scenarios_table)
                .where(_S.id == current.id, _S.version == expected_version, _live_only)
                .values(version=new_version, updated_at=now)
            )
            if result.rowcount != 1:
                latest = self._current(conn, owner, key, name)
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
        return new_version

    def _current(
        self,
        conn: Connection,
        owner: str,
        key: str,
        name: str,
        *,
        with_data: bool = False,
        scenario_id: int | None = None,
    ) -> Any:
        columns = [_S.id, _S.name, _S.version, _S.updated_at]
        query = (
            select(*columns, _V.data, _V.writer, _V.started_at).select_from(_CURRENT)
            if with_data
            else select(*columns)
        ).where(self._live(owner, key, scenario_id))
        row = conn.execute(query).one_or_none()
        if row is None:
            raise self._not_found(name)
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
    def _live(owner: str, key: str, scenario_id: int | None = None) -> Any:
        conditions = [_S.owner == owner, _S.name_key == key, _live_only]
        if scenario_id is not None:
            conditions.append(_S.id == scenario_id)
        return and_(*conditions)

    @staticmethod
    def _lookup_key(name: str) -> str:
        try:
            return name_key(clean_name(name))
        except ValueError:
            # No scenario can have a name that would be refused, so it is simply not there.
            raise Storage._not_found(name if isinstance(name, str) else repr(name)) from None

    @staticmethod
    def _not_found(name: str) -> ScenarioNotFound:
        return ScenarioNotFound(
            f"There is no saved scenario called “{name.strip()}”. It may have been renamed or "
            "deleted in another tab or window; pick it again from your saved scenarios."
        )

    def _ready_engine(self) -> Engine:
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
                    metadata.create_all(conn)
                    found = conn.execute(
                        select(schema_table.c.version).where(schema_table.c.id == 1)
                    ).scalar_one_or_none()
                    if found is None:
                        conn.execute(insert(schema_table).values(id=1, version=SCHEMA_VERSION))
                    elif found > SCHEMA_VERSION:
                        raise StorageError(
                            f"The saved scenarios at {self.location} were written by a newer Stay or "
                            f"Go (database layout {found}; this one knows up to {SCHEMA_VERSION}). "
                            "Update Stay or Go to open them."
                        )
                    # found < SCHEMA_VERSION: later layouts migrate the tables here, step by step.
                return
            except (IntegrityError, OperationalError, InterfaceError) as error:
                # Another process may have been creating the same tables at the same moment.
                if attempt == 2:
                    raise StorageError(self._unavailable(error)) from error
            except SQLAlchemyError as error:  # not a database, no rights to create tables...
                raise StorageError(self._unavailable(error)) from error

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        engine = self._ready_engine()
        try:
            with engine.connect() as conn:
                yield conn
        except IntegrityError:
            raise  # a name taken: the caller says so
        except SQLAlchemyError as error:
            raise StorageError(self._unavailable(error)) from error

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        engine = self._ready_engine()
        try:
            with engine.begin() as conn:
                yield conn
        except IntegrityError:
            raise  # a name taken: the caller says so
        except SQLAlchemyError as error:
            raise StorageError(self._unavailable(error)) from error

    def _unavailable(self, error: Exception) -> str:
        reason = (str(getattr(error, "orig", None) or error).strip().splitlines() or ["no reason given"])[0]
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


def _private_file(path: Path) -> None:
    """Create the database file, and its folder, readable by this user only (salary details are
    private; SQLite would otherwise create it readable by every user of the computer). An existing
    file keeps the permissions it has."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        if not path.parent.is_dir():
            raise StorageError(
                f"The saved scenarios can't be kept at {path}: {path.parent} is a file."
            ) from None
    except OSError as error:
        raise StorageError(f"The saved scenarios can't be kept at {path}: {error.strerror}.") from None


def _sqlite_write_ahead_log(dbapi_connection: Any, _record: Any) -> None:
    """Write-ahead logging: every change is saved as it is made, so writes are frequent; with WAL a
    save is one append (about half the time of the default journal here) and other tabs keep
    reading while one writes. Durable across a crash of the app, as every commit is."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
    finally:
        cursor.close()


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


def _name_taken(name: str) -> ValueError:
    return ValueError(
        f"You already have a scenario called “{name}” (names count as the same whatever their "
        "capitals). Pick another name."
    )
