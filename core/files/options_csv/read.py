"""Reading an options CSV a person uploaded: `read_options_csv(data, scenario)` returns an
`OptionsImport`: every row as an `Option` the scenario accepts, or the problems that keep it out,
each naming its row and column ("Row 3, column "base": "12k" is not a number; write it as 12000").
Problems with the file as a whole (not UTF-8, no "name" column, two columns for the same field)
keep every row out. Nothing here raises on bad input and nothing changes the scenario:
`merge_options` makes a new scenario from the rows that are ready, and only when asked. Numbers are
read by `core.numbers`, the one parser the app's fields use too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from core.edits.editing import EditRefused, validated
from core.files.csv_safety import one_line_break, unescape_text
from core.files.options_csv.columns import (
    BLANK_RATING,
    CHOICE_ALIASES,
    CHOICES,
    COLUMNS,
    CONTROL_CHARACTER,
    DEFAULT_STAGE,
    MAX_COLUMNS,
    MAX_OPTIONS,
    MAX_OPTIONS_CSV_BYTES,
    RATING_LIMITS,
    Column,
    field_default,
    header_key,
    limits,
    resolve_header,
)
from core.files.scenario_json import describe_validation_error
from core.model.scenario import Option, Scenario, slug
from core.numbers import quote, read_number

if TYPE_CHECKING:
    import pandas as pd


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
        return _refused(_EMPTY)
    text, delimiter, first_line = _delimited(text, notes)
    records = _records(text, delimiter, first_line)
    header = _header(records)
    if isinstance(header, Problem):
        return OptionsImport(file_problems=(header,), notes=tuple(notes))
    if header is None:
        return _refused(_EMPTY)
    header_row, cells = header

    layout = _layout(cells, scenario)
    layout.dots_may_group = delimiter == ";"
    notes += layout.notes
    if layout.problems:
        return OptionsImport(file_problems=tuple(layout.problems), notes=tuple(notes))

    rows = _read_rows(records, layout, scenario, replace_existing, today, notes)
    if isinstance(rows, Problem):
        return OptionsImport(file_problems=(rows,), notes=tuple(notes), columns=layout.preview_columns)
    if not rows:
        problem = Problem(
            f"The file has a header row (row {header_row}) but no rows of offers below it. Add one row per offer."
        )
        return OptionsImport(file_problems=(problem,), notes=tuple(notes), columns=layout.preview_columns)
    return _checked_together(
        OptionsImport(rows=tuple(rows), notes=tuple(notes), columns=layout.preview_columns), scenario
    )


_EMPTY = "The file is empty. Write a header row (name, kind, base, …) and one row per offer."


def _delimited(text: str, notes: list[str]) -> tuple[str, str, int]:
    """The text without Excel's "sep=;" first line if it has one, the delimiter (that line's, or
    the one that splits the header most), and the row the records start at."""
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
    return text, delimiter, first_line


def _header(records: Iterator[tuple[int, list[str] | Problem]]) -> tuple[int, list[str]] | Problem | None:
    """The first row that is not blank, with its row number (the records go on after it)."""
    for row_number, cells in records:
        if isinstance(cells, Problem):
            return cells
        if any(c.strip() for c in cells):
            return row_number, cells
    return None


def _read_rows(
    records: Iterator[tuple[int, list[str] | Problem]],
    layout: _Layout,
    scenario: Scenario,
    replace_existing: bool,
    today: date,
    notes: list[str],
) -> list[ImportedRow] | Problem:
    """Every row of offers after the header, each read on its own (blank rows skipped and said)."""
    rows: list[ImportedRow] = []
    blank_rows = 0
    existing = {o.name.strip().casefold(): o for o in scenario.options}
    seen_names: dict[str, int] = {}
    taken_ids = {o.id for o in scenario.options}
    staying = scenario.staying_label.casefold()
    for row_number, cells in records:
        if isinstance(cells, Problem):
            return cells
        if not any(c.strip() for c in cells):
            blank_rows += 1
            continue
        if len(rows) >= MAX_OPTIONS:
            return Problem(
                f"The file has more than {MAX_OPTIONS} rows of offers; a scenario holds at most "
                f"{MAX_OPTIONS} options (row {row_number} is one too many). Split the file or "
                "remove rows.",
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
    return rows


def _checked_together(result: OptionsImport, scenario: Scenario) -> OptionsImport:
    """The rows were checked one by one; this checks them together, as the merge will: the
    scenario's room for options, and the merged scenario itself."""
    new_total = len(scenario.options) + result.added
    problem = None
    if new_total > MAX_OPTIONS:
        problem = Problem(
            f"The scenario has {len(scenario.options)} options and the file adds {result.added}; "
            f"a scenario holds at most {MAX_OPTIONS}. Remove {new_total - MAX_OPTIONS} "
            f"row{'s' if new_total - MAX_OPTIONS != 1 else ''} from the file, or delete options "
            "you no longer weigh.",
        )
    elif result.ready:
        try:
            merge_options(scenario, result)
        except EditRefused as e:
            problem = Problem(f"The offers can't be added together. {e}")
    if problem is None:
        return result
    return OptionsImport(
        rows=result.rows, file_problems=(problem,), notes=result.notes, columns=result.columns
    )


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
        value, problem = read_number(raw, "rating", RATING_LIMITS.low, RATING_LIMITS.high, what="rating")
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
        key = (name or "").casefold()
        name_problem, replaces = _name_problem(name or "", staying, seen_names, existing, replace_existing)
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


