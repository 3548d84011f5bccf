"""US income and payroll tax on one job's pay in one year, worked out, not guessed.

Federal and state income tax come from `tenforty` (Open Tax Solver, the forms' own arithmetic;
docs/methods.md says why it and not policyengine-us or taxcalc). Payroll taxes are ours, a few
published figures with their source below. A state or year the library cannot do raises
`TaxNotCovered`, whose message a page shows before asking for an effective rate instead: the tax is
never silently 0.

What is taxed (docs/methods.md, "Worked-out US income tax"):
- wages: base, bonus, sign-on and relocation, vested RSUs (as wages, in the year they vest); the
  employer's retirement match is not taxed now, so it is not passed in;
- income-tax wages = wages - pre-tax retirement contributions - pre-tax health premiums;
- Social Security and Medicare wages = wages - pre-tax health premiums (401(k) deferrals are
  subject to FICA, cafeteria-plan premiums are not).

Pure: no streamlit. Each return is cached, so a page that redraws asks the library once per
job, year and amount.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, get_args

FilingStatus = Literal[
    "single",
    "married filing jointly",
    "married filing separately",
    "head of household",
    "qualifying surviving spouse",
]
FILING_STATUSES: tuple[str, ...] = get_args(FilingStatus)
_TENFORTY_STATUS = {
    "single": "Single",
    "married filing jointly": "Married/Joint",
    "married filing separately": "Married/Sep",
    "head of household": "Head_of_House",
    "qualifying surviving spouse": "Widow(er)",
}

# What the tax of a year in a later year than the library knows does: "refuse" raises
# TaxNotCovered; "latest law" uses the latest year's law the library has, and says so.
LaterYears = Literal["refuse", "latest law"]

US_STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip

# Payroll taxes, employee's share. Social Security wage base: Social Security Administration,
# "Contribution and Benefit Base", https://www.ssa.gov/oact/cola/cbb.html. Rates: IRC 3101(a)
# (6.2%) and 3101(b)(1) (1.45%); additional Medicare tax 0.9% above the thresholds of IRC
# 3101(b)(2) and 1401(b)(2), which are not indexed (IRS Form 8959 instructions; Topic 560).
SOCIAL_SECURITY_WAGE_BASE: dict[int, float] = {
    2018: 128_400.0,
    2019: 132_900.0,
    2020: 137_700.0,
    2021: 142_800.0,
    2022: 147_000.0,
    2023: 160_200.0,
    2024: 168_600.0,
    2025: 176_100.0,
    2026: 184_500.0,
}
SOCIAL_SECURITY_RATE = 0.062
MEDICARE_RATE = 0.0145
ADDITIONAL_MEDICARE_RATE = 0.009
ADDITIONAL_MEDICARE_THRESHOLD: dict[str, float] = {
    "single": 200_000.0,
    "head of household": 200_000.0,
    "qualifying surviving spouse": 200_000.0,
    "married filing jointly": 250_000.0,
    "married filing separately": 125_000.0,
}
MARGINAL_STEP = 100.0  # the marginal rate is the tax on the next $100 of wages


class TaxNotCovered(ValueError):
    """The library cannot work out this state or year: the page should say so and ask for an
    effective rate for this job instead."""


@lru_cache(maxsize=1)
def library_years() -> tuple[int, ...]:
    """The tax years whose law the library knows, oldest first (2018 to 2025 in tenforty 2025.12)."""
    from tenforty.models import OTSYear

    return tuple(sorted(int(y.value) for y in OTSYear))


@lru_cache(maxsize=16)
def covered_states(year: int) -> tuple[str, ...]:
    """The state codes whose income tax the library works out for `year` (empty for a year it
    does not know): for a page to mark the others "enter a rate" before the person picks one.

    >>> {"CA", "NY", "TX"} <= set(covered_states(2025)), "IL" in covered_states(2025)
    (True, False)
    """
    if year not in library_years():
        return ()
    covered = []
    for code in US_STATES:
        try:
            _income_tax(year, code, "single", 50_000.0)
        except TaxNotCovered:
            continue
        covered.append(code)
    return tuple(covered)


def social_security_wage_base(year: int) -> float:
    """That year's Social Security wage base; a year after the table uses the last one known.

    >>> social_security_wage_base(2025), social_security_wage_base(2030)
    (176100.0, 184500.0)
    """
    known = max(y for y in SOCIAL_SECURITY_WAGE_BASE if y <= year) if year >= 2018 else 2018
    return SOCIAL_SECURITY_WAGE_BASE[known]


def payroll_taxes(year: int, fica_wages: float, filing_status: str) -> tuple[float, float, float]:
    """Social Security, Medicare and additional Medicare tax on a year's FICA wages.

    >>> payroll_taxes(2025, 300_000, "married filing jointly")
    (10918.2, 4350.0, 450.0)
    """
    wages = max(0.0, float(fica_wages))
    social = round(SOCIAL_SECURITY_RATE * min(wages, social_security_wage_base(year)), 2)
    medicare = round(MEDICARE_RATE * wages, 2)
    extra = round(
        ADDITIONAL_MEDICARE_RATE * max(0.0, wages - ADDITIONAL_MEDICARE_THRESHOLD[filing_status]), 2
    )
    return social, medicare, extra


@dataclass(frozen=True)
class TaxBreakdown:
    """One year's tax on wages, part by part (US dollars a year)."""

    year: int  # the tax year asked for
    law_year: int  # the year whose law was used (later than the library knows: its latest)
    state: str
    filing_status: str
    wages: float  # base, bonus, sign-on and relocation, vested RSUs
    retirement_pre_tax: float
    health_pre_tax: float
    federal_income: float
    state_income: float
    social_security: float
    medicare: float
    additional_medicare: float
    notes: tuple[str, ...] = field(default=())
    # The whole return's (wages, retirement, premiums): this job's alone, or both jobs' in the
    # year you change jobs. The marginal rate is the return's.
    return_amounts: tuple[float, float, float] | None = None

    @property
    def marginal_rate(self) -> float:
        """Tax on the next $100 of wages, / 100 (federal, state and payroll), worked out when asked:
        it costs a second return."""
        wages, retire, health = self.return_amounts or (
            self.wages,
            self.retirement_pre_tax,
            self.health_pre_tax,
        )
        args = (self.law_year, self.year, self.state, self.filing_status)
        now = _taxes(*args, wages, retire, health)
        up = _taxes(*args, wages + MARGINAL_STEP, retire, health)
        return (sum(up) - sum(now)) / MARGINAL_STEP

    @property
    def income_tax_wages(self) -> float:
        return max(0.0, self.wages - self.retirement_pre_tax - self.health_pre_tax)

    @property
    def payroll(self) -> float:
        return self.social_security + self.medicare + self.additional_medicare

    @property
    def total(self) -> float:
        return self.federal_income + self.state_income + self.payroll

    @property
    def after_tax(self) -> float:
        """Wages less every tax: what the money model counts (your own pre-tax contributions are
        still yours; premiums are counted as a health cost)."""
        return self.wages - self.total

    @property
    def take_home(self) -> float:
        """The paychecks: after tax, less your pre-tax contributions and premiums."""
        return self.after_tax - self.retirement_pre_tax - self.health_pre_tax

    @property
    def effective_rate(self) -> float:
        return self.total / self.wages if self.wages > 0 else 0.0

    def as_dict(self) -> dict[str, object]:
        """The breakdown as plain numbers, for a table, the CSV and `report --format json`."""
        return {
            "year": self.year,
            "law_year": self.law_year,
            "state": self.state,
            "filing_status": self.filing_status,
            "wages": round(self.wages, 2),
            "retirement_pre_tax": round(self.retirement_pre_tax, 2),
            "health_pre_tax": round(self.health_pre_tax, 2),
            "federal_income_tax": round(self.federal_income, 2),
            "state_income_tax": round(self.state_income, 2),
            "social_security": round(self.social_security, 2),
            "medicare": round(self.medicare, 2),
            "additional_medicare": round(self.additional_medicare, 2),
            "total_tax": round(self.total, 2),
            "after_tax": round(self.after_tax, 2),
            "take_home": round(self.take_home, 2),
            "effective_rate": round(self.effective_rate, 4),
            "marginal_rate": round(self.marginal_rate, 4),
            "notes": list(self.notes),
        }


