"""Where the saved scenarios live: the database URL (a SQLite file in the user's data folder unless
``STAY_OR_GO_DB_URL`` says otherwise), the file made private to its user, and the lock file beside it.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from core.storage.errors import StorageError

ENV_URL = "STAY_OR_GO_DB_URL"
APP_DIR_NAME = "stay-or-go"
DB_FILE_NAME = "scenarios.db"


def default_url() -> str:
    """The database URL to use: `STAY_OR_GO_DB_URL` when set, else a SQLite file in the data folder."""
    configured = os.environ.get(ENV_URL, "").strip()
    if configured:
        return configured
    path = Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)) / DB_FILE_NAME
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def normalize_url(url: str | URL) -> URL:
    """`url` parsed, with ``postgres://`` and ``postgresql://`` read as psycopg 3; ValueError saying
    what a database URL looks like when it is not one."""
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


def private_file(path: Path) -> None:
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


def lock_path(url: str | URL) -> Path | None:
    """The lock file beside a SQLite database file (``scenarios.db.lock``), else None."""
    parsed = normalize_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    path = Path(database).expanduser()
    return path.with_name(path.name + ".lock")
