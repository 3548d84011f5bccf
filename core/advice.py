"""What to do next with each open process, in plain words; message drafts; the decision summary.

Scores say which option is best. This module says, for each process still open, whether to keep
interviewing, by explicit rules written out in docs/advice.md (`recommend`), with the reasons
behind it (`advise`). The rules explain; they do not decide: every page and summary says the
decision is the person's.

Also here: pros and cons per option, what staying already gives beside what the best offer adds,
questions to ask drawn from what the person is least sure of, message drafts filled from the
scenario, and the decision summary in Markdown. Pure: no streamlit, today's date is an argument.

Sentences here are plain text (the command line prints them, message drafts are .txt files); the
functions that write Markdown (`*_markdown`, `decision_summary`) escape what they put into it with
core.text.markdown_escape, so a name such as "**Globex**" shows as typed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np

from core.currency import money_in
from core.matrix import DecisionMatrix
from core.model import Option, Scenario
from core.pipeline import (
    AMOUNTS,
    CLOSED_STAGES,
    MESSAGE_KINDS,
    NOT_ANSWERED,
    SATISFACTION_NAMES,
    WORTH_NAMES,
)
from core.scoring import (
    NOTABLE_POINTS,
    ScenarioNotReady,
    compare,
    format_points,
    format_score,
    ranking,
    verdict,
    weight_shares,
)
from core.shown import day, money, weekday
from core.text import and_list, markdown_escape
from core.tracking import is_counteroffer, is_internal, pick_contact, statuses

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
    looking = _looking_reason(scenario, c, i)
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


# Pros and cons, and what staying already gives -------------------------------------------------------


@dataclass(frozen=True)
class ProsCons:
    option_id: str
    label: str
    pros: tuple[str, ...]
    cons: tuple[str, ...]


def _criterion_line(c: DecisionMatrix, currency: str, i: int, k: int, other: int, other_label: str) -> str:
    """'Growth: 8 against 4 now (+0.8 points)' for row i against row `other`."""
    name = c.criteria[k].name
    points = float(c.contribution_vs_staying[i, k] - c.contribution_vs_staying[other, k])
    sign = "+" if points >= 0 else "−"
    if c.criteria[k].kind == "pay":
        a, b = money(c.raw[i, k], currency), money(c.raw[other, k], currency)
        values = f"{a} a year against {b} {other_label}, after tax and cost of living"
    else:
        values = f"{c.raw[i, k]:g} against {c.raw[other, k]:g} {other_label}"
    return f"{name}: {values} ({sign}{format_points(points)} points)"


def _open_reasons(scenario: Scenario) -> list[tuple[str | None, str]]:
    """Unresolved reasons for looking: (criterion id or None, name in words)."""
    ids = {c.id for c in scenario.criteria}
    out = []
    for r in scenario.current.reflection.reasons:
        if r.resolved:
            continue
        crit = r.criterion if r.criterion in ids else None
        out.append((crit, scenario.criterion(crit).name if crit else r.text.strip() or str(r.criterion)))
    return out


CHANGE_WORDS: dict[str, str] = {
    "raise": "a raise",
    "promotion": "a promotion",
    "recognition": "recognition",
    "other": "a change",
}


def recent_changes_in_words(scenario: Scenario) -> list[str]:
    """The current role's recent changes as the person entered them, oldest first: "a raise (8%
    raise at mid-year review, 1 Sep 2026)"."""
    changes = sorted(scenario.current.recent_changes, key=lambda ch: (ch.when is None, ch.when or date.min))
    out = []
    for ch in changes:
        details = [x for x in (ch.note.strip(), day(ch.when) if ch.when else "") if x]
        out.append(CHANGE_WORDS[ch.kind] + (f" ({', '.join(details)})" if details else ""))
    return out


def since_you_started_looking(scenario: Scenario) -> list[str]:
    """What changed in the current role since you started looking, and which of your reasons for
    looking are resolved and which still open: up to three plain sentences (none if nothing is
    entered), shown under a "Since you started looking" heading. The decision turns on this
    question, so the advice and the summary cite it too."""
    changes = recent_changes_in_words(scenario)
    still, resolved = reasons_for_looking(scenario)
    out = []
    if changes:
        out.append(f"Changes in your current role: {and_list(changes)}.")
    if resolved:
        out.append(f"Reasons for looking you marked resolved: {'; '.join(resolved)}.")
    if still:
        out.append(f"Still open: {'; '.join(still)}.")
    return out


