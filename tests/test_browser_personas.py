"""Two people type their own case into the app from a blank scenario, as a person does: click a
field, type, Tab to the next one without waiting for the page, arrow keys on the sliders. Then every
figure on Compare and in the downloaded CSVs is checked against the table worked out by hand below
(from the rules in docs/methods.md, not from core).

Lena, in Berlin: a same-pay internal move and an offer in Munich, with a bonus and yearly raises at
home: the internal move must equal staying whatever month she moves.

Sam, in Austin: a San Francisco offer with a sign-on under a clawback and yearly equity refreshers,
and a counteroffer from the current employer.

Each runs at a person's pace and at a fast one (keys 50 ms apart, typing with no pause).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pytest

from core.storage.database import LOCAL_OWNER, Storage
from tests.browser_support import (
    REPO_ROOT,
    SCRIPT_IDLE,
    AppServer,
    forget_saved_scenarios,
    launch_chromium,
    require_chromium,
    start_app,
    wait_for_app,
)

pytestmark = pytest.mark.browser
TIMEOUT_MS = 30_000
# key delay while typing text (ms), pause between key presses on a slider (ms)
PACES = {"human": (40, 150), "fast": (0, 50)}

# Five years of a 3% yearly raise: 1 + 1.03 + 1.03^2 + 1.03^3 + 1.03^4.
RAISES_5Y = sum(1.03**y for y in range(5))  # 5.30913581


def score_pay(value: float, now: float) -> float:
    """The pay score (docs/methods.md): +30% or more scores 10, -30% or less 0, linear between."""
    change = (value / now - 1) * 100
    return min(10.0, max(0.0, 5 + 5 * change / 30))


def total(scores: dict[str, float]) -> float:
    """The blank scenario's weights: Pay 30, Title 10, Work-life balance 20, Culture fit 15,
    Growth 20 (95 in all)."""
    weights = {"Pay": 30, "Title": 10, "Work-life balance": 20, "Culture fit": 15, "Growth": 20}
    return sum(weights[k] * scores.get(k, 5.0) for k in weights) / sum(weights.values())


@pytest.fixture(scope="module")
def server() -> Iterator[AppServer]:
    """One server for the module's tests; each test starts from an empty database (see `page`)."""
    require_chromium()
    server = start_app(REPO_ROOT / "streamlit_app.py")
    try:
        yield server
    finally:
        server.stop()


class Person:
    """A person at the keyboard: types into fields found by their labels, Tabs between them."""

    def __init__(self, page, pace: str) -> None:
        self.page = page
        self.key_delay, self.pause = PACES[pace]

    def settle(self) -> None:
        for _ in range(3):
            self.page.wait_for_timeout(300)
            self.page.wait_for_selector(SCRIPT_IDLE, state="attached")

    def go_to(self, title: str) -> None:
        self.page.get_by_test_id("stTopNavLink").filter(has_text=re.compile(rf"{title}$")).click()
        self.page.get_by_role("heading", name=title, level=1).wait_for()
        self.settle()

    def field(self, label: str):
        """The field whose label starts with `label` (labels may end with the currency)."""
        return self.page.locator(f"input[aria-label^='{label}'], textarea[aria-label^='{label}']").first

    def type_into(self, label: str, text: str) -> None:
        """Click the field, select what is there, type, Tab on: no wait for the page."""
        box = self.field(label)
        box.click()
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(text, delay=self.key_delay)
        self.page.keyboard.press("Tab")

    def choose(self, label: str, typed: str) -> None:
        """Open the selectbox called `label`, type to find the option, Enter: no wait."""
        self.page.get_by_label(label, exact=True).first.click()
        self.page.keyboard.type(typed, delay=self.key_delay)
        self.page.keyboard.press("Enter")

    def press(self, slider_label: str, key: str, times: int) -> None:
        """Focus the slider named `slider_label` in the main area and press `key` `times` times."""
        slider = (
            self.page.get_by_test_id("stMain")
            .get_by_test_id("stSlider")
            .filter(
                has=self.page.get_by_test_id("stWidgetLabel").filter(
                    has_text=re.compile(rf"^{slider_label}$")
                )
            )
            .first
        )
        slider.get_by_role("slider").first.focus()
        for _ in range(times):
            self.page.keyboard.press(key)
            self.page.wait_for_timeout(self.pause)

    def click(self, name: str) -> None:
        self.page.get_by_role("button", name=name, exact=True).first.click()
        self.settle()

    def download(self, button: str) -> str:
        self.settle()
        with self.page.expect_download() as info:
            self.page.get_by_test_id("stDownloadButton").filter(has_text=button).locator(
                "button:visible"
            ).first.click()
        return open(info.value.path(), encoding="utf-8").read()


