"""The scenario file: JSON written by pydantic, read with every check a hand-edited or hostile
file needs (size, depth, duplicate keys, numbers, text), and older formats migrated.

Every reader raises `ScenarioFileError` whose message says what is wrong and where, in words a
person can act on; nothing here prints or exits, so the app and the command line both use it.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from core.model.scenario import FORMAT_NAME, FORMAT_VERSION, MAX_MONEY, Scenario

# A scenario with 200 options is well under this; anything bigger is not a scenario file. The app's
# upload limit (.streamlit/config.toml) is the same, but the code checks it too (`check_scenario_size`).
MAX_SCENARIO_BYTES = 5 * 1024 * 1024
# A scenario nests 7 levels at most (scenario > options > option > process > rating_history > entry
# > ratings); deeper than this is not a scenario.
MAX_JSON_DEPTH = 20
# The longest list in a scenario is its options (at most 200) and the largest object its pairwise
# judgements (30 criteria make 870 pairs): more entries than this in one place is not a scenario.
MAX_JSON_ENTRIES = 1000
# Every whole number in a scenario is far below 10**20 (money is at most 1e9, the seed 2**31).
MAX_INTEGER_DIGITS = 20


class ScenarioFileError(ValueError):
    """A scenario file could not be read; `str(error)` says what to change."""


def scenario_to_json(scenario: Scenario) -> str:
    """The scenario as versioned, human-readable JSON (UTF-8, non-ASCII kept as is).

    Lossless: `scenario_from_json(scenario_to_json(s)) == s`, and writing the result again gives the
    same text (floats are written in their shortest round-tripping form). Pydantic writes it, in a
    tenth of the time `json.dumps(..., indent=2)` took: every autosave writes it."""
    return scenario.model_dump_json(indent=2) + "\n"


def check_scenario_size(size: int) -> None:
    """Refuse a file of `size` bytes before reading it, if it is too large to be a scenario file."""
    if size > MAX_SCENARIO_BYTES:
        mb = MAX_SCENARIO_BYTES // 1024 // 1024
        shown = f"{size / 1024 / 1024:.1f} MB" if size >= 1.01 * MAX_SCENARIO_BYTES else f"{size:,} bytes"
        raise ScenarioFileError(
            f"The file is {shown}; a scenario file is at most {mb} MB. Check that you picked the right file."
        )


def scenario_from_json(data: str | bytes) -> Scenario:
    """Parse and validate a scenario file, or raise ScenarioFileError saying what is wrong and where.

    Nothing else escapes: a file of any bytes either gives a valid Scenario or that error. In order:
    the size (before anything is decoded), the encoding (UTF-8, with or without a byte-order mark),
    the JSON syntax, the shape of what was parsed (nesting, entries per list or object, duplicate
    keys, NaN, Infinity and numbers too large for any field, broken characters), the format and its
    version (older versions are migrated), and last the scenario's own rules (core.model.scenario)."""
    if isinstance(data, bytes | bytearray | memoryview):
        data = bytes(data)
        check_scenario_size(len(data))
        text = _decode(data)
    else:
        if len(data) > MAX_SCENARIO_BYTES:  # each character is at least one byte
            check_scenario_size(len(data))
        check_scenario_size(len(data.encode("utf-8", "surrogatepass")))
        text = data.removeprefix("\ufeff")
    if not text.strip():
        raise ScenarioFileError("The file is empty. Pick the scenario file you downloaded from Stay or Go.")
    try:
        raw = json.loads(
            text,
            object_pairs_hook=_object,
            parse_float=_float,
            parse_int=_int,
            parse_constant=_constant,
        )
    except RecursionError:
        raise ScenarioFileError("The file is nested too deeply to be a scenario file.") from None
    except json.JSONDecodeError as e:
        raise ScenarioFileError(
            f"The file is not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}."
        ) from None
    if not isinstance(raw, dict):
        if isinstance(raw, _BadNumber):
            raise ScenarioFileError(f"The file holds only {raw.describe()}.")
        raise ScenarioFileError(
            f"This is JSON, but it holds {_json_kind(raw)}, not a Stay or Go scenario (an object "
            "that starts with {). Export a scenario from the app, or run `stay-or-go example` to "
            "see the format."
        )
    if not (isinstance(raw, _DuplicateKeys) and raw.duplicate == "format"):
        _check_format(raw)  # first: any other JSON file is simply not a scenario
    _check_shape(raw)
    raw = migrate(raw)
    try:
        # Strict, as JSON: "95000" (text) or true where a number belongs is refused with a
        # message, not read as 95000 or 1; dates are still read from their ISO text.
        return Scenario.model_validate_json(json.dumps(raw, allow_nan=False), strict=True)
    except ValidationError as e:
        raise ScenarioFileError(describe_validation_error(e, raw)) from None


