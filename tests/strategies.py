"""Hypothesis strategies that build valid scenarios of every shape.

`scenarios()` builds scenarios that can be scored (a current base salary, some weight): the
scoring and storage tests use it. `any_scenario()` builds every scenario the model accepts, for the
file round trip: every field of every part is set, numbers are drawn up to and including the bounds
the model declares (read from the model itself, so a changed bound is followed), awkward floats
(1e-300, 0.1 + 0.2, -0.0, 5e-324) come up often, and text includes astral-plane emoji, ZWJ
sequences, right-to-left text and bidi controls, combining characters, invisible characters and
text at its exact maximum length. Control characters are left out: the model refuses them
(core.model.fields), and tests/hostile_inputs.py checks that it does.
"""

from __future__ import annotations

import json
import math
import types
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from hypothesis import strategies as st
from pydantic import BaseModel

from core.files.scenario_json import scenario_to_json
from core.model.example import example_scenario
from core.model.fields import invisible_character, name_key
from core.model.pipeline import (
    CHECKLIST_ITEMS,
    MESSAGE_KINDS,
    Contact,
    People,
    Process,
    Satisfaction,
    StageChange,
    Worth,
)
from core.model.scenario import (
    EARLIEST_START,
    LATEST_START,
    MAX_VESTING_START_YEARS,
    VESTING_PRESETS,
    Criterion,
    CurrentRole,
    EquityGrant,
    MoneySettings,
    Option,
    Pay,
    PayScale,
    RatingRange,
    RecentChange,
    RobustnessSettings,
    Scenario,
    VestingSchedule,
)
from core.money.currency import legacy_code
from core.money.tax import US_STATES

money = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)
positive_money = st.floats(min_value=1, max_value=1e7, allow_nan=False, allow_infinity=False)
rating = st.floats(min_value=0, max_value=10, allow_nan=False, allow_infinity=False)
weight = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)


@st.composite
def scenarios(draw, min_options: int = 1, max_options: int = 6, max_rated: int = 5) -> Scenario:
    n_rated = draw(st.integers(min_value=0, max_value=max_rated))
    rated_ids = [f"c{k}" for k in range(n_rated)]
    weights = draw(st.lists(weight, min_size=n_rated + 1, max_size=n_rated + 1))
    if sum(weights) <= 0:
        weights[0] = 1.0
    criteria = [Criterion(id="pay", name="Pay", kind="pay", weight=weights[0])]
    criteria += [
        Criterion(id=cid, name=f"Criterion {k}", weight=weights[k + 1]) for k, cid in enumerate(rated_ids)
    ]

    def ratings():
        return {cid: draw(rating) for cid in rated_ids}

    current = CurrentRole(
        employer="Now Corp",
        pay=Pay(base=draw(positive_money), bonus_target_pct=draw(st.floats(min_value=0, max_value=100))),
        ratings=ratings(),
    )
    n_options = draw(st.integers(min_value=min_options, max_value=max_options))
    options = [
        Option(
            id=f"o{k}",
            name=f"Option {k}",
            pay=Pay(
                base=draw(money),
                bonus_target_pct=draw(st.floats(min_value=0, max_value=100)),
                sign_on=draw(money),
                benefits=draw(money),
                tax_rate_pct=draw(st.floats(min_value=0, max_value=60)),
            ),
            ratings=ratings(),
        )
        for k in range(n_options)
    ]
    return Scenario(
        criteria=criteria,
        current=current,
        options=options,
        pay_scale={
            "raise_for_10": draw(st.floats(min_value=1, max_value=500)),
            "cut_for_0": draw(st.floats(min_value=1, max_value=100)),
        },
    )


# Every scenario the model accepts ----------------------------------------------------------------

