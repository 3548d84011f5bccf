"""The scenario: the current role, the options being weighed against it, the criteria and weights.

One `Scenario` object is the single source of truth for everything a person enters. It is a
pydantic model, so every field carries its own bounds and a file that breaks them is refused with a
message naming the field. Derived numbers (scores, ranks, totals) are never stored here: they are
computed from it by `core.decision.scoring`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, Field, field_validator, model_validator

from core.model.fields import (  # noqa: F401  (re-exported: pages import them from the model)
    MAX_MONEY,
    STAGES,
    LongText,
    Money,
    Printable,
    Rating,
    ShortText,
    Stage,
    Strict,
    Visible,
    invisible_character_problem,
    name_key,
)
from core.model.pipeline import People, Process, Reflection
from core.money.tax import US_STATES, FilingStatus, LaterYears
from core.shown import money

FORMAT_NAME = "stay-or-go/scenario"
FORMAT_VERSION = 2

Weight = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]

OptionKind = Literal["external offer", "internal role", "prospect", "counteroffer"]
OPTION_KINDS: tuple[str, ...] = get_args(OptionKind)

ChangeKind = Literal["raise", "promotion", "recognition", "other"]
CHANGE_KINDS: tuple[str, ...] = get_args(ChangeKind)

CriterionKind = Literal["pay", "rating"]

PAY_CRITERION_ID = "pay"


_Strict = Strict

Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
Months = Annotated[int, Field(ge=0, le=120)]

VestingPreset = Literal["4y_cliff_monthly", "25_25_25_25", "5_15_40_40", "33_33_22_12", "custom"]
Frequency = Literal["monthly", "quarterly", "yearly"]
MatchVesting = Literal["immediate", "cliff", "graded"]
PayMeasure = Literal["year1", "average", "guaranteed"]
# How a job's tax is found: one rate you enter, or US federal, state and payroll tax worked out
# per year (core.money.tax). Every file from before worked-out tax is "effective rate".
TaxMode = Literal["effective rate", "worked out"]
TAX_MODES: dict[str, str] = {
    "effective rate": "an effective rate you enter",
    "worked out": "worked out: US federal, state and payroll tax, year by year",
}

# name shown to people, yearly percentages, how often shares vest, cliff in months
VESTING_PRESETS: dict[str, tuple[str, tuple[float, ...], str, int]] = {
    "4y_cliff_monthly": ("4 years: 1-year cliff, then monthly", (25, 25, 25, 25), "monthly", 12),
    "25_25_25_25": ("4 years: 25% a year", (25, 25, 25, 25), "yearly", 0),
    "5_15_40_40": ("4 years: 5/15/40/40", (5, 15, 40, 40), "yearly", 0),
    "33_33_22_12": ("4 years: 33/33/22/12, monthly", (33, 33, 22, 12), "monthly", 0),
    "custom": ("Custom yearly percentages", (), "yearly", 0),
}
FREQUENCY_MONTHS: dict[str, int] = {"monthly": 1, "quarterly": 3, "yearly": 12}

# Furthest a vesting start may lie from the scenario's start: beyond it, it is a typo.
MAX_VESTING_START_YEARS = 5
# The projection's month 0 lies in these years: dates far outside are typos, and a start near
# 9999 would run the projection past the last date Python can hold.
EARLIEST_START = date(1900, 1, 1)
LATEST_START = date(2100, 12, 31)


def _not_blank(name: str) -> str:
    if not name.strip():
        raise ValueError("the name is blank; give it a name with letters or digits")
    return name


# Names people tell things apart by: not empty, not only spaces, no control characters (tabs and
# line breaks are allowed, as in all text: the options CSV round-trips them), no invisible or
# text-reversing characters (core.model.fields.INVISIBLE_CHARACTERS). Two names are the same name when
# their `name_key`s are (capitals and Unicode composition ignored).
NotBlank = AfterValidator(_not_blank)
CriterionName = Annotated[str, Field(min_length=1, max_length=60), Printable, Visible, NotBlank]
OptionName = Annotated[str, Field(min_length=1, max_length=80), Printable, Visible, NotBlank]


class VestingSchedule(_Strict):
    """How a grant vests: yearly percentages (a preset or custom), how often, and a cliff."""

    preset: VestingPreset = "4y_cliff_monthly"
    custom_pct: list[Percent] = Field(default_factory=list, max_length=10)
    frequency: Frequency | None = None  # None: the preset's
    cliff_months: Annotated[int, Field(ge=0, le=60)] | None = None  # None: the preset's

    @model_validator(mode="after")
    def _adds_up(self) -> VestingSchedule:
        if self.preset == "custom":
            total = sum(self.custom_pct)
            if not self.custom_pct or abs(total - 100) > 0.01:
                raise ValueError(
                    f"the custom yearly percentages add up to {total:g}%; make them add up to 100%"
                )
        return self

    @property
    def yearly_pct(self) -> tuple[float, ...]:
        return tuple(self.custom_pct) if self.preset == "custom" else VESTING_PRESETS[self.preset][1]

    @property
    def every_months(self) -> int:
        return FREQUENCY_MONTHS[self.frequency or VESTING_PRESETS[self.preset][2]]

    @property
    def cliff(self) -> int:
        return VESTING_PRESETS[self.preset][3] if self.cliff_months is None else self.cliff_months


class EquityGrant(_Strict):
    """Shares or units granted once, worth `value` at today's price, vesting on a schedule."""

    label: ShortText = "Equity grant"
    value: Money = 0.0
    vesting_start: date | None = None  # None: the day you start (or today, for the current role)
    schedule: VestingSchedule = Field(default_factory=VestingSchedule)


