"""Scores, ranks and verdicts, checked against numbers worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.decision.scoring import (
    ScenarioNotReady,
    compare,
    comparison_table,
    explain_option,
    pay_score,
    verdict,
    weight_shares,
)
from core.model.scenario import Criterion, CurrentRole, Option, Pay, Scenario
from tests.scenarios import simple_example
from tests.strategies import scenarios


def small(weights=(2.0, 1.0, 1.0), options=None, current_pay=100_000.0, current_ratings=(5.0, 5.0)):
    """Pay + two rated criteria, weights that don't add up to 100."""
    criteria = [
        Criterion(id="pay", name="Pay", kind="pay", weight=weights[0]),
        Criterion(id="a", name="Growth", weight=weights[1]),
        Criterion(id="b", name="Work-life balance", weight=weights[2]),
    ]
    current = CurrentRole(
        employer="Acme",
        pay=Pay(base=current_pay),
        ratings={"a": current_ratings[0], "b": current_ratings[1]},
    )
    if options is None:
        options = [("Globex", 130_000.0, 8.0, 3.0)]
    opts = [
        Option(id=f"o{k}", name=name, pay=Pay(base=pay), ratings={"a": a, "b": b})
        for k, (name, pay, a, b) in enumerate(options)
    ]
    return Scenario(criteria=criteria, current=current, options=opts)


# The pay value function ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pay", "expected"),
    [
        (100_000, 5.0),  # same pay is neutral
        (130_000, 10.0),  # +30% scores 10
        (160_000, 10.0),  # beyond +30% is clipped
        (115_000, 7.5),  # +15% is halfway from 5 to 10
        (85_000, 2.5),  # -15% is halfway from 5 to 0
        (70_000, 0.0),  # -30% scores 0
        (0, 0.0),
    ],
)
def test_pay_score_default_scale(pay, expected):
    assert pay_score(pay, 100_000, 30, 30) == pytest.approx(expected)


def test_pay_score_asymmetric_scale():
    # +10% of a 20% range: 5 + 5 * 10/20 = 7.5; -10% of a 40% range: 5 - 5 * 10/40 = 3.75
    assert pay_score(110_000, 100_000, 20, 40) == pytest.approx(7.5)
    assert pay_score(90_000, 100_000, 20, 40) == pytest.approx(3.75)


def test_pay_score_vectorised_matches_scalar():
    pays = np.array([50_000, 100_000, 112_000, 200_000])
    assert pay_score(pays, 100_000, 30, 30) == pytest.approx([pay_score(p, 100_000, 30, 30) for p in pays])


def test_no_current_pay_is_refused_with_what_to_do():
    s = small(current_pay=0.0)
    with pytest.raises(ScenarioNotReady, match="Current role"):
        compare(s)


# Weighted totals ---------------------------------------------------------------------------------


def test_weights_that_do_not_sum_to_100_are_normalized():
    # weights 2:1:1 -> 0.5, 0.25, 0.25
    # staying: pay 5, growth 5, wlb 5 -> 5.0
    # Globex: +30% pay -> 10; growth 8; wlb 3 -> 0.5*10 + 0.25*8 + 0.25*3 = 7.75
    c = compare(small())
    assert c.weights == pytest.approx([0.5, 0.25, 0.25])
    assert c.totals == pytest.approx([5.0, 7.75])
    assert c.diff_vs_staying == pytest.approx([0.0, 2.75])
    # per criterion vs staying: pay +2.5, growth +0.75, wlb -0.5
    assert c.contribution_vs_staying[1] == pytest.approx([2.5, 0.75, -0.5])
    assert weight_shares(small()) == pytest.approx({"pay": 50.0, "a": 25.0, "b": 25.0})


def test_example_scenario_hand_worked():
    # Current pay 112,000 (the example's jobs reduced to flat yearly pay). Weights 30/10/20/15/20/5 of 100.
    # Staying: .3*5 + .1*5 + .2*7 + .15*6 + .2*4 + .05*5 = 5.35
    # Globex: 140,000 is +25% -> 5 + 25/6 = 9.1667; .3*9.1667 + .7 + 1.0 + .9 + 1.6 + .25 = 7.2
    # Platform: 118,000 is +5.357% -> 5.8929; .3*5.8929 + .6 + 1.4 + 1.05 + 1.4 + .3 = 6.5179
    # Umbrella: 116,000 is +3.571% -> 5.5952; .3*5.5952 + .6 + 1.2 + .75 + 1.2 + .45 = 5.8786
    c = compare(simple_example())
    assert tuple(a.label for a in c.alternatives) == (
        "Stay at Initech",
        "Globex",
        "Initech platform team",
        "Umbrella Health",
    )
    assert c.totals == pytest.approx([5.35, 7.2, 6.517857, 5.878571], abs=1e-6)
    assert list(c.ranks) == [4, 1, 2, 3]
    assert verdict(c) == (
        "Globex beats staying by 1.9 points, driven by pay and growth; it loses on work-life balance."
    )


