"""Options CSV import and export (core/files/options_csv/): hand-worked files, every hostile input we
could think of (each message must name its row and column), export -> import round trips, and a
fuzzer that hands the reader random bytes, text and CSV-shaped grids."""

from __future__ import annotations

import codecs
import csv
import io
import re
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.edits.editing import EditRefused
from core.files.options_csv.columns import (
    COLUMNS,
    MAX_OPTIONS,
    MAX_OPTIONS_CSV_BYTES,
    rating_header,
    resolve_header,
)
from core.files.options_csv.read import OptionsImport, merge_options, read_options_csv
from core.files.options_csv.write import options_csv
from core.model.example import blank_scenario
from core.model.fields import name_key
from core.model.scenario import Criterion, CurrentRole, Option, Pay, Scenario
from core.numbers import parse_number
from tests.scenarios import simple_example
from tests.strategies import visible

DOCS = Path(__file__).resolve().parent.parent / "docs" / "scenario-format.md"
TODAY = date(2026, 12, 1)


def read(text: str | bytes, scenario: Scenario | None = None, **kw) -> OptionsImport:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_options_csv(data, scenario or simple_example(), today=TODAY, **kw)


def messages(result: OptionsImport) -> list[str]:
    return [p.message for p in result.problems]


def no_options() -> Scenario:
    """The default criteria (Pay; Title, Work-life balance, Culture fit, Growth rated), no options."""
    return blank_scenario()


# The documented example and hand-worked files ---------------------------------------------------


def test_the_documented_example_reads_as_the_docs_say():
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## Options CSV") :]
    example = re.search(r"```csv\n(.*?)```", section, re.S).group(1)
    result = read(example, no_options())
    assert messages(result) == []
    assert result.notes == ()
    globex, initech, umbrella = (r.option for r in result.ready)
    assert globex.name == "Globex" and globex.kind == "external offer" and globex.stage == "offer"
    assert (globex.employer, globex.role, globex.level) == (
        "Globex Corporation",
        "Lead data analyst",
        "Lead (L5)",
    )
    assert globex.pay.base == 140_000  # "$140,000"
    assert globex.pay.bonus_target_pct == 10  # "10%"
    assert (globex.pay.sign_on, globex.pay.benefits) == (15_000, 8_000)
    assert globex.ratings == {"title": 7, "work_life": 5, "culture": 6, "growth": 8}
    assert globex.notes == "Answer due in two weeks"
    assert initech.kind == "internal role" and initech.pay.sign_on == 0 and initech.pay.bonus_target_pct == 8
    # A blank stage for a prospect is "applied", as for a prospect added on the page.
    assert umbrella.stage == "applied" and umbrella.pay.base == 116_000  # "116 000"
    assert umbrella.notes == "Recruiter call only; pay is the posted range's midpoint"
    # Columns the file lacks take a new option's values.
    assert globex.pay.raise_pct == 3.0 and globex.pay.bonus_payout_pct == 100.0


def test_every_column_and_its_defaults():
    result = read(
        "name,kind,stage,employer,role,level,base,bonus_pct,bonus_payout_pct,raise_pct,sign_on,"
        "relocation,benefits,tax_rate_pct,Title,Work-life balance,Culture fit,Growth,Mission,notes\n"
        "Acme,counteroffer,final round,Acme Inc,Analyst,L3,100000,12.5,80,4,5000,2500,9000,31,"
        "1,2,3,4,5,hello\n"
        "Blank,,,,,,,,,,,,,,,,,,,\n"
    )
    assert messages(result) == []
    acme, blank = (r.option for r in result.ready)
    assert acme.kind == "counteroffer" and acme.stage == "final round"
    assert acme.pay.model_dump(
        include={
            "base",
            "bonus_target_pct",
            "bonus_payout_pct",
            "raise_pct",
            "sign_on",
            "relocation",
            "benefits",
            "tax_rate_pct",
        }
    ) == {
        "base": 100_000,
        "bonus_target_pct": 12.5,
        "bonus_payout_pct": 80,
        "raise_pct": 4,
        "sign_on": 5_000,
        "relocation": 2_500,
        "benefits": 9_000,
        "tax_rate_pct": 31,
    }
    assert acme.ratings == {"title": 1, "work_life": 2, "culture": 3, "growth": 4, "mission": 5}
    assert acme.notes == "hello"
    # A blank row but for its name: a new option's values, neutral ratings.
    assert blank.kind == "external offer" and blank.stage == "interviewing"
    assert blank.pay == Pay()
    assert set(blank.ratings.values()) == {5.0}
    assert blank.id == "blank"


