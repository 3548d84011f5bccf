"""The live priorities component in headless Chromium: what the browser adds up is what core does.

Generated cases (the example, one criterion, 30 criteria, 200 options, zero weights, ties, unicode
and hostile names, and random ones) are drawn by tests/live_priorities_app.py, one page load each.
For every case the totals, ranks and order shown equal `core.decision.matrix.DecisionMatrix`'s, and the marks on
each track equal `core.decision.sensitivity.weight_sensitivity`'s flips that the slider can reach.
Then the real app: keys pressed at a person's pace and fast, and a drag, are saved once and come
back after a reload.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from core.decision.matrix import DecisionMatrix
from core.decision.scoring import format_score
from core.decision.sensitivity import weight_sensitivity
from core.model.example import example_scenario
from core.model.scenario import STAYING_ID, Alternative, Criterion
from core.storage.database import LOCAL_OWNER, Storage
from tests.browser_support import (
    REPO_ROOT,
    SCRIPT_IDLE,
    AppServer,
    launch_chromium,
    require_chromium,
    start_app,
    wait_for_app,
)
from ui.live_priorities import WEIGHT_MAX, ZERO_MESSAGE, option_entries, scenario_data

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
HOSTILE_NAMES = [
    '<img src=x onerror="window.__pwned=1">',
    "<b>bold</b> & <i>co</i>",
    "</div><script>window.__pwned=1</script>",
    "${alert(1)} {{x}} %{y}",
    "'; DROP TABLE scenarios; --",
    "\u202eevil\u202c & &amp; &lt;",
]
UNICODE_NAMES = [
    "Café Zürich",
    "東京スタートアップ",
    "مرحبا بالعالم",
    "🚀 Rocket Inc.",
    "e\u0301te\u0301",
    "Ωmega ✓",
]


def _alternatives(names: list[str]) -> list[Alternative]:
    """Staying first, then an option per name."""
    return [
        Alternative(STAYING_ID, names[0], "current role"),
        *(Alternative(f"o{i}", name, "offer") for i, name in enumerate(names[1:], start=1)),
    ]


def _case(
    names: list[str], scores: np.ndarray, weights: list[float], crit_names: list[str]
) -> dict[str, Any]:
    return {
        "options": option_entries(_alternatives(names), scores),
        "criteria": [
            {"id": f"c{k}", "name": n, "weight": float(w)}
            for k, (n, w) in enumerate(zip(crit_names, weights, strict=True))
        ],
    }


def _random_case(
    rng: random.Random,
    n: int,
    m: int,
    *,
    names: list[str] | None = None,
    halves: bool = True,
    weights: list[float] | None = None,
) -> dict[str, Any]:
    names = names or ["Staying"] + [f"Option {i}" for i in range(1, n)]
    if halves:
        scores = np.array([[rng.randint(0, 20) / 2 for _ in range(m)] for _ in range(n)])
    else:
        scores = np.array([[rng.uniform(0, 10) for _ in range(m)] for _ in range(n)])
    if weights is None:
        weights = [rng.choice(range(0, 101, 5)) for _ in range(m)]
        if sum(weights) == 0:
            weights[0] = 10
    return _case(names, scores, weights, [f"Criterion {k}" for k in range(m)])


def generated_cases() -> list[dict[str, Any]]:
    rng = random.Random(20261130)
    cases = [scenario_data(example_scenario())]
    cases += [_random_case(rng, rng.randint(2, 6), 1) for _ in range(4)]  # one criterion
    cases += [_random_case(rng, rng.randint(2, 8), 30, halves=False) for _ in range(3)]  # 30 criteria
    cases += [_random_case(rng, 200, rng.randint(3, 8)) for _ in range(3)]  # 200 options
    cases += [_random_case(rng, 50, 12, halves=False)]  # the benchmark's size
    cases += [_random_case(rng, rng.randint(2, 6), rng.randint(1, 6), weights=None) for _ in range(2)]
    for m in (1, 3, 6):  # every weight at zero
        cases.append(_random_case(rng, 4, m, weights=[0.0] * m))
    # Ties: identical rows (an offer level with staying, two offers level at the top), and
    # totals that are equal only up to floating-point dust (0.1 + 0.2 against 0.3).
    tie = np.array([[6, 4, 5], [6, 4, 5], [8, 2, 5], [8, 2, 5]], dtype=float)
    cases.append(_case(["Staying", "Twin of staying", "A", "B"], tie, [1, 1, 1], ["x", "y", "z"]))
    cases.append(
        _case(["Staying", "A", "B"], np.array([[5, 5], [7, 3], [3, 7]], dtype=float), [50, 50], ["x", "y"])
    )
    dust = np.array([[0.3, 0.0], [0.1, 0.2], [0.2, 0.1]])
    cases.append(_case(["Staying", "A", "B"], dust, [1, 1], ["x", "y"]))
    cases.append(_case(["Staying", "A"], np.array([[5.0], [5.0]]), [30], ["only"]))
    # Names people type: unicode and hostile, as options and as criteria.
    for pool in (UNICODE_NAMES, HOSTILE_NAMES):
        crit = pool[:3]
        cases.append(
            _random_case(rng, len(pool), 3, names=list(pool))
            | {"criteria": _random_case(rng, 2, 3)["criteria"]}
        )
        cases[-1]["criteria"] = [dict(c, name=crit[k]) for k, c in enumerate(cases[-1]["criteria"])]
    while len(cases) < 56:
        cases.append(_random_case(rng, rng.randint(2, 12), rng.randint(1, 12), halves=rng.random() < 0.5))
    return cases


CASES = generated_cases()


def core_view(case: dict[str, Any]) -> tuple[DecisionMatrix | None, Any]:
    """core.decision.scoring's comparison and core.decision.sensitivity's of a case (None: zero weights)."""
    opts = sorted(case["options"], key=lambda o: not o["staying"])
    raw = np.array([c["weight"] for c in case["criteria"]], dtype=float)
    if raw.sum() <= 0:
        return None, None
    scores = np.array([o["scores"] for o in opts], dtype=float)
    comparison = DecisionMatrix(
        alternatives=tuple(
            Alternative(o["id"], o["name"], "current role" if o["staying"] else "offer") for o in opts
        ),
        criteria=tuple(Criterion(id=c["id"], name=c["name"], weight=c["weight"]) for c in case["criteria"]),
        raw=scores,
        scores=scores,
        currency="USD",
    )
    return comparison, weight_sensitivity(scores, raw)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium for the module (Playwright's sync API allows one instance at a time)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def cases_page(browser, tmp_path_factory) -> Iterator[tuple[Any, str]]:
    path = tmp_path_factory.mktemp("live") / "cases.json"
    path.write_text(json.dumps(CASES), encoding="utf-8")
    server = start_app(
        REPO_ROOT / "tests" / "live_priorities_app.py", env={"LIVE_PRIORITIES_CASES": str(path)}
    )
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        yield page, server.base_url
        context.close()
    finally:
        server.stop()


READ_JS = """root => ({
  totals: [...root.querySelectorAll('[data-option]')].map(e => ({
    name: e.getAttribute('data-option'), text: e.textContent,
    total: e.getAttribute('data-total'), rank: e.getAttribute('data-rank'),
    visible: !e.closest('[hidden]')})),
  marks: [...root.querySelectorAll('[data-criterion]')].map(c => ({
    criterion: c.getAttribute('data-criterion'),
    label: c.querySelector('[role=slider]').getAttribute('aria-label'),
    name: c.querySelector('.lp-name').textContent,
    marks: [...c.querySelectorAll('.lp-mark:not([hidden])')].map(m => ({
      side: m.getAttribute('data-side'), share: Number(m.getAttribute('data-share')),
      who: m.getAttribute('data-takes-over')}))})),
  text: root.textContent,
  message: root.querySelector('.lp-message').hidden ? null : root.querySelector('.lp-message').textContent,
  elements: root.querySelectorAll('img, script, b, i').length,
})"""


def expected_marks(
    case: dict[str, Any], sens: Any, comparison: DecisionMatrix
) -> dict[str, list[tuple[str, float, str]]]:
    raw = np.array([c["weight"] for c in case["criteria"]], dtype=float)
    out: dict[str, list[tuple[str, float, str]]] = {}
    for k, crit in enumerate(case["criteria"]):
        rest = raw.sum() - raw[k]
        marks = []
        for side, t, who in (
            ("down", sens.flip_down[k], sens.takes_over_down[k]),
            ("up", sens.flip_up[k], sens.takes_over_up[k]),
        ):
            if np.isnan(t) or who < 0 or rest <= 0:
                continue
            at = np.inf if t >= 1 else t * rest / (1 - t)
            if at <= WEIGHT_MAX + 1e-9:
                marks.append((side, float(t), comparison.alternatives[who].label))
        out[crit["name"]] = marks
    return out


@pytest.mark.parametrize("index", range(len(CASES)))
def test_totals_ranks_and_thresholds_match_core(cases_page, index):
    page, base_url = cases_page
    case = CASES[index]
    page.goto(f"{base_url}/?case={index}")
    wait_for_app(page)
    root = page.get_by_test_id("live-priorities")
    root.wait_for()
    page.get_by_test_id("live-ranking").wait_for(state="attached")
    assert_matches_core(root.evaluate(READ_JS), case)
    assert page.evaluate("() => window.__pwned") is None


def assert_matches_core(seen: dict[str, Any], case: dict[str, Any]) -> None:
    """What the component shows (READ_JS) is what core.decision.scoring and core.decision.sensitivity give `case`."""
    comparison, sens = core_view(case)
    assert "NaN" not in seen["text"] and "undefined" not in seen["text"]
    assert seen["elements"] == 0  # no HTML from names
    # Each control is named by its criterion, as typed, in text and in its accessible label.
    assert [(c["criterion"], c["label"], c["name"]) for c in seen["marks"]] == [
        (c["name"], c["name"], c["name"]) for c in case["criteria"]
    ]
    if comparison is None:
        assert seen["message"] == ZERO_MESSAGE
        assert not any(t["visible"] for t in seen["totals"])
        return
    assert seen["message"] is None
    shown = seen["totals"]
    # Rows best first, ties in the scenario's order with staying first: DecisionMatrix.order.
    labels = [a.label for a in comparison.alternatives]
    assert [t["name"] for t in shown] == [labels[i] for i in comparison.order]
    for t in shown:
        i = labels.index(t["name"])
        assert float(t["total"]) == pytest.approx(comparison.totals[i], abs=1e-12)
        assert t["text"] == format_score(comparison.totals[i])
        assert int(t["rank"]) == comparison.ranks[i]
    want = expected_marks(case, sens, comparison)
    for c in seen["marks"]:
        got = [(m["side"], m["share"], m["who"]) for m in c["marks"]]
        exp = want[c["criterion"]]
        assert [(s, w) for s, _, w in got] == [(s, w) for s, _, w in exp], c["criterion"]
        for (_, share, _), (_, t, _) in zip(got, exp, strict=True):
            assert share == pytest.approx(t, abs=1e-9)


# Set before each key press: counts the rows the redraw moves (a move is a removal and an insertion).
WATCH_ROWS_JS = """root => {
  const bars = root.querySelector('.lp-bars');
  window.__moved = 0;
  window.__rowsWatch?.disconnect();
  window.__rowsWatch = new MutationObserver((records) => {
    for (const r of records) window.__moved += r.removedNodes.length;
  });
  window.__rowsWatch.observe(bars, {childList: true});
}"""
# Resolves after the frame that the key press asked for has been drawn.
NEXT_FRAME_JS = "() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))"


def test_the_ranking_follows_key_presses_moving_only_rows_out_of_place(cases_page):
    """50 options x 12 criteria: after every key press on a control the shown totals, order, ranks
    and marks are core's for the new weights, and the redraw moved no more rows than changed place."""
    page, base_url = cases_page
    index = next(i for i, c in enumerate(CASES) if (len(c["options"]), len(c["criteria"])) == (50, 12))
    case = json.loads(json.dumps(CASES[index]))
    page.goto(f"{base_url}/?case={index}")
    wait_for_app(page)
    root = page.get_by_test_id("live-priorities")
    root.wait_for()
    crit = case["criteria"][0]
    slider = page.locator(f"[data-criterion='{crit['name']}'] [role='slider']")
    slider.focus()
    order = [t["name"] for t in root.evaluate(READ_JS)["totals"]]
    steps = {"ArrowRight": 5, "ArrowLeft": -5, "PageUp": 20, "PageDown": -20}
    reordered = 0
    for key in ["End", "ArrowLeft", "PageDown", "PageDown", "ArrowLeft", "Home", "ArrowRight", "PageUp"]:
        root.evaluate(WATCH_ROWS_JS)
        page.keyboard.press(key)
        page.evaluate(NEXT_FRAME_JS)
        weight = {"End": WEIGHT_MAX, "Home": 0.0}.get(key, crit["weight"] + steps.get(key, 0))
        crit["weight"] = min(WEIGHT_MAX, max(0.0, weight))
        seen = root.evaluate(READ_JS)
        assert_matches_core(seen, case)
        shown = [t["name"] for t in seen["totals"]]
        misplaced = sum(a != b for a, b in zip(order, shown, strict=True))
        assert page.evaluate("() => window.__moved") <= misplaced
        reordered += misplaced > 0
        order = shown
    assert reordered >= 3  # the presses did reorder the ranking