# Text that has broken programs before. None is a control character (the model refuses those).
AWKWARD_TEXT = (
    "🚀",
    "👩‍👩‍👧‍👦",  # a family: four astral code points joined by ZWJ
    "🏳️‍🌈",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "שלום עולם",
    "مرحبا بالعالم",
    "\u202eevil\u202c",  # right-to-left override, then pop
    "\u200fעברית\u200e",
    "e\u0301",  # e + combining acute: not the same string as "é"
    "é",
    "Z\u0351\u0352\u0353\u0354\u0355",
    "\ufeff",  # a byte-order mark inside the text
    "\u200b",
    "\u00a0",
    "\u2028\u2029",
    "\t",
    "\n",
    "\r\n",
    "'\"\\/<script>&amp;",
    "=cmd|' /C calc'!A0",
    "{0}%s%n",
    "null",
    "NaN",
    "-0",
    "Société Générale — Zürich 東京",
    "ß",
    "İ",
    "ﬃ",
    "\U0010fffd",  # the last code point that is not a noncharacter
    "\ufffd",
)
_CHARACTER = st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r")


@cache
def text(max_length: int, min_length: int = 0) -> st.SearchStrategy[str]:
    """Text up to `max_length` code points (what pydantic counts), awkward cases mixed in."""
    pieces = st.lists(st.sampled_from(AWKWARD_TEXT) | st.text(_CHARACTER, max_size=12), max_size=6)
    return st.one_of(
        st.text(_CHARACTER, min_size=min_length, max_size=min(max_length, 40)),
        pieces.map("".join).map(lambda t: t[:max_length]),
        # exactly at the limit, in one-, two-, three- and four-byte UTF-8 characters
        st.sampled_from(["x", "é", "東", "🚀", "\u05d0"]).map(lambda c: c * max_length),
    ).filter(lambda t: len(t) >= min_length)


def visible(t: str) -> str:
    """`t` without the invisible and text-reversing characters names refuse (core.model.fields)."""
    while (found := invisible_character(t)) is not None:
        t = t[: found[0] - 1] + t[found[0] :]
    return t


@cache
def name(max_length: int) -> st.SearchStrategy[str]:
    """A name: as text, but never empty or only spaces and without invisible characters (the
    model refuses those)."""
    return text(max_length, min_length=1).map(visible).filter(lambda t: t.strip())


_BOUNDS = {
    "ge": annotated_types.Ge,
    "gt": annotated_types.Gt,
    "le": annotated_types.Le,
    "max_length": annotated_types.MaxLen,
    "min_length": annotated_types.MinLen,
}


def _constraints(model: type[BaseModel], field: str) -> tuple[Any, bool, dict[str, Any]]:
    """A field's plain type, whether it may be None, and its bounds (ge, gt, le, max_length)."""
    info = model.model_fields[field]
    annotation, metadata = info.annotation, list(info.metadata)
    optional = False
    if get_origin(annotation) in (Union, types.UnionType) and type(None) in get_args(annotation):
        optional = True
        (annotation,) = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) is Annotated:
        annotation, *extra = get_args(annotation)
        for item in extra:
            metadata.extend(getattr(item, "metadata", [item]))
    bounds: dict[str, Any] = {}
    for item in metadata:
        for kind, cls in _BOUNDS.items():
            if isinstance(item, cls):
                bounds[kind] = getattr(item, kind)
    return annotation, optional, bounds


def awkward_floats(lo: float, hi: float, exclude_lo: bool = False) -> list[float]:
    candidates = [
        lo,
        hi,
        math.nextafter(lo, math.inf),
        math.nextafter(hi, -math.inf),
        0.0,
        -0.0,
        5e-324,
        1e-300,
        0.1 + 0.2,
        1 / 3,
        (lo + hi) / 2,
        123_456.789,
        999_999_999.99,
    ]
    return [v for v in candidates if (lo < v if exclude_lo else lo <= v) and v <= hi]


