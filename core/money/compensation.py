"""Money over time: every part of pay, month by month, for staying and for each option.

Conventions (docs/methods.md explains them with examples):
- Month index t = 0, 1, ... counts months from the scenario's start date. Money that vests or is
  paid "after e months" of something that started at month s lands in month s + e - 1: a one-year
  cliff on a grant starting today vests in month 11, the last month of year 1.
- Leaving the current role "at month N" means you worked months 0 .. N-1 there: what vests or is
  paid in those months is yours, everything later is forfeited, and the new job starts at month N.
  A sign-on clawback of K months is owed when N < K.
- Costs (health out-of-pocket, commute, a clawback) are negative. Tax is one effective rate that you
  enter, or for a US job worked out per year (core.money.tax, `_worked_out_tax`) and turned into that
  job's rate for each month of the year; it applies to cash and vested equity, not to the
  retirement match, benefits or costs. Cost of living scales the after-tax value: 100 is where you
  live now.
- Each job's money is converted into the comparison currency at one dated rate (`conversions`).

Everything is numpy over the month axis; the only Python loops are over jobs and grants.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from core.model.scenario import STAYING_ID, Alternative, Option, RowsByAlternative, Scenario
from core.money.currency import Rate, RateMissing, exchange_rate
from core.money.parts import (
    AT_RISK,
    COMPONENT_NAMES,
    COMPONENTS,
    GUARANTEED,
    INDEX,
    TAXED,
    calendar_month,
    months_between,
)
from core.money.paths import CONTINUING_KINDS, JobTimeline, continuing_path, job_timeline, option_path
from core.money.tax import US_STATES, TaxBreakdown, TaxNotCovered, share_of_year, us_tax
from core.money.vesting import equity_vesting

if TYPE_CHECKING:
    import pandas as pd

_HALF_CENT = 0.005  # cumulative differences smaller than this are rounding, not being behind


def _after_tax(flows: np.ndarray, tax_rate: np.ndarray) -> np.ndarray:
    """(…, components, months) flows and (…, months) tax rates -> (…, months) after tax."""
    taxed = flows[..., TAXED, :].sum(axis=-2) * (1 - tax_rate)
    return taxed + flows[..., ~TAXED, :].sum(axis=-2)


@dataclass(frozen=True)
class Forfeit:
    """What leaving a job at `month` leaves behind, before tax (`equity`, `match`, `clawback`,
    `total`) and after tax and cost of living (the `…_after_tax` properties), like every other
    figure in the summary: equity at the job's tax rate, the match and a sign-on repaid untaxed
    (as the projection counts them), all divided by the job's cost of living / 100."""

    month: int
    equity: float  # unvested equity, at the share price when it would have vested, before tax
    match: float  # retirement match not yet vested
    clawback: float  # sign-on (and relocation) owed back
    tax_rate: float = 0.0  # the job's effective tax rate, 0-1
    col_index: float = 100.0  # the job's cost of living (100: where you live now)

    @property
    def total(self) -> float:
        """Before tax."""
        return self.equity + self.match + self.clawback

    @property
    def equity_after_tax(self) -> float:
        return self.equity * (1 - self.tax_rate) * 100.0 / self.col_index

    @property
    def match_after_tax(self) -> float:
        return self.match * 100.0 / self.col_index

    @property
    def clawback_after_tax(self) -> float:
        return self.clawback * 100.0 / self.col_index

    @property
    def total_after_tax(self) -> float:
        """After tax and cost of living."""
        return self.equity_after_tax + self.match_after_tax + self.clawback_after_tax

    def table(self) -> pd.DataFrame:
        """The parts and the total, before tax and after tax and cost of living.

        >>> t = Forfeit(month=6, equity=10_000, match=1_000, clawback=5_000, tax_rate=0.3, col_index=125).table()
        >>> t["Before tax"].tolist(), t["After tax and cost of living"].tolist()
        ([10000.0, 1000.0, 5000.0, 16000.0], [5600.0, 800.0, 4000.0, 10400.0])
        """
        import pandas as pd

        return pd.DataFrame(
            {
                "Part": FORFEIT_PARTS,
                "Before tax": [
                    round(float(v), 2) for v in (self.equity, self.match, self.clawback, self.total)
                ],
                "After tax and cost of living": [
                    round(float(v), 2)
                    for v in (
                        self.equity_after_tax,
                        self.match_after_tax,
                        self.clawback_after_tax,
                        self.total_after_tax,
                    )
                ],
            }
        )


