"""Field types the whole scenario shares: bounds on what a person can type, and the names of the
stages a process goes through. Both core.model and core.pipeline build on these."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    """Unknown fields are refused, so a typo in a file is reported rather than ignored."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


# Money is yearly, in the scenario's currency.
MAX_MONEY = 1e9
Money = Annotated[float, Field(ge=0, le=MAX_MONEY, allow_inf_nan=False)]
Rating = Annotated[float, Field(ge=0, le=10, allow_inf_nan=False)]
ShortText = Annotated[str, Field(max_length=200)]
LongText = Annotated[str, Field(max_length=5000)]

# The stages of a process, in the order it moves through them.
Stage = Literal[
    "applied", "screening", "interviewing", "final round", "offer", "accepted", "declined", "withdrawn"
]
STAGES: tuple[str, ...] = get_args(Stage)
CLOSED_STAGES: tuple[str, ...] = ("accepted", "declined", "withdrawn")
OPEN_STAGES: tuple[str, ...] = tuple(s for s in STAGES if s not in CLOSED_STAGES)