@cache
def field(model: type[BaseModel], name_: str) -> st.SearchStrategy[Any]:
    """Any value the model allows in one scalar field, bounds read from the model itself."""
    kind, optional, bounds = _constraints(model, name_)
    if kind is float:
        lo, exclude_lo = (bounds["gt"], True) if "gt" in bounds else (bounds["ge"], False)
        hi = bounds["le"]
        values = st.sampled_from(awkward_floats(lo, hi, exclude_lo)) | st.floats(
            lo, hi, exclude_min=exclude_lo, allow_nan=False, allow_infinity=False
        )
    elif kind is int:
        values = st.sampled_from([bounds["ge"], bounds["le"]]) | st.integers(bounds["ge"], bounds["le"])
    elif kind is bool:
        values = st.booleans()
    elif kind is str:
        values = text(bounds.get("max_length", 200))
    elif get_origin(kind) is Literal:
        values = st.sampled_from(get_args(kind))
    else:
        raise TypeError(f"no strategy for {model.__name__}.{name_}: {kind!r}")
    return st.none() | values if optional else values


@cache
def record(model: type[BaseModel], *names: str) -> st.SearchStrategy[dict[str, Any]]:
    """A dict of the named scalar fields of `model`, each any value the model allows."""
    return st.fixed_dictionaries({n: field(model, n) for n in names})


