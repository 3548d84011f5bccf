"""One job's money month by month, and the path of each option on the scenario's month axis: the
current role until you leave, then the option (a new employer, or the same one carrying on).

Everything is numpy over the month axis; the only Python loops are over jobs and grants.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from core.model.scenario import CONTINUING_OPTION_KINDS, Option, Pay
from core.money.parts import COMPONENTS, INDEX, WORK_WEEKS_PER_YEAR
from core.money.vesting import equity_vesting, match_vesting

CONTINUING_KINDS = CONTINUING_OPTION_KINDS  # the same employer: the employment carries on


@dataclass(frozen=True)
class JobTimeline:
    """One job's money per month of its own (month 0 = its first month), before tax."""

    flows: np.ndarray  # (components, window)
    tax_rate: float
    col_index: float
    match_unvested: np.ndarray  # (window,) match paid in but not yet yours, at the end of each month
    match_unvested_at_start: float
    match_paid_in: np.ndarray  # (window,) employer match paid in each month
    in_comparison: float = 1.0  # the exchange rate the flows were converted at


def job_timeline(
    pay: Pay,
    *,
    window: int,
    job_start: int,
    scenario_start: date,
    time_value_per_hour: float,
    base_changes: list[tuple[int, float]] | None = None,
    is_current: bool = False,
    in_comparison: float = 1.0,
) -> JobTimeline:
    """Money month by month for a job that starts at absolute month `job_start` (0 for the current
    role). Arrays are indexed by the job's own months 0 .. window-1, in the comparison currency:
    the job's own amounts times `in_comparison` (the exchange rate; 1 in the same currency)."""
    own = np.arange(window)
    flows = np.zeros((len(COMPONENTS), window))

    # Base salary: today's base (or a dated change), with the yearly raise at each anniversary.
    # Raises count from the start, or from a dated change for the years after it.
    level = np.full(window, pay.base)
    raises = own // 12
    for month, new_base in sorted(base_changes or []):
        after = own >= month - job_start
        level[after] = new_base
        raises[after] = (own[after] - (month - job_start)) // 12
    raise_factor = (1 + pay.raise_pct / 100.0) ** raises
    base_month = level * raise_factor / 12.0
    flows[INDEX["base"]] = base_month

    # Bonus: paid at the end of each year in the job, on that year's base.
    bonus_rate = pay.bonus_target_pct / 100.0 * pay.bonus_payout_pct / 100.0
    year_end = own % 12 == 11
    flows[INDEX["bonus"], year_end] = (base_month[year_end] * 12) * bonus_rate

    # Sign-on and relocation: paid in the first month of a new job. For the current role, they
    # were paid long ago and only matter as a clawback (see project()).
    if not is_current and window > 0:
        flows[INDEX["sign_on"], 0] = pay.sign_on + pay.relocation

    flows[INDEX["equity"]] = equity_vesting(pay, window, job_start, scenario_start)

    # Retirement match: paid in with salary, yours as it vests with service.
    contributions = base_month * pay.match_rate_pct / 100.0 * pay.match_cap_pct / 100.0
    match, unvested, unvested_at_start = match_vesting(
        pay,
        service_now=pay.service_years if is_current else 0.0,
        unvested_now=pay.match_unvested_now if is_current else 0.0,
        contributions=contributions,
    )
    flows[INDEX["match"]] = match

    flows[INDEX["benefits"]] = pay.benefits / 12.0
    flows[INDEX["health"]] = -pay.health_cost / 12.0
    commute_hours = pay.commute_minutes / 60.0 * pay.office_days * WORK_WEEKS_PER_YEAR
    flows[INDEX["commute"]] = -(pay.commute_cost + commute_hours * time_value_per_hour) / 12.0
    if in_comparison != 1.0:
        # Into the comparison currency; the time spent commuting is valued in it already.
        flows[INDEX["commute"]] = -pay.commute_cost / 12.0
        flows *= in_comparison
        flows[INDEX["commute"]] -= commute_hours * time_value_per_hour / 12.0
        unvested, unvested_at_start = unvested * in_comparison, unvested_at_start * in_comparison
        contributions = contributions * in_comparison
    return JobTimeline(
        flows=flows,
        tax_rate=pay.tax_rate_pct / 100.0,
        col_index=pay.col_index,
        match_unvested=unvested,
        match_unvested_at_start=unvested_at_start,
        match_paid_in=contributions,
        in_comparison=in_comparison,
    )


