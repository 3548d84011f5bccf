"""Field types the whole scenario shares: bounds on what a person can type, and the names of the
stages a process goes through. Both core.model.scenario and core.model.pipeline build on these."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


class Strict(BaseModel):
    """Unknown fields are refused, so a typo in a file is reported rather than ignored. Frozen: a
    scenario never changes once made, so one shown, saved or kept for Undo stays as it was; an edit
    makes a new one (`core.edits.editing`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


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

# Characters that change how the text around them is shown, or are not shown at all: in a name, a
# right-to-left override reverses the app's own text after it, and "Plan" and "Pl<zero-width
# space>an" would be two names that look the same. Names refuse them (other text keeps them).
INVISIBLE_CHARACTERS: dict[str, str] = {
    "\u200b": "a zero-width space (U+200B)",
    "\u200c": "a zero-width non-joiner (U+200C)",
    "\u200d": "a zero-width joiner (U+200D)",
    "\u200e": "a left-to-right mark (U+200E)",
    "\u200f": "a right-to-left mark (U+200F)",
    "\u202a": "a left-to-right embedding (U+202A)",
    "\u202b": "a right-to-left embedding (U+202B)",
    "\u202c": "a pop directional formatting (U+202C)",
    "\u202d": "a left-to-right override (U+202D)",
    "\u202e": "a right-to-left override (U+202E)",
    "\u2060": "a word joiner (U+2060)",
    "\u2066": "a left-to-right isolate (U+2066)",
    "\u2067": "a right-to-left isolate (U+2067)",
    "\u2068": "a first strong isolate (U+2068)",
    "\u2069": "a pop directional isolate (U+2069)",
    "\ufeff": "a zero-width no-break space (U+FEFF)",
}


def invisible_character(text: str) -> tuple[int, str] | None:
    """The first invisible or text-reversing character in `text`: its position (from 1) and what
    it is called, else None."""
    for position, ch in enumerate(text, start=1):
        if ch in INVISIBLE_CHARACTERS and not _joins_emoji(text, position - 1):
            return position, INVISIBLE_CHARACTERS[ch]
    return None


def _joins_emoji(text: str, index: int) -> bool:
    """A zero-width joiner between two emoji draws one emoji (👩‍💻, 🏳️‍🌈): visible, so allowed."""
    if text[index] != "\u200d" or index == 0 or index == len(text) - 1:
        return False
    before, after = text[index - 1], text[index + 1]
    emoji_end = (
        unicodedata.category(before) == "So" or before == "\ufe0f" or "\U0001f3fb" <= before <= "\U0001f3ff"
    )
    return emoji_end and unicodedata.category(after) == "So"


def invisible_character_problem(text: str) -> str | None:
    """What is wrong with a name holding an invisible or text-reversing character, else None.

    >>> invisible_character_problem("Pl\u200ban")
    'the name has an invisible character, a zero-width space (U+200B), at character 3; remove it'
    >>> invisible_character_problem("Plan") is None
    True
    >>> invisible_character_problem("Family 👩\u200d👩\u200d👧 plan") is None  # joins emoji: visible
    True
    """
    if (found := invisible_character(text)) is None:
        return None
    position, what = found
    return f"the name has an invisible character, {what}, at character {position}; remove it"


def _no_invisible_characters(text: str) -> str:
    if (problem := invisible_character_problem(text)) is not None:
        raise ValueError(problem)
    return text


Visible = AfterValidator(_no_invisible_characters)


def name_key(name: str) -> str:
    """What makes two names the same name: surrounding spaces, capitals and Unicode composition
    are ignored (NFC, then casefold).

    >>> name_key(" Cafe\u0301 ") == name_key("CAFÉ")
    True
    >>> name_key("Straße") == name_key("STRASSE")
    True
    """
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).strip().casefold())


ShortText = Annotated[str, Field(max_length=200), Printable]
LongText = Annotated[str, Field(max_length=5000), Printable]

# The stages of a process, in the order it moves through them.
Stage = Literal[
    "applied", "screening", "interviewing", "final round", "offer", "accepted", "declined", "withdrawn"
]
STAGES: tuple[str, ...] = get_args(Stage)
CLOSED_STAGES: tuple[str, ...] = ("accepted", "declined", "withdrawn")
OPEN_STAGES: tuple[str, ...] = tuple(s for s in STAGES if s not in CLOSED_STAGES)
