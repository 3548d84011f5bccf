"""Money over time, against schedules worked out by hand."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from core.files.scenario_json import scenario_from_json
from core.model.example import example_scenario
from core.model.scenario import (
    Criterion,
    CurrentRole,
    EquityGrant,
    MoneySettings,
    Option,
    Pay,
    RecentChange,
    Scenario,
    VestingSchedule,
    counteroffer_from_current,
    new_option,
    pay_assumptions,
)
from core.money.compensation import project
from core.money.leaving import cost_of_leaving_new_job
from core.money.parts import COMPONENTS, months_between
from core.money.vesting import vesting_events

START = date(2027, 1, 1)
EQ = COMPONENTS.index("equity")


def scenario(current: Pay, *options: Pay, horizon: int = 5, kinds=None, **money) -> Scenario:
    kinds = kinds or ["external offer"] * len(options)
    return Scenario(
        criteria=[Criterion(id="pay", name="Pay", kind="pay", weight=1)],
        current=CurrentRole(employer="Now", pay=current),
        options=[
            Option(id=f"o{k}", name=f"Option {k}", kind=kinds[k], pay=pay) for k, pay in enumerate(options)
        ],
        money=MoneySettings(start=START, horizon_years=horizon, **money),
    )


def pct(fractions: np.ndarray) -> dict[int, float]:
    """Non-zero months of a vesting pattern, in percent."""
    return {int(m): round(100 * float(f), 6) for m, f in enumerate(fractions) if f > 1e-12}


# Vesting schedules -------------------------------------------------------------------------------


def test_preset_4_years_cliff_then_monthly():
    events = pct(vesting_events(VestingSchedule(preset="4y_cliff_monthly")))
    # 25% on the cliff at the end of month 12 (index 11), then 25/12 % each month to month 48
    assert events[11] == 25.0
    assert set(events) == {11, *range(12, 48)}
    assert all(events[m] == pytest.approx(25 / 12) for m in range(12, 48))
    assert sum(events.values()) == pytest.approx(100)


def test_preset_25_a_year():
    assert pct(vesting_events(VestingSchedule(preset="25_25_25_25"))) == {11: 25, 23: 25, 35: 25, 47: 25}


def test_preset_5_15_40_40():
    assert pct(vesting_events(VestingSchedule(preset="5_15_40_40"))) == {11: 5, 23: 15, 35: 40, 47: 40}


def test_preset_33_33_22_12_monthly():
    events = pct(vesting_events(VestingSchedule(preset="33_33_22_12")))
    assert events[0] == pytest.approx(33 / 12)  # no cliff: the first month vests
    assert events[23] == pytest.approx(33 / 12)
    assert events[24] == pytest.approx(22 / 12)
    assert events[47] == pytest.approx(1.0)
    assert sum(events.values()) == pytest.approx(100)


def test_custom_quarterly_with_cliff():
    schedule = VestingSchedule(
        preset="custom", custom_pct=[10, 20, 30, 40], frequency="quarterly", cliff_months=6
    )
    events = pct(vesting_events(schedule))
    # year 1: 2.5% a quarter; the cliff at 6 months gathers months 3 and 6: 5% in month index 5
    assert events[5] == 5.0 and events[8] == 2.5 and events[11] == 2.5
    assert 2 not in events
    assert events[14] == 5.0  # year 2: 20% / 4
    assert events[47] == 10.0
    assert sum(events.values()) == pytest.approx(100)


def test_custom_schedule_must_add_up_to_100():
    with pytest.raises(ValidationError, match="add up to 90%; make them add up to 100%"):
        VestingSchedule(preset="custom", custom_pct=[30, 30, 30])


# A grant over time -------------------------------------------------------------------------------


def test_grant_starting_mid_year_vests_in_years_two_to_five():
    grant = EquityGrant(
        value=40_000, vesting_start=date(2027, 7, 1), schedule=VestingSchedule(preset="25_25_25_25")
    )
    p = project(scenario(Pay(base=100_000, grants=[grant])))
    equity = p.flows[0, EQ]
    # starts 6 months in: 10,000 at the end of months 18, 30, 42, 54 (indices 17, 29, 41, 53)
    assert {int(m): float(v) for m, v in enumerate(equity) if v} == {
        17: 10_000,
        29: 10_000,
        41: 10_000,
        53: 10_000,
    }
    yearly = p.yearly()[0, EQ]
    assert list(yearly) == [0, 10_000, 10_000, 10_000, 10_000]


def test_share_price_change_and_risk_discount():
    grant = EquityGrant(value=40_000, schedule=VestingSchedule(preset="25_25_25_25"))
    pay = Pay(base=1, grants=[grant], share_price_change_pct=10, equity_risk_discount_pct=50)
    equity = project(scenario(pay)).flows[0, EQ]
    # month 11: 10,000 × 1.1^(11/12) × 0.5
    assert equity[11] == pytest.approx(10_000 * 1.1 ** (11 / 12) * 0.5)
    assert equity[23] == pytest.approx(10_000 * 1.1 ** (23 / 12) * 0.5)


def _leaving(n: int):
    """A current grant of 48,000 that started 6 months ago with a one-year cliff, then monthly:
    the cliff (12,000) vests at the end of month 6 from now, month index 5."""
    grant = EquityGrant(value=48_000, vesting_start=date(2026, 7, 1))
    current = Pay(base=120_000, grants=[grant])
    return project(scenario(current, Pay(base=120_000)), leave_month=n)


def test_leaving_one_month_before_the_cliff_forfeits_the_whole_grant():
    p = _leaving(5)
    assert p.forfeit.equity == pytest.approx(48_000)
    assert p.flows[1, EQ].sum() == 0  # on the option's path nothing of it vests


def test_leaving_one_month_after_the_cliff_keeps_the_cliff():
    p = _leaving(7)
    # kept: the cliff 12,000 at index 5 and one month of 1,000 at index 6
    assert p.flows[1, EQ].sum() == pytest.approx(13_000)
    assert p.forfeit.equity == pytest.approx(35_000)


def test_leaving_right_at_the_cliff_month_keeps_it():
    p = _leaving(6)
    assert p.forfeit.equity == pytest.approx(36_000)


@pytest.mark.parametrize(("leave", "owed"), [(5, 10_000), (6, 0), (7, 0)])
def test_clawback_ends_exactly_at_the_leaving_month(leave, owed):
    current = Pay(base=100_000, sign_on=10_000, clawback_months=6)
    p = project(scenario(current, Pay(base=100_000)), leave_month=leave)
    assert p.forfeit.clawback == owed
    assert p.flows[1, COMPONENTS.index("clawback")].sum() == -owed


def test_cost_of_leaving_before_tax_and_after_tax_and_cost_of_living():
    # 48,000 of equity all still to vest, 10,000 sign-on owed back within 12 months, and a cliff
    # match with 2,000 paid in; tax 25%, cost of living 125.
    current = Pay(
        base=120_000,
        grants=[EquityGrant(value=48_000, schedule=VestingSchedule(preset="25_25_25_25"))],
        sign_on=10_000,
        clawback_months=12,
        match_vesting="cliff",
        match_vesting_years=3,
        match_unvested_now=2_000,
        tax_rate_pct=25,
        col_index=125,
    )
    f = project(scenario(current, Pay(base=1))).forfeit
    assert (f.equity, f.match, f.clawback, f.total) == (48_000, 2_000, 10_000, 60_000)
    # equity taxed: 48,000 × 0.75 / 1.25 = 28,800; the match and the repaid sign-on are not
    # taxed (as the projection counts them): 2,000 / 1.25 = 1,600 and 10,000 / 1.25 = 8,000
    assert f.equity_after_tax == pytest.approx(28_800)
    assert f.match_after_tax == pytest.approx(1_600)
    assert f.clawback_after_tax == pytest.approx(8_000)
    assert f.total_after_tax == pytest.approx(38_400)
    table = f.table().set_index("Part")
    assert table.loc["Cost of leaving"].tolist() == [60_000, 38_400]
    assert list(table.columns) == ["Before tax", "After tax and cost of living"]


def test_sign_on_under_a_clawback_is_at_risk_not_guaranteed():
    # 15,000 sign-on owed back within 12 months: over 5 years 3,000 a year, at risk.
    clawed = Pay(base=100_000, raise_pct=0, sign_on=15_000, clawback_months=12)
    kept = clawed.model_copy(update={"clawback_months": 0})
    s = scenario(Pay(base=100_000, raise_pct=0), clawed, kept, pay_measure="guaranteed")
    summary = project(s).summary()
    assert summary["Guaranteed per year"].tolist() == [100_000, 100_000, 103_000]
    assert summary["At risk per year"].tolist() == [0, 3_000, 0]
    assert list(project(s).pay_measure("guaranteed")) == pytest.approx([100_000, 100_000, 103_000])


def _new_job_with_clawback(leave_month: int = 0) -> Scenario:
    """An offer of 120,000 with a 15,000 sign-on owed back within 12 months and a 40,000 grant
    vesting over 4 years after a one-year cliff; tax 30%."""
    offer = Pay(
        base=120_000,
        sign_on=15_000,
        clawback_months=12,
        grants=[EquityGrant(value=40_000)],
        tax_rate_pct=30,
    )
    return scenario(Pay(base=100_000), offer, leave_month=leave_month)


def test_leaving_the_new_job_within_its_clawback_repays_the_sign_on():
    (cost,) = cost_of_leaving_new_job(_new_job_with_clawback(), months_in_job=6)
    # six months in: the sign-on is owed back, nothing of the grant has vested (cliff at 12)
    f = cost.forfeit
    assert (f.month, f.clawback, f.equity, f.match) == (6, 15_000, 40_000, 0)
    # after tax: the grant at 70%, the repayment untaxed: 28,000 + 15,000
    assert f.total_after_tax == pytest.approx(43_000)
    assert (cost.at_risk_until_clawback_ends, cost.clawback_ends) == (15_000, 12)
    (cost,) = cost_of_leaving_new_job(_new_job_with_clawback(), months_in_job=12)
    # twelve months in: the clawback has run out and the cliff (10,000) has vested
    assert (cost.forfeit.clawback, cost.forfeit.equity) == (0, pytest.approx(30_000))
    # joining at month 6: the same months in the job, counted from month 6
    (cost,) = cost_of_leaving_new_job(_new_job_with_clawback(leave_month=6), months_in_job=6)
    assert (cost.forfeit.month, cost.forfeit.clawback, cost.clawback_ends) == (12, 15_000, 18)


def test_leaving_the_new_job_is_a_setting_that_old_files_do_without():
    s = _new_job_with_clawback()
    assert s.money.leave_new_month is None  # you stay in the new job
    assert cost_of_leaving_new_job(s) == []
    s = s.model_copy(update={"money": s.money.model_copy(update={"leave_new_month": 6})})
    assert cost_of_leaving_new_job(s)[0].forfeit.clawback == 15_000
    old = json.loads(Path("tests/data/scenario-v1.json").read_text(encoding="utf-8"))
    assert scenario_from_json(json.dumps(old)).money.leave_new_month is None


def test_leaving_an_internal_role_leaves_the_employers_grants_behind():
    # A 48,000 grant vesting 25% a year; an internal role from month 6, left 6 months later
    # (month 12): the first 12,000 vested at month 11, 36,000 is left behind.
    grant = EquityGrant(value=48_000, schedule=VestingSchedule(preset="25_25_25_25"))
    s = scenario(Pay(base=100_000, grants=[grant]), Pay(base=110_000), kinds=["internal role"], leave_month=6)
    (cost,) = cost_of_leaving_new_job(s, months_in_job=6)
    assert (cost.forfeit.month, cost.forfeit.equity, cost.clawback_ends) == (12, pytest.approx(36_000), None)


# Pay parts -------------------------------------------------------------------------------------


def test_base_raise_bonus_and_sign_on_by_year():
    pay = Pay(
        base=120_000, raise_pct=5, bonus_target_pct=10, bonus_payout_pct=80, sign_on=20_000, relocation=5_000
    )
    p = project(scenario(Pay(base=100_000), pay, horizon=3))
    years = p.yearly()[1]
    assert list(years[COMPONENTS.index("base")]) == pytest.approx([120_000, 126_000, 132_300])
    # 8% of that year's base, paid at the end of each year
    assert list(years[COMPONENTS.index("bonus")]) == pytest.approx([9_600, 10_080, 10_584])
    assert list(years[COMPONENTS.index("sign_on")]) == [25_000, 0, 0]


def test_tax_cost_of_living_and_costs():
    pay = Pay(
        base=120_000,
        raise_pct=0,
        benefits=6_000,
        health_cost=1_200,
        commute_minutes=60,
        office_days=5,
        commute_cost=1_000,
        tax_rate_pct=25,
        col_index=120,
    )
    p = project(scenario(Pay(base=100_000, raise_pct=0), pay, horizon=1, time_value_per_hour=20))
    # commute: 1 h × 5 days × 46 weeks × 20 = 4,600 + 1,000 = 5,600
    assert p.yearly()[1, COMPONENTS.index("commute")].sum() == pytest.approx(-5_600)
    # after tax: 120,000 × 0.75 + 6,000 − 1,200 − 5,600 = 89,200; cost of living 120: 74,333.33
    assert p.after_tax[1].sum() == pytest.approx(89_200)
    assert p.adjusted[1].sum() == pytest.approx(89_200 / 1.2)
    assert p.pay_measure("year1")[1] == pytest.approx(89_200 / 1.2)


def test_retirement_match_graded_with_service():
    # 100% match up to 6% of a 120,000 salary: 600 a month. Graded over 3 years from the start:
    # nothing is yours in year 1; at the first anniversary 1/3 of the 7,200 paid in vests.
    pay = Pay(
        base=120_000,
        raise_pct=0,
        match_rate_pct=100,
        match_cap_pct=6,
        match_vesting="graded",
        match_vesting_years=3,
    )
    p = project(scenario(Pay(base=100_000), pay, horizon=4))
    match = p.yearly()[1, COMPONENTS.index("match")]
    # year 1: month 12 completes a year -> 1/3 of 7,200 = 2,400 in month index 11
    assert match[0] == pytest.approx(2_400)
    # year 2: 2/3 of 14,400 = 9,600 vested by the end: 7,200 more
    assert match[1] == pytest.approx(7_200)
    # year 3: all of 21,600 = 12,000 more; year 4: 7,200 as paid in
    assert list(match[2:]) == pytest.approx([12_000, 7_200])


def test_current_match_unvested_forfeited_when_leaving_before_vesting():
    current = Pay(
        base=120_000,
        match_rate_pct=50,
        match_cap_pct=6,
        match_vesting="cliff",
        match_vesting_years=3,
        service_years=2,
        match_unvested_now=5_000,
    )
    # a cliff at 3 years of service: 12 more months. Leaving at month 6 forfeits the 5,000 already
    # paid in and 6 months of 300 = 1,800.
    p = project(scenario(current, Pay(base=120_000)), leave_month=6)
    assert p.forfeit.match == pytest.approx(6_800)
    p = project(scenario(current, Pay(base=120_000)), leave_month=12)
    assert p.forfeit.match == 0


def _graded_old_balance() -> Pay:
    """Graded over 3 years, 1 year of service, 3,700 paid in and not yet vested; 6% of 92,500 =
    5,550 a year paid in from now. The old balance P0 = 3,700 / (1 − 1/3) = 5,550, a third of it
    (1,850) already yours."""
    return Pay(
        base=92_500,
        raise_pct=0,
        match_rate_pct=100,
        match_cap_pct=6,
        match_vesting="graded",
        match_vesting_years=3,
        service_years=1,
        match_unvested_now=3_700,
    )


def test_graded_match_vests_an_old_balance_a_third_per_year_of_service():
    # Leaving at month 12: 2 years of service, 2/3 of (5,550 + 5,550) = 7,400 yours, 3,700 not.
    p = project(scenario(_graded_old_balance(), Pay(base=1), horizon=4), leave_month=12)
    assert p.forfeit.match == pytest.approx(3_700)
    assert project(scenario(_graded_old_balance(), Pay(base=1)), leave_month=0).forfeit.match == 3_700
    # Staying, year by year: year 1 ends at 2 years of service: 7,400 − the 1,850 yours before =
    # 5,550; year 2 ends at 3: all of 16,650 − 7,400 = 9,250; then 5,550 a year as paid in.
    # (Vesting the old balance all at once at 3 years gave 3,700 and 11,100.)
    match = p.yearly()[0, COMPONENTS.index("match")]
    assert list(match) == pytest.approx([5_550, 9_250, 5_550, 5_550])


@settings(max_examples=60, deadline=None)
@given(
    years=st.integers(1, 6),
    service=st.floats(0, 8, allow_nan=False).map(lambda x: round(x * 12) / 12),
    share_unvested=st.floats(0, 1),
    base=st.floats(10_000, 300_000),
    raise_pct=st.floats(-10, 20),
)
def test_graded_match_at_each_anniversary_vests_k_of_n_of_all_paid_in(
    years, service, share_unvested, base, raise_pct
):
    # Make "unvested now" consistent with the rule: at most the part graded vesting leaves unvested.
    vested_now = min(1.0, np.floor(service + 1e-9) / years)
    pay = Pay(
        base=base,
        raise_pct=raise_pct,
        match_rate_pct=100,
        match_cap_pct=5,
        match_vesting="graded",
        match_vesting_years=years,
        service_years=service,
        match_unvested_now=round(share_unvested * 20_000 * (1 - vested_now), 2),
    )
    horizon = 10
    p = project(scenario(pay, horizon=horizon))
    paid_before = pay.match_unvested_now / (1 - vested_now) if vested_now < 1 else pay.match_unvested_now
    paid = paid_before + np.cumsum(p.flows[0, COMPONENTS.index("base")] * 0.05)
    yours = paid_before * vested_now + np.cumsum(p.flows[0, COMPONENTS.index("match")])
    if vested_now >= 1:
        yours = np.cumsum(p.flows[0, COMPONENTS.index("match")])
    for k in range(int(np.floor(service + 1e-9)) + 1, years + 1):
        month = round((k - service) * 12) - 1  # the month service reaches k years
        if 0 <= month < horizon * 12:
            assert yours[month] == pytest.approx(k / years * paid[month], abs=0.01)


def test_future_raise_in_the_current_role_counts_from_its_date():
    s = scenario(Pay(base=100_000, raise_pct=0))
    s = s.model_copy(
        update={
            "current": s.current.model_copy(
                update={
                    "recent_changes": [
                        RecentChange(kind="promotion", when=date(2027, 4, 1), new_base=112_000)
                    ]
                }
            )
        }
    )
    base = project(s).flows[0, COMPONENTS.index("base")]
    assert base[2] == pytest.approx(100_000 / 12) and base[3] == pytest.approx(112_000 / 12)
    assert project(s).yearly()[0, COMPONENTS.index("base"), 0] == pytest.approx(
        3 * 100_000 / 12 + 9 * 112_000 / 12
    )


# Paths, break-even, counteroffers ---------------------------------------------------------------


def test_break_even_month_counts_what_leaving_forfeits():
    # Staying: 120,000 a year and 24,000 of equity at the end of month 12.
    # The offer: 132,000 a year (1,000 a month more). Cumulative difference after month m (1-based):
    # 1,000 m, minus 24,000 once the stay path's vest lands in month 12: behind until month 24.
    current = Pay(
        base=120_000,
        raise_pct=0,
        grants=[
            EquityGrant(
                value=24_000, schedule=VestingSchedule(preset="custom", custom_pct=[100], frequency="yearly")
            )
        ],
    )
    p = project(scenario(current, Pay(base=132_000, raise_pct=0), horizon=3))
    diff = p.cumulative_vs_staying[1]
    assert diff[10] == pytest.approx(11_000) and diff[11] == pytest.approx(-12_000)
    # months count from 0 like the leave month: back to 0 by the end of month 23, Dec 2028
    assert p.break_even_month(1) == 23
    summary = p.summary()
    assert summary["Break-even month"].tolist()[1] == 23
    assert summary["Break-even"].tolist() == ["—", "month 23 (Dec 2028)"]


def test_never_breaking_even_is_none():
    p = project(scenario(Pay(base=120_000), Pay(base=100_000), horizon=2))
    assert p.break_even_month(1) is None
    assert pd.isna(p.summary()["Break-even month"].tolist()[1])
    assert p.summary()["Break-even"].tolist()[1] == "not within 2 years"


def test_an_option_never_behind_staying_has_no_break_even_month():
    # Leaving at 0 for the same pay internally is staying: no "break-even month 1".
    current = Pay(base=120_000, bonus_target_pct=10)
    p = project(scenario(current, current, kinds=["internal role"]), leave_month=0)
    assert p.break_even_month(1) is None
    summary = p.summary()
    assert summary["Break-even"].tolist() == ["—", "never behind staying"]
    # numbers stay numbers: no Python None in the table, <NA> where there is no month
    assert str(summary["Break-even month"].dtype) == "Int64"
    assert summary["Break-even month"].isna().tolist() == [True, True]
    assert None not in summary.to_numpy().tolist()[1]
    # an offer that is ahead from its first month is never behind either
    ahead = project(scenario(Pay(base=100_000), Pay(base=120_000)), leave_month=6)
    assert ahead.break_even_text(1) == "never behind staying"


def test_break_even_month_counts_from_0_like_the_leave_month():
    # 10,000 to repay when leaving at month 3 for 1,000 a month more: behind at the end of months
    # 3 … 11 (−9,000 … −1,000), even by the end of month 12 = Jan 2028.
    current = Pay(base=120_000, raise_pct=0, sign_on=10_000, clawback_months=12)
    p = project(scenario(current, Pay(base=132_000, raise_pct=0)), leave_month=3)
    assert p.cumulative_vs_staying[1][11] == pytest.approx(-1_000)
    assert p.break_even_month(1) == 12
    assert p.summary()["Break-even"].tolist()[1] == "month 12 (Jan 2028)"


def test_counteroffer_keeps_current_grants_and_forfeits_nothing():
    grant = EquityGrant(value=48_000, vesting_start=date(2026, 1, 1))
    s = scenario(Pay(base=100_000, grants=[grant], sign_on=5_000, clawback_months=12), horizon=2)
    counter = counteroffer_from_current(s).model_copy(update={"id": "counter"})
    counter = counter.model_copy(update={"pay": counter.pay.model_copy(update={"base": 110_000})})
    s = s.model_copy(update={"options": [counter]})
    p = project(s, leave_month=6)
    assert counter.kind == "counteroffer" and counter.pay.grants == []
    assert np.allclose(p.flows[1, EQ], p.flows[0, EQ])  # the same grant keeps vesting
    assert p.flows[1, COMPONENTS.index("clawback")].sum() == 0
    assert p.yearly()[1, COMPONENTS.index("base"), 0] == pytest.approx(110_000 * 1.03**0)


def test_internal_move_carries_on_the_bonus_year_raise_anniversary_and_refreshers():
    # Now: 120,000, 3% a year, a 10% bonus, a 10,000 refresher each year (25% a year).
    # At month 6 an internal role: 132,000 in today's terms, 10% bonus, 20,000 refreshers.
    schedule = VestingSchedule(preset="25_25_25_25")
    current = Pay(base=120_000, bonus_target_pct=10, refresher_value=10_000, refresher_schedule=schedule)
    move = Pay(base=132_000, bonus_target_pct=10, refresher_value=20_000, refresher_schedule=schedule)
    p = project(scenario(current, move, horizon=3, kinds=["internal role"]), leave_month=6)
    years = p.yearly()[1]
    base, bonus = years[COMPONENTS.index("base")], years[COMPONENTS.index("bonus")]
    # year 1: six months at 10,000 and six at 11,000; raised at month 12, the same anniversary
    assert list(base) == pytest.approx([126_000, 135_960, 140_038.8])
    # the bonus of year 1 is pro-rated: 6/12 × 12,000 + 6/12 × 13,200 = 12,600, paid in month 11
    assert list(bonus) == pytest.approx([12_600, 13_596, 14_003.88])
    assert p.flows[1, COMPONENTS.index("bonus"), 11] == pytest.approx(12_600)
    # the refresher at month 12 comes after the move: the new role's 20,000, 5,000 a year from
    # month 23; the second one adds 5,000 from month 35
    assert list(years[EQ]) == pytest.approx([0, 5_000, 10_000])


def test_internal_move_follows_a_dated_change_of_the_current_role_in_proportion():
    # Now 100,000 with no yearly raise, a promotion to 112,000 dated month 3. An internal role at
    # month 6 entered at 110,000 in today's terms is 10% above today's base: 123,200 after the
    # promotion, the same step in proportion.
    s = scenario(Pay(base=100_000, raise_pct=0), Pay(base=110_000, raise_pct=0), kinds=["internal role"])
    change = RecentChange(kind="promotion", when=date(2027, 4, 1), new_base=112_000)
    s = s.model_copy(update={"current": s.current.model_copy(update={"recent_changes": [change]})})
    base = project(s, leave_month=6).flows[1, COMPONENTS.index("base")]
    assert base[2] * 12 == pytest.approx(100_000) and base[3] * 12 == pytest.approx(112_000)
    assert base[5] * 12 == pytest.approx(112_000) and base[6] * 12 == pytest.approx(123_200)


def test_same_pay_internal_move_leaves_the_money_unchanged():
    current = Pay(
        base=120_000,
        bonus_target_pct=15,
        refresher_value=20_000,
        match_rate_pct=100,
        match_cap_pct=5,
        match_vesting="graded",
        match_vesting_years=3,
        service_years=1.5,
        match_unvested_now=2_000,
    )
    same = current.model_copy(update={"service_years": 0.0, "match_unvested_now": 0.0})
    p = project(scenario(current, same, kinds=["internal role"]), leave_month=6)
    # on main this showed about −17,000 after 5 years: no bonus in year 1, raises and
    # refreshers restarting at the move
    assert p.summary()["Cumulative vs staying"].tolist()[1] == pytest.approx(0, abs=0.01)


def test_months_between():
    assert months_between(date(2027, 1, 1), date(2027, 7, 1)) == 6
    assert months_between(date(2027, 1, 15), date(2027, 2, 14)) == 0
    assert months_between(date(2027, 1, 1), date(2026, 7, 1)) == -6


def test_vesting_start_far_in_the_future_is_refused():
    grant = EquityGrant(value=1, vesting_start=date(2040, 1, 1))
    with pytest.raises(
        ValidationError, match="starts vesting on 2040-01-01, more than 5 years after 2027-01-01"
    ):
        scenario(Pay(base=1, grants=[grant]))


@pytest.mark.parametrize(
    ("field", "value"),
    [("base", -1), ("equity_risk_discount_pct", 120), ("tax_rate_pct", 95), ("bonus_target_pct", -5)],
)
def test_out_of_range_pay_is_refused(field, value):
    with pytest.raises(ValidationError):
        Pay(**{field: value})


def test_example_is_self_consistent():
    p = project(example_scenario())
    # every path's yearly totals add up to the cumulative figure
    assert p.summary()["Cumulative"].to_numpy() == pytest.approx(p.adjusted.sum(axis=1), abs=0.01)
    table = p.yearly_table()
    assert len(table) == 4 * 5
    last = table[table["Year"] == 5].set_index("Option")["Cumulative"]
    assert last.to_numpy() == pytest.approx(p.adjusted.sum(axis=1), abs=0.05)


# Found in review ---------------------------------------------------------------------------------


def test_leaving_at_or_past_the_horizon_is_the_last_month():
    p = project(scenario(Pay(base=100_000), Pay(base=120_000, sign_on=5_000), horizon=1), leave_month=12)
    assert p.leave_month == 11
    assert p.flows[1, COMPONENTS.index("sign_on"), 11] == 5_000


def test_internal_role_does_not_count_an_undated_current_grant_twice():
    grant = EquityGrant(value=48_000, schedule=VestingSchedule(preset="25_25_25_25"))
    s = scenario(Pay(base=100_000, grants=[grant]), Pay(base=100_000), kinds=["internal role"])
    p = project(s, leave_month=12)
    assert p.flows[0, EQ].sum() == pytest.approx(48_000)
    assert p.flows[1, EQ].sum() == pytest.approx(48_000)


def test_cost_of_leaving_counts_only_equity_already_granted():
    grant = EquityGrant(value=48_000, schedule=VestingSchedule(preset="25_25_25_25"))
    current = Pay(base=100_000, grants=[grant], refresher_value=10_000)
    for horizon in (5, 10):
        assert project(
            scenario(current, Pay(base=1), horizon=horizon), leave_month=0
        ).forfeit.equity == pytest.approx(48_000)
    # after 18 months: the grant has vested once (month 12), 36,000 is left; the refresher given at
    # month 12 vests from month 24 on, all 10,000 still to come; the next refresher is not given
    p = project(scenario(current, Pay(base=1)), leave_month=18)
    assert p.forfeit.equity == pytest.approx(36_000 + 10_000)


def test_promotion_after_the_first_anniversary_is_not_inflated_by_earlier_raises():
    s = scenario(Pay(base=100_000, raise_pct=10))
    change = RecentChange(kind="promotion", when=date(2028, 7, 1), new_base=150_000)  # month 18
    s = s.model_copy(update={"current": s.current.model_copy(update={"recent_changes": [change]})})
    base = project(s).flows[0, COMPONENTS.index("base")]
    assert base[17] == pytest.approx(110_000 / 12)
    assert base[18] == pytest.approx(150_000 / 12)
    assert base[23] == pytest.approx(150_000 / 12)  # no raise six months after the promotion
    assert base[24] == pytest.approx(150_000 / 12)
    assert base[30] == pytest.approx(165_000 / 12)  # the first raise a year after it


# New options start from where you live and work now ---------------------------------------------


def _now_30_percent() -> Scenario:
    current = Pay(
        base=100_000,
        tax_rate_pct=30,
        col_index=120,
        pto_days=25,
        office_days=3,
        commute_minutes=40,
        commute_cost=1_000,
        grants=[EquityGrant(value=40_000)],
        sign_on=5_000,
        clawback_months=6,
    )
    s = scenario(current)
    return s.model_copy(update={"current": s.current.model_copy(update={"employer": "Initech"})})


def test_a_new_offer_with_only_a_base_is_taxed_like_the_current_role():
    s = _now_30_percent()
    offer = new_option(s, "Globex")
    offer = offer.model_copy(update={"pay": offer.pay.model_copy(update={"base": 100_000})})
    p = project(s.model_copy(update={"options": [offer]}))
    # the same base, taxed at 30% in a city at 120, with the same commute: worth what staying is,
    # less the current grant that staying vests (40,000 × 0.7 / 1.2 over 5 years) and the current
    # sign-on owed back on leaving now (5,000 / 1.2)
    assert (offer.pay.tax_rate_pct, offer.pay.col_index, offer.pay.pto_days) == (30, 120, 25)
    assert (offer.pay.office_days, offer.pay.commute_minutes, offer.pay.commute_cost) == (3, 40, 1_000)
    assert offer.employer == "" and offer.pay.grants == [] and offer.pay.sign_on == 0
    assert p.after_tax[1, :12].sum() == pytest.approx(100_000 * 0.7 - 1_000 - 5_000)
    assert p.adjusted[0].sum() - p.adjusted[1].sum() == pytest.approx((40_000 * 0.7 + 5_000) / 1.2)
    # on main the offer started at 0% tax and cost of living 100: 100,000 untaxed beat staying


def test_pay_assumptions_say_what_was_copied_and_what_is_still_a_default():
    s = _now_30_percent()
    offer = new_option(s, "Globex")
    copied = "copied from your current role; an assumption until you enter the offer's."
    assert pay_assumptions(s, offer) == [
        "No base salary yet: enter the base salary.",
        f"Tax rate: 30%, {copied}",
        f"Cost of living: 120, {copied}",
        f"Days off: 25 days, {copied}",
        f"Office days: 3 days a week, {copied}",
        f"Commute time: 40 minutes a day, {copied}",
        f"Commute cost: $1,000, {copied}",
    ]
    entered = offer.pay.model_copy(
        update={
            "base": 120_000,
            "tax_rate_pct": 0,
            "col_index": 110,
            "pto_days": 20,
            "office_days": 5,
            "commute_minutes": 30,
            "commute_cost": 0,
        }
    )
    # an option made before copying began, or set back: 0% while yours is 30%
    assert pay_assumptions(s, offer.model_copy(update={"pay": entered})) == [
        "Tax rate: 0%, while your current role's is 30%; check the offer's.",
        "Commute cost: $0, while your current role's is $1,000; check the offer's.",
    ]


def test_add_internal_role_copies_the_employer_and_pay_without_grants_or_sign_on():
    s = _now_30_percent()
    move = new_option(s, "Platform team", kind="internal role")
    assert move.kind == "internal role" and move.employer == "Initech"
    assert move.pay == s.current.pay.model_copy(
        update={"grants": [], "sign_on": 0.0, "relocation": 0.0, "clawback_months": 0}
    )
    assert pay_assumptions(s, move) == [
        "Base salary: $100,000, copied from your current role; change it if the new role pays differently."
    ]
    # as it comes, it is staying: the current grant carries on by itself, nothing is repaid
    p = project(s.model_copy(update={"options": [move]}), leave_month=3)
    assert np.abs(p.cumulative_vs_staying[1]).max() < 0.005
    counter = counteroffer_from_current(s)
    assert counter.kind == "counteroffer" and counter.pay == move.pay and counter.role == s.current.role
