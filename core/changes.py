"""What changed between two versions of a scenario, in words, so a person can pick one to restore.

`describe_changes(old, new)` walks both scenarios as JSON data. Options and criteria are matched
by their id (so a renamed option is the same option), ratings are named by their criterion, and
each changed value is said as "before → after". The list is in the order of the scenario: the
current role, then options, criteria and settings.
"""

from __future__ import annotations

from typing import Any

from core.model import Scenario

_LABELS = {
    "current": "Current role",
    "pay_scale": "Pay scoring",
    "money": "Money settings",
    "robustness": "How sure settings",
    "pairwise": "Pairwise judgements",
}


def describe_changes(old: Scenario, new: Scenario, limit: int = 12) -> list[str]:
    """Up to `limit` lines saying what `new` changes in `old` ("No changes." when nothing)."""
    names = {c.id: c.name for c in old.criteria} | {c.id: c.name for c in new.criteria}
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
    lines: list[str] = []
    for key in after:
        if key in ("format", "version") or before.get(key) == after.get(key):
            continue
        if key in ("options", "criteria"):
            lines += _by_id(key, before.get(key) or [], after[key], names)
        else:
            label = _LABELS.get(key, _words(key))
            lines += _leaves(label, before.get(key), after[key], names)
    if not lines:
        return ["No changes."]
    if len(lines) > limit:
        more = len(lines) - (limit - 1)
        lines = [*lines[: limit - 1], f"… and {more} more changes."]
    return lines


def _by_id(
    key: str, before: list[dict[str, Any]], after: list[dict[str, Any]], names: dict[str, str]
) -> list[str]:
    what = "Option" if key == "options" else "Criterion"
    old = {item["id"]: item for item in before}
    new = {item["id"]: item for item in after}
    lines = [f"{what} removed: {_text(old[i]['name'])}." for i in old if i not in new]
    lines += [f"{what} added: {_text(new[i]['name'])}." for i in new if i not in old]
    for i, item in new.items():
        if i in old and old[i] != item:
            label = _text(item["name"]) if key == "options" else f"Criterion {_text(item['name'])}"
            lines += _leaves(label, old[i], item, names)
    if [i for i in old if i in new] != [i for i in new if i in old]:
        lines.append(f"{what}s reordered.")
    return lines


_KEYED_BY_CRITERION = ("ratings", "rating_ranges", "weights")


def _leaves(
    label: str, before: Any, after: Any, names: dict[str, str], by_criterion: bool = False
) -> list[str]:
    if before == after:
        return []
    if isinstance(before, dict) and isinstance(after, dict):
        lines: list[str] = []
        for key in list(before) + [k for k in after if k not in before]:
            part = names.get(key, key) if by_criterion else _words(key)
            lines += _leaves(
                f"{label} › {part}", before.get(key), after.get(key), names, key in _KEYED_BY_CRITERION
            )
        return lines
    return [f"{label}: {_value(before)} → {_value(after)}."]


def _words(key: str) -> str:
    return key.replace("_", " ")


def _value(value: Any) -> str:
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:,.0f}" if abs(value) >= 1000 and float(value).is_integer() else f"{value:,g}"
    if isinstance(value, str):
        return _text(value) if value else "empty"
    if isinstance(value, list):
        return f"{len(value)} item{'s' if len(value) != 1 else ''}"
    return "set"


def _text(value: str, width: int = 40) -> str:
    value = " ".join(value.split())
    return f"“{value if len(value) <= width else value[: width - 1] + '…'}”"
