"""Keep interviewing or not: the rules, applied to each open process, with the reasons behind.

Scores say which option is best. This module says, for each process still open, whether to keep
interviewing, by explicit rules (`RULES`, the one table: `recommend` applies it, `rules_table`
writes it for the Next steps page and docs/advice.md) with the reasons behind it (`advise`). The
rules explain; they do not decide: every page and summary says the decision is the person's.

Sentences here are plain text (the command line prints them). Pure: no streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from core.decision.matrix import DecisionMatrix
from core.decision.scoring import (
    format_points,
    format_score,
)
from core.model.pipeline import (
    AMOUNTS,
    CLOSED_STAGES,
    NOT_ANSWERED,
    WORTH_NAMES,
)
from core.model.scenario import Option, Scenario
from core.process.looking import looking_reason
from core.process.tracking import is_counteroffer, is_internal
from core.shown import weekday

# The rules (docs/advice.md) --------------------------------------------------------------------------

Recommendation = Literal[
    "keep going", "keep going to learn", "decide now", "withdraw politely now", "decline politely now"
]
RECOMMENDATIONS: dict[str, str] = {
    "keep going": "Keep going",
    "keep going to learn": "Keep going to learn",
    "decide now": "Decide now",
    "withdraw politely now": "Withdraw politely now",
    "decline politely now": "Decline the offer politely now",
}
Outlook = Literal["ahead", "close", "behind"]

# Compared with staying, an option is ahead (or behind) when its total score, rounded to one decimal
# as the app shows it, is at least this many points above (or below) staying's; otherwise it is close.
CLOSE_CALL_POINTS = 0.5
# Where the uncertainty analysis gives a probability of beating staying, it decides instead:
# ahead at this probability or more, behind at P_BEHIND or less.
P_AHEAD = 0.7
P_BEHIND = 0.3
# Continuing is worth it to the person when one of the four is rated "a lot" (3), or two or more are
# rated "some" (2) or more.
A_LOT = 3
SOME = 2
# A process "takes a lot of your time" at this rating.
HEAVY_TIME = 3
# From this stage on, the next step is an offer: backing out costs the employer the most.
LATE_STAGES = ("final round",)


@dataclass(frozen=True)
class Facts:
    """What the rules look at for one open process."""

    stage: str
    diff: float  # option total minus staying's, 0-10 scale
    would_take: str  # yes / maybe / never
    # What continuing is worth, 0-3; None: not answered (never read as an answer)
    learning: int | None = 1
    network: int | None = 1
    practice: int | None = 1
    better_offer: int | None = 1
    time_cost: int = 1
    internal: bool = False
    p_beats_staying: float | None = None  # from the uncertainty analysis, where run
    counteroffer: bool = False  # from your own manager: the rules are the same, the words differ

    @property
    def worth(self) -> tuple[int | None, int | None, int | None, int | None]:
        return (self.learning, self.network, self.practice, self.better_offer)

    @property
    def shown_diff(self) -> float:
        """The difference as the app shows it: one decimal, half away from zero."""
        return float(format_score(self.diff))

    @property
    def outlook(self) -> Outlook:
        if self.p_beats_staying is not None:
            if self.p_beats_staying >= P_AHEAD:
                return "ahead"
            return "behind" if self.p_beats_staying <= P_BEHIND else "close"
        if self.shown_diff >= CLOSE_CALL_POINTS:
            return "ahead"
        return "behind" if self.shown_diff <= -CLOSE_CALL_POINTS else "close"

    @property
    def worth_continuing(self) -> bool:
        """Worth it on the answers given: one "a lot", or two "some" or more."""
        given = [v for v in self.worth if v is not None]
        return any(v >= A_LOT for v in given) or sum(v >= SOME for v in given) >= 2

    @property
    def worth_known(self) -> bool:
        """Whether the answers say if continuing is worth it: worth it already, or all four given
        (so "worth little" is never read from a question left unanswered)."""
        return self.worth_continuing or None not in self.worth

    @property
    def late(self) -> bool:
        return self.stage in LATE_STAGES

    @property
    def heavy_time(self) -> bool:
        return self.time_cost >= HEAVY_TIME


@dataclass(frozen=True)
class Rule:
    """One row of the advice table: when it fits, in the person's words, and what it recommends.

    `RULES` is the one table: `recommend` applies it, `rules_table` writes it in Markdown for the
    Next steps page, and docs/advice.md holds the same table (tests/test_advice.py checks they agree).
    """

    id: str
    when: str  # Markdown: the words the table shows
    recommendation: Recommendation
    fits: Callable[[Facts], bool]


RULES: tuple[Rule, ...] = (
    Rule(
        "R0",
        "You would not take it, and they have made you an offer",
        "decline politely now",
        lambda f: f.would_take == "never" and f.stage == "offer",
    ),
    Rule("R1", "You would not take it", "withdraw politely now", lambda f: f.would_take == "never"),
    Rule("R2", "They have made you an offer", "decide now", lambda f: f.stage == "offer"),
    Rule("R3", "It is **ahead** of staying", "keep going", lambda f: f.outlook == "ahead"),
    Rule(
        "R4",
        "You would take it (and it is close to or behind staying)",
        "keep going",
        lambda f: f.would_take == "yes",
    ),
    Rule(
        "R5",
        "You are not sure you would take it, it is **close**, and it is internal or at the final round",
        "decide now",
        lambda f: f.outlook == "close" and (f.late or f.internal),
    ),
    Rule("R6", "You are not sure, and it is **close**", "keep going", lambda f: f.outlook == "close"),
    Rule(
        "R7",
        "You are not sure, it is **behind**, continuing is **worth it** to you, and it is external, "
        "before the final round and does not take a lot of your time",
        "keep going to learn",
        lambda f: f.worth_continuing and not (f.internal or f.late or f.heavy_time),
    ),
    Rule(
        "R8",
        "You are not sure, it is **behind**, continuing is **worth it**, but it is internal, at the "
        "final round or takes a lot of your time",
        "decide now",
        lambda f: f.worth_continuing,
    ),
    Rule(
        "R9",
        "You are not sure, it is **behind**, and continuing is not worth it to you",
        "withdraw politely now",
        lambda f: f.worth_known,
    ),
    Rule(
        "R10",
        "You are not sure, it is **behind**, and you have not said what continuing is worth to you",
        "decide now",
        lambda f: True,
    ),
)


def recommend(facts: Facts) -> tuple[Recommendation, str] | None:
    """The recommendation and the rule that gave it (a row of `RULES`), or None for a closed
    process. The first rule that fits wins."""
    if facts.stage in CLOSED_STAGES:
        return None
    rule = next(r for r in RULES if r.fits(facts))
    return rule.recommendation, rule.id


def rules_table() -> str:
    """`RULES` as a Markdown table, in the order they are tried."""
    rows = [f"| {r.id} | {r.when} | {RECOMMENDATIONS[r.recommendation]} |" for r in RULES]
    return "\n".join(["| Rule | When | Recommendation |", "|---|---|---|", *rows])


RULES_IN_WORDS = f"""The first rule that fits gives the recommendation.