def _name_problem(
    name: str, staying: str, seen_names: dict[str, int], existing: dict[str, Option], replace_existing: bool
) -> tuple[str | None, Option | None]:
    """What is wrong with a row's name, if anything, and the option it replaces, if any: a name is
    needed, is not staying's, is not on an earlier row, and is not an existing option's unless the
    person chose to replace options of the same name (names match whatever their capitals)."""
    key = name.casefold()
    if not name:
        return "the name is empty; every offer needs a name", None
    if key == staying:
        return f"{quote(name)} is how staying is shown; give the offer another name", None
    if key in seen_names:
        return f"{quote(name)} is also the name on row {seen_names[key]}; give each offer its own name", None
    if key in existing:
        if replace_existing:
            return None, existing[key]
        return (
            f"there is already an offer called {quote(existing[key].name)}; rename the row, or "
            "choose to replace offers of the same name"
        ), None
    return None, None


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
            stage=DEFAULT_STAGE.get(kind, "interviewing"),  # type: ignore[arg-type]
            ratings={c.id: BLANK_RATING for c in scenario.rated_criteria},
        ).model_dump()
    stage_before = data["stage"]
    for path, value in sorted(values.items(), key=lambda kv: kv[0] != ("kind",)):  # kind first
        node = data
        for key in path[:-1]:
            node = node[key]
        if value is None:  # a blank cell: the default of a new option
            if path == ("stage",):
                value = DEFAULT_STAGE.get(data["kind"], "interviewing")
            elif path == ("kind",):
                value = "external offer"
            else:
                value = field_default(path)
        node[path[-1]] = value
    for criterion_id, rating in ratings.items():
        data["ratings"][criterion_id] = rating
    if replaces is not None and data["stage"] != stage_before:
        data["process"]["history"].append({"stage": data["stage"], "on": today, "note": ""})
    return Option.model_validate(data)


def _read_cell(raw: str, column: Column, dots_may_group: bool = False) -> tuple[Any, str | None]:
    """(value, None) or (None, what is wrong). A blank cell reads as None: the default."""
    if column.kind == "text":
        text = one_line_break(unescape_text(raw.strip()).strip())
        control = CONTROL_CHARACTER.search(text)
        if control:
            return None, (
                f"the text has an invisible control character (U+{ord(control.group()):04X}) at "
                f"character {control.start() + 1}; remove it"
            )
        max_len = limits(column).max_length
        if max_len is not None and len(text) > max_len:
            return None, (
                f"the text is {len(text):,} characters long; at most {max_len:,} fit in {column.header}"
            )
        return text, None
    if column.kind == "choice":
        text = unescape_text(raw.strip()).strip()
        if not text:
            return None, None
        allowed = CHOICES[column.header]
        key = re.sub(r"[\s_\-]+", " ", text.casefold()).strip()
        key = CHOICE_ALIASES[column.header].get(key, key)
        if key in allowed:
            return key, None
        return None, f"{quote(text)} is not a {column.header}; use one of: {', '.join(allowed)}"
    ge, le = limits(column).low, limits(column).high
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