class Pay(_Strict):
    """Pay in all its parts, per year unless the name says otherwise.

    For the current role, `sign_on` is what you would repay if you left within `clawback_months`
    from today; for an option it is paid when you start and repaid if you leave within that time.
    """

    base: Money = 0.0
    raise_pct: Annotated[float, Field(ge=-50, le=50, allow_inf_nan=False)] = 3.0
    bonus_target_pct: Annotated[float, Field(ge=0, le=500, allow_inf_nan=False)] = 0.0
    bonus_payout_pct: Annotated[float, Field(ge=0, le=300, allow_inf_nan=False)] = 100.0
    sign_on: Money = 0.0
    relocation: Money = 0.0
    clawback_months: Months = 0
    grants: list[EquityGrant] = Field(default_factory=list, max_length=20)
    share_price_change_pct: Annotated[float, Field(ge=-90, le=200, allow_inf_nan=False)] = 0.0
    # Ranges for the uncertainty analysis; None: the expected value above, no range.
    bonus_payout_low_pct: Annotated[float, Field(ge=0, le=300, allow_inf_nan=False)] | None = None
    bonus_payout_high_pct: Annotated[float, Field(ge=0, le=300, allow_inf_nan=False)] | None = None
    share_price_change_low_pct: Annotated[float, Field(ge=-90, le=200, allow_inf_nan=False)] | None = None
    share_price_change_high_pct: Annotated[float, Field(ge=-90, le=200, allow_inf_nan=False)] | None = None
    equity_risk_discount_pct: Percent = 0.0
    refresher_value: Money = 0.0
    refresher_schedule: VestingSchedule = Field(default_factory=lambda: VestingSchedule(preset="25_25_25_25"))
    match_rate_pct: Annotated[float, Field(ge=0, le=200, allow_inf_nan=False)] = 0.0
    match_cap_pct: Percent = 0.0
    match_vesting: MatchVesting = "immediate"
    match_vesting_years: Annotated[int, Field(ge=0, le=10)] = 0
    match_unvested_now: Money = 0.0  # current role: employer match already paid in, not yet yours
    service_years: Annotated[float, Field(ge=0, le=60, allow_inf_nan=False)] = 0.0  # current role
    benefits: Money = 0.0
    health_cost: Money = 0.0
    pto_days: Annotated[float, Field(ge=0, le=366, allow_inf_nan=False)] = 0.0
    commute_minutes: Annotated[float, Field(ge=0, le=600, allow_inf_nan=False)] = 0.0  # per day
    office_days: Annotated[float, Field(ge=0, le=7, allow_inf_nan=False)] = 0.0  # per week
    commute_cost: Money = 0.0
    col_index: Annotated[float, Field(ge=10, le=1000, allow_inf_nan=False)] = 100.0
    tax_rate_pct: Annotated[float, Field(ge=0, le=90, allow_inf_nan=False)] = 0.0
    # Worked-out tax (core.money.tax), used when tax_mode is "worked out"; a US job in US dollars.
    tax_mode: TaxMode = "effective rate"
    tax_state: Annotated[str, Field(max_length=2)] = ""  # two-letter code: CA, NY, TX
    filing_status: FilingStatus = "single"
    retirement_pre_tax: Money = 0.0  # your own 401(k) or 403(b) contributions a year
    health_premiums_pre_tax: Money = 0.0  # health premiums taken from pay before tax, a year
    # A year later than the tax library knows: "refuse" (say so, and enter a rate), or "latest law".
    tax_later_years: LaterYears = "refuse"

    @field_validator("tax_state")
    @classmethod
    def _state_upper(cls, state: str) -> str:
        return state.strip().upper()

    @model_validator(mode="after")
    def _tax_state_known(self) -> Pay:
        if self.tax_state and self.tax_state not in US_STATES:
            raise ValueError(
                f"{self.tax_state!r} is not a US state; use its two-letter code, such as CA, NY or TX"
            )
        if self.tax_mode == "worked out" and not self.tax_state:
            raise ValueError("worked-out tax needs the state the job is taxed in; choose it, or enter a rate")
        return self

    @property
    def bonus(self) -> float:
        """The bonus you expect in a year at today's base: target times expected payout."""
        return self.base * self.bonus_target_pct / 100 * self.bonus_payout_pct / 100

    @property
    def total(self) -> float:
        """Base + expected bonus + benefits: a quick yearly figure for tables, before equity."""
        return self.base + self.bonus + self.benefits


