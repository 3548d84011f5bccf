"""Each job's currency and how its tax is found, in the pay form, driven in-process.

Figures: tests/scenarios.py's simple example (the current role pays a flat $112,000, no bonus),
starting 1 Dec 2026, so its first tax year is 2027, taxed under 2025 law, the latest the tax
library has. The tax itself is cross-checked against core.money.tax.us_tax (tests/test_tax.py checks
that by hand)."""

from __future__ import annotations

from core.money.currency import money
from core.money.tax import us_tax
from tests.apptest_support import open_page, texts


def scenario(at):
    return at.session_state["_tab"].edits.scenario


def what_it_takes_cards(at) -> dict[str, dict[str, str]]:
    """What it would take as the page shows it: option name -> question -> answer, read from the
    cards (a bold name, then "- question: answer" lines)."""
    cards = {}
    for text in texts(at, "markdown"):
        first, _, rest = text.replace("\\", "").partition("\n\n")
        lines = rest.splitlines()
        if first.startswith("**") and lines and all(x.startswith("- ") and ": " in x for x in lines):
            cards[first.strip("*")] = dict(x[2:].split(": ", 1) for x in lines)
    return cards


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
    # single, $112,000, California, 2025 law: federal 15,970, state 7,483.52 or so (core.money.tax)
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
    said = next(t for t in texts(at, "error") if "cannot work out Illinois income tax" in t)
    # In the person's words, with what to do: not the library's own error ("OTS ... IL_1040").
    assert said.replace("\\", "") == (
        "The tax library cannot work out Illinois income tax for 2025. "
        "Enter an effective tax rate for this job instead."
    )
    # The other pages say what to do instead of scoring with no tax.
    open_page(at, "compare")
    assert any("cannot work out Illinois income tax" in t for t in texts(at, "warning"))
    open_page(at, "current_role")
    next(b for b in at.button if b.key == "use_rate:current/pay").click().run()
    assert scenario(at).current.pay.tax_mode == "effective rate"
    assert scenario(at).current.pay.tax_state == "IL"  # kept, for when the library has it
    assert at.number_input(key="w:current/pay/tax_rate_pct").value == 0.0
    # Changing one's mind at once is taken too.
    at.selectbox(key="w:current/pay/tax_mode").select("worked out").run()
    assert scenario(at).current.pay.tax_mode == "worked out"


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


def test_comparing_in_another_currency_shows_the_rate_and_its_date(example_app):
    from core.money.currency import exchange_rate

    at = open_page(example_app, "money")
    at.selectbox(key="w:currency").select("EUR").run()
    s = scenario(at)
    assert (s.currency, s.current.currency, s.option("globex").currency) == ("EUR", "USD", "USD")
    rate = exchange_rate("USD", "EUR", s.money.start)
    assert any(rate.label in t for t in texts(at, "markdown"))
    # and beside the converted figures themselves
    assert any(f"Converted: Stay at Initech at {rate.label}" in t for t in texts(at, "caption"))
    # Leaving now costs $16,500 (tests/test_app_money.py), converted at that rate.
    cost = next(m.value for m in at.metric if m.label == "Cost of leaving")
    assert cost == money(16_500 * rate.rate, "EUR")
    # The person's own rate replaces the ECB's, and says so.
    at.number_input(key="w:money/rate_overrides/USD").set_value(0.9).run()
    assert scenario(at).money.rate_overrides == {"USD": 0.9}
    assert any("1 USD = 0.9 EUR (your rate)" in t for t in texts(at, "markdown"))
    assert next(m.value for m in at.metric if m.label == "Cost of leaving") == "€14,850"
    # Cleared, the ECB's rate is back.
    at.number_input(key="w:money/rate_overrides/USD").set_value(None).run()
    assert scenario(at).money.rate_overrides == {}


def test_an_unknown_currency_in_a_saved_file_is_refused_with_a_message(app):
    """A rate the ECB never published (RUB stopped in 2022) stops the money with what to enter;
    entering a rate brings it back, nothing else lost."""
    at = open_page(app, "offers")
    at.selectbox(key="w:options/globex/currency").select("RUB").run()
    open_page(at, "money")
    assert any("Enter the rate yourself" in t for t in texts(at, "error"))
    at.number_input(key="w:money/rate_overrides/RUB").set_value(0.011).run()
    assert not any("Enter the rate yourself" in t for t in texts(at, "error"))
    assert scenario(at).option("globex").pay.base == 140_000


