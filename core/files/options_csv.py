"""Offers to and from a CSV file: one row per option, one column per field.

`read_options_csv(data, scenario)` reads the bytes of a file a person uploaded and returns an
`OptionsImport`: every row as an `Option` the scenario accepts, or the problems that keep it out,
each naming its row and column ("Row 3, column "base": "12k" is not a number; write it as 12000").
Problems with the file as a whole (not UTF-8, no "name" column, two columns for the same field)
keep every row out. Nothing here raises on bad input and nothing changes the scenario:
`merge_options` makes a new scenario from the rows that are ready, and only when asked.

`options_csv(scenario)` writes the same columns, so a file exported from the app imports back to
the same options. The format is documented in docs/scenario-format.md ("Options CSV").
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from annotated_types import Ge, Le, MaxLen
from pydantic import ValidationError
from pydantic.fields import FieldInfo

from core.edits.editing import EditRefused, validated
from core.files.csv_safety import escape_text, neutralize_formula, one_line_break, safe_csv, unescape_text
from core.files.scenario_json import describe_validation_error
from core.model.fields import Rating
from core.model.scenario import OPTION_KINDS, STAGES, Option, Pay, Scenario, slug
from core.numbers import parse_number, quote, read_number  # noqa: F401  (parse_number: tests and callers)

if TYPE_CHECKING:
    import pandas as pd

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

_CHOICES: dict[str, tuple[str, ...]] = {"kind": OPTION_KINDS, "stage": STAGES}
_CHOICE_ALIASES: dict[str, dict[str, str]] = {
    "kind": {
        "offer": "external offer",
        "external": "external offer",
        "internal": "internal role",
        "internal offer": "internal role",
        "counter offer": "counteroffer",
    },
    "stage": {"final": "final round", "final interview": "final round", "interview": "interviewing"},
}
_DEFAULT_STAGE = {"prospect": "applied", "counteroffer": "offer"}  # as core.model.scenario.new_option

# Tab, line feed and carriage return are text; other control characters are not (core.model.fields).
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# Results ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something wrong, and where: `row` counts as a spreadsheet does (the header is row 1); a
    problem with the whole file has no row."""

    text: str
    row: int | None = None
    column: str | None = None  # the header as written in the file

    @property
    def message(self) -> str:
        if self.row is None and self.column is None:
            return self.text
        where = f"Row {self.row}" if self.row is not None else ""
        if self.column is not None:
            where += (", column " if where else "Column ") + quote(self.column)
        return f"{where}: {self.text}"


@dataclass(frozen=True)
class ImportedRow:
    """One row of the file: what it says, and the option made from it or why there is none."""

    row: int
    cells: dict[str, str]  # preview column -> the value as read (or as written, if refused)
    option: Option | None = None
    replaces: str | None = None  # id of the option of the same name it replaces
    replaces_name: str | None = None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.option is not None and not self.problems


