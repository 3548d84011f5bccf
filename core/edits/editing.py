"""Changes to a scenario, as pure functions: each returns a new validated scenario or raises
`EditRefused` with a message that says what to change. The original is never touched, so a
refused edit loses nothing the person already entered.

Paths address a field in the scenario's data: ("current", "pay", "base"), or for an option by its
id, ("options", "globex", "ratings", "growth"); ("criteria", "growth", "weight") likewise.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from core.files.scenario_json import describe_validation_error
from core.model.scenario import Option, Scenario, new_option

Path = tuple[str, ...]


class EditRefused(ValueError):
    """An edit would make the scenario invalid; the message says why and what to do instead."""


def get_value(scenario: Scenario, path: Path) -> Any:
    """The value at `path`, as plain data (models become dicts). Walks the objects rather than
    dumping the whole scenario: pages call this for every widget on every rerun."""
    node: Any = scenario
    for key in path:
        if isinstance(node, list):
            node = next((item for item in node if getattr(item, "id", None) == key), None)
            if node is None:
                raise KeyError(key)
        elif isinstance(node, BaseModel):
            if key not in type(node).model_fields:
                raise KeyError(key)
            node = getattr(node, key)
        elif isinstance(node, dict):
            node = node[key]
        else:
            raise KeyError(key)
    if isinstance(node, BaseModel):
        return node.model_dump()
    if isinstance(node, list):
        return [item.model_dump() if isinstance(item, BaseModel) else item for item in node]
    if isinstance(node, dict):
        return {k: v.model_dump() if isinstance(v, BaseModel) else v for k, v in node.items()}
    return node


def with_value(scenario: Scenario, path: Path, value: Any) -> Scenario:
    """The scenario with the field at `path` set to `value`."""
    return with_values(scenario, [(path, value)])


def with_values(scenario: Scenario, changes: Sequence[tuple[Path, Any]]) -> Scenario:
    """The scenario with each `(path, value)` set, validated as a whole (every rule of
    core.model.scenario that spans fields runs). Only the objects on a changed path are rebuilt: the rest
    are the same, already valid, objects, which pydantic takes as they are. So a weight change
    in a scenario of 200 options validates one criterion, not 200 options, and the money model
    (keyed on the jobs it was worked out for) is not worked out again."""
    data = _thawed(scenario)
    for path, value in changes:
        _set(data, path, value)
    return validated(data)


def _thawed(model: BaseModel) -> dict[str, Any]:
    """`model`'s fields as a dict, its values as they are (models stay models)."""
    return {name: getattr(model, name) for name in type(model).model_fields}


def validated(data: dict[str, Any]) -> Scenario:
    try:
        return Scenario.model_validate(data)
    except ValidationError as e:
        raise EditRefused(describe_validation_error(e, data)) from None


def _set(data: dict[str, Any], path: Path, value: Any) -> None:
    """Set `path` in `data`, copying on the way down what it passes through: a model becomes a
    dict of its fields, a list or dict a copy, so nothing shared with the original changes."""
    node: Any = data
    for key in path[:-1]:
        if isinstance(node, list):
            position = _position(node, key)
            child = node[position] = _copied(node[position])
        else:
            if not isinstance(node, dict) or key not in node:
                raise KeyError(key)
            child = node[key] = _copied(node[key])
        node = child
    if not isinstance(node, dict):
        raise KeyError(path[-1])
    node[path[-1]] = value


def _copied(node: Any) -> Any:
    if isinstance(node, BaseModel):
        return _thawed(node)
    if isinstance(node, list):
        return list(node)
    if isinstance(node, dict):
        return dict(node)
    return node


def _position(items: list[Any], item_id: str) -> int:
    for position, item in enumerate(items):
        if (item.get("id") if isinstance(item, dict) else getattr(item, "id", None)) == item_id:
            return position
    raise KeyError(item_id)