def test_money_page_shows_each_years_tax_and_the_csv_carries_it(app):
    import csv
    import io

    from core.money.compensation import project
    from tests.apptest_support import download

    at = choose_worked_out(open_page(app, "current_role"), state="TX")
    open_page(at, "money")
    table = next(d.value for d in at.dataframe if "Federal income tax" in d.value.columns)
    first = table.iloc[0]
    # Staying, year 1: $112,000 in Texas, single, 2025 law.
    year = us_tax(2025, "TX", "single", 112_000.0)
    assert first["Wages"] == 112_000
    assert first["Federal income tax"] == year.federal_income
    assert first["Social Security"] == year.social_security
    assert first["Effective rate"] == round(year.effective_rate, 4)
    assert first["Tax"] == "Worked out (Texas, single, 2025 law)"
    assert any(
        "the tax law of 2025, the latest" in t or "taxed under 2025 law" in t for t in texts(at, "caption")
    )
    rows = list(csv.DictReader(io.StringIO(download(at, "download_years").decode())))
    assert float(rows[0]["Federal income tax ($)"]) == year.federal_income
    expected = project(scenario(at)).yearly_table_with_tax()
    assert float(rows[0]["Total tax ($)"]) == expected["Total tax"].iloc[0]


def test_what_it_would_take_is_on_money_over_time_and_compare(app):
    from core.decision.what_it_takes import base_to_be_best, raise_to_stay

    at = open_page(app, "money")
    at.session_state["money_what_it_takes"] = True  # the person opens it
    at.run()
    table = what_it_takes_cards(at)
    s = scenario(at)
    best = base_to_be_best(s, "initech_platform")
    stay = raise_to_stay(s)
    # Initech platform team offers $118,000: the figure and how much more it is.
    assert table["Initech platform team"]["Base salary to be the best option"] == (
        f"{money(best.amount, 'USD')} ({money(best.amount - 118_000, 'USD')} more)"
    )
    assert table["Umbrella Health"]["Base salary to be the best option"] == "No amount would"
    assert table["Globex"]["Base salary to be the best option"].endswith("(already: $140,000 now)")
    assert table["Stay at Initech"]["Base salary to come out on top (a counteroffer)"] == (
        f"{money(stay.amount, 'USD')} (a raise of {100 * (stay.amount / 112_000 - 1):.1f}%)"
    )
    assert table["Initech platform team"]["Sign-on to cover leaving at month 0"] == (
        "Nothing to cover (same employer)"
    )
    assert "Base salary to come out on top (a counteroffer)" not in table["Globex"]  # staying's only
    assert "None" not in str(table)


def test_the_negotiate_draft_asks_for_the_figure(app):
    """Simple example: Initech platform team (an internal role, $118,000) is the best option from
    a base of the figure base_to_be_best finds, and leaving for it forfeits nothing."""
    from core.decision.what_it_takes import base_to_be_best

    at = open_page(app, "next_steps")
    at.selectbox(key="next_selected").select("initech_platform").run()
    kinds = at.selectbox(key="message_kind:initech_platform")
    assert (
        "Negotiate: ask for what would make it your best option (not the usual one at this stage)"
        in kinds.options
    )
    kinds.select("negotiate").run()
    best = base_to_be_best(scenario(at), "initech_platform")
    draft = at.text_area(key="draft:initech_platform:negotiate").value
    assert f"I would like to ask for a base salary of {money(best.amount, 'USD')}." in draft
    assert "None" not in draft


def test_compare_has_what_it_would_take(app):
    from core.decision.what_it_takes import raise_to_stay
    from tests.test_app_escaping import open_tab

    at = open_tab(open_page(app, "compare"), "compare_view", "What it would take")
    stay = raise_to_stay(scenario(at))
    row = what_it_takes_cards(at)["Stay at Initech"]
    assert row["Base salary to come out on top (a counteroffer)"].startswith(money(stay.amount, "USD"))


def test_the_day_of_the_exchange_rates_can_be_chosen(app):
    """2 Jun 2025, a Monday: the ECB's GBP rate of that day (core.money.currency's doctest: 1.1857 EUR
    per pound), here in dollars through the euro."""
    from datetime import date

    from core.money.currency import exchange_rate

    at = open_page(app, "offers")
    at.selectbox(key="w:options/globex/currency").select("GBP").run()
    open_page(at, "money")
    at.date_input(key="w:money/rate_date").set_value(date(2025, 6, 2)).run()
    assert scenario(at).money.rate_date == date(2025, 6, 2)
    rate = exchange_rate("GBP", "USD", date(2025, 6, 2))
    assert rate.on == date(2025, 6, 2)
    assert any(f"{rate.label}" in t and "2 Jun 2025" in t for t in texts(at, "markdown"))


def test_compare_says_the_rate_its_pay_figures_were_converted_at(app):
    from core.money.currency import exchange_rate

    at = open_page(app, "offers")
    at.selectbox(key="w:options/globex/currency").select("GBP").run()
    open_page(at, "compare")
    rate = exchange_rate("GBP", "USD", scenario(at).money.start)
    assert any(f"Converted: Globex at {rate.label}." in t for t in texts(at, "caption"))