def check_inputs(state: str, filing_status: str, *amounts: float) -> str:
    """The state code in capitals, or a ValueError a person can act on: an unknown state or
    filing status, a negative or non-finite amount."""
    code = (state or "").strip().upper()
    if code not in US_STATES:
        raise ValueError(
            f"{state!r} is not a US state; use its two-letter code, such as CA, NY or TX "
            "(for a job outside the US, enter an effective tax rate instead)"
        )
    if filing_status not in FILING_STATUSES:
        raise ValueError(
            f"{filing_status!r} is not a filing status; use one of: {', '.join(FILING_STATUSES)}"
        )
    for amount in amounts:
        if not amount == amount or amount in (float("inf"), float("-inf")):
            raise ValueError("an amount is not a number; enter it in dollars a year")
        if amount < 0:
            raise ValueError(f"{amount:,.0f} is negative; contributions and premiums are 0 or more a year")
    return code


def law_year_for(year: int, later_years: str = "refuse") -> int:
    """The year whose law taxes `year`, or TaxNotCovered."""
    years = library_years()
    if year in years:
        return year
    if year > years[-1] and later_years == "latest law":
        return years[-1]
    raise TaxNotCovered(
        f"The tax library knows US tax law for {years[0]} to {years[-1]}, not {year}. Enter an effective "
        f"tax rate for this job, or choose to use {years[-1]} law for later years."
    )


