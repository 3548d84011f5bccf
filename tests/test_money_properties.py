"""Invariants of the money model (core.money.compensation), over generated pay.

Each property compares two ways of getting the same money that the model must agree on:
a same-pay move within the employer and staying; an offer identical to staying and staying;
and what leaving later forfeits against leaving sooner.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.decision.scoring import compare
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
)
from core.money.compensation import project
from core.money.leaving import cost_of_leaving_new_job
from core.money.parts import COMPONENTS

START = date(2027, 1, 1)
CENT = 0.005

_schedule = st.builds(
    VestingSchedule,
    preset=st.sampled_from(["4y_cliff_monthly", "25_25_25_25", "5_15_40_40", "33_33_22_12"]),
    frequency=st.sampled_from([None, "monthly", "quarterly", "yearly"]),
    cliff_months=st.sampled_from([None, 0, 6, 12]),
)
_grant = st.builds(
    EquityGrant,
    value=st.floats(0, 200_000),
    # no date (today), or a month between three years ago and a year from now
    vesting_start=st.none() | st.integers(-36, 12).map(lambda m: date(2027 + (m // 12), m % 12 + 1, 1)),
    schedule=_schedule,
)


@st.composite
def current_pays(draw, with_history: bool = True) -> Pay:
    """A current role's pay with every part that moves over time: raises, bonus, grants,
    refreshers, share price, the match under each vesting rule (and, `with_history`, service and
    a balance not yet vested)."""
    vesting = draw(st.sampled_from(["immediate", "cliff", "graded"]))
    years = 0 if vesting == "immediate" else draw(st.integers(1, 5))
    service = draw(st.integers(0, 96)) / 12 if with_history else 0.0
    if vesting == "cliff":
        vested_now = float(service >= years)
    elif vesting == "graded":
        vested_now = min(1.0, np.floor(service + 1e-9) / years)
    else:
        vested_now = 1.0
    unvested = draw(st.floats(0, 30_000)) * (1 - vested_now) if with_history else 0.0
    return Pay(
        base=draw(st.floats(20_000, 500_000)),
        raise_pct=draw(st.floats(-5, 15)),
        bonus_target_pct=draw(st.floats(0, 50)),
        bonus_payout_pct=draw(st.floats(0, 200)),
        grants=draw(st.lists(_grant, max_size=3)),
        share_price_change_pct=draw(st.floats(-30, 50)),
        equity_risk_discount_pct=draw(st.floats(0, 60)),
        refresher_value=draw(st.sampled_from([0.0, 5_000.0]) | st.floats(0, 100_000)),
        refresher_schedule=draw(_schedule),
        match_rate_pct=draw(st.floats(0, 100)),
        match_cap_pct=draw(st.floats(0, 10)),
        match_vesting=vesting,
        match_vesting_years=years,
        service_years=service,
        match_unvested_now=round(unvested, 2),
        benefits=draw(st.floats(0, 20_000)),
        health_cost=draw(st.floats(0, 5_000)),
        commute_minutes=draw(st.floats(0, 120)),
        office_days=draw(st.floats(0, 5)),
        commute_cost=draw(st.floats(0, 5_000)),
        col_index=draw(st.floats(50, 200)),
        tax_rate_pct=draw(st.floats(0, 50)),
    )


_dated_raises = st.lists(
    st.builds(
        RecentChange,
        kind=st.just("raise"),
        when=st.integers(1, 59).map(lambda m: date(2027 + m // 12, m % 12 + 1, 1)),
        new_base=st.floats(20_000, 500_000),
    ),
    max_size=2,
)


def _scenario(current: Pay, option: Option, horizon: int, changes=(), time_value=0.0) -> Scenario:
    return Scenario(
        criteria=[
            Criterion(id="pay", name="Pay", kind="pay", weight=2),
            Criterion(id="growth", name="Growth", weight=1),
        ],
        current=CurrentRole(employer="Now", pay=current, ratings={"growth": 6}, recent_changes=list(changes)),
        options=[option],
        money=MoneySettings(start=START, horizon_years=horizon, time_value_per_hour=time_value),
    )


def same_employer(current: Pay, kind: str = "internal role") -> Option:
    """The same pay in another role with the same employer: the grants carry on by themselves."""
    pay = current.model_copy(update={"grants": [], "sign_on": 0.0, "relocation": 0.0, "clawback_months": 0})
    return Option(id="move", name="Move", kind=kind, pay=pay, ratings={"growth": 6})


@settings(max_examples=40, deadline=None)
@given(
    current=current_pays(),
    changes=_dated_raises,
    horizon=st.integers(1, 5),
    time_value=st.floats(0, 100),
)
def test_same_pay_internal_move_equals_staying_at_every_leave_month(current, changes, horizon, time_value):
    s = _scenario(current, same_employer(current), horizon, changes, time_value)
    for leave in range(horizon * 12):
        p = project(s, leave_month=leave)
        assert np.abs(p.flows[1] - p.flows[0]).max() <= CENT, (leave, COMPONENTS)
        assert np.abs(p.cumulative_vs_staying[1]).max() <= CENT, leave
        assert p.forfeit.total >= 0


@settings(max_examples=40, deadline=None)
@given(current=current_pays(with_history=False), horizon=st.integers(1, 5), time_value=st.floats(0, 100))
def test_an_offer_identical_to_staying_has_the_same_money_and_score(current, horizon, time_value):
    """An external offer identical in every pay field (no sign-on; no service or old match
    balance, which a new employer would not carry), taken at month 0, is staying."""
    current = current.model_copy(update={"base": current.base + 60_000})  # pay that outweighs costs
    offer = Option(id="same", name="Same", pay=current, ratings={"growth": 6})
    s = _scenario(current, offer, horizon, time_value=time_value)
    p = project(s, leave_month=0)
    assert np.abs(p.flows[1] - p.flows[0]).max() <= CENT
    assert np.abs(p.cumulative_vs_staying[1]).max() <= CENT
    assert p.break_even_text(1) == "never behind staying"
    comparison = compare(s)
    assert comparison.totals[1] == pytest.approx(comparison.totals[0], abs=1e-9)
    assert comparison.diff_vs_staying[1] == pytest.approx(0, abs=1e-9)
    assert comparison.tied_with(1)


@settings(max_examples=40, deadline=None)
@given(current=current_pays(), horizon=st.integers(1, 5))
def test_leaving_later_never_forfeits_more_of_the_equity_already_granted(current, horizon):
    """What leaving at month L forfeits is what would vest from L on of the grants and refreshers
    given before L. Leaving a month later can only add a refresher given in the month you stayed
    (an anniversary: months 12, 24, …); otherwise it never forfeits more. (Leaving just after an
    anniversary does forfeit more than just before it: you were given a refresher in between.)"""
    s = _scenario(current, same_employer(current), horizon)
    forfeits = [project(s, leave_month=leave).forfeit.equity for leave in range(horizon * 12)]
    no_refreshers = current.model_copy(update={"refresher_value": 0.0})
    s0 = _scenario(no_refreshers, same_employer(no_refreshers), horizon)
    without = [project(s0, leave_month=leave).forfeit.equity for leave in range(horizon * 12)]
    for leave in range(horizon * 12 - 1):
        assert without[leave + 1] <= without[leave] + CENT
        if leave < 12 or leave % 12:
            assert forfeits[leave + 1] <= forfeits[leave] + CENT
        # refreshers only ever add to what is forfeited
        assert forfeits[leave] >= without[leave] - CENT


@settings(max_examples=30, deadline=None)
@given(
    offer=current_pays(with_history=False),
    leave=st.integers(0, 59),
    kind=st.sampled_from(["external offer", "internal role"]),
)
def test_leaving_the_new_job_later_never_forfeits_more_of_its_grants(offer, leave, kind):
    offer = offer.model_copy(update={"refresher_value": 0.0})
    current = Pay(base=100_000, grants=offer.grants)
    s = _scenario(current, Option(id="new", name="New", kind=kind, pay=offer, ratings={"growth": 6}), 5)
    s = s.model_copy(update={"money": s.money.model_copy(update={"leave_month": leave})})
    costs = [cost_of_leaving_new_job(s, months_in_job=m)[0].forfeit.equity for m in range(0, 72, 3)]
    assert all(later <= sooner + CENT for sooner, later in zip(costs, costs[1:], strict=False))
