"""The example's interview processes and its honest look at the current role (core/model/example.py).

Dated around the example's start (1 December 2026): Globex has made an offer, the internal
platform-team role is in interviews, and Umbrella Health is at a first recruiter call.
"""

from __future__ import annotations

from datetime import date

from core.model.pipeline import (
    Contact,
    Interview,
    People,
    Process,
    RatingSnapshot,
    Reason,
    Reflection,
    Satisfaction,
    StageChange,
    Worth,
)

EXAMPLE_PEOPLE = People(your_name="Alex Morgan", manager="Jordan Lee")

EXAMPLE_REFLECTION = Reflection(
    reasons=[
        Reason(criterion="pay", text="Pay", resolved=True),
        Reason(criterion="growth", text="Growth"),
        Reason(text="Felt my work went unnoticed", resolved=True),
    ],
    satisfaction=Satisfaction(work_life=7, environment=6, relationships=8, values_fit=6),
    achievements="Built the pricing model (team award, October 2026)\nMentored two junior analysts",
)

EXAMPLE_PROCESSES: dict[str, Process] = {
    "globex": Process(
        history=[
            StageChange(stage="applied", on=date(2026, 9, 21)),
            StageChange(stage="screening", on=date(2026, 9, 29), note="Recruiter call"),
            StageChange(stage="interviewing", on=date(2026, 10, 8)),
            StageChange(stage="final round", on=date(2026, 10, 27)),
            StageChange(stage="offer", on=date(2026, 11, 18), note="Offer in writing"),
        ],
        next_step="Give them an answer",
        next_step_on=date(2026, 12, 2),
        decide_by=date(2026, 12, 2),
        contacts=[
            Contact(name="Dana Whitfield", role="recruiter"),
            Contact(name="Priya Raman", role="hiring manager", note="Would be my manager"),
        ],
        interviews=[
            Interview(on=date(2026, 9, 29), what="Phone screen", with_whom="Dana Whitfield"),
            Interview(
                on=date(2026, 10, 14),
                what="Technical interview",
                with_whom="Two analysts on the team",
                notes="Strong team; on-call rota every six weeks.",
            ),
            Interview(
                on=date(2026, 10, 29),
                what="Final round",
                with_whom="Priya Raman and the director",
                notes="Four office days, firm. Clear path to lead.",
            ),
        ],
        rating_history=[
            RatingSnapshot(
                on=date(2026, 9, 29),
                after="Phone screen",
                ratings={"title": 6, "work_life": 6, "culture": 5, "growth": 7, "mission": 5},
            ),
            RatingSnapshot(
                on=date(2026, 10, 29),
                after="Final round",
                ratings={"title": 7, "work_life": 5, "culture": 6, "growth": 8, "mission": 5},
            ),
        ],
        would_take="maybe",
        worth=Worth(learning=2, network=1, practice=1, better_offer=1),
        time_cost=1,
    ),
    "initech_platform": Process(
        history=[
            StageChange(stage="applied", on=date(2026, 10, 20), note="Told my manager the same day"),
            StageChange(stage="interviewing", on=date(2026, 11, 10)),
        ],
        next_step="Second interview with Sam",
        next_step_on=date(2026, 12, 1),
        contacts=[Contact(name="Sam Okafor", role="hiring manager", note="Platform team lead")],
        interviews=[
            Interview(
                on=date(2026, 11, 17),
                what="First interview",
                with_whom="Sam Okafor",
                notes="Modern tooling; would keep my manager's goodwill if handled openly.",
            )
        ],
        rating_history=[
            RatingSnapshot(
                on=date(2026, 11, 17),
                after="First interview",
                ratings={"title": 6, "work_life": 7, "culture": 7, "growth": 7, "mission": 6},
            )
        ],
        would_take="maybe",
        worth=Worth(learning=2, network=2, practice=1, better_offer=0),
        time_cost=1,
    ),
    "umbrella_health": Process(
        history=[StageChange(stage="screening", on=date(2026, 11, 12), note="Recruiter reached out")],
        next_step="Call the recruiter back",
        next_step_on=date(2026, 11, 30),
        contacts=[Contact(name="Lee Moreno", role="recruiter")],
        would_take="maybe",
        worth=Worth(learning=3, network=2, practice=2, better_offer=1),
        time_cost=1,
    ),
}
