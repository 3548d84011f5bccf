"""The real app in headless Chromium: what a person sees and clicks.

Starts `streamlit run streamlit_app.py` once for the module and drives it with Playwright through
Debian's /usr/bin/chromium. Without that browser the tests are skipped, unless
STAY_OR_GO_REQUIRE_BROWSER=1 (set in CI), where a missing browser is a failure.

Each test opens the app afresh (a page load is a new Streamlit session) on an empty database of
saved scenarios, so every test starts from the example scenario, and moves between pages with the
top navigation, as a person does.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.decision.scoring import compare, format_points, format_score, verdict
from core.model.example import example_scenario
from core.text import WORD_JOINER
from tests.browser_support import (
    REPO_ROOT,
    SCRIPT_IDLE,
    forget_saved_scenarios,
    launch_chromium,
    require_chromium,
    start_app,
    wait_for_app,
)

pytestmark = pytest.mark.browser

# The page must show what core computes for the example (core is checked against hand-worked
# numbers in test_scoring and test_compensation).
EXAMPLE = compare(example_scenario())
EXAMPLE_VERDICT = verdict(EXAMPLE)
# With Pay at 0 only the ratings count, and the other weights are shares of 70:
# staying (5*10 + 7*20 + 6*15 + 4*20 + 5*5)/70 = 5.5, platform team (6*10 + 7*20 + 7*15 + 7*20 +
# 6*5)/70 = 6.79, Globex (7*10 + 5*20 + 6*15 + 8*20 + 5*5)/70 = 6.36.
PAY_ZERO_VERDICT = "Initech platform team beats staying by 1.3 points, driven by growth and culture fit."
XSS_NAME = "<img src=x onerror=alert(1)>"
# HTML that Plotly would draw as a link, and Markdown that Streamlit would draw as bold and a link.
MARKUP_NAME = '<a href="https://evil.example">x</a> **b** [y](https://evil.example)'

VIEWPORT = {"width": 1280, "height": 900}
# Screenshots for a person to look at; STAY_OR_GO_README_SCREENSHOT=1 also refreshes the README's.
SCREENSHOT_DIR = Path(os.environ.get("STAY_OR_GO_SCREENSHOT_DIR", "/tmp"))
COMPARE_SCREENSHOT = SCREENSHOT_DIR / "stay-or-go-compare.png"
OVERVIEW_SCREENSHOT = (
    REPO_ROOT / "docs" / "screenshot.png"
    if os.environ.get("STAY_OR_GO_README_SCREENSHOT") == "1"
    else SCREENSHOT_DIR / "stay-or-go-overview.png"
)
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    require_chromium()
    server = start_app(REPO_ROOT / "streamlit_app.py", as_make_run=True)  # as `make run` starts it
    _SERVER_DB.append(server.env["STAY_OR_GO_DB_URL"])
    try:
        yield server.base_url
    finally:
        _SERVER_DB.clear()
        server.stop()


_SERVER_DB: list[str] = []


@pytest.fixture(autouse=True)
def _no_saved_scenarios(app_url: str) -> None:
    """Forget what earlier tests saved: the next page load opens the example, as on a first visit."""
    forget_saved_scenarios(_SERVER_DB[0])


@pytest.fixture(scope="module")
def browser(app_url: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, app_url: str):
    """A fresh tab (and so a fresh session) on the Overview page, the first run finished."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    pg = context.new_page()
    pg.goto(app_url)
    wait_for_app(pg)
    try:
        yield pg
    finally:
        context.close()


def expect(*args):
    from playwright.sync_api import expect as _expect

    return _expect(*args)


def verdict_box(page):
    return page.locator("[data-testid='stAlertContentSuccess'] [data-testid='stMarkdownContainer']")