def _looking_reason(scenario: Scenario, c: DecisionMatrix, i: int) -> str:
    """The changes and resolved reasons, and how option row `i` does on the reasons still open."""
    changes = recent_changes_in_words(scenario)
    still, resolved = reasons_for_looking(scenario)
    parts = []
    if changes:
        parts.append(f"you have had {and_list(changes)}")
    if resolved:
        parts.append(f"these reasons for looking are resolved: {'; '.join(resolved)}")
    open_ = []
    for crit, name in _open_reasons(scenario):
        if crit is None:
            open_.append(name)
            continue
        k, staying = c.column(crit), c.staying
        how = "better than" if c.scores[i, k] > c.scores[staying, k] else "no better than"
        values = f" ({c.raw[i, k]:g} against {c.raw[staying, k]:g})" if c.criteria[k].kind == "rating" else ""
        open_.append(f"{name}, where it does {how} staying{values}")
    sentences = []
    if parts:
        sentences.append("Since you started looking, " + ", and ".join(parts) + ".")
    if open_:
        sentences.append(f"Still open: {'; '.join(open_)}.")
    return " ".join(sentences)


def reasons_for_looking(scenario: Scenario) -> tuple[list[str], list[str]]:
    """The reasons you started looking, in words: (still open, resolved since)."""
    ids = {c.id for c in scenario.criteria}
    still, resolved = [], []
    for r in scenario.current.reflection.reasons:
        name = (
            scenario.criterion(r.criterion).name if r.criterion in ids else r.text.strip() or str(r.criterion)
        )
        (resolved if r.resolved else still).append(name)
    return still, resolved


def pros_and_cons(scenario: Scenario, comparison: DecisionMatrix, i: int) -> ProsCons:
    """Pros and cons of option row `i` against staying: the criteria that move its score by
    at least NOTABLE_POINTS, biggest first, and the reasons you started looking that are still
    open, by whether it does better on them than staying."""
    c = comparison
    by_crit = c.contribution_vs_staying[i]
    pros = [
        _criterion_line(c, scenario.currency, i, k, c.staying, "now")
        for k in np.argsort(-by_crit)
        if by_crit[k] >= NOTABLE_POINTS
    ]
    cons = [
        _criterion_line(c, scenario.currency, i, k, c.staying, "now")
        for k in np.argsort(by_crit)
        if by_crit[k] <= -NOTABLE_POINTS
    ]
    for crit, name in _open_reasons(scenario):
        if crit is None:
            continue
        k = c.column(crit)
        if c.scores[i, k] > c.scores[c.staying, k]:
            pros.append(f"It does better on {name.lower()}, a reason you started looking that is still open.")
        else:
            cons.append(
                f"It does not do better on {name.lower()}, a reason you started looking that is still open."
            )
    return ProsCons(c.alternatives[i].id, c.alternatives[i].label, tuple(pros), tuple(cons))


def _bullets(lines: list[str] | tuple[str, ...], empty: str) -> str:
    """Plain-text `lines` as a Markdown list (`empty`, already Markdown, when there are none)."""
    return "\n".join(f"- {markdown_escape(line)}" for line in lines) if lines else f"- {empty}"


def pros_and_cons_markdown(pros_cons: ProsCons) -> str:
    return (
        "**Pros**\n\n"
        + _bullets(pros_cons.pros, "Nothing on your criteria beats staying by a notable margin.")
        + "\n\n**Cons**\n\n"
        + _bullets(pros_cons.cons, "Nothing on your criteria falls short of staying by a notable margin.")
    )


@dataclass(frozen=True)
class StayingAndBest:
    """What staying already gives, beside what the best other option adds and what it costs."""

    staying: tuple[str, ...]
    best_label: str
    best_adds: tuple[str, ...]
    best_costs: tuple[str, ...]


# A satisfaction at or above this is something staying gives.
SATISFIED = 7


