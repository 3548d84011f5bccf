"""Weighted multi-criteria scores for every option, with staying put as the reference.

The method is a plain weighted sum (simple additive weighting) on a 0-10 scale:

    total(option) = sum_k  w_k * s_k(option),   w_k = weight_k / sum_j weight_j

Ratings are already 0-10 and are used as they are. Pay goes through an explicit value function
relative to the current role (`pay_score`), never through scaling across the options listed, so an
option's score depends only on that option, the current role and the weights: adding or removing an
offer can never change another option's score or reorder the others (no rank reversal).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

import numpy as np

from core.decision.matrix import TIE_TOLERANCE, DecisionMatrix, Standing
from core.decision.weights import weight_percentages
from core.model.scenario import STAYING_ID, Scenario
from core.money.compensation import Projection, project
from core.text import and_list

if TYPE_CHECKING:
    import pandas as pd


class ScenarioNotReady(ValueError):
    """The scenario can't be scored yet; the message says what the person should change."""


def pay_score(pay: float | np.ndarray, current_pay: float, raise_for_10: float, cut_for_0: float):
    """Score pay on 0-10 relative to the current role's pay.

    Same pay as now scores 5; a raise of `raise_for_10` % scores 10; a cut of `cut_for_0` % scores
    0; linear on each side and clipped to 0-10.

    >>> pay_score(130_000, 100_000, 30, 30)
    10.0
    >>> pay_score(115_000, 100_000, 30, 30)
    7.5
    """
    if current_pay <= 0:
        raise ScenarioNotReady(
            "Your current role has no pay entered. Pay scores are measured against it: "
            "enter your current base salary on the Current role page."
        )
    # One division, of the difference by the change that scores 10 (or 0): exact where the
    # numbers are (15,000 on 100,000 at 30% is 7.5, not 7.499999999999998).
    difference = np.asarray(pay, dtype=float) - current_pay
    score = np.where(
        difference >= 0,
        5.0 + 5.0 * difference * 100.0 / (current_pay * raise_for_10),
        5.0 + 5.0 * difference * 100.0 / (current_pay * cut_for_0),
    )
    score = np.clip(score, 0.0, 10.0)
    return float(score) if score.ndim == 0 else score


def compare(scenario: Scenario) -> DecisionMatrix:
    """Score staying put and every option. Raises ScenarioNotReady with an actionable message."""
    if not scenario.options:
        raise ScenarioNotReady(
            "There is nothing to compare with staying yet: add an offer or a prospect on the Offers page."
        )
    raw_weights = np.array([c.weight for c in scenario.criteria], dtype=float)
    if raw_weights.sum() <= 0:
        raise ScenarioNotReady(
            "Every priority is set to 0, so nothing counts. Raise at least one slider on the Priorities page."
        )
    alternatives, jobs = scenario.alternatives, scenario.jobs()
    n, m = len(alternatives), len(scenario.criteria)
    projection = _projection(scenario)
    raw = np.empty((n, m))
    scores = np.empty((n, m))
    for k, crit in enumerate(scenario.criteria):
        if crit.kind == "pay":
            pays = pay_values(scenario, projection)
            raw[:, k] = [pays[a.id] for a in alternatives]
            scores[:, k] = pay_score(
                raw[:, k], pays[STAYING_ID], scenario.pay_scale.raise_for_10, scenario.pay_scale.cut_for_0
            )
        else:
            raw[:, k] = [jobs[a.id].ratings[crit.id] for a in alternatives]
            scores[:, k] = raw[:, k]
    return DecisionMatrix(
        alternatives=alternatives,
        criteria=tuple(scenario.criteria),
        raw=raw,
        scores=scores,
        currency=scenario.currency,
        projection=projection,
    )