@dataclass(frozen=True)
class OptionsImport:
    """What reading an options CSV found. `ready` are the rows `merge_options` would add."""

    rows: tuple[ImportedRow, ...] = ()
    file_problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()  # preview columns, in file order

    @property
    def ready(self) -> tuple[ImportedRow, ...]:
        return () if self.file_problems else tuple(r for r in self.rows if r.ok)

    @property
    def added(self) -> int:
        return sum(r.replaces is None for r in self.ready)

    @property
    def replaced(self) -> int:
        return sum(r.replaces is not None for r in self.ready)

    @property
    def refused(self) -> tuple[ImportedRow, ...]:
        return tuple(r for r in self.rows if not r.ok)

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.file_problems + tuple(p for r in self.rows for p in r.problems)

    def status(self, row: ImportedRow) -> str:
        if self.file_problems:
            return "not added: the file has a problem"
        if not row.ok:
            n = len(row.problems)
            return f"not added: {n} problem{'s' if n != 1 else ''}"
        if row.replaces is not None:
            return f"replaces {row.replaces_name}"
        return "ready to add"

    def preview(self, *, only_refused: bool = False) -> pd.DataFrame:
        """One row per row of the file: its row number, status and cells, all as text."""
        import pandas as pd

        records = [
            {"Row": r.row, "Status": self.status(r), **{c: r.cells.get(c, "") for c in self.columns}}
            for r in (self.refused if only_refused else self.rows)
        ]
        return pd.DataFrame(records, columns=["Row", "Status", *self.columns])

    def problem_table(self) -> pd.DataFrame:
        """Every problem: its row ("" for the file), the column as the file names it, and what is wrong."""
        import pandas as pd

        return pd.DataFrame(
            [
                {"Row": "" if p.row is None else str(p.row), "Column": p.column or "", "Problem": p.text}
                for p in self.problems
            ],
            columns=["Row", "Column", "Problem"],
        )

    def summary(self) -> str:
        """One sentence on what an import would do."""
        if self.file_problems:
            return "Nothing can be imported from this file until the problem below is fixed."
        ready, refused = len(self.ready), len(self.refused)
        parts = []
        if self.added:
            parts.append(f"{_offers(self.added)} ready to add")
        if self.replaced:
            parts.append(f"{_offers(self.replaced)} to replace one of the same name")
        if refused:
            parts.append(f"{refused} row{'s' if refused != 1 else ''} with problems, which will not be added")
        if not ready:
            parts.insert(0, "no offer can be added")
        text = "; ".join(parts)
        return text[0].upper() + text[1:] + "."

    def button_label(self) -> str:
        """ "Add 3 offers", "Add 2 offers and replace 1", "Replace 1 offer"."""
        if self.replaced and not self.added:
            return f"Replace {_offers(self.replaced)}"
        label = f"Add {_offers(self.added)}"
        return label + (f" and replace {self.replaced}" if self.replaced else "")

    def undo_text(self, file_name: str) -> str:
        text = f"You imported {_offers(len(self.ready))} from {file_name}"
        if self.replaced:
            text += f" ({self.replaced} replaced an offer of the same name)"
        return text + "."


def _offers(n: int) -> str:
    return f"{n} offer{'s' if n != 1 else ''}"


# Reading ---------------------------------------------------------------------------------------


def read_options_csv(
    data: bytes,
    scenario: Scenario,
    *,
    replace_existing: bool = False,
    today: date | None = None,
) -> OptionsImport:
    """Read an options CSV against `scenario` (its criteria name the rating columns; its options
    decide which names are taken). With `replace_existing`, a row named like an existing option
    replaces what the file has columns for and keeps the rest; without, it is refused.

    Never raises for anything in `data`: every problem becomes a `Problem` in the result."""
    try:
        return _read(data, scenario, replace_existing, today or date.today())
    except Exception as e:  # a bug, not the file; still never a traceback for the person
        return OptionsImport(
            file_problems=(Problem(f"The file could not be read ({type(e).__name__}). Please report this."),)
        )