def test_headers_are_matched_loosely_and_ratings_by_name_or_id():
    s = simple_example()
    assert resolve_header("  Sign-On ($) ", s) == ("field", next(c for c in COLUMNS if c.header == "sign_on"))
    assert resolve_header("Bonus %", s)[1].header == "bonus_pct"
    assert resolve_header("Base Salary", s)[1].header == "base"
    assert resolve_header("COMPANY", s)[1].header == "employer"
    assert resolve_header("work-life BALANCE", s) == ("rating", "work_life")
    assert resolve_header("work_life", s) == ("rating", "work_life")
    assert resolve_header("rating:growth", s) == ("rating", "growth")
    assert resolve_header("Rating.Culture fit", s) == ("rating", "culture")
    # The default criterion "Title" is a rating, so the job title column is "level".
    assert resolve_header("Title", s) == ("rating", "title")
    assert resolve_header("pay", s) == ("pay", "Pay")
    assert resolve_header("benefit", s) == ("unknown", "benefits")


def test_a_criterion_named_like_a_column_is_written_as_rating_id():
    s = simple_example()
    data = s.model_dump()
    data["criteria"].append({"id": "base_feel", "name": "Base", "weight": 1, "kind": "rating"})
    for job in [data["current"], *data["options"]]:
        job["ratings"]["base_feel"] = 4
    s = Scenario.model_validate(data)
    assert rating_header(s, "base_feel") == "rating:base_feel"
    assert rating_header(s, "growth") == "Growth"
    assert "rating:base_feel" in options_csv(s).splitlines()[0]
    result = read(options_csv(s), s, replace_existing=True)
    assert merge_options(s, result) == s


def test_criteria_named_like_preview_columns_get_columns_of_their_own():
    s = no_options()
    data = s.model_dump()
    for cid, name in [("status", "Status"), ("row", "Row"), ("notes_c", "notes")]:
        data["criteria"].append({"id": cid, "name": name, "weight": 1, "kind": "rating"})
        data["current"]["ratings"][cid] = 5
    s = Scenario.model_validate(data)
    result = read("name,Status,Row,rating:notes_c,notes\nA,1,2,3,hi\n", s)
    assert messages(result) == []
    assert result.ready[0].option.ratings == {
        "title": 5,
        "work_life": 5,
        "culture": 5,
        "growth": 5,
        "status": 1,
        "row": 2,
        "notes_c": 3,
    }
    assert result.ready[0].option.notes == "hi"
    preview = result.preview()
    assert list(preview.columns) == [
        "Row",
        "Status",
        "name",
        "Status (rating)",
        "Row (rating)",
        "notes (rating)",
        "notes",
    ]
    assert preview.iloc[0].tolist() == [2, "ready to add", "A", "1", "2", "3", "hi"]


def test_numbers_people_write():
    cases = {
        "120000": 120_000,
        "$120,000": 120_000,
        "120 000": 120_000,
        "120\u00a0000": 120_000,  # a no-break space, as French spreadsheets write
        "120'000": 120_000,
        "USD 120,000.50": 120_000.5,
        "120000 €": 120_000,
        "-$5,000": -5_000,
        "(1,000)": -1_000,
        " 7.5 ": 7.5,
        ".5": 0.5,
        "1e3": 1_000,
        "'42": 42,  # the spreadsheet's text mark
    }
    for text, expected in cases.items():
        assert parse_number(text, "money") == expected, text
    assert parse_number("15%", "percent") == 15
    assert parse_number("", "money") is None
    assert parse_number("   ", "rating") is None


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("12k", "money", '"12k" is not a number; write it as 12000'),
        ("12.5K", "money", "write it as 12500"),
        ("1.2m", "money", "write it as 1200000"),
        ("€ 95.000,50", "money", '"€ 95.000,50" uses a comma as the decimal point; write it as 95000.50'),
        ("95,5", "money", "write it as 95.5"),
        ("1.234.567", "money", "has dots between thousands; write it as 1234567"),
        (
            "€ 95.000",
            "money",
            '"€ 95.000" could be 95 or 95000 (a dot between thousands); write 95000, or 95',
        ),
        ("NaN", "money", '"NaN" is not a number'),
        ("Infinity", "rating", '"Infinity" is not a number'),
        ("-inf", "percent", '"-inf" is not a number'),
        ("#DIV/0!", "money", "is a spreadsheet error"),
        ("=B2*2", "money", "is a formula; the import reads values and never runs formulas"),
        ("$15", "percent", "has a currency sign, but this column is a percentage"),
        ("15%", "money", "is a percentage, but this column is an amount of money"),
        ("1e999", "money", "too large"),
        ("twelve", "rating", '"twelve" is not a number'),
    ],
)
def test_numbers_refused_with_the_number_to_write(text, unit, expected):
    result = parse_number(text, unit)
    assert isinstance(result, str) and expected in result, result


