"""Scenario files and the comparison CSV: round trips, hostile input, formula neutralization."""

from __future__ import annotations

import contextlib
import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.example import blank_scenario, example_scenario
from core.io import (
    ScenarioFileError,
    comparison_csv,
    neutralize_formula,
    safe_csv,
    scenario_from_json,
    scenario_to_json,
)
from core.scoring import compare
from tests.strategies import scenarios


def example_dict():
    return json.loads(scenario_to_json(example_scenario()))


def test_round_trip_of_the_example_is_exact():
    s = example_scenario()
    assert scenario_from_json(scenario_to_json(s)) == s
    assert scenario_from_json(scenario_to_json(s).encode("utf-8")) == s


def test_blank_scenario_round_trips():
    s = blank_scenario()
    assert scenario_from_json(scenario_to_json(s)) == s


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_round_trip_of_generated_scenarios(scenario):
    assert scenario_from_json(scenario_to_json(scenario)) == scenario


def test_unicode_names_survive():
    data = example_dict()
    data["options"][0]["name"] = "Société Générale — Zürich 東京 🚀"
    s = scenario_from_json(json.dumps(data, ensure_ascii=False).encode("utf-8"))
    assert s.options[0].name == "Société Générale — Zürich 東京 🚀"
    assert "Société Générale — Zürich 東京 🚀" in scenario_to_json(s)


def test_file_versioned_and_documented_fields():
    data = example_dict()
    assert data["format"] == "stay-or-go/scenario"
    assert data["version"] == 1
    assert set(data) == {
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


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"this is not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2, 3]", "not a Stay or Go scenario"),
        (b'{"name": "x"}', "not a Stay or Go scenario"),
        (b'{"format": "stay-or-go/scenario", "version": 99}', "version 99"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_files_that_are_not_scenarios_get_a_message(payload, message):
    with pytest.raises(ScenarioFileError, match=message):
        scenario_from_json(payload)


def test_nan_and_infinity_are_refused():
    text = scenario_to_json(example_scenario()).replace('"base": 95000.0', '"base": NaN')
    with pytest.raises(ScenarioFileError, match="NaN, which is not a number"):
        scenario_from_json(text)


def test_rating_outside_0_to_10_names_the_option_and_criterion():
    data = example_dict()
    data["options"][0]["ratings"]["growth"] = 11
    with pytest.raises(ScenarioFileError) as e:
        scenario_from_json(json.dumps(data))
    assert 'option "Globex" > ratings > growth: Input should be less than or equal to 10' in str(e.value)


def test_text_in_a_number_field_names_the_field():
    data = example_dict()
    data["current"]["pay"]["base"] = "lots"
    with pytest.raises(ScenarioFileError) as e:
        scenario_from_json(json.dumps(data))
    assert "current role > pay > base salary" in str(e.value)


def test_negative_pay_is_refused():
    data = example_dict()
    data["options"][1]["pay"]["bonus"] = -5
    with pytest.raises(ScenarioFileError, match="greater than or equal to 0"):
        scenario_from_json(json.dumps(data))


def test_duplicate_option_names_are_refused():
    data = example_dict()
    data["options"][1]["name"] = "globex"
    with pytest.raises(ScenarioFileError, match="option name 'globex'"):
        scenario_from_json(json.dumps(data))


def test_missing_rating_is_reported():
    data = example_dict()
    del data["options"][2]["ratings"]["culture"]
    with pytest.raises(ScenarioFileError, match="option 'Umbrella Health' has no rating for 'Culture fit'"):
        scenario_from_json(json.dumps(data))


def test_unknown_field_is_reported_rather_than_ignored():
    data = example_dict()
    data["current"]["salary"] = 100
    with pytest.raises(ScenarioFileError, match="current role > salary: Extra inputs are not permitted"):
        scenario_from_json(json.dumps(data))


def test_oversized_file_is_refused_before_parsing():
    with pytest.raises(ScenarioFileError, match="at most 5 MB"):
        scenario_from_json(b" " * (6 * 1024 * 1024))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=2000).map(str.encode))
def test_no_input_crashes_the_reader(payload):
    with contextlib.suppress(ScenarioFileError):
        scenario_from_json(payload)


# CSV ---------------------------------------------------------------------------------------------


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_comparison_csv_has_one_row_per_option_and_every_part():
    rows = read_csv(comparison_csv(compare(example_scenario())))
    assert [r["Option"] for r in rows] == [
        "Stay at Initech",
        "Globex",
        "Initech platform team",
        "Umbrella Health",
    ]
    globex = rows[1]
    assert float(globex["Pay: value"]) == 140_000
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