@dataclass(frozen=True)
class JobPath:
    """One option's money per month on the scenario's month axis, before tax."""

    flows: np.ndarray  # (components, window)
    tax_rate: np.ndarray  # (window,)
    col_index: np.ndarray  # (window,)
    match_unvested: np.ndarray  # (window,) match paid in but not yet yours, at the end of each month


def continuing_path(
    option: Option,
    current: JobTimeline,
    current_pay: Pay,
    *,
    leave: int,
    window: int,
    scenario_start: date,
    time_value_per_hour: float,
    base_changes: list[tuple[int, float]] | None = None,
    refreshers_until: int | None = None,
    in_comparison: float = 1.0,
) -> JobPath:
    """The current role until `leave`, then `option` with the same employer (an internal role, or
    a counteroffer with `leave` 0): the employment carries on.

    The option is laid on the scenario's month axis, like staying: its base is in today's terms,
    raised on the same anniversaries as now and moved by the current role's dated changes in
    proportion (option base / current base). The bonus of the year that straddles the move is
    pro-rated by the months in each role. Refreshers given before the move follow the current
    role's value and schedule, those from the move on the option's; the current grants keep
    vesting, and an option grant with no date starts vesting at the move. Service for the match
    and the balance paid in carry on, under the current role's vesting rule. `refreshers_until`
    (a month on the scenario's axis; None: all) stops refreshers, for the cost of leaving."""
    ratio = option.pay.base / current_pay.base if current_pay.base > 0 else 1.0
    option_pay = option.pay.model_copy(update={"grants": [], "refresher_value": 0.0})
    role = job_timeline(
        option_pay,
        window=window,
        job_start=0,
        scenario_start=scenario_start,
        time_value_per_hour=time_value_per_hour,
        base_changes=[(m, b * ratio) for m, b in base_changes or []],
        is_current=True,
        in_comparison=in_comparison,
    )
    now = current.flows[:, :window]
    before = np.arange(window) < leave
    flows = np.where(before, now, role.flows)

    # Bonus: each year's bonus is paid at its end; the year of the move pays each role's bonus for
    # the months spent in it.
    bonus = INDEX["bonus"]
    flows[bonus] = 0.0
    for year_end in range(11, window, 12):
        months_before = min(12, max(0, leave - (year_end - 11)))
        if months_before == 12:
            flows[bonus, year_end] = now[bonus, year_end]
        elif months_before == 0:
            flows[bonus, year_end] = role.flows[bonus, year_end]
        else:
            flows[bonus, year_end] = (
                now[bonus, year_end] * months_before + role.flows[bonus, year_end] * (12 - months_before)
            ) / 12

    flows[INDEX["sign_on"]] = 0.0
    if leave < window:
        flows[INDEX["sign_on"], leave] = (option.pay.sign_on + option.pay.relocation) * in_comparison

    until = refreshers_until
    flows[INDEX["equity"]] = current.in_comparison * equity_vesting(
        current_pay, window, 0, scenario_start, leave if until is None else min(leave, until)
    ) + in_comparison * equity_vesting(
        option.pay,
        window,
        0,
        scenario_start,
        until,
        refreshers_from=leave,
        undated_start=leave,
    )

    paid_in = np.where(before, current.match_paid_in[:window], role.match_paid_in)
    match, unvested, _ = match_vesting(
        current_pay,
        service_now=current_pay.service_years,
        unvested_now=current_pay.match_unvested_now * current.in_comparison,
        contributions=paid_in,
    )
    flows[INDEX["match"]] = match
    flows[INDEX["clawback"]] = 0.0
    return JobPath(
        flows=flows,
        tax_rate=np.where(before, current.tax_rate, role.tax_rate),
        col_index=np.where(before, current.col_index, role.col_index),
        match_unvested=unvested,
    )


def option_path(
    option: Option,
    current: JobTimeline,
    leave: int,
    months: int,
    clawback: float,
    start: date,
    tvh: float,
    flows: np.ndarray,
    tax: np.ndarray,
    col: np.ndarray,
    in_comparison: float = 1.0,
) -> None:
    """Fill one new employer's path in place: the current role until `leave`, then the option,
    with any sign-on owed back to the current employer in the month you leave."""
    timeline = job_timeline(
        option.pay,
        window=months - leave,
        job_start=leave,
        scenario_start=start,
        time_value_per_hour=tvh,
        in_comparison=in_comparison,
    )
    flows[:, :leave] = current.flows[:, :leave]
    tax[:leave], col[:leave] = current.tax_rate, current.col_index
    flows[:, leave:] = timeline.flows
    tax[leave:], col[leave:] = timeline.tax_rate, timeline.col_index
    if clawback and leave < months:
        flows[INDEX["clawback"], leave] -= clawback
