"""What it would take (core/decision/what_it_takes.py): worked cases, and properties on generated scenarios
that the answer flips the comparison within its precision of $1."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.decision.scoring import TIE_TOLERANCE, compare
from core.decision.what_it_takes import (
    PRECISION,
    base_to_be_best,
    base_to_tie,
    raise_to_stay,
    sign_on_to_cover,
    smallest_amount,
)
from core.model.fields import MAX_MONEY
from core.model.scenario import Criterion, CurrentRole, MoneySettings, Option, Pay, Scenario
from tests.strategies import scenarios


def two_jobs(stay_rating: float, option_rating: float, option: Pay, current: Pay | None = None) -> Scenario:
    """Pay and one rated criterion, equal weights; a raise of 30% scores 10; one year, no raises."""
    return Scenario(
        criteria=[
            Criterion(id="pay", name="Pay", kind="pay", weight=1),
            Criterion(id="team", name="Team", weight=1),
        ],
        current=CurrentRole(
            employer="Now", pay=current or Pay(base=100_000, raise_pct=0), ratings={"team": stay_rating}
        ),
        options=[Option(id="o", name="Offer", pay=option, ratings={"team": option_rating})],
        pay_scale={"raise_for_10": 30, "cut_for_0": 30},
        money=MoneySettings(start=date(2027, 1, 1), horizon_years=1),
    )


def test_base_to_tie_and_to_be_best_worked_by_hand():
    """Staying: pay 5, team 8, total 6.5. The offer (team 6) needs a pay score of 7 to tie:
    5 + 5 x raise / 30% = 7 at a raise of 12%, a base of 112,000; at 111,999 it is 4e-5 behind.
    To be best it must be ahead, not tied: 112,001."""
    s = two_jobs(8, 6, Pay(base=90_000, raise_pct=0))
    tie = base_to_tie(s, "o")
    assert (tie.amount, tie.holds_at_amount, tie.fails_just_below, tie.already) == (
        112_000,
        True,
        True,
        False,
    )
    assert (
        tie.text
        == "A base salary of $112,000 would bring Offer level with staying ($22,000 more than the $90,000 now)."
    )
    assert base_to_be_best(s, "o").amount == 112_001


def test_no_amount_would_when_other_criteria_leave_it_behind():
    """Staying: (5 + 10) / 2 = 7.5; the offer at best (10 + 0) / 2 = 5."""
    answer = base_to_tie(two_jobs(10, 0, Pay(base=90_000, raise_pct=0)), "o")
    assert answer.amount is None and answer.text.startswith("No base salary would")


def test_an_offer_already_ahead_says_so_and_how_low_it_could_go():
    answer = base_to_tie(two_jobs(8, 6, Pay(base=120_000, raise_pct=0)), "o")
    assert answer.already and answer.amount == 112_000
    assert (
        answer.text
        == "A base salary of $120,000, as now, already ties or beats staying for Offer; as little as $112,000 would."
    )


def test_raise_to_stay_worked_by_hand():
    """The offer at 130,000 scores pay 10, team 7: 8.5 against staying's (5 + 7) / 2 = 6. Staying
    wins once the offer's pay score falls below 5, above a base of 130,000: 130,001, 30.0% more."""
    answer = raise_to_stay(two_jobs(7, 7, Pay(base=130_000, raise_pct=0)))
    assert answer.amount == 130_001 and answer.fails_just_below
    assert answer.text.endswith("a raise of 30.0%.")


def test_sign_on_to_cover_worked_by_hand():
    """Leaving now owes back the current role's 10,000 sign-on (12-month clawback), untaxed. The
    offer is taxed at 25%: a sign-on S keeps 0.75 S, so S = 13,333.33, 13,334 in whole dollars
    (13,333 keeps 9,999.75)."""
    current = Pay(base=100_000, raise_pct=0, sign_on=10_000, clawback_months=12)
    s = two_jobs(7, 7, Pay(base=100_000, raise_pct=0, tax_rate_pct=25), current=current)
    answer = sign_on_to_cover(s, "o")
    assert (answer.amount, answer.holds_at_amount, answer.fails_just_below) == (13_334, True, True)


def test_smallest_amount_edges():
    assert smallest_amount(lambda x: True, 0, 10) == 0
    assert smallest_amount(lambda x: False, 0, 10) is None
    assert smallest_amount(lambda x: x >= 7, 0, 10) == 7


def _option_total(s: Scenario, base: float) -> tuple[float, float, float]:
    option = s.options[0]
    changed = option.model_copy(update={"pay": option.pay.model_copy(update={"base": base})})
    totals = compare(s.model_copy(update={"options": [changed, *s.options[1:]]})).totals
    return float(totals[1]), float(totals[0]), float(max(totals[2:], default=-1.0))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_options=3))
