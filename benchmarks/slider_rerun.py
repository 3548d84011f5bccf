"""How long a priority slider took to update the Compare page, against a one-slider app.

The Compare page's priorities are now the live priorities component; benchmarks/live_priorities_bench.py
measures them, and reuses this file's in-page timing (ARM_JS) for a rerun. This script still drives a
checkout of the app from before the component (its Compare page had an st.slider per priority in the
sidebar), for the figures in docs/benchmarks.md.

    .venv/bin/python benchmarks/slider_rerun.py [--rounds 30] [--warmup 5] [--saving-off]

Starts two Streamlit servers (the app, and benchmarks/minimal_app.py) and drives both in headless
Chromium (Debian's /usr/bin/chromium). Each round presses ArrowRight or ArrowLeft (alternating, so
the value changes every time) on a slider: the Pay priority in the Compare page's sidebar, and the
only slider of the minimal app. Rounds of the two apps are interleaved, so both see the same machine.

What one round measures, all with performance.now() inside the page:
  start  the keydown event on the slider (a capture listener on the document);
  end    the rerun that the key press started is over: the app's
         `data-test-script-state` went to "running" and back to "notRunning", and then the
         browser has painted (two animation frames). Mutation records keep old values, so a
         "running" that came and went between two observer callbacks still counts. If a rerun
         is so fast that "running" never reached the DOM at all (about a third of the minimal
         app's rounds), the end is the last change to the page plus two frames, once the state
         is "notRunning", the text the rerun changes (the Pay share label; the minimal app's
         written value) has changed and the page has been still for 100 ms.
Also printed: the time to the "running" state (key press to the server starting the script,
including any client-side debounce), the time spent running, and how long the page's main thread
was blocked by long tasks (over 50 ms, mostly drawing charts and tables) during the round.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from tests.browser_support import (  # noqa: E402
    SCRIPT_IDLE,
    chromium_available,
    launch_chromium,
    start_app,
    wait_for_app,
)

TARGET_RATIO = 1.5
ROUND_TIMEOUT_MS = 20_000

# Installed before each key press; window.__rerun resolves with the timings of that rerun.
ARM_JS = """
({sliderSelector, markerSelector, timeoutMs}) => {
  const app = document.querySelector("[data-testid='stApp']");
  const markerText = () => {
    const m = document.querySelector(markerSelector);
    return m ? m.textContent : null;
  };
  const before = markerText();
  const t = {keydown: null, running: null, notRunning: null, end: null, via: null, longTasks: 0};
  // Main-thread tasks over 50 ms during the round: time the page spent busy (mostly drawing).
  const tasks = [];
  const longTaskObserver = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  longTaskObserver.observe({type: "longtask"});
  window.__rerun = new Promise((resolve, reject) => {
    let observer = null;
    let done = false;
    const finish = (via, end = null) => {
      if (done) return;
      done = true;
      observer.disconnect();
      quiet.disconnect();
      document.removeEventListener("keydown", onKey, true);
      clearTimeout(timer);
      t.via = via;
      // Count the paint of what the rerun drew: two frames after the script state settles.
      requestAnimationFrame(() => requestAnimationFrame(() => {
        t.end = end ?? performance.now();
        for (const e of longTaskObserver.takeRecords()) tasks.push(e);
        longTaskObserver.disconnect();
        t.longTasks = tasks
          .filter((e) => e.startTime + e.duration > t.keydown && e.startTime < t.end)
          .reduce((sum, e) => sum + e.duration, 0);
        resolve(t);
      }));
    };
    const onKey = (e) => {
      if (t.keydown === null && e.target.closest(sliderSelector)) t.keydown = performance.now();
    };
    document.addEventListener("keydown", onKey, true);
    // Mutation records keep the old value, so a "running" that came and went between two
    // callbacks still counts as seen.
    const check = (records = []) => {
      if (t.keydown === null || done) return;
      const state = app.getAttribute("data-test-script-state");
      const sawRunning = state === "running" || records.some((r) => r.oldValue === "running");
      if (sawRunning && t.running === null) t.running = performance.now();
      if (state === "notRunning" && t.running !== null) {
        t.notRunning = performance.now();
        finish("attribute");
      }
    };
    observer = new MutationObserver(check);
    observer.observe(app, {
      attributes: true, attributeOldValue: true, attributeFilter: ["data-test-script-state"],
    });
    // Fallback for a rerun so fast that its "running" state never reached the DOM: the marker
    // text has changed, the state is notRunning and the page has been still for QUIET_MS. The
    // end is then the last change to the page plus two frames, as on the main path.
    const QUIET_MS = 100;
    let lastMutation = performance.now();
    const quiet = new MutationObserver(() => { lastMutation = performance.now(); });
    quiet.observe(app, {attributes: true, childList: true, subtree: true, characterData: true});
    let lastFrame = null;
    let frameMs = 1000 / 60;
    const poll = (now) => {
      if (done) return;
      if (lastFrame !== null) frameMs = Math.min(frameMs, now - lastFrame) || frameMs;
      lastFrame = now;
      check(observer.takeRecords());
      if (!done && t.keydown !== null && t.running === null &&
          app.getAttribute("data-test-script-state") === "notRunning" &&
          markerText() !== before && performance.now() - lastMutation >= QUIET_MS) {
        t.notRunning = lastMutation;
        finish("content", lastMutation + 2 * frameMs);
        return;
      }
      requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
    const timer = setTimeout(() => {
      done = true;
      observer.disconnect();
      quiet.disconnect();
      longTaskObserver.disconnect();
      reject(new Error("no rerun finished within " + timeoutMs + " ms: " + JSON.stringify(t)));
    }, timeoutMs);
  });
}
"""


class Target:
    """One app in one tab, with the slider to move and the text its rerun changes."""

    def __init__(self, name: str, page, slider_selector: str, marker_selector: str) -> None:
        self.name = name
        self.page = page
        self.slider_selector = slider_selector
        self.marker_selector = marker_selector
        self.direction = "ArrowRight"
        self.totals: list[float] = []
        self.to_running: list[float] = []
        self.running_span: list[float] = []
        self.long_tasks: list[float] = []
        self.via: dict[str, int] = {}

    def one_round(self, record: bool) -> None:
        page = self.page
        page.wait_for_selector(SCRIPT_IDLE, state="attached")
        thumb = page.locator(f"{self.slider_selector} input[type='range']")
        thumb.focus()
        page.evaluate(
            ARM_JS,
            {
                "sliderSelector": self.slider_selector,
                "markerSelector": self.marker_selector,
                "timeoutMs": ROUND_TIMEOUT_MS,
            },
        )
        page.keyboard.press(self.direction)
        t = page.evaluate("window.__rerun")
        self.direction = "ArrowLeft" if self.direction == "ArrowRight" else "ArrowRight"
        if record:
            self.totals.append(t["end"] - t["keydown"])
            self.long_tasks.append(t["longTasks"])
            if t["running"] is not None:
                self.to_running.append(t["running"] - t["keydown"])
                self.running_span.append(t["notRunning"] - t["running"])
            self.via[t["via"]] = self.via.get(t["via"], 0) + 1


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile, q in [0, 100]."""
    s = sorted(values)
    if len(s) == 1:
        return s[0]
    pos = (len(s) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def open_compare(browser, base_url: str) -> Target:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(base_url)
    wait_for_app(page)
    # Navigate as a person does: a page load would start a new session.
    page.get_by_test_id("stTopNavLink").filter(has_text="Compare").click()
    page.wait_for_selector("[data-testid='stAlertContentSuccess']")
    page.wait_for_selector(SCRIPT_IDLE, state="attached")
    # The Pay slider is the first priority in the sidebar; the caption under it says its share
    # ("30% of the decision"), which every step changes.
    sliders = page.locator("[data-testid='stSidebar'] [data-testid='stSlider']")
    sliders.first.wait_for()
    label = sliders.first.get_by_test_id("stWidgetLabel").inner_text()
    if label.strip() != "Pay":
        raise SystemExit(f"expected the Pay slider first in the sidebar, found {label!r}")
    sliders.first.evaluate(
        """e => {
            e.setAttribute('data-bench', 'slider');
            const box = e.closest("[data-testid='stElementContainer']");
            box.nextElementSibling.setAttribute('data-bench', 'share');
        }"""
    )
    slider = "[data-bench='slider']"
    return Target("compare", page, slider, "[data-bench='share']")


def open_minimal(browser, base_url: str) -> Target:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(base_url)
    wait_for_app(page)
    page.get_by_test_id("stSlider").first.evaluate("e => e.setAttribute('data-bench', 'slider')")
    return Target(
        "minimal", page, "[data-bench='slider']", "[data-testid='stMain'] [data-testid='stMarkdown']"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30, help="measured rounds per app (30)")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured rounds per app first (5)")
    parser.add_argument(
        "--saving-off",
        action="store_true",
        help="run the app with saving off (a database URL it can't use), to see what saving each change costs",
    )
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if not chromium_available():
        print("/usr/bin/chromium is missing: apt-get install -y chromium", file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    app = start_app(
        REPO_ROOT / "streamlit_app.py",
        env={"STAY_OR_GO_DB_URL": "unusable:///saving-off"} if args.saving_off else None,
    )
    minimal = start_app(REPO_ROOT / "benchmarks" / "minimal_app.py")
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            try:
                targets = [open_compare(browser, app.base_url), open_minimal(browser, minimal.base_url)]
                started = time.monotonic()
                for i in range(args.warmup + args.rounds):
                    # Alternate which app goes first, so neither always follows the other.
                    order = targets if i % 2 == 0 else targets[::-1]
                    for target in order:
                        target.one_round(record=i >= args.warmup)
                elapsed = time.monotonic() - started
            finally:
                browser.close()
    finally:
        app.stop()
        minimal.stop()

    compare, baseline = targets
    print(
        f"Slider key press -> end of rerun (painted), headless Chromium, {args.rounds} rounds "
        f"per app after {args.warmup} warm-up, interleaved ({elapsed:.0f} s in all)"
    )
    print(
        f"{'app':<10}{'median ms':>11}{'p90 ms':>9}{'min ms':>9}{'max ms':>9}"
        f"{'to running':>12}{'running':>9}{'busy':>7}  end seen via"
    )
    for t in targets:
        to_running = f"{statistics.median(t.to_running):.1f}" if t.to_running else "-"
        running = f"{statistics.median(t.running_span):.1f}" if t.running_span else "-"
        busy = statistics.median(t.long_tasks)
        print(
            f"{t.name:<10}{statistics.median(t.totals):>11.1f}{percentile(t.totals, 90):>9.1f}"
            f"{min(t.totals):>9.1f}{max(t.totals):>9.1f}{to_running:>12}{running:>9}{busy:>7.0f}"
            f"  {t.via}"
        )
    print(
        '(medians, ms. to running / running: over the rounds where the page showed the "running" '
        "state, key press to script start and script start to script end as the page saw it; "
        "busy: main-thread long tasks (>50 ms) during the round)"
    )
    ratio = statistics.median(compare.totals) / statistics.median(baseline.totals)
    p90_ratio = percentile(compare.totals, 90) / percentile(baseline.totals, 90)
    verdict = "within" if ratio <= TARGET_RATIO else "OVER"
    print(
        f"ratio compare/minimal: median {ratio:.2f}x, p90 {p90_ratio:.2f}x "
        f"({verdict} the {TARGET_RATIO}x target)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
