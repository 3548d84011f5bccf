"""Scenario files and the comparison CSV: lossless round trips, hostile input, fuzzing, migration
from version 1, formula neutralization.

The hostile inputs are one table (tests/hostile_inputs.py): every entry is tried here, and each
must be refused with a message saying what is wrong and where, or opened and round-tripped.
"""

from __future__ import annotations

import csv
import io
import json
import math
import struct
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.decision.scoring import compare, pay_values
from core.files.csv_safety import neutralize_formula, safe_csv
from core.files.scenario_json import (
    MAX_SCENARIO_BYTES,
    ScenarioFileError,
    check_scenario_size,
    scenario_from_json,
    scenario_to_json,
)
from core.model.example import blank_scenario, example_scenario
from core.model.pipeline import Interview
from core.model.scenario import Scenario
from core.report import comparison_csv
from tests.hostile_inputs import HOSTILE_INPUTS, Hostile, example_text
from tests.scenarios import simple_example
from tests.strategies import any_scenario, json_values, mutated_files, unset_fields

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def example_dict():
    return json.loads(scenario_to_json(example_scenario()))


def read_back(payload: bytes | str) -> Scenario | ScenarioFileError:
    """What the reader makes of `payload`: a scenario, or the error. Anything else fails the test."""
    try:
        return scenario_from_json(payload)
    except ScenarioFileError as e:
        return e


