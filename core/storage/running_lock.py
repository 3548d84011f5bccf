"""The app is running: a shared lock on ``<database>.lock`` beside the SQLite file, which every app
process holds and `core.storage.backup.restore_database` needs to itself."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from core.storage.errors import DatabaseInUse
from core.storage.location import lock_path


class RunningLock:
    """A shared lock on ``<database>.lock``, held while this object lives (or until `release`)."""

    def __init__(self, fd: int, path: Path) -> None:
        self._fd: int | None = fd
        self.path = path

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file releases the lock
            self._fd = None

    def __del__(self) -> None:
        self.release()


def hold_running_lock(url: str | URL) -> RunningLock | None:
    """Announce that an app process has the SQLite database at `url` open: a shared lock on
    ``<file>.lock`` that every running app process holds and `core.storage.backup.restore_database` needs
    exclusively.

    `Storage` calls this itself when it opens a SQLite file, so an app that keeps one Storage for
    the life of the process (``st.cache_resource``) holds the lock for as long as it runs; keep
    the returned object to hold it without a Storage. None where there is nothing to lock
    (PostgreSQL, an in-memory database, Windows) or the lock file can't be made. Raises
    `DatabaseInUse` while a restore is being made into the database."""
    path = lock_path(url)
    if path is None or fcntl is None:
        return None
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise DatabaseInUse(
            f"A backup is being restored into {path.with_suffix('')} right now. Wait until it has "
            "finished, then start Stay or Go again."
        ) from None
    except OSError:
        os.close(fd)
        return None
    return RunningLock(fd, path)
