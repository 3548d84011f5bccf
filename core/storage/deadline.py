"""Time limits on PostgreSQL calls.

A frozen or unreachable server answers nothing, and the driver would wait for ever: server-side
limits (statement_timeout) never fire and TCP keeps the connection open. So each storage call
gets a deadline: when it passes, the sockets of the connections the call uses are shut down,
the driver's wait ends with an error, and the call raises `DatabaseTimeout`.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from typing import Any

_deadlines = threading.local()


class TimedOut(Exception):
    """The call's deadline passed before a connection could be had."""


def active_deadline() -> Deadline | None:
    return getattr(_deadlines, "current", None)


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._ends = 0.0
        self._fds: list[int] = []
        self._done = False
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def start(self) -> None:
        self._ends = time.monotonic() + self.seconds
        _deadlines.current = self
        self._timer.start()

    def remaining(self) -> float:
        return max(0.0, self._ends - time.monotonic())

    def watch(self, dbapi_connection: Any) -> None:
        try:
            fd = dbapi_connection.fileno()
        except Exception:  # a closed connection has no socket
            return
        with self._lock:
            self._fds.append(fd)
            if self.expired:
                _shut_down(fd)

    def finish(self) -> None:
        with self._lock:  # after this, no socket of this call is touched (its fd may be reused)
            self._done = True
            self._timer.cancel()
        _deadlines.current = None

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            for fd in self._fds:
                _shut_down(fd)


def _shut_down(fd: int) -> None:
    try:
        sock = socket.socket(fileno=os.dup(fd))
    except OSError:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.close()
