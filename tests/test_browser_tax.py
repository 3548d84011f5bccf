"""A job's tax and currency typed in a real browser, with Tab between fields and no wait for the
page: Current role → Income tax "Worked out (US)", state Texas, then the pre-tax retirement
contributions and health premiums typed and tabbed past at a person's pace and with no pause. The
database the server writes is read back, and the tax the page shows is cross-checked against
core.money.tax (tests/test_tax.py works its figures out by hand). Then an offer's currency is chosen by
typing its name."""

from __future__ import annotations

import pytest

from core.money.currency import money
from core.money.tax import us_tax
from tests.test_browser_typing import (  # noqa: F401
    EXAMPLE,
    PACES,
    chromium,
    go_to,
    page,
    server,
    settle,
    stored,
    tab_to,
)

pytestmark = pytest.mark.browser


def choose(page, label: str, typed: str, key_delay: int) -> None:  # noqa: F811
    """Open the selectbox called `label`, type to find the option, and press Enter, as a person
    does with a keyboard."""
    box = page.get_by_label(label, exact=True)
    box.click()
    page.keyboard.type(typed, delay=key_delay)
    page.keyboard.press("Enter")


@pytest.mark.parametrize("pace", list(PACES))
def test_worked_out_tax_typed_with_tab_is_saved_and_shown(server, page, pace):  # noqa: F811
    key_delay, _ = PACES[pace]
    go_to(page, "Current role")
    choose(page, "Income tax", "Worked out", key_delay)
    page.get_by_text("Choose the state the job is taxed in").wait_for()
    choose(page, "State the job is taxed in", "Texas", key_delay)
    page.get_by_text("A year of base and bonus").wait_for()
    retirement = page.get_by_label("Your pre-tax retirement contributions per year (USD)", exact=True)
    retirement.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("10,000", delay=key_delay)
    # On to the health premiums (past the help icon), with no wait for the page.
    tab_to(page, "Health premiums taken before tax per year (USD)")
    page.keyboard.press("Control+A")
    page.keyboard.type("2,400", delay=key_delay)
    page.keyboard.press("Tab")
    settle(page)
    pay = stored(server).current.pay
    assert (pay.tax_mode, pay.tax_state, pay.tax_later_years) == ("worked out", "TX", "latest law")
    assert (pay.retirement_pre_tax, pay.health_premiums_pre_tax) == (10_000, 2_400)
    wages = pay.base + pay.bonus
    year = us_tax(2025, "TX", "single", round(wages, 2), retirement_pre_tax=10_000.0, health_pre_tax=2_400.0)
    caption = page.get_by_text("A year of base and bonus").inner_text()
    assert f"federal income tax {money(year.federal_income, 'USD')}" in caption, caption
    assert "state income tax $0" in caption  # Texas has none
    assert f"Social Security and Medicare {money(year.payroll, 'USD')}" in caption, caption
    assert "None" not in caption and "-0.0%" not in caption


@pytest.mark.parametrize("pace", list(PACES))
def test_an_offers_currency_is_chosen_by_its_name(server, page, pace):  # noqa: F811
    key_delay, _ = PACES[pace]
    go_to(page, "Offers")
    first = EXAMPLE.options[0]
    choose(page, "Currency this job pays in", "British", key_delay)
    page.get_by_label("Base salary per year (GBP)", exact=True).wait_for()
    settle(page)
    assert stored(server).option(first.id).currency == "GBP"
    assert stored(server).currency == EXAMPLE.currency  # the comparison stays in dollars


def test_compare_says_once_why_tax_cannot_be_worked_out(server, page):  # noqa: F811
    """Illinois is a state the tax library can't do. Compare says so once, where the page's
    results would be, not a second time in the live priorities above them."""
    go_to(page, "Current role")
    choose(page, "Income tax", "Worked out", 0)
    page.get_by_text("Choose the state the job is taxed in").wait_for()
    choose(page, "State the job is taxed in", "Illinois", 0)
    page.get_by_text("cannot work out Illinois income tax").first.wait_for()
    settle(page)
    go_to(page, "Compare")
    page.get_by_text("cannot work out Illinois income tax").first.wait_for()
    settle(page)
    said = page.get_by_text("cannot work out Illinois income tax")
    assert said.count() == 1, [said.nth(i).inner_text() for i in range(said.count())]
    assert "Enter an effective tax rate for this job instead" in said.inner_text()


@pytest.mark.parametrize("pace", list(PACES))
def test_a_choice_made_again_right_after_undo_is_kept(server, page, pace):  # noqa: F811
    """Filing status set to married filing jointly, undone (the field shows Single again), then
    chosen again at once: the choice is the person's, not the browser's older value, and is kept."""
    key_delay, _ = PACES[pace]
    go_to(page, "Current role")
    choose(page, "Income tax", "Worked out", key_delay)
    page.get_by_text("Choose the state the job is taxed in").wait_for()
    choose(page, "State the job is taxed in", "Texas", key_delay)
    page.get_by_text("A year of base and bonus").wait_for()
    settle(page)
    status = page.get_by_label("Filing status", exact=True)
    choose(page, "Filing status", "Married filing j", key_delay)
    page.get_by_text("Undo takes back").wait_for()
    settle(page)
    assert stored(server).current.pay.filing_status == "married filing jointly"
    page.get_by_role("button", name="Undo").click()
    page.get_by_text("Undone").first.wait_for()
    page.wait_for_function(
        "() => document.querySelector('input[aria-label=\"Filing status\"]').value === 'Single'"
    )
    choose(page, "Filing status", "Married filing j", key_delay)
    settle(page)
    assert status.input_value() == "Married filing jointly"
    assert stored(server).current.pay.filing_status == "married filing jointly"


def test_what_it_would_take_is_read_on_a_phone_without_scrolling_sideways(server, page):  # noqa: F811
    """On a 390-pixel-wide phone, Money over time → What it would take: each figure is text
    within the screen, not a cell of a table wider than it. The figure is core's: the
    example's Initech platform team offers $100,000, and base_to_be_best finds the base at which
    it would be the best option."""
    from core.decision.what_it_takes import base_to_be_best

    go_to(page, "Money over time")
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_text("The base salary, sign-on or counteroffer at which the answer changes").click()
    page.get_by_text("The figures to take into a negotiation").wait_for(timeout=120_000)
    settle(page)
    best = base_to_be_best(stored(server), "initech_platform")
    assert best.now == 100_000 and not best.already and best.amount > 100_000
    line = page.get_by_text(
        f"Base salary to be the best option: {money(best.amount, 'USD')} "
        f"({money(best.amount - 100_000, 'USD')} more)"
    )
    line.scroll_into_view_if_needed()
    box = line.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    wide = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stExpanderDetails] *')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')"
        ".map(e => e.getAttribute('data-testid') || e.tagName)"
    )
    assert wide == [], wide