def _check_format(raw: dict[str, Any]) -> None:
    if "format" not in raw:
        raise ScenarioFileError(
            "This is JSON, but not a Stay or Go scenario: it has no "
            f'"format": "{FORMAT_NAME}" field. Export a scenario from the app, or run '
            "`stay-or-go example` to see the format."
        )
    if raw["format"] != FORMAT_NAME:
        raise ScenarioFileError(
            f'This is JSON, but not a Stay or Go scenario: its "format" is {_shown_json(raw["format"])}, '
            f'not "{FORMAT_NAME}". Export a scenario from the app, or run `stay-or-go example` to '
            "see the format."
        )


# Decoding ----------------------------------------------------------------------------------------

_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_SAVE_AS_UTF8 = (
    "Save it again as UTF-8 (in most editors: Save As, then the encoding), or export it again "
    "from Stay or Go."
)


def _decode(data: bytes) -> str:
    """The file's text: UTF-8, a leading byte-order mark dropped. Anything else is refused."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            raise ScenarioFileError(f"The file is {name} text; Stay or Go reads UTF-8. {_SAVE_AS_UTF8}")
    if len(data) >= 2 and (data[0] == 0) != (data[1] == 0):
        # JSON starts with an ASCII character: "{\0" or "\0{" is UTF-16 (or -32) without a BOM.
        raise ScenarioFileError(
            f"The file looks like UTF-16 text (every other byte is empty); Stay or Go reads UTF-8. "
            f"{_SAVE_AS_UTF8}"
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _line_column(data, nul)
        raise ScenarioFileError(
            f"The file contains NUL bytes (the first at line {line}, column {column}), so it is not "
            "a text file. Pick the scenario .json file."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line, column = _line_column(data, e.start)
        raise ScenarioFileError(
            f"The file is not UTF-8 text: byte 0x{data[e.start]:02X} at line {line}, column {column} "
            "can't be read (the file may be saved as Latin-1 or Windows-1252). " + _SAVE_AS_UTF8
        ) from None


def _line_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of `offset`."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


# Parsing: what json.loads builds, marked where it is not a scenario's -----------------------------


class _BadNumber:
    """Stands in for NaN, Infinity, a float that overflows to infinity (1e999) or an integer too
    long for any field, so `_check_shape` can say where it is."""

    def __init__(self, text: str, why: str) -> None:
        self.text = text
        self.why = why

    def describe(self) -> str:
        text = self.text if len(self.text) <= 24 else f"{self.text[:12]}… ({len(self.text)} characters)"
        return f"{text}, {self.why}"


class _DuplicateKeys(dict):
    """An object in which a key appears more than once (JSON allows it; readers disagree on which
    value counts, so the file is refused rather than guessed at)."""

    duplicate: str = ""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen: set[str] = set()
    marked = _DuplicateKeys(obj)
    marked.duplicate = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    return marked


def _float(text: str) -> float | _BadNumber:
    value = float(text)
    if math.isfinite(value):
        return value
    return _BadNumber(text, "which is too large to be a number (beyond ±1.8e308 it overflows to infinity)")


def _int(text: str) -> int | _BadNumber:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        return _BadNumber(text, "which is too large for any number in a scenario")
    return int(text)


def _constant(name: str) -> _BadNumber:
    return _BadNumber(name, "which is not a number. Replace it with a number")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_shape(raw: dict[str, Any]) -> None:
    """Walk what was parsed (without recursion) and refuse, naming the place, the first thing no
    scenario has: nesting deeper than MAX_JSON_DEPTH, more than MAX_JSON_ENTRIES entries in one
    list or object, a key twice in an object, NaN, Infinity, a number too large for any field, or
    a lone UTF-16 surrogate (a broken character that can't be written back as UTF-8)."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(raw, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            _check_text(value, path, raw)
            continue
        if isinstance(value, _BadNumber):
            raise ScenarioFileError(f"{_where(path, raw)}: {value.describe()}.")
        if not isinstance(value, dict | list):
            continue
        if len(path) >= MAX_JSON_DEPTH:
            raise ScenarioFileError(
                f"The file is nested too deeply to be a scenario file (more than {MAX_JSON_DEPTH} "
                f"levels, in {_where(path[:3], raw)} …)."
            )
        if len(value) > MAX_JSON_ENTRIES:
            raise ScenarioFileError(
                f"{_where(path, raw)} has {len(value):,} entries; no part of a scenario holds more than "
                f"{MAX_JSON_ENTRIES:,} (a scenario has at most 200 options and 30 criteria). Check that "
                "this is a Stay or Go scenario file."
            )
        if isinstance(value, _DuplicateKeys):
            raise ScenarioFileError(
                f'The key "{_shown(value.duplicate)}" appears twice in {_where(path, raw)}. Readers of '
                "JSON disagree on which one counts, so keep the one you mean and delete the other."
            )
        if isinstance(value, dict):
            for key in value:
                _check_text(key, (*path, key), raw)
            children = [(v, (*path, k)) for k, v in value.items()]
        else:
            children = [(v, (*path, i)) for i, v in enumerate(value)]
        stack.extend(reversed(children))  # the first problem in the file is the one reported


def _check_text(text: str, path: tuple[Any, ...], raw: Any) -> None:
    if not text.isascii() and (bad := _SURROGATE.search(text)):
        raise ScenarioFileError(
            f"{_where(path, raw)}: the text has a broken character ({ascii(bad.group())[1:-1]}, half "
            "of a UTF-16 surrogate pair) that can't be saved as UTF-8. Retype that text."
        )


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a text"
    return "a list"


def _shown_json(value: Any) -> str:
    """A value from the file as it reads there, shortened and with nothing unprintable (a list or
    an object is only named: it may be nested hundreds deep)."""
    if isinstance(value, _BadNumber):
        return _shown(value.text)
    if isinstance(value, str):
        return _shown(json.dumps(value, ensure_ascii=False))
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | float):
        return _shown(repr(value))
    return "a list" if isinstance(value, list) else "an object"


