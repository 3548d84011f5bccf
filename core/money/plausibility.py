"""Figures that are allowed but probably mistyped: a base of 185 meaning thousands, a bonus of
150%, a tax rate of 0.34 meaning 34%. Each warning names the value and asks; none blocks an edit.

`pay_warnings(scenario, job, today)` gives, for the current role ("current") or one option (its
id), the warnings about its pay keyed by the field they are about, for the page to show beside
that field. Pure: no streamlit.
"""

from __future__ import annotations

from datetime import date
from statistics import median

from core.model.scenario import Pay, Scenario
from core.shown import day, money

# A base salary below this a year is almost surely typed in thousands (185 for 185,000).
LEAST_PLAUSIBLE_BASE = 1_000.0
# A base this many times above or below the median of all jobs' bases is probably mistyped.
FAR_FROM_OTHERS = 5.0
# A bonus target above this share of base is rare enough to ask about.
MOST_PLAUSIBLE_BONUS_PCT = 100.0
# A tax rate above 0 but under this percentage is probably a share typed as a fraction (0.34).
LEAST_PLAUSIBLE_TAX_PCT = 1.0


def _pay(scenario: Scenario, job: str) -> Pay:
    return scenario.current.pay if job == "current" else scenario.option(job).pay


def pay_warnings(scenario: Scenario, job: str, today: date) -> dict[str, list[str]]:
    """Warnings about the pay of `job` ("current" or an option's id), keyed by the pay field they
    are about ("base", "bonus_target_pct", "tax_rate_pct", "grants"). Empty when all looks right.
    `today` tells a grant already held from one still to come."""
    pay = _pay(scenario, job)
    holder = scenario.current if job == "current" else scenario.option(job)
    cur = holder.currency or scenario.currency  # the job's own, as its amounts are entered
    found: dict[str, list[str]] = {}

    def warn(field: str, text: str) -> None:
        found.setdefault(field, []).append(text)

    if 0 < pay.base < LEAST_PLAUSIBLE_BASE:
        warn(
            "base",
            f"A base salary of {money(pay.base, cur)} a year is very low: did you mean "
            f"{money(pay.base * 1000, cur)}? Write the whole yearly amount, not thousands.",
        )
    else:
        bases = [p.base for p in [scenario.current.pay, *(o.pay for o in scenario.options)] if p.base > 0]
        if pay.base > 0 and len(bases) >= 2:
            middle = median(bases)
            if pay.base < middle / FAR_FROM_OTHERS or pay.base > middle * FAR_FROM_OTHERS:
                warn(
                    "base",
                    f"A base salary of {money(pay.base, cur)} a year is far from the other jobs' "
                    f"(their middle value is {money(middle, cur)}): is it the whole yearly amount?",
                )
    if pay.bonus_target_pct > MOST_PLAUSIBLE_BONUS_PCT:
        warn(
            "bonus_target_pct",
            f"A bonus target of {pay.bonus_target_pct:g}% of base is more than the base salary "
            "itself: is that right? Write the target as a percentage of base (15 for 15%).",
        )
    if pay.base > 0 and 0 < pay.tax_rate_pct < LEAST_PLAUSIBLE_TAX_PCT:
        warn(
            "tax_rate_pct",
            f"A tax rate of {pay.tax_rate_pct:g}% is very low: did you mean "
            f"{pay.tax_rate_pct * 100:g}%? Write it as a percentage (34 for 34%).",
        )
    if job == "current":
        for g in pay.grants:
            if g.vesting_start is not None and g.vesting_start > today:
                warn(
                    "grants",
                    f"'{g.label}' starts vesting on {day(g.vesting_start)}, after today: a grant "
                    "you hold already has usually started vesting. Is the date right?",
                )
    return found


def figures_to_check(scenario: Scenario, today: date) -> list[str]:
    """Every warning of `pay_warnings`, for the current role and each option, each after the
    name of the job it is about: for a page that sums up, where a mistyped figure would surprise."""
    jobs = [("current", scenario.staying_label), *((o.id, o.name) for o in scenario.options)]
    return [
        f"{name}: {text}"
        for job, name in jobs
        for texts in pay_warnings(scenario, job, today).values()
        for text in texts
    ]
