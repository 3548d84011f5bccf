"""Field types the whole scenario shares: bounds on what a person can type, and the names of the
stages a process goes through. Both core.model and core.pipeline build on these."""

from __future__ import annotations

import re
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


class Strict(BaseModel):
    """Unknown fields are refused, so a typo in a file is reported rather than ignored."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


# Money is yearly, in the scenario's currency.
MAX_MONEY = 1e9
Money = Annotated[float, Field(ge=0, le=MAX_MONEY, allow_inf_nan=False)]
Rating = Annotated[float, Field(ge=0, le=10, allow_inf_nan=False)]

# Control characters (C0, DEL, C1) can't be typed in the app, are invisible on the page, and do harm
# where text is printed: ESC rewrites the terminal `stay-or-go report` writes to. Tab, line feed
# and carriage return are ordinary text and stay allowed.
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _no_control_characters(text: str) -> str:
    if (bad := _CONTROL_CHARACTER.search(text)) is not None:
        raise ValueError(
            f"the text has an invisible control character (U+{ord(bad.group()):04X}) at character "
            f"{bad.start() + 1}; remove it"
        )
    return text


Printable = AfterValidator(_no_control_characters)
ShortText = Annotated[str, Field(max_length=200), Printable]
LongText = Annotated[str, Field(max_length=5000), Printable]

# The stages of a process, in the order it moves through them.
Stage = Literal[
    "applied", "screening", "interviewing", "final round", "offer", "accepted", "declined", "withdrawn"
]
STAGES: tuple[str, ...] = get_args(Stage)
CLOSED_STAGES: tuple[str, ...] = ("accepted", "declined", "withdrawn")
OPEN_STAGES: tuple[str, ...] = tuple(s for s in STAGES if s not in CLOSED_STAGES)