def test_a_dot_group_is_ambiguous_in_a_semicolon_file_only():
    assert parse_number("95.000", "money") == 95.0
    assert "could be" in parse_number("95.000", "money", dots_may_group=True)
    result = read("name;base\nAcme;95.000\n")
    assert messages(result) == [
        'Row 2, column "base": "95.000" could be 95 or 95000 (a dot between thousands); write 95000, or 95 if you mean that'
    ]


# Hostile and broken input ----------------------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    id: str
    data: bytes
    # Phrases that must appear among the problems (or notes, for accepted files).
    expect: tuple[str, ...]
    # How many rows must be ready to add: 0 for a refused file.
    ready: int = 0
    replace: bool = False


def _b(text: str) -> bytes:
    return text.encode("utf-8")


HEADER = "name,base,bonus_pct,Growth\n"
HOSTILE: list[Hostile] = [
    Hostile(
        "cp1252",
        "name,employer\nCafé,Société\n".encode("cp1252"),
        ("The file is not UTF-8 text: byte 18 (line 2)", "Windows or Latin-1", "CSV UTF-8"),
    ),
    Hostile("latin1-header", "naïve,base\n".encode("latin-1"), ("not UTF-8", "line 1")),
    Hostile("utf8-bom", codecs.BOM_UTF8 + _b(HEADER + "Acme,1,2,3\n"), (), ready=1),
    Hostile("utf16-bom", (HEADER + "Acme,1,2,3\n").encode("utf-16"), ("UTF-16 text",), ready=1),
    Hostile("utf16-no-bom", (HEADER + "Acme,1,2,3\n").encode("utf-16-le"), ("NUL characters (line 1)",)),
    Hostile(
        "xlsx", b"PK\x03\x04\x14\x00\x06\x00rest of a zip", ("workbook (.xlsx or .ods), not a CSV file",)
    ),
    Hostile("xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", ("old Excel workbook (.xls)",)),
    Hostile("semicolons", _b("name;base;Growth\nAcme;120000;7\n"), ("separated by semicolons",), ready=1),
    Hostile("tabs", _b("name\tbase\tGrowth\nAcme\t120000\t7\n"), ("separated by tabs",), ready=1),
    Hostile("sep-line", _b("sep=;\nname;base\nAcme;1\n"), ("separated by semicolons",), ready=1),
    Hostile("sep-line-cr", _b("sep=\t\rname\tbase\rAcme\t1\r"), ("separated by tabs",), ready=1),
    Hostile(
        "sep-line-odd",
        _b('sep="\nname\nAcme\n'),
        ('no "name" column', 'first row has: "sep=""'),
    ),
    Hostile("empty", b"", ("The file is empty",)),
    Hostile("blank-lines", b"\n\n  \r\n", ("The file is empty",)),
    Hostile("bom-only", codecs.BOM_UTF8, ("The file is empty",)),
    Hostile("header-only", _b(HEADER), ("header row (row 1) but no rows of offers",)),
    Hostile("header-then-blank-rows", _b(HEADER + ",,,\n,,,\n"), ("no rows of offers",)),
    Hostile("no-name-column", _b("company,base\nAcme,1\n"), ('no "name" column', '"company", "base"')),
    Hostile("data-without-header", _b("Acme,120000,7\n"), ('no "name" column', '"Acme", "120000", "7"')),
    Hostile(
        "duplicate-columns",
        _b("name,base,Growth,Base salary\nAcme,1,2,3\n"),
        ('Columns 2 ("base") and 4 ("Base salary") both give base. Keep one of them.',),
    ),
    Hostile(
        "duplicate-rating-columns",
        _b("name,Growth,growth\nAcme,1,2\n"),
        ('Columns 2 ("Growth") and 3 ("growth") both give the rating for "Growth"',),
    ),
    Hostile(
        "unknown-columns",
        _b("name,benefit,equity,Growth\nAcme,1,2,3\n"),
        (
            'Column 2 ("benefit") is ignored: Stay or Go does not read it. Did you mean "benefits"?',
            'Column 3 ("equity") is ignored',
        ),
        ready=1,
    ),
    Hostile("bonus-amount", _b("name,bonus\nAcme,20000\n"), ("bonus_pct, a percentage of base",), ready=1),
    Hostile(
        "pay-criterion-column",
        _b("name,Pay\nAcme,9\n"),
        ('Column 2 ("Pay") is ignored: the Pay criterion',),
        ready=1,
    ),
    Hostile(
        "duplicate-names-in-file",
        _b(HEADER + "Acme,1,,\nNew,2,,\nacme ,3,,\n"),
        ('Row 4, column "name": "acme" is also the name on row 2; give each offer its own name',),
        ready=2,
    ),
    Hostile(
        "name-already-in-scenario",
        _b(HEADER + "GLOBEX,150000,,\n"),
        (
            'Row 2, column "name": there is already an offer called "Globex"; rename the row, or choose to replace',
        ),
    ),
    Hostile("name-already-in-scenario-replaced", _b(HEADER + "GLOBEX,150000,,\n"), (), ready=1, replace=True),
    Hostile(
        "name-is-staying",
        _b(HEADER + "Stay at Initech,1,,\n"),
        ('Row 2, column "name": "Stay at Initech" is how staying is shown',),
    ),
    Hostile("empty-name", _b(HEADER + ",120000,10,\n"), ('Row 2, column "name": the name is empty',)),
    Hostile(
        "name-too-long",
        _b(HEADER + "x" * 81 + ",1,,\n"),
        ('Row 2, column "name": the text is 81 characters long; at most 80 fit in name',),
    ),
    Hostile(
        "nan-inf-cells",
        _b(HEADER + "A,NaN,inf,Infinity\nB,-Infinity,,nan\n"),
        (
            'Row 2, column "base": "NaN" is not a number',
            'Row 2, column "bonus_pct": "inf" is not a number',
            'Row 2, column "Growth": "Infinity" is not a number',
            'Row 3, column "base": "-Infinity" is not a number',
            'Row 3, column "Growth": "nan" is not a number',
        ),
    ),
    Hostile("huge-exponent", _b(HEADER + "A,1e400,,\n"), ('Row 2, column "base": "1e400" is too large',)),
    Hostile("currency-and-thousands", _b(HEADER + 'A,"$120,000",,\nB,120 000,,\n'), (), ready=2),
    Hostile(
        "european-number",
        _b(HEADER + 'A,"€ 95.000,50",,\n'),
        ('Row 2, column "base": "€ 95.000,50" uses a comma as the decimal point; write it as 95000.50',),
    ),
    Hostile(
        "shorthand",
        _b(HEADER + "A,12k,,\n"),
        ('Row 2, column "base": "12k" is not a number; write it as 12000',),
    ),
    Hostile(
        "negative-pay",
        _b("name,base,sign_on\nA,-120000,(500)\n"),
        (
            'Row 2, column "base": "-120000" is negative; an amount of pay can\'t be below 0',
            'Row 2, column "sign_on": "(500)" is negative',
        ),
    ),
    Hostile(
        "pay-too-large",
        _b(HEADER + "A,2000000000,,\n"),
        ('Row 2, column "base": "2000000000" is more than 1,000,000,000',),
    ),
    Hostile(
        "ratings-out-of-range",
        _b(HEADER + "A,,,11\nB,,,-1\nC,,,10.5\n"),
        (
            'Row 2, column "Growth": "11" is above 10; ratings go from 0 to 10',
            'Row 3, column "Growth": "-1" is below 0; ratings go from 0 to 10',
            'Row 4, column "Growth": "10.5" is above 10',
        ),
    ),
    Hostile(
        "percent-out-of-range",
        _b("name,bonus_pct,raise_pct,tax_rate_pct\nA,600,-60,95\n"),
        (
            'Row 2, column "bonus_pct": "600" is above 500; bonus_pct goes from 0 to 500',
            'Row 2, column "raise_pct": "-60" is below -50; raise_pct goes from -50 to 50',
            'Row 2, column "tax_rate_pct": "95" is above 90',
        ),
    ),
    Hostile(
        "unknown-kind-and-stage",
        _b("name,kind,stage\nA,dream job,maybe\n"),
        (
            'Row 2, column "kind": "dream job" is not a kind; use one of: external offer, internal role',
            'Row 2, column "stage": "maybe" is not a stage; use one of: applied, screening',
        ),
    ),
    Hostile(
        "spreadsheet-error",
        _b(HEADER + "A,#DIV/0!,#N/A,\n"),
        ('Row 2, column "base": "#DIV/0!" is a spreadsheet error',),
    ),
    Hostile(
        "formula-number",
        _b(HEADER + "A,=1+2,@SUM(A1),\n"),
        ('Row 2, column "base": "=1+2" is a formula', 'Row 2, column "bonus_pct": "@SUM(A1)" is a formula'),
    ),
    Hostile(
        "formula-names-kept-literally",
        _b("name,employer\n\"=cmd|' /C calc'!A0\",+SUM(1)\n-2+3,@x\n"),
        (),
        ready=2,
    ),
    Hostile(
        "unquoted-comma",
        _b(HEADER + "A,$120,000,10,7\n"),
        ("Row 2: this row has 5 cells but the header row has 4 columns", '("$120,000")'),
    ),
    Hostile(
        "unclosed-quote",
        _b(HEADER + 'A,1,2,3\n"B,1,2,3\nC,1,2,3\n'),
        ("Row 3 has a cell that opens with a double quote that is never closed",),
    ),
    Hostile(
        "cell-over-csv-limit",
        _b(HEADER + "A,1,2,3\n" + '"' + "x" * 200_000 + '",1,2,3\n'),
        ("Row 3 has a cell longer than 131,072 characters",),
    ),
    Hostile(
        "long-notes",
        _b("name,notes\nA," + "y" * 6000 + "\n"),
        ('Row 2, column "notes": the text is 6,000 characters long; at most 5,000 fit in notes',),
    ),
    Hostile(
        "very-wide-header",
        _b(",".join(f"c{k}" for k in range(50_000)) + "\n"),
        ("The header row has 50,000 columns",),
    ),
    Hostile(
        "very-long-row",
        _b(HEADER + "A,1,2,3" + ",x" * 100_000 + "\n"),
        ("Row 2: this row has 100,004 cells" if False else "Row 2: this row has 100004 cells",),
    ),
    Hostile("blank-rows-skipped", _b(HEADER + "\n,,,\nA,1,2,3\n\n"), ("Skipped 3 empty rows",), ready=1),
    Hostile("crlf-and-cr", b"name,base\r\nA,1\r\nB,2\r\n", (), ready=2),
    Hostile(
        "too-many-rows",
        _b("name\n" + "".join(f"o{k}\n" for k in range(MAX_OPTIONS + 1))),
        (f"more than {MAX_OPTIONS} rows of offers", f"row {MAX_OPTIONS + 2} is one too many"),
    ),
    Hostile(
        "capacity",
        _b("name\n" + "".join(f"o{k}\n" for k in range(MAX_OPTIONS - 2))),
        (
            "The scenario has 3 options and the file adds 198; a scenario holds at most 200. Remove 1 row from",
        ),
    ),
    Hostile(
        "over-the-size-limit",
        b"name\n" + b"x" * (MAX_OPTIONS_CSV_BYTES + 1),
        ("The file is 5.0 MB; an options file is at most 5 MB",),
    ),
    Hostile("binary-noise", bytes(range(256)) * 4, ("not UTF-8",)),
    Hostile("html", _b("<html><body><script>alert(1)</script></body></html>\n"), ('no "name" column',)),
    Hostile("json", _b('{"format": "stay-or-go/scenario", "options": []}'), ('no "name" column',)),
    Hostile(
        "control-character",
        _b("name,employer\nA\x1b[2J,B\x07\n"),
        (
            'Row 2, column "name": the text has an invisible control character (U+001B) at character 2',
            'Row 2, column "employer": the text has an invisible control character (U+0007)',
        ),
    ),
    Hostile(
        "column-without-header",
        _b("name,,base\nA,stray,1\n"),
        (),
        ready=1,
    ),
    Hostile(
        "markdown-and-html-in-names",
        _b('name\n"**bold** [x](javascript:alert(1)) <img src=x onerror=alert(1)>"\n'),
        (),
        ready=1,
    ),
]