def assert_round_trips(scenario: Scenario) -> None:
    """Export, import: the same scenario; export again: the same bytes. From text, from UTF-8
    bytes, and from UTF-8 bytes with a byte-order mark."""
    text = scenario_to_json(scenario)
    for payload in (text, text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        back = scenario_from_json(payload)
        assert back == scenario
        assert scenario_to_json(back) == text


def assert_good_message(error: ScenarioFileError) -> str:
    """A message a person can read: not empty, not huge, UTF-8, and no control characters but
    line breaks (so nothing from the file can act on a terminal or break st.error)."""
    message = str(error)
    assert message.strip()
    assert len(message) < 5000
    message.encode("utf-8")  # no lone surrogate
    assert not [c for c in message if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F]
    return message


# Round trips -------------------------------------------------------------------------------------


def test_round_trip_of_the_example_is_exact():
    assert_round_trips(example_scenario())


def test_blank_scenario_round_trips():
    assert_round_trips(blank_scenario())


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(any_scenario())
def test_round_trip_of_any_scenario_is_exact(scenario):
    """Every field of every part is set by the strategy (so none is left out of the property) and
    comes back equal; writing it again gives identical bytes."""
    assert unset_fields(scenario) <= {"scenario.format", "scenario.version"}
    assert_round_trips(scenario)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(any_scenario(min_options=150, max_options=200, max_criteria=30, light_options=True))
def test_round_trip_with_hundreds_of_options_and_criteria(scenario):
    assert_round_trips(scenario)


def _bits(x: float) -> bytes:
    return struct.pack("<d", x)


@pytest.mark.parametrize(
    "value",
    [0.0, -0.0, 5e-324, 1e-300, 0.1 + 0.2, 1 / 3, math.nextafter(10.0, 0), 10.0, 2.2250738585072014e-308],
)
def test_awkward_floats_come_back_bit_for_bit(value):
    s = example_scenario()
    rating = {**s.current.ratings, "growth": value}
    s = s.model_copy(update={"current": s.current.model_copy(update={"ratings": rating})})
    back = scenario_from_json(scenario_to_json(s))
    assert _bits(back.current.ratings["growth"]) == _bits(value)


def test_money_at_its_bounds_comes_back_exactly():
    data = example_dict()
    data["current"]["pay"]["base"] = 1e9
    data["current"]["pay"]["sign_on"] = 5e-324
    data["current"]["pay"]["raise_pct"] = -50
    data["pairwise"] = {"pay|growth": 1 / 9 - 1e-9, "growth|pay": 9}
    s = scenario_from_json(json.dumps(data))
    assert_round_trips(s)
    assert s.current.pay.base == 1e9 and s.current.pay.sign_on == 5e-324
    assert s.pairwise["pay|growth"] == 1 / 9 - 1e-9


def test_unicode_names_survive():
    name = "Société Générale — Zürich 東京 🚀 👩‍👩‍👧 שלום e\u0301"
    data = example_dict()
    data["options"][0]["name"] = name
    s = scenario_from_json(json.dumps(data, ensure_ascii=False).encode("utf-8"))
    assert s.options[0].name == name
    assert name in scenario_to_json(s)
    assert_round_trips(s)


def test_file_versioned_and_documented_fields():
    data = example_dict()
    assert data["format"] == "stay-or-go/scenario"
    assert data["version"] == 2
    assert set(data) == {
        "money",
        "robustness",
        "pairwise",
        "format",
        "version",
        "name",
        "example",
        "currency",
        "current",
        "options",
        "criteria",
        "pay_scale",
    }


def test_a_scenario_the_model_allows_can_be_too_large_for_a_file():
    """The model's own limits allow more text than a file may hold (200 options with 100 long
    interview notes each): such a scenario exports, and reading it back says it is too large,
    rather than anything else."""
    s = example_scenario()
    notes = [Interview(notes="n" * 5000)] * 100
    options = [
        o.model_copy(update={"process": o.process.model_copy(update={"interviews": notes})})
        for o in s.options
    ]
    big = s.model_copy(update={"options": options * 5})  # same ids: the size check comes first
    text = scenario_to_json(big)
    assert len(text.encode()) > MAX_SCENARIO_BYTES
    with pytest.raises(ScenarioFileError, match="at most 5 MB"):
        scenario_from_json(text)


# Hostile input: the table ------------------------------------------------------------------------


@pytest.mark.parametrize("case", HOSTILE_INPUTS, ids=[h.id for h in HOSTILE_INPUTS])
def test_hostile_input(case: Hostile):
    """Refused with a message naming what is wrong and where, or (where the table says so) opened,
    in which case the scenario round-trips like any other."""
    result = read_back(case.build())
    if case.accepted:
        assert isinstance(result, Scenario), str(result)
        assert_round_trips(result)
        return
    assert isinstance(result, ScenarioFileError), f"{case.id} was accepted"
    message = assert_good_message(result)
    for phrase in case.expect:
        assert phrase in message, f"{case.id}: {phrase!r} not in {message!r}"


def test_the_hostile_table_is_large_and_distinct():
    """The report quotes this count; every input in it is distinct."""
    assert len(HOSTILE_INPUTS) >= 140
    payloads = [h.build() for h in HOSTILE_INPUTS if h.group != "size"]
    assert len({(type(p), p) for p in payloads}) == len(payloads)


def test_size_is_checked_before_anything_is_read():
    with pytest.raises(ScenarioFileError, match="The file is 50.0 MB; a scenario file is at most 5 MB"):
        check_scenario_size(50 * 1024 * 1024)
    check_scenario_size(MAX_SCENARIO_BYTES)


def test_duplicate_key_message_names_the_key_and_the_option():
    text = example_text().replace('"stage": "offer"', '"stage": "offer", "stage": "declined"', 1)
    with pytest.raises(ScenarioFileError) as e:
        scenario_from_json(text)
    assert str(e.value).startswith('The key "stage" appears twice in option "Globex".')


def test_error_locations_name_the_option_and_criterion():
    data = example_dict()
    data["options"][0]["ratings"]["growth"] = 11
    with pytest.raises(ScenarioFileError) as e:
        scenario_from_json(json.dumps(data))
    assert 'option "Globex" > ratings > growth: Input should be less than or equal to 10' in str(e.value)


def test_a_name_from_the_file_cannot_write_to_the_terminal():
    """An option named with an escape sequence and a wrong rating: the message quotes the name
    with the escape written out, not acted on."""
    data = example_dict()
    data["options"][0]["ratings"]["growth"] = 11
    data["options"][0]["name"] = "\x1b[2JEvil\u202e"
    message = assert_good_message(read_back(json.dumps(data)))
    assert "\\x1b[2JEvil" in message


def test_many_problems_are_listed_twenty_at_a_time():
    data = example_dict()
    for job in [data["current"], *data["options"]]:
        for k in job["ratings"]:
            job["ratings"][k] = 99
    for c in data["criteria"]:
        c["weight"] = 999
    message = str(read_back(json.dumps(data)))  # 4 jobs x 5 ratings, 6 weights
    assert message.startswith("The scenario has problems:\n- ")
    assert message.count("\n- ") == 21 and message.endswith("\n- … and 6 more")


def test_control_characters_are_refused_but_tabs_and_newlines_are_text():
    data = example_dict()
    data["current"]["notes"] = "line one\r\n\tline two"
    assert scenario_from_json(json.dumps(data)).current.notes == "line one\r\n\tline two"
    data["current"]["notes"] = "bell\x07"
    with pytest.raises(
        ScenarioFileError,
        match=r"current role > notes: the text has an invisible control character \(U\+0007\)",
    ):
        scenario_from_json(json.dumps(data))


# Fuzzing: the reader returns a Scenario or raises ScenarioFileError, nothing else ------------------


def _never_crashes(payload: bytes | str) -> None:
    result = read_back(payload)  # anything but ScenarioFileError propagates and fails the test
    if isinstance(result, Scenario):
        assert_round_trips(result)
    else:
        assert_good_message(result)


@FUZZ
@given(st.binary(max_size=3000) | st.text(max_size=3000).map(str.encode))
def test_fuzz_random_bytes(payload):
    _never_crashes(payload)


@FUZZ
@given(json_values, st.booleans(), st.sampled_from([1, 2, 3, None]))
def test_fuzz_random_json(value, as_scenario, version):
    """Any JSON value, on its own or as the body of something claiming to be a scenario."""
    if as_scenario:
        value = {"format": "stay-or-go/scenario", "version": version, "x": value}
        if isinstance(value["x"], dict):
            value = {**value["x"], "format": "stay-or-go/scenario", "version": version}
    _never_crashes(json.dumps(value))


@FUZZ
@given(mutated_files())
def test_fuzz_mutated_scenario_files(payload):
    _never_crashes(payload)


def test_mutations_reach_both_outcomes():
    """The mutation fuzzer is not only making garbage: some mutated files still open."""
    outcomes = set()

    @settings(max_examples=150, deadline=None, database=None)
    @given(mutated_files())
    def collect(payload):
        outcomes.add(isinstance(read_back(payload), Scenario))

    collect()
    assert outcomes == {True, False}


# Older versions ----------------------------------------------------------------------------------

V1_FILE = Path(__file__).parent / "data" / "scenario-v1.json"


def test_version_1_file_migrates_and_keeps_its_money():
    """A file written by version 1 (four yearly amounts per job) reads as version 2 with the same
    money: over a four-year horizon each job's average year is its old yearly total, so the old
    hand-worked scores come back (staying 5.35, Globex 7.2, platform 6.5179, Umbrella 5.8786)."""
    s = scenario_from_json(V1_FILE.read_bytes())
    assert s.version == 2
    globex = s.option("globex").pay
    assert globex.base == 112_000
    assert globex.bonus_target_pct == pytest.approx(100 * 10_000 / 112_000)
    assert globex.raise_pct == 0
    assert [(g.value, g.schedule.preset) for g in globex.grants] == [(32_000, "25_25_25_25")]
    s4 = s.model_copy(update={"money": s.money.model_copy(update={"horizon_years": 4})})
    assert list(pay_values(s4).values()) == pytest.approx([112_000, 140_000, 118_000, 116_000])
    assert compare(s4).totals == pytest.approx([5.35, 7.2, 6.517857, 5.878571], abs=1e-6)


def test_every_version_1_field_lands_in_version_2():
    """Each field version 1 had (core/model/scenario.py before f2cbcde), set to a value of its own, is
    found in the migrated scenario: kept as it was, or converted as docs/scenario-format.md says."""
    v1 = json.loads(V1_FILE.read_text(encoding="utf-8"))
    v1.update(name="Old file", example=False, currency="CHF ")
    v1["pay_scale"] = {"raise_for_10": 40.0, "cut_for_0": 20.0}
    v1["current"]["recent_changes"][0]["when"] = None
    s = scenario_from_json(json.dumps(v1))
    assert (s.name, s.example, s.currency) == ("Old file", False, "CHF ")
    assert (s.pay_scale.raise_for_10, s.pay_scale.cut_for_0) == (40.0, 20.0)
    assert [c.model_dump() for c in s.criteria] == v1["criteria"]
    jobs = [(s.current, v1["current"])] + [(s.option(o["id"]), o) for o in v1["options"]]
    for job, old in jobs:
        for key in ("employer", "role", "level", "ratings", "notes"):
            assert getattr(job, key) == old[key], key
        pay = old["pay"]
        assert job.pay.base == pay["base"]
        assert job.pay.bonus == pytest.approx(pay["bonus"])  # target % of base, paid in full
        assert job.pay.raise_pct == 0
        assert job.pay.benefits == pay["benefits"]
        assert [(g.value, g.schedule.preset, g.vesting_start) for g in job.pay.grants] == (
            [(4 * pay["equity"], "25_25_25_25", None)] if pay["equity"] else []
        )
    for option, old in zip(s.options, v1["options"], strict=True):
        assert (option.id, option.name, option.kind, option.stage) == (
            old["id"],
            old["name"],
            old["kind"],
            old["stage"],
        )
    assert [
        c.model_dump(mode="json", include={"kind", "when", "note"}) for c in s.current.recent_changes
    ] == v1["current"]["recent_changes"]
    assert all(c.new_base is None for c in s.current.recent_changes)


v1_money = st.sampled_from([0.0, 1.0, 5e-324, 1e9, 0.1 + 0.2]) | st.floats(0, 1e9)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(v1_money, v1_money, v1_money, v1_money), min_size=1, max_size=4))
def test_version_1_pay_migrates_or_says_why(pays):
    """Any version 1 pay (each amount 0 to 1e9, as version 1 allowed): the migrated job has the
    same base, bonus and benefits and four years of the equity, or the file is refused with a
    message that says it is a version 1 file and which job."""
    v1 = json.loads(V1_FILE.read_text(encoding="utf-8"))
    jobs = [v1["current"], *v1["options"]][: len(pays)]
    for job, (base, bonus, equity, benefits) in zip(jobs, pays, strict=False):
        job["pay"] = {"base": base, "bonus": bonus, "equity": equity, "benefits": benefits}
    result = read_back(json.dumps(v1))
    if isinstance(result, ScenarioFileError):
        message = assert_good_message(result)
        assert "version 1 file" in message and ("current role" in message or "option '" in message)
        assert any(
            (bonus and (not base or bonus / base > 5)) or 4 * equity > 1e9 for base, bonus, equity, _ in pays
        )
        return
    migrated = [result.current, *result.options][: len(pays)]
    for job, (base, bonus, equity, benefits) in zip(migrated, pays, strict=False):
        assert (job.pay.base, job.pay.benefits) == (base, benefits)
        assert job.pay.bonus == pytest.approx(bonus, rel=1e-12)
        assert sum(g.value for g in job.pay.grants) == 4 * equity
    assert_round_trips(result)