def go_to(page, title: str) -> None:
    """Click a top navigation link and wait for that page's title."""
    page.get_by_test_id("stTopNavLink").filter(has_text=re.compile(rf"{title}$")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    page.wait_for_selector(SCRIPT_IDLE, state="attached")


def pay_slider(page):
    """The Pay control of the live priorities (ui.live_priorities) on Compare."""
    return page.locator("[data-testid='live-priorities'] [data-criterion='Pay'] [role='slider']")


def wait_for_charts(page, count: int) -> None:
    charts = page.locator("[data-testid='stPlotlyChart'] .main-svg")
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(count)
    for i in range(count):
        charts.nth(i).wait_for(state="attached")


def test_overview_shows_the_example_and_its_verdict(page):
    expect(page.get_by_test_id("stSidebar")).to_contain_text("example data")
    expect(verdict_box(page)).to_have_text(EXAMPLE_VERDICT)
    metrics = page.get_by_test_id("stMetric")
    expect(metrics).to_have_count(3)
    expect(metrics.nth(0).get_by_test_id("stMetricValue")).to_have_text(
        f"{format_score(EXAMPLE.totals[0])} / 10"
    )
    expect(metrics.nth(1).get_by_test_id("stMetricValue")).to_have_text("Globex")
    expect(metrics.nth(2).get_by_test_id("stMetricValue")).to_have_text(
        f"+{format_points(EXAMPLE.diff_vs_staying[1])} points"
    )


def test_pay_slider_to_zero_changes_verdict_and_csv(page):
    go_to(page, "Compare")
    expect(verdict_box(page)).to_have_text(EXAMPLE_VERDICT)

    thumb = pay_slider(page)
    expect(thumb).to_have_count(1)
    # Named "Pay" alone, so the name does not change when any control moves; its share is its value text.
    expect(thumb).to_have_attribute("aria-label", "Pay")
    expect(thumb).to_have_attribute("aria-valuetext", "30% of the decision")
    thumb.focus()
    thumb.press("Home")

    expect(verdict_box(page)).to_have_text(PAY_ZERO_VERDICT)
    expect(thumb).to_have_attribute("aria-valuetext", "0% of the decision")
    expect(thumb).to_have_attribute("aria-valuenow", "0")
    # The verdict is drawn before the download button: let the rerun finish before downloading.
    page.wait_for_selector(SCRIPT_IDLE, state="attached")

    # A widget with help= also renders a hidden copy of its button (Streamlit 1.67): click the
    # visible one.
    with page.expect_download() as download_info:
        page.locator("[data-testid='stDownloadButton'] button:visible").filter(
            has_text="Download comparison CSV"
        ).click()
    download = download_info.value
    assert download.suggested_filename == "Example - comparison.csv"  # named after the scenario
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header[0] == "Option"
    assert len(rows) == 4, rows
    by_name = {r[0]: dict(zip(header, r, strict=True)) for r in rows}
    assert set(by_name) == {"Stay at Initech", "Globex", "Initech platform team", "Umbrella Health"}
    platform = by_name["Initech platform team"]
    assert int(platform["Rank"]) == 1
    assert float(platform["Pay: weight %"]) == 0
    assert float(platform["Total score"]) == pytest.approx(6.7857, abs=1e-3)
    assert float(by_name["Stay at Initech"]["Total score"]) == pytest.approx(5.5, abs=1e-3)
    assert float(platform["Vs staying"]) == pytest.approx(1.2857, abs=1e-3)
    assert sorted(int(r["Rank"]) for r in by_name.values()) == [1, 2, 3, 4]
    # With Pay out, the other weights are shares of 70: growth 20/70 = 28.6%.
    assert float(platform["Growth: weight %"]) == pytest.approx(100 * 20 / 70, abs=0.01)


def as_shown(text: str) -> re.Pattern[str]:
    """`text` as the page shows it: Streamlit's Markdown holds invisible word joiners (U+2060)
    where markdown_escape breaks up what Streamlit would turn into a link or an icon
    (https:⁠//, name@⁠domain, :⁠name:), so allow one after any character."""
    return re.compile("".join(re.escape(ch) + WORD_JOINER + "?" for ch in text))


def rename_globex(page, name: str) -> None:
    """On the Offers page, type `name` over Globex's name, as a person does."""
    go_to(page, "Offers")
    name_box = page.get_by_test_id("stTextInput").filter(
        has=page.get_by_test_id("stWidgetLabel").filter(has_text=re.compile(r"^Name$"))
    )
    expect(name_box).to_have_count(1)
    name_input = name_box.locator("input")
    expect(name_input).to_have_value("Globex")
    name_input.fill(name)
    name_input.press("Enter")
    # The rerun after the commit names the delete button after the option.
    expect(page.locator("[data-testid='stButton'] button:visible").filter(has_text="Delete ")).to_have_text(
        as_shown(f"Delete {name}")
    )


def links_to(page, host: str) -> list[str]:
    """Every link-like attribute in the page, HTML or SVG (Plotly's links are <a xlink:href>),
    that points at `host`."""
    return page.evaluate(
        """(host) => [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
            .filter(a => /^(href|xlink:href|src|action|formaction)$/i.test(a.name) && a.value.includes(host))
            .map(a => `<${el.tagName} ${a.name}="${a.value}">`))""",
        host,
    )


def chart_texts(page) -> list[str]:
    """The text of every SVG text element in the Plotly charts on the page, as drawn."""
    return page.evaluate(
        "() => [...document.querySelectorAll(\"[data-testid='stPlotlyChart'] svg text\")].map(t => t.textContent)"
    )


def test_option_name_with_html_is_shown_as_text(page):
    dialogs: list[str] = []

    def record(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)

    rename_globex(page, XSS_NAME)

    go_to(page, "Compare")
    # Globex, renamed, is still the best option: the verdict starts with its name, as text.
    expect(verdict_box(page)).to_have_text(EXAMPLE_VERDICT.replace("Globex", XSS_NAME, 1))
    wait_for_charts(page, 2)
    page.wait_for_timeout(500)  # give a broken image's onerror the time to fire
    assert XSS_NAME in page.locator("[data-testid='stMain']").inner_text()
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []


def test_option_name_with_markup_is_shown_literally(page):
    """A name with an HTML link and Markdown bold and link shows as typed on Compare: in the
    verdict, in the charts' axis labels, legend and titles, and in the step-by-step picker, with
    no link to the typed address anywhere in the page (Plotly's SVG included)."""
    rename_globex(page, MARKUP_NAME)

    go_to(page, "Compare")
    expect(verdict_box(page)).to_have_text(as_shown(EXAMPLE_VERDICT.replace("Globex", MARKUP_NAME, 1)))
    wait_for_charts(page, 2)
    main = page.get_by_test_id("stMain")
    assert MARKUP_NAME in main.inner_text().replace(WORD_JOINER, "")
    # The totals chart labels its bar with the name; the difference chart's legend names it.
    texts = chart_texts(page)
    assert texts.count(MARKUP_NAME) >= 2, texts
    assert links_to(page, "evil.example") == []
    assert main.locator("a").filter(has_text=re.compile(r"^[xy]$")).count() == 0
    assert main.locator("strong, b").filter(has_text=re.compile(r"^b$")).count() == 0

    # From staying to the renamed option, step by step: the picker and the chart's title and axis.
    main.get_by_role("tab", name="Step by step").click()
    picker = main.get_by_test_id("stSelectbox").get_by_role("combobox")
    expect(picker).to_have_value(MARKUP_NAME)  # a selectbox shows its options as plain text
    wait_for_charts(page, 2)
    expect(
        main.locator("[data-testid='stPlotlyChart'] .gtitle").filter(has_text="From staying")
    ).to_have_text(f"From staying to {MARKUP_NAME}, criterion by criterion")
    assert MARKUP_NAME in chart_texts(page)
    assert links_to(page, "evil.example") == []

    page.get_by_test_id("stTopNavLink").filter(has_text=re.compile(r"Overview$")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stay or Go")
    expect(page.get_by_test_id("stMetric").nth(1).get_by_test_id("stMetricValue")).to_have_text(
        as_shown(MARKUP_NAME)
    )
    expect(main.get_by_text(as_shown(f"What {MARKUP_NAME} adds"))).to_have_count(1)
    assert links_to(page, "evil.example") == []


def test_screenshots(page):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    expect(verdict_box(page)).to_have_text(EXAMPLE_VERDICT)
    page.evaluate("document.fonts.ready")
    page.mouse.move(0, 0)
    page.screenshot(path=str(OVERVIEW_SCREENSHOT), animations="disabled", caret="hide", full_page=True)

    go_to(page, "Compare")
    expect(verdict_box(page)).to_have_text(EXAMPLE_VERDICT)
    wait_for_charts(page, 2)
    # The main area scrolls inside the app, so full_page would only show the viewport: make the
    # viewport as tall as the page instead (same width, so the charts keep their layout).
    height = page.evaluate("document.querySelector(\"[data-testid='stMain']\").scrollHeight")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": max(VIEWPORT["height"], height)})
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(1000)  # plotly redraws after the resize
    page.screenshot(path=str(COMPARE_SCREENSHOT), animations="disabled")

    for path in (OVERVIEW_SCREENSHOT, COMPARE_SCREENSHOT):
        assert path.stat().st_size > 20_000, f"{path} looks empty"


def test_tables_offer_no_download_that_skips_formula_neutralizing(page):
    """A table's own "Download as CSV" writes cells as they are (=HYPERLINK... stays live); the app
    hides it, and the CSV downloads it offers go through core.files.csv_safety.safe_csv."""
    go_to(page, "Offers")
    table = page.get_by_test_id("stDataFrame").first
    table.hover()
    toolbar = page.get_by_test_id("stElementToolbar").first
    expect(toolbar.locator("button[aria-label^='Search']")).to_be_visible()
    expect(page.locator("button[aria-label^='Download as CSV']:visible")).to_have_count(0)
    assert page.locator("button[aria-label^='Download as CSV']").count() >= 1  # there, but hidden


def test_an_upload_without_the_xsrf_token_is_refused(app_url: str):
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        f"{app_url}/_stcore/upload_file/some-session/some-file",
        data=b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.json"\r\n\r\n{}\r\n--x--\r\n',
        headers={"Content-Type": "multipart/form-data; boundary=x"},
        method="PUT",
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    assert "XSRF" in refused.value.read().decode(errors="replace")
