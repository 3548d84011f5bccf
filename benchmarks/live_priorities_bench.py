"""How fast the live ranking follows a priority slider, against the one-slider Streamlit app.

    .venv/bin/python benchmarks/live_priorities_bench.py [--rounds 60] [--warmup 10]
        [--before PATH | --before-commit 24a78ae | --no-before]

Starts three Streamlit servers and drives them in one headless Chromium (Debian's /usr/bin/chromium):
  example   the app's Compare page on the example scenario (4 options x 6 criteria), the Pay control
            of the live priorities component (ui/live_priorities.py);
  50x12     tests/live_priorities_app.py drawing the component alone for 50 options x 12 criteria;
  minimal   benchmarks/minimal_app.py, one st.slider: key press to the rerun shown (as
            benchmarks/slider_rerun.py measures it), the baseline.
Rounds of the three are interleaved, so all see the same (shared, noisy) machine.

Measured inside the page with performance.now():
  key    from the keydown event's timestamp (a capture listener on the document) to the frame
         that shows the new ranking painted: a requestAnimationFrame callback asked for before the
         component's handler (which asks for its redraw in the same frame, after it), then a
         zero-delay task after that frame (the paint happens between the two). The ranking's
         totals are checked to have changed.
  move   the same from a pointermove event's timestamp while dragging the control (mouse held).
  release  the Compare page after a commit: from the end of the key pause that commits to the
         rerun it starts finished and painted (benchmarks/slider_rerun.py's end).
  before   the Compare page of the app before this component (st.slider priorities in the
         sidebar), key press to its rerun finished and painted, in the same run: the page after a
         release should settle no later than that. By default that app is BEFORE_COMMIT taken
         from this repository's history (git archive) into a temporary directory.
Nothing reaches the server during a key or move round: the component commits on release or after a pause in
key presses, and each block of rounds waits for that commit's rerun to finish first.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.slider_rerun import ARM_JS as RERUN_JS  # noqa: E402
from benchmarks.slider_rerun import open_compare, open_minimal, percentile  # noqa: E402
from tests.browser_support import (  # noqa: E402
    SCRIPT_IDLE,
    chromium_available,
    launch_chromium,
    start_app,
    wait_for_app,
)

KEY_PAUSE_MS = 400  # ui/live_priorities_frontend/live_priorities.js: a pause this long commits
BEFORE_COMMIT = "24a78ae"  # the last version whose priorities were st.sliders in Compare's sidebar

# Armed before each key press or pointer move; window.__paint resolves with the timings.
ARM_JS = """
(kind) => {
  const host = document.querySelector("[data-bench='live']");
  const root = host.shadowRoot || host;
  const ranking = root.querySelector("[data-testid='live-ranking']");
  const totals = () => [...ranking.querySelectorAll("[data-option]")]
    .map((e) => e.getAttribute("data-total")).join(",");
  const before = totals();
  window.__paint = new Promise((resolve) => {
    const on = (e) => {
      document.removeEventListener(kind, on, true);
      const start = e.timeStamp;
      // The component's own handler runs after this capture listener and asks for its redraw
      // in the next animation frame, after this callback (callbacks run in the order asked):
      // that frame draws and paints the new ranking, and a task queued from this callback runs
      // once it has been painted.
      requestAnimationFrame(() => setTimeout(() => {
        resolve({ms: performance.now() - start, changed: totals() !== before});
      }, 0));
    };
    document.addEventListener(kind, on, true);
  });
}
"""


class Live:
    """The component on one page: key presses and pointer moves on its first control."""

    def __init__(self, name: str, page, criterion: str) -> None:
        self.name = name
        self.page = page
        self.slider = page.locator(f"[data-criterion='{criterion}'] [role='slider']")
        self.key: list[float] = []
        self.move: list[float] = []
        self.release: list[float] = []
        self.unchanged = 0
        self.direction = "ArrowRight"

    def settle(self) -> None:
        self.page.wait_for_timeout(500)  # past the pause that commits
        self.page.wait_for_selector(SCRIPT_IDLE, state="attached")

    def keys(self, count: int, record: bool) -> None:
        self.slider.focus()
        for _ in range(count):
            self.page.evaluate(ARM_JS, "keydown")
            self.page.keyboard.press(self.direction)
            t = self.page.evaluate("window.__paint")
            self.direction = "ArrowLeft" if self.direction == "ArrowRight" else "ArrowRight"
            if record:
                self.key.append(t["ms"])
                self.unchanged += not t["changed"]
            self.page.wait_for_timeout(random.randint(50, 150))
        self.settle()

    def commit(self, record: bool) -> None:
        """One key press, then the rerun its commit starts: from the end of the pause that
        commits (keydown + KEY_PAUSE_MS) to the page settled and painted (slider_rerun's end)."""
        self.slider.focus()
        self.page.evaluate(
            RERUN_JS,
            {
                "sliderSelector": "[data-bench='live']",
                "markerSelector": "[data-bench='live']",
                "timeoutMs": 20_000,
            },
        )
        self.page.keyboard.press(self.direction)
        self.direction = "ArrowLeft" if self.direction == "ArrowRight" else "ArrowRight"
        t = self.page.evaluate("window.__rerun")
        if record:
            self.release.append(t["end"] - t["keydown"] - KEY_PAUSE_MS)
        self.settle()

    def moves(self, count: int, record: bool) -> None:
        box = self.slider.bounding_box()
        y = box["y"] + box["height"] / 2
        x0 = box["x"] + box["width"] * 0.2
        self.page.mouse.move(x0, y)
        self.page.mouse.down()
        for i in range(count):
            # Back and forth over 20-50 % of the track, 3 % of it a move: a new weight each time.
            x = x0 + box["width"] * 0.03 * (1 + i % 10 if (i // 10) % 2 == 0 else 10 - i % 10)
            self.page.evaluate(ARM_JS, "pointermove")
            self.page.mouse.move(x, y)
            t = self.page.evaluate("window.__paint")
            if record:
                self.move.append(t["ms"])
                self.unchanged += not t["changed"]
        self.page.mouse.up()
        self.settle()


def open_example(browser, base_url: str) -> Live:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(base_url)
    wait_for_app(page)
    page.get_by_role("link", name="Compare").click()
    page.get_by_test_id("live-priorities").wait_for()
    page.wait_for_selector(SCRIPT_IDLE, state="attached")
    _mark(page)
    return Live("example", page, "Pay")


def open_big(browser, base_url: str) -> Live:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base_url}/?case=0")
    wait_for_app(page)
    page.get_by_test_id("live-priorities").wait_for()
    _mark(page)
    return Live("50x12", page, "Criterion 0")


def _mark(page) -> None:
    """Tag the component's host element, to find its shadow root from the page."""
    page.get_by_test_id("live-priorities").evaluate(
        "e => { const host = e.getRootNode().host || e.parentElement; host.setAttribute('data-bench', 'live'); }"
    )


def big_case(options: int = 50, criteria: int = 12) -> dict:
    from core.model.scenario import STAYING_ID, Alternative
    from ui.live_priorities import option_entries

    rng = random.Random(50 * 12)
    scores = [[round(rng.uniform(0, 10), 2) for _ in range(criteria)] for _ in range(options)]
    alternatives = [Alternative(STAYING_ID, "Staying", "current role")]
    alternatives += [Alternative(f"o{i}", f"Option {i}", "offer") for i in range(1, options)]
    return {
        "options": option_entries(alternatives, scores),
        "criteria": [{"id": f"c{k}", "name": f"Criterion {k}", "weight": 50.0} for k in range(criteria)],
    }


def export_commit(commit: str) -> Path | None:
    """This repository's files at `commit`, in a new temporary directory (None: no git history)."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "archive", commit], check=True, capture_output=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    dest = Path(tempfile.mkdtemp(prefix="live-bench-before-"))
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def summary(name: str, values: list[float]) -> str:
    return (
        f"{name:<16}{len(values):>4}{statistics.median(values):>10.1f}{percentile(values, 95):>9.1f}"
        f"{min(values):>8.1f}{max(values):>8.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=60, help="measured key presses and moves per target")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument(
        "--before",
        type=Path,
        help="a checkout of the app from before this component (its Compare page has st.slider "
        "priorities in the sidebar): its slider move to page settled is measured in the same run",
    )
    parser.add_argument(
        "--before-commit",
        default=BEFORE_COMMIT,
        help=f"without --before: take that app from this commit of the history ({BEFORE_COMMIT})",
    )
    parser.add_argument("--no-before", action="store_true", help="leave the app before this component out")
    args = parser.parse_args(argv)
    exported = None
    if args.before is None and not args.no_before:
        args.before = exported = export_commit(args.before_commit)
        if args.before is None:
            print(f"no git history here: {args.before_commit} left out (use --before PATH)", file=sys.stderr)
    if not chromium_available():
        print("/usr/bin/chromium is missing: apt-get install -y chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    cases = Path(tempfile.mkdtemp(prefix="live-bench-")) / "cases.json"
    cases.write_text(json.dumps([big_case()]), encoding="utf-8")
    servers = [
        start_app(REPO_ROOT / "streamlit_app.py"),
        start_app(REPO_ROOT / "tests" / "live_priorities_app.py", env={"LIVE_PRIORITIES_CASES": str(cases)}),
        start_app(REPO_ROOT / "benchmarks" / "minimal_app.py"),
    ]
    if args.before:
        servers.append(start_app(args.before / "streamlit_app.py", cwd=args.before))
    block = 10
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            try:
                example = open_example(browser, servers[0].base_url)
                big = open_big(browser, servers[1].base_url)
                minimal = open_minimal(browser, servers[2].base_url)
                before = open_compare(browser, servers[3].base_url) if args.before else None
                started = time.monotonic()
                done = 0
                while done < args.warmup + args.rounds:
                    record = done >= args.warmup
                    n = (
                        min(block, args.warmup + args.rounds - done)
                        if record
                        else min(block, args.warmup - done)
                    )
                    for live in (example, big):
                        live.keys(n, record)
                        live.moves(n, record)
                    for _ in range(3):  # reruns are slow: three per block
                        example.commit(record)
                        if before is not None:
                            before.one_round(record)
                    for _ in range(n):
                        minimal.one_round(record)
                    done += n
                elapsed = time.monotonic() - started
            finally:
                browser.close()
    finally:
        for server in servers:
            server.stop()
        if exported is not None:
            shutil.rmtree(exported, ignore_errors=True)

    print(
        f"Live priorities: input -> ranking painted, headless Chromium, {args.rounds} measured per row "
        f"after {args.warmup} warm-up, interleaved in blocks of {block} ({elapsed:.0f} s in all)"
    )
    print(f"{'what':<16}{'n':>4}{'median ms':>10}{'p95 ms':>9}{'min':>8}{'max':>8}")
    rows = [
        ("example key", example.key),
        ("example move", example.move),
        ("50x12 key", big.key),
        ("50x12 move", big.move),
        ("minimal key", minimal.totals),
        ("example release", example.release),
    ]
    if before is not None:
        rows.append(("before: slider", before.totals))
    for name, values in rows:
        print(summary(name, values))
    base = statistics.median(minimal.totals)
    for name, values in [*rows[:4], *rows[5:]]:
        print(f"ratio {name} / minimal key (medians): {statistics.median(values) / base:.2f}")
    print(f"rounds where the totals did not change: {example.unchanged + big.unchanged}")
    if before is not None:
        after, then = statistics.median(example.release), statistics.median(before.totals)
        verdict = "no later" if after <= then else "LATER"
        print(
            f"Compare after a release settles in {after:.0f} ms, before this component {then:.0f} ms "
            f"(medians, same run): {after / then:.2f}x, {verdict} than before"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
