"""Worked-out tax and currencies in the money model (core/money/compensation.py), worked by hand.

Figures from tests/test_tax.py (2025 law, single): Texas, $100,000 of wages: 21,105 of tax;
$200,000: federal 37,067, Social Security 10,918.20, Medicare 2,900, total 50,885.20.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from core.files.scenario_json import scenario_from_json
from core.model.example import example_scenario
from core.model.scenario import Criterion, CurrentRole, MoneySettings, Option, Pay, Scenario
from core.money.compensation import conversions, project, tax_year
from core.money.currency import RateMissing
from core.money.leaving import cost_of_leaving_new_job
from core.money.tax import TaxNotCovered

START = date(2025, 1, 1)  # a January start: each projection year is a calendar year


def worked(base: float, state: str = "TX", **more) -> Pay:
    return Pay(base=base, raise_pct=0, tax_mode="worked out", tax_state=state, **more)


def scenario(current: Pay, *options: Pay, currencies=(), horizon: int = 1, currency="$", **money) -> Scenario:
    codes = list(currencies) or [None] * len(options)
    return Scenario(
        currency=currency,
        criteria=[Criterion(id="pay", name="Pay", kind="pay", weight=1)],
        current=CurrentRole(employer="Now", pay=current),
        options=[
            Option(id=f"o{k}", name=f"Option {k}", pay=pay, currency=codes[k])
            for k, pay in enumerate(options)
        ],
        money=MoneySettings(start=START, horizon_years=horizon, **money),
    )


def test_old_scenarios_are_in_one_currency_and_taxed_at_their_rate_as_before():
    """Nothing new set: no conversions, no worked-out rows, the rate entered in every month."""
    s = example_scenario()
    p = project(s)
    assert conversions(s) == {} and p.tax_breakdown == () and p.rates == ()
    assert s.comparison_currency == "USD"
    assert np.all(p.tax_rate[0] == s.current.pay.tax_rate_pct / 100)


def test_version_1_file_opens_in_one_currency():
    raw = (Path(__file__).parent / "data" / "scenario-v1.json").read_text()
    s = scenario_from_json(raw)
    assert all(job.currency is None for job in [s.current, *s.options])
    assert conversions(s) == {}


def test_a_worked_out_year_pays_exactly_the_years_tax():
    """Staying in Texas at $100,000 in 2025: 21,105 of tax, 78,895 after tax; the monthly rate is
    21,105 / 100,000 = 21.105% in each month."""
    p = project(scenario(worked(100_000)))
    assert p.after_tax[0].sum() == pytest.approx(78_895, abs=1)
    assert p.tax_rate[0] == pytest.approx(np.full(12, 0.21105), abs=1e-5)
    (row,) = p.tax_breakdown
    assert (row.path, row.year, row.job, row.months) == ("Stay at Now", 1, "Stay at Now", 12)
    table = p.tax_table()
    assert table.loc[0, "Total tax"] == pytest.approx(21_105, abs=1)
    assert table.loc[0, "Marginal rate"] == pytest.approx(0.2965, abs=0.002)


def test_the_year_you_change_jobs_is_one_return_shared_by_wages():
    """Leave at month 8: 8 months at $180,000 a year (120,000) and 4 at $240,000 (80,000). The
    year's return is on 200,000: 50,885.20 of tax (37,067 + 10,918.20 + 2,900), shared 60/40 by
    wages: 30,531.12 and 20,354.08. After tax 149,114.80 for the year."""
    p = project(scenario(worked(180_000), worked(240_000), leave_month=8))
    assert p.after_tax[1].sum() == pytest.approx(200_000 - 50_885.2, abs=1)
    rows = {r.job: r.breakdown.total for r in p.tax_breakdown if r.path == "Option 0"}
    assert rows["Stay at Now"] == pytest.approx(30_531.12, abs=1)
    assert rows["Option 0"] == pytest.approx(20_354.08, abs=1)
    assert p.tax_rate[1, :8] == pytest.approx(np.full(8, 30_531.12 / 120_000), abs=1e-5)


def test_a_sign_on_year_meets_its_own_marginal_rate():
    """An offer at $100,000 with a $100,000 sign-on, Texas, two years from January 2025 (2026
    taxed under 2025 law when asked): year 1 is the $200,000 return (50,885.20), year 2 the
    $100,000 one (21,105), 71,990.20 in all. Two $150,000 years would pay 2 x 36,542 = 73,084:
    the sign-on year's 24% federal bracket costs less than the Social Security cap saves."""
    offer = worked(100_000, sign_on=100_000, tax_later_years="latest law")
    p = project(scenario(worked(100_000, tax_later_years="latest law"), offer, horizon=2))
    by_year = p.after_tax[1].reshape(2, 12).sum(axis=1)
    assert by_year[0] == pytest.approx(200_000 - 50_885.2, abs=1)
    assert by_year[1] == pytest.approx(100_000 - 21_105, abs=1)


