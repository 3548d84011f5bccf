"""Cold start: from starting the server process to the first page drawn, against a one-slider app.

    .venv/bin/python benchmarks/cold_start.py [--rounds 8]

Each round starts a new server process (Streamlit, headless, on a fresh SQLite database in a new
temporary folder) for the app as `make run` starts it (`python -m ui.serve`), for the app with plain
`streamlit run`, and for benchmarks/minimal_app.py, interleaved so all see the same machine, and
opens it in headless Chromium (Debian's /usr/bin/chromium, started once beforehand).

One time is from just before the process is started to the first page drawn in the browser: the
app's Overview title, or the minimal app's slider, is on the page and its first run has finished
(the page is connected and its script state is "notRunning"). It includes Python starting,
importing Streamlit and the app, the first run (which creates the example scenario in the empty
database) and the browser drawing it. Printed: every round's times, the medians and their ratios
to the one-slider app's.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from tests.browser_support import APP_READY, SCRIPT_IDLE, free_port, launch_chromium  # noqa: E402

# name -> (how the process is started, what shows the first page is drawn)
APPS = {
    # as `make run` starts it (ui/serve.py: imports the first page's modules while the browser loads)
    "app": ([sys.executable, "-m", "ui.serve"], "h1"),
    # plain `streamlit run streamlit_app.py`
    "app, streamlit run": (
        [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "streamlit_app.py")],
        "h1",
    ),
    "one slider": (
        [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "benchmarks" / "minimal_app.py")],
        "[data-testid='stSlider']",
    ),
}


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.01)
    raise RuntimeError("the server did not listen in time")


def one_start(browser, start: list[str], drawn: str) -> float:
    port = free_port()
    data_dir = tempfile.mkdtemp(prefix="stay-or-go-cold-")
    env = dict(os.environ, STAY_OR_GO_DB_URL=f"sqlite:///{Path(data_dir) / 'scenarios.db'}")
    command = [
        *start,
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
    page = browser.new_page()
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for_port(port, process)
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_selector(APP_READY, state="attached", timeout=60_000)
        page.wait_for_selector(drawn, state="visible", timeout=60_000)
        page.wait_for_selector(SCRIPT_IDLE, state="attached", timeout=60_000)
        return time.perf_counter() - start
    finally:
        page.close()
        process.terminate()
        process.wait(timeout=20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {name: [] for name in APPS}
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            for start, drawn in APPS.values():  # a first, unmeasured start of each
                one_start(browser, start, drawn)
            for r in range(args.rounds):
                for name, (start, drawn) in APPS.items():
                    times[name].append(one_start(browser, start, drawn))
                print(f"round {r + 1}: " + ", ".join(f"{n} {t[-1]:.2f} s" for n, t in times.items()))
        finally:
            browser.close()
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, m in medians.items():
        ratio = m / medians["one slider"]
        print(
            f"{name:>18}: median {m:.2f} s (min {min(times[name]):.2f}, max {max(times[name]):.2f}), {ratio:.2f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