def test_hostile_inputs_are_distinct():
    assert len({h.id for h in HOSTILE}) == len(HOSTILE)
    assert len(HOSTILE) >= 50


@pytest.mark.parametrize("case", HOSTILE, ids=[h.id for h in HOSTILE])
def test_hostile_input_is_answered_with_what_and_where(case):
    scenario = simple_example()
    before = scenario.model_dump()
    result = read(case.data, scenario, replace_existing=case.replace)
    said = "\n".join(messages(result) + list(result.notes))
    for phrase in case.expect:
        assert phrase in said, (phrase, said[:2000])
    assert len(result.ready) == case.ready, said[:2000]
    assert "Please report this" not in said
    assert scenario.model_dump() == before  # reading never touches the scenario
    if case.ready:
        merged = merge_options(scenario, result)
        assert len(merged.options) == len(scenario.options) + result.added
    else:
        with pytest.raises(EditRefused, match="Nothing was imported"):
            merge_options(scenario, result)
    assert scenario.model_dump() == before


def test_a_fifty_megabyte_file_is_refused_by_size_before_reading():
    data = b"name,base\n" + b"A,1\n" * (50 * 1024 * 1024 // 4)
    started = time.perf_counter()
    result = read(data)
    assert time.perf_counter() - started < 0.5
    assert messages(result) == [
        "The file is 50.0 MB; an options file is at most 5 MB (200 offers fit in far less). "
        "Check that you picked the right file."
    ]


def test_a_file_at_the_size_limit_is_read():
    row = "A,1\n"
    data = ("name,base\n" + "\n" * (MAX_OPTIONS_CSV_BYTES - 10 - len(row)) + row).encode()
    assert len(data) == MAX_OPTIONS_CSV_BYTES
    assert len(read(data).ready) == 1


def test_formula_names_are_kept_literally_and_neutralized_on_export():
    s = no_options()
    result = read("name,employer\n\"=cmd|' /C calc'!A0\",+SUM(1)\n-2+3,@x\n", s)
    first, second = (r.option for r in result.ready)
    assert first.name == "=cmd|' /C calc'!A0" and first.employer == "+SUM(1)"
    assert second.name == "-2+3" and second.employer == "@x"
    merged = merge_options(s, result)
    exported = list(csv.reader(io.StringIO(options_csv(merged))))
    assert [row[0] for row in exported[1:]] == ["'=cmd|' /C calc'!A0", "'-2+3"]
    assert [row[3] for row in exported[1:]] == ["'+SUM(1)", "'@x"]
    # ... and the export reads back as the names themselves.
    again = read(options_csv(merged), s)
    assert [r.option.name for r in again.ready] == ["=cmd|' /C calc'!A0", "-2+3"]


def test_a_refused_row_keeps_every_problem_and_the_rest_are_ready():
    result = read(HEADER + "Good,100000,10,7\nBad,12k,lots,11\n")
    assert [r.row for r in result.ready] == [2]
    assert [p.message for p in result.refused[0].problems] == [
        'Row 3, column "base": "12k" is not a number; write it as 12000',
        'Row 3, column "bonus_pct": "lots" is not a number; write a percentage with digits and a dot for decimals',
        'Row 3, column "Growth": "11" is above 10; ratings go from 0 to 10',
    ]
    preview = result.preview()
    assert list(preview.columns) == ["Row", "Status", "name", "base", "bonus_pct", "Growth"]
    assert preview.to_dict("records") == [
        {
            "Row": 2,
            "Status": "ready to add",
            "name": "Good",
            "base": "100,000",
            "bonus_pct": "10",
            "Growth": "7",
        },
        {
            "Row": 3,
            "Status": "not added: 3 problems",
            "name": "Bad",
            "base": "12k",
            "bonus_pct": "lots",
            "Growth": "11",
        },
    ]
    assert result.problem_table()["Column"].tolist() == ["base", "bonus_pct", "Growth"]
    assert result.summary() == "1 offer ready to add; 1 row with problems, which will not be added."
    assert result.button_label() == "Add 1 offer"
    assert result.undo_text("offers.csv") == "You imported 1 offer from offers.csv."


# Merging ---------------------------------------------------------------------------------------


def test_merge_adds_new_options_at_the_end_with_unique_ids():
    s = simple_example()
    result = read("name,base\nGlobex 2,1\nglobex-2 ,2\nNew one,3\n", s)
    # "Globex 2" and "globex-2" are different names; their ids must still differ.
    merged = merge_options(s, result)
    assert [o.name for o in merged.options][-3:] == ["Globex 2", "globex-2", "New one"]
    assert [o.id for o in merged.options][-3:] == ["globex_2", "globex_2_2", "new_one"]
    assert merged.options[:3] == s.options


def test_replacing_keeps_what_the_file_has_no_column_for():
    s = simple_example()
    globex = s.option("globex")
    result = read("name,stage,base,Growth\nglobex,accepted,150000,9\n", s, replace_existing=True)
    assert result.button_label() == "Replace 1 offer"
    assert result.status(result.rows[0]) == "replaces Globex"
    merged = merge_options(s, result)
    new = merged.option("globex")
    assert [o.id for o in merged.options] == [o.id for o in s.options]  # in place
    assert new.name == "globex" and new.pay.base == 150_000 and new.ratings["growth"] == 9
    assert new.ratings["title"] == globex.ratings["title"]  # no Title column: kept
    assert new.employer == globex.employer and new.notes == globex.notes
    assert new.process.history[:-1] == globex.process.history
    assert new.process.history[-1].model_dump() == {"stage": "accepted", "on": TODAY, "note": ""}
    assert (
        result.undo_text("x.csv") == "You imported 1 offer from x.csv (1 replaced an offer of the same name)."
    )


def test_merge_refuses_a_stale_import():
    s = simple_example()
    result = read("name,base\nGlobex,1\n", s, replace_existing=True)
    from core.edits.editing import remove_option

    with pytest.raises(EditRefused, match="no longer in the scenario"):
        merge_options(remove_option(s, "globex"), result)
    added = read("name,base\nAcme,1\n", s)
    from core.edits.editing import add_option

    with pytest.raises(EditRefused, match="The scenario has a problem"):
        merge_options(add_option(s, Option(id="acme", name="ACME", ratings=s.options[0].ratings)), added)


def test_line_breaks_in_cells_are_written_and_read_as_line_feeds():
    s = simple_example()
    data = s.model_dump()
    data["options"][0]["notes"] = "one\rtwo\r\nthree\nfour"
    s = Scenario.model_validate(data)
    exported = options_csv(s)
    assert '"one\ntwo\nthree\nfour"' in exported
    result = read(exported, s.model_copy(update={"options": []}))
    assert result.ready[0].option.notes == "one\ntwo\nthree\nfour"
    assert read('name,notes\nA,"x\r\ny\rz"\n').ready[0].option.notes == "x\ny\nz"


def test_template_is_the_header_row():
    assert options_csv(no_options()) == (
        "name,kind,stage,employer,role,level,base,bonus_pct,bonus_payout_pct,raise_pct,sign_on,relocation,"
        "benefits,tax_rate_pct,Title,Work-life balance,Culture fit,Growth,notes\n"
    )
    assert "no rows of offers" in messages(read(options_csv(no_options()), no_options()))[0]


# Round trips -----------------------------------------------------------------------------------

CARRIED = {
    "name",
    "kind",
    "stage",
    "employer",
    "role",
    "level",
    "notes",
    "ratings",
}
CARRIED_PAY = {
    "base",
    "bonus_target_pct",
    "bonus_payout_pct",
    "raise_pct",
    "sign_on",
    "relocation",
    "benefits",
    "tax_rate_pct",
}


def carried(option: Option) -> dict:
    return {**option.model_dump(include=CARRIED), "pay": option.pay.model_dump(include=CARRIED_PAY)}


# Text that is hard for CSV and spreadsheets: delimiters, quotes, line breaks, formula starts,
# apostrophes, non-ASCII. Cells are trimmed on import, so generated text is already trimmed.
tricky_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(",;\t\"'=+-@\n ,.%$€#|")),
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    ),
    max_size=30,
).map(str.strip)
# Names refuse invisible characters (core.model.fields) and are the same name by `name_key`.
names = tricky_text.map(visible).filter(lambda t: 1 <= len(t) <= 80 and t.strip())