def staying_and_best(scenario: Scenario, comparison: DecisionMatrix) -> StayingAndBest:
    c = comparison
    best = c.options_best_first[0]
    label = c.alternatives[best].label
    diff = c.contribution_vs_staying[best]
    staying = [
        _criterion_line(c, scenario.currency, c.staying, k, best, f"at {label}")
        for k in np.argsort(diff)
        if diff[k] <= -NOTABLE_POINTS
    ]
    reflection = scenario.current.reflection
    for field, name in SATISFACTION_NAMES.items():
        value = getattr(reflection.satisfaction, field)
        if value is not None and value >= SATISFIED:
            staying.append(f"Your satisfaction with {name[:1].lower() + name[1:]}: {value:g} out of 10.")
    still, resolved = reasons_for_looking(scenario)
    if resolved:
        staying.append(f"Resolved since you started looking: {'; '.join(resolved)}.")
    changes = recent_changes_in_words(scenario)
    if changes:
        staying.append(f"Recent changes: {'; '.join(changes)}.")
    achievements = reflection.achievement_list
    if achievements:
        staying.append(f"What you have achieved there: {'; '.join(achievements)}.")
    adds = [
        _criterion_line(c, scenario.currency, best, k, c.staying, "now")
        for k in np.argsort(-diff)
        if diff[k] >= NOTABLE_POINTS
    ]
    costs = [
        _criterion_line(c, scenario.currency, best, k, c.staying, "now")
        for k in np.argsort(diff)
        if diff[k] <= -NOTABLE_POINTS
    ]
    for crit, name in _open_reasons(scenario):
        if crit is not None and c.scores[best, c.column(crit)] > c.scores[c.staying, c.column(crit)]:
            adds.append(f"It does better on {name.lower()}, a reason you started looking that is still open.")
    return StayingAndBest(tuple(staying), label, tuple(adds), tuple(costs))


def staying_and_best_markdown(view: StayingAndBest) -> tuple[str, str]:
    """Two Markdown blocks, side by side on the Overview page: staying, and the best option."""
    left = "**What staying already gives**\n\n" + _bullets(
        view.staying,
        "Nothing stands out yet: rate your satisfaction and add your achievements on Current role.",
    )
    best = markdown_escape(view.best_label)
    right = (
        f"**What {best} adds**\n\n"
        + _bullets(view.best_adds, "Nothing beats staying by a notable margin.")
        + f"\n\n**What {best} costs you**\n\n"
        + _bullets(view.best_costs, "Nothing falls short of staying by a notable margin.")
    )
    return left, right


# An outside offer and a counteroffer, side by side ----------------------------------------------------


@dataclass(frozen=True)
class OfferAndCounteroffer:
    """An outside offer and a counteroffer that both wait for your answer, compared."""

    offer_id: str
    counteroffer_id: str
    sentences: tuple[str, ...]