def every_field(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    return record(model, *model.model_fields)


any_date = st.dates()  # 0001-01-01 to 9999-12-31
optional_date = st.none() | any_date
percent = st.sampled_from(awkward_floats(0, 100)) | st.floats(0, 100)


@st.composite
def _schedule(draw) -> dict[str, Any]:
    preset = draw(st.sampled_from(list(VESTING_PRESETS)))
    if preset == "custom":  # yearly percentages adding up to 100 (within the model's 0.01)
        shares = draw(
            st.sampled_from(
                [[100.0], [25.0] * 4, [0.1 + 0.2, 99.7], [33.33, 33.33, 33.34], [0.0] * 9 + [100.0]]
            )
            | st.lists(st.floats(0, 1), min_size=1, max_size=10)
            .filter(lambda w: sum(w) > 1e-6)
            .map(lambda w: [min(100.0, 100 * x / sum(w)) for x in w])
        )
    else:  # kept in the file, though only a custom schedule uses it
        shares = draw(st.lists(percent, max_size=10))
    return {
        "preset": preset,
        "custom_pct": shares,
        **draw(record(VestingSchedule, "frequency", "cliff_months")),
    }


schedules = _schedule()

_ONE_GRANT = {
    "label": "g",
    "value": 1.0,
    "vesting_start": None,
    "schedule": {"preset": "custom", "custom_pct": [100.0], "frequency": None, "cliff_months": None},
}
_grant = st.fixed_dictionaries(
    {
        "label": text(200),
        "value": field(EquityGrant, "value"),
        "vesting_start": optional_date,
        "schedule": schedules,
    }
)
_PAY_SCALARS = [n for n in Pay.model_fields if n not in ("grants", "refresher_schedule", "tax_state")]
_STATES = st.sampled_from(sorted(US_STATES))
_CODES = st.sampled_from(["USD", "EUR", "GBP", "JPY", "CHF"])


@st.composite
def pays(draw, latest_vesting_start: date) -> dict[str, Any]:
    pay = draw(record(Pay, *_PAY_SCALARS))
    # A state is a known code, and worked-out tax needs one.
    pay["tax_state"] = draw(_STATES if pay["tax_mode"] == "worked out" else st.just("") | _STATES)
    grants = draw(st.lists(_grant, max_size=3) | st.just([_ONE_GRANT] * 20))  # 20: the most allowed
    for g in grants:  # a vesting start past the latest the model allows becomes exactly that day
        if g["vesting_start"] is not None and g["vesting_start"] > latest_vesting_start:
            g["vesting_start"] = latest_vesting_start
    pay["grants"] = [dict(g) for g in grants]
    pay["refresher_schedule"] = draw(schedules)
    return pay


_rating = field(RatingRange, "low")


@cache
def _ratings(rated: tuple[str, ...]) -> st.SearchStrategy[dict[str, float]]:
    return st.fixed_dictionaries(dict.fromkeys(rated, _rating))


@cache
def _rating_ranges(rated: tuple[str, ...]) -> st.SearchStrategy[dict[str, dict[str, float]]]:
    one_range = (
        st.lists(_rating, min_size=2, max_size=2).map(sorted).map(lambda r: {"low": r[0], "high": r[1]})
    )
    return st.dictionaries(st.sampled_from(rated), one_range) if rated else st.just({})


@st.composite
def _job(draw, rated: tuple[str, ...], latest_vesting_start: date) -> dict[str, Any]:
    return {
        "employer": draw(text(200)),
        "role": draw(text(200)),
        "level": draw(text(200)),
        "pay": draw(pays(latest_vesting_start)),
        "currency": draw(st.none() | _CODES),
        "ratings": draw(_ratings(rated)),
        "rating_ranges": draw(_rating_ranges(rated)),
        "notes": draw(text(5000)),
    }


@cache
def processes(criterion_ids: tuple[str, ...], max_entries: int = 3) -> st.SearchStrategy[dict[str, Any]]:
    # The rating history is a record of the past: ids of criteria removed since are kept in it.
    past_ids = st.sampled_from(criterion_ids) | text(40) if criterion_ids else text(40)
    listed = lambda s: st.lists(s, max_size=max_entries)  # noqa: E731
    return st.fixed_dictionaries(
        {
            "history": listed(
                st.fixed_dictionaries(
                    {"stage": field(StageChange, "stage"), "on": any_date, "note": text(200)}
                )
            ),
            "next_step": text(200),
            "next_step_on": optional_date,
            "decide_by": optional_date,
            "contacts": listed(every_field(Contact)),
            "interviews": listed(
                st.fixed_dictionaries(
                    {"on": optional_date, "what": text(200), "with_whom": text(200), "notes": text(5000)}
                )
            ),
            "rating_history": listed(
                st.fixed_dictionaries(
                    {
                        "on": any_date,
                        "after": text(200),
                        "ratings": st.dictionaries(past_ids, _rating, max_size=5),
                    }
                )
            ),
            "would_take": field(Process, "would_take"),
            "worth": every_field(Worth),
            "time_cost": field(Process, "time_cost"),
            "what_to_say": field(Process, "what_to_say"),
            "checked": st.lists(st.sampled_from(list(CHECKLIST_ITEMS)), unique=True),
            "drafts": st.dictionaries(st.sampled_from(list(MESSAGE_KINDS)), text(5000)),
        }
    )


_recent_change = st.fixed_dictionaries(
    {"when": optional_date, **{n: field(RecentChange, n) for n in ("kind", "note", "new_base")}}
)


@cache
def _reasons(criterion_ids: tuple[str, ...]) -> st.SearchStrategy[list[dict[str, Any]]]:
    reason = st.fixed_dictionaries(
        {
            "criterion": st.none() | st.sampled_from(criterion_ids) | text(40),
            "text": text(200),
            "resolved": st.booleans(),
        }
    ).filter(lambda r: r["criterion"] is not None or r["text"].strip())
    return st.lists(reason, max_size=3)


_criterion_id = st.from_regex(r"[a-z0-9_]{1,40}", fullmatch=True)
_option_id = st.from_regex(r"[A-Za-z0-9_-]{1,40}", fullmatch=True)
_judgement = st.sampled_from(awkward_floats(1 / 9 - 1e-9, 9)) | st.floats(1 / 9 - 1e-9, 9)
_money_settings = st.tuples(
    record(
        MoneySettings, "horizon_years", "pay_measure", "time_value_per_hour", "leave_month", "leave_new_month"
    ),
    optional_date,
    st.dictionaries(_CODES, st.floats(1e-6, 1e6, exclude_min=True)),
).map(lambda t: {**t[0], "rate_date": t[1], "rate_overrides": t[2]})


def _currencies_agree(data: dict[str, Any]) -> None:
    """Make the drawn currencies a scenario the model accepts: a job in its own currency needs a
    comparison currency that is one code, and worked-out tax needs US dollars."""
    comparison = legacy_code(data["currency"])
    for job in [data["current"], *data["options"]]:
        if "pay" not in job:
            continue
        if comparison is None and job["currency"] not in (None, data["currency"]):
            job["currency"] = None
        if job["pay"]["tax_mode"] == "worked out" and (job["currency"] or comparison) != "USD":
            if comparison is None:
                job["pay"]["tax_mode"] = "effective rate"
            else:
                job["currency"] = "USD"


@st.composite
def any_scenario(
    draw, max_options: int = 5, max_criteria: int = 6, light_options: bool = False, min_options: int = 0
) -> Scenario:
    """Any valid scenario, every field of every part set (see the module docstring).

    `light_options` gives each option only an id, a name and ratings, so a test can afford
    hundreds of them."""
    n = draw(st.integers(1, max_criteria))
    if light_options:  # numbered, so hundreds of names are unique without searching for them
        ids = tuple(f"c{k}" for k in range(n))
        names = [visible((draw(text(60)) + f" #{k}")[-60:]) for k in range(n)]
    else:
        ids = tuple(draw(st.lists(_criterion_id, min_size=n, max_size=n, unique=True)))
        names = draw(st.lists(name(60), min_size=n, max_size=n, unique_by=name_key))
    has_pay = draw(st.booleans())
    criteria = [
        {
            "id": cid,
            "name": names[k],
            "weight": draw(field(Criterion, "weight")),
            "kind": "pay" if has_pay and k == 0 else "rating",
            "description": draw(text(200)),
        }
        for k, cid in enumerate(ids)
    ]
    rated = tuple(c["id"] for c in criteria if c["kind"] == "rating")

    start = draw(st.dates(EARLIEST_START, LATEST_START))
    latest_vesting_start = start + timedelta(days=round(365.25 * MAX_VESTING_START_YEARS))
    current = draw(_job(rated, latest_vesting_start))
    current["recent_changes"] = draw(st.lists(_recent_change, max_size=3))
    current["reflection"] = {
        "reasons": draw(_reasons(ids)),
        "satisfaction": draw(every_field(Satisfaction)),
        "achievements": draw(text(5000)),
    }
    current["people"] = draw(every_field(People))

    stay = f"Stay at {current['employer'].strip()}" if current["employer"].strip() else "Stay"
    n_options = draw(st.integers(min_options, max_options))
    if light_options:
        option_ids = [f"o{k}" for k in range(n_options)]
        option_names = [visible((draw(text(80)) + f" #{k}")[-80:]) for k in range(n_options)]
    else:
        option_ids = draw(st.lists(_option_id, min_size=n_options, max_size=n_options, unique=True))
        option_names = draw(
            st.lists(
                name(80).filter(lambda t: name_key(t) != name_key(stay)),
                min_size=n_options,
                max_size=n_options,
                unique_by=name_key,
            )
        )
    options = []
    for oid, oname in zip(option_ids, option_names, strict=True):
        if light_options:
            option = {"ratings": draw(_ratings(rated))}
        else:
            option = draw(_job(rated, latest_vesting_start))
            option["kind"] = draw(field(Option, "kind"))
            option["stage"] = draw(field(Option, "stage"))
            option["process"] = draw(processes(ids))
        options.append({"id": oid, "name": oname, **option})

    pairs = [f"{a}|{b}" for a in ids for b in ids if a != b]
    data = {
        "name": draw(text(200)),
        "example": draw(st.booleans()),
        "currency": draw(text(8)),
        "current": current,
        "options": options,
        "criteria": criteria,
        "pay_scale": draw(every_field(PayScale)),
        "money": {"start": start, **draw(_money_settings)},
        "robustness": draw(every_field(RobustnessSettings)),
        "pairwise": draw(st.dictionaries(st.sampled_from(pairs), _judgement)) if pairs else {},
    }
    _currencies_agree(data)
    return Scenario.model_validate(data)


def unset_fields(model: BaseModel, where: str = "scenario") -> set[str]:
    """Fields of `model`, and of every model inside it, left at their defaults rather than set:
    empty when a strategy sets every field, so a field added to the model later and not to the
    strategy shows up here."""
    missing = {f"{where}.{f}" for f in type(model).model_fields if f not in model.model_fields_set}
    for f in type(model).model_fields:
        value = getattr(model, f)
        children = (
            value if isinstance(value, list) else value.values() if isinstance(value, dict) else [value]
        )
        for child in children:
            if isinstance(child, BaseModel):
                missing |= unset_fields(child, f"{where}.{f}")
    return missing


# Hostile files, for fuzzing the reader ------------------------------------------------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**19, max_value=10**400)
    | st.floats()  # NaN and infinities included: json.dumps writes them as NaN and Infinity
    | st.sampled_from([1e308, 5e-324, -0.0, 1e-300, 0.1 + 0.2])
    | st.text(max_size=30)
    | st.sampled_from(["stay-or-go/scenario", "\ud800", "\x00", "\x1b[2J", "   ", "🚀" * 81])
)


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5)