_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _shown(text: Any, limit: int = 80) -> str:
    """Text from the file, safe to put in a message: at most `limit` characters, and control
    characters and broken surrogates written as escapes (\\x1b, \\ud800) rather than acted on."""
    text = str(text)
    if len(text) > limit:
        text = text[:limit] + "…"
    return _UNSHOWABLE.sub(lambda m: ascii(m.group())[1:-1], text)


def _where(path: tuple[Any, ...], raw: Any) -> str:
    return _describe_location(path, raw) or "the top level"


def migrate(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring a scenario of an older format version up to the current one, step by step."""
    version = raw.get("version")
    if version is None:
        raise ScenarioFileError(
            'The file has no "version" field. A scenario file from Stay or Go always has one; if you '
            f'wrote this file, add "version": {FORMAT_VERSION} after the "format" field.'
        )
    if not isinstance(version, int) or isinstance(version, bool):
        raise ScenarioFileError(
            f"The file is scenario format version {_shown(repr(version))}, but a version is a whole "
            f"number, 1 to {FORMAT_VERSION}. Export the file again from Stay or Go."
        )
    if version == FORMAT_VERSION:
        return raw
    if version not in _MIGRATIONS:
        raise ScenarioFileError(
            f"The file is scenario format version {version}; this version of Stay or Go reads "
            f"versions 1 to {FORMAT_VERSION}. Update Stay or Go, or export the file again."
        )
    while raw.get("version") != FORMAT_VERSION:
        raw = _MIGRATIONS[raw["version"]](raw)
    return raw


def _v1_to_v2(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 1 had four yearly amounts per job (base, bonus, equity, benefits). Version 2 models
    pay over time. The same money is kept: no raise, the bonus as a percentage of base paid in
    full, and the yearly equity as a four-year grant vesting 25% a year from the start."""
    out = {**raw, "version": 2}
    options = out.get("options")
    jobs = [("current role", out.get("current"))] + [
        (f"option {_shown(repr(o.get('name', k + 1)), 60)}" if isinstance(o, dict) else f"option {k + 1}", o)
        for k, o in enumerate(options if isinstance(options, list) else [])
    ]
    for label, job in jobs:
        if not isinstance(job, dict) or not isinstance(job.get("pay"), dict):
            continue
        old = job["pay"]
        base, bonus, equity = old.get("base", 0), old.get("bonus", 0), old.get("equity", 0)
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (base, bonus, equity)):
            continue  # validation reports the field
        if bonus and not base:
            raise ScenarioFileError(
                f"This is a version 1 file in which the {label} has a bonus but no base salary. "
                "Version 2 measures the bonus as a percentage of base: add the base salary to the "
                "file, or enter the job again in the app."
            )
        bonus_pct = bonus / base * 100.0 if base else 0.0
        if bonus_pct > _MAX_BONUS_TARGET_PCT:
            raise ScenarioFileError(
                f"This is a version 1 file in which the {label} has a bonus ({_amount(bonus)}) of more "
                f"than {_MAX_BONUS_TARGET_PCT / 100:g} times its base salary ({_amount(base)}). Version 2 "
                f"measures the bonus as a percentage of base, at most {_MAX_BONUS_TARGET_PCT:g}%: check "
                "the two amounts in the file, or enter the job again in the app."
            )
        if 4 * equity > MAX_MONEY:
            raise ScenarioFileError(
                f"This is a version 1 file in which the {label} has equity of {_amount(equity)} a year. "
                "Version 2 keeps it as a four-year grant, and a grant is at most "
                f"{_amount(MAX_MONEY)}: check the amount in the file."
            )
        new = {k: v for k, v in old.items() if k not in ("bonus", "equity")}
        new["raise_pct"] = 0.0
        new["bonus_target_pct"] = bonus_pct
        new["bonus_payout_pct"] = 100.0
        if equity:
            new["grants"] = [{"label": "Equity", "value": 4 * equity, "schedule": {"preset": "25_25_25_25"}}]
        job["pay"] = new
    return out