def _differences(c: DecisionMatrix, a: int, b: int, label_a: str, label_b: str) -> str:
    """'Globex does better on growth (+0.4 points) and pay (+0.3 points); the counteroffer on
    work-life balance (+0.4 points).' from the criteria's contributions, biggest first."""
    diff = c.contribution_vs_staying[a] - c.contribution_vs_staying[b]
    better_a = [k for k in np.argsort(-diff) if diff[k] >= NOTABLE_POINTS]
    better_b = [k for k in np.argsort(diff) if diff[k] <= -NOTABLE_POINTS]

    def listed(ks: list[int]) -> str:
        lines = []
        for k in ks:
            name = c.criteria[k].name
            lines.append(f"{name[:1].lower() + name[1:]} (+{format_points(diff[k])} points)")
        return and_list(lines)

    parts = []
    if better_a:
        parts.append(f"{label_a} does better on {listed(better_a)}")
    if better_b:
        parts.append(
            f"{label_b} on {listed(better_b)}" if better_a else f"{label_b} does better on {listed(better_b)}"
        )
    if not parts:
        return f"No criterion separates {label_a} and {label_b} by a notable margin."
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def offers_and_counteroffers(scenario: Scenario, comparison: DecisionMatrix) -> list[OfferAndCounteroffer]:
    """Each open counteroffer beside each open outside offer (or internal offer) at the offer stage:
    both need your answer, so they are compared with each other, not only with staying, and the
    order to answer them in is spelt out (a counteroffer usually rests on the outside offer still
    being open)."""
    c = comparison
    counters = [o for o in scenario.options if is_counteroffer(o) and o.stage == "offer"]
    offers = [o for o in scenario.options if not is_counteroffer(o) and o.stage == "offer"]
    out = []
    for counter in counters:
        for offer in offers:
            i, j = c.row_of(offer.id), c.row_of(counter.id)
            gap = float(c.totals[i] - c.totals[j])
            if format_points(gap) == "0.0" or abs(gap) < 1e-9:
                lead = "they are level"
            else:
                ahead = offer.name if gap > 0 else "the counteroffer"
                lead = f"{ahead} is ahead by {format_points(gap)} points"
            sentences = [
                f"{offer.name}'s offer and the counteroffer ({counter.name}) both wait for your answer.",
                f"{offer.name} scores {format_score(c.totals[i])} and the counteroffer {format_score(c.totals[j])} "
                f"out of 10, against {format_score(c.totals[c.staying])} for staying as you are: {lead}.",
                _differences(c, i, j, offer.name, "the counteroffer"),
                "A counteroffer usually rests on the outside offer still being open: settle it with your "
                f"manager before you decline {offer.name}, and if you accept the counteroffer, tell "
                f"{offer.name} promptly.",
            ]
            if offer.process.decide_by is not None:
                sentences.append(f"{offer.name}'s answer-by date: {weekday(offer.process.decide_by)}.")
            out.append(OfferAndCounteroffer(offer.id, counter.id, tuple(sentences)))
    return out


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

    As in the uncertainty analysis (core/uncertainty.py): a range is stretched to include the
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


# Message drafts ----------------------------------------------------------------------------------------


def message_kinds_for(option: Option) -> list[str]:
    """The messages that fit where the process stands, most likely first. A counteroffer is a
    conversation with your manager: accept it, decline it or ask for time, nothing else."""
    if option.stage in CLOSED_STAGES:
        return []
    if is_counteroffer(option):
        return ["accept", "decline", "more_time", "negotiate"]
    kinds = ["decline", "more_time", "accept", "negotiate"] if option.stage == "offer" else ["withdraw"]
    if option.stage == "final round":
        kinds.append("more_time")
    kinds.append("circumstances")
    if is_internal(option):
        kinds.append("tell_manager")
    return kinds


def message_kinds_offered(option: Option) -> list[str]:
    """Every message the page offers for this process: the fitting ones first, then the others
    that make sense for it (telling your manager only for an internal role; for a counteroffer
    only accept, decline and ask for time)."""
    fitting = message_kinds_for(option)
    if is_counteroffer(option):
        return fitting or ["accept", "decline", "more_time", "negotiate"]
    others = [k for k in MESSAGE_KINDS if k not in fitting and (k != "tell_manager" or is_internal(option))]
    return fitting + others


COUNTEROFFER_KINDS: dict[str, str] = {
    "accept": "Accept the counteroffer",
    "decline": "Decline the counteroffer",
    "more_time": "Ask your manager for time to decide",
    "negotiate": "Ask your manager for what would make you stay",
}


def message_kind_label(option: Option, kind: str) -> str:
    """The message kind in words, in the terms of this process (a counteroffer's own words)."""
    if is_counteroffer(option) and kind in COUNTEROFFER_KINDS:
        return COUNTEROFFER_KINDS[kind]
    return MESSAGE_KINDS[kind]


def _position(option: Option) -> str:
    role, employer = option.role.strip(), option.employer.strip()
    if is_internal(option) and role and option.name.strip() != employer:
        return f"the {role} role ({option.name})"  # your manager knows the employer: name the team
    if role and employer:
        return f"the {role} role at {employer}"
    if role:
        return f"the {role} role ({option.name})"
    if employer:
        return f"the role at {employer}"
    return f"the {option.name} role"


def _signature(scenario: Scenario, closing: str) -> str:
    name = scenario.current.people.your_name.strip()
    return f"{closing},\n{name}" if name else f"{closing}."


def _extra(option: Option) -> str:
    words = option.process.what_to_say.strip()
    if not words:
        return ""
    return " " + (words if words[-1] in ".!?" else words + ".")