FORFEIT_PARTS = ("Unvested equity", "Retirement match not yet vested", "Sign-on to repay", "Cost of leaving")


@dataclass(frozen=True)
class Projection(RowsByAlternative):
    """Money over the horizon for staying and for taking each option at `leave_month`: one row per
    alternative (`Scenario.alternatives`, staying found by its id)."""

    alternatives: tuple[Alternative, ...]
    leave_month: int
    months: int
    flows: np.ndarray  # (jobs, components, months), before tax
    tax_rate: np.ndarray  # (jobs, months): the rate of whichever job you are in that month
    col_index: np.ndarray  # (jobs, months)
    forfeit: Forfeit
    currency: str
    start: date  # the calendar month of month 0
    # (jobs,) True where the job's sign-on and relocation are owed back if you leave it within a
    # clawback period: they count as at risk, not guaranteed.
    sign_on_clawback: np.ndarray | None = None
    # Worked-out tax per path, year and job (empty when every job has an effective rate), and the
    # exchange rates used, (job id, Rate), for jobs paid in another currency.
    tax_breakdown: tuple[YearTax, ...] = ()
    rates: tuple[tuple[str, Rate], ...] = ()
    # (jobs, months): whose pay each month is, as a row (alternatives[k]).
    who: np.ndarray | None = None

    def _masks(self) -> tuple[np.ndarray, np.ndarray]:
        """(jobs, components) masks of the guaranteed and the at-risk parts of each job's pay."""
        n = len(self.alternatives)
        guaranteed = np.tile(GUARANTEED, (n, 1))
        at_risk = np.tile(AT_RISK, (n, 1))
        if self.sign_on_clawback is not None:
            guaranteed[self.sign_on_clawback, INDEX["sign_on"]] = False
            at_risk[self.sign_on_clawback, INDEX["sign_on"]] = True
        return guaranteed, at_risk

    def _per_year(self, mask: np.ndarray) -> np.ndarray:
        """The masked parts of each job's pay, after tax and cost of living, per year on average."""
        scale = (1 - self.tax_rate) * 100.0 / self.col_index  # (jobs, months); only taxed parts
        parts = np.einsum("jc,jcm->jm", mask.astype(float), self.flows)
        return (parts * scale).sum(axis=1) / (self.months // 12)

    @property
    def after_tax(self) -> np.ndarray:
        return _after_tax(self.flows, self.tax_rate)

    @property
    def adjusted(self) -> np.ndarray:
        """After tax, in today's money where you live now (cost of living 100)."""
        return self.after_tax * 100.0 / self.col_index

    @property
    def cumulative(self) -> np.ndarray:
        return np.cumsum(self.adjusted, axis=1)

    @property
    def cumulative_vs_staying(self) -> np.ndarray:
        return self.cumulative - self.cumulative[self.staying]

    def break_even_month(self, j: int) -> int | None:
        """The month (counted from 0, like the leave month: month 0 is the scenario's first) by
        whose end option j's cumulative value is back to staying's and stays at or above it to the
        end of the horizon, counting everything leaving forfeits. None when it is never behind
        staying, or still behind at the end of the horizon: `break_even_text` tells which."""
        diff = self.cumulative_vs_staying[j]
        behind = np.nonzero(diff < -_HALF_CENT)[0]
        if len(behind) == 0 or behind[-1] == len(diff) - 1:
            return None
        return int(behind[-1] + 1)

    def month_name(self, month: int) -> str:
        """The calendar month of month index `month`, e.g. "Feb 2028"."""
        return calendar_month(self.start, month)

    def break_even_text(self, j: int) -> str:
        """Option j's break-even in words: "month 14 (Feb 2028)", "never behind staying" or
        "not within 5 years"; "—" for staying itself."""
        if self.alternatives[j].is_staying:
            return "—"
        month = self.break_even_month(j)
        if month is not None:
            return f"month {month} ({self.month_name(month)})"
        if self.cumulative_vs_staying[j][-1] < -_HALF_CENT:
            years = self.months // 12
            return f"not within {years} year{'s' if years != 1 else ''}"
        return "never behind staying"

    def yearly(self) -> np.ndarray:
        """(jobs, components, years) sums per year."""
        j, c, m = self.flows.shape
        return self.flows.reshape(j, c, m // 12, 12).sum(axis=3)

    def yearly_table(self) -> pd.DataFrame:
        """One row per option and year: the parts, the totals, cumulative, and vs staying."""
        import pandas as pd

        years = self.months // 12
        by_year = self.yearly()
        n = len(self.alternatives)
        after_tax = self.after_tax.reshape(n, years, 12).sum(axis=2)
        adjusted = self.adjusted.reshape(n, years, 12).sum(axis=2)
        cumulative = np.cumsum(adjusted, axis=1)
        staying = cumulative[self.staying]
        rows = []
        for j, alternative in enumerate(self.alternatives):
            for y in range(years):
                row: dict[str, object] = {"Option": alternative.label, "Year": y + 1}
                for k, comp in enumerate(COMPONENTS):
                    row[COMPONENT_NAMES[comp]] = round(float(by_year[j, k, y]), 2)
                row["Total before tax"] = round(float(by_year[j, :, y].sum()), 2)
                row["After tax"] = round(float(after_tax[j, y]), 2)
                row["After tax and cost of living"] = round(float(adjusted[j, y]), 2)
                row["Cumulative"] = round(float(cumulative[j, y]), 2)
                row["Cumulative vs staying"] = round(float(cumulative[j, y] - staying[y]), 2)
                rows.append(row)
        return pd.DataFrame(rows)

    def tax_table(self) -> pd.DataFrame:
        """One row per path, year and job in it: wages, each tax, after tax, and the effective and
        marginal rates, in the comparison currency. A job with an effective rate shows that rate as
        its tax ("Tax at your rate") and as both rates; a worked-out job shows each tax."""
        import pandas as pd

        wages = self.flows[:, TAXED, :].sum(axis=1)
        who = self.who if self.who is not None else np.zeros(self.tax_rate.shape, dtype=int)
        worked = {(t.path, t.year, t.job): t for t in self.tax_breakdown}
        zero = dict.fromkeys(("Federal income tax", "State income tax", "Social Security", "Medicare"), 0.0)
        rows = []
        labels = [a.label for a in self.alternatives]
        for j, label in enumerate(labels):
            for y in range(self.months // 12):
                span = slice(12 * y, 12 * y + 12)
                for k in dict.fromkeys(who[j, span].tolist()):
                    row: dict[str, object] = {"Option": label, "Year": y + 1, "Job": labels[k]}
                    found = worked.get((label, y + 1, labels[k]))
                    if found is not None:
                        b, f = found.breakdown, found.in_comparison
                        row |= {
                            "Tax": f"worked out ({US_STATES[b.state]}, {b.filing_status}, {b.law_year} law)",
                            "Wages": round(b.wages * f, 2),
                            "Federal income tax": round(b.federal_income * f, 2),
                            "State income tax": round(b.state_income * f, 2),
                            "Social Security": round(b.social_security * f, 2),
                            "Medicare": round((b.medicare + b.additional_medicare) * f, 2),
                            "Tax at your rate": 0.0,
                            "Total tax": round(b.total * f, 2),
                            "After tax": round(b.after_tax * f, 2),
                            "Effective rate": round(b.effective_rate, 4),
                            "Marginal rate": round(b.marginal_rate, 4),
                        }
                    else:
                        mine = who[j, span] == k
                        gross = float(wages[j, span][mine].sum())
                        rate = float(self.tax_rate[j, span][mine][0])
                        row |= {
                            "Tax": "effective rate",
                            "Wages": round(gross, 2),
                            **zero,
                            "Tax at your rate": round(gross * rate, 2),
                            "Total tax": round(gross * rate, 2),
                            "After tax": round(gross * (1 - rate), 2),
                            "Effective rate": round(rate, 4),
                            "Marginal rate": round(rate, 4),
                        }
                    rows.append(row)
        return pd.DataFrame(rows)

    def yearly_tax(self) -> pd.DataFrame:
        """`tax_table` summed per path and year: one row per "Option" and "Year", to put beside
        `yearly_table` (the year-by-year CSV)."""
        table = self.tax_table()
        parts = [
            "Federal income tax",
            "State income tax",
            "Social Security",
            "Medicare",
            "Tax at your rate",
            "Total tax",
        ]
        return table.groupby(["Option", "Year"], sort=False)[parts].sum().round(2).reset_index()

    def yearly_table_with_tax(self) -> pd.DataFrame:
        """`yearly_table` with each year's taxes: the year-by-year CSV."""
        return self.yearly_table().merge(self.yearly_tax(), on=["Option", "Year"], how="left")

    def summary(self) -> pd.DataFrame:
        """The views people ask for by name, per option: year 1, average year, cumulative,
        guaranteed and at risk (all after tax and cost of living), and the break-even: its month
        counted from 0 ("Break-even month", a number, <NA> where there is none) and in words with
        the calendar month ("Break-even")."""
        import pandas as pd

        years = self.months // 12
        guaranteed_mask, at_risk_mask = self._masks()
        guaranteed = self._per_year(guaranteed_mask)
        at_risk = self._per_year(at_risk_mask)
        adjusted = self.adjusted
        rows = []
        staying = adjusted[self.staying].sum()
        for j, alternative in enumerate(self.alternatives):
            be = None if alternative.is_staying else self.break_even_month(j)
            rows.append(
                {
                    "Option": alternative.label,
                    "Year 1": round(float(adjusted[j, :12].sum()), 2),
                    "Average year": round(float(adjusted[j].sum() / years), 2),
                    "Cumulative": round(float(adjusted[j].sum()), 2),
                    "Guaranteed per year": round(float(guaranteed[j]), 2),
                    "At risk per year": round(float(at_risk[j]), 2),
                    "Cumulative vs staying": round(float(adjusted[j].sum() - staying), 2),
                    "Break-even month": pd.NA if be is None else be,
                    "Break-even": self.break_even_text(j),
                }
            )
        table = pd.DataFrame(rows)
        table["Break-even month"] = table["Break-even month"].astype("Int64")
        return table

    def pay_measure(self, measure: str) -> np.ndarray:
        """The yearly figure the pay criterion scores, per job (after tax and cost of living)."""
        years = self.months // 12
        adjusted = self.adjusted
        if measure == "year1":
            return adjusted[:, :12].sum(axis=1)
        if measure == "guaranteed":
            return self._per_year(self._masks()[0])
        return adjusted.sum(axis=1) / years


def base_changes(scenario: Scenario) -> list[tuple[int, float]]:
    """The current role's dated base changes after the start, as (month, new base)."""
    start = scenario.money.start
    return [
        (max(0, months_between(start, c.when)), c.new_base)
        for c in scenario.current.recent_changes
        if c.new_base is not None and c.when is not None and c.when > start
    ]


def conversions(scenario: Scenario) -> dict[str, Rate]:
    """The exchange rate into the comparison currency of each job paid in another currency, keyed
    like `Scenario.alternatives` (STAYING_ID, option ids): the ECB reference rate on
    `money.rate_date` (default: the start; the latest shipped if later), or the rate entered in
    `money.rate_overrides`. Raises RateMissing (a ValueError) naming the job when there is none."""
    target = scenario.comparison_currency
    out: dict[str, Rate] = {}
    on = scenario.money.rate_date or scenario.money.start
    for key, label, job in [(STAYING_ID, scenario.staying_label, scenario.current)] + [
        (o.id, o.name, o) for o in scenario.options
    ]:
        code = job.currency
        if code is None or target is None or code == target:
            continue
        try:
            out[key] = exchange_rate(code, target, on, scenario.money.rate_overrides.get(code))
        except RateMissing as missing:
            raise RateMissing(f"{label}: {missing}") from None
    return out


def money_problem(scenario: Scenario) -> str | None:
    """What stops the money model, in words a page can show, or None: a state or year the tax
    library can't do (TaxNotCovered: switch that job to an effective rate, or use the latest law
    for later years) or an exchange rate missing (RateMissing: enter it). Pages call this before
    drawing the money, and offer the fallback; nothing is taxed at 0 in its place."""
    try:
        project(scenario, leave_month=0)
        project(scenario)
    except (TaxNotCovered, RateMissing) as problem:
        return str(problem)
    return None


# The last few projections, by the jobs and settings they were worked out for. An edit rebuilds
# only the objects it changes (core.edits.editing), so a change of priorities, which scores the same
# money again, finds its projection here. Each entry holds the objects its key names by id, so no
# other object can take one of those ids while the entry is kept; the models are never changed in
# place (core.edits.editing copies what it changes), and a kept projection's arrays are read-only.
RECENT_PROJECTIONS = 16
_recent: OrderedDict[tuple[Any, ...], tuple[tuple[Any, ...], Projection]] = OrderedDict()
_recent_lock = threading.Lock()


def project(scenario: Scenario, leave_month: int | None = None) -> Projection:
    """Staying, and each option taken by leaving the current role at `leave_month` (default: the
    scenario's setting). A counteroffer is the current job changed, so nothing is forfeited.
    A projection of the same jobs and settings worked out a moment ago is given again.

    Every job's money is in the comparison currency (`conversions`). A job with worked-out tax is
    taxed year by year (`_worked_out_tax`); raises TaxNotCovered (a ValueError) where the tax
    library can't, and RateMissing where there is no exchange rate."""
    kept = (scenario.current, *scenario.options, scenario.money)
    key = (*map(id, kept), scenario.currency, scenario.comparison_currency, leave_month)
    with _recent_lock:
        hit = _recent.get(key)
        if hit is not None:
            _recent.move_to_end(key)
            return hit[1]
    projection = _project(scenario, leave_month)
    for value in vars(projection).values():
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
    with _recent_lock:
        _recent[key] = (kept, projection)
        while len(_recent) > RECENT_PROJECTIONS:
            _recent.popitem(last=False)
    return projection


def _project(scenario: Scenario, leave_month: int | None) -> Projection:
    settings = scenario.money
    leave = settings.leave_month if leave_month is None else leave_month
    months = settings.horizon_years * 12
    leave = min(leave, months - 1)  # the last month you could still switch within the horizon
    tvh = settings.time_value_per_hour
    current_pay = scenario.current.pay
    rates = conversions(scenario)
    factor = {key: rate.rate for key, rate in rates.items()}
    # The current role is projected past the horizon so that what leaving forfeits includes
    # grants that would vest after it.
    long_window = months + 12 * 10
    current = job_timeline(
        current_pay,
        window=long_window,
        job_start=0,
        scenario_start=settings.start,
        time_value_per_hour=tvh,
        base_changes=base_changes(scenario),
        is_current=True,
        in_comparison=factor.get(STAYING_ID, 1.0),
    )
    # Rows in the order of `scenario.alternatives`, each found by its id.
    alternatives = scenario.alternatives
    row_of = {a.id: row for row, a in enumerate(alternatives)}
    stay = row_of[STAYING_ID]
    n_jobs = len(alternatives)
    flows = np.zeros((n_jobs, len(COMPONENTS), months))
    tax = np.zeros((n_jobs, months))
    col = np.zeros((n_jobs, months))
    who = np.full((n_jobs, months), stay, dtype=int)  # whose pay each month, by row
    flows[stay] = current.flows[:, :months]
    tax[stay], col[stay] = current.tax_rate, current.col_index

    clawback = current_pay.sign_on + current_pay.relocation if leave < current_pay.clawback_months else 0.0
    clawback *= factor.get(STAYING_ID, 1.0)
    for option in scenario.options:
        j = row_of[option.id]
        start = _lay_option(scenario, option, current, leave, clawback, flows[j], tax[j], col[j], factor)
        who[j, start:] = j

    by_id = scenario.jobs()
    jobs = [by_id[a.id] for a in alternatives]
    breakdown: tuple[YearTax, ...] = ()
    if any(job.pay.tax_mode == "worked out" for job in jobs):
        breakdown = _worked_out_tax(scenario, alternatives, flows, who, tax, factor)

    # Worked-out tax: the rate staying pays in the leave month's year.
    staying_rate = float(tax[stay, leave]) if current_pay.tax_mode == "worked out" else current.tax_rate
    forfeit = _forfeit(
        scenario, current, leave, long_window, clawback, staying_rate, factor.get(STAYING_ID, 1.0)
    )
    return Projection(
        alternatives=alternatives,
        leave_month=leave,
        months=months,
        flows=flows,
        tax_rate=tax,
        col_index=col,
        forfeit=forfeit,
        currency=scenario.currency,
        start=settings.start,
        sign_on_clawback=np.array(
            [
                not a.is_staying and job.pay.clawback_months > 0 and job.pay.sign_on + job.pay.relocation > 0
                for a, job in zip(alternatives, jobs, strict=True)
            ]
        ),
        tax_breakdown=breakdown,
        rates=tuple(rates.items()),
        who=who,
    )


def _lay_option(
    scenario: Scenario,
    option: Option,
    current: JobTimeline,
    leave: int,
    clawback: float,
    flows: np.ndarray,
    tax: np.ndarray,
    col: np.ndarray,
    factor: dict[str, float],
) -> int:
    """Fill an option's row (in place): the current role until it starts, then the option. Returns
    the month it starts: 0 for a counteroffer, `leave` for any other."""
    settings = scenario.money
    months = flows.shape[-1]
    in_comparison = factor.get(option.id, 1.0)
    if option.kind not in CONTINUING_KINDS:
        option_path(
            option,
            current,
            leave,
            months,
            clawback,
            settings.start,
            settings.time_value_per_hour,
            flows,
            tax,
            col,
            in_comparison,
        )
        return leave
    start = 0 if option.kind == "counteroffer" else leave
    path = continuing_path(
        option,
        current,
        scenario.current.pay,
        leave=start,
        window=months,
        scenario_start=settings.start,
        time_value_per_hour=settings.time_value_per_hour,
        base_changes=base_changes(scenario),
        in_comparison=in_comparison,
    )
    flows[:], tax[:], col[:] = path.flows, path.tax_rate, path.col_index
    return start


def _forfeit(
    scenario: Scenario,
    current: JobTimeline,
    leave: int,
    long_window: int,
    clawback: float,
    tax_rate: float,
    in_comparison: float,
) -> Forfeit:
    """What leaving the current role at `leave` leaves behind."""
    pay = scenario.current.pay
    return Forfeit(
        month=leave,
        # Forfeited: what would vest from `leave` on of grants and refreshers already given.
        equity=float(
            equity_vesting(pay, long_window, 0, scenario.money.start, refreshers_until=leave)[leave:].sum()
        )
        * in_comparison,
        match=float(current.match_unvested[leave - 1]) if leave > 0 else current.match_unvested_at_start,
        clawback=clawback,
        tax_rate=tax_rate,
        col_index=current.col_index,
    )


@dataclass(frozen=True)
class YearTax:
    """One job's worked-out tax in one year of one path (staying, or taking an option)."""

    path: str  # the path's label: "Stay at Initech", or the option's name
    year: int  # the projection's year, 1 = months 0-11
    job: str  # whose pay: the current role's label or the option's name
    months: int  # months of the year in this job
    breakdown: TaxBreakdown  # in US dollars, this job's share of the year's return
    in_comparison: float  # US dollars -> the comparison currency


def tax_year(start: date, year_index: int) -> int:
    """The calendar year whose law taxes the projection's year `year_index` (0-based): the one its
    seventh month falls in.

    >>> tax_year(date(2026, 12, 1), 0), tax_year(date(2027, 1, 1), 0), tax_year(date(2026, 7, 1), 1)
    (2027, 2027, 2028)
    """
    return _month_year(start, 12 * year_index + 6)


def _month_year(start: date, month: int) -> int:
    return start.year + (start.month - 1 + month) // 12


def _worked_out_tax(
    scenario: Scenario,
    alternatives: tuple[Alternative, ...],
    flows: np.ndarray,
    who: np.ndarray,
    tax: np.ndarray,
    factor: dict[str, float],
) -> tuple[YearTax, ...]:
    """Replace `tax` (in place) by the worked-out rate in each month of a worked-out job, and
    return the breakdown.

    Each 12-month year of a path is one return: its wages are the taxed parts (base, bonus,
    sign-on and relocation, vested equity) of every worked-out job in that year, in US dollars;
    each job's pre-tax contributions and premiums count for its months. Each job bears its share
    (core.money.tax.share_of_year) of the tax its own state and filing status give on the whole year, so
    a job change year is taxed at that year's combined marginal rates; the job's monthly rate is
    its share / its wages that year, so the projection's `after_tax` pays exactly that tax."""
    # Paths and jobs are rows of `alternatives`.
    by_id = scenario.jobs()
    jobs = [by_id[a.id] for a in alternatives]
    keys = [a.id for a in alternatives]
    labels = [a.label for a in alternatives]
    wages = flows[:, TAXED, :].sum(axis=1)  # (paths, months), comparison currency
    start = scenario.money.start
    rows: list[YearTax] = []
    n_paths, months = wages.shape
    for j in range(n_paths):
        for y in range(months // 12):
            span = slice(12 * y, 12 * y + 12)
            in_year = who[j, span]
            present = [k for k in dict.fromkeys(in_year.tolist()) if jobs[k].pay.tax_mode == "worked out"]
            if not present:
                continue
            usd = {}
            for k in present:
                rate = factor.get(keys[k], 1.0)
                usd[k] = float(wages[j, span][in_year == k].sum()) / rate
            n_months = {k: int((in_year == k).sum()) for k in present}
            retire = {k: jobs[k].pay.retirement_pre_tax * n_months[k] / 12 for k in present}
            health = {k: jobs[k].pay.health_premiums_pre_tax * n_months[k] / 12 for k in present}
            total, retire_all, health_all = sum(usd.values()), sum(retire.values()), sum(health.values())
            for k in present:
                pay = jobs[k].pay
                try:
                    year = us_tax(
                        tax_year(start, y),
                        pay.tax_state,
                        pay.filing_status,
                        round(total, 2),
                        retirement_pre_tax=round(min(retire_all, total), 2),
                        health_pre_tax=round(min(health_all, max(0.0, total - retire_all)), 2),
                        later_years=pay.tax_later_years,
                    )
                except TaxNotCovered as problem:  # say which job, and where to change it
                    where = (
                        "Your current role (on Current role)"
                        if alternatives[k].is_staying
                        else f"{labels[k]} (on Offers)"
                    )
                    raise TaxNotCovered(f"{where}: {problem}") from None
                own_income = max(0.0, usd[k] - retire[k] - health[k])
                part = share_of_year(year, usd[k], own_income)
                mask = np.zeros(months, dtype=bool)
                mask[span] = in_year == k
                tax[j, mask] = part.total / usd[k] if usd[k] > 0 else 0.0
                rows.append(
                    YearTax(
                        path=labels[j],
                        year=y + 1,
                        job=labels[k],
                        months=n_months[k],
                        breakdown=part,
                        in_comparison=factor.get(keys[k], 1.0),
                    )
                )
    return tuple(rows)
