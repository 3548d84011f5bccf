"""Scenario files and the comparison CSV: round trips, hostile input, formula neutralization."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

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
from core.scoring import compare, pay_values
from tests.scenarios import simple_example
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
    data["options"][1]["pay"]["sign_on"] = -5
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
    rows = read_csv(comparison_csv(compare(simple_example())))
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
    assert pay_values(s4) == pytest.approx([112_000, 140_000, 118_000, 116_000])
    assert compare(s4).totals == pytest.approx([5.35, 7.2, 6.517857, 5.878571], abs=1e-6)


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