def test_version_1_bonus_without_base_says_what_to_do():
    data = json.loads(V1_FILE.read_text(encoding="utf-8"))
    data["options"][0]["pay"]["base"] = 0
    with pytest.raises(ScenarioFileError, match="option 'Globex' has a bonus but no base salary"):
        scenario_from_json(json.dumps(data))


def test_unknown_future_version_is_refused():
    data = example_dict()
    data["version"] = 3
    with pytest.raises(
        ScenarioFileError, match="version 3; this version of Stay or Go reads versions 1 to 2"
    ):
        scenario_from_json(json.dumps(data))


# The app: a bad upload leaves the open scenario alone ----------------------------------------------

_UPLOADS = [
    "empty",
    "utf16-le-with-bom",
    "NaN",
    "duplicate-nested-key",
    "lone-surrogate-in-name",
    "start-9999-12-31",
]


def _plain(shown: Any) -> str:
    """Text as a person reads it on the page: without Markdown escapes and word joiners."""
    return str(shown).replace("\\", "").replace("\u2060", "")


def test_bad_uploads_leave_the_open_scenario_alone(app):
    """Each refused file: a message in the page, no exception, and the scenario as it was."""
    before = app.session_state["_tab"].edits.scenario
    cases = {h.id: h for h in HOSTILE_INPUTS}
    for k, case_id in enumerate(_UPLOADS):
        payload = cases[case_id].build()
        app.file_uploader(key="scenario_upload").upload(f"bad{k}.json", payload).run()
        assert not app.exception, case_id
        errors = [e for e in (_plain(x.value) for x in app.error) if f"bad{k}.json was not opened" in e]
        assert errors, case_id
        assert app.session_state["_tab"].edits.scenario == before