def _changes_in_words(scenario: Scenario) -> str:
    kinds = []
    for ch in scenario.current.recent_changes:
        if ch.kind in ("raise", "promotion", "recognition") and ch.kind not in kinds:
            kinds.append(ch.kind)
    if not kinds:
        return ""
    words = {"raise": "a raise", "promotion": "a promotion", "recognition": "recognition for my work"}
    return f": I have had {and_list([words[k] for k in kinds])} in my current job"


def _ask_for_time(option: Option) -> str:
    when = option.process.decide_by
    if when is None:
        return "Could I have a few more days to give you my answer?"
    # the answer-by date is their deadline: ask, before it, for a few days beyond it
    return f"I know you would like my answer by {weekday(when)}. Could I have a few more days beyond that to give you my answer?"


def _negotiate_draft(scenario: Scenario, option: Option) -> str:
    """Ask for what it would take (core.what_it_takes), the figures filled in: from a new employer
    the base salary at which its offer becomes your best option and a sign-on covering what
    leaving costs; from your manager, for a counteroffer, the base at which it does. Where there
    is no figure to ask for (what is offered already does it, or no amount would), it asks to talk
    about pay without one."""
    from core.what_it_takes import base_to_be_best, negotiation_draft

    if is_counteroffer(option):
        manager = scenario.current.people.manager.strip()
        best = base_to_be_best(scenario, option.id)
        if best.amount is not None and not best.already:
            ask = f"a base salary of {money_in(best.amount, scenario.job_currency(option) or scenario.currency)}"
        else:
            ask = "a little more on the base salary"
        return (
            f"Subject: Your counteroffer\n\n{'Hi ' + manager + ',' if manager else 'Hi,'}\n\n"
            "Thank you for the counteroffer; I would like to stay, and I want to be open with you "
            f"about what would make it an easy decision: {ask}.{_extra(option)} Could we talk about "
            f"it this week?\n\n{_signature(scenario, 'Thank you')}\n"
        )
    try:
        return negotiation_draft(scenario, option.id)
    except ValueError:
        position = _position(option)
        contact = pick_contact(option)
        greeting = f"Dear {contact.name.strip()}," if contact is not None else "Hello,"
        return (
            f"Subject: Your offer for {position}\n\n{greeting}\n\n"
            f"Thank you for the offer for {position}; I am keen on it.{_extra(option)} Before I "
            "decide, could we talk about the base salary and a sign-on?\n\n"
            f"{_signature(scenario, 'Thank you')}\n"
        )


def _counteroffer_draft(scenario: Scenario, option: Option, kind: str) -> str:
    """To your manager, in the terms of a counteroffer: accept it, decline it, ask for time, or
    negotiate."""
    if kind == "negotiate":
        return _negotiate_draft(scenario, option)
    manager = scenario.current.people.manager.strip()
    greeting = f"Hi {manager}," if manager else "Hi,"
    if kind == "accept":
        subject = "Your counteroffer"
        body = (
            "Thank you for the counteroffer, and for the trust it shows. I have thought it over, and "
            f"I am glad to accept it.{_extra(option)} Could we put what we agreed in writing?"
        )
    elif kind == "decline":
        subject = "Your counteroffer"
        body = (
            "Thank you for the counteroffer, and for the care you took over it. After careful "
            f"thought, I have decided not to accept it.{_extra(option)} I am grateful for your "
            "support, and I would like to talk about next steps whenever suits you."
        )
    elif kind == "more_time":
        subject = "Time to think about your counteroffer"
        body = (
            "Thank you for the counteroffer; I am grateful for it, and I want to give it the careful "
            f"thought it deserves. {_ask_for_time(option)}{_extra(option)}"
        )
    else:
        raise ValueError(
            f"A counteroffer is answered, not applied for: '{kind}' does not fit it; use accept, "
            "decline or more_time."
        )
    return f"Subject: {subject}\n\n{greeting}\n\n{body}\n\n{_signature(scenario, 'Thank you')}\n"