def test_base_to_tie_flips_the_comparison_within_a_dollar(s):
    """On the whole scenario, re-scored independently: at the answer the option ties or beats
    staying, a dollar below it does not; with no answer, not even the largest base does."""
    answer = base_to_tie(s, "o0")
    if answer.amount is None:
        option, staying, _ = _option_total(s, MAX_MONEY)
        assert option < staying - TIE_TOLERANCE
        return
    option, staying, _ = _option_total(s, answer.amount)
    assert option >= staying - TIE_TOLERANCE
    if answer.amount >= PRECISION:
        option, staying, _ = _option_total(s, answer.amount - PRECISION)
        assert option < staying - TIE_TOLERANCE


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_options=3))
def test_base_to_be_best_flips_the_winner_within_a_dollar(s):
    answer = base_to_be_best(s, "o0")
    if answer.amount is None:
        option, staying, other = _option_total(s, MAX_MONEY)
        assert option <= max(staying, other) + TIE_TOLERANCE
        return
    option, staying, other = _option_total(s, answer.amount)
    assert option > max(staying, other) + TIE_TOLERANCE
    if answer.amount >= PRECISION:
        option, staying, other = _option_total(s, answer.amount - PRECISION)
        assert option <= max(staying, other) + TIE_TOLERANCE


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_options=3), st.data())
def test_raise_to_stay_flips_the_winner_within_a_dollar(s, data):
    answer = raise_to_stay(s)

    def staying_best(base: float) -> bool:
        pay = s.current.pay.model_copy(update={"base": base})
        totals = compare(s.model_copy(update={"current": s.current.model_copy(update={"pay": pay})})).totals
        return bool(totals[0] > max(totals[1:]) + TIE_TOLERANCE)

    if answer.amount is None:
        assert not staying_best(MAX_MONEY)
    elif not answer.already:
        assert staying_best(answer.amount) and not staying_best(answer.amount - PRECISION)


def test_negotiation_draft_fills_in_the_figures():
    """The offer of test_base_to_tie_and_to_be_best_worked_by_hand: best at 112,001; leaving now
    forfeits nothing, so no sign-on is asked for. Staying's raise: 130,001 as worked above."""
    from core.process.drafts import negotiation_draft

    draft = negotiation_draft(two_jobs(8, 6, Pay(base=90_000, raise_pct=0)), "o")
    assert "I would like to ask for a base salary of $112,001." in draft
    assert "sign-on" not in draft
    manager = negotiation_draft(two_jobs(7, 7, Pay(base=130_000, raise_pct=0)), "__staying__")
    assert "a base salary of $130,001" in manager
    try:
        negotiation_draft(two_jobs(10, 0, Pay(base=90_000, raise_pct=0)), "o")
    except ValueError as refused:
        assert str(refused).startswith("No base salary would")
    else:
        raise AssertionError("no amount would, so there is nothing to draft")


def test_an_offer_in_pounds_is_answered_in_pounds():
    """The tie of test_base_to_tie_and_to_be_best_worked_by_hand is $112,000; at an entered 1.25
    dollars a pound that is £89,600."""
    s = two_jobs(8, 6, Pay(base=70_000, raise_pct=0))
    data = s.model_dump()
    data["options"][0]["currency"] = "GBP"
    data["money"]["rate_overrides"] = {"GBP": 1.25}
    answer = base_to_tie(Scenario.model_validate(data), "o")
    assert answer.amount == 89_600 and "£89,600" in answer.text


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_options=2), st.integers(0, 24))
def test_sign_on_to_cover_covers_the_cost_of_leaving_within_a_dollar(s, leave):
    """Re-run independently: at the answer, the option's path gains at least the cost of leaving
    at `leave` over the same path with no sign-on; a dollar less does not."""
    from core.money.compensation import project

    answer = sign_on_to_cover(s, "o0", leave)
    need = project(s, leave).forfeit.total_after_tax
    option = s.options[0]

    def gained(sign_on: float) -> float:
        def path(amount: float) -> float:
            changed = option.model_copy(update={"pay": option.pay.model_copy(update={"sign_on": amount})})
            return float(project(s.model_copy(update={"options": [changed]}), leave).adjusted[1].sum())

        return path(sign_on) - path(0.0)

    if need <= 0.005:
        assert answer.amount == 0
        return
    if answer.amount is None:
        assert gained(MAX_MONEY) < need - 0.005
        return
    assert gained(answer.amount) >= need - 0.005
    if answer.amount >= PRECISION:
        assert gained(answer.amount - PRECISION) < need - 0.005


def test_when_leaving_costs_nothing_there_is_nothing_to_cover():
    """Nothing unvested, no sign-on owed back: leaving now costs $0, so no sign-on is needed, and
    the page says that rather than "$0 (already: $0 now)"."""
    from core.decision.what_it_takes import answers_table

    s = two_jobs(7, 7, Pay(base=110_000, raise_pct=0, tax_rate_pct=25))
    answer = sign_on_to_cover(s, "o")
    assert (answer.amount, answer.already) == (0, True)
    assert (
        answer.text
        == "Leaving your current role at month 0 costs nothing: Offer needs no sign-on to cover it."
    )
    table = answers_table(s, [answer]).set_index("Option")
    assert (
        table.loc["Offer", "Sign-on to cover leaving at month 0"]
        == "Nothing to cover (leaving costs nothing)"
    )