def with_job_currency(scenario: Scenario, job: Path, code: str) -> Scenario:
    """The job at `job` (("current",) or ("options", id)) paid in `code` (ISO 4217).

    The current role's currency is the comparison currency by default: while the current role has
    none of its own (every older file), choosing one changes the scenario's, so every job that
    follows it moves with it, as the one currency of older files did. Otherwise only that job
    changes. An unknown code, or worked-out US tax on a job not in dollars, is refused.

    >>> from core.model.example import example_scenario
    >>> s = with_job_currency(example_scenario(), ("current",), "EUR")
    >>> s.currency, s.current.currency, s.job_currency(s.options[0])
    ('EUR', None, 'EUR')
    >>> s = with_job_currency(s, ("options", "globex"), "GBP")
    >>> s.currency, s.job_currency(s.current), s.option("globex").currency
    ('EUR', 'EUR', 'GBP')
    """
    from core.money.currency import currency_code

    try:
        code = currency_code(code)
    except ValueError as e:
        raise EditRefused(str(e)) from None
    if job == ("current",) and scenario.current.currency is None:
        return with_value(scenario, ("currency",), code)
    return with_value(scenario, (*job, "currency"), code)


def compare_in(scenario: Scenario, code: str) -> Scenario:
    """The scenario compared in `code`: every job that had no currency of its own (it followed the
    old comparison currency) keeps the one it is paid in, and the comparison moves.

    >>> from core.model.example import example_scenario
    >>> s = compare_in(example_scenario(), "EUR")
    >>> s.currency, s.current.currency, s.options[0].currency
    ('EUR', 'USD', 'USD')
    """
    from core.money.currency import currency_code

    try:
        code = currency_code(code)
    except ValueError as e:
        raise EditRefused(str(e)) from None
    old = scenario.comparison_currency
    data = scenario.model_dump()
    if old is not None and old != code:
        for job in [data["current"], *data["options"]]:
            if job.get("currency") is None:
                job["currency"] = old
        data["money"]["rate_overrides"] = _overrides_in(scenario, old, code)
    data["currency"] = code
    return validated(data)


def _overrides_in(scenario: Scenario, old: str, new: str) -> dict[str, float]:
    """The rates a person entered (each: how many `old` one unit is worth), restated in `new`,
    so comparing in another currency keeps them: 1 GBP = 1.10 EUR, compared in pounds, is
    1 EUR = 1 / 1.10 GBP. Another currency's rate goes through `old`, at the person's rate for
    `new` or else the ECB's of the day the page uses; one that can't be restated is left out
    (the page then shows the ECB's and the person can enter one again).

    >>> from core.model.example import example_scenario
    >>> s = example_scenario()
    >>> s = s.model_copy(update={"money": s.money.model_copy(update={"rate_overrides": {"GBP": 1.25}})})
    >>> _overrides_in(s, "USD", "GBP")
    {'USD': 0.8}
    """
    from core.money.currency import RateMissing, exchange_rate

    entered = dict(scenario.money.rate_overrides)
    if new in entered:
        old_in_new = 1 / entered.pop(new)
    else:
        try:
            old_in_new = exchange_rate(old, new, scenario.money.rate_date or scenario.money.start).rate
        except (RateMissing, ValueError):
            old_in_new = None
    restated = {old: old_in_new} if new in scenario.money.rate_overrides else {}
    if old_in_new is not None:
        restated |= {code: rate * old_in_new for code, rate in entered.items()}
    return restated


def add_option(scenario: Scenario, option: Option) -> Scenario:
    data = scenario.model_dump()
    data["options"].append(option.model_dump())
    return validated(data)


def remove_option(scenario: Scenario, option_id: str) -> Scenario:
    data = scenario.model_dump()
    kept = [o for o in data["options"] if o["id"] != option_id]
    if len(kept) == len(data["options"]):
        raise EditRefused("That option is no longer in the scenario.")
    data["options"] = kept
    return validated(data)


# Table edits -----------------------------------------------------------------------------------
# A table shows one row per option (in scenario order) and one column per field; its edits come as
# changed cells by row position, added rows and deleted row positions.

OPTION_COLUMNS: dict[str, Path] = {
    "name": ("name",),
    "kind": ("kind",),
    "stage": ("stage",),
    "employer": ("employer",),
    "role": ("role",),
    "level": ("level",),
    "pay.base": ("pay", "base"),
    "pay.bonus_target_pct": ("pay", "bonus_target_pct"),
    "pay.sign_on": ("pay", "sign_on"),
    "pay.benefits": ("pay", "benefits"),
    "notes": ("notes",),
}


