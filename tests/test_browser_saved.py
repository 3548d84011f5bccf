"""Nothing lost, in a real browser: a refresh, a server restart, and two tabs on one scenario.

Runs its own `streamlit run` (with a database of its own) so it can stop and start it again."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest

from tests.browser_support import (
    REPO_ROOT,
    SCRIPT_IDLE,
    AppServer,
    launch_chromium,
    require_chromium,
    start_app,
    wait_for_app,
)

pytestmark = pytest.mark.browser
TIMEOUT_MS = 30_000
VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def server() -> Iterator[AppServer]:
    require_chromium()
    app = start_app(REPO_ROOT / "streamlit_app.py")
    try:
        yield app
    finally:
        app.stop()


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        try:
            yield b
        finally:
            b.close()


def expect(*args):
    from playwright.sync_api import expect as _expect

    return _expect(*args)


def open_tab(browser, server):
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(server.base_url)
    wait_for_app(page)
    return page


def go_to(page, title: str) -> None:
    page.get_by_test_id("stTopNavLink").filter(has_text=re.compile(rf"{title}$")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    page.wait_for_selector(SCRIPT_IDLE, state="attached")


def base_salary(page):
    return page.get_by_label("Base salary", exact=False).first


def set_base_salary(page, value: int) -> None:
    go_to(page, "Current role")
    field = base_salary(page)
    field.fill(str(value))
    field.press("Enter")
    page.wait_for_selector(SCRIPT_IDLE, state="attached")


def sidebar(page):
    return page.get_by_test_id("stSidebar")


def test_refresh_and_restart_lose_nothing_and_two_tabs_are_told(browser, server):
    tab = open_tab(browser, server)
    expect(sidebar(tab)).to_contain_text("Saved · version 1")
    set_base_salary(tab, 133_700)
    expect(sidebar(tab)).to_contain_text("Saved · version 2")

    # A refresh: the scenario comes back from the database (what the field shows right after a
    # reload is checked on its own below).
    tab.reload()
    wait_for_app(tab)
    from core.storage.database import LOCAL_OWNER, Storage

    with Storage(server.env["STAY_OR_GO_DB_URL"]) as storage:
        assert storage.load_by_id(LOCAL_OWNER, storage.list(LOCAL_OWNER)[0].id)[0].current.pay.base == 133_700

    # A server restart: the process goes, the database stays.
    server.stop(keep_data=True)
    server.start()
    tab.goto(server.base_url)
    wait_for_app(tab)
    go_to(tab, "Current role")
    expect(base_salary(tab)).to_have_value(re.compile(r"133,?700"))

    # Two tabs: the second one's change after the first one saved is refused and said.
    other = open_tab(browser, server)
    set_base_salary(tab, 140_000)
    set_base_salary(other, 150_000)
    alert = other.get_by_test_id("stAlertContentError")
    expect(alert).to_contain_text("changed in another tab or window")
    expect(alert).to_contain_text("Nothing was overwritten")
    expect(base_salary(other)).to_have_value(re.compile(r"150,?000"))  # still on screen
    other.get_by_role("button", name="Keep this tab's as a new scenario").click()
    other.wait_for_selector(SCRIPT_IDLE, state="attached")
    expect(sidebar(other)).to_contain_text("Saved · version 1")
    expect(sidebar(other).get_by_role("combobox", name="Scenario")).to_have_value("Example (this tab)")
    other.screenshot(path="/tmp/stay-or-go-two-tabs.png", full_page=False)

    sidebar(other).get_by_role("link", name="Manage saved scenarios").click()
    expect(other.get_by_role("heading", level=1)).to_contain_text("Saved scenarios")
    other.wait_for_selector(SCRIPT_IDLE, state="attached")
    expect(other.get_by_test_id("stDataFrame")).to_be_visible()
    other.screenshot(path="/tmp/stay-or-go-saved.png", full_page=True)


def test_compare_says_at_once_when_its_slider_changes_are_not_saved(browser, server):
    """Tabs A and B on one scenario, B on Compare (a page that reruns as a fragment). A changes
    the base salary; then B moves the Pay slider twice. B's changes are refused (A saved first),
    and B says so right away, in the sidebar and at the top: before, it kept showing "Saved ·
    version N" until it left the page, so closing it lost the changes without a word."""
    tab_a, tab_b = open_tab(browser, server), open_tab(browser, server)
    go_to(tab_b, "Compare")
    expect(sidebar(tab_b)).to_contain_text("Saved · version")
    set_base_salary(tab_a, 123_400)
    thumb = tab_b.locator("[data-testid='live-priorities'] [data-criterion='Pay'] [role='slider']")
    thumb.focus()
    thumb.press("ArrowLeft")
    tab_b.wait_for_timeout(600)  # let go: the live priorities commit after a pause in key presses
    thumb.press("ArrowLeft")
    expect(sidebar(tab_b)).to_contain_text("Your latest change is not saved")
    expect(sidebar(tab_b)).not_to_contain_text("Saved · version")
    expect(tab_b.get_by_test_id("stAlertContentError").first).to_contain_text(
        "changed in another tab or window"
    )


def test_a_reload_right_after_a_change_shows_the_saved_amount(browser, server):
    """Reload a page at its own address right after a change: the amount field shows the saved
    amount. The browser could drop a value the first run set while the page was still starting,
    and showed the field empty (six reloads in twelve, before the fix); the next run now sets it
    again. Several reloads, each after a new amount, to give the race its chances.

    Each reload waits until the database holds the amount: a reload sent while the change's run
    is still saving opens the version saved before it (the old tab's save lands a moment later, and
    the new tab's next change is told another tab saved). That is the two-tab rule, not this race."""
    from core.storage.database import LOCAL_OWNER, Storage

    tab = open_tab(browser, server)
    for amount in (134_500, 134_501, 134_502, 134_503):
        set_base_salary(tab, amount)
        with Storage(server.env["STAY_OR_GO_DB_URL"]) as storage:
            for _ in range(100):
                if (
                    storage.load_by_id(LOCAL_OWNER, storage.list(LOCAL_OWNER)[0].id)[0].current.pay.base
                    == amount
                ):
                    break
                time.sleep(0.05)
            else:
                raise AssertionError(f"{amount} was not saved within 5 s")
        tab.reload()
        wait_for_app(tab)
        go_to(tab, "Current role")
        expect(base_salary(tab)).to_have_value(re.compile(rf"{amount // 1000},?{amount % 1000:03d}"))