def _read(data: bytes, scenario: Scenario, replace_existing: bool, today: date) -> OptionsImport:
    if len(data) > MAX_OPTIONS_CSV_BYTES:
        return _refused(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; an options file is at most "
            f"{MAX_OPTIONS_CSV_BYTES // 1024 // 1024} MB (200 offers fit in far less). "
            "Check that you picked the right file."
        )
    notes: list[str] = []
    text = _decode(data, notes)
    if isinstance(text, Problem):
        return OptionsImport(file_problems=(text,), notes=tuple(notes))
    if not text.strip():
        return _refused("The file is empty. Write a header row (name, kind, base, …) and one row per offer.")

    lines = text.splitlines()
    first_line = 0
    sep_hint = re.fullmatch(r"sep=([,;\t|])", lines[0].strip(" ")) if lines else None
    if sep_hint:  # Excel's own hint, a first line "sep=;"
        delimiter = sep_hint.group(1)
        first_line = 1
        text = re.split(r"\r\n|\r|\n", text, maxsplit=1)[1] if len(lines) > 1 else ""
    else:
        delimiter = _detect_delimiter(next((ln for ln in lines if ln.strip()), ""))
    if delimiter != ",":
        notes.append(
            f"The columns are separated by {_DELIMITER_NAMES.get(delimiter, repr(delimiter))}, "
            "not commas; the file was read that way. Commas inside numbers are read as thousands "
            "separators (120,000 is 120000)."
        )

    records = _records(text, delimiter, first_line)
    header: list[str] | None = None
    header_row = 0
    for row_number, cells in records:
        if isinstance(cells, Problem):
            return OptionsImport(file_problems=(cells,), notes=tuple(notes))
        if any(c.strip() for c in cells):
            header, header_row = cells, row_number
            break
    if header is None:
        return _refused("The file is empty. Write a header row (name, kind, base, …) and one row per offer.")

    layout = _layout(header, scenario)
    layout.dots_may_group = delimiter == ";"
    notes += layout.notes
    if layout.problems:
        return OptionsImport(file_problems=tuple(layout.problems), notes=tuple(notes))

    rows: list[ImportedRow] = []
    blank_rows = 0
    existing = {o.name.strip().casefold(): o for o in scenario.options}
    seen_names: dict[str, int] = {}
    taken_ids = {o.id for o in scenario.options}
    staying = scenario.staying_label.casefold()
    for row_number, cells in records:
        if isinstance(cells, Problem):
            return OptionsImport(file_problems=(cells,), notes=tuple(notes), columns=layout.preview_columns)
        if not any(c.strip() for c in cells):
            blank_rows += 1
            continue
        if len(rows) >= MAX_OPTIONS:
            return OptionsImport(
                file_problems=(
                    Problem(
                        f"The file has more than {MAX_OPTIONS} rows of offers; a scenario holds at most "
                        f"{MAX_OPTIONS} options (row {row_number} is one too many). Split the file or "
                        "remove rows.",
                    ),
                ),
                notes=tuple(notes),
                columns=layout.preview_columns,
            )
        rows.append(
            _read_row(
                row_number,
                cells,
                layout,
                scenario,
                existing=existing,
                seen_names=seen_names,
                taken_ids=taken_ids,
                staying=staying,
                replace_existing=replace_existing,
                today=today,
            )
        )
    if blank_rows:
        notes.append(f"Skipped {blank_rows} empty row{'s' if blank_rows != 1 else ''}.")
    if not rows:
        return OptionsImport(
            file_problems=(
                Problem(
                    f"The file has a header row (row {header_row}) but no rows of offers below it. "
                    "Add one row per offer.",
                ),
            ),
            notes=tuple(notes),
            columns=layout.preview_columns,
        )

    result = OptionsImport(rows=tuple(rows), notes=tuple(notes), columns=layout.preview_columns)
    new_total = len(scenario.options) + result.added
    if new_total > MAX_OPTIONS:
        return OptionsImport(
            rows=result.rows,
            file_problems=(
                Problem(
                    f"The scenario has {len(scenario.options)} options and the file adds {result.added}; "
                    f"a scenario holds at most {MAX_OPTIONS}. Remove {new_total - MAX_OPTIONS} "
                    f"row{'s' if new_total - MAX_OPTIONS != 1 else ''} from the file, or delete options "
                    "you no longer weigh.",
                ),
            ),
            notes=result.notes,
            columns=result.columns,
        )
    if result.ready:
        try:  # the rows were checked one by one; this checks them together, as the merge will
            merge_options(scenario, result)
        except EditRefused as e:
            return OptionsImport(
                rows=result.rows,
                file_problems=(Problem(f"The offers can't be added together. {e}"),),
                notes=result.notes,
                columns=result.columns,
            )
    return result


def _refused(text: str) -> OptionsImport:
    return OptionsImport(file_problems=(Problem(text),))


_SAVE_AS_UTF8 = (
    'Save it as UTF-8: in Excel, File > Save As > "CSV UTF-8 (Comma delimited)"; in LibreOffice, '
    'tick "Edit filter settings" and pick "Unicode (UTF-8)"; in Numbers or Google Sheets, export as CSV.'
)


