"""What changed between two versions of a scenario, in words, so a person can pick one to restore.

`describe_changes(old, new)` walks both scenarios as JSON data. Options and criteria are matched
by their id (so a renamed option is the same option), ratings are named by their criterion, and
each changed value is said as "before → after". The list is in the order of the scenario: the
current role, then options, criteria and settings.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from core.model.scenario import Scenario

_LABELS = {
    "current": "Current role",
    "pay_scale": "Pay scoring",
    "money": "Money settings",
    "robustness": "How sure settings",
    "pairwise": "Pairwise judgements",
}


def describe_changes(old: Scenario, new: Scenario, limit: int = 12) -> list[str]:
    """Up to `limit` lines saying what `new` changes in `old` ("No changes." when nothing).

    Parts that are the same object in both (an edit rebuilds only what it changes, core.edits.editing)
    are skipped without being written out as data: a weight change in a scenario of 200 options
    compares one criterion, not 200 options."""
    names = {c.id: c.name for c in old.criteria} | {c.id: c.name for c in new.criteria}
    lines: list[str] = []
    for key in type(new).model_fields:
        was, now = getattr(old, key), getattr(new, key)
        if key in ("format", "version") or was is now:
            continue
        if key in ("options", "criteria"):
            lines += _by_id(key, was, now, names)
            continue
        before, after = _data(was), _data(now)
        if before != after:
            lines += _leaves(_LABELS.get(key, _words(key)), before, after, names)
    if not lines:
        return ["No changes."]
    if len(lines) > limit:
        more = len(lines) - (limit - 1)
        lines = [*lines[: limit - 1], f"… and {more} more changes."]
    return lines


def _data(value: Any) -> Any:
    """`value` as JSON data, as the scenario file has it."""
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value


def _by_id(key: str, before: list[BaseModel], after: list[BaseModel], names: dict[str, str]) -> list[str]:
    what = "Option" if key == "options" else "Criterion"
    old = {item.id: item for item in before}  # type: ignore[attr-defined]
    new = {item.id: item for item in after}  # type: ignore[attr-defined]
    lines = [f"{what} removed: {_text(old[i].name)}." for i in old if i not in new]  # type: ignore[attr-defined]
    lines += [f"{what} added: {_text(new[i].name)}." for i in new if i not in old]  # type: ignore[attr-defined]
    for i, item in new.items():
        if i in old and old[i] is not item:
            was, now = _data(old[i]), _data(item)
            if was != now:
                label = _text(now["name"]) if key == "options" else f"Criterion {_text(now['name'])}"
                lines += _leaves(label, was, now, names)
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
