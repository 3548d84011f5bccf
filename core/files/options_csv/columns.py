"""The options CSV's columns: one per field of an option, by header and the other names people
give it, and how a header is read ("Sign-on ($)" is the sign-on; "rating:growth" a rating). The
reader (`core.files.options_csv.read`) and the writer (`.write`) both use this one table, so a file
exported from the app imports back to the same options. The format is documented in
docs/scenario-format.md ("Options CSV").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic.fields import FieldInfo

from core.files.csv_safety import escape_text, neutralize_formula, unescape_text
from core.model.bounds import Bounds, bounds
from core.model.scenario import OPTION_KINDS, STAGES, Option, Pay, Scenario

# The app's upload limit (.streamlit/config.toml: server.maxUploadSize = 5, in MiB). 200 offers
# with long notes fit in well under a megabyte; a bigger file is refused before it is read.

MAX_OPTIONS_CSV_BYTES = 5 * 1024 * 1024
# A scenario holds at most this many options (core.model.scenario.Scenario.options).
MAX_OPTIONS = Scenario.model_fields["options"].metadata[0].max_length
# Far more than the fixed columns plus 30 criteria; more means the file is something else.
MAX_COLUMNS = 100
# Longest text quoted back in a message.
_SHOWN_CHARS = 40

ColumnKind = Literal["text", "choice", "money", "percent", "rating"]


@dataclass(frozen=True)
class Column:
    """A fixed column of the file: the header the app writes, the field it fills, other headers
    people write for it (compared after `header_key`), and words for messages."""

    header: str
    path: tuple[str, ...]
    kind: ColumnKind
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("name", ("name",), "text", ("option", "offer", "option_name", "offer_name")),
    Column("kind", ("kind",), "choice", ("type", "option_kind")),
    Column("stage", ("stage",), "choice", ("status",)),
    Column("employer", ("employer",), "text", ("company", "organisation", "organization")),
    Column("role", ("role",), "text", ("position", "job")),
    Column("level", ("level",), "text", ("title_level", "job_title", "grade")),
    Column("base", ("pay", "base"), "money", ("base_salary", "salary", "base_pay")),
    Column("bonus_pct", ("pay", "bonus_target_pct"), "percent", ("bonus_target_pct", "bonus_target")),
    Column("bonus_payout_pct", ("pay", "bonus_payout_pct"), "percent", ("payout_pct", "bonus_payout")),
    Column("raise_pct", ("pay", "raise_pct"), "percent", ("raise", "yearly_raise_pct")),
    Column("sign_on", ("pay", "sign_on"), "money", ("sign_on_bonus", "signing_bonus", "signon")),
    Column("relocation", ("pay", "relocation"), "money", ("relocation_bonus", "relocation_pay")),
    Column("benefits", ("pay", "benefits"), "money", ("benefits_value",)),
    Column("tax_rate_pct", ("pay", "tax_rate_pct"), "percent", ("tax_pct", "tax_rate", "tax")),
    Column("notes", ("notes",), "text", ("note", "comments")),
)
RATING_PREFIXES = ("rating:", "rating.")

# What a blank cell means, when the model's own default is not the answer.
BLANK_RATING = 5.0  # neutral, as for an option added on the page

CHOICES: dict[str, tuple[str, ...]] = {"kind": OPTION_KINDS, "stage": STAGES}
CHOICE_ALIASES: dict[str, dict[str, str]] = {
    "kind": {
        "offer": "external offer",
        "external": "external offer",
        "internal": "internal role",
        "internal offer": "internal role",
        "counter offer": "counteroffer",
    },
    "stage": {"final": "final round", "final interview": "final round", "interview": "interviewing"},
}
DEFAULT_STAGE = {"prospect": "applied", "counteroffer": "offer"}  # as core.model.scenario.new_option

# Tab, line feed and carriage return are text; other control characters are not (core.model.fields).
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# Results ---------------------------------------------------------------------------------------


def header_key(text: str) -> str:
    """A header as compared: case and punctuation ignored, % read as pct ("Sign-on ($)" -> "sign_on",
    "Bonus %" -> "bonus_pct")."""
    text = unescape_text(text.strip()).casefold().replace("%", " pct ")
    return re.sub(r"[^\w]+|_+", "_", text).strip("_")


BY_HEADER = {c.header: c for c in COLUMNS}
BY_ALIAS = {a: c for c in COLUMNS for a in c.aliases}


def resolve_header(header: str, scenario: Scenario) -> tuple[str, Any]:
    """What a header names: ("field", Column), ("rating", criterion id), ("pay", criterion name),
    ("blank", None) or ("unknown", a close match or None)."""
    raw = unescape_text(header.strip()).strip()
    if not raw:
        return "blank", None
    folded = raw.casefold()
    criteria = scenario.criteria
    for prefix in RATING_PREFIXES:
        if folded.startswith(prefix):
            rest = folded[len(prefix) :].strip()
            for c in criteria:
                if c.kind == "rating" and rest in (c.id, c.name.strip().casefold()):
                    return "rating", c.id
            return "unknown", None
    key = header_key(raw)
    if key in BY_HEADER:
        return "field", BY_HEADER[key]
    for c in criteria:
        if folded == c.name.strip().casefold() or folded == c.id:
            return ("rating", c.id) if c.kind == "rating" else ("pay", c.name)
    if key in BY_ALIAS:
        return "field", BY_ALIAS[key]
    loose = [c for c in criteria if header_key(c.name) == key or c.id == key]
    if len(loose) == 1:
        return ("rating", loose[0].id) if loose[0].kind == "rating" else ("pay", loose[0].name)
    known = [c.header for c in COLUMNS] + [c.name for c in scenario.rated_criteria]
    close = difflib.get_close_matches(folded, [k.casefold() for k in known], n=1, cutoff=0.75)
    return "unknown", next((k for k in known if close and k.casefold() == close[0]), None)


def rating_header(scenario: Scenario, criterion_id: str) -> str:
    """The header the app writes for a criterion's ratings: its name, unless that reads as
    another column (a criterion called "Base"), then `rating:<id>`."""
    name = scenario.criterion(criterion_id).name
    as_written = neutralize_formula(escape_text(name))  # what options_csv puts in the file
    if resolve_header(as_written, scenario) == ("rating", criterion_id):
        return name
    return f"rating:{criterion_id}"


def field_default(path: tuple[str, ...]) -> Any:
    return _field_info(path).get_default(call_default_factory=True)


# Cells -----------------------------------------------------------------------------------------


# The 0-10 bounds of a rating, as the model declares them.
RATING_LIMITS = bounds(("current", "ratings", "*"))


def limits(column: Column) -> Bounds:
    """The bounds (and longest text) of `column`'s field, as the model declares them."""
    return bounds(("options", "*", *column.path))


def _field_info(path: tuple[str, ...]) -> FieldInfo:
    model: type[Option] | type[Pay] = Pay if path[0] == "pay" else Option
    return model.model_fields[path[-1]]