{rules_table()}

- **Ahead, close, behind.** The difference from staying, rounded to one decimal as the app shows \
it: {CLOSE_CALL_POINTS:g} points or more above staying is ahead, {CLOSE_CALL_POINTS:g} or more below \
is behind, anything between is close. Where the uncertainty analysis gives the probability that \
the option beats staying, that decides instead: {P_AHEAD:.0%} or more is ahead, {P_BEHIND:.0%} or \
less is behind.
- **Worth it.** Learning about the market, expanding your network, practising interviews and a \
chance of a better offer are each rated none, a little, some or a lot. Continuing is worth it when \
one is rated "a lot", or two or more are rated "some" or more. A question you have not answered \
counts for neither: it is not worth it only once all four are answered.
- **Internal.** An internal role (not a counteroffer): your manager is usually told, and turning \
down an internal move can weigh on the next one.
- A process that is accepted, declined or withdrawn gets no recommendation.
"""


@dataclass(frozen=True)
class Advice:
    option_id: str
    label: str
    recommendation: Recommendation
    rule: str
    reasons: tuple[str, ...]  # the deciding reason first, then what else went into it
    outlook: Outlook
    diff: float
    p_beats_staying: float | None

    @property
    def title(self) -> str:
        return RECOMMENDATIONS[self.recommendation]


DECISION_IS_YOURS = (
    "These rules explain; they do not decide. You know things no score holds: the decision is yours."
)


def facts_for(option: Option, diff: float, p_beats_staying: float | None = None) -> Facts:
    p = option.process
    return Facts(
        stage=option.stage,
        diff=diff,
        would_take=p.would_take,
        learning=p.worth.learning,
        network=p.worth.network,
        practice=p.worth.practice,
        better_offer=p.worth.better_offer,
        time_cost=p.time_cost,
        internal=is_internal(option),
        p_beats_staying=p_beats_staying,
        counteroffer=is_counteroffer(option),
    )


def advise(
    scenario: Scenario,
    comparison: DecisionMatrix,
    option_id: str,
    p_beats_staying: float | None = None,
) -> Advice | None:
    """The recommendation for one option's process, with its reasons; None once it is closed."""
    option = scenario.option(option_id)
    i = comparison.row_of(option_id)
    facts = facts_for(option, float(comparison.diff_vs_staying[i]), p_beats_staying)
    result = recommend(facts)
    if result is None:
        return None
    recommendation, rule = result
    lead = _lead_reason(scenario, rule, facts, option)
    if option.process.decide_by is not None:
        lead += f" Your answer-by date: {weekday(option.process.decide_by)}."
    reasons = [lead]
    reasons += _supporting_reasons(scenario, rule, facts, option, comparison, i)
    return Advice(
        option_id=option.id,
        label=option.name,
        recommendation=recommendation,
        rule=rule,
        reasons=tuple(reasons),
        outlook=facts.outlook,
        diff=facts.diff,
        p_beats_staying=p_beats_staying,
    )


