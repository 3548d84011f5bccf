"""Each job's currency and how its tax is found, in the pay form, driven in-process.

Figures: tests/scenarios.py's simple example (the current role pays a flat $112,000, no bonus),
starting 1 Dec 2026, so its first tax year is 2027, taxed under 2025 law, the latest the tax
library has. The tax itself is cross-checked against core.tax.us_tax (tests/test_tax.py checks
that by hand)."""

from __future__ import annotations

from core.currency import money
from core.tax import us_tax
from tests.apptest_support import open_page, texts


def scenario(at):
    return at.session_state["_tab"].edits.scenario


def choose_worked_out(at, base="w:current/pay", state="CA"):
    at.selectbox(key=f"{base}/tax_mode").select("worked out").run()
    assert not at.exception
    at.selectbox(key=f"{base}/tax_state").select(state).run()
    assert not at.exception
    return at


def test_worked_out_tax_waits_for_the_state_then_shows_the_first_years_tax(app):
    at = open_page(app, "current_role")
    at.selectbox(key="w:current/pay/tax_mode").select("worked out").run()
    # Nothing saved yet: worked-out tax needs a state, and the page asks for it.
    assert scenario(at).current.pay.tax_mode == "effective rate"
    assert any("Choose the state" in t for t in texts(at, "info"))
    assert at.selectbox(key="w:current/pay/tax_mode").value == "worked out"
    at.selectbox(key="w:current/pay/tax_state").select("CA").run()
    pay = scenario(at).current.pay
    assert (pay.tax_mode, pay.tax_state, pay.tax_later_years) == ("worked out", "CA", "latest law")
    year = us_tax(2025, "CA", "single", 112_000.0)
    # single, $112,000, California, 2025 law: federal 15,970, state 7,483.52 or so (core.tax)
    caption = next(t for t in texts(at, "caption") if "A year of base and bonus" in t)
    assert "$112,000" in caption
    assert f"federal income tax {money(year.federal_income, 'USD')}" in caption.replace("\\", "")
    assert f"state income tax {money(year.state_income, 'USD')}" in caption.replace("\\", "")
    assert f"Effective rate {100 * year.effective_rate:.1f}%" in caption
    assert any("taxed under the tax law of 2025, the latest this app has" in t for t in texts(at, "caption"))
    # The state list names states in words, and says which the library can't do.
    states = at.selectbox(key="w:current/pay/tax_state")
    assert "California" in states.options and "Illinois (not worked out here: enter a rate)" in states.options
    assert all("None" not in o for o in states.options)


def test_filing_status_and_contributions_change_the_tax(app):
    at = choose_worked_out(open_page(app, "current_role"), state="TX")
    status = at.selectbox(key="w:current/pay/filing_status")
    assert "Married filing jointly" in status.options
    status.select("married filing jointly").run()
    at.text_input(key="w:current/pay/retirement_pre_tax").set_value("10,000").run()
    pay = scenario(at).current.pay
    assert pay.filing_status == "married filing jointly" and pay.retirement_pre_tax == 10_000
    year = us_tax(2025, "TX", "married filing jointly", 112_000.0, retirement_pre_tax=10_000.0)
    caption = next(t for t in texts(at, "caption") if "A year of base and bonus" in t).replace("\\", "")
    assert f"federal income tax {money(year.federal_income, 'USD')}" in caption
    assert "state income tax $0" in caption  # Texas has none


def test_a_negative_contribution_is_refused_with_a_message_and_nothing_is_lost(app):
    at = choose_worked_out(open_page(app, "current_role"), state="TX")
    at.text_input(key="w:current/pay/health_premiums_pre_tax").set_value("2,400").run()
    at.text_input(key="w:current/pay/health_premiums_pre_tax").set_value("-500").run()
    assert scenario(at).current.pay.health_premiums_pre_tax == 2_400
    assert any("Not saved" in t for t in texts(at, "error"))
    assert at.text_input(key="w:current/pay/health_premiums_pre_tax").value == "-500"  # kept to fix


def test_a_state_the_library_cannot_do_says_so_and_offers_a_rate(app):
    at = choose_worked_out(open_page(app, "current_role"), state="IL")
    assert any("cannot work out Illinois income tax" in t for t in texts(at, "error"))
    # The other pages say what to do instead of scoring with no tax.
    open_page(at, "compare")
    assert any("cannot work out Illinois income tax" in t for t in texts(at, "warning"))
    open_page(at, "current_role")
    next(b for b in at.button if b.key == "use_rate:current/pay").click().run()
    assert scenario(at).current.pay.tax_mode == "effective rate"
    assert scenario(at).current.pay.tax_state == "IL"  # kept, for when the library has it
    assert at.number_input(key="w:current/pay/tax_rate_pct").value == 0.0


def test_each_job_has_a_currency_named_in_words(app):
    at = open_page(app, "offers")
    box = at.selectbox(key="w:options/globex/currency")
    assert box.value == "USD" and "GBP — British Pound" in box.options
    box.select("GBP").run()
    assert scenario(at).option("globex").currency == "GBP"
    assert scenario(at).currency == "$"  # the comparison stays in dollars
    assert any(t.label == "Base salary per year (GBP)" for t in at.text_input)


def test_worked_out_tax_on_a_job_not_in_dollars_is_refused_with_a_message(app):
    at = open_page(app, "offers")
    at.selectbox(key="w:options/globex/currency").select("EUR").run()
    at.selectbox(key="w:options/globex/pay/tax_mode").select("worked out").run()
    assert scenario(at).option("globex").pay.tax_mode == "effective rate"
    assert any("pays in EUR" in t and "US Dollar" in t for t in texts(at, "error"))


def test_the_current_roles_currency_is_the_comparisons_by_default(app):
    at = open_page(app, "current_role")
    at.selectbox(key="w:current/currency").select("EUR").run()
    s = scenario(at)
    assert s.currency == "EUR" and s.job_currency(s.option("globex")) == "EUR"
    assert any(t.label == "Base salary per year (EUR)" for t in at.text_input)