def option_column_path(column: str) -> Path:
    """The field a table column edits: a fixed column above, or `rating.<criterion id>`."""
    if column in OPTION_COLUMNS:
        return OPTION_COLUMNS[column]
    if column.startswith("rating."):
        return ("ratings", column.removeprefix("rating."))
    raise KeyError(column)


_TEXT_FIELDS = {"name", "employer", "role", "level", "notes", "kind", "stage"}


def _cell(column: str, value: Any, row_label: str) -> Any:
    """Blank cells mean empty text or 0; a cell that isn't a number where one is needed is refused."""
    path = option_column_path(column)
    if path[-1] in _TEXT_FIELDS:
        return "" if value is None or (isinstance(value, float) and math.isnan(value)) else value
    if value is None or value == "":
        return 0.0 if path[0] == "pay" else 5.0
    if isinstance(value, str):
        try:
            value = float(value.replace(",", ""))
        except ValueError:
            raise EditRefused(
                f"{row_label}: '{value}' is not a number. Enter a number in that cell."
            ) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise EditRefused(f"{row_label}: enter a number in that cell.")
    return value


def apply_option_table_edits(
    scenario: Scenario,
    edited_rows: Mapping[int | str, Mapping[str, Any]],
    added_rows: Sequence[Mapping[str, Any]],
    deleted_rows: Sequence[int],
    today: date | None = None,
    row_ids: Sequence[str] | None = None,
) -> Scenario:
    """The scenario after a table of options was edited. All or nothing: if any cell is refused,
    nothing changes and the message names the option and field. A changed stage is also recorded,
    dated `today`, in the option's stage history.

    `row_ids`: the option shown in each row when the table was drawn. Edits and deletions are
    addressed to those options by id, so a table drawn before another change (an option added,
    deleted or reordered elsewhere) never writes into the wrong one. Without it, rows are the
    scenario's options in order."""
    today = today or date.today()
    data = scenario.model_dump()
    options = data["options"]
    stages_before = {o["id"]: o["stage"] for o in options}
    by_id = {o["id"]: o for o in options}
    ids = list(row_ids) if row_ids is not None else [o["id"] for o in options]

    def row_option(row: int | str) -> dict[str, Any]:
        position = int(row)
        option = by_id.get(ids[position]) if 0 <= position < len(ids) else None
        if option is None:
            raise EditRefused(
                "That row's option is no longer in the scenario (changed in the meantime); the table "
                "shows the options as they are now. Make the change again."
            )
        return option

    for row, cells in edited_rows.items():
        option = row_option(row)
        label = f"Option '{option['name']}'"
        for column, value in cells.items():
            if column == "name" and (value is None or not str(value).strip()):
                raise EditRefused(f"{label}: an option needs a name.")
            _set(option, option_column_path(column), _cell(column, value, label))
    for cells in added_rows:
        draft = validated(data)
        typed_name = str(cells.get("name") or "")
        try:
            fresh = new_option(draft, typed_name, str(cells.get("kind") or "external offer"))
        except ValidationError as e:  # a name or kind the model refuses, said like any other cell
            details = describe_validation_error(e).split("\n", 1)[-1].lstrip("- ")
            raise EditRefused(f"New option '{typed_name.strip()[:40]}': {details}") from None
        option = fresh.model_dump()
        label = f"New option '{option['name']}'"
        for column, value in cells.items():
            if column == "name" and (value is None or not str(value).strip()):
                continue
            if column in ("kind", "stage") and not value:
                continue
            _set(option, option_column_path(column), _cell(column, value, label))
        options.append(option)
    gone = {row_option(r)["id"] for r in deleted_rows}
    options[:] = [o for o in options if o["id"] not in gone]
    for option in options:
        if option["id"] in stages_before and option["stage"] != stages_before[option["id"]]:
            option["process"]["history"].append({"stage": option["stage"], "on": today, "note": ""})
    return validated(data)