def advise_all(
    scenario: Scenario,
    comparison: DecisionMatrix,
    p_beats_staying: Mapping[str, float] | None = None,
) -> list[Advice]:
    """Advice for every open process, in the scenario's order. `p_beats_staying`: option id ->
    probability of beating staying, from the uncertainty analysis where it was run."""
    p = p_beats_staying or {}
    out = []
    for option in scenario.options:
        advice = advise(scenario, comparison, option.id, p.get(option.id))
        if advice is not None:
            out.append(advice)
    return out


def _costs(f: Facts) -> list[str]:
    costs = []
    if f.internal:
        costs.append("it is an internal role, so your manager usually hears of it")
    if f.late:
        costs.append("it is at the final round, where the next step is an offer")
    if f.heavy_time:
        costs.append("it takes a lot of your time")
    return costs


def _lead_reason(scenario: Scenario, rule: str, f: Facts, option: Option) -> str:
    employer = option.employer.strip() or option.name
    manager = scenario.current.people.manager.strip() or "your manager"
    if f.counteroffer and rule == "R0":
        return (
            f"You said you would not take the counteroffer: tell {manager} soon, and thank them for "
            "it. The draft to decline it is under Messages."
        )
    if f.counteroffer and rule == "R2":
        return (
            f"{manager} has made you a counteroffer: there is nothing to interview for, only your "
            "answer to accept it, decline it or ask for time. A counteroffer usually rests on your "
            "outside offer still being open, so weigh the two together."
        )
    if rule == "R0":
        return (
            "You said you would not take this job, and they are waiting for your answer to their "
            f"offer: decline it now, politely, so {employer} can go to the next candidate while they "
            "still can. The draft to decline it is under Messages."
        )
    if rule == "R1":
        return (
            "You said you would not take this job, so every further step uses their time, and yours, "
            f"for an answer you already know. Telling {employer} now is the honest and considerate thing."
        )
    if rule == "R2":
        return (
            "There is an offer on the table: nothing is left to interview for, only a decision. Go "
            "through the offer checklist, and ask for time if you need it."
        )
    if rule == "R3":
        return "It clearly beats staying on your priorities: see it through."
    if rule == "R4":
        if f.outlook == "behind":
            return (
                "You would take it if offered, although it scores below staying: keep going, and "
                "check whether your criteria or weights miss what draws you to it."
            )
        return "You would take it if offered, and it is close to staying: keep going and find out."
    if rule == "R5":
        why = " and ".join(_costs(f)[:2])
        return (
            f"It is a close call and you are not sure you would take it; {why}. Make up your mind "
            "before the next step: go on if you would take it, step back politely if not."
        )
    if rule == "R6":
        return (
            "It is a close call and you are not sure yet: the next conversations are how you find "
            "out. Keep going, and tell them honestly if your answer becomes clear."
        )
    if rule == "R7":
        return (
            "Staying comes out ahead, but continuing is worth something to you and costs little: "
            "keep going to learn, and be honest with them if your answer becomes a no."
        )
    if rule == "R8":
        return (
            "Staying comes out ahead. Continuing is worth something to you, but it has a real cost: "
            f"{'; '.join(_costs(f))}. Weigh the two now, before the next step."
        )
    if rule == "R9":
        return (
            "Staying comes out ahead, you are not sure you would take it, and continuing brings you "
            f"little beyond the job itself: withdraw politely now, while it costs {employer} least."
        )
    return (
        "Staying comes out ahead and you are not sure you would take it. Whether to go on depends on "
        "what continuing is worth to you, whatever the outcome, and you have not said yet: answer "
        '"What it is worth to you" for this process. If it is worth something to you, keep going to '
        "learn; if not, withdraw politely."
    )


