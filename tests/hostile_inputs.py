"""Every hostile or broken scenario file tried against `core.files.scenario_json.scenario_from_json`, in one table.

Each entry is a distinct input a person (or an attacker) could hand the app or `stay-or-go report`,
with what must happen: either it is refused with a `ScenarioFileError` whose message contains every
listed phrase (what is wrong, and where), or it is accepted and round-trips. tests/test_io.py runs
the whole table; tests/test_cli.py runs a sample through the command line. The report on this work
quotes `len(HOSTILE_INPUTS)`.

Payloads are built lazily (some are 50 MB), so importing this module costs nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from core.files.scenario_json import MAX_SCENARIO_BYTES, scenario_to_json
from core.model.example import example_scenario

ACCEPTED: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hostile:
    id: str
    build: Callable[[], bytes | str]
    # Phrases the refusal must contain; ACCEPTED (empty) means the file must open.
    expect: tuple[str, ...]
    group: str

    @property
    def accepted(self) -> bool:
        return not self.expect


@cache
def example_text() -> str:
    return scenario_to_json(example_scenario())


def example() -> dict[str, Any]:
    return json.loads(example_text())


def replaced(old: str, new: str, count: int = 1) -> Callable[[], bytes]:
    """The example file with the text `old` replaced by `new` (checked to be there)."""

    def build() -> bytes:
        text = example_text()
        assert old in text, old
        return text.replace(old, new, count).encode("utf-8")

    return build


def edited(change: Callable[[dict[str, Any]], Any]) -> Callable[[], bytes]:
    """The example as a dict, changed by `change`, written as ASCII-escaped JSON (so a lone
    surrogate in a string becomes the escape \\ud800, as another program might write it)."""

    def build() -> bytes:
        data = example()
        change(data)
        return json.dumps(data).encode("ascii")

    return build


def const(payload: bytes | str) -> Callable[[], bytes | str]:
    return lambda: payload


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for p in parents:
            node = node[int(p)] if isinstance(node, list) else node[p]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _nulled(value: Any) -> Any:
    """Every value replaced by null, keeping only the keys (null everywhere)."""
    if isinstance(value, dict):
        return {k: _nulled(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nulled(v) for v in value]
    return None


def _null_everywhere(data: dict[str, Any]) -> None:
    nulled = _nulled(data)
    data.clear()
    data.update(nulled, format="stay-or-go/scenario", version=2)


def _v1(change: Callable[[dict[str, Any]], Any] = lambda d: None) -> Callable[[], bytes]:
    from pathlib import Path

    def build() -> bytes:
        data = json.loads((Path(__file__).parent / "data" / "scenario-v1.json").read_text(encoding="utf-8"))
        change(data)
        return json.dumps(data).encode("ascii")

    return build


def _padded_to(size: int) -> Callable[[], bytes]:
    def build() -> bytes:
        text = example_text().encode("utf-8")
        return text + b" " * (size - len(text))

    return build


def _minimal_options(n: int) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        ratings = data["options"][0]["ratings"]
        data["options"] = [{"id": f"o{k}", "name": f"Option {k}", "ratings": ratings} for k in range(n)]

    return change


def _extra_criteria(n: int) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        for k in range(n):
            data["criteria"].append({"id": f"extra{k}", "name": f"Extra {k}", "weight": 1})
            for job in [data["current"], *data["options"]]:
                job["ratings"][f"extra{k}"] = 5

    return change


def _nested(levels: int) -> str:
    return "[" * levels + "]" * levels


H = Hostile
HOSTILE_INPUTS: list[Hostile] = [
    # Encodings ---------------------------------------------------------------------------------
    H("utf16-le-with-bom", lambda: example_text().encode("utf-16"), ("UTF-16", "UTF-8"), "encoding"),
    H(
        "utf16-be-with-bom",
        lambda: b"\xfe\xff" + example_text().encode("utf-16-be"),
        ("UTF-16", "UTF-8"),
        "encoding",
    ),
    H("utf16-le-no-bom", lambda: example_text().encode("utf-16-le"), ("UTF-16",), "encoding"),
    H("utf32-with-bom", lambda: example_text().encode("utf-32"), ("UTF-32",), "encoding"),
    H(
        "latin-1",
        lambda: example_text().replace("Initech", "Zürich", 1).encode("latin-1"),
        ("not UTF-8", "line 8", "Latin-1"),
        "encoding",
    ),
    H(
        "windows-1252-quotes",
        lambda: example_text().replace("Frustrated", "“Frustrated”", 1).encode("cp1252"),
        ("not UTF-8", "line", "column"),
        "encoding",
    ),
    H("byte-ff", const(b'{"format": "\xff"}'), ("not UTF-8", "line 1, column 13"), "encoding"),
    H(
        "truncated-multibyte",
        lambda: example_text().encode("utf-8") + b"\xc3",
        ("not UTF-8",),
        "encoding",
    ),
    H(
        "cesu-8-surrogate",
        lambda: example_text().encode("utf-8").replace(b'"Globex"', b'"Glo\xed\xa0\x80bex"', 1),
        ("not UTF-8",),
        "encoding",
    ),
    H("overlong-utf8", const(b'{"format": "\xc0\xaf"}'), ("not UTF-8",), "encoding"),
    H("utf8-with-bom", lambda: b"\xef\xbb\xbf" + example_text().encode("utf-8"), ACCEPTED, "encoding"),
    H(
        "utf8-bom-twice",
        lambda: b"\xef\xbb\xbf" * 2 + example_text().encode("utf-8"),
        ("not valid JSON",),
        "encoding",
    ),
    H("text-with-bom", lambda: "\ufeff" + example_text(), ACCEPTED, "encoding"),
    # Empty ---------------------------------------------------------------------------------------
    H("empty", const(b""), ("empty",), "empty"),
    H("whitespace-only", const(b" \n\t\r\n "), ("empty",), "empty"),
    H("bom-only", const(b"\xef\xbb\xbf"), ("empty",), "empty"),
    H("nul-bytes", const(b"\x00" * 100), ("NUL",), "empty"),
    H("empty-text", const(""), ("empty",), "empty"),
    # Not JSON ------------------------------------------------------------------------------------
    H("plain-text", const(b"this is not json"), ("not valid JSON", "line 1, column 1"), "syntax"),
    H(
        "truncated",
        lambda: example_text().encode("utf-8")[: len(example_text()) // 2],
        ("not valid JSON", "line"),
        "syntax",
    ),
    H(
        "trailing-garbage",
        lambda: (example_text() + "xyz").encode(),
        ("not valid JSON", "Extra data"),
        "syntax",
    ),
    H("two-objects", lambda: (example_text() * 2).encode(), ("not valid JSON",), "syntax"),
    H("comment", lambda: ("// mine\n" + example_text()).encode(), ("not valid JSON",), "syntax"),
    H("single-quotes", const(b"{'format': 'stay-or-go/scenario'}"), ("not valid JSON",), "syntax"),
    H("trailing-comma", const(b'{"format": "stay-or-go/scenario",}'), ("not valid JSON",), "syntax"),
    H("json-lines", const(b'{"a": 1}\n{"b": 2}\n'), ("not valid JSON", "line 2"), "syntax"),
    H("html", const(b"<!doctype html><html><body>Not found</body></html>"), ("not valid JSON",), "syntax"),
    H("unterminated-string", const(b'{"format": "stay-or-go/scen'), ("not valid JSON",), "syntax"),
    # Valid JSON, not a scenario ----------------------------------------------------------------------
    H("json-list", const(b"[1, 2, 3]"), ("a list", "not a Stay or Go scenario"), "top level"),
    H("json-number", const(b"42"), ("a number", "not a Stay or Go scenario"), "top level"),
    H("json-string", const(b'"stay-or-go/scenario"'), ("a text", "not a Stay or Go scenario"), "top level"),
    H("json-null", const(b"null"), ("null", "not a Stay or Go scenario"), "top level"),
    H("json-true", const(b"true"), ("true/false", "not a Stay or Go scenario"), "top level"),
    H("object-without-format", const(b'{"name": "x"}'), ('no "format"',), "top level"),
    H("other-format", edited(_set("format", "something/else")), ('"something/else"', "format"), "top level"),
    H("format-is-a-number", edited(_set("format", 1)), ("format",), "top level"),
    H("format-null", edited(_set("format", None)), ("format",), "top level"),
    H(
        "format-nested-500-deep",
        replaced('"format": "stay-or-go/scenario"', '"format": ' + _nested(500)),
        ('its "format" is a list',),
        "top level",
    ),
    H(
        "large-json-that-is-not-a-scenario",
        const(json.dumps({f"package-{i}": {"version": "1.0.0"} for i in range(5000)}).encode()),
        ('no "format"',),
        "top level",
    ),
    # Numbers -------------------------------------------------------------------------------------
    H(
        "NaN",
        replaced('"base": 95000.0', '"base": NaN'),
        ("NaN", "not a number", "current role > pay > base salary"),
        "numbers",
    ),
    H(
        "Infinity",
        replaced('"base": 95000.0', '"base": Infinity'),
        ("Infinity", "current role > pay > base salary"),
        "numbers",
    ),
    H(
        "-Infinity",
        replaced('"raise_pct": 3.0', '"raise_pct": -Infinity'),
        ("-Infinity", "current role > pay > raise_pct"),
        "numbers",
    ),
    H(
        "1e999-overflows-to-inf",
        replaced('"base": 95000.0', '"base": 1e999'),
        ("1e999", "too large", "current role > pay > base salary"),
        "numbers",
    ),
    H(
        "-1e999",
        replaced('"sign_on": 0.0', '"sign_on": -1e999'),
        ("-1e999", "too large", "current role > pay > sign-on bonus"),
        "numbers",
    ),
    H(
        "integer-10**400",
        replaced('"base": 95000.0', '"base": 1' + "0" * 400),
        ("too large", "current role > pay > base salary"),
        "numbers",
    ),
    H(
        "integer-10**5000",
        replaced('"base": 95000.0', '"base": 1' + "0" * 5000),
        ("too large", "current role > pay > base salary"),
        "numbers",
    ),
    H("NaN-top-level", const(b"NaN"), ("NaN",), "numbers"),
    H("1e-400-underflows-to-0", replaced('"sign_on": 0.0', '"sign_on": 1e-400'), ACCEPTED, "numbers"),
    H("negative-zero", replaced('"sign_on": 0.0', '"sign_on": -0.0'), ACCEPTED, "numbers"),
    H(
        "text-for-number",
        edited(_set("current.pay.base", "lots")),
        ("current role > pay > base salary",),
        "numbers",
    ),
    H("number-for-text", edited(_set("options.0.name", 5)), ("option 1 > name", "string"), "numbers"),
    H(
        "digits-as-text-for-number",
        edited(_set("current.pay.base", "95000")),
        ("current role > pay > base salary", "valid number"),
        "numbers",
    ),
    H("true-for-number", edited(_set("current.pay.base", True)), ("base salary", "valid number"), "numbers"),
    H("text-for-true-false", edited(_set("example", "yes")), ("example", "valid boolean"), "numbers"),
    H("float-for-int", edited(_set("options.0.pay.clawback_months", 1.5)), ("clawback months",), "numbers"),
    H("list-for-object", edited(_set("current.pay", [])), ("current role > pay",), "numbers"),
    H("object-for-list", edited(_set("options", {})), ("options",), "numbers"),
    H("string-for-date", edited(_set("money.start", "soon")), ("money settings > start",), "numbers"),
    # Duplicate keys ------------------------------------------------------------------------------
    H(
        "duplicate-top-level-key",
        replaced('"name": "Example', '"name": "A", "name": "Example'),
        ('"name" appears twice',),
        "duplicates",
    ),
    H(
        "duplicate-nested-key",
        replaced('"base": 95000.0', '"base": 1.0, "base": 95000.0'),
        ('"base" appears twice', "current role > pay"),
        "duplicates",
    ),
    H(
        "duplicate-rating-key",
        replaced('"growth": 4.0', '"growth": 10.0, "growth": 4.0'),
        ('"growth" appears twice', "current role > ratings"),
        "duplicates",
    ),
    H(
        "duplicate-format-key",
        replaced('"format": "stay-or-go/scenario"', '"format": "x", "format": "stay-or-go/scenario"'),
        ('"format" appears twice',),
        "duplicates",
    ),
    H(
        "duplicate-option-ids",
        edited(_set("options.1.id", "globex")),
        ("option id 'globex'",),
        "duplicates",
    ),
    H(
        "option-id-taken-by-staying",
        edited(_set("options.1.id", "__staying__")),
        ("'__staying__'", "staying put's"),
        "duplicates",
    ),
    H(
        "option-names-differing-by-case",
        edited(_set("options.1.name", "GLOBEX")),
        ("option name 'globex'",),
        "duplicates",
    ),
    # Size and shape ------------------------------------------------------------------------------
    H("50-MB", lambda: b" " * (50 * 1024 * 1024), ("50.0 MB", "at most 5 MB"), "size"),
    H("one-byte-over-the-limit", _padded_to(MAX_SCENARIO_BYTES + 1), ("at most 5 MB",), "size"),
    H("exactly-at-the-limit", _padded_to(MAX_SCENARIO_BYTES), ACCEPTED, "size"),
    H("6M-character-text", lambda: " " * (6 * 1024 * 1024), ("at most 5 MB",), "size"),
    H("2M-euro-signs-as-text", lambda: "€" * (2 * 1024 * 1024), ("at most 5 MB",), "size"),
    H("100k-nested-arrays", const(_nested(100_000).encode()), ("nested too deeply",), "size"),
    H(
        "100k-nested-objects",
        const(('{"a":' * 100_000 + "1" + "}" * 100_000).encode()),
        ("nested too deeply",),
        "size",
    ),
    H(
        "25-levels-inside-a-scenario",
        replaced('"notes": "Frustrated', '"notes": ' + _nested(25) + ', "x": "'),
        ("nested", "current role > notes"),
        "size",
    ),
    H("1M-element-top-level-array", const(b"[" + b"0," * 999_999 + b"0]"), ("a list",), "size"),
    H(
        "1M-element-option-list",
        edited(_set("options", [0] * 1_000_000)),
        ("options", "1,000,000 entries"),
        "size",
    ),
    H(
        "200k-key-object",
        edited(_set("pairwise", {f"k{i}": 1 for i in range(200_000)})),
        ("pairwise", "200,000 entries"),
        "size",
    ),
    H(
        "10000-options",
        edited(_minimal_options(10_000)),
        ("options", "10,000 entries", "200 options"),
        "size",
    ),
    H("201-options", edited(_minimal_options(201)), ("options", "at most 200 items"), "size"),
    H("200-options", edited(_minimal_options(200)), ACCEPTED, "size"),
    H("31-criteria", edited(_extra_criteria(25)), ("criteria", "at most 30 items"), "size"),
    H(
        "1-MB-scenario-name",
        edited(_set("name", "x" * 1_000_000)),
        ("name: String should have at most 200 characters",),
        "size",
    ),
    H(
        "1-MB-option-name",
        edited(_set("options.0.name", "x" * 1_000_000)),
        ("option 1 > name: String should have at most 80 characters",),
        "size",
    ),
    H(
        "1-MB-rating-key",
        edited(lambda d: d["current"]["ratings"].update({"x" * 1_000_000: 5})),
        ("current role has a rating for", "…"),
        "size",
    ),
    H(
        "4-MB-notes",
        edited(_set("current.notes", "n" * 4_000_000)),
        ("current role > notes: String should have at most 5000 characters",),
        "size",
    ),
    # Versions ------------------------------------------------------------------------------------
    H("version-3", edited(_set("version", 3)), ("version 3", "versions 1 to 2"), "version"),
    H("version-missing", edited(lambda d: d.pop("version")), ('no "version"',), "version"),
    H("version-as-text", edited(_set("version", "2")), ("version '2'", "whole number"), "version"),
    H("version-null", edited(_set("version", None)), ('no "version"',), "version"),
    H("version-2.0", edited(_set("version", 2.0)), ("version 2.0", "whole number"), "version"),
    H("version-true", edited(_set("version", True)), ("version True",), "version"),
    H("version-0", edited(_set("version", 0)), ("version 0",), "version"),
    H("version-negative", edited(_set("version", -1)), ("version -1",), "version"),
    H(
        "version-10**400",
        replaced('"version": 2', '"version": 1' + "0" * 400),
        ("too large", "version"),
        "version",
    ),
    # Nulls ---------------------------------------------------------------------------------------
    H("null-everywhere", edited(_null_everywhere), ("The scenario has problems:", "… and"), "nulls"),
    H(
        "every-top-level-field-null",
        edited(lambda d: d.update({k: None for k in d if k not in ("format", "version")})),
        ("name: Input should be a valid string", "criteria: Input should be a valid array"),
        "nulls",
    ),
    H("null-current", edited(_set("current", None)), ("current role",), "nulls"),
    H("null-options", edited(_set("options", None)), ("options",), "nulls"),
    H("null-criteria", edited(_set("criteria", None)), ("criteria",), "nulls"),
    H("null-pay", edited(_set("options.0.pay", None)), ('option "Globex" > pay',), "nulls"),
    H(
        "null-rating",
        edited(_set("options.0.ratings.growth", None)),
        ('option "Globex" > ratings > growth',),
        "nulls",
    ),
    H("null-option", edited(_set("options.0", None)), ("option 1",), "nulls"),
    # Unknown fields ------------------------------------------------------------------------------
    H(
        "unknown-top-level-field",
        edited(_set("salary", 1)),
        ("salary: Extra inputs are not permitted",),
        "extra",
    ),
    H(
        "unknown-pay-field",
        edited(_set("current.pay.stock", 1)),
        ("current role > pay > stock: Extra inputs are not permitted",),
        "extra",
    ),
    H(
        "unknown-process-field",
        edited(_set("options.0.process.mood", "good")),
        ('option "Globex" > process > mood',),
        "extra",
    ),
    # Text content --------------------------------------------------------------------------------
    H("NUL-in-name", edited(_set("options.0.name", "Glo\x00bex")), ("option 1 > name", "U+0000"), "text"),
    H(
        "terminal-escape-in-name",
        edited(_set("options.0.name", "\x1b[2J\x1b[31mGlobex")),
        ("option 1 > name", "U+001B"),
        "text",
    ),
    H(
        "C1-control-in-notes",
        edited(_set("current.notes", "a\x9bb")),
        ("current role > notes", "U+009B"),
        "text",
    ),
    H("DEL-in-employer", edited(_set("current.employer", "Ini\x7ftech")), ("employer", "U+007F"), "text"),
    H(
        "lone-surrogate-in-name",
        edited(_set("options.0.name", "Glo\ud800bex")),
        ("broken character", "\\ud800", "option 1 > name"),
        "text",
    ),
    H(
        "lone-surrogate-in-key",
        edited(lambda d: d["current"]["ratings"].update({"gro\udc00wth": 1})),
        ("broken character", "current role > ratings"),
        "text",
    ),
    H(
        "whitespace-only-option-name",
        edited(_set("options.0.name", " \u3000\t ")),
        ("option 1 > name", "blank"),
        "text",
    ),
    H(
        "whitespace-only-criterion-name",
        edited(_set("criteria.1.name", "   ")),
        ("criterion 2 > name", "blank"),
        "text",
    ),
    H(
        "empty-option-name",
        edited(_set("options.0.name", "")),
        ("option 1 > name", "at least 1 character"),
        "text",
    ),
    H("tab-and-newline-in-notes", edited(_set("current.notes", "a\tb\r\nc")), ACCEPTED, "text"),
    H("line-break-in-option-name", edited(_set("options.0.name", "Glo\nbex")), ACCEPTED, "text"),
    # It would reverse the app's own text after the name: refused, naming the character.
    H(
        "rtl-override-in-name",
        edited(_set("options.0.name", "\u202eexebolG")),
        ("option 1 > name", "a right-to-left override (U+202E)"),
        "text",
    ),
    H(
        "zero-width-space-in-name",
        edited(_set("criteria.1.name", "Pl\u200ban")),
        ("criterion 2 > name", "a zero-width space (U+200B)"),
        "text",
    ),
    H(
        "name-at-80-astral-characters",
        lambda: json.dumps(
            {**example(), "options": [{**example()["options"][0], "name": "🚀" * 80}]}
        ).encode(),
        ACCEPTED,
        "text",
    ),
    H(
        "name-81-astral-characters",
        edited(_set("options.0.name", "🚀" * 81)),
        ("at most 80 characters",),
        "text",
    ),
    # Dates ---------------------------------------------------------------------------------------
    H(
        "start-9999-12-31",
        edited(_set("money.start", "9999-12-31")),
        ("money settings > start", "2100"),
        "dates",
    ),
    H(
        "start-0001-01-01",
        edited(_set("money.start", "0001-01-01")),
        ("money settings > start", "1900"),
        "dates",
    ),
    H("start-2026-02-30", edited(_set("money.start", "2026-02-30")), ("money settings > start",), "dates"),
    H("start-year-10000", edited(_set("money.start", "10000-01-01")), ("money settings > start",), "dates"),
    H(
        "vesting-start-0001",
        edited(_set("current.pay.grants.0.vesting_start", "0001-01-01")),
        ACCEPTED,
        "dates",
    ),
    H(
        "raise-dated-9999",
        edited(
            lambda d: d["current"]["recent_changes"].append(
                {"kind": "raise", "when": "9999-12-31", "new_base": 1}
            )
        ),
        ACCEPTED,
        "dates",
    ),
    H(
        "vesting-start-9999",
        edited(_set("current.pay.grants.0.vesting_start", "9999-12-31")),
        ("more than 5 years after",),
        "dates",
    ),
    # Version 1 files -----------------------------------------------------------------------------
    H("v1-as-shipped", _v1(), ACCEPTED, "version 1"),
    H(
        "v1-bonus-without-base",
        _v1(lambda d: d["options"][0]["pay"].update(base=0)),
        ("version 1", "option 'Globex' has a bonus but no base salary"),
        "version 1",
    ),
    H("v1-pay-is-text", _v1(lambda d: d["current"].update(pay="lots")), ("current role > pay",), "version 1"),
    H("v1-options-is-text", _v1(lambda d: d.update(options="x")), ("options",), "version 1"),
    H("v1-options-is-a-number", _v1(lambda d: d.update(options=5)), ("options",), "version 1"),
    H("v1-option-is-a-number", _v1(lambda d: d["options"].insert(0, 5)), ("option 1",), "version 1"),
    H(
        "v1-base-is-text",
        _v1(lambda d: d["current"]["pay"].update(base="lots")),
        ("current role > pay > base salary",),
        "version 1",
    ),
    H(
        "v1-huge-equity",
        _v1(lambda d: d["options"][0]["pay"].update(equity=1e308)),
        ("version 1", "option 'Globex' has equity of 1e+308 a year"),
        "version 1",
    ),
    H(
        "v1-tiny-base",
        _v1(lambda d: d["options"][0]["pay"].update(base=1e-320, bonus=1)),
        ("version 1", "option 'Globex' has a bonus (1) of more than 5 times its base salary (0)"),
        "version 1",
    ),
    H("v1-without-pay", _v1(lambda d: d["options"][0].pop("pay")), ACCEPTED, "version 1"),
    H(
        "v1-unknown-pay-field",
        _v1(lambda d: d["options"][0]["pay"].update(stock=5)),
        ('option "Globex" > pay > stock',),
        "version 1",
    ),
    # Rules between fields ------------------------------------------------------------------------
    H(
        "pairwise-unknown-criterion",
        edited(_set("pairwise", {"pay|nope": 3})),
        ("pairwise judgement 'pay|nope'",),
        "rules",
    ),
    H("pairwise-zero", edited(_set("pairwise", {"pay|growth": 0})), ("pairwise > pay|growth",), "rules"),
    H(
        "rating-11",
        edited(_set("options.0.ratings.growth", 11)),
        ('option "Globex" > ratings > growth',),
        "rules",
    ),
    H("negative-sign-on", edited(_set("options.1.pay.sign_on", -5)), ("sign-on bonus",), "rules"),
    H(
        "custom-vesting-not-100",
        edited(_set("current.pay.grants.0.schedule", {"preset": "custom", "custom_pct": [50, 40]})),
        ("vesting schedule", "add up to 90%"),
        "rules",
    ),
    H("unknown-stage", edited(_set("options.0.stage", "ghosted")), ('option "Globex" > stage',), "rules"),
    H(
        "rating-range-upside-down",
        edited(_set("options.0.rating_ranges", {"growth": {"low": 9, "high": 2}})),
        ("swap them",),
        "rules",
    ),
    H(
        "missing-rating",
        edited(lambda d: d["options"][2]["ratings"].pop("culture")),
        ("has no rating for",),
        "rules",
    ),
    H(
        "two-pay-criteria",
        edited(_set("criteria.1.kind", "pay")),
        ("only one criterion can be the pay",),
        "rules",
    ),
    H("no-criteria", edited(_set("criteria", [])), ("criteria", "at least 1 item"), "rules"),
    H(
        "option-called-stay",
        edited(_set("options.0.name", "stay at initech")),
        ("that is how staying is shown",),
        "rules",
    ),
]

assert len({h.id for h in HOSTILE_INPUTS}) == len(HOSTILE_INPUTS), "ids must be distinct"