_MIGRATIONS = {1: _v1_to_v2}
_MAX_BONUS_TARGET_PCT = 500  # core.model.scenario.Pay.bonus_target_pct


def _amount(value: float) -> str:
    return f"{value:,.0f}" if abs(value) < 1e15 else f"{value:.3g}"


_FIELD_WORDS = {
    "current": "current role",
    "pay": "pay",
    "base": "base salary",
    "bonus_target_pct": "bonus target %",
    "bonus_payout_pct": "bonus payout %",
    "sign_on": "sign-on bonus",
    "clawback_months": "clawback months",
    "grants": "equity grants",
    "schedule": "vesting schedule",
    "custom_pct": "custom yearly percentages",
    "vesting_start": "vesting start",
    "value": "value",
    "benefits": "benefits",
    "money": "money settings",
    "horizon_years": "horizon (years)",
    "tax_rate_pct": "tax rate %",
    "tax_mode": "how tax is found",
    "tax_state": "state",
    "filing_status": "filing status",
    "retirement_pre_tax": "pre-tax retirement contributions",
    "health_premiums_pre_tax": "pre-tax health premiums",
    "tax_later_years": "later tax years",
    "currency": "currency",
    "rate_date": "exchange-rate date",
    "rate_overrides": "exchange rates you entered",
    "col_index": "cost-of-living index",
    "ratings": "ratings",
    "criteria": "criteria",
    "weight": "weight",
    "pay_scale": "pay scale",
    "raise_for_10": "raise that scores 10",
    "cut_for_0": "cut that scores 0",
    "recent_changes": "recent changes",
    "history": "stage history",
    "on": "date",
    "rating_history": "recorded ratings",
    "reflection": "why you are looking",
}


def describe_validation_error(error: ValidationError, raw: Any = None) -> str:
    """Turn pydantic's errors into lines like 'Option "Globex" > pay > base salary: ...'.

    Text taken from the file (names, keys) is shortened and its control characters escaped, so a
    hostile file can't make the message huge or write to the terminal."""
    lines = []
    for err in error.errors(include_url=False):
        where = _describe_location(err["loc"], raw)
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        msg = _shown(msg, 300)
        lines.append(f"{where}: {msg}" if where else msg)
    head = "The scenario has a problem:" if len(lines) == 1 else "The scenario has problems:"
    return (
        head
        + "\n"
        + "\n".join(f"- {line}" for line in lines[:20])
        + (f"\n- … and {len(lines) - 20} more" if len(lines) > 20 else "")
    )


def _describe_location(loc: tuple[Any, ...], raw: Any) -> str:
    parts: list[str] = []
    node = raw
    i = 0
    while i < len(loc):
        key = loc[i]
        if key in ("options", "criteria") and i + 1 < len(loc) and isinstance(loc[i + 1], int):
            idx = loc[i + 1]
            item = _child(_child(node, key), idx)
            name = item.get("name") if isinstance(item, dict) else getattr(item, "name", None)
            what = "option" if key == "options" else "criterion"
            # Named by its name, unless the name is what is wrong (or no usable name).
            naming = isinstance(name, str) and name.strip() and loc[i + 2 : i + 3] != ("name",)
            parts.append(f'{what} "{_shown(name, 60)}"' if naming else f"{what} {idx + 1}")
            node = item
            i += 2
            continue
        if isinstance(key, int):
            parts.append(f"entry {key + 1}")
        else:
            parts.append(_FIELD_WORDS.get(str(key), _shown(key, 60)))
        node = _child(node, key)
        i += 1
    return " > ".join(parts)


def _child(node: Any, key: Any) -> Any:
    if isinstance(node, BaseModel):  # an edit passes the parts it did not change as they are
        return getattr(node, str(key), None)
    try:
        return node[key]
    except (KeyError, IndexError, TypeError):
        return None
