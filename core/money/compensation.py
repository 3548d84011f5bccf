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
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from core.model.scenario import (
    CONTINUING_OPTION_KINDS,
    STAYING_ID,
    Alternative,
    EquityGrant,
    Option,
    Pay,
    Scenario,
    VestingSchedule,
)
from core.money.currency import Rate, RateMissing, exchange_rate
from core.money.tax import US_STATES, TaxBreakdown, TaxNotCovered, share_of_year, us_tax

if TYPE_CHECKING:
    import pandas as pd

# Parts of pay, in the order tables and charts show them.
COMPONENTS: tuple[str, ...] = (
    "base",
    "bonus",
    "sign_on",
    "equity",
    "match",
    "benefits",
    "health",
    "commute",
    "clawback",
)
COMPONENT_NAMES: dict[str, str] = {
    "base": "Base salary",
    "bonus": "Bonus",
    "sign_on": "Sign-on and relocation",
    "equity": "Equity vested",
    "match": "Retirement match vested",
    "benefits": "Benefits",
    "health": "Health costs",
    "commute": "Commute (cost and time)",
    "clawback": "Sign-on repaid",
}
TAXED = np.array([c in ("base", "bonus", "sign_on", "equity") for c in COMPONENTS])
GUARANTEED = np.array([c in ("base", "sign_on") for c in COMPONENTS])
AT_RISK = np.array([c in ("bonus", "equity") for c in COMPONENTS])
_IDX = {c: k for k, c in enumerate(COMPONENTS)}

WORK_WEEKS_PER_YEAR = 46  # weeks you commute in a year, after holidays and time off
_HALF_CENT = 0.005  # cumulative differences smaller than this are rounding, not being behind


def months_between(start: date, later: date) -> int:
    """Whole months from `start` to `later` (negative when `later` is earlier)."""
    months = (later.year - start.year) * 12 + later.month - start.month
    if later.day < start.day:
        months -= 1
    return months


def _calendar_month(start: date, month: int) -> str:
    """Month index `month` counted from `start` as a calendar month: "Feb 2028".

    >>> _calendar_month(date(2027, 1, 15), 13)
    'Feb 2028'
    """
    y, m = divmod(start.month - 1 + month, 12)
    return date(start.year + y, m + 1, 1).strftime("%b %Y")


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


def _place(pattern: np.ndarray, start: int, window: int) -> np.ndarray:
    """`pattern` laid on a window of months starting at month `start` (may be negative)."""
    out = np.zeros(window)
    lo, hi = max(start, 0), min(start + len(pattern), window)
    if hi > lo:
        out[lo:hi] = pattern[lo - start : hi - start]
    return out


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
    flows[_IDX["base"]] = base_month

    # Bonus: paid at the end of each year in the job, on that year's base.
    bonus_rate = pay.bonus_target_pct / 100.0 * pay.bonus_payout_pct / 100.0
    year_end = own % 12 == 11
    flows[_IDX["bonus"], year_end] = (base_month[year_end] * 12) * bonus_rate

    # Sign-on and relocation: paid in the first month of a new job. For the current role, they
    # were paid long ago and only matter as a clawback (see project()).
    if not is_current and window > 0:
        flows[_IDX["sign_on"], 0] = pay.sign_on + pay.relocation

    flows[_IDX["equity"]] = equity_vesting(pay, window, job_start, scenario_start)

    # Retirement match: paid in with salary, yours as it vests with service.
    contributions = base_month * pay.match_rate_pct / 100.0 * pay.match_cap_pct / 100.0
    match, unvested, unvested_at_start = match_vesting(
        pay,
        service_now=pay.service_years if is_current else 0.0,
        unvested_now=pay.match_unvested_now if is_current else 0.0,
        contributions=contributions,
    )
    flows[_IDX["match"]] = match

    flows[_IDX["benefits"]] = pay.benefits / 12.0
    flows[_IDX["health"]] = -pay.health_cost / 12.0
    commute_hours = pay.commute_minutes / 60.0 * pay.office_days * WORK_WEEKS_PER_YEAR
    flows[_IDX["commute"]] = -(pay.commute_cost + commute_hours * time_value_per_hour) / 12.0
    if in_comparison != 1.0:
        # Into the comparison currency; the time spent commuting is valued in it already.
        flows[_IDX["commute"]] = -pay.commute_cost / 12.0
        flows *= in_comparison
        flows[_IDX["commute"]] -= commute_hours * time_value_per_hour / 12.0
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