def message_draft(scenario: Scenario, option_id: str, kind: str) -> str:
    """A short, grateful, honest message, filled from the scenario. It gives no reason beyond what
    the person wrote themselves (`process.what_to_say`) or entered as a recent change.

    It goes to the person `message_recipient` names: for a counteroffer your manager, in the
    terms of a counteroffer; for an internal role it does not take leave of the employer, since
    you work there."""
    option = scenario.option(option_id)
    if kind not in MESSAGE_KINDS:
        raise ValueError(f"'{kind}' is not a kind of message; pick one of {', '.join(MESSAGE_KINDS)}.")
    if is_counteroffer(option):
        return _counteroffer_draft(scenario, option, kind)
    position = _position(option)
    employer = option.employer.strip() or option.name
    internal = is_internal(option)
    if kind == "tell_manager":
        manager = scenario.current.people.manager.strip()
        return (
            f"Subject: An internal application\n\n"
            f"{'Hi ' + manager + ',' if manager else 'Hi,'}\n\n"
            f"I wanted you to hear it from me first: I have applied for {position}.{_extra(option)} "
            "I would rather you knew now than heard it from someone else, and I am glad to talk "
            "about it whenever suits you.\n\n"
            f"{_signature(scenario, 'Thank you')}\n"
        )
    if kind == "negotiate":
        return _negotiate_draft(scenario, option)
    contact = pick_contact(option)
    greeting = f"Dear {contact.name.strip()}," if contact is not None else "Hello,"
    if kind == "withdraw":
        subject = f"Withdrawing my application for {position}"
        closing = (
            "Thank you again for considering me."
            if internal
            else "Thank you again for your consideration, and I hope our paths cross again."
        )
        body = (
            f"Thank you for the time you and your colleagues have given me in the process for {position}. "
            f"I have decided to withdraw my application.{_extra(option)} I wanted to tell you now rather "
            f"than take up more of your time.\n\n{closing}"
        )
    elif kind == "decline":
        subject = f"Your offer for {position}"
        closing = (
            "I am grateful for the time you and the team gave me."
            if internal
            else f"I am grateful for the time {employer} gave me, and I hope we stay in touch."
        )
        body = (
            f"Thank you for offering me {position}, and for the care you took throughout the process. "
            f"After careful thought, I have decided not to accept it.{_extra(option)}\n\n{closing}"
        )
    elif kind == "accept":
        subject = f"Accepting your offer for {position}"
        body = (
            f"Thank you for offering me {position}. I am delighted to accept it.{_extra(option)} "
            "Could you send me the next steps and the offer in writing, if I do not have it yet?"
        )
    elif kind == "circumstances":
        subject = f"An update from me about {position}"
        body = (
            f"Thank you for your time so far on {position}. I want to be open with you: since we last "
            f"spoke, my circumstances have changed{_changes_in_words(scenario)}.{_extra(option)} "
            "I would rather tell you now than have it surprise you later. Could we talk briefly about "
            "what this means for my application?"
        )
    else:  # more_time
        subject = f"Time to decide about {position}"
        thanks = (
            f"Thank you for the offer of {position}; I am grateful for it."
            if option.stage == "offer"
            else f"Thank you for taking me so far in the process for {position}."
        )
        body = (
            f"{thanks} I want to give my decision the careful thought it deserves. {_ask_for_time(option)}"
            f"{_extra(option)} If that is difficult on your side, please tell me and I will do my best to fit in."
        )
    return f"Subject: {subject}\n\n{greeting}\n\n{body}\n\n{_signature(scenario, 'Best regards')}\n"


def message_text(scenario: Scenario, option_id: str, kind: str) -> str:
    """The message as the person last left it: their edited draft, or the draft from the scenario."""
    saved = scenario.option(option_id).process.drafts.get(kind)  # type: ignore[call-overload]
    return saved if saved is not None else message_draft(scenario, option_id, kind)


def message_recipient(scenario: Scenario, option_id: str, kind: str) -> str:
    """Who the message is for, in words: by name wherever a name is recorded. Your manager for a
    counteroffer and for telling them of an internal application; otherwise the process's contact
    (core.tracking.pick_contact); without any name, who to add and where."""
    option = scenario.option(option_id)
    manager = scenario.current.people.manager.strip()
    if kind == "tell_manager" or is_counteroffer(option):
        return f"{manager} (your manager)" if manager else "your manager (add their name on Current role)"
    contact = pick_contact(option)
    if contact is None:
        where = (
            "your employer's hiring manager"
            if is_internal(option)
            else f"your contact at {option.employer.strip() or option.name}"
        )
        return f"{where} (add their name under Contacts on the Pipeline page)"
    return f"{contact.name.strip()} ({contact.role})"