PAY_PARTS: dict[str, str] = {
    "base": "Base salary",
    "bonus_target_pct": "Bonus target (% of base)",
    "sign_on": "Sign-on bonus",
    "benefits": "Benefits (value per year)",
}


class MoneySettings(_Strict):
    """How money over time is projected and which measure of it the pay criterion scores."""

    start: date = Field(default_factory=date.today, ge=EARLIEST_START, le=LATEST_START)  # month 0
    horizon_years: Annotated[int, Field(ge=1, le=10)] = 5
    pay_measure: PayMeasure = "average"
    time_value_per_hour: Money = 0.0  # what an hour of commuting is worth to you
    leave_month: Months = 0  # the month you would leave the current role, for "if I leave at N"
    # Months after starting it that you would leave the new job, for what that costs (sign-on owed
    # back, equity not yet vested); None: you stay in the new job.
    leave_new_month: Months | None = None
    # Exchange rates: the day of the ECB reference rates used (None: the start, or the latest
    # shipped if later), and rates you enter, per job currency: how many of the comparison
    # currency one unit is worth ("GBP": 1.17).
    rate_date: date | None = None
    rate_overrides: dict[
        Annotated[str, Field(pattern=r"^[A-Z]{3}$")],
        Annotated[float, Field(gt=0, le=1e6, allow_inf_nan=False)],
    ] = Field(default_factory=dict, max_length=50)


# What the pay criterion scores; every measure is after tax and cost of living.
PAY_MEASURES: dict[str, str] = {
    "average": "the average year",
    "year1": "the first year",
    "guaranteed": "guaranteed pay only (base, and sign-on and relocation with no clawback), as an average year",
}


