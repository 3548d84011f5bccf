"""Questions to ask at the next interview, drawn from what the person is least sure of."""

from __future__ import annotations

from dataclasses import dataclass

from core.decision.scoring import (
    weight_shares,
)
from core.model.scenario import Option, Scenario

# Preparing for the next interview --------------------------------------------------------------------

QUESTIONS: dict[str, tuple[str, ...]] = {
    "culture": (
        "How does the team settle a disagreement? Could you tell me about a recent one?",
        "Who does well here, and who has found it hard?",
        "How does the team work day to day: meetings, written updates, reviews?",
    ),
    "work_life": (
        "What does a usual week look like, including evenings and weekends?",
        "How are on-call and urgent work shared?",
        "How many days a week in the office, and how firm is that?",
    ),
    "growth": (
        "What did the last person in this role go on to do?",
        "What would I learn here in the first year?",
        "How are promotions decided, and how long do they usually take?",
    ),
    "title": (
        "How does this level compare with similar levels elsewhere?",
        "What would the next step up look like, and what does it take to get there?",
    ),
    "mission": (
        "What difference would my work make to the people you serve?",
        "How does the team know its work matters?",
    ),
}
PAY_QUESTIONS = (
    "How has the bonus paid out against target over the last few years?",
    "How are equity refreshers and pay reviews decided?",
)


@dataclass(frozen=True)
class QuestionGroup:
    criterion: str
    why: str
    questions: tuple[str, ...]
    from_range: bool  # chosen because of a rating range you gave (False: for its weight)


def _width(scenario: Scenario, option: Option, criterion_id: str) -> tuple[float, bool]:
    """How wide the option's rating on a criterion could be, and whether the person gave a range.

    As in the uncertainty analysis (core/decision/uncertainty.py): a range is stretched to include the
    rating; without one, the rating ± `robustness.default_spread`, clipped to 0-10."""
    span = option.rating_ranges.get(criterion_id)
    rating = option.ratings[criterion_id]
    if span is None:
        spread = scenario.robustness.default_spread
        return min(10.0, rating + spread) - max(0.0, rating - spread), False
    return max(span.high, rating) - min(span.low, rating), True


def questions_to_ask(scenario: Scenario, option_id: str, count: int = 3) -> list[QuestionGroup]:
    """Questions for the next interview on the `count` rated criteria you are least sure of
    (widest rating range first, then the heaviest weight), and on pay when its bonus or share
    price has a range."""
    option = scenario.option(option_id)
    ranked = sorted(
        scenario.rated_criteria,
        key=lambda c: (-_width(scenario, option, c.id)[0], -c.weight, scenario.criteria.index(c)),
    )
    shares = weight_shares(scenario)
    groups = []
    for crit in ranked[:count]:
        width, given = _width(scenario, option, crit.id)
        if given:
            span = option.rating_ranges[crit.id]
            why = (
                f"you rated it {option.ratings[crit.id]:g}, but it could be anywhere from "
                f"{span.low:g} to {span.high:g}"
            )
        else:
            why = f"it counts for {shares[crit.id]:.0f}% of your decision"
        name = crit.name[:1].lower() + crit.name[1:] if not crit.name[1:2].isupper() else crit.name
        questions = QUESTIONS.get(
            crit.id,
            (
                f"What would {name} look like in this role, day to day?",
                f"Six months in, how would I know whether {name} is what I hoped?",
            ),
        )
        groups.append(QuestionGroup(crit.name, why, questions, given))
    pay = option.pay
    if any(
        v is not None
        for v in (
            pay.bonus_payout_low_pct,
            pay.bonus_payout_high_pct,
            pay.share_price_change_low_pct,
            pay.share_price_change_high_pct,
        )
    ):
        groups.append(
            QuestionGroup(
                "Pay", "you gave a range for the bonus payout or the share price", PAY_QUESTIONS, True
            )
        )
    return groups