# The decision summary ------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    """Plain text as a Markdown table cell: on one line, its | and any markup escaped."""
    return markdown_escape(" ".join(text.splitlines()))


def decision_summary(
    scenario: Scenario,
    today: date,
    p_beats_staying: Mapping[str, float] | None = None,
    p_first: Mapping[str, float] | None = None,
) -> str:
    """The decision on one page of Markdown: the ranking (with the uncertainty analysis's figures
    where given), the recommendation per open process with its reasons, pros and cons, the next
    steps, and why you started looking. `p_beats_staying` and `p_first` map option ids (and, for
    `p_first`, core.model.STAYING_ID) to probabilities."""
    md = markdown_escape
    lines = [f"# Decision summary: {md(scenario.name)}", "", f"Written on {today.isoformat()}.", ""]
    try:
        c = compare(scenario)
    except ScenarioNotReady as e:
        return "\n".join([*lines, md(str(e)), ""])
    p_beats, p_top = p_beats_staying or {}, p_first or {}
    robust = bool(p_beats or p_top)
    lines += ["## Ranking", ""]
    head = "| Rank | Option | Score (out of 10) | Vs staying |"
    rule = "|---|---|---|---|"
    if robust:
        head += " Beats staying | Ranked first |"
        rule += "---|---|"
    lines += [head, rule]
    for r in ranking(c):
        alternative = r.standing.alternative
        row = f"| {r.rank} | {_cell(alternative.label)} | {r.score} | {r.vs_staying} |"
        if robust:
            pb = None if alternative.is_staying else p_beats.get(alternative.id)
            pf = p_top.get(alternative.id)
            row += f" {'—' if pb is None else f'{pb:.0%}'} | {'—' if pf is None else f'{pf:.0%}'} |"
        lines.append(row)
    lines += ["", md(verdict(c)), ""]
    if robust:
        lines += [
            "Beats staying and ranked first: the share of the uncertainty analysis's draws, where "
            "ratings vary within their ranges and weights as set.",
            "",
        ]
    looking = since_you_started_looking(scenario)
    if looking:
        # the question the decision turns on: did what changed resolve why you started looking?
        lines += ["## Since you started looking", "", *(f"- {md(line)}" for line in looking), ""]
    lines += ["## Keep interviewing?", "", DECISION_IS_YOURS, ""]
    advice = advise_all(scenario, c, p_beats)
    if not advice:
        lines += ["No process is open.", ""]
    for a in advice:
        lines += [f"### {md(a.label)}: {a.title.lower()}", "", *(f"- {md(r)}" for r in a.reasons), ""]
    for pair in offers_and_counteroffers(scenario, c):
        lines += ["## Offer or counteroffer", "", *(f"- {md(x)}" for x in pair.sentences), ""]
    due = [
        s for s in statuses(scenario, today) if s.is_open and (s.next_step or s.next_step_on or s.decide_by)
    ]
    if due:
        lines += ["## Next steps", ""]
        for s in due:
            if s.next_step or s.next_step_on:
                when = f" ({s.next_step_on.isoformat()}, {s.due_text})" if s.next_step_on else ""
                lines.append(f"- {md(s.label)}: {md(s.next_step) if s.next_step else 'next step'}{when}")
            if s.decide_by is not None:
                lines.append(
                    f"- {md(s.label)}: your answer is due (answer by {s.decide_by.isoformat()}, {s.answer_by_text})"
                )
        lines.append("")
    lines += ["## Pros and cons against staying", ""]
    for i in c.options_best_first:
        lines += [
            f"### {md(c.alternatives[i].label)}",
            "",
            pros_and_cons_markdown(pros_and_cons(scenario, c, i)),
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":  # python -m core.advice --rules-table: the table for docs/advice.md
    import sys

    if sys.argv[1:] == ["--rules-table"]:
        print(rules_table())