class Criterion(_Strict):
    """Something the person cares about. `pay` is computed from pay; every other one is rated 0-10."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]{1,40}$")]
    name: CriterionName
    weight: Weight = 0.0
    kind: CriterionKind = "rating"
    description: ShortText = ""


class RecentChange(_Strict):
    """Something that changed in the current role: a raise, a promotion, recognition.

    With `new_base` and a date after the scenario's start, the base salary changes on that date;
    a change already in the past is already in today's base.
    """

    kind: ChangeKind = "other"
    when: date | None = None
    note: ShortText = ""
    new_base: Money | None = None


class RatingRange(_Strict):
    """How sure you are of a rating: the lowest and highest it could really be. A rating moved
    outside its range stretches the range to include it (core.decision.uncertainty)."""

    low: Rating
    high: Rating

    @model_validator(mode="after")
    def _ordered(self) -> RatingRange:
        if self.low > self.high:
            raise ValueError(f"the low end ({self.low:g}) is above the high end ({self.high:g}); swap them")
        return self


WeightMode = Literal["fixed", "around", "none"]
WEIGHT_MODES: dict[str, str] = {
    "fixed": "exactly as set on the sliders",
    "around": "around the sliders, give or take",
    "none": "any weights at all (no weight information)",
}


class RobustnessSettings(_Strict):
    """How the uncertainty analysis draws: how many draws, how weights vary, and the default width
    of a rating where you gave no range."""

    draws: Annotated[int, Field(ge=500, le=50_000)] = 10_000
    seed: Annotated[int, Field(ge=0, le=2**31 - 1)] = 2026
    weight_mode: WeightMode = "around"
    weight_spread: Annotated[float, Field(ge=0.05, le=0.7, allow_inf_nan=False)] = 0.2
    default_spread: Annotated[float, Field(ge=0, le=5, allow_inf_nan=False)] = 1.0


def _iso_currency(code: str | None) -> str | None:
    if code is None:
        return None
    from core.money.currency import currency_code

    return currency_code(code)


class Job(_Strict):
    employer: ShortText = ""
    role: ShortText = ""
    level: ShortText = ""
    pay: Pay = Field(default_factory=Pay)
    # The ISO 4217 code the job pays in; None: the scenario's currency (every older file).
    currency: Annotated[str, Field(max_length=8)] | None = None
    ratings: dict[str, Rating] = Field(default_factory=dict)
    rating_ranges: dict[str, RatingRange] = Field(default_factory=dict)
    notes: LongText = ""

    @field_validator("currency")
    @classmethod
    def _currency_code(cls, code: str | None) -> str | None:
        return _iso_currency(code)


class CurrentRole(Job):
    recent_changes: list[RecentChange] = Field(default_factory=list, max_length=100)
    reflection: Reflection = Field(default_factory=Reflection)  # core.model.pipeline: why you are looking
    people: People = Field(default_factory=People)  # core.model.pipeline: names for the message drafts


class Option(Job):
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,40}$")]
    name: OptionName
    kind: OptionKind = "external offer"
    stage: Stage = "interviewing"
    process: Process = Field(default_factory=Process)  # core.model.pipeline: the interview process


class PayScale(_Strict):
    """The value function that turns pay into a 0-10 score, relative to the current role.

    Pay equal to the current role's scores 5. A raise of `raise_for_10` percent or more scores 10;
    a cut of `cut_for_0` percent or more scores 0; in between the score is linear on each side.
    """

    raise_for_10: Annotated[float, Field(gt=0, le=500, allow_inf_nan=False)] = 30.0
    cut_for_0: Annotated[float, Field(gt=0, le=100, allow_inf_nan=False)] = 30.0


# Staying put's id among the alternatives, beside the options' own ids (which never take it).
STAYING_ID = "__staying__"


@dataclass(frozen=True)
class Alternative:
    """A job the person could be in a year from now: staying put or one of the options, by its id
    (which a rename doesn't change). The comparison and the money model label their rows with
    these (`Scenario.alternatives`)."""

    id: str
    label: str  # the name a person reads ("Stay at Acme", "Globex")
    kind: str  # "current role", "offer" or "prospect"

    @property
    def is_staying(self) -> bool:
        return self.id == STAYING_ID


class RowsByAlternative:
    """For a result with one row per alternative, in the order of its `alternatives` (the decision
    matrix, the money projection): each row found by the alternative's id, never by its position."""

    alternatives: tuple[Alternative, ...]

    @cached_property
    def staying(self) -> int:
        """The row of staying put."""
        return self.row_of(STAYING_ID)

    def row_of(self, alternative_id: str) -> int:
        """The row of the alternative with this id; KeyError when there is none."""
        try:
            return self._rows[alternative_id]
        except KeyError:
            raise KeyError(f"No alternative has the id {alternative_id!r}.") from None

    @cached_property
    def _rows(self) -> dict[str, int]:
        return {a.id: row for row, a in enumerate(self.alternatives)}


class Scenario(_Strict):
    format: Literal["stay-or-go/scenario"] = FORMAT_NAME
    version: Literal[2] = FORMAT_VERSION
    name: ShortText = "My decision"
    example: bool = False
    currency: Annotated[str, Field(max_length=8), Printable] = "$"
    current: CurrentRole = Field(default_factory=CurrentRole)
    options: list[Option] = Field(default_factory=list, max_length=200)
    criteria: list[Criterion] = Field(min_length=1, max_length=30)
    pay_scale: PayScale = Field(default_factory=PayScale)
    money: MoneySettings = Field(default_factory=MoneySettings)
    robustness: RobustnessSettings = Field(default_factory=RobustnessSettings)
    # Pairwise judgements for AHP weights: "a|b" -> how many times criterion a matters as much as b.
    pairwise: dict[str, Annotated[float, Field(ge=1 / 9 - 1e-9, le=9, allow_inf_nan=False)]] = Field(
        default_factory=dict
    )

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        ids = [c.id for c in self.criteria]
        _no_duplicates(ids, "criterion id")
        _no_duplicates([name_key(c.name) for c in self.criteria], "criterion name")
        if sum(c.kind == "pay" for c in self.criteria) > 1:
            raise ValueError("only one criterion can be the pay criterion")
        _no_duplicates([o.id for o in self.options], "option id")
        _no_duplicates([name_key(o.name) for o in self.options], "option name")
        for o in self.options:
            if o.id == STAYING_ID:
                raise ValueError(
                    f"an option's id can't be {STAYING_ID!r}: that id is staying put's; change it"
                )
            if name_key(o.name) == name_key(self.staying_label):
                raise ValueError(
                    f"an option can't be called {o.name!r}: that is how staying is shown; rename it"
                )
        latest = self.money.start + timedelta(days=round(365.25 * MAX_VESTING_START_YEARS))
        for label, job in [("current role", self.current)] + [
            (f"option '{o.name}'", o) for o in self.options
        ]:
            for g in job.pay.grants:
                if g.vesting_start is not None and g.vesting_start > latest:
                    raise ValueError(
                        f"{label}: the grant '{g.label}' starts vesting on {g.vesting_start}, more than "
                        f"{MAX_VESTING_START_YEARS} years after {self.money.start}; check the date"
                    )
        for label, job in [("current role", self.current)] + [
            (f"option '{o.name}'", o) for o in self.options
        ]:
            if job.pay.tax_mode == "worked out" and self.job_currency(job) != "USD":
                raise ValueError(
                    f"{label}: worked-out tax is US tax on US dollars, and this job pays in "
                    f"{self.job_currency(job) or self.currency}; set its currency to USD, or enter an "
                    "effective tax rate"
                )
            if (
                job.currency is not None
                and self.comparison_currency is None
                and job.currency != self.currency
            ):
                raise ValueError(
                    f"{label} pays in {job.currency}, but the comparison currency {self.currency!r} is not "
                    "one ISO code to convert to; pick the comparison currency's code (USD, EUR, GBP...)"
                )
        for pair in self.pairwise:
            a, _, b = pair.partition("|")
            if a not in ids or b not in ids or a == b:
                raise ValueError(
                    f"the pairwise judgement {pair!r} does not name two criteria of this scenario"
                )
        rated = {c.id for c in self.criteria if c.kind == "rating"}
        for label, job in [("current role", self.current)] + [
            (f"option '{o.name}'", o) for o in self.options
        ]:
            unknown = sorted(set(job.ratings) - rated)
            if unknown:
                raise ValueError(
                    f"{label} has a rating for {', '.join(map(repr, unknown))}, "
                    "which is not a rated criterion; remove it or add the criterion"
                )
            stray = sorted(set(job.rating_ranges) - rated)
            if stray:
                raise ValueError(
                    f"{label} has a rating range for {stray[0]!r}, which is not a rated criterion"
                )
            missing = [c.name for c in self.criteria if c.kind == "rating" and c.id not in job.ratings]
            if missing:
                raise ValueError(
                    f"{label} has no rating for {', '.join(map(repr, missing))}; "
                    "give each a rating from 0 to 10"
                )
        return self

    # Look-ups used by pages and scoring -------------------------------------------------------

    def option(self, option_id: str) -> Option:
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)

    def job(self, alternative_id: str) -> CurrentRole | Option:
        """The current role for `STAYING_ID`, else the option with this id (KeyError when there is none)."""
        return self.current if alternative_id == STAYING_ID else self.option(alternative_id)

    def jobs(self) -> dict[str, CurrentRole | Option]:
        """Every job by alternative id (`STAYING_ID` for the current role): for reading them all,
        where `job` would look each one up again."""
        return {STAYING_ID: self.current, **{o.id: o for o in self.options}}

    def criterion(self, criterion_id: str) -> Criterion:
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(criterion_id)

    @property
    def rated_criteria(self) -> list[Criterion]:
        return [c for c in self.criteria if c.kind == "rating"]

    @property
    def comparison_currency(self) -> str | None:
        """The ISO code of the currency everything is compared in (`currency`, which older files
        hold as a symbol: "$" is USD), or None for a symbol that names no one currency ("kr")."""
        from core.money.currency import legacy_code

        return legacy_code(self.currency)

    def job_currency(self, job: Job) -> str | None:
        """The ISO code `job` pays in: its own, or the comparison currency's."""
        return job.currency if job.currency is not None else self.comparison_currency

    @property
    def staying_label(self) -> str:
        employer = self.current.employer.strip()
        return f"Stay at {employer}" if employer else "Stay"

    @property
    def alternatives(self) -> tuple[Alternative, ...]:
        """Staying put, then every option in the scenario's order."""
        return (
            Alternative(STAYING_ID, self.staying_label, "current role"),
            *(Alternative(o.id, o.name, o.kind) for o in self.options),
        )


