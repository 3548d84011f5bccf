"""The example scenario the app opens with, and the blank one a person can start from."""

from __future__ import annotations

from datetime import date

from core.model.example_pipeline import EXAMPLE_PEOPLE, EXAMPLE_PROCESSES, EXAMPLE_REFLECTION
from core.model.scenario import (
    Criterion,
    CurrentRole,
    EquityGrant,
    MoneySettings,
    Option,
    Pay,
    RatingRange,
    RecentChange,
    Scenario,
)


def default_criteria() -> list[Criterion]:
    return [
        Criterion(
            id="pay",
            name="Pay",
            weight=30,
            kind="pay",
            description="Yearly pay in all its parts, scored against what you earn now.",
        ),
        Criterion(
            id="title",
            name="Title",
            weight=10,
            description="How the title and level serve your career.",
        ),
        Criterion(
            id="work_life",
            name="Work-life balance",
            weight=20,
            description="Hours, flexibility, commute, on-call, stress.",
        ),
        Criterion(
            id="culture",
            name="Culture fit",
            weight=15,
            description="People, manager, values, how work gets done.",
        ),
        Criterion(
            id="growth",
            name="Growth",
            weight=20,
            description="What you would learn, and where it leads.",
        ),
    ]


EXAMPLE_START = date(2026, 12, 1)
# RSUs granted at Initech a year before the example starts: past the cliff, vesting monthly.
CURRENT_GRANT = EquityGrant(label="Initech RSUs (2025)", value=20_000, vesting_start=date(2025, 12, 1))


def example_scenario() -> Scenario:
    """A realistic decision: a recent raise at home, one offer, one internal opening, one prospect."""
    criteria = [
        *default_criteria(),
        Criterion(
            id="mission",
            name="Mission",
            weight=5,
            description="Your own criterion: how much the work itself matters to you.",
        ),
    ]
    return Scenario(
        name="Example: data analyst weighing a counter-move",
        money=MoneySettings(start=EXAMPLE_START, horizon_years=5, time_value_per_hour=25),
        example=True,
        currency="$",
        criteria=criteria,
        current=CurrentRole(
            employer="Initech",
            role="Senior data analyst",
            level="Senior (L4)",
            pay=Pay(
                base=95_000,
                raise_pct=3,
                bonus_target_pct=5,
                bonus_payout_pct=100,
                grants=[CURRENT_GRANT],
                match_rate_pct=100,
                match_cap_pct=4,
                match_vesting="graded",
                match_vesting_years=3,
                match_unvested_now=1_500,
                service_years=2.5,
                benefits=12_000,
                health_cost=2_000,
                pto_days=20,
                commute_minutes=40,
                office_days=3,
                commute_cost=1_200,
                tax_rate_pct=28,
            ),
            ratings={"title": 5, "work_life": 7, "culture": 6, "growth": 4, "mission": 5},
            recent_changes=[
                RecentChange(kind="raise", when=date(2026, 9, 1), note="8% raise at mid-year review"),
                RecentChange(
                    kind="recognition", when=date(2026, 10, 15), note="Team award for the pricing model"
                ),
            ],
            notes="Frustrated a year ago; pay and recognition have improved since.",
            reflection=EXAMPLE_REFLECTION,
            people=EXAMPLE_PEOPLE,
        ),
        options=[
            Option(
                id="globex",
                name="Globex",
                kind="external offer",
                stage="offer",
                employer="Globex Corporation",
                role="Lead data analyst",
                level="Lead (L5)",
                pay=Pay(
                    base=112_000,
                    raise_pct=3,
                    bonus_target_pct=10,
                    bonus_payout_pct=90,
                    sign_on=15_000,
                    clawback_months=12,
                    grants=[EquityGrant(label="New-hire RSUs", value=40_000)],
                    share_price_change_pct=5,
                    share_price_change_low_pct=-20,
                    share_price_change_high_pct=20,
                    bonus_payout_low_pct=50,
                    bonus_payout_high_pct=120,
                    refresher_value=8_000,
                    match_rate_pct=50,
                    match_cap_pct=6,
                    benefits=10_000,
                    health_cost=2_500,
                    pto_days=25,
                    commute_minutes=70,
                    office_days=4,
                    commute_cost=2_400,
                    tax_rate_pct=30,
                ),
                ratings={"title": 7, "work_life": 5, "culture": 6, "growth": 8, "mission": 5},
                notes="Offer in writing; answer due in two weeks. Longer commute, four office days.",
                process=EXAMPLE_PROCESSES["globex"],
            ),
            Option(
                id="initech_platform",
                name="Initech platform team",
                kind="internal role",
                stage="interviewing",
                employer="Initech",
                role="Analytics engineer",
                level="Senior (L4)",
                pay=Pay(
                    base=100_000,
                    raise_pct=3,
                    bonus_target_pct=6,
                    grants=[EquityGrant(label="Transfer grant", value=10_000)],
                    match_rate_pct=100,
                    match_cap_pct=4,
                    benefits=12_000,
                    health_cost=2_000,
                    pto_days=20,
                    commute_minutes=40,
                    office_days=3,
                    commute_cost=1_200,
                    tax_rate_pct=29,
                ),
                ratings={"title": 6, "work_life": 7, "culture": 7, "growth": 7, "mission": 6},
                notes="Manager knows I applied. Second interview next week.",
                process=EXAMPLE_PROCESSES["initech_platform"],
            ),
            Option(
                id="umbrella_health",
                name="Umbrella Health",
                kind="prospect",
                stage="screening",
                employer="Umbrella Health",
                role="Data scientist",
                level="Mid-senior",
                pay=Pay(
                    base=105_000,
                    raise_pct=3,
                    grants=[EquityGrant(label="Options (private company)", value=30_000)],
                    equity_risk_discount_pct=50,
                    match_rate_pct=100,
                    match_cap_pct=3,
                    benefits=11_000,
                    health_cost=3_000,
                    pto_days=22,
                    tax_rate_pct=29,
                ),
                ratings={"title": 6, "work_life": 6, "culture": 5, "growth": 6, "mission": 9},
                rating_ranges={
                    "culture": RatingRange(low=2, high=8),
                    "work_life": RatingRange(low=3, high=8),
                },
                notes="Recruiter call only; pay is the posted range's midpoint, ratings are guesses.",
                process=EXAMPLE_PROCESSES["umbrella_health"],
            ),
        ],
    )


def blank_scenario() -> Scenario:
    """Nothing entered yet: the default criteria and weights, an empty current role, no options."""
    criteria = default_criteria()
    return Scenario(
        name="My decision",
        example=False,
        criteria=criteria,
        current=CurrentRole(ratings={c.id: 5.0 for c in criteria if c.kind == "rating"}),
        options=[],
    )