def test_all_weights_zero_is_refused():
    with pytest.raises(ScenarioNotReady, match="Raise at least one slider"):
        compare(small(weights=(0, 0, 0)))


def test_no_options_is_refused():
    with pytest.raises(ScenarioNotReady, match="add an offer"):
        compare(small(options=[]))


def test_contributions_add_up_to_totals():
    c = compare(simple_example())
    assert c.contributions.sum(axis=1) == pytest.approx(c.totals)
    table = comparison_table(c)
    points = table[[col for col in table.columns if col.endswith(": points")]].sum(axis=1)
    assert points.to_numpy() == pytest.approx(table["Total score"].to_numpy(), abs=1e-3)


# Ties --------------------------------------------------------------------------------------------


def test_identical_options_tie_and_share_the_rank():
    s = small(options=[("Globex", 130_000, 8, 3), ("Hooli", 130_000, 8, 3), ("Pied Piper", 100_000, 5, 5)])
    c = compare(s)
    # staying 5.0, Globex 7.75, Hooli 7.75, Pied Piper 5.0 (ties with staying)
    assert list(c.ranks) == [3, 1, 1, 3]
    assert c.tied_with(1) == [2]
    assert c.tied_with(0) == [3]
    assert verdict(c) == (
        "It's a tie at the top: Globex and Hooli score 7.8 each. "
        "Globex beats staying by 2.8 points, driven by pay and growth; it loses on work-life balance."
    )
    assert explain_option(c, 3) == "Pied Piper ties with staying."
    assert list(comparison_table(c)["Tied"]) == [True, True, True, True]


def test_tie_through_different_criteria_is_still_a_tie():
    # Staying: pay 5, growth 5, wlb 5 = 5.0 with equal weights.
    # Option: same pay (5), growth 7, wlb 3 -> (5 + 7 + 3)/3 = 5.0: it trades growth for balance.
    c = compare(small(weights=(1, 1, 1), options=[("Swap", 100_000, 7, 3)]))
    assert c.diff_vs_staying[1] == pytest.approx(0.0, abs=1e-12)
    assert list(c.ranks) == [1, 1]
    assert explain_option(c, 1) == (
        "Swap ties with staying: it gains on growth what it loses on work-life balance."
    )
    assert verdict(c).startswith("It's a tie at the top: Stay at Acme and Swap score 5.0 each.")


def test_staying_on_top_names_the_closest_option():
    c = compare(small(options=[("Worse", 90_000, 5, 5)]))
    # pay -10% -> 5 - 5/3 = 3.3333; total .5*3.3333 + .25*5 + .25*5 = 4.1667
    assert c.totals[1] == pytest.approx(4.166667, abs=1e-6)
    assert verdict(c) == (
        "Staying comes out on top. The closest option: Worse falls short of staying by 0.8 points, "
        "mostly on pay."
    )


# Properties --------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(scenarios(min_options=2), st.data())
def test_no_rank_reversal_when_an_option_is_removed(scenario, data):
    """An option's score depends only on itself, staying and the weights."""
    full = compare(scenario)
    drop = data.draw(st.integers(min_value=0, max_value=len(scenario.options) - 1))
    kept = [o for k, o in enumerate(scenario.options) if k != drop]
    reduced = compare(scenario.model_copy(update={"options": kept}))
    expected = [t for k, t in enumerate(full.totals) if k != drop + 1]
    assert reduced.totals == pytest.approx(expected, abs=1e-12)
    # the order of the remaining options among themselves is unchanged
    ids = [a.id for a in reduced.alternatives]
    full_rank = {a.id: r for a, r in zip(full.alternatives, full.ranks, strict=True)}
    for i in range(len(ids)):
        for j in range(len(ids)):
            if reduced.ranks[i] < reduced.ranks[j]:
                assert full_rank[ids[i]] < full_rank[ids[j]]


@settings(max_examples=150, deadline=None)
@given(scenarios(), st.floats(min_value=0.01, max_value=100))
def test_scaling_every_weight_changes_nothing(scenario, factor):
    scaled = [c.model_copy(update={"weight": min(100.0, c.weight * factor)}) for c in scenario.criteria]
    if any(c.weight * factor > 100 for c in scenario.criteria) or sum(c.weight for c in scaled) <= 0:
        return  # out of the sliders' range, or underflowed to zero: not the same weights any more
    before = compare(scenario)
    after = compare(scenario.model_copy(update={"criteria": scaled}))
    assert after.totals == pytest.approx(before.totals, rel=1e-9, abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_totals_are_weighted_means_within_0_and_10(scenario):
    c = compare(scenario)
    assert np.all(c.totals >= -1e-12) and np.all(c.totals <= 10 + 1e-12)
    assert c.weights.sum() == pytest.approx(1.0)
    assert c.diff_vs_staying[0] == 0.0
    assert all(math.isfinite(x) for x in c.totals)
    assert sorted(c.ranks)[0] == 1
