"""From a scenario to the ranges the uncertainty analysis draws from.

Every score gets a low, most likely and high value on the 0-10 scale:

- A rated criterion uses the rating's range when one is given (stretched to include the rating if
  the rating has since moved outside it). An option's rating without a range gets the scenario's
  default spread, ± `robustness.default_spread` points, clipped to 0-10: a rating after two
  interviews is rarely exact, and the page shows every range used, so the width is never hidden.
  The current role's ratings are taken as known unless you give a range.
- Pay is scored at its expected value, and again with every job's bonus payout and share-price
  change at the low ends and at the high ends of their ranges (where given). Staying's expected pay
  stays the reference, so staying's pay score is 5 in every draw. A job paid in another currency
  is converted, at the low end, at the lowest ECB reference rate of the year to the rate date, and
  at the high end at the highest (exchange-rate risk); a rate you entered is taken as known.

`robustness_inputs()` returns the matrices and the weight settings `core.decision.smaa.smaa` takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from core.decision.matrix import DecisionMatrix
from core.decision.methods import matrix_arguments
from core.decision.scoring import pay_score
from core.decision.sensitivity import WeightSensitivity, sensitivity_for
from core.decision.smaa import SMAAResult, smaa
from core.model.scenario import STAYING_ID, Pay, Scenario
from core.money.compensation import project
from core.money.currency import rate_range
from core.shown import percent

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class RobustnessInputs:
    low: np.ndarray  # (alternatives, criteria) 0-10
    likely: np.ndarray
    high: np.ndarray
    concentration: float  # Dirichlet concentration for weights "around" the sliders

    def ranges_table(self, comparison: DecisionMatrix) -> pd.DataFrame:
        """The ranges as a person reads them: 'low – likely – high' per option and criterion."""
        import pandas as pd

        rows = []
        for i, alternative in enumerate(comparison.alternatives):
            row = {"Option": alternative.label}
            for k, criterion in enumerate(comparison.criteria):
                lo, mid, hi = self.low[i, k], self.likely[i, k], self.high[i, k]
                row[criterion.name] = f"{mid:.1f}" if hi - lo < 1e-9 else f"{lo:.1f} – {mid:.1f} – {hi:.1f}"
            rows.append(row)
        return pd.DataFrame(rows)


def concentration_for(spread: float) -> float:
    """The Dirichlet concentration whose draws wander about `spread` (a share of the decision for
    a criterion near half of it) around the sliders: c = 1/spread² − 1."""
    return max(1.0, 1.0 / spread**2 - 1.0)


def _with_ends(pay: Pay, end: str) -> Pay:
    update = {}
    if end == "low":
        if pay.bonus_payout_low_pct is not None:
            update["bonus_payout_pct"] = pay.bonus_payout_low_pct
        if pay.share_price_change_low_pct is not None:
            update["share_price_change_pct"] = pay.share_price_change_low_pct
    else:
        if pay.bonus_payout_high_pct is not None:
            update["bonus_payout_pct"] = pay.bonus_payout_high_pct
        if pay.share_price_change_high_pct is not None:
            update["share_price_change_pct"] = pay.share_price_change_high_pct
    return pay.model_copy(update=update) if update else pay


def _rates_at(scenario: Scenario, end: str) -> dict[str, float]:
    """Exchange-rate risk: each job currency's lowest (or highest) ECB reference rate into the
    comparison currency in the year to the rate date; a rate the person entered is kept."""
    target = scenario.comparison_currency
    overrides = dict(scenario.money.rate_overrides)
    if target is None:
        return overrides
    on = scenario.money.rate_date or scenario.money.start
    for job in [scenario.current, *scenario.options]:
        code = job.currency
        if code is None or code == target or code in overrides:
            continue
        low, high = rate_range(code, target, on)
        overrides[code] = low if end == "low" else high
    return overrides


def _scenario_at(scenario: Scenario, end: str) -> Scenario:
    current = scenario.current.model_copy(update={"pay": _with_ends(scenario.current.pay, end)})
    options = [o.model_copy(update={"pay": _with_ends(o.pay, end)}) for o in scenario.options]
    money = scenario.money.model_copy(update={"rate_overrides": _rates_at(scenario, end)})
    return scenario.model_copy(update={"current": current, "options": options, "money": money})


def robustness_inputs(scenario: Scenario, comparison: DecisionMatrix) -> RobustnessInputs:
    likely = comparison.scores.copy()
    low, high = likely.copy(), likely.copy()
    staying = comparison.staying
    jobs = {STAYING_ID: scenario.current, **{o.id: o for o in scenario.options}}
    spread = scenario.robustness.default_spread
    for k, criterion in enumerate(comparison.criteria):
        if criterion.kind == "pay":
            measure = scenario.money.pay_measure
            reference = comparison.raw[staying, k]
            scale = scenario.pay_scale
            for end, target in (("low", low), ("high", high)):
                projection = project(_scenario_at(scenario, end), leave_month=0)
                pays = projection.pay_measure(measure)[
                    [projection.row_of(a.id) for a in comparison.alternatives]
                ]
                target[:, k] = pay_score(pays, reference, scale.raise_for_10, scale.cut_for_0)
            target_low, target_high = np.minimum(low[:, k], high[:, k]), np.maximum(low[:, k], high[:, k])
            low[:, k] = np.minimum(target_low, likely[:, k])
            high[:, k] = np.maximum(target_high, likely[:, k])
            low[staying, k] = high[staying, k] = likely[staying, k]
            continue
        for i, alternative in enumerate(comparison.alternatives):
            rating = likely[i, k]
            span = jobs[alternative.id].rating_ranges.get(criterion.id)
            if span is not None:
                low[i, k], high[i, k] = min(span.low, rating), max(span.high, rating)
            elif not alternative.is_staying:
                low[i, k], high[i, k] = max(0.0, rating - spread), min(10.0, rating + spread)
    return RobustnessInputs(
        low=low,
        likely=likely,
        high=high,
        concentration=concentration_for(scenario.robustness.weight_spread),
    )


def smaa_arguments(
    scenario: Scenario, comparison: DecisionMatrix, inputs: RobustnessInputs | None = None
) -> dict[str, Any]:
    """Everything `core.decision.smaa.smaa` is given for this scenario: the matrix's scores, weights
    and names, the ranges, and the scenario's own settings (draws, seed, how weights vary). The
    one place the analysis is set up: `analyse` runs it, and the app caches a run on these."""
    inputs = inputs or robustness_inputs(scenario, comparison)
    settings = scenario.robustness
    return {
        **matrix_arguments(comparison),
        "low": inputs.low,
        "high": inputs.high,
        "weight_mode": settings.weight_mode,
        "concentration": inputs.concentration,
        "draws": settings.draws,
        "seed": settings.seed,
    }


def analyse(
    scenario: Scenario, comparison: DecisionMatrix, inputs: RobustnessInputs | None = None
) -> SMAAResult:
    """The Monte Carlo analysis with the scenario's own settings (`smaa_arguments`)."""
    return smaa(**smaa_arguments(scenario, comparison, inputs))


