"""A field's bounds, read from the scenario model where they are declared once, so that a widget
or a file reader never types them again.

A path is the one `core.edits.editing` takes: field names, with an option's or criterion's id
after "options" or "criteria" and a key after a mapping ("ratings", "growth").

>>> bounds(("options", "globex", "pay", "bonus_target_pct"))
Bounds(low=0.0, high=500.0, max_length=None)
>>> bounds(("current", "ratings", "growth")).widget()
{'min_value': 0.0, 'max_value': 10.0}
>>> bounds(("robustness", "seed")).widget()  # a whole number: so are its bounds (one type per widget)
{'min_value': 0, 'max_value': 2147483647}
>>> bounds(("options", "globex", "name")).max_length
80
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from annotated_types import Ge, Gt, Le, Lt, MaxLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from core.model.scenario import Scenario


@dataclass(frozen=True)
class Bounds:
    """The lowest and highest value the model takes (None: no bound). A bound the model keeps out
    (`gt=0`) is given as that number: a widget starts there and the model's message says why."""

    low: float | int | None
    high: float | int | None
    max_length: int | None = None  # for text

    def widget(self) -> dict[str, float | int]:
        """As `min_value` and `max_value` for st.number_input or st.slider (only those set)."""
        out: dict[str, float | int] = {}
        if self.low is not None:
            out["min_value"] = self.low
        if self.high is not None:
            out["max_value"] = self.high
        return out


def bounds(path: tuple[str, ...]) -> Bounds:
    """The bounds of the field at `path` (ids and keys may be any string). KeyError for a path the
    model does not have."""
    return _bounds(_shape(path))


def _shape(path: tuple[str, ...]) -> tuple[str, ...]:
    """`path` with ids and keys as "*", so every option's base salary shares one cache entry."""
    out, key_next = [], False
    for segment in path:
        out.append("*" if key_next else segment)
        key_next = not key_next and segment in _KEYED
    return tuple(out)


# Fields whose next path segment is an id or a key, not a field name.
_KEYED = {"options", "criteria", "ratings", "rating_ranges"}


@cache
def _bounds(path: tuple[str, ...]) -> Bounds:
    kind: Any = Scenario
    constraints: list[Any] = []
    segments = list(path)
    while segments:
        segment = segments.pop(0)
        kind = _unwrap(kind, constraints)
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            if segment not in kind.model_fields:
                raise KeyError(f"{kind.__name__} has no field {segment!r}")
            info: FieldInfo = kind.model_fields[segment]
            constraints = list(info.metadata)
            kind = info.annotation
            if segment in _KEYED and segments:
                segments.pop(0)  # the id or key
                kind = _item(_unwrap(kind, constraints))
                constraints = []
        else:
            raise KeyError(f"nothing inside {kind!r} is called {segment!r}")
    number = int if _unwrap(kind, constraints) is int else float  # a str's bounds are lengths
    return _from(constraints, number)


def _unwrap(kind: Any, constraints: list[Any]) -> Any:
    """The type under Annotated[...] and `X | None`, collecting Annotated's constraints."""
    while True:
        if get_origin(kind) is Annotated:
            kind, *extra = get_args(kind)
            for e in extra:
                constraints.extend(e.metadata if isinstance(e, FieldInfo) else [e])
        elif get_origin(kind) in (Union, types.UnionType):
            kind = next(a for a in get_args(kind) if a is not type(None))
        else:
            return kind


def _item(kind: Any) -> Any:
    """What a list or a mapping holds."""
    args = get_args(kind)
    return args[-1] if args else kind


def _from(constraints: list[Any], number: type) -> Bounds:
    low = high = max_length = None
    for c in constraints:
        if isinstance(c, Ge):
            low = number(c.ge)
        elif isinstance(c, Gt):
            low = number(c.gt)
        elif isinstance(c, Le):
            high = number(c.le)
        elif isinstance(c, Lt):
            high = number(c.lt)
        elif isinstance(c, MaxLen):
            max_length = c.max_length
    return Bounds(low, high, max_length)