def _projection(scenario: Scenario) -> Projection:
    """Money taking each option now; a tax the library can't work out or an exchange rate missing
    is a ScenarioNotReady, whose message says what to enter (pages show it in place of scores)."""
    from core.money.currency import RateMissing
    from core.money.tax import TaxNotCovered

    try:
        return project(scenario, leave_month=0)
    except (TaxNotCovered, RateMissing) as problem:
        raise ScenarioNotReady(str(problem)) from problem


def pay_values(scenario: Scenario, projection: Projection | None = None) -> dict[str, float]:
    """The yearly pay figure the pay criterion scores, by alternative id (`STAYING_ID` for staying): the
    measure the person chose (docs/methods.md), each option taken now (leaving at month 0)."""
    projection = projection if projection is not None else _projection(scenario)
    values = projection.pay_measure(scenario.money.pay_measure)
    pays = {a.id: float(values[row]) for row, a in enumerate(projection.alternatives)}
    if pays[STAYING_ID] <= 0:
        raise ScenarioNotReady(
            "Your current role has no pay entered (or its costs outweigh it). Pay scores are measured "
            "against it: enter your current base salary on the Current role page."
        )
    return pays


def weight_shares(scenario: Scenario) -> dict[str, float]:
    """Each criterion's share of the decision in percent, by criterion id (all 0 when every
    weight is 0): `core.decision.weights.weight_percentages` of the scenario's weights."""
    return weight_percentages({c.id: c.weight for c in scenario.criteria})


# Words -------------------------------------------------------------------------------------------

# A criterion moves the verdict when it accounts for at least this many points of the difference.
NOTABLE_POINTS = 0.05