def test_a_state_the_library_cannot_do_stops_the_projection_with_a_message():
    with pytest.raises(TaxNotCovered, match="Illinois"):
        project(scenario(worked(100_000, state="IL")))


def test_an_unknown_state_or_negative_contribution_is_refused_and_the_scenario_kept():
    s = scenario(worked(100_000))
    data = s.model_dump()
    data["current"]["pay"]["tax_state"] = "ZZ"
    with pytest.raises(ValueError, match="not a US state"):
        Scenario.model_validate(data)
    data["current"]["pay"] |= {"tax_state": "TX", "retirement_pre_tax": -5}
    with pytest.raises(ValueError, match="greater than or equal to 0"):
        Scenario.model_validate(data)
    assert s.current.pay.tax_state == "TX"  # the one saved is untouched


def test_worked_out_tax_needs_us_dollars():
    with pytest.raises(ValueError, match="worked-out tax is US tax on US dollars"):
        scenario(Pay(base=1), worked(100_000), currencies=["EUR"])


def test_an_option_in_another_currency_is_converted_at_the_entered_rate():
    """An offer of £100,000 at an entered 1.25 dollars a pound is $125,000: the same money as an
    offer of $125,000, and the rate is kept beside it."""
    pounds = scenario(Pay(base=100_000), Pay(base=100_000), currencies=["GBP"], rate_overrides={"GBP": 1.25})
    dollars = scenario(Pay(base=100_000), Pay(base=125_000))
    assert project(pounds).flows == pytest.approx(project(dollars).flows)
    ((key, rate),) = project(pounds).rates
    assert key == "o0" and rate.label == "1 GBP = 1.25 USD (your rate)"


def test_an_option_in_another_currency_uses_the_dated_ecb_rate():
    """Start 2 June 2025: 1 GBP = 1.1419 / 0.8434 USD = 1.353925 USD (ECB, 2 June 2025)."""
    s = scenario(Pay(base=100_000), Pay(base=100_000), currencies=["GBP"])
    s = s.model_copy(update={"money": s.money.model_copy(update={"start": date(2025, 6, 2)})})
    rate = conversions(s)["o0"]
    assert rate.rate == pytest.approx(1.1419 / 0.8434) and rate.on == date(2025, 6, 2)
    assert project(s).flows[1, 0, 0] == pytest.approx(100_000 / 12 * 1.1419 / 0.8434)


def test_a_missing_rate_names_the_job():
    s = scenario(Pay(base=100_000), Pay(base=100_000), currencies=["RUB"])
    with pytest.raises(RateMissing, match="Option 0: .*Enter the rate yourself"):
        project(s)


def test_cost_of_leaving_the_new_job_is_in_the_comparison_currency():
    """A £10,000 sign-on with a 12-month clawback, left after 6 months, at 1.25: $12,500 owed."""
    s = scenario(
        Pay(base=100_000),
        Pay(base=100_000, sign_on=10_000, clawback_months=12),
        currencies=["GBP"],
        rate_overrides={"GBP": 1.25},
        leave_new_month=6,
    )
    (cost,) = cost_of_leaving_new_job(s)
    assert cost.forfeit.clawback == 12_500 and cost.at_risk_until_clawback_ends == 12_500


