"""Vesting: what of a grant, a refresher or the retirement match becomes yours in each month.

Money that vests "after e months" of a start at month s lands in month s + e - 1 (docs/methods.md):
a one-year cliff on a grant starting today vests in month 11.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from core.model.scenario import EquityGrant, Pay, VestingSchedule
from core.money.parts import months_between


def vesting_events(schedule: VestingSchedule) -> np.ndarray:
    """Fraction of a grant vesting in each month after the vesting start (index e-1 for month e).

    Each year's percentage is spread evenly over that year's vesting dates; whatever falls before
    the cliff vests on the cliff date.
    """
    pct = np.asarray(schedule.yearly_pct, dtype=float) / 100.0
    every = schedule.every_months
    per_year = 12 // every
    n = 12 * len(pct)
    fractions = np.zeros(n)
    months = np.arange(1, n + 1)
    on_date = months % every == 0
    year = (months - 1) // 12
    fractions[on_date] = pct[year[on_date]] / per_year
    cliff = min(schedule.cliff, n)
    if cliff > 0:
        fractions[cliff - 1] += fractions[: cliff - 1].sum()
        fractions[: cliff - 1] = 0.0
    return fractions


def place(pattern: np.ndarray, start: int, window: int) -> np.ndarray:
    """`pattern` laid on a window of months starting at month `start` (may be negative)."""
    out = np.zeros(window)
    lo, hi = max(start, 0), min(start + len(pattern), window)
    if hi > lo:
        out[lo:hi] = pattern[lo - start : hi - start]
    return out


def _grant_vesting(
    grant: EquityGrant, window: int, job_start: int, scenario_start: date, undated_start: int = 0
) -> np.ndarray:
    """Fraction of `grant` vesting in each of the job's own months; a grant with no date starts
    vesting in own month `undated_start`."""
    if grant.vesting_start is None:
        start = undated_start
    else:
        start = months_between(scenario_start, grant.vesting_start) - job_start
    return place(vesting_events(grant.schedule), start, window)


def _match_vested_fraction(pay: Pay, service_years: np.ndarray) -> np.ndarray:
    years = pay.match_vesting_years
    if pay.match_vesting == "immediate" or years == 0:
        return np.ones_like(service_years)
    if pay.match_vesting == "cliff":
        return (service_years >= years - 1e-9).astype(float)
    return np.minimum(1.0, np.floor(service_years + 1e-9) / years)


def match_vesting(
    pay: Pay, *, service_now: float, unvested_now: float, contributions: np.ndarray
) -> tuple[np.ndarray, np.ndarray, float]:
    """The retirement match that becomes yours in each month, what is paid in but not yet yours at
    the end of each month, and what is not yet yours today.

    With f(s) the vested fraction after s years of service (`pay`'s rule), the balance paid in so
    far is P0 = unvested_now / (1 - f(service now)), and at any time f(service) × (P0 + paid in
    since) is yours: under graded vesting an old balance vests a share per year, like new money.
    A cliff has f = 0 before it, so P0 is what is unvested now. A balance entered as unvested where
    the rule says it is already yours (immediate, or service past the vesting years) vests in
    month 0.

    >>> pay = Pay(match_vesting="graded", match_vesting_years=3)
    >>> flows, unvested, now = match_vesting(
    ...     pay, service_now=1, unvested_now=3_700, contributions=np.full(12, 5_550 / 12)
    ... )
    >>> round(float(flows.sum()), 2), round(float(unvested[-1]), 2), now
    (5550.0, 3700.0, 3700)
    """
    n = len(contributions)
    f_now = float(_match_vested_fraction(pay, np.array([float(service_now)]))[0])
    service = service_now + (np.arange(n) + 1) / 12.0
    fraction = _match_vested_fraction(pay, service)
    if f_now < 1:
        paid_before = unvested_now / (1 - f_now)
        yours_before = paid_before - unvested_now
    else:
        paid_before, yours_before = unvested_now, 0.0
    balance = paid_before + np.cumsum(contributions)
    vested = balance * fraction
    flows = np.diff(vested, prepend=yours_before)
    return flows, balance - vested, unvested_now if f_now < 1 else 0.0


def equity_vesting(
    pay: Pay,
    window: int,
    job_start: int,
    scenario_start: date,
    refreshers_until: int | None = None,
    *,
    refreshers_from: int = 0,
    undated_start: int = 0,
) -> np.ndarray:
    """Equity vesting in each of the job's own months: every grant on its schedule (one with no
    date from own month `undated_start`), and a refresher on each anniversary from
    `refreshers_from` and before `refreshers_until` (own months; None: all of them), valued at the
    expected share price on the vesting date, less the risk discount."""
    vested = np.zeros(window)
    for grant in pay.grants:
        vested += grant.value * _grant_vesting(grant, window, job_start, scenario_start, undated_start)
    if pay.refresher_value > 0:
        given = np.zeros(window)
        until = window if refreshers_until is None else min(window, refreshers_until)
        anniversaries = np.arange(12, max(until, 12), 12)
        given[anniversaries[anniversaries >= refreshers_from]] = pay.refresher_value
        vested += np.convolve(given, vesting_events(pay.refresher_schedule))[:window]
    price = (1 + pay.share_price_change_pct / 100.0) ** ((np.arange(window) + job_start) / 12.0)
    return vested * price * (1 - pay.equity_risk_discount_pct / 100.0)