def _in(lo: float, hi: float):
    return st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False).map(lambda x: x + 0.0)


@st.composite
def scenarios_with_options(draw) -> Scenario:
    n_rated = draw(st.integers(0, 4))
    crit_names = draw(
        st.lists(
            st.one_of(
                names.filter(lambda t: len(t) <= 60),
                st.sampled_from(["Base", "Notes", "Kind", "rating:x", "Pay 2"]),
            ),
            min_size=n_rated,
            max_size=n_rated,
            unique_by=name_key,
        ).filter(lambda ns: all(name_key(n) != "pay" for n in ns))
    )
    criteria = [Criterion(id="pay", name="Pay", kind="pay", weight=1)]
    criteria += [Criterion(id=f"c{k}", name=n, weight=1) for k, n in enumerate(crit_names)]
    rated = [c.id for c in criteria[1:]]
    option_names = draw(
        st.lists(names, max_size=5, unique_by=name_key).filter(
            lambda ns: all(name_key(n) != "stay" for n in ns)
        )
    )
    options = []
    for k, name in enumerate(option_names):
        options.append(
            Option(
                id=f"o{k}",
                name=name,
                kind=draw(st.sampled_from(["external offer", "internal role", "prospect", "counteroffer"])),
                stage=draw(st.sampled_from(["applied", "offer", "final round", "withdrawn"])),
                employer=draw(tricky_text),
                role=draw(tricky_text),
                level=draw(tricky_text),
                notes=draw(tricky_text),
                pay=Pay(
                    base=draw(_in(0, 1e9)),
                    bonus_target_pct=draw(_in(0, 500)),
                    bonus_payout_pct=draw(_in(0, 300)),
                    raise_pct=draw(_in(-50, 50)),
                    sign_on=draw(_in(0, 1e9)),
                    relocation=draw(_in(0, 1e6)),
                    benefits=draw(_in(0, 1e6)),
                    tax_rate_pct=draw(_in(0, 90)),
                ),
                ratings={cid: draw(_in(0, 10)) for cid in rated},
            )
        )
    return Scenario(
        criteria=criteria, current=CurrentRole(ratings={cid: 5 for cid in rated}), options=options
    )


@settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
@given(scenarios_with_options())
def test_export_then_import_gives_the_same_options(scenario):
    exported = options_csv(scenario).encode("utf-8")
    empty = scenario.model_copy(update={"options": []})
    result = read_options_csv(exported, empty, today=TODAY)
    if not scenario.options:
        assert "no rows of offers" in messages(result)[0]
        return
    assert messages(result) == [] and result.notes == ()
    assert [carried(r.option) for r in result.ready] == [carried(o) for o in scenario.options]
    # Read back over the scenario it came from, replacing: nothing changes at all.
    again = read_options_csv(exported, scenario, replace_existing=True, today=TODAY)
    assert merge_options(scenario, again) == scenario


@settings(max_examples=200, deadline=None)
@given(_in(0, 1e9))
def test_numbers_round_trip_as_written_plain_and_grouped(x):
    assert parse_number(repr(x), "money") == x
    assert parse_number(f"{x:,.2f}", "money") == float(f"{x:.2f}")
    assert parse_number(f"${x:,.0f}", "money") == float(f"{x:.0f}")


# Fuzzing ---------------------------------------------------------------------------------------

FUZZ_SCENARIO = simple_example()
FUZZ_BEFORE = FUZZ_SCENARIO.model_dump()


def _check_never_raises(data: bytes, replace: bool = False) -> None:
    result = read_options_csv(data, FUZZ_SCENARIO, replace_existing=replace, today=TODAY)
    assert isinstance(result, OptionsImport)
    for problem in result.problems:
        assert problem.message and "Please report this" not in problem.message, problem.message
    for row in result.rows:
        assert row.ok == (row.option is not None)
    if result.ready:
        merged = merge_options(FUZZ_SCENARIO, result)
        assert len(merged.options) == len(FUZZ_SCENARIO.options) + result.added
    else:
        with pytest.raises(EditRefused):
            merge_options(FUZZ_SCENARIO, result)
    result.preview(), result.problem_table(), result.summary(), result.button_label()
    assert FUZZ_SCENARIO.model_dump() == FUZZ_BEFORE


