"""What a hosted app needs beyond a local one: the rule that refuses a shared database without
sign-in, and a limit on uploads per person."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from sqlalchemy.engine import URL

from core.storage.errors import TooManyUploads
from core.storage.location import normalize_url

UPLOADS_PER_MINUTE = 10
# Set to 1 to run a single-user app (everyone is "local") against a database that is not a local
# SQLite file; see `hosted_without_sign_in`.
SINGLE_USER_ENV = "STAY_OR_GO_SINGLE_USER"


def hosted_without_sign_in(
    url: str | URL, sign_in_configured: bool, single_user_flag: str | None
) -> str | None:
    """Why the app must not start, or None when it may.

    Without sign-in everyone is the one owner "local": right for a SQLite file on this computer,
    wrong for a database several people reach (everyone would read and change everyone's
    scenarios). `single_user_flag` is the value of the environment variable `SINGLE_USER_ENV`
    (``os.environ.get("STAY_OR_GO_SINGLE_USER")``); "1" says one person uses that database on
    purpose.

    >>> hosted_without_sign_in("sqlite:////home/me/scenarios.db", False, None) is None
    True
    >>> hosted_without_sign_in("postgresql://db.example/so", True, None) is None
    True
    >>> hosted_without_sign_in("postgresql://db.example/so", False, "1") is None
    True
    >>> print(hosted_without_sign_in("postgresql://u:pw@db.example/so", False, None))  # doctest: +ELLIPSIS
    Stay or Go is set to keep scenarios in postgresql+psycopg://u:***@db.example/so, ...
    """
    try:
        parsed = normalize_url(url)
    except ValueError:
        return None  # not a URL at all: opening the storage says so
    if parsed.get_backend_name() == "sqlite" or sign_in_configured:
        return None
    if (single_user_flag or "").strip() == "1":
        return None
    return (
        f"Stay or Go is set to keep scenarios in {parsed.render_as_string(hide_password=True)}, "
        "a database other people can reach, but sign-in is not configured: everyone would see and "
        "change everyone's saved scenarios. Add an [auth] section to .streamlit/secrets.toml "
        "(docs/deployment.md), or, if you are the only person using that database, set "
        f"{SINGLE_USER_ENV}=1."
    )


class UploadRateLimiter:
    """At most `limit` uploads per person in any `per_seconds` window, in this process.

    `clock` returns seconds (monotonic); tests pass their own. The app calls `check(owner)` before
    reading an uploaded file: it records the upload, or raises `TooManyUploads` saying how long to
    wait (and records nothing).

    >>> now = [0.0]
    >>> limiter = UploadRateLimiter(limit=2, clock=lambda: now[0])
    >>> limiter.check("ann"); limiter.check("ann")
    >>> try:
    ...     limiter.check("ann")
    ... except TooManyUploads as error:
    ...     print(error.wait_seconds)
    60.0
    >>> now[0] = 60.0; limiter.check("ann")
    """

    def __init__(
        self,
        limit: int = UPLOADS_PER_MINUTE,
        per_seconds: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.per_seconds = per_seconds
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, owner: str) -> None:
        now = self._clock()
        with self._lock:
            recent = self._seen.setdefault(owner, deque())
            while recent and recent[0] <= now - self.per_seconds:
                recent.popleft()
            if len(recent) >= self.limit:
                raise TooManyUploads(self.limit, recent[0] + self.per_seconds - now)
            recent.append(now)
            if len(self._seen) > 10_000:  # forget people with nothing recent
                for who in [
                    w for w, times in self._seen.items() if not times or times[-1] <= now - self.per_seconds
                ]:
                    del self._seen[who]
