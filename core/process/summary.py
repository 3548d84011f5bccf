"""The comparison in words: pros and cons per option, what staying already gives beside what the
best option adds, an offer beside its counteroffer, and the decision summary in Markdown.

The functions that write Markdown (`*_markdown`, `decision_summary`) escape what they put into it
with core.text.markdown_escape, so a name such as "**Globex**" shows as typed. Pure: today's date
is an argument.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np

from core.decision.matrix import DecisionMatrix
from core.decision.scoring import (
    NOTABLE_POINTS,
    ScenarioNotReady,
    compare,
    format_points,
    format_score,
    ranking,
    verdict,
)
from core.model.pipeline import (
    SATISFACTION_NAMES,
)
from core.model.scenario import Scenario
from core.process.looking import (
    open_reasons,
    reasons_for_looking,
    recent_changes_in_words,
    since_you_started_looking,
)
from core.process.rules import DECISION_IS_YOURS, advise_all
from core.process.tracking import is_counteroffer, statuses
from core.shown import money, weekday
from core.text import and_list, markdown_escape

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
    for crit, name in open_reasons(scenario):
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
    for crit, name in open_reasons(scenario):
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
    `p_first`, core.model.scenario.STAYING_ID) to probabilities."""
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