def test_cases_cover_what_the_issue_asks():
    sizes = [(len(c["options"]), len(c["criteria"])) for c in CASES]
    weights = [sum(x["weight"] for x in c["criteria"]) for c in CASES]
    names = {o["name"] for c in CASES for o in c["options"]} | {
        x["name"] for c in CASES for x in c["criteria"]
    }
    assert len(CASES) >= 50
    assert (
        any(m == 1 for _, m in sizes) and any(m == 30 for _, m in sizes) and any(n == 200 for n, _ in sizes)
    )
    assert any(w == 0 for w in weights)
    assert set(HOSTILE_NAMES) <= names and set(UNICODE_NAMES) <= names
    tied = 0
    for case in CASES:
        comparison, _ = core_view(case)
        if comparison is not None and any(
            comparison.tied_with(i) for i in range(len(comparison.alternatives))
        ):
            tied += 1
    assert tied >= 3
    marks = 0
    for case in CASES:
        comparison, sens = core_view(case)
        if comparison is not None:
            marks += sum(len(v) for v in expected_marks(case, sens, comparison).values())
    assert marks >= 100  # the thresholds compared are not all "none"


# The real app: keys and a drag are saved, and come back after a reload -------------------------------

EXAMPLE = example_scenario()
PAY = next(c for c in EXAMPLE.criteria if c.kind == "pay")