def _supporting_reasons(
    scenario: Scenario, rule: str, f: Facts, option: Option, c: DecisionMatrix, i: int
) -> list[str]:
    reasons = [_compare_reason(f, c, i)]
    reasons.append(
        {
            "yes": "You said you would take it if offered.",
            "maybe": "You are not sure yet whether you would take it.",
            "never": "You said you would not take it.",
        }[f.would_take]
    )
    if rule in ("R6", "R7", "R8", "R9", "R10") or f.worth_continuing:
        reasons.append(_worth_reason(f))
    if f.time_cost >= SOME:
        reasons.append(f"It takes {AMOUNTS[f.time_cost]} of your time.")
    if f.internal:
        reasons.append(
            "It is an internal role: your manager is usually told, and turning down an internal "
            "move can weigh on the next one you go for."
        )
    looking = looking_reason(scenario, c, i)
    if looking:
        reasons.append(looking)
    reasons.append(_stage_reason(option.stage, f.counteroffer))
    return reasons


def _compare_reason(f: Facts, c: DecisionMatrix, i: int) -> str:
    option_total, staying_total = format_score(c.totals[i]), format_score(c.totals[c.staying])
    if f.shown_diff == 0:
        text = f"It scores the same as staying ({option_total} out of 10)"
    else:
        side = "above" if f.diff > 0 else "below"
        text = (
            f"It scores {format_points(f.diff)} points {side} staying "
            f"({option_total} against {staying_total} out of 10)"
        )
    if f.p_beats_staying is None:
        text += {
            "ahead": f": a clear lead (at least {CLOSE_CALL_POINTS:g} points).",
            "close": f": a close call (less than {CLOSE_CALL_POINTS:g} points either way).",
            "behind": f": staying is clearly ahead (by at least {CLOSE_CALL_POINTS:g} points).",
        }[f.outlook]
        return text
    text += (
        f", and it beats staying in {f.p_beats_staying:.0%} of the uncertainty analysis's draws"
        + {
            "ahead": f" (a clear lead: {P_AHEAD:.0%} or more).",
            "close": f" (a close call: between {P_BEHIND:.0%} and {P_AHEAD:.0%}).",
            "behind": f" (staying is clearly ahead: {P_BEHIND:.0%} or less).",
        }[f.outlook]
    )
    return text


def _worth_reason(f: Facts) -> str:
    rated = "; ".join(
        f"{name}: {NOT_ANSWERED if v is None else AMOUNTS[v]}"
        for name, v in zip(WORTH_NAMES.values(), f.worth, strict=True)
    )
    if f.worth_continuing:
        return f"Whatever the outcome, continuing is worth something to you ({rated})."
    if not f.worth_known:
        return f"You have not said yet what continuing is worth to you, whatever the outcome ({rated})."
    return f"Beyond the job itself, continuing is worth little to you ({rated})."


def _stage_reason(stage: str, counteroffer: bool = False) -> str:
    if counteroffer and stage == "offer":
        return "Your manager made it to keep you, and is waiting for your answer."
    return {
        "applied": "You have only applied: stepping back now costs them almost nothing.",
        "screening": "It is early (screening): stepping back now costs them little.",
        "interviewing": "It is at the interviewing stage: each further round takes more of their people's time.",
        "final round": "It is at the final round: the next step is an offer, and backing out after one costs them the most.",
        "offer": "They have made you an offer and are waiting for your answer, perhaps holding other candidates.",
    }[stage]


if __name__ == "__main__":  # python -m core.process.rules --rules-table: the table for docs/advice.md
    import sys

    if sys.argv[1:] == ["--rules-table"]:
        print(rules_table())
