"""Run a Streamlit script as a real server and drive it in headless Chromium.

Shared by the browser tests (tests/test_browser.py) and the benchmarks (benchmarks/*.py):

    with running_app("streamlit_app.py") as base_url:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_page()
            page.goto(base_url)
            wait_for_app(page)

The browser is Debian's chromium (`apt-get install chromium`), never one that Playwright downloads.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

APP_READY = "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
SCRIPT_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def chromium_available() -> bool:
    return os.access(CHROMIUM_PATH, os.X_OK)


def require_chromium() -> None:
    """Skip the test where Debian's chromium is missing, with a note; fail instead where
    STAY_OR_GO_REQUIRE_BROWSER=1 (CI installs it, so there a missing browser is a failure)."""
    import pytest

    if chromium_available():
        return
    reason = (
        f"{CHROMIUM_PATH} not found: the browser tests need Debian's chromium (apt-get install -y chromium)."
    )
    if os.environ.get("STAY_OR_GO_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " STAY_OR_GO_REQUIRE_BROWSER=1, so this is a failure.")
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """One `streamlit run` process on 127.0.0.1. Start with `start()`, always `stop()` it."""

    def __init__(
        self,
        script: str | os.PathLike[str],
        *,
        port: int | None = None,
        extra_args: Sequence[str] = (),
        cwd: str | os.PathLike[str] | None = None,
        env: dict[str, str] | None = None,
        as_make_run: bool = False,
    ) -> None:
        self.script = Path(script).resolve()
        # Started as `make run` starts the app (`python -m ui.serve`, which runs streamlit_app.py)
        self.as_make_run = as_make_run
        self.port = port or free_port()
        self.extra_args = list(extra_args)
        self.cwd = Path(cwd) if cwd else REPO_ROOT
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        # The saved scenarios go to a database of this server's own, never the person's real one.
        self.data_dir = tempfile.mkdtemp(prefix="stay-or-go-test-db-")
        self.env = {"STAY_OR_GO_DB_URL": f"sqlite:///{Path(self.data_dir) / 'scenarios.db'}", **(env or {})}
        fd, self.log_path = tempfile.mkstemp(prefix="streamlit-", suffix=".log")
        os.close(fd)

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return Path(self.log_path).read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def command(self) -> list[str]:
        start = ["-m", "ui.serve"] if self.as_make_run else ["-m", "streamlit", "run", str(self.script)]
        return [
            sys.executable, *start,
            "--server.headless", "true",
            "--server.address", "127.0.0.1",
            "--server.port", str(self.port),
            "--server.fileWatcherType", "none",
            "--server.runOnSave", "false",
            "--browser.gatherUsageStats", "false",
            *self.extra_args,
        ]  # fmt: skip

    def start(self, timeout: float = 60.0) -> str:
        """Start the server and wait until /_stcore/health answers "ok". Returns the base URL."""
        env = dict(os.environ, PYTHONUNBUFFERED="1", **self.env)
        with open(self.log_path, "wb") as log:  # the child keeps its own copy of the descriptor
            self.process = subprocess.Popen(
                self.command(),
                cwd=self.cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.wait_healthy(timeout)
        return self.base_url

    def wait_healthy(self, timeout: float = 60.0) -> None:
        """Poll /_stcore/health until it answers "ok". On failure the server is stopped and the
        error carries the end of its log."""
        assert self.process is not None, "start() first"
        deadline = time.monotonic() + timeout
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                message = (
                    f"streamlit exited with code {self.process.returncode} before it was healthy."
                    f"\nIts log:\n{self.log_tail()}"
                )
                self.stop()
                raise RuntimeError(message)
            try:
                with urllib.request.urlopen(f"{self.base_url}/_stcore/health", timeout=2) as r:
                    body = r.read().decode(errors="replace").strip()
                if r.status == 200 and body == "ok":
                    return
                last_error = f"HTTP {r.status}: {body!r}"
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as e:
                last_error = repr(e)
            time.sleep(0.25)
        message = (
            f"streamlit at {self.base_url} was not healthy after {timeout:.0f} s ({last_error})."
            f"\nIts log:\n{self.log_tail()}"
        )
        self.stop()
        raise TimeoutError(message)

    def stop(self, timeout: float = 10.0, *, keep_data: bool = False) -> None:
        """SIGTERM (Streamlit shuts down cleanly on it), then SIGKILL if it hangs; then remove the
        log and, unless `keep_data` (to start it again on the same data), the saved scenarios.
        Safe to call more than once."""
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=timeout)
        with contextlib.suppress(OSError):
            os.unlink(self.log_path)
        if not keep_data:
            shutil.rmtree(self.data_dir, ignore_errors=True)


def start_app(
    script: str | os.PathLike[str], *, timeout: float = 60.0, attempts: int = 3, **kwargs: Any
) -> AppServer:
    """Start `script` on a free port and return the healthy server (call `.stop()` when done).

    A port picked as free can be taken before Streamlit binds it; a server that exits before it
    is healthy is therefore retried on a new port, up to `attempts` times.
    """
    for attempt in range(1, attempts + 1):
        server = AppServer(script, **kwargs)
        try:
            server.start(timeout=timeout)
            return server
        except RuntimeError:
            if attempt == attempts or kwargs.get("port"):
                raise
    raise AssertionError("unreachable")


@contextlib.contextmanager
def running_app(script: str | os.PathLike[str], **kwargs: Any) -> Iterator[str]:
    """`with running_app("streamlit_app.py") as base_url:` — the server stops when the block ends."""
    server = start_app(script, **kwargs)
    try:
        yield server.base_url
    finally:
        server.stop()


def launch_chromium(playwright: Any, **kwargs: Any) -> Any:
    """Headless Debian chromium through Playwright (never a Playwright-downloaded browser)."""
    if not chromium_available():
        raise FileNotFoundError(
            f"{CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install -y chromium)."
        )
    kwargs.setdefault("headless", True)
    args = [*CHROMIUM_ARGS, *kwargs.pop("args", [])]
    return playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=args, **kwargs)


class HeldUpdates:
    """The server's messages to a page, held back on demand: what a busy server does to someone
    typing on. `hold()`, do what a person does, `release()`: everything the server sent meanwhile
    arrives at once, in order, while the person goes on. Set it up before the page is opened."""

    def __init__(self, page: Any) -> None:
        self._held: list[Any] = []
        self._holding = False
        self._to_page: Any = None
        page.route_web_socket(re.compile(r".*/_stcore/stream$"), self._route)

    def _route(self, to_page: Any) -> None:
        self._to_page = to_page
        # Messages from the page go on to the server as they are (nothing set for them).
        to_page.connect_to_server().on_message(self._from_server)

    def _from_server(self, message: Any) -> None:
        if self._holding:
            self._held.append(message)
        else:
            self._to_page.send(message)

    def hold(self) -> None:
        self._holding = True

    def release(self) -> None:
        self._holding = False
        while self._held:
            self._to_page.send(self._held.pop(0))


def wait_for_app(page: Any, timeout: float = 60_000) -> None:
    """After a page load: the websocket is connected and the first script run has finished."""
    page.wait_for_selector(APP_READY, state="attached", timeout=timeout)
    page.wait_for_selector(SCRIPT_IDLE, state="attached", timeout=timeout)


def forget_saved_scenarios(url: str) -> None:
    """Remove every saved scenario from the database at `url` (a test server's), keeping the tables
    the running app has created."""
    from sqlalchemy import create_engine, delete, inspect

    from core.storage.schema import scenarios_table, versions_table

    engine = create_engine(url)
    try:
        if not inspect(engine).has_table(scenarios_table.name):
            return
        with engine.begin() as conn:
            conn.execute(delete(versions_table))
            conn.execute(delete(scenarios_table))
    finally:
        engine.dispose()