def _decode(data: bytes, notes: list[str]) -> str | Problem:
    """UTF-8 (with or without a byte-order mark), or UTF-16 when the file starts with its mark.
    Anything else is refused with the way to save it; no encoding is guessed."""
    if data.startswith(b"PK\x03\x04"):
        return Problem(
            "This is a workbook (.xlsx or .ods), not a CSV file. Open it and save or export it as "
            'CSV: in Excel, File > Save As > "CSV UTF-8 (Comma delimited)".'
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return Problem('This is an old Excel workbook (.xls), not a CSV file. Save it as "CSV UTF-8".')
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return Problem(f"The file starts like UTF-16 text but can't be read as it. {_SAVE_AS_UTF8}")
        notes.append('The file is UTF-16 text (Excel\'s "Unicode Text"); it was read as such.')
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = data.count(b"\n", 0, e.start) + 1
            hint = (
                " It looks like Windows or Latin-1 text, where characters such as é, ü or € are "
                "stored differently."
                if all(b >= 0x80 for b in data[e.start : e.end])
                else ""
            )
            return Problem(
                f"The file is not UTF-8 text: byte {e.start + 1} (line {line}) can't be read.{hint} "
                f"{_SAVE_AS_UTF8}"
            )
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return Problem(
            f"The file contains NUL characters (line {line}), so it is not a text CSV file "
            f"(perhaps UTF-16 without its marker). {_SAVE_AS_UTF8}"
        )
    return text


_DELIMITER_NAMES = {";": "semicolons", "\t": "tabs", ",": "commas", "|": "vertical bars"}


def _detect_delimiter(line: str) -> str:
    """The delimiter that splits the header line into the most columns; commas win ties."""
    best, best_count = ",", 1
    for delimiter in (",", ";", "\t"):
        try:
            count = len(next(csv.reader([line], delimiter=delimiter), []))
        except csv.Error:
            continue
        if count > best_count:
            best, best_count = delimiter, count
    return best


def _records(text: str, delimiter: str, first_row: int) -> Iterator[tuple[int, list[str] | Problem]]:
    """(row number, cells) for each record, numbered as a spreadsheet numbers rows; a record that
    can't be read ends the file with a Problem."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    odd_quotes = text.count('"') % 2 == 1
    row = first_row
    held: tuple[int, list[str]] | None = None  # one record behind, to know which one is last
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            if held:
                yield held
            if "field larger than field limit" in str(e):
                text = (
                    f"Row {row + 1} has a cell longer than {csv.field_size_limit():,} characters; "
                    "no cell of an options file is that long. Check the row, and that a double quote "
                    "opening a cell is closed."
                )
            else:
                text = f"Row {row + 1} can't be read as CSV: {e}."
            yield row + 1, Problem(text)
            return
        row += 1
        if held:
            yield held
        held = (row, cells)
    if held is None:
        return
    if odd_quotes and any("\n" in c or "\r" in c for c in held[1]):
        # The last record runs through line breaks to the end: a quote that was never closed.
        yield (
            held[0],
            Problem(
                f"Row {held[0]} has a cell that opens with a double quote that is never closed, so "
                "the rest of the file was read into it. Close the quote, or remove it."
            ),
        )
        return
    yield held


# The header ------------------------------------------------------------------------------------


@dataclass
class _Layout:
    """Which column of the file fills which field."""

    fields: dict[int, Column] = field(default_factory=dict)  # position -> fixed column
    ratings: dict[int, str] = field(default_factory=dict)  # position -> criterion id
    headers: list[str] = field(default_factory=list)
    preview_columns: tuple[str, ...] = ()
    preview_names: dict[int, str] = field(default_factory=dict)  # position -> preview column
    width: int = 0
    dots_may_group: bool = False  # a semicolon-separated file: "95.000" may mean 95000
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def has(self, header: str) -> bool:
        return any(c.header == header for c in self.fields.values())


def header_key(text: str) -> str:
    """A header as compared: case and punctuation ignored, % read as pct ("Sign-on ($)" -> "sign_on",
    "Bonus %" -> "bonus_pct")."""
    text = unescape_text(text.strip()).casefold().replace("%", " pct ")
    return re.sub(r"[^\w]+|_+", "_", text).strip("_")


_BY_HEADER = {c.header: c for c in COLUMNS}
_BY_ALIAS = {a: c for c in COLUMNS for a in c.aliases}


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
    if key in _BY_HEADER:
        return "field", _BY_HEADER[key]
    for c in criteria:
        if folded == c.name.strip().casefold() or folded == c.id:
            return ("rating", c.id) if c.kind == "rating" else ("pay", c.name)
    if key in _BY_ALIAS:
        return "field", _BY_ALIAS[key]
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


def _layout(header: list[str], scenario: Scenario) -> _Layout:
    layout = _Layout(headers=header, width=len(header))
    named = sum(bool(h.strip()) for h in header)
    if named > MAX_COLUMNS:
        layout.problems.append(
            Problem(
                f"The header row has {named:,} columns; an options file has at most {MAX_COLUMNS}. "
                "Check that this is an options file and that its columns are separated by commas."
            )
        )
        return layout
    claimed: dict[tuple[str, str], int] = {}
    for pos, cell in enumerate(header):
        what, target = resolve_header(cell, scenario)
        shown = _show(cell)
        if what == "blank":
            continue
        if what == "pay":
            layout.notes.append(
                f"Column {pos + 1} ({shown}) is ignored: the {target} criterion is scored from the pay "
                "columns (base, bonus_pct, sign_on, …), not rated."
            )
            continue
        if what == "unknown":
            hint = f' Did you mean "{target}"?' if target else ""
            if header_key(cell) == "bonus":
                hint = " The bonus is read from bonus_pct, a percentage of base (15 for 15%)."
            layout.notes.append(f"Column {pos + 1} ({shown}) is ignored: Stay or Go does not read it.{hint}")
            continue
        slot = ("field", target.header) if what == "field" else ("rating", target)
        if slot in claimed:
            first = claimed[slot]
            words = (
                target.header if what == "field" else f'the rating for "{scenario.criterion(target).name}"'
            )
            layout.problems.append(
                Problem(
                    f"Columns {first + 1} ({_show(header[first])}) and {pos + 1} ({shown}) both give "
                    f"{words}. Keep one of them.",
                )
            )
            continue
        claimed[slot] = pos
        if what == "field":
            layout.fields[pos] = target
            layout.preview_names[pos] = target.header
        else:
            layout.ratings[pos] = target
            layout.preview_names[pos] = _preview_rating_name(scenario.criterion(target).name)
    if not layout.problems and not layout.has("name"):
        found = ", ".join(_show(h) for h in header[:8] if h.strip()) or "no headers"
        layout.problems.append(
            Problem(
                'The file has no "name" column. The first row must name the columns, one of them '
                f"\"name\" (the offer's name); this file's first row has: {found}.",
            )
        )
    if layout.problems:
        return layout
    missing = [c.name for c in scenario.rated_criteria if c.id not in layout.ratings.values()]
    if missing:
        layout.notes.append(
            "No column for "
            + ", ".join(quote(m) for m in missing)
            + f": new offers get {BLANK_RATING:g} (neutral) there, replaced offers keep their rating; "
            "change it on this page afterwards."
        )
    if not layout.has("base"):
        layout.notes.append('No "base" column: new offers have no base salary until you add it.')
    order = sorted(layout.preview_names)
    layout.preview_columns = tuple(layout.preview_names[p] for p in order)
    return layout


_PREVIEW_RESERVED = {c.header for c in COLUMNS} | {"row", "status"}


def _preview_rating_name(name: str) -> str:
    """A criterion's column in the preview: its name, unless a fixed column has it ("Status")."""
    return f"{name} (rating)" if name.strip().casefold() in _PREVIEW_RESERVED else name


# One row ---------------------------------------------------------------------------------------


def _read_row(
    row: int,
    cells: list[str],
    layout: _Layout,
    scenario: Scenario,
    *,
    existing: dict[str, Option],
    seen_names: dict[str, int],
    taken_ids: set[str],
    staying: str,
    replace_existing: bool,
    today: date,
) -> ImportedRow:
    problems: list[Problem] = []
    preview: dict[str, str] = {}
    values: dict[tuple[str, ...], Any] = {}
    ratings: dict[str, float] = {}

    extra = [c for c in cells[layout.width :] if c.strip()]
    if extra:
        problems.append(
            Problem(
                f"this row has {len(cells)} cells but the header row has {layout.width} columns. A value "
                'with a comma in it (like $120,000) must be in double quotes ("$120,000"), or written '
                "without the comma.",
                row=row,
            )
        )

    for pos, column in layout.fields.items():
        raw = cells[pos] if pos < len(cells) else ""
        header = layout.headers[pos]
        value, problem = _read_cell(raw, column, layout.dots_may_group)
        if problem:
            problems.append(Problem(problem, row=row, column=header))
            preview[column.header] = _preview_raw(raw)
        else:
            values[column.path] = value
            preview[column.header] = _preview_value(value)
    for pos, criterion_id in layout.ratings.items():
        raw = cells[pos] if pos < len(cells) else ""
        header = layout.headers[pos]
        value, problem = read_number(raw, "rating", RATING_LIMITS[0], RATING_LIMITS[1], what="rating")
        name = layout.preview_names[pos]
        if problem:
            problems.append(Problem(problem, row=row, column=header))
            preview[name] = _preview_raw(raw)
        else:
            ratings[criterion_id] = BLANK_RATING if value is None else value
            preview[name] = _preview_value(ratings[criterion_id])

    name_pos = next(p for p, c in layout.fields.items() if c.header == "name")
    name = values.get(("name",))
    replaces: Option | None = None
    if ("name",) in values:
        name_problem = None
        key = (name or "").casefold()
        if not name:
            name_problem = "the name is empty; every offer needs a name"
        elif key == staying:
            name_problem = f"{quote(name)} is how staying is shown; give the offer another name"
        elif key in seen_names:
            name_problem = (
                f"{quote(name)} is also the name on row {seen_names[key]}; give each offer its own name"
            )
        elif key in existing:
            if replace_existing:
                replaces = existing[key]
            else:
                name_problem = (
                    f"there is already an offer called {quote(existing[key].name)}; rename the row, or "
                    "choose to replace offers of the same name"
                )
        if name_problem:
            problems.append(Problem(name_problem, row=row, column=layout.headers[name_pos]))
        if key:
            seen_names.setdefault(key, row)

    if problems:
        return ImportedRow(row=row, cells=preview, problems=tuple(problems))

    assert isinstance(name, str)
    try:
        option = _build_option(name, values, ratings, scenario, replaces, taken_ids, today)
    except ValidationError as e:  # checked above; this catches what the checks missed
        return ImportedRow(row=row, cells=preview, problems=_validation_problems(e, row, layout))
    if replaces is None:
        taken_ids.add(option.id)
    for choice in ("kind", "stage"):
        if choice in preview:
            preview[choice] = getattr(option, choice)
    return ImportedRow(
        row=row,
        cells=preview,
        option=option,
        replaces=replaces.id if replaces else None,
        replaces_name=replaces.name if replaces else None,
    )


def _validation_problems(error: ValidationError, row: int, layout: _Layout) -> tuple[Problem, ...]:
    """The model's own objections, each placed in the column of the field it names."""
    columns = {c.path: layout.headers[pos] for pos, c in layout.fields.items()}
    columns.update({("ratings", cid): layout.headers[pos] for pos, cid in layout.ratings.items()})
    problems = []
    for err in error.errors(include_url=False):
        loc = tuple(str(part) for part in err["loc"])
        column = next((columns[loc[:n]] for n in (2, 1) if loc[:n] in columns), None)
        msg = err["msg"].removeprefix("Value error, ")
        if column is None:
            msg = f"{describe_validation_error(error).splitlines()[1].lstrip('- ')}"
        problems.append(Problem(msg, row=row, column=column))
    return tuple(problems)


def _build_option(
    name: str,
    values: dict[tuple[str, ...], Any],
    ratings: dict[str, float],
    scenario: Scenario,
    replaces: Option | None,
    taken_ids: set[str],
    today: date,
) -> Option:
    if replaces is not None:
        data = replaces.model_dump()
    else:
        kind = values.get(("kind",)) or "external offer"
        data = Option(
            id=slug(name, taken_ids),
            name=name,
            kind=kind,
            stage=_DEFAULT_STAGE.get(kind, "interviewing"),  # type: ignore[arg-type]
            ratings={c.id: BLANK_RATING for c in scenario.rated_criteria},
        ).model_dump()
    stage_before = data["stage"]
    for path, value in sorted(values.items(), key=lambda kv: kv[0] != ("kind",)):  # kind first
        node = data
        for key in path[:-1]:
            node = node[key]
        if value is None:  # a blank cell: the default of a new option
            if path == ("stage",):
                value = _DEFAULT_STAGE.get(data["kind"], "interviewing")
            elif path == ("kind",):
                value = "external offer"
            else:
                value = _default(path)
        node[path[-1]] = value
    for criterion_id, rating in ratings.items():
        data["ratings"][criterion_id] = rating
    if replaces is not None and data["stage"] != stage_before:
        data["process"]["history"].append({"stage": data["stage"], "on": today, "note": ""})
    return Option.model_validate(data)


def _default(path: tuple[str, ...]) -> Any:
    return _field_info(path).get_default(call_default_factory=True)


# Cells -----------------------------------------------------------------------------------------


def _limits(info: FieldInfo | Any) -> tuple[float | None, float | None, int | None]:
    ge = le = max_len = None
    for m in getattr(info, "metadata", ()):
        if isinstance(m, Ge):
            ge = m.ge
        elif isinstance(m, Le):
            le = m.le
        elif isinstance(m, MaxLen):
            max_len = m.max_length
    return ge, le, max_len


RATING_LIMITS = _limits(Rating.__metadata__[0])


def _field_info(path: tuple[str, ...]) -> FieldInfo:
    model: type[Option] | type[Pay] = Pay if path[0] == "pay" else Option
    return model.model_fields[path[-1]]


def _read_cell(raw: str, column: Column, dots_may_group: bool = False) -> tuple[Any, str | None]:
    """(value, None) or (None, what is wrong). A blank cell reads as None: the default."""
    if column.kind == "text":
        text = one_line_break(unescape_text(raw.strip()).strip())
        control = _CONTROL_CHARACTER.search(text)
        if control:
            return None, (
                f"the text has an invisible control character (U+{ord(control.group()):04X}) at "
                f"character {control.start() + 1}; remove it"
            )
        _, _, max_len = _limits(_field_info(column.path))
        if max_len is not None and len(text) > max_len:
            return None, (
                f"the text is {len(text):,} characters long; at most {max_len:,} fit in {column.header}"
            )
        return text, None
    if column.kind == "choice":
        text = unescape_text(raw.strip()).strip()
        if not text:
            return None, None
        allowed = _CHOICES[column.header]
        key = re.sub(r"[\s_\-]+", " ", text.casefold()).strip()
        key = _CHOICE_ALIASES[column.header].get(key, key)
        if key in allowed:
            return key, None
        return None, f"{quote(text)} is not a {column.header}; use one of: {', '.join(allowed)}"
    ge, le, _ = _limits(_field_info(column.path))
    return read_number(raw, column.kind, ge, le, what=column.header, dots_may_group=dots_may_group)


def _show(text: str) -> str:
    return quote(text.strip())


def _preview_raw(raw: str) -> str:
    text = raw.strip()
    return text if len(text) <= 200 else text[:199] + "…"


def _preview_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() and abs(value) >= 1000 else f"{value:g}"
    return _preview_raw(str(value))


# Merging ---------------------------------------------------------------------------------------


def merge_options(scenario: Scenario, result: OptionsImport) -> Scenario:
    """The scenario with the import's ready rows: new names added at the end, same names (when
    the import was read with `replace_existing`) replaced in place. Raises `EditRefused` when
    there is nothing to add or the scenario changed since the file was read; the scenario passed
    in is never changed."""
    if result.file_problems:
        raise EditRefused("Nothing was imported: " + result.file_problems[0].message)
    ready = result.ready
    if not ready:
        raise EditRefused("Nothing was imported: no row of the file is ready to add.")
    data = scenario.model_dump()
    positions = {o["id"]: k for k, o in enumerate(data["options"])}
    for row in ready:
        assert row.option is not None
        if row.replaces is not None:
            if row.replaces not in positions:
                raise EditRefused(
                    f"Row {row.row}: the offer it replaces is no longer in the scenario; read the file again."
                )
            data["options"][positions[row.replaces]] = row.option.model_dump()
        else:
            data["options"].append(row.option.model_dump())
    return validated(data)


# Writing ---------------------------------------------------------------------------------------


def options_frame(scenario: Scenario) -> pd.DataFrame:
    """The options as the import reads them: the fixed columns, then one rating column per rated
    criterion, then notes. Text is escaped (`escape_text`) so it reads back exactly, but for line
    breaks, which are written as "\\n" (`one_line_break`)."""
    import pandas as pd

    fixed = [c for c in COLUMNS if c.header != "notes"]
    rated = scenario.rated_criteria
    headers = [c.header for c in fixed] + [escape_text(rating_header(scenario, c.id)) for c in rated]
    headers.append("notes")
    records = []
    for o in scenario.options:
        record: list[Any] = []
        for c in fixed:
            value = getattr(o.pay, c.path[1]) if c.path[0] == "pay" else getattr(o, c.path[0])
            record.append(escape_text(one_line_break(value)) if isinstance(value, str) else float(value))
        record += [float(o.ratings[c.id]) for c in rated]
        record.append(escape_text(one_line_break(o.notes)))
        records.append(record)
    frame = pd.DataFrame(records, columns=headers)
    for c in [*fixed, _BY_HEADER["notes"]]:
        if c.kind in ("text", "choice"):
            frame[c.header] = frame[c.header].astype(object)
    return frame


def options_csv(scenario: Scenario) -> str:
    """The options as CSV in the import's columns, with formula-looking text neutralized
    (`core.files.csv_safety.safe_csv`). With no options it is the header row alone: a template."""
    return safe_csv(options_frame(scenario))
