"""Reading and writing files: the scenario JSON and the comparison CSV.

Every reader raises `ScenarioFileError` whose message says what is wrong and where, in words a
person can act on; nothing here prints or exits, so the app and the command line both use it.
"""

from __future__ import annotations

import io
import json
import math
from typing import Any

import pandas as pd
from pydantic import ValidationError

from core.model import FORMAT_NAME, FORMAT_VERSION, Scenario
from core.scoring import Comparison, comparison_table

# A scenario with 200 options is well under this; anything bigger is not a scenario file.
MAX_SCENARIO_BYTES = 5 * 1024 * 1024
MAX_JSON_DEPTH = 20


class ScenarioFileError(ValueError):
    """A scenario file could not be read; `str(error)` says what to change."""


def scenario_to_json(scenario: Scenario) -> str:
    """The scenario as versioned, human-readable JSON (UTF-8, non-ASCII kept as is)."""
    return json.dumps(scenario.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def scenario_from_json(data: str | bytes) -> Scenario:
    """Parse and validate a scenario file. Raises ScenarioFileError with every problem listed."""
    if isinstance(data, bytes):
        if len(data) > MAX_SCENARIO_BYTES:
            raise ScenarioFileError(
                f"The file is {len(data) / 1024 / 1024:.1f} MB; a scenario file is at most "
                f"{MAX_SCENARIO_BYTES // 1024 // 1024} MB. Check that you picked the right file."
            )
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise ScenarioFileError(
                f"The file is not UTF-8 text (byte {e.start} can't be read). "
                "Save it as UTF-8 JSON, or export it again from Stay or Go."
            ) from None
    if len(data) > MAX_SCENARIO_BYTES:
        raise ScenarioFileError("The file is too large to be a scenario file.")
    try:
        raw = json.loads(data, parse_constant=_refuse_constant)
    except RecursionError:
        raise ScenarioFileError("The file is nested too deeply to be a scenario file.") from None
    except json.JSONDecodeError as e:
        raise ScenarioFileError(
            f"The file is not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}."
        ) from None
    except ValueError as e:  # NaN / Infinity
        raise ScenarioFileError(str(e)) from None
    if _depth(raw) > MAX_JSON_DEPTH:
        raise ScenarioFileError("The file is nested too deeply to be a scenario file.")
    if not isinstance(raw, dict) or raw.get("format") != FORMAT_NAME:
        raise ScenarioFileError(
            "This is JSON, but not a Stay or Go scenario: it has no "
            f'"format": "{FORMAT_NAME}" field. Export a scenario from the app, or run '
            "`stay-or-go example` to see the format."
        )
    raw = migrate(raw)
    try:
        return Scenario.model_validate(raw)
    except ValidationError as e:
        raise ScenarioFileError(describe_validation_error(e, raw)) from None


def migrate(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring a scenario of an older format version up to the current one, step by step."""
    version = raw.get("version")
    if version == FORMAT_VERSION:
        return raw
    if not isinstance(version, int) or isinstance(version, bool) or version not in _MIGRATIONS:
        raise ScenarioFileError(
            f"The file is scenario format version {version!r}; this version of Stay or Go reads "
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
    jobs = [("current role", out.get("current"))] + [
        (f"option {o.get('name', k + 1)!r}" if isinstance(o, dict) else f"option {k + 1}", o)
        for k, o in enumerate(out.get("options") or [])
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
        new = {k: v for k, v in old.items() if k not in ("bonus", "equity")}
        new["raise_pct"] = 0.0
        new["bonus_target_pct"] = 100.0 * bonus / base if base else 0.0
        new["bonus_payout_pct"] = 100.0
        if equity:
            new["grants"] = [{"label": "Equity", "value": 4 * equity, "schedule": {"preset": "25_25_25_25"}}]
        job["pay"] = new
    return out


_MIGRATIONS = {1: _v1_to_v2}


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"The file contains {name}, which is not a number. Replace it with a number.")


def _depth(value: Any, level: int = 0) -> int:
    if level > MAX_JSON_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


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
    """Turn pydantic's errors into lines like 'Option "Globex" > pay > base salary: ...'."""
    lines = []
    for err in error.errors(include_url=False):
        where = _describe_location(err["loc"], raw)
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
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
        if key == "options" and i + 1 < len(loc) and isinstance(loc[i + 1], int):
            idx = loc[i + 1]
            name = None
            if isinstance(node, dict) and isinstance(node.get("options"), list):
                try:
                    name = node["options"][idx].get("name")
                except (IndexError, AttributeError):
                    name = None
            parts.append(f'option "{name}"' if name else f"option {idx + 1}")
            node = _child(_child(node, "options"), idx)
            i += 2
            continue
        if key == "criteria" and i + 1 < len(loc) and isinstance(loc[i + 1], int):
            idx = loc[i + 1]
            crit = _child(_child(node, "criteria"), idx)
            name = crit.get("name") if isinstance(crit, dict) else None
            parts.append(f'criterion "{name}"' if name else f"criterion {idx + 1}")
            node = crit
            i += 2
            continue
        if isinstance(key, int):
            parts.append(f"entry {key + 1}")
        else:
            parts.append(_FIELD_WORDS.get(str(key), str(key)))
        node = _child(node, key)
        i += 1
    return " > ".join(parts)


def _child(node: Any, key: Any) -> Any:
    try:
        return node[key]
    except (KeyError, IndexError, TypeError):
        return None


# CSV -------------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formula(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice
    on CSV injection). Numbers stay numbers, so a negative difference is still -1.2."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_csv(frame: pd.DataFrame) -> str:
    """A CSV of `frame` with text cells and headers that can't run as spreadsheet formulas."""
    out = frame.copy()
    out.columns = [neutralize_formula(str(c)) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralize_formula)
    buf = io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def comparison_csv(comparison: Comparison) -> str:
    """The comparison as CSV: the same table in the app, the download and `stay-or-go report`."""
    return safe_csv(comparison_table(comparison))


def comparison_records(comparison: Comparison) -> list[dict[str, Any]]:
    """The comparison as plain records (for `--format json`); a missing figure (no break-even
    month) is null, and no other non-finite number can get through."""
    records = comparison_table(comparison).to_dict(orient="records")
    for rec in records:
        for k, v in rec.items():
            if hasattr(v, "item"):
                v = rec[k] = v.item()
            if isinstance(v, float) and math.isnan(v) and k == "Money: break-even month":
                rec[k] = None
            elif isinstance(v, float) and not math.isfinite(v):
                raise ValueError(f"{k} is not a finite number")
    return records