json_values = st.recursive(json_scalars, _containers, max_leaves=25)


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*path, i))
    return out


_BASES = {
    "v2": json.loads(scenario_to_json(example_scenario())),
    "v1": json.loads((Path(__file__).parent / "data" / "scenario-v1.json").read_text(encoding="utf-8")),
}
_PATHS = {k: _paths(v)[1:] for k, v in _BASES.items()}
_TEXT_INSERTS = [
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "1" + "0" * 400,
    '"\\ud800"',
    '"\\u0000"',
    "{",
    "}",
    "]",
    ",",
    '"x": 1,',
    "null",
    "\x00",
    "\ufeff",
    "-",
    '"',
]


@st.composite
def mutated_files(draw) -> bytes:
    """A valid file (version 2, or the version 1 example) with one to three changes: a key dropped,
    a value replaced by any JSON value (of another type, NaN, a huge number, a broken string…),
    a key duplicated, or text or bytes inserted at a random place."""
    base = draw(st.sampled_from(sorted(_BASES)))
    data = json.loads(json.dumps(_BASES[base]))
    text_edits = []
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_PATHS[base]))
        parent = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed it
        op = draw(st.sampled_from(["drop", "replace", "wrap", "text", "bytes", "duplicate"]))
        if op == "drop":
            del parent[path[-1]]
        elif op == "replace":
            parent[path[-1]] = draw(json_values)
        elif op == "wrap":
            parent[path[-1]] = [parent[path[-1]]]
        else:
            text_edits.append((op, path[-1]))
    text = json.dumps(data, indent=draw(st.sampled_from([None, 2])), ensure_ascii=draw(st.booleans()))
    payload = text.encode("utf-8", "surrogatepass")
    for op, key in text_edits:
        at = draw(st.integers(0, len(payload)))
        if op == "text":
            payload = payload[:at] + draw(st.sampled_from(_TEXT_INSERTS)).encode("utf-8") + payload[at:]
        elif op == "bytes":
            payload = payload[:at] + draw(st.binary(min_size=1, max_size=4)) + payload[at:]
        elif isinstance(key, str):  # "key": value becomes "key": 0, "key": value
            quoted = json.dumps(key).encode()
            payload = payload.replace(quoted + b":", quoted + b": 0, " + quoted + b":", 1)
    return payload