@lru_cache(maxsize=65_536)
def _income_tax(law_year: int, state: str, filing_status: str, wages: float) -> tuple[float, float]:
    """(federal income tax, state income tax) from the library; cached per return."""
    import tenforty

    try:
        result = tenforty.evaluate_return(
            year=law_year, state=state, filing_status=_TENFORTY_STATUS[filing_status], w2_income=wages
        )
    except ValueError as error:  # tenforty: "OTS does not support 2025/IL_1040"; pydantic errors too
        # The library's own words name its internals (a form code): kept as the cause, not shown.
        raise TaxNotCovered(
            f"The tax library cannot work out {US_STATES[state]} income tax for {law_year}. "
            "Enter an effective tax rate for this job instead."
        ) from error
    return float(result.federal_income_tax), float(result.state_total_tax)


def _taxes(
    law_year: int, year: int, state: str, status: str, wages: float, retire: float, health: float
) -> tuple[float, float, float, float, float]:
    """(federal, state, Social Security, Medicare, additional Medicare) on one return."""
    income_wages = round(max(0.0, wages - retire - health), 2)
    federal, state_tax = _income_tax(law_year, state, status, income_wages)
    social, medicare, extra = payroll_taxes(year, max(0.0, wages - health), status)
    return federal, state_tax, social, medicare, extra