def format_score(x: float, places: int = 1) -> str:
    """A score as people round it: half away from zero, after removing floating-point dust
    (5.35 computed as 5.3499999999 still shows 5.4)."""
    d = Decimal(repr(round(float(x), 9))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{d:.{places}f}"


def format_points(x: float) -> str:
    """A difference in points, without sign: one decimal, or two when one would show 0.0."""
    x = abs(float(x))
    return format_score(x, 2) if 0 < round(x, 9) < 0.05 else format_score(x)


def _lower_first(name: str) -> str:
    if len(name) > 1 and name[1].isupper():  # an acronym such as "WLB"
        return name
    return name[:1].lower() + name[1:]


def _join(names: list[str]) -> str:
    return and_list([_lower_first(n) for n in names])


def explain_option(comparison: DecisionMatrix, i: int) -> str:
    """One sentence on how option row `i` compares with staying, and which criteria drive it."""
    diff = float(comparison.diff_vs_staying[i])
    by_crit = comparison.contribution_vs_staying[i]
    names = [c.name for c in comparison.criteria]
    gains = [names[k] for k in np.argsort(-by_crit) if by_crit[k] >= NOTABLE_POINTS][:2]
    losses = [names[k] for k in np.argsort(by_crit) if by_crit[k] <= -NOTABLE_POINTS][:2]
    label = comparison.alternatives[i].label
    if abs(diff) <= TIE_TOLERANCE:
        text = f"{label} ties with staying"
        if gains and losses:
            text += f": it gains on {_join(gains)} what it loses on {_join(losses)}"
        return text + "."
    if diff > 0:
        text = f"{label} beats staying by {format_points(diff)} points"
        if gains:
            text += f", driven by {_join(gains)}"
        if losses:
            text += f"; it loses on {_join(losses)}"
        return text + "."
    text = f"{label} falls short of staying by {format_points(diff)} points"
    if losses:
        text += f", mostly on {_join(losses)}"
    if gains:
        text += f"; it is better on {_join(gains)}"
    return text + "."


def verdict(comparison: DecisionMatrix) -> str:
    """The one-line answer: what comes out on top, by how much, and why."""
    order = comparison.order
    top = order[0]
    top_ties = [top, *comparison.tied_with(top)]
    if len(top_ties) > 1:
        tied_labels = [comparison.alternatives[i].label for i in sorted(top_ties)]
        head = f"It's a tie at the top: {and_list(tied_labels)} score {format_score(comparison.totals[top])} each."
        if comparison.staying in top_ties:
            return head + " Staying is as good as the best option on these priorities."
        return head + " " + explain_option(comparison, top)
    if top != comparison.staying:
        return explain_option(comparison, top)
    runner_up = comparison.options_best_first[0]
    return f"Staying comes out on top. The closest option: {explain_option(comparison, runner_up)}"


@dataclass(frozen=True)
class RankingRow:
    """One line of the ranking as every ranking table writes it (the command line's report and the
    decision summary): the figures as words."""

    standing: Standing
    rank: str  # "2", or "2=" when tied
    score: str  # the total, one decimal
    vs_staying: str  # "+1.2", "−0.3", and "—" for staying itself


def ranking(comparison: DecisionMatrix, minus: str = "−") -> list[RankingRow]:
    """Every alternative best first, as the ranking tables write it. `minus` is the sign of a score below
    staying's: the typographic "−" for the page and the summary, the plain "-" for the command line's report,
    which a terminal or a script reading it may not take in anything but ASCII."""
    rows = []
    for standing in comparison.standings():
        diff, sign = standing.vs_staying, "+" if standing.vs_staying >= 0 else minus
        vs = "—" if standing.alternative.is_staying else f"{sign}{format_points(diff)}"
        rows.append(
            RankingRow(
                standing=standing,
                rank=f"{standing.rank}{'=' if standing.tied else ''}",
                score=format_score(standing.total),
                vs_staying=vs,
            )
        )
    return rows


# Tables --------------------------------------------------------------------------------------------


def comparison_table(comparison: DecisionMatrix) -> pd.DataFrame:
    """One row per alternative (in the matrix's order: staying first), every criterion's raw value, score, weight and
    weighted contribution, then the total, rank and difference from staying.

    This is the table the Compare page shows, the CSV holds and the command line prints.
    """
    import pandas as pd

    c = comparison
    rows = []
    for i, alternative in enumerate(c.alternatives):
        row: dict[str, object] = {"Option": alternative.label, "Kind": alternative.kind}
        for k, criterion in enumerate(c.criteria):
            name, is_pay = criterion.name, criterion.kind == "pay"
            row[f"{name}: value"] = round(float(c.raw[i, k]), 2 if is_pay else 4)
            row[f"{name}: score"] = round(float(c.scores[i, k]), 4)
            row[f"{name}: weight %"] = round(100 * float(c.weights[k]), 4)
            row[f"{name}: points"] = round(float(c.contributions[i, k]), 4)
        if c.money is not None:
            for column in c.money.columns[1:]:
                value = c.money.iloc[i][column]
                if isinstance(value, str):  # words, such as the break-even in words
                    row[f"Money: {column.lower()}"] = value
                else:
                    row[f"Money: {column.lower()}"] = None if pd.isna(value) else float(value)
        row["Total score"] = round(float(c.totals[i]), 4)
        row["Rank"] = int(c.ranks[i])
        row["Tied"] = bool(c.tied_with(i))
        row["Vs staying"] = round(float(c.diff_vs_staying[i]), 4)
        rows.append(row)
    return pd.DataFrame(rows)


def compact_table(comparison: DecisionMatrix) -> pd.DataFrame:
    """What the Compare page's table shows: per option the total, rank, difference from staying,
    the points each criterion adds, and the average year of money. The CSV has everything."""
    import pandas as pd

    c = comparison
    table = pd.DataFrame(
        {
            "Option": [a.label for a in c.alternatives],
            "Kind": [a.kind for a in c.alternatives],
            "Total": c.totals.round(4),
            "Rank": c.ranks.astype(int),
            "Vs staying": c.diff_vs_staying.round(4),
        }
    )
    for k, criterion in enumerate(c.criteria):
        table[f"{criterion.name} (points)"] = c.contributions[:, k].round(4)
    if c.money is not None:
        table["Money: average year"] = c.money["Average year"].to_numpy()
    return table.iloc[c.order].reset_index(drop=True)
