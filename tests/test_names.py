"""Names people tell things apart by (core.model.fields, core.model.scenario): no invisible or text-reversing
characters, and two names are the same when they differ only in capitals or Unicode composition."""

from __future__ import annotations

import json

import pytest

from core.edits.editing import EditRefused, with_value
from core.files.scenario_json import ScenarioFileError, scenario_from_json, scenario_to_json
from core.model.example import example_scenario
from core.model.fields import INVISIBLE_CHARACTERS, name_key
from core.model.scenario import add_criterion, rename_criterion


def test_the_listed_characters_are_the_ones_asked_for():
    expected = {*map(chr, range(0x200B, 0x2010)), "\u2060", "\ufeff"}
    expected |= {*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}
    assert set(INVISIBLE_CHARACTERS) == expected


@pytest.mark.parametrize(
    ("character", "said"),
    [
        ("\u202e", "a right-to-left override (U+202E)"),
        ("\u200b", "a zero-width space (U+200B)"),
        ("\u2067", "a right-to-left isolate (U+2067)"),
        ("\ufeff", "a zero-width no-break space (U+FEFF)"),
    ],
)
def test_an_option_name_with_an_invisible_character_is_refused_naming_it(character, said):
    scenario = example_scenario()
    option = scenario.options[0]
    with pytest.raises(EditRefused) as raised:
        with_value(scenario, ("options", option.id, "name"), f"Glo{character}bex")
    assert said in str(raised.value)
    assert "remove it" in str(raised.value)


def test_a_criterion_name_with_an_invisible_character_is_refused_naming_it():
    scenario = example_scenario()
    with pytest.raises(ValueError, match=r"a right-to-left override \(U\+202E\), at character 3"):
        add_criterion(scenario, "Te\u202eam")
    criterion = scenario.criteria[-1]
    with pytest.raises(ValueError, match=r"a zero-width joiner \(U\+200D\)"):
        rename_criterion(scenario, criterion.id, "Te\u200dam")


def test_names_that_differ_only_in_composition_are_the_same_name():
    scenario = example_scenario()
    first, second = scenario.options[0], scenario.options[1]
    renamed = with_value(scenario, ("options", first.id, "name"), "Café")
    with pytest.raises(EditRefused, match="option name"):
        with_value(renamed, ("options", second.id, "name"), "CAFE\u0301")
    with pytest.raises(ValueError, match="already a criterion"):
        add_criterion(rename_criterion(scenario, scenario.criteria[-1].id, "Équipe"), "E\u0301QUIPE")
    assert name_key(" Cafe\u0301 ") == name_key("CAFÉ") == "café"


def test_an_old_file_with_such_a_name_gets_a_message_not_a_traceback():
    data = json.loads(scenario_to_json(example_scenario()))
    data["options"][1]["name"] = "Initech\u202e maet mroftalp"
    with pytest.raises(ScenarioFileError) as raised:
        scenario_from_json(json.dumps(data))
    message = str(raised.value)
    assert "option 2 > name" in message and "a right-to-left override (U+202E)" in message


def test_an_old_file_with_such_a_name_is_a_message_on_the_command_line(tmp_path, capsys):
    from core.cli import main

    data = json.loads(scenario_to_json(example_scenario()))
    data["criteria"][-1]["name"] = "Pl\u200ban"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["report", str(path)]) == 2
    err = capsys.readouterr().err
    assert "a zero-width space (U+200B)" in err and "Traceback" not in err


def test_the_examples_in_the_docstrings_hold():
    import doctest

    import core.model.fields

    assert doctest.testmod(core.model.fields).failed == 0
