"""The ranges the uncertainty analysis draws from, worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from core.decision.scoring import compare
from core.decision.uncertainty import concentration_for, robustness_inputs
from core.model.scenario import (
    Criterion,
    CurrentRole,
    MoneySettings,
    Option,
    Pay,
    RatingRange,
    RobustnessSettings,
    Scenario,
)


def make(option_ranges=None, current_ranges=None, spread=1.0, **option_pay):
    s = Scenario(
        criteria=[
            Criterion(id="pay", name="Pay", kind="pay", weight=1),
            Criterion(id="growth", name="Growth", weight=1),
        ],
        current=CurrentRole(
            pay=Pay(base=100_000, raise_pct=0), ratings={"growth": 5}, rating_ranges=current_ranges or {}
        ),
        options=[
            Option(
                id="a",
                name="A",
                pay=Pay(base=100_000, raise_pct=0, **option_pay),
                ratings={"growth": 9.5},
                rating_ranges=option_ranges or {},
            )
        ],
        money=MoneySettings(start=date(2027, 1, 1), horizon_years=1),
        robustness=RobustnessSettings(default_spread=spread),
    )
    return s, compare(s)


def test_default_spread_for_options_clipped_to_the_scale():
    s, c = make()
    r = robustness_inputs(s, c)
    # option rated 9.5 with the default ±1: 8.5 to 10 (clipped); the current role is known
    assert (r.low[1, 1], r.likely[1, 1], r.high[1, 1]) == (8.5, 9.5, 10.0)
    assert (r.low[0, 1], r.high[0, 1]) == (5.0, 5.0)


def test_explicit_range_and_a_rating_outside_it():
    s, c = make(
        option_ranges={"growth": RatingRange(low=6, high=8)},
        current_ranges={"growth": RatingRange(low=4, high=6)},
    )
    r = robustness_inputs(s, c)
    assert (r.low[1, 1], r.high[1, 1]) == (6.0, 9.5)  # stretched up to the rating 9.5
    assert (r.low[0, 1], r.high[0, 1]) == (4.0, 6.0)


def test_zero_spread_means_certain():
    s, c = make(spread=0)
    r = robustness_inputs(s, c)
    assert r.low[1, 1] == r.high[1, 1] == 9.5


def test_bonus_payout_range_moves_the_pay_score():
    # base 100,000 and a 20% bonus target: expected payout 100% -> 120,000 (+20%: 5 + 5*20/30 = 8.33);
    # payout 0% -> 100,000 (5.0); payout 150% -> 130,000 (+30%: 10)
    s, c = make(bonus_target_pct=20, bonus_payout_pct=100, bonus_payout_low_pct=0, bonus_payout_high_pct=150)
    r = robustness_inputs(s, c)
    assert r.likely[1, 0] == pytest.approx(5 + 5 * 20 / 30)
    assert (r.low[1, 0], r.high[1, 0]) == (pytest.approx(5.0), pytest.approx(10.0))
    assert r.low[0, 0] == r.high[0, 0] == 5.0  # staying is the reference


def test_ranges_table_reads_low_likely_high():
    s, c = make(option_ranges={"growth": RatingRange(low=6, high=10)})
    table = robustness_inputs(s, c).ranges_table(c)
    assert table.loc[1, "Growth"] == "6.0 – 9.5 – 10.0"
    assert table.loc[0, "Growth"] == "5.0"


def test_concentration_from_spread():
    assert concentration_for(0.2) == pytest.approx(24)
    assert concentration_for(0.7) == pytest.approx(1.0408, abs=1e-3)
