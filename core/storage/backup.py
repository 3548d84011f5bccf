"""Backing up and restoring the saved scenarios of a SQLite database (`stay-or-go backup`, `restore`).

Why not copy the file
    The database is in write-ahead-log mode (core.storage.database): recent changes live in
    ``scenarios.db-wal`` beside it until SQLite folds them into the main file, so a copy of
    ``scenarios.db`` alone can miss every recent edit. `backup_database` uses SQLite's online backup
    API instead: a consistent copy of everything committed, taken while the app keeps running, written
    as one self-contained file (no -wal beside it).

Restoring
    `restore_database` first checks that the file is a Stay or Go database this version can read
    (`check_backup`), then refuses while any app process has the database open: every running
    `Storage` holds a shared lock on ``scenarios.db.lock`` (core.storage.running_lock.hold_running_lock) and a
    restore needs it exclusively. The database being replaced is kept beside it as
    ``scenarios.db.before-restore-<time>`` first.

PostgreSQL
    Neither works on PostgreSQL: `pg_dump` and `pg_restore` are the tools there (docs/deployment.md).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from sqlalchemy.engine import URL

from core.storage.database import DATABASE_TIMEOUT_SECONDS
from core.storage.errors import DatabaseInUse, StorageError
from core.storage.location import lock_path, normalize_url
from core.storage.schema import SCHEMA_VERSION, metadata

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_TABLES = tuple(sorted(metadata.tables))


class NotABackup(StorageError):
    """The file given to restore is not a Stay or Go database this version can read."""


@dataclass(frozen=True)
class BackupSummary:
    """What a backup file holds."""

    path: Path
    layout: int  # the database layout (core.storage.schema.SCHEMA_VERSION it was written with)
    scenarios: int  # live and deleted
    versions: int
    owners: int


@dataclass(frozen=True)
class Restored:
    summary: BackupSummary
    previous: Path | None  # where the database that was replaced was kept, if there was one


def database_file(url: str | URL) -> Path:
    """The SQLite file at `url`; `StorageError` saying what to use instead for anything else."""
    parsed = normalize_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() == "postgresql":
        raise StorageError(
            "The saved scenarios are in PostgreSQL: back them up with pg_dump (for example "
            "`pg_dump --format=custom --file=stay-or-go.dump DATABASE`) and restore with pg_restore. "
            "See docs/deployment.md."
        )
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        raise StorageError(
            f"{parsed.render_as_string(hide_password=True)} is not a SQLite file, so there is no "
            "file to back up or restore; use the database's own tools."
        )
    if database.startswith("file:"):
        raise StorageError("Give the database as sqlite:////path/to/scenarios.db, not as a file: URI.")
    return Path(database).expanduser()


def backup_database(url: str | URL, destination: Path) -> BackupSummary:
    """Write a consistent copy of the SQLite database at `url` to `destination` (readable by this
    user only), while the app may be running and saving. Returns what the copy holds."""
    source = database_file(url)
    destination = Path(destination).expanduser()
    if not source.is_file():
        raise StorageError(f"There is no database at {source} to back up yet.")
    if destination.exists() and destination.resolve() == source.resolve():
        raise StorageError("The backup file can't be the database itself; give another file name.")
    if destination.is_dir():
        raise StorageError(f"{destination} is a folder; give a file name for the backup.")
    partial = destination.with_name(destination.name + ".partial")
    try:
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        _copy(source, partial, source_is_backup=False)
        os.replace(partial, destination)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise StorageError(
            f"Could not write the backup to {destination}: {error.strerror or error}."
        ) from None
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise StorageError(f"Could not back up {source}: {error}.") from None
    return check_backup(destination)


def check_backup(path: Path) -> BackupSummary:
    """What the backup at `path` holds; `NotABackup` saying what is wrong when it is not a Stay or
    Go database this version can read (not SQLite, damaged, another program's, or newer)."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise NotABackup(f"{path} is not a file.")
    if path.stat().st_size == 0:
        raise NotABackup(f"{path} is empty; give the file `stay-or-go backup` wrote.")
    try:
        conn = _open_read_only(path)
    except sqlite3.Error as error:
        raise NotABackup(f"{path} is not a Stay or Go database ({error}).") from None
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise NotABackup(f"{path} is a damaged SQLite database; use another backup.")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = [t for t in _TABLES if t not in tables]
        if missing:
            raise NotABackup(
                f"{path} is a SQLite database, but not one of Stay or Go's saved scenarios (it has no "
                f"{', '.join(missing)} table). Give the file `stay-or-go backup` wrote."
            )
        layout = conn.execute("SELECT version FROM stay_or_go_schema WHERE id = 1").fetchone()
        if layout is None:
            raise NotABackup(f"{path} has no database layout version; it is not a complete backup.")
        if layout[0] > SCHEMA_VERSION:
            raise NotABackup(
                f"{path} was written by a newer Stay or Go (database layout {layout[0]}; this one reads "
                f"up to {SCHEMA_VERSION}). Update Stay or Go, then restore it."
            )
        scenarios, owners = conn.execute(
            "SELECT count(*), count(DISTINCT owner) FROM stay_or_go_scenarios"
        ).fetchone()
        versions = conn.execute("SELECT count(*) FROM stay_or_go_versions").fetchone()[0]
        orphans = conn.execute(
            "SELECT count(*) FROM stay_or_go_scenarios s LEFT JOIN stay_or_go_versions v "
            "ON v.scenario_id = s.id AND v.version = s.version WHERE v.scenario_id IS NULL"
        ).fetchone()[0]
        if orphans:
            raise NotABackup(f"{path} is damaged: {orphans} saved scenarios have no current version.")
    except sqlite3.DatabaseError as error:
        raise NotABackup(f"{path} is not a Stay or Go database ({error}).") from None
    finally:
        conn.close()
    return BackupSummary(path, layout[0], scenarios, versions, owners)


def restore_database(url: str | URL, source: Path, *, now: datetime | None = None) -> Restored:
    """Replace the SQLite database at `url` with the backup at `source`.

    Checks the backup first (`NotABackup`), and refuses with `DatabaseInUse` while an app process
    has the database open. The database being replaced is kept beside it first."""
    target = database_file(url)
    summary = check_backup(source)
    if target.exists() and Path(source).expanduser().resolve() == target.resolve():
        raise StorageError("That file is the database itself: there is nothing to restore.")
    lock = lock_path(url)
    assert lock is not None  # a SQLite file always has one
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise StorageError(f"Could not restore into {target}: {error.strerror or error}.") from None
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise DatabaseInUse(
                    f"Stay or Go is running on {target} (an app process has it open), so restoring "
                    "now would pull the scenarios from under it. Stop the app (every process using "
                    "this database), then run the restore again."
                ) from None
        previous = None
        if target.is_file() and target.stat().st_size > 0:
            stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
            previous = target.with_name(f"{target.name}.before-restore-{stamp}")
            backup_database(url, previous)
        elif not target.exists():
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        try:
            _copy(Path(source).expanduser(), target, source_is_backup=True)
        except sqlite3.Error as error:
            raise StorageError(
                f"Could not restore into {target}: {error}. The database is as it was"
                + (f"; a copy of it is at {previous}." if previous else ".")
            ) from None
    finally:
        os.close(fd)  # releases the lock
    return Restored(summary, previous)


def _copy(source: Path, target: Path, *, source_is_backup: bool) -> None:
    """SQLite's online backup from `source` to `target`. A backup file (`source_is_backup` False:
    the target is the backup) is left as one self-contained file, without a write-ahead log."""
    if source_is_backup:
        src = _open_read_only(source)
    else:
        src = sqlite3.connect(source, timeout=DATABASE_TIMEOUT_SECONDS)
    try:
        dst = sqlite3.connect(target, timeout=DATABASE_TIMEOUT_SECONDS)
        try:
            src.backup(dst)
            if not source_is_backup:
                dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _open_read_only(path: Path) -> sqlite3.Connection:
    """Open a backup without changing it. Read-only, so that a write-ahead log beside it is read
    too; as immutable when that is refused (a WAL-mode file without its -shm, in a folder this user
    can't write), which reads the main file alone."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=DATABASE_TIMEOUT_SECONDS)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        return sqlite3.connect(uri + "&immutable=1", uri=True, timeout=DATABASE_TIMEOUT_SECONDS)
