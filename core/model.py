"""The scenario: the current role, the options being weighed against it, the criteria and weights.

One `Scenario` object is the single source of truth for everything a person enters. It is a
pydantic model, so every field carries its own bounds and a file that breaks them is refused with a
message naming the field. Derived numbers (scores, ranks, totals) are never stored here: they are
computed from it by `core.scoring`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

FORMAT_NAME = "stay-or-go/scenario"
FORMAT_VERSION = 1

# Bounds on what a person can type. Money is yearly, in the scenario's currency.
MAX_MONEY = 1e9
Money = Annotated[float, Field(ge=0, le=MAX_MONEY, allow_inf_nan=False)]
Rating = Annotated[float, Field(ge=0, le=10, allow_inf_nan=False)]
Weight = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
ShortText = Annotated[str, Field(max_length=200)]
LongText = Annotated[str, Field(max_length=5000)]

OptionKind = Literal["external offer", "internal role", "prospect"]
OPTION_KINDS: tuple[str, ...] = ("external offer", "internal role", "prospect")

Stage = Literal[
    "applied",
    "screening",
    "interviewing",
    "final round",
    "offer",
    "accepted",
    "declined",
    "withdrawn",
]
STAGES: tuple[str, ...] = (
    "applied",
    "screening",
    "interviewing",
    "final round",
    "offer",
    "accepted",
    "declined",
    "withdrawn",
)

ChangeKind = Literal["raise", "promotion", "recognition", "other"]
CHANGE_KINDS: tuple[str, ...] = ("raise", "promotion", "recognition", "other")

CriterionKind = Literal["pay", "rating"]

PAY_CRITERION_ID = "pay"


class _Strict(BaseModel):
    """Unknown fields are refused, so a typo in a file is reported rather than ignored."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Pay(_Strict):
    """Yearly pay in its parts. A full model over time (vesting, raises) builds on these."""

    base: Money = 0.0
    bonus: Money = 0.0
    equity: Money = 0.0
    benefits: Money = 0.0

    @property
    def total(self) -> float:
        return self.base + self.bonus + self.equity + self.benefits


PAY_PARTS: dict[str, str] = {
    "base": "Base salary",
    "bonus": "Bonus (expected per year)",
    "equity": "Equity (value vesting per year)",
    "benefits": "Benefits (value per year)",
}


class Criterion(_Strict):
    """Something the person cares about. `pay` is computed from pay; every other one is rated 0-10."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]{1,40}$")]
    name: Annotated[str, Field(min_length=1, max_length=60)]
    weight: Weight = 0.0
    kind: CriterionKind = "rating"
    description: ShortText = ""


class RecentChange(_Strict):
    """Something that changed in the current role lately: a raise, a promotion, recognition."""

    kind: ChangeKind = "other"
    when: date | None = None
    note: ShortText = ""


class Job(_Strict):
    employer: ShortText = ""
    role: ShortText = ""
    level: ShortText = ""
    pay: Pay = Field(default_factory=Pay)
    ratings: dict[str, Rating] = Field(default_factory=dict)
    notes: LongText = ""


class CurrentRole(Job):
    recent_changes: list[RecentChange] = Field(default_factory=list, max_length=100)


class Option(Job):
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,40}$")]
    name: Annotated[str, Field(min_length=1, max_length=80)]
    kind: OptionKind = "external offer"
    stage: Stage = "interviewing"


class PayScale(_Strict):
    """The value function that turns pay into a 0-10 score, relative to the current role.

    Pay equal to the current role's scores 5. A raise of `raise_for_10` percent or more scores 10;
    a cut of `cut_for_0` percent or more scores 0; in between the score is linear on each side.
    """

    raise_for_10: Annotated[float, Field(gt=0, le=500, allow_inf_nan=False)] = 30.0
    cut_for_0: Annotated[float, Field(gt=0, le=100, allow_inf_nan=False)] = 30.0


class Scenario(_Strict):
    format: Literal["stay-or-go/scenario"] = FORMAT_NAME
    version: Literal[1] = FORMAT_VERSION
    name: ShortText = "My decision"
    example: bool = False
    currency: Annotated[str, Field(max_length=8)] = "$"
    current: CurrentRole = Field(default_factory=CurrentRole)
    options: list[Option] = Field(default_factory=list, max_length=200)
    criteria: list[Criterion] = Field(min_length=1, max_length=30)
    pay_scale: PayScale = Field(default_factory=PayScale)

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        ids = [c.id for c in self.criteria]
        _no_duplicates(ids, "criterion id")
        _no_duplicates([c.name.strip().casefold() for c in self.criteria], "criterion name")
        if sum(c.kind == "pay" for c in self.criteria) > 1:
            raise ValueError("only one criterion can be the pay criterion")
        _no_duplicates([o.id for o in self.options], "option id")
        _no_duplicates([o.name.strip().casefold() for o in self.options], "option name")
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

    def criterion(self, criterion_id: str) -> Criterion:
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(criterion_id)

    @property
    def rated_criteria(self) -> list[Criterion]:
        return [c for c in self.criteria if c.kind == "rating"]

    @property
    def staying_label(self) -> str:
        employer = self.current.employer.strip()
        return f"Stay at {employer}" if employer else "Stay"


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
    if any(c.name.strip().casefold() == name.casefold() for c in scenario.criteria):
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
    data["current"]["ratings"].pop(criterion_id, None)
    for o in data["options"]:
        o["ratings"].pop(criterion_id, None)
    return Scenario.model_validate(data)


def rename_criterion(scenario: Scenario, criterion_id: str, name: str) -> Scenario:
    name = name.strip()
    if not name:
        raise ValueError("A criterion needs a name.")
    if any(c.id != criterion_id and c.name.strip().casefold() == name.casefold() for c in scenario.criteria):
        raise ValueError(f"There is already a criterion called '{name}'. Pick another name.")
    data = scenario.model_dump()
    for c in data["criteria"]:
        if c["id"] == criterion_id:
            c["name"] = name
    return Scenario.model_validate(data)


def new_option(scenario: Scenario, name: str = "", kind: str = "external offer") -> Option:
    """A fresh option, not yet in the scenario, with a unique name and neutral ratings."""
    taken_names = {o.name.strip().casefold() for o in scenario.options}
    base_name = name.strip() or "New option"
    candidate, n = base_name, 2
    while candidate.casefold() in taken_names:
        candidate, n = f"{base_name} {n}", n + 1
    taken_ids = {o.id for o in scenario.options}
    return Option(
        id=slug(candidate, taken_ids),
        name=candidate,
        kind=kind,  # type: ignore[arg-type]
        stage="interviewing" if kind != "prospect" else "applied",
        ratings={c.id: 5.0 for c in scenario.rated_criteria},
    )