def test_refusing_later_years_law_asks_for_a_rate(app):
    """The projection's years start in 2027; the library knows up to 2025. Told not to use 2025
    law for later years, the page says so and offers an effective rate instead of a tax of 0."""
    at = choose_worked_out(open_page(app, "current_role"), state="TX")
    at.selectbox(key="w:current/pay/tax_later_years").select("refuse").run()
    assert scenario(at).current.pay.tax_later_years == "refuse"
    assert any("not 2027" in t and "Enter an effective" in t for t in texts(at, "error"))
    assert any(b.key == "use_rate:current/pay" for b in at.button)
    options = at.selectbox(key="w:current/pay/tax_later_years").options
    assert options == ["Tax them under 2025 law", "Don't: I'll enter an effective rate"]


def test_a_rate_you_entered_carries_over_when_the_comparison_currency_changes(app):
    """Berlin (EUR) against a London offer (GBP), compared in euros, with the person's own rate
    1 GBP = 1.10 EUR. Compared in pounds instead, that same rate reads 1 EUR = 1 / 1.10 =
    0.909091 GBP: the person's rate, not the ECB's. Back in euros, it is 1.10 again."""
    import pytest

    at = open_page(app, "current_role")
    at.selectbox(key="w:current/currency").select("EUR").run()
    open_page(at, "offers")
    at.selectbox(key="w:options/globex/currency").select("GBP").run()
    open_page(at, "money")
    at.number_input(key="w:money/rate_overrides/GBP").set_value(1.1).run()
    assert any("1 GBP = 1.1 EUR (your rate)" in t for t in texts(at, "markdown"))
    at.selectbox(key="w:currency").select("GBP").run()
    s = scenario(at)
    assert s.currency == "GBP" and s.current.currency == "EUR"
    assert s.money.rate_overrides == {"EUR": pytest.approx(1 / 1.1)}
    assert any("1 EUR = 0.909091 GBP (your rate)" in t for t in texts(at, "markdown"))
    assert at.number_input(key="w:money/rate_overrides/EUR").value == pytest.approx(0.9091, abs=1e-4)
    at.selectbox(key="w:currency").select("EUR").run()
    assert scenario(at).money.rate_overrides == {"GBP": pytest.approx(1.1)}


def test_after_undo_the_browsers_older_value_is_not_taken_but_the_persons_choice_is(app):
    """Filing status married filing jointly, then Undo (single again). A request the browser sent
    before it had Undo's value carries the older choice beside what the person did (here: typing
    the premiums): that older choice is not taken, Undo holds. The person choosing it again on its
    own is taken (tests/test_browser_tax.py does this in a real browser)."""
    from tests.test_app_undo import click

    at = choose_worked_out(open_page(app, "current_role"), state="TX")
    status = "w:current/pay/filing_status"
    at.selectbox(key=status).select("married filing jointly").run()
    click(at, "undo")
    assert scenario(at).current.pay.filing_status == "single"
    assert at.selectbox(key=status).value == "single"
    # The stale request: the older filing status, sent with the premiums the person typed.
    at.selectbox(key=status).set_value("married filing jointly")
    at.text_input(key="w:current/pay/health_premiums_pre_tax").set_value("2,400")
    at.run()
    pay = scenario(at).current.pay
    assert (pay.filing_status, pay.health_premiums_pre_tax) == ("single", 2_400)
    assert at.selectbox(key=status).value == "single"
    # Chosen again, alone: the person's choice.
    at.selectbox(key=status).select("married filing jointly").run()
    assert scenario(at).current.pay.filing_status == "married filing jointly"
    year = us_tax(2025, "TX", "married filing jointly", 112_000.0, health_pre_tax=2_400.0)
    caption = next(t for t in texts(at, "caption") if "A year of base and bonus" in t).replace("\\", "")
    assert f"federal income tax {money(year.federal_income, 'USD')}" in caption


def test_the_tax_notes_name_a_span_of_years_once(app):
    """Worked-out tax from 2027 (the simple example starts 1 Dec 2026) over its horizon: each year
    after 2025 is taxed under 2025 law, and 2026's Social Security wage base is the latest
    published. Said once for the span of years, not once a year."""
    at = choose_worked_out(open_page(app, "current_role"), state="TX")
    open_page(at, "money")
    last = 2027 + scenario(at).money.horizon_years - 1
    note = next(t for t in texts(at, "caption") if "the latest the tax library knows" in t).replace("\\", "")
    assert note.startswith(
        f"2027 to {last} taxed under 2025 law, the latest the tax library knows; Social Security wage "
        f"base for 2027 to {last} not yet published: 2026's is used."
    ), note
    assert "2028 taxed" not in note