def test_upload_over_the_limit_is_refused_by_size_in_code(app, monkeypatch):
    """The server's upload limit is configuration; the page checks the size itself, before reading
    the file (`getvalue` is never called)."""
    from streamlit.runtime.uploaded_file_manager import UploadedFile

    read = []
    real = UploadedFile.getvalue
    monkeypatch.setattr(UploadedFile, "getvalue", lambda self: read.append(self.name) or real(self))
    before = app.session_state["_tab"].edits.scenario
    app.file_uploader(key="scenario_upload").upload("huge.json", b" " * (MAX_SCENARIO_BYTES + 1)).run()
    assert not app.exception
    assert any(
        "huge.json was not opened" in _plain(e.value) and "at most 5 MB" in _plain(e.value) for e in app.error
    )
    assert app.session_state["_tab"].edits.scenario == before
    assert "huge.json" not in read


# CSV ---------------------------------------------------------------------------------------------


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_comparison_csv_has_one_row_per_option_and_every_part():
    rows = read_csv(comparison_csv(compare(simple_example())))
    assert [r["Option"] for r in rows] == [
        "Stay at Initech",
        "Globex",
        "Initech platform team",
        "Umbrella Health",
    ]
    globex = rows[1]
    assert float(globex["Pay: value ($)"]) == 140_000  # money says its currency
    assert float(globex["Money: average year ($)"]) == 140_000
    assert float(globex["Pay: score"]) == pytest.approx(9.1667, abs=1e-4)
    assert float(globex["Pay: weight %"]) == 30
    assert float(globex["Pay: points"]) == pytest.approx(2.75)
    assert float(globex["Growth: value"]) == 8
    assert float(globex["Total score"]) == pytest.approx(7.2)
    assert globex["Rank"] == "1"
    assert float(globex["Vs staying"]) == pytest.approx(1.85)
    assert float(rows[0]["Vs staying"]) == 0


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-cmd", "@SUM(A1)", "\tx", "\rx"])
def test_formulas_are_neutralized(cell):
    assert neutralize_formula(cell) == "'" + cell