def probabilities(
    comparison: DecisionMatrix, result: SMAAResult
) -> tuple[dict[str, float], dict[str, float]]:
    """(probability of beating staying per option id, probability of ranking first per id,
    staying included as `STAYING_ID`), as the advice and the summary take them."""
    alternatives = comparison.alternatives
    beats = {a.id: float(result.p_beats_staying[i]) for i, a in enumerate(alternatives) if not a.is_staying}
    first = {a.id: float(result.p_first[i]) for i, a in enumerate(alternatives)}
    return beats, first


def _pct(share: float) -> str:
    return percent(share)  # never "-0.0%" (core.shown)


def flip_sentences(sensitivity: WeightSensitivity) -> tuple[str, str]:
    """In words: the smallest weight change that puts another option first, and the smallest that
    changes whether the best offer beats staying."""
    s = sensitivity
    labels, names = s.labels, s.criterion_names
    critical = s.critical()
    if critical is None:
        top = (
            f"{labels[s.top]} stays on top whatever weight any one criterion gets (the others "
            "rescaled in proportion)."
        )
    else:
        top = (
            f"{labels[s.top]} is on top now. The smallest single change that puts another option first: "
            f"{names[critical.criterion]} from {_pct(critical.current)} to {_pct(critical.threshold)} of "
            f"the decision, and {labels[critical.after]} takes over."
        )
    flip = s.critical_offer()
    if flip is None:
        offer = (
            "Whether the best offer beats staying does not change with any one weight: "
            f"{'an offer beats staying' if s.offer_ahead else 'staying beats every offer'} at any weight."
        )
    elif s.offer_ahead:
        offer = (
            f"Staying would beat every offer if {names[flip.criterion]} went from {_pct(flip.current)} "
            f"to {_pct(flip.threshold)}."
        )
    else:
        offer = (
            f"{labels[flip.after]} would beat staying if {names[flip.criterion]} went from "
            f"{_pct(flip.current)} to {_pct(flip.threshold)}."
        )
    return top, offer