@pytest.fixture
def server() -> Iterator[AppServer]:
    require_chromium()
    server = start_app(REPO_ROOT / "streamlit_app.py")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def page(server: AppServer, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(server.base_url)
    wait_for_app(page)
    yield page
    context.close()


def stored(server: AppServer):
    with Storage(server.env["STAY_OR_GO_DB_URL"]) as storage:
        info = storage.list(LOCAL_OWNER)[0]
        return storage.load_by_id(LOCAL_OWNER, info.id)[0]


def settle(page) -> None:
    for _ in range(3):
        page.wait_for_timeout(600)
        page.wait_for_selector(SCRIPT_IDLE, state="attached")


def go_to(page, title: str) -> None:
    page.get_by_role("link", name=title).click()
    page.get_by_role("heading", name=title, level=1).wait_for()
    page.get_by_test_id("live-priorities").wait_for()
    settle(page)


def pay_slider(page):
    return page.locator(f"[data-criterion='{PAY.name}'] [role='slider']")


@pytest.mark.parametrize("pause", [150, 50, 420])
@pytest.mark.parametrize("where", ["Priorities", "Compare"])
def test_keys_all_count_and_are_saved_once(server, page, where, pause):
    """→ ten times on Pay, then ← four times, `pause` ms apart (a person's pace, a fast one, and
    one just past the pause that commits, so presses land while a commit's rerun is under way):
    six steps of 5 up, saved, and shown; no false conflict."""
    go_to(page, where)
    slider = pay_slider(page)
    slider.focus()
    for key in ["ArrowRight"] * 10 + ["ArrowLeft"] * 4:
        page.keyboard.press(key)
        page.wait_for_timeout(pause)
    assert slider.get_attribute("aria-valuenow") == str(int(PAY.weight + 30))
    settle(page)
    assert stored(server).criterion(PAY.id).weight == PAY.weight + 30
    assert slider.get_attribute("aria-valuenow") == str(int(PAY.weight + 30))
    assert page.get_by_text("changed in another tab").count() == 0
    # Then a burst with no pause at all, and a press while the last commit is on its way.
    for key in ["End", "Home", "PageUp", "ArrowRight"]:
        page.keyboard.press(key)
    page.wait_for_timeout(450)
    page.keyboard.press("ArrowRight")
    settle(page)
    assert stored(server).criterion(PAY.id).weight == 30.0
    assert slider.get_attribute("aria-valuenow") == "30"


def test_drag_and_release_saves_and_a_reload_brings_it_back(server, page):
    go_to(page, "Priorities")
    slider = pay_slider(page)
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * PAY.weight / 100, y)
    page.mouse.down()
    for step in range(1, 11):  # to 72 % of the track, in ten moves
        page.mouse.move(box["x"] + box["width"] * (PAY.weight + step * 4.2) / 100, y)
        page.wait_for_timeout(30)
    dragged = int(slider.get_attribute("aria-valuenow"))
    assert 68 <= dragged <= 76
    # Nothing is saved while dragging.
    page.wait_for_timeout(800)
    assert stored(server).criterion(PAY.id).weight == PAY.weight
    page.mouse.up()
    settle(page)
    assert stored(server).criterion(PAY.id).weight == dragged
    share = round(100 * dragged / (dragged + sum(c.weight for c in EXAMPLE.criteria if c.id != PAY.id)))
    assert slider.get_attribute("aria-valuetext") == f"{share}% of the decision"

    page.reload()
    wait_for_app(page)
    go_to(page, "Priorities")
    assert pay_slider(page).get_attribute("aria-valuenow") == str(dragged)