def test_numbers_stay_numbers_in_csv():
    import pandas as pd

    text = safe_csv(pd.DataFrame({"Option": ["=HYPERLINK(1)", "ok"], "Vs staying": [-1.25, 0.5]}))
    rows = read_csv(text)
    assert rows[0]["Option"] == "'=HYPERLINK(1)"
    assert rows[0]["Vs staying"] == "-1.25"


def test_option_named_like_a_formula_is_neutralized_in_the_comparison():
    data = example_dict()
    data["options"][0]["name"] = "=cmd|' /C calc'!A0"
    c = compare(scenario_from_json(json.dumps(data)))
    rows = read_csv(comparison_csv(c))
    assert rows[1]["Option"] == "'=cmd|' /C calc'!A0"


def test_a_bare_carriage_return_in_a_cell_does_not_split_the_row():
    import pandas as pd

    frame = pd.DataFrame(
        {"Option": ["Globex\rZürich", "Hooli\r\nEast", "\rcmd"], "Total score": [7.2, 6.1, 5.0]}
    )
    rows = list(csv.reader(io.StringIO(safe_csv(frame), newline="")))
    assert rows == [
        ["Option", "Total score"],
        ["Globex\nZürich", "7.2"],
        ["Hooli\nEast", "6.1"],
        ["'\ncmd", "5.0"],  # starts with a carriage return: neutralized like a formula
    ]