def robustness_report(scenario: Scenario, comparison: DecisionMatrix) -> dict[str, object]:
    """The figures `stay-or-go report` gives: flip thresholds and the Monte Carlo shares."""
    sens = sensitivity_for(comparison)
    result = analyse(scenario, comparison)
    top, offer = flip_sentences(sens)
    critical = sens.critical()
    critical_offer = sens.critical_offer()

    def flip(f):
        if f is None:
            return None
        return {
            "criterion": sens.criterion_names[f.criterion],
            "weight_now_pct": round(100 * f.current, 2),
            "flips_at_pct": round(100 * f.threshold, 2),
            "then_first": sens.labels[f.after],
        }

    labels = [a.label for a in comparison.alternatives]
    names = [c.name for c in comparison.criteria]

    def pct(share: float) -> float | None:
        return None if np.isnan(share) else round(100 * float(share), 2)

    flip_table = [
        {
            "criterion": names[k],
            "weight_now_pct": round(100 * float(sens.weights[k]), 2),
            "first_now": labels[sens.top],
            "stays_first_from_pct": pct(sens.top_low[k]),
            "stays_first_to_pct": pct(sens.top_high[k]),
            "below_that_first": None if np.isnan(sens.flip_down[k]) else labels[sens.takes_over_down[k]],
            "above_that_first": None if np.isnan(sens.flip_up[k]) else labels[sens.takes_over_up[k]],
        }
        for k in range(len(names))
    ]
    central = {
        labels[i]: None
        if np.isnan(result.central_weights[i]).any()
        else {names[k]: round(float(result.central_weights[i, k]), 4) for k in range(len(names))}
        for i in range(len(labels))
    }
    return {
        "top_flip": top,
        "offer_flip": offer,
        "critical_weight_change": flip(critical),
        "critical_offer_weight_change": flip(critical_offer),
        "flip_table": flip_table,
        "draws": result.draws,
        "seed": result.seed,
        "weight_mode": result.weight_mode,
        "probability_first": {
            a.label: round(float(result.p_first[i]), 4) for i, a in enumerate(comparison.alternatives)
        },
        "probability_beats_staying": {
            a.label: round(float(result.p_beats_staying[i]), 4)
            for i, a in enumerate(comparison.alternatives)
            if not a.is_staying
        },
        "rank_acceptability": {
            labels[i]: [round(float(share), 4) for share in result.rank_acceptability[i]]
            for i in range(len(labels))
        },
        "central_weights": central,
        "ahp": ahp_report(scenario),
    }


def ahp_report(scenario: Scenario) -> dict[str, object] | None:
    """The weights the pairwise judgements give (AHP, as on How sure) and their consistency
    ratio, or None when no judgement has been made."""
    if not scenario.pairwise or len(scenario.criteria) < 2:
        return None
    from core.decision.ahp import ahp_weights, pairwise_matrix

    index = {c.id: k for k, c in enumerate(scenario.criteria)}
    judgements = {}
    for pair, value in scenario.pairwise.items():
        a, _, b = pair.partition("|")
        i, j = index[a], index[b]
        judgements[(i, j) if i < j else (j, i)] = value if i < j else 1 / value
    result = ahp_weights(pairwise_matrix(len(index), judgements), [c.name for c in scenario.criteria])
    return {
        "weights": {
            name: round(float(w), 4) for name, w in zip(result.names, result.priorities, strict=True)
        },
        "consistency_ratio": round(float(result.cr), 4),
        "consistent": not result.inconsistent,
        "judgements": dict(scenario.pairwise),
    }
