"""What leaving an option's job soon after starting it would cost: the sign-on owed back, and the
equity and match not yet vested."""

from __future__ import annotations

from dataclasses import dataclass

from core.model.scenario import STAYING_ID, Scenario
from core.money.compensation import Forfeit, base_changes, conversions, project
from core.money.parts import INDEX
from core.money.paths import CONTINUING_KINDS, continuing_path, job_timeline
from core.money.vesting import equity_vesting


@dataclass(frozen=True)
class LeavingNewJob:
    """What leaving an option's job `months_in_job` months after starting it would cost."""

    option_id: str
    label: str
    months_in_job: int
    forfeit: Forfeit  # month: when you would leave it, counted from the scenario's month 0
    # The sign-on and relocation owed back if you leave before `clawback_ends` (a month counted
    # from month 0; None: no clawback), whenever that is: money at risk until then.
    at_risk_until_clawback_ends: float
    clawback_ends: int | None


def cost_of_leaving_new_job(
    scenario: Scenario, months_in_job: int | None = None, leave_month: int | None = None
) -> list[LeavingNewJob]:
    """Per option, what leaving it `months_in_job` months after starting (default: the scenario's
    `money.leave_new_month`; none set means you stay, and the list is empty) would cost, having
    left the current role at `leave_month` (default: the scenario's; a counteroffer starts at 0).

    Left behind: the sign-on and relocation owed back when you leave within the option's
    clawback, the option's equity not yet vested (its grants, and refreshers given before you
    leave), and its match not yet vested. An internal role or counteroffer is the same employer:
    leaving it leaves everything the employer gave unvested, the current grants too, and a
    sign-on of the current role still under its clawback."""
    settings = scenario.money
    stay = settings.leave_new_month if months_in_job is None else months_in_job
    if stay is None:
        return []
    months = settings.horizon_years * 12
    leave = min(settings.leave_month if leave_month is None else leave_month, months - 1)
    window = months + 12 * 10 + stay
    current_pay = scenario.current.pay
    factor = {key: rate.rate for key, rate in conversions(scenario).items()}
    current = job_timeline(
        current_pay,
        window=window,
        job_start=0,
        scenario_start=settings.start,
        time_value_per_hour=settings.time_value_per_hour,
        base_changes=base_changes(scenario),
        is_current=True,
        in_comparison=factor.get(STAYING_ID, 1.0),
    )
    # Worked-out tax: the rate the option's path pays in the month you would leave it.
    worked_out = any(o.pay.tax_mode == "worked out" for o in scenario.options)
    paths = project(scenario, leave) if worked_out else None
    costs = []
    for option in scenario.options:
        rate = factor.get(option.id, 1.0)
        pay = option.pay
        clawback_total = pay.sign_on + pay.relocation if pay.clawback_months > 0 else 0.0
        owed = clawback_total if stay < pay.clawback_months else 0.0
        if option.kind in CONTINUING_KINDS:
            start = 0 if option.kind == "counteroffer" else leave
            out = start + stay
            path = continuing_path(
                option,
                current,
                current_pay,
                leave=start,
                window=window,
                scenario_start=settings.start,
                time_value_per_hour=settings.time_value_per_hour,
                base_changes=base_changes(scenario),
                refreshers_until=out,
                in_comparison=rate,
            )
            equity = float(path.flows[INDEX["equity"], out:].sum())
            match = float(path.match_unvested[out - 1]) if out > 0 else current.match_unvested_at_start
            owed *= rate
            if out < current_pay.clawback_months:
                owed += (current_pay.sign_on + current_pay.relocation) * factor.get(STAYING_ID, 1.0)
        else:
            start, out = leave, leave + stay
            timeline = job_timeline(
                pay,
                window=window - start,
                job_start=start,
                scenario_start=settings.start,
                time_value_per_hour=settings.time_value_per_hour,
                in_comparison=rate,
            )
            equity = rate * float(
                equity_vesting(pay, window - start, start, settings.start, refreshers_until=stay)[stay:].sum()
            )
            owed *= rate
            match = float(timeline.match_unvested[stay - 1]) if stay > 0 else 0.0
        costs.append(
            LeavingNewJob(
                option_id=option.id,
                label=option.name,
                months_in_job=stay,
                forfeit=Forfeit(
                    month=out,
                    equity=equity,
                    match=match,
                    clawback=owed,
                    tax_rate=pay.tax_rate_pct / 100.0
                    if paths is None or pay.tax_mode != "worked out"
                    else float(paths.tax_rate[paths.row_of(option.id), min(out, months - 1)]),
                    col_index=pay.col_index,
                ),
                at_risk_until_clawback_ends=clawback_total * rate,
                clawback_ends=start + pay.clawback_months if clawback_total else None,
            )
        )
    return costs