@pytest.fixture(scope="module")
def chromium(server):
    """One Chromium for the module's tests; each test has a context of its own (a fresh tab)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        yield browser
        browser.close()


@pytest.fixture(params=list(PACES))
def person(request, server, chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    # No scenario saved by an earlier test: the app opens on the example, as on a first visit.
    forget_saved_scenarios(server.env["STAY_OR_GO_DB_URL"])
    page.goto(server.base_url)
    wait_for_app(page)
    someone = Person(page, request.param)
    someone.click("New blank scenario")
    yield someone
    context.close()


def rows(text: str) -> dict[str, dict[str, str]]:
    return {r["Option"]: r for r in csv.DictReader(io.StringIO(text))}


def stored(server: AppServer):
    with Storage(server.env["STAY_OR_GO_DB_URL"]) as storage:
        return storage.load_by_id(LOCAL_OWNER, storage.list(LOCAL_OWNER)[0].id)[0]


def test_lena_berlin_internal_move_and_a_munich_offer(person, server):
    """Lena: Nordlicht GmbH, €80,000 base, a 10% bonus paid in full, the default 3% yearly raise,
    42% tax. Everything over 5 years, after tax and cost of living, leaving now (month 0):

    Staying: base 80,000 × 5.30914 = 424,730.86; bonus 10% of each year's base = 42,473.09;
    467,203.95 × 0.58 = 270,978.29, an average year of 54,195.66.

    Payments team (Add internal role: same employer, the current pay copied): the same 54,195.66,
    and the same at any leave month (month 6 here): nothing restarts on an internal move.

    Sternwerk Munich (Add external offer): €105,000 base, no bonus, 3% raise, a €5,000 sign-on
    repaid within 12 months, 42% tax copied from now, cost of living 110:
    105,000 × 5.30914 = 557,459.26, + 5,000 = 562,459.26; × 0.58 = 326,226.37; / 1.10 =
    296,569.43, an average year of 59,313.89: +9.444% on staying, a pay score of 6.574.

    Ratings (arrow keys from 5, half a point a press): Payments team growth 6.5 (3 presses);
    Sternwerk growth 7 (4 presses), work-life balance 4 (2 presses left).
    Totals: staying 5.0; Payments team (5×30 + 5×10 + 5×20 + 5×15 + 6.5×20) / 95 = 5.3158;
    Sternwerk (6.574×30 + 50 + 4×20 + 75 + 7×20) / 95 = 5.7076: it beats staying by 0.7 points,
    driven by pay (+0.497) and growth (+0.421); it loses on work-life balance (−0.211).
    """
    p = person
    p.go_to("Current role")
    p.choose("Currency you are paid in", "Euro")
    p.type_into("Employer", "Nordlicht GmbH")
    p.type_into("Role", "Backend engineer")
    p.type_into("Base salary per year", "80,000")
    p.type_into("Bonus target (% of base)", "10")
    p.type_into("Effective tax rate (%)", "42")
    p.settle()

    p.go_to("Offers")
    p.click("Add internal role")
    p.type_into("Name", "Payments team")
    p.press("Growth", "ArrowRight", 3)
    p.settle()
    p.click("Add external offer")
    p.type_into("Name", "Sternwerk Munich")
    p.type_into("Employer", "Sternwerk AG")
    p.press("Growth", "ArrowRight", 4)
    p.press("Work-life balance", "ArrowLeft", 2)
    p.type_into("Base salary per year", "105000")
    p.type_into("Sign-on bonus", "5,000")
    p.type_into("Repaid if you leave within (months)", "12")
    p.type_into("Cost of living (where you live now = 100)", "110")
    p.settle()

    saved = stored(server)
    move = next(o for o in saved.options if o.name == "Payments team")
    munich = next(o for o in saved.options if o.name == "Sternwerk Munich")
    assert (move.kind, move.employer, move.pay.base, move.pay.bonus_target_pct) == (
        "internal role",
        "Nordlicht GmbH",
        80_000,
        10,
    )
    assert (munich.employer, munich.pay.base, munich.pay.sign_on, munich.pay.clawback_months) == (
        "Sternwerk AG",
        105_000,
        5_000,
        12,
    )
    assert (
        munich.ratings["growth"] == 7 and munich.ratings["work_life"] == 4 and move.ratings["growth"] == 6.5
    )

    staying_year = (80_000 * RAISES_5Y * 1.1) * 0.58 / 5
    munich_year = (105_000 * RAISES_5Y + 5_000) * 0.58 / 1.10 / 5
    assert staying_year == pytest.approx(54_195.66, abs=0.01)
    assert munich_year == pytest.approx(59_313.89, abs=0.01)
    munich_pay = score_pay(munich_year, staying_year)
    expected = {
        "Stay at Nordlicht GmbH": 5.0,
        "Payments team": total({"Growth": 6.5}),
        "Sternwerk Munich": total({"Pay": munich_pay, "Growth": 7, "Work-life balance": 4}),
    }
    assert expected["Sternwerk Munich"] == pytest.approx(5.7076, abs=1e-4)

    p.go_to("Compare")
    verdict = p.page.get_by_test_id("stAlertContentSuccess").first.get_by_test_id("stMarkdownContainer")
    verdict.wait_for()
    assert verdict.inner_text().strip() == (
        "Sternwerk Munich beats staying by 0.7 points, driven by pay and growth; it loses on work-life balance."
    )
    table = rows(p.download("Download comparison CSV"))
    for name, score in expected.items():
        assert float(table[name]["Total score"]) == pytest.approx(score, abs=1e-4), name
    assert float(table["Payments team"]["Pay: value (EUR)"]) == pytest.approx(staying_year, abs=0.01)
    assert float(table["Sternwerk Munich"]["Pay: value (EUR)"]) == pytest.approx(munich_year, abs=0.01)

    # Leaving at month 6 for the internal move changes nothing: year by year it is staying.
    p.go_to("Money over time")
    slider = p.page.get_by_test_id("stSlider").filter(has_text="If I leave my current role at month").first
    slider.get_by_role("slider").first.focus()
    for _ in range(6):
        p.page.keyboard.press("ArrowRight")
        p.page.wait_for_timeout(p.pause)
    p.settle()
    assert stored(server).money.leave_month == 6
    years = list(csv.DictReader(io.StringIO(p.download("Download year-by-year CSV"))))
    move_years = [r for r in years if r["Option"] == "Payments team"]
    stay_years = [r for r in years if r["Option"] == "Stay at Nordlicht GmbH"]
    for mine, home in zip(move_years, stay_years, strict=True):
        assert float(mine["After tax and cost of living (EUR)"]) == pytest.approx(
            float(home["After tax and cost of living (EUR)"]), abs=0.01
        ), mine["Year"]
        assert float(mine["Cumulative vs staying (EUR)"]) == pytest.approx(0, abs=0.01)
    # Staying, year 2: base 82,400 and a bonus of 8,240, after 42% tax = 52,571.20.
    assert float(stay_years[1]["After tax and cost of living (EUR)"]) == pytest.approx(52_571.20, abs=0.01)


def test_sam_austin_a_san_francisco_offer_and_a_counteroffer(person, server):
    """Sam: Lonestar Data in Austin, $150,000 base, the default 3% raise, 30% tax (no state tax).
    Over 5 years, leaving now, after tax and cost of living:

    Staying: 150,000 × 5.30914 = 796,370.37; × 0.70 = 557,459.26, an average year of 111,491.85.

    Counteroffer (Add counteroffer: a copy of the current role), base typed as $165,000:
    165,000 × 5.30914 × 0.70 / 5 = 122,641.04: +10.0%, a pay score of 6.667.

    Bayview SF (Add external offer): $180,000 base, a $20,000 sign-on repaid within 12 months,
    refreshers of $40,000 a year (given on each anniversary, vesting 25% a year), 38% tax, cost
    of living 135. Base 180,000 × 5.30914 = 955,644.45; sign-on 20,000; refreshers given at
    months 12, 24, 36 and 48 vest 10,000 a year each from a year after: 40,000 + 30,000 + 20,000
    + 10,000 = 100,000 within five years. 1,075,644.45 × 0.62 / 1.35 = 493,999.67, an average year
    of 98,799.93: −11.38%, a pay score of 3.103.

    Ratings: Bayview growth 8 (6 presses right) and title 7 (4 presses); the counteroffer keeps
    the current ratings (5). Totals: staying 5.0; counteroffer (6.667×30 + 5×65)/95 = 5.5263;
    Bayview (3.103×30 + 7×10 + 5×20 + 5×15 + 8×20)/95 = 5.2430. The counteroffer beats staying by
    0.5 points, driven by pay.

    Leaving the new job after 6 months: Bayview's sign-on, $20,000, is owed back (no refresher
    has been given yet, so no equity is left behind).
    """
    p = person
    p.go_to("Current role")
    p.type_into("Employer", "Lonestar Data")
    p.type_into("Base salary per year", "$150,000")
    p.type_into("Effective tax rate (%)", "30")
    p.settle()

    p.go_to("Offers")
    p.click("Add counteroffer")
    p.type_into("Base salary per year", "165000")
    p.settle()
    p.click("Add external offer")
    p.type_into("Name", "Bayview SF")
    p.type_into("Employer", "Bayview Inc")
    p.press("Growth", "ArrowRight", 6)
    p.press("Title", "ArrowRight", 4)
    p.type_into("Base salary per year", "180,000")
    p.type_into("Sign-on bonus", "20000")
    p.type_into("Repaid if you leave within (months)", "12")
    p.type_into("Refresher grants per year", "40,000")
    p.type_into("Cost of living (where you live now = 100)", "135")
    p.type_into("Effective tax rate (%)", "38")
    p.settle()

    saved = stored(server)
    bay = next(o for o in saved.options if o.name == "Bayview SF")
    counter = next(o for o in saved.options if o.kind == "counteroffer")
    assert (
        bay.pay.base,
        bay.pay.sign_on,
        bay.pay.refresher_value,
        bay.pay.tax_rate_pct,
        bay.pay.col_index,
    ) == (
        180_000,
        20_000,
        40_000,
        38,
        135,
    )
    assert bay.ratings["growth"] == 8 and bay.ratings["title"] == 7
    assert counter.pay.base == 165_000 and counter.employer == "Lonestar Data"

    staying_year = 150_000 * RAISES_5Y * 0.70 / 5
    counter_year = 165_000 * RAISES_5Y * 0.70 / 5
    bay_year = (180_000 * RAISES_5Y + 20_000 + 100_000) * 0.62 / 1.35 / 5
    assert staying_year == pytest.approx(111_491.85, abs=0.01)
    expected = {
        "Stay at Lonestar Data": 5.0,
        counter.name: total({"Pay": score_pay(counter_year, staying_year)}),
        "Bayview SF": total({"Pay": score_pay(bay_year, staying_year), "Growth": 8, "Title": 7}),
    }
    assert expected[counter.name] == pytest.approx(5.5263, abs=1e-4)
    assert expected["Bayview SF"] == pytest.approx(5.2430, abs=1e-4)

    p.go_to("Compare")
    table = rows(p.download("Download comparison CSV"))
    for name, score in expected.items():
        assert float(table[name]["Total score"]) == pytest.approx(score, abs=1e-4), name
    assert float(table["Bayview SF"]["Pay: value ($)"]) == pytest.approx(bay_year, abs=0.01)
    assert float(table[counter.name]["Pay: value ($)"]) == pytest.approx(counter_year, abs=0.01)
    verdict = (
        p.page.get_by_test_id("stAlertContentSuccess")
        .first.get_by_test_id("stMarkdownContainer")
        .inner_text()
        .strip()
    )
    assert verdict.startswith(f"{counter.name} beats staying by 0.5 points, driven by pay")

    # What leaving Bayview after 6 months would cost: the sign-on, owed back.
    p.go_to("Money over time")
    p.type_into("Leave the new job after (months in it)", "6")
    p.settle()
    assert stored(server).money.leave_new_month == 6
    years = list(csv.DictReader(io.StringIO(p.download("Download year-by-year CSV"))))
    bay_years = [r for r in years if r["Option"] == "Bayview SF"]
    # Year 2 (months 12-23): base 185,400 and the first refresher's first 10,000 in month 23.
    assert float(bay_years[1]["Base salary ($)"]) == pytest.approx(185_400, abs=0.01)
    assert float(bay_years[1]["Equity vested ($)"]) == pytest.approx(10_000, abs=0.01)