def _visible(name: str) -> None:
    if (problem := invisible_character_problem(name)) is not None:
        raise ValueError(f"{problem[0].upper()}{problem[1:]}.")


def _no_duplicates(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for v in values:
        if v in seen:
            raise ValueError(f"two entries share the {what} {v!r}; each must be different")
        seen.add(v)


# Editing helpers: pure functions that return a new, validated scenario ----------------------------
# Pages call these from widget callbacks; each either returns a valid scenario or raises ValueError
# with a message a person can act on, leaving the original untouched.


def slug(text: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """An id made from a name: lower-case ASCII letters, digits and underscores, unique in `taken`."""
    chars = [
        ch if ch.isascii() and ch.isalnum() else "_"
        for ch in unicodedata.normalize("NFKD", text.lower())
        if not unicodedata.combining(ch)  # "ü" -> "u", not "_"
    ]
    base = re.sub(r"_+", "_", "".join(chars)).strip("_")[:30] or "item"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    return candidate


def add_criterion(scenario: Scenario, name: str, weight: float = 10.0) -> Scenario:
    name = name.strip()
    if not name:
        raise ValueError("Give the new criterion a name.")
    _visible(name)
    if any(name_key(c.name) == name_key(name) for c in scenario.criteria):
        raise ValueError(f"There is already a criterion called '{name}'. Pick another name.")
    new = Criterion(id=slug(name, {c.id for c in scenario.criteria}), name=name, weight=weight)
    data = scenario.model_dump()
    data["criteria"].append(new.model_dump())
    # Everyone starts at a neutral 5 on a new criterion; the pages say so and let the person rate it.
    data["current"]["ratings"][new.id] = 5.0
    for o in data["options"]:
        o["ratings"][new.id] = 5.0
    return Scenario.model_validate(data)


def remove_criterion(scenario: Scenario, criterion_id: str) -> Scenario:
    crit = scenario.criterion(criterion_id)
    if crit.kind == "pay":
        raise ValueError("Pay can't be removed; set its weight to 0 if it should not count.")
    if len(scenario.criteria) == 1:
        raise ValueError("Keep at least one criterion.")
    data = scenario.model_dump()
    data["criteria"] = [c for c in data["criteria"] if c["id"] != criterion_id]
    for job in [data["current"], *data["options"]]:
        job["ratings"].pop(criterion_id, None)
        job["rating_ranges"].pop(criterion_id, None)
    data["pairwise"] = {k: v for k, v in data["pairwise"].items() if criterion_id not in k.split("|")}
    return Scenario.model_validate(data)


def rename_criterion(scenario: Scenario, criterion_id: str, name: str) -> Scenario:
    name = name.strip()
    if not name:
        raise ValueError("A criterion needs a name.")
    _visible(name)
    if any(c.id != criterion_id and name_key(c.name) == name_key(name) for c in scenario.criteria):
        raise ValueError(f"There is already a criterion called '{name}'. Pick another name.")
    data = scenario.model_dump()
    for c in data["criteria"]:
        if c["id"] == criterion_id:
            c["name"] = name
    return Scenario.model_validate(data)


# What a new external offer or prospect starts with from the current role: where you live and
# work, not what the employer pays. Each is an assumption until the person enters the offer's.
COPIED_FROM_CURRENT: dict[str, str] = {
    "tax_rate_pct": "Tax rate",
    "col_index": "Cost of living",
    "pto_days": "Days off",
    "office_days": "Office days",
    "commute_minutes": "Commute time",
    "commute_cost": "Commute cost",
}
CONTINUING_OPTION_KINDS = ("internal role", "counteroffer")  # the same employer


def new_option(scenario: Scenario, name: str = "", kind: str = "external offer") -> Option:
    """A fresh option, not yet in the scenario, with a unique name and neutral ratings.

    An external offer or prospect starts with the current role's tax rate, cost of living, days
    off, office days and commute (COPIED_FROM_CURRENT), so that an option with only a base entered
    is not scored as untaxed pay with no commute; `pay_assumptions` lists what is still copied.
    An internal role or counteroffer is the same employer: it starts with the current employer
    and pay, without the grants, sign-on and relocation (the employer's grants carry on by
    themselves, core.money.compensation)."""
    taken_names = {name_key(o.name) for o in scenario.options}
    base_name = name.strip() or "New option"
    candidate, n = base_name, 2
    while name_key(candidate) in taken_names:
        candidate, n = f"{base_name} {n}", n + 1
    taken_ids = {o.id for o in scenario.options}
    current = scenario.current
    if kind in CONTINUING_OPTION_KINDS:
        employer = current.employer
        pay = current.pay.model_copy(
            update={"grants": [], "sign_on": 0.0, "relocation": 0.0, "clawback_months": 0}
        )
    else:
        employer = ""
        pay = Pay(**{field: getattr(current.pay, field) for field in COPIED_FROM_CURRENT})
    return Option(
        id=slug(candidate, taken_ids),
        name=candidate,
        kind=kind,  # type: ignore[arg-type]
        stage={"prospect": "applied", "counteroffer": "offer"}.get(kind, "interviewing"),
        employer=employer,
        pay=pay,
        ratings={c.id: 5.0 for c in scenario.rated_criteria},
    )


def counteroffer_from_current(scenario: Scenario) -> Option:
    """A copy of the current role as an option of its own, to change pay or title in.

    The current grants are not copied: a counteroffer is the same employer, so they keep vesting
    on their own (core.money.compensation carries them); add only what the counteroffer adds."""
    employer = scenario.current.employer.strip()
    option = new_option(scenario, f"Counteroffer{' from ' + employer if employer else ''}", "counteroffer")
    current = scenario.current
    return option.model_copy(
        update={
            "employer": current.employer,
            "role": current.role,
            "level": current.level,
            "stage": "offer",
            "ratings": dict(current.ratings),
        }
    )


def _shown(field: str, value: float, currency: str) -> str:
    if field == "tax_rate_pct":
        return f"{value:g}%"
    if field == "pto_days":
        return f"{value:g} days"
    if field == "office_days":
        return f"{value:g} days a week"
    if field == "commute_minutes":
        return f"{value:g} minutes a day"
    if field in ("commute_cost", "base"):
        return money(value, currency)
    return f"{value:g}"


def pay_assumptions(scenario: Scenario, option: Option) -> list[str]:
    """Short sentences a page can show about `option`'s pay fields that are still assumptions:
    no base salary yet; a field still equal to the current role's, copied when the option was
    added (where the current role's is not the default); a field still at its default while the
    current role's is not (a tax rate of 0% while yours is 30%).

    For an internal role or counteroffer the base salary copied from the current role counts too;
    the other copied fields are the same employer's and may well be right.
    """
    current, pay, cur = scenario.current.pay, option.pay, option.currency or scenario.currency
    notes: list[str] = []
    if pay.base <= 0:
        notes.append("No base salary yet: enter the base salary.")
    continuing = option.kind in CONTINUING_OPTION_KINDS
    if continuing and pay.base > 0 and pay.base == current.base:
        notes.append(
            f"Base salary: {_shown('base', pay.base, cur)}, copied from your current role; change it "
            "if the new role pays differently."
        )
    if continuing:
        return notes
    default = Pay()
    for field, name in COPIED_FROM_CURRENT.items():
        mine, now, plain = getattr(pay, field), getattr(current, field), getattr(default, field)
        if now == plain:
            continue  # nothing was assumed: the current role has the default too
        if mine == now:
            notes.append(
                f"{name}: {_shown(field, mine, cur)}, copied from your current role; an assumption until "
                "you enter the offer's."
            )
        elif mine == plain:
            notes.append(
                f"{name}: {_shown(field, mine, cur)}, while your current role's is "
                f"{_shown(field, now, cur)}; check the offer's."
            )
    return notes