def test_the_tax_year_is_the_calendar_year_of_the_seventh_month():
    assert [tax_year(date(2026, 12, 1), y) for y in range(3)] == [2027, 2028, 2029]


def test_the_json_of_a_scenario_with_currencies_round_trips():
    s = scenario(worked(100_000), Pay(base=90_000), currencies=["EUR"], currency="USD")
    again = Scenario.model_validate(json.loads(s.model_dump_json()))
    assert again == s and again.options[0].currency == "EUR"


def test_exchange_rate_risk_widens_the_pay_range_of_a_job_in_another_currency():
    """An offer of £100,000 against $130,000 staying, rates of the year to 2 June 2025: its pay
    score's range runs from the year's lowest GBP/USD rate to the highest."""
    from core.decision.scoring import compare
    from core.decision.uncertainty import robustness_inputs
    from core.money.currency import rate_range

    s = scenario(Pay(base=130_000), Pay(base=100_000), currencies=["GBP"], horizon=1)
    s = s.model_copy(update={"money": s.money.model_copy(update={"start": date(2025, 6, 2)})})
    inputs = robustness_inputs(s, compare(s))
    assert inputs.low[1, 0] < inputs.likely[1, 0] < inputs.high[1, 0]
    low, high = rate_range("GBP", "USD", date(2025, 6, 2))
    # pay score 5 + 5 x (pay / 130,000 - 1) / 30%
    assert inputs.low[1, 0] == pytest.approx(5 + 5 * (100_000 * low / 130_000 - 1) / 0.3)
    assert inputs.high[1, 0] == pytest.approx(5 + 5 * (100_000 * high / 130_000 - 1) / 0.3)
    entered = s.model_copy(update={"money": s.money.model_copy(update={"rate_overrides": {"GBP": 1.3}})})
    fixed = robustness_inputs(entered, compare(entered))
    assert fixed.low[1, 0] == fixed.likely[1, 0] == fixed.high[1, 0]


def test_take_home_chart_shows_each_years_after_tax_and_tax():
    """Texas, $100,000, 2025: one bar of 78,895 after tax, 21,105 of tax in its hover."""
    from core.charts import take_home_chart

    figure = take_home_chart(project(scenario(worked(100_000))))
    (bar,) = figure.data
    assert bar.y[0] == pytest.approx(78_895, abs=1) and bar.customdata[0] == pytest.approx(21_105, abs=1)


def test_money_problem_says_what_stops_the_money_model():
    from core.money.compensation import money_problem

    assert money_problem(example_scenario()) is None
    assert "Illinois" in money_problem(scenario(worked(100_000, state="IL")))
    assert "Enter the rate yourself" in money_problem(scenario(Pay(base=1), Pay(base=1), currencies=["RUB"]))


def test_bad_tax_and_currency_input_is_refused_with_a_message_and_the_scenario_kept():
    """As a page edits: an unknown state, a negative contribution, an unknown currency code, and
    worked-out tax without a state are each refused, naming the field; the scenario is unchanged."""
    from core.edits.editing import EditRefused, with_value

    s = example_scenario()
    before = s.model_dump_json()
    for path, value, message in [
        (("current", "pay", "tax_state"), "ZZ", "'ZZ' is not a US state"),
        (
            ("current", "pay", "retirement_pre_tax"),
            -5,
            "pre-tax retirement contributions: Input should be greater",
        ),
        (("options", "globex", "currency"), "ABC", "'ABC' is not a currency code"),
        (("current", "pay", "tax_mode"), "worked out", "needs the state"),
    ]:
        with pytest.raises(EditRefused, match=message):
            with_value(s, path, value)
    assert s.model_dump_json() == before
    assert with_value(s, ("options", "globex", "currency"), "eur").options[0].currency == "EUR"
