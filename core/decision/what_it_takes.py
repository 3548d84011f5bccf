"""What it would take: the number to ask for in a negotiation, or from your manager.

- `base_to_tie(scenario, option_id)`: the base salary at which an option's total score ties
  staying's;
- `base_to_be_best(scenario, option_id)`: the base at which it comes out on top, alone;
- `sign_on_to_cover(scenario, option_id)`: the sign-on that, after tax, covers the cost of leaving
  the current role at the chosen month;
- `raise_to_stay(scenario)`: the base (a counteroffer) at which staying comes out on top, alone.

Each is solved exactly on the model (core.decision.scoring, core.money.compensation, tax included), by bisection
on whole units of money: the answer A is the smallest whole amount for which the statement holds,
checked by re-running the model at A (it holds) and at A - 1 (it does not). Where even the largest
amount the model allows would not do it, the answer says "no amount would"; where the amount
offered already does, it says so. Every total only grows with the amount solved for (a pay score
rises with pay and stops at 10; a raise for staying lowers every option's pay score), which is
what makes bisection exact here.

Pure: no streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import pandas as pd

from core.decision.scoring import TIE_TOLERANCE, compare
from core.model.fields import MAX_MONEY
from core.model.scenario import CONTINUING_OPTION_KINDS, STAYING_ID, Option, Scenario
from core.money.compensation import project
from core.money.currency import money_in as money

PRECISION = 1.0  # answers are whole units of the comparison currency


@dataclass(frozen=True)
class WhatItTakes:
    """One answer: `amount` (None: no amount would), what is offered now, and the checks."""

    question: str  # "base to tie staying", "base to be best", "sign-on to cover leaving", "raise to stay"
    option_id: str  # STAYING_ID for the raise
    label: str
    amount: float | None
    now: float  # the amount offered or paid now
    already: bool  # what is offered now already does it
    holds_at_amount: bool  # re-run at `amount`: the statement holds
    fails_just_below: bool  # re-run at `amount` - PRECISION: it does not
    text: str

    def as_dict(self) -> dict[str, object]:
        return {
            "question": self.question,
            "option_id": self.option_id,
            "option": self.label,
            "amount": self.amount,
            "now": self.now,
            "already": self.already,
            "precision": PRECISION,
            "checked": self.holds_at_amount and (self.fails_just_below or self.already),
            "text": self.text,
        }


def smallest_amount(holds: Callable[[float], bool], low: float, high: float) -> float | None:
    """The smallest whole amount in [low, high] for which `holds` (non-decreasing: once it holds it
    keeps holding) is true; `low` itself when it holds there; None when it fails even at `high`.

    >>> smallest_amount(lambda x: x * x >= 2_000_000, 0, 10_000)
    1415
    """
    lo, hi = math.floor(low), math.ceil(high)
    if holds(lo):
        return lo
    if not holds(hi):
        return None
    while hi - lo > PRECISION:  # holds(hi), not holds(lo)
        mid = (lo + hi) // 2
        if holds(mid):
            hi = mid
        else:
            lo = mid
    return hi


def _with_pay(scenario: Scenario, option_id: str, **pay) -> Scenario:
    """`scenario` with only staying and `option_id`, whose pay has `pay` changed (not
    re-validated: the amounts come from the solver, within the model's bounds)."""
    option = scenario.option(option_id)
    changed = option.model_copy(update={"pay": option.pay.model_copy(update=pay)})
    return scenario.model_copy(update={"options": [changed]})


def _total_with_pay(scenario: Scenario, option_id: str, **pay) -> float:
    """`option_id`'s total score with `pay` changed (scored against staying alone)."""
    m = compare(_with_pay(scenario, option_id, **pay))
    return float(m.totals[m.row_of(option_id)])


def _totals_without(scenario: Scenario, option_id: str) -> tuple[float, float]:
    """Staying's total and the best total of everyone but `option_id`."""
    comparison = compare(scenario)
    k = comparison.row_of(option_id)
    others = [t for j, t in enumerate(comparison.totals) if j != k]
    return float(comparison.totals[comparison.staying]), max(others)


def _answer(question, option_id, label, amount, now, holds, phrase, floor: float = 0.0) -> WhatItTakes:
    cur = None
    if amount is None:
        text = f"No {phrase['what']} would {phrase['do']}{phrase['why']}."
        return WhatItTakes(question, option_id, label, None, now, False, False, False, text)
    already = amount <= math.floor(now)
    at, below = holds(amount), (not holds(amount - PRECISION)) if amount - PRECISION >= floor else True
    cur = phrase["currency"]
    if already:
        text = f"{phrase['What']} of {money(now, cur)}, as now, already {phrase['does']} for {label}"
        text += f"; as little as {money(amount, cur)} would." if amount > 0 else "."
    else:
        text = (
            f"{phrase['What']} of {money(amount, cur)} would {phrase['do']} "
            f"({money(amount - now, cur)} more than the {money(now, cur)} now)."
        )
    return WhatItTakes(question, option_id, label, float(amount), now, already, at, below, text)


def paid_in(scenario: Scenario, job) -> str:
    """The currency a job's amounts are entered in: its own, or the scenario's."""
    return job.currency or scenario.currency


def base_to_tie(scenario: Scenario, option_id: str) -> WhatItTakes:
    """The base salary at which `option_id`'s total score reaches staying's (a tie or better)."""
    option = scenario.option(option_id)
    staying, _ = _totals_without(scenario, option_id)

    def holds(base: float) -> bool:
        return bool(_total_with_pay(scenario, option_id, base=base) >= staying - TIE_TOLERANCE)

    amount = smallest_amount(holds, 0, MAX_MONEY)
    phrase = {
        "what": "base salary",
        "What": "A base salary",
        "do": f"bring {option.name} level with staying",
        "does": "ties or beats staying",
        "why": ": its other criteria leave it behind staying even with pay scoring 10",
        "currency": paid_in(scenario, option),
    }
    return _answer("base to tie staying", option_id, option.name, amount, option.pay.base, holds, phrase)


def base_to_be_best(scenario: Scenario, option_id: str) -> WhatItTakes:
    """The base salary at which `option_id` comes out on top, ahead of staying and every other
    option (not tied)."""
    option = scenario.option(option_id)
    _, best_other = _totals_without(scenario, option_id)

    def holds(base: float) -> bool:
        return bool(_total_with_pay(scenario, option_id, base=base) > best_other + TIE_TOLERANCE)

    amount = smallest_amount(holds, 0, MAX_MONEY)
    phrase = {
        "what": "base salary",
        "What": "A base salary",
        "do": f"make {option.name} the best option",
        "does": "makes it the best option",
        "why": ": its other criteria leave it behind even with pay scoring 10",
        "currency": paid_in(scenario, option),
    }
    return _answer("base to be best", option_id, option.name, amount, option.pay.base, holds, phrase)


def _nothing_to_cover(option: Option, text: str) -> WhatItTakes:
    """No sign-on needed: `text` says why."""
    return WhatItTakes(
        "sign-on to cover leaving", option.id, option.name, 0.0, option.pay.sign_on, True, True, True, text
    )


def sign_on_to_cover(scenario: Scenario, option_id: str, leave_month: int | None = None) -> WhatItTakes:
    """The sign-on (in the option's currency) whose value after tax and cost of living covers
    what leaving the current role at `leave_month` (default: the scenario's) forfeits, after tax
    and cost of living. A sign-on under a clawback still counts: it is paid."""
    option = scenario.option(option_id)
    if option.kind in CONTINUING_OPTION_KINDS:  # the same employer: leaving forfeits nothing
        return _nothing_to_cover(
            option, f"{option.name} is with your current employer: moving to it forfeits nothing to cover."
        )
    base = project(scenario, leave_month)
    need = base.forfeit.total_after_tax
    if need <= 0.005:  # nothing forfeited: "a sign-on of $0 already covers it" says nothing
        return _nothing_to_cover(
            option,
            f"Leaving your current role at month {base.leave_month} costs nothing: {option.name} needs no "
            "sign-on to cover it.",
        )

    def value(sign_on: float) -> float:
        """The option's money over the horizon, after tax and cost of living, with this sign-on."""
        projection = project(_with_pay(scenario, option_id, sign_on=sign_on), leave_month)
        return float(projection.adjusted[projection.row_of(option_id)].sum())

    without = value(0.0)

    def holds(sign_on: float) -> bool:
        with_it = value(sign_on)
        return bool(with_it - without >= need - 0.005)

    amount = smallest_amount(holds, 0, MAX_MONEY)
    phrase = {
        "what": "sign-on",
        "What": "A sign-on",
        "do": f"cover the {money(need, scenario.currency)} that leaving at month {base.leave_month} costs",
        "does": "covers the cost of leaving",
        "why": "",
        "currency": paid_in(scenario, option),
    }
    return _answer(
        "sign-on to cover leaving", option_id, option.name, amount, option.pay.sign_on, holds, phrase
    )


def raise_to_stay(scenario: Scenario) -> WhatItTakes:
    """The base salary in the current role (a raise, or a counteroffer) at which staying comes out
    on top, ahead of every option (not tied). Raising it lowers every option's pay score."""
    current = scenario.current

    def with_base(base: float) -> Scenario:
        pay = current.pay.model_copy(update={"base": base})
        return scenario.model_copy(update={"current": current.model_copy(update={"pay": pay})})

    def holds(base: float) -> bool:
        m = compare(with_base(base))
        best_option = max(m.totals[i] for i in m.option_rows)
        return bool(m.totals[m.staying] > best_option + TIE_TOLERANCE)

    low = max(1.0, math.floor(current.pay.base))  # staying with no pay can't be scored
    amount = smallest_amount(holds, low, MAX_MONEY)
    phrase = {
        "what": "raise",
        "What": "A base salary",
        "do": "make staying the best option",
        "does": "makes staying the best option",
        "why": ": an option is ahead on other criteria even with its pay scoring 0",
        "currency": paid_in(scenario, current),
    }
    answer = _answer(
        "raise to stay", STAYING_ID, scenario.staying_label, amount, current.pay.base, holds, phrase, low
    )
    if answer.amount is not None and not answer.already and current.pay.base > 0:
        pct = 100 * (answer.amount / current.pay.base - 1)
        answer = replace(answer, text=f"{answer.text[:-1]}: a raise of {pct:.1f}%.")
    return answer


def what_it_takes(scenario: Scenario) -> list[WhatItTakes]:
    """Every answer: per option the base to tie and to be best and the sign-on to cover leaving,
    and the raise for staying. Raises what compare and project raise (ScenarioNotReady,
    TaxNotCovered, RateMissing)."""
    out: list[WhatItTakes] = []
    for option in scenario.options:
        out += [
            base_to_tie(scenario, option.id),
            base_to_be_best(scenario, option.id),
            sign_on_to_cover(scenario, option.id),
        ]
    out.append(raise_to_stay(scenario))
    return out


def answers_table(scenario: Scenario, answers: list[WhatItTakes]) -> pd.DataFrame:
    """The answers as a person reads them: one row per option (staying last), one column per
    question, each amount in the job's own currency with how far it is from what is offered now,
    "no amount would" where none would, and "already" where the offer already does it."""
    columns = {
        "base to tie staying": "Base salary to tie staying",
        "base to be best": "Base salary to be the best option",
        "sign-on to cover leaving": f"Sign-on to cover leaving at month {_leave_month(scenario)}",
        "raise to stay": "Base salary to come out on top (a counteroffer)",
    }
    rows: dict[str, dict[str, str]] = {}
    for answer in answers:
        job = scenario.current if answer.option_id == STAYING_ID else scenario.option(answer.option_id)
        cur = paid_in(scenario, job)
        if answer.amount is None:
            cell = "No amount would"
        elif answer.question == "sign-on to cover leaving" and job.kind in CONTINUING_OPTION_KINDS:
            cell = "Nothing to cover (same employer)"
        elif answer.question == "sign-on to cover leaving" and answer.amount == 0:
            cell = "Nothing to cover (leaving costs nothing)"
        elif answer.already:
            cell = f"{money(answer.amount, cur)} (already: {money(answer.now, cur)} now)"
        else:
            cell = f"{money(answer.amount, cur)} ({money(answer.amount - answer.now, cur)} more)"
            if answer.question == "raise to stay" and answer.now > 0:
                cell = (
                    f"{money(answer.amount, cur)} (a raise of {100 * (answer.amount / answer.now - 1):.1f}%)"
                )
        rows.setdefault(answer.label, {"Option": answer.label})[columns[answer.question]] = cell
    table = pd.DataFrame(list(rows.values()), columns=["Option", *columns.values()])
    return table.astype(object).fillna("—")  # text cells: a question no option answers is all "—"


def _leave_month(scenario: Scenario) -> int:
    return min(scenario.money.leave_month, scenario.money.horizon_years * 12 - 1)