@settings(max_examples=250, deadline=None)
@given(st.binary(max_size=2000), st.booleans())
def test_fuzz_random_bytes(data, replace):
    _check_never_raises(data, replace)


@settings(max_examples=250, deadline=None)
@given(st.text(max_size=2000), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_fuzz_random_text(text, encoding):
    _check_never_raises(text.encode(encoding, errors="surrogatepass"))


HEADERS = [c.header for c in COLUMNS] + [
    "Growth",
    "growth",
    "Title",
    "Pay",
    "rating:mission",
    "rating:nope",
    "Base salary",
    "Bonus %",
    "",
    "equity",
    "=cmd",
]
CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "0",
            "5",
            "10",
            "11",
            "-1",
            "120000",
            "$120,000",
            "120 000",
            "€ 95.000,50",
            "12k",
            "NaN",
            "inf",
            "-Infinity",
            "1e999",
            "15%",
            "(500)",
            "#N/A",
            "=1+2",
            "Globex",
            "globex",
            "Stay at Initech",
            "offer",
            "prospect",
            "final round",
            "x" * 300,
            '"',
            "'=x",
            "\n",
        ]
    ),
    st.text(max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
    st.lists(st.lists(CELLS, max_size=9), max_size=8),
    st.sampled_from([",", ";", "\t"]),
    st.booleans(),
)
def test_fuzz_csv_shaped_grids(header, rows, delimiter, replace):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    _check_never_raises(buf.getvalue().encode("utf-8"), replace)