def _grant_vesting(
    grant: EquityGrant, window: int, job_start: int, scenario_start: date, undated_start: int = 0
) -> np.ndarray:
    """Fraction of `grant` vesting in each of the job's own months; a grant with no date starts
    vesting in own month `undated_start`."""
    if grant.vesting_start is None:
        start = undated_start
    else:
        start = months_between(scenario_start, grant.vesting_start) - job_start
    return _place(vesting_events(grant.schedule), start, window)


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
class Projection:
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

    @cached_property
    def staying(self) -> int:
        """The row of staying put."""
        return self.row_of(STAYING_ID)

    def row_of(self, alternative_id: str) -> int:
        """The row of the alternative with this id; KeyError when there is none, as `DecisionMatrix.row_of`."""
        for row, alternative in enumerate(self.alternatives):
            if alternative.id == alternative_id:
                return row
        raise KeyError(f"No alternative has the id {alternative_id!r}.")

    def _masks(self) -> tuple[np.ndarray, np.ndarray]:
        """(jobs, components) masks of the guaranteed and the at-risk parts of each job's pay."""
        n = len(self.alternatives)
        guaranteed = np.tile(GUARANTEED, (n, 1))
        at_risk = np.tile(AT_RISK, (n, 1))
        if self.sign_on_clawback is not None:
            guaranteed[self.sign_on_clawback, _IDX["sign_on"]] = False
            at_risk[self.sign_on_clawback, _IDX["sign_on"]] = True
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
        return _calendar_month(self.start, month)

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


def _base_changes(scenario: Scenario) -> list[tuple[int, float]]:
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
        base_changes=_base_changes(scenario),
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
        if option.kind in CONTINUING_KINDS:
            start = 0 if option.kind == "counteroffer" else leave
            path = continuing_path(
                option,
                current,
                current_pay,
                leave=start,
                window=months,
                scenario_start=settings.start,
                time_value_per_hour=tvh,
                base_changes=_base_changes(scenario),
                in_comparison=factor.get(option.id, 1.0),
            )
            flows[j], tax[j], col[j] = path.flows, path.tax_rate, path.col_index
        else:
            start = leave
            _option_path(
                option,
                current,
                leave,
                months,
                clawback,
                settings.start,
                tvh,
                flows[j],
                tax[j],
                col[j],
                factor.get(option.id, 1.0),
            )
        who[j, start:] = j

    jobs = [scenario.job(a.id) for a in alternatives]
    breakdown: tuple[YearTax, ...] = ()
    if any(job.pay.tax_mode == "worked out" for job in jobs):
        breakdown = _worked_out_tax(scenario, alternatives, flows, who, tax, factor)

    forfeit = Forfeit(
        month=leave,
        # Forfeited: what would vest from `leave` on of grants and refreshers already given.
        equity=float(
            equity_vesting(current_pay, long_window, 0, settings.start, refreshers_until=leave)[leave:].sum()
        )
        * factor.get(STAYING_ID, 1.0),
        match=float(current.match_unvested[leave - 1]) if leave > 0 else current.match_unvested_at_start,
        clawback=clawback,
        # Worked-out tax: the rate staying pays in the leave month's year.
        tax_rate=float(tax[stay, leave]) if current_pay.tax_mode == "worked out" else current.tax_rate,
        col_index=current.col_index,
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
    jobs = [scenario.job(a.id) for a in alternatives]
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


CONTINUING_KINDS = CONTINUING_OPTION_KINDS  # the same employer: the employment carries on


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
        base_changes=_base_changes(scenario),
        is_current=True,
        in_comparison=factor.get(STAYING_ID, 1.0),
    )
    # Worked-out tax: the rate the option's path pays in the month you would leave it.
    worked_out = any(o.pay.tax_mode == "worked out" for o in scenario.options)
    rates_paid = project(scenario, leave).tax_rate if worked_out else None
    costs = []
    for j, option in enumerate(scenario.options, start=1):
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
                base_changes=_base_changes(scenario),
                refreshers_until=out,
                in_comparison=rate,
            )
            equity = float(path.flows[_IDX["equity"], out:].sum())
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
                    if rates_paid is None or pay.tax_mode != "worked out"
                    else float(rates_paid[j, min(out, months - 1)]),
                    col_index=pay.col_index,
                ),
                at_risk_until_clawback_ends=clawback_total * rate,
                clawback_ends=start + pay.clawback_months if clawback_total else None,
            )
        )
    return costs


@dataclass(frozen=True)
class Path:
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
) -> Path:
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
    bonus = _IDX["bonus"]
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

    flows[_IDX["sign_on"]] = 0.0
    if leave < window:
        flows[_IDX["sign_on"], leave] = (option.pay.sign_on + option.pay.relocation) * in_comparison

    until = refreshers_until
    flows[_IDX["equity"]] = current.in_comparison * equity_vesting(
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
    flows[_IDX["match"]] = match
    flows[_IDX["clawback"]] = 0.0
    return Path(
        flows=flows,
        tax_rate=np.where(before, current.tax_rate, role.tax_rate),
        col_index=np.where(before, current.col_index, role.col_index),
        match_unvested=unvested,
    )


def _option_path(
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
        flows[_IDX["clawback"], leave] -= clawback


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