@lru_cache(maxsize=65_536)
def us_tax(
    year: int,
    state: str,
    filing_status: str,
    wages: float,
    *,
    retirement_pre_tax: float = 0.0,
    health_pre_tax: float = 0.0,
    later_years: str = "refuse",
) -> TaxBreakdown:
    """Federal and state income tax and payroll taxes on a year's wages from one or more jobs.

    Raises ValueError for an unknown state or a negative amount, and TaxNotCovered for a state or
    year the library cannot do (`later_years="latest law"` taxes a later year under the latest law
    it knows, and says so in `notes`).
    """
    code = check_inputs(state, filing_status, wages, retirement_pre_tax, health_pre_tax)
    law = law_year_for(year, later_years)
    wages, retire, health = float(wages), float(retirement_pre_tax), float(health_pre_tax)
    parts = _taxes(law, year, code, filing_status, wages, retire, health)
    notes = []
    if law != year:
        notes.append(f"{year} taxed under {law} law, the latest the tax library knows")
    if year > max(SOCIAL_SECURITY_WAGE_BASE):
        notes.append(
            f"Social Security wage base for {year} not yet published: "
            f"{max(SOCIAL_SECURITY_WAGE_BASE)}'s is used"
        )
    return TaxBreakdown(
        year=year,
        law_year=law,
        state=code,
        filing_status=filing_status,
        wages=wages,
        retirement_pre_tax=retire,
        health_pre_tax=health,
        federal_income=parts[0],
        state_income=parts[1],
        social_security=parts[2],
        medicare=parts[3],
        additional_medicare=parts[4],
        notes=tuple(notes),
    )


def share_of_year(breakdown: TaxBreakdown, wages: float, income_tax_wages: float) -> TaxBreakdown:
    """One job's share of a year taxed on two jobs' pay together (the year you change jobs).

    Income taxes are shared in proportion to income-tax wages, payroll taxes in proportion to
    FICA wages (wages less premiums; the Social Security wage base applies to the year's total,
    as the return refunds what two employers withheld above it). Rates stay the year's.

    >>> year = us_tax(2025, "TX", "single", 200_000)
    >>> part = share_of_year(year, 120_000, 120_000)
    >>> part.federal_income, part.social_security
    (22240.2, 6550.92)
    """
    income_share = income_tax_wages / breakdown.income_tax_wages if breakdown.income_tax_wages > 0 else 0.0
    fica_share = wages / breakdown.wages if breakdown.wages > 0 else 0.0
    return TaxBreakdown(
        year=breakdown.year,
        law_year=breakdown.law_year,
        state=breakdown.state,
        filing_status=breakdown.filing_status,
        wages=wages,
        retirement_pre_tax=breakdown.retirement_pre_tax * fica_share,
        health_pre_tax=breakdown.health_pre_tax * fica_share,
        federal_income=round(breakdown.federal_income * income_share, 2),
        state_income=round(breakdown.state_income * income_share, 2),
        social_security=round(breakdown.social_security * fica_share, 2),
        medicare=round(breakdown.medicare * fica_share, 2),
        additional_medicare=round(breakdown.additional_medicare * fica_share, 2),
        notes=breakdown.notes,
        return_amounts=breakdown.return_amounts
        or (breakdown.wages, breakdown.retirement_pre_tax, breakdown.health_pre_tax),
    )


def notes_for_years(breakdowns: Iterable[TaxBreakdown]) -> list[str]:
    """What the notes of many years' breakdowns say, each said once for the years it applies to
    ("2027 to 2031"), not once a year.

    >>> later = [us_tax(y, "TX", "single", 100_000.0, later_years="latest law") for y in (2027, 2028, 2029)]
    >>> notes_for_years(later)  # doctest: +NORMALIZE_WHITESPACE
    ['2027 to 2029 taxed under 2025 law, the latest the tax library knows',
     "Social Security wage base for 2027 to 2029 not yet published: 2026's is used"]
    """
    years = sorted({(b.year, b.law_year) for b in breakdowns})
    by_law: dict[int, list[int]] = {}
    for year, law in years:
        if law != year:
            by_law.setdefault(law, []).append(year)
    published = max(SOCIAL_SECURITY_WAGE_BASE)
    unpublished = sorted({year for year, _ in years if year > published})
    notes = [
        f"{_span(ys)} taxed under {law} law, the latest the tax library knows" for law, ys in by_law.items()
    ]
    if unpublished:
        notes.append(
            f"Social Security wage base for {_span(unpublished)} not yet published: {published}'s is used"
        )
    return notes


def _span(years: list[int]) -> str:
    """Years as a person says them: "2027", "2027 to 2031", or "2027, 2029" when not in a row."""
    if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]} to {years[-1]}"
    return ", ".join(str(y) for y in years)
