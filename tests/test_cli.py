"""`stay-or-go` on the command line: the installed script, and main() in-process."""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.cli import main
from core.decision.scoring import compare
from core.files.scenario_json import scenario_to_json
from core.model.example import example_scenario
from core.money.compensation import project
from core.report import comparison_csv
from tests.hostile_inputs import HOSTILE_INPUTS
from tests.scenarios import simple_example
from tests.strategies import mutated_files


@pytest.fixture
def example_file(tmp_path):
    path = tmp_path / "scenario.json"
    assert main(["example", "--out", str(path)]) == 0
    return path


@pytest.fixture
def simple_file(tmp_path):
    """The example reduced to flat yearly pay: scores worked out by hand in test_scoring."""
    path = tmp_path / "simple.json"
    path.write_text(scenario_to_json(simple_example()), encoding="utf-8")
    return path


def test_example_writes_the_example_scenario(example_file):
    assert example_file.read_text(encoding="utf-8") == scenario_to_json(example_scenario())


def test_report_prints_the_ranking(simple_file, capsys):
    assert main(["report", str(simple_file)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Example: data analyst weighing a counter-move"
    ranking = [line.split() for line in out[3:7]]
    assert [row[0] for row in ranking] == ["1", "2", "3", "4"]
    assert ranking[0] == ["1", "Globex", "7.2", "+1.9"]
    assert ranking[1] == ["2", "Initech", "platform", "team", "6.5", "+1.2"]
    assert ranking[3] == ["4", "Stay", "at", "Initech", "5.4", "—"]  # 5.35 shown to one decimal
    assert "Globex beats staying by 1.9 points" in "\n".join(out)


def test_report_csv_is_the_apps_csv(example_file, tmp_path, capsys):
    out = tmp_path / "comparison.csv"
    assert main(["report", str(example_file), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == comparison_csv(compare(example_scenario()))


def test_report_json_is_machine_readable(simple_file, capsys):
    assert main(["report", str(simple_file), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["verdict"].startswith("Globex beats staying by 1.9 points")
    by_name = {o["Option"]: o for o in payload["options"]}
    assert by_name["Globex"]["Rank"] == 1
    assert by_name["Globex"]["Total score"] == pytest.approx(7.2)
    assert by_name["Stay at Initech"]["Vs staying"] == 0
    assert by_name["Globex"]["Money: average year"] == 140_000
    assert by_name["Stay at Initech"]["Money: break-even month"] is None
    # Globex is ahead from its first month: never behind, so no break-even month (this was 1, the
    # leave month 0 counted from 1)
    assert by_name["Globex"]["Money: break-even month"] is None
    assert by_name["Globex"]["Money: break-even"] == "never behind staying"


def test_report_text_has_the_money(simple_file, capsys):
    assert main(["report", str(simple_file)]) == 0
    out = capsys.readouterr().out
    assert "Money, after tax and cost of living, taking each option now ($):" in out
    # Globex is ahead from its first month: never behind staying (this said "month 1", the leave
    # month 0 counted from 1)
    globex = next(line for line in out.splitlines() if line.startswith("Globex ") and "behind" in line)
    assert globex.split() == ["Globex", "140,000", "140,000", "140,000", "0", "not", "behind"]


def test_report_years_csv(example_file, tmp_path):
    out = tmp_path / "years.csv"
    assert main(["report", str(example_file), "--years", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 4 * 5  # four paths, five years
    assert rows[0]["Option"] == "Stay at Initech" and rows[0]["Year"] == "1"
    expected = project(example_scenario()).yearly_table()
    assert float(rows[-1]["Cumulative ($)"]) == pytest.approx(
        expected["Cumulative"].iloc[-1]
    )  # money says its currency


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not valid JSON"),
        ('{"a": 1}', "not a Stay or Go scenario"),
    ],
)
def test_bad_file_exits_2_with_message(tmp_path, capsys, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    assert main(["report", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_missing_file_exits_2(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nope.json")]) == 2
    assert "could not read" in capsys.readouterr().err


def test_scenario_that_cannot_be_scored_says_what_to_change(tmp_path, capsys):
    data = json.loads(scenario_to_json(example_scenario()))
    for c in data["criteria"]:
        c["weight"] = 0
    path = tmp_path / "zero.json"
    path.write_text(json.dumps(data))
    assert main(["report", str(path)]) == 2
    assert "Every priority is set to 0" in capsys.readouterr().err


def test_unwritable_out_exits_1(example_file, tmp_path, capsys):
    assert main(["report", str(example_file), "--out", str(tmp_path / "no" / "dir" / "x.csv")]) == 1
    assert "could not write" in capsys.readouterr().err


def test_installed_script_runs():
    exe = shutil.which("stay-or-go", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("the stay-or-go script is not installed in this environment: pip install -e .")
    done = subprocess.run([exe, "example"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert json.loads(done.stdout)["format"] == "stay-or-go/scenario"
    bad = subprocess.run([exe, "report", "/nonexistent.json"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stderr.startswith("stay-or-go: could not read")


def test_report_gives_the_robustness_figures(simple_file, capsys):
    """Flip worked out by hand in tests/test_app_robustness.py: Pay from 30% to 11.6%."""
    assert main(["report", str(simple_file), "--format", "json"]) == 0
    rob = json.loads(capsys.readouterr().out)["robustness"]
    assert rob["critical_weight_change"] == {
        "criterion": "Pay",
        "weight_now_pct": 30.0,
        "flips_at_pct": pytest.approx(11.58, abs=0.01),
        "then_first": "Initech platform team",
    }
    assert rob["draws"] == 10_000 and rob["seed"] == 2026
    assert sum(rob["probability_first"].values()) == pytest.approx(1.0, abs=1e-9)
    assert set(rob["probability_beats_staying"]) == {"Globex", "Initech platform team", "Umbrella Health"}
    assert main(["report", str(simple_file)]) == 0
    text = capsys.readouterr().out
    assert "Pay from 30.0% to 11.6% of the decision, and Initech platform team takes over." in text


def test_report_summary_is_markdown_with_the_ranking(example_file, capsys):
    assert main(["report", str(example_file), "--summary"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# ")
    assert "Globex" in out and "Beats staying" in out


def test_report_when_no_option_breaks_even(tmp_path, capsys):
    data = json.loads(scenario_to_json(example_scenario()))
    data["options"] = data["options"][:1]
    data["options"][0]["pay"]["base"] = 50_000
    path = tmp_path / "low.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["report", str(path)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("Globex ") and "never" in x)
    assert line.split()[-1] == "never"


def test_typed_names_stay_plain_in_text_json_and_csv_and_are_escaped_only_in_markdown(tmp_path, capsys):
    """Escaping belongs where text goes into Markdown: the text report, the JSON and the CSV carry
    names exactly as typed (the CSV with formulas neutralized), the Markdown summary escapes them."""
    from core.edits.editing import with_value
    from core.text import markdown_escape

    bold = "**Globex** [x](https://evil.example)"
    formula = '=HYPERLINK("https://evil.example","Umbrella")'
    s = with_value(simple_example(), ("options", "globex", "name"), bold)
    s = with_value(s, ("options", "umbrella_health", "name"), formula)
    path, out_csv = tmp_path / "s.json", tmp_path / "c.csv"
    path.write_text(scenario_to_json(s), encoding="utf-8")

    assert main(["report", str(path), "--out", str(out_csv)]) == 0
    text = capsys.readouterr().out
    assert f"{bold} beats staying by 1.9 points" in text
    assert "\\" not in text
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert [r["Option"] for r in rows] == ["Stay at Initech", bold, "Initech platform team", "'" + formula]

    assert main(["report", str(path), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["verdict"].startswith(f"{bold} beats staying")

    assert main(["report", str(path), "--summary"]) == 0
    summary = capsys.readouterr().out
    assert f"### {markdown_escape(bold)}: decide now" in summary
    assert bold not in summary


# Hostile files on the command line: a message on stderr, exit status 2, never a traceback ---------

# A sample of tests/hostile_inputs.py: every group, and the inputs that once crashed something.
CLI_HOSTILE = [
    "utf16-le-with-bom",
    "latin-1",
    "empty",
    "nul-bytes",
    "truncated",
    "json-list",
    "NaN",
    "1e999-overflows-to-inf",
    "integer-10**5000",
    "duplicate-nested-key",
    "100k-nested-arrays",
    "1M-element-option-list",
    "1-MB-rating-key",
    "version-missing",
    "null-everywhere",
    "terminal-escape-in-name",
    "lone-surrogate-in-name",
    "start-9999-12-31",
    "v1-options-is-a-number",
    "v1-huge-equity",
]


@pytest.mark.parametrize("case_id", CLI_HOSTILE)
def test_hostile_file_exits_2_with_a_message(tmp_path, capsys, case_id):
    case = next(h for h in HOSTILE_INPUTS if h.id == case_id)
    payload = case.build()
    path = tmp_path / "bad.json"
    path.write_bytes(payload if isinstance(payload, bytes) else payload.encode("utf-8", "surrogatepass"))
    assert main(["report", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"stay-or-go: {path}: ")
    assert "Traceback" not in err
    assert all(phrase in err for phrase in case.expect), err
    assert "\x1b" not in err


def test_a_50_mb_file_is_refused_by_its_size_without_being_read(tmp_path, capsys, monkeypatch):
    path = tmp_path / "huge.json"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB that take no disk
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("the file was opened"))
    assert main(["report", str(path)]) == 2
    assert "The file is 50.0 MB; a scenario file is at most 5 MB" in capsys.readouterr().err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_file_is_read_only_up_to_the_limit(capsys):
    """/dev/zero says its size is 0; the read stops one byte past the limit."""
    assert main(["report", "/dev/zero"]) == 2
    assert "5,242,881 bytes; a scenario file is at most 5 MB" in capsys.readouterr().err


def test_a_directory_is_not_a_file(tmp_path, capsys):
    assert main(["report", str(tmp_path)]) == 2
    assert "could not read" in capsys.readouterr().err


def test_emoji_names_print_on_a_terminal_that_is_not_utf8(tmp_path):
    """A name the terminal's encoding can't show is written as an escape, not a crash."""
    data = json.loads(scenario_to_json(example_scenario()))
    data["options"][0]["name"] = "Globex 🚀 東京"
    path = tmp_path / "emoji.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0", "LC_ALL": "C"}
    done = subprocess.run(
        [sys.executable, "-m", "core.cli", "report", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Globex \\U0001f680 \\u6771\\u4eac" in done.stdout
    assert "Traceback" not in done.stderr


def test_bad_file_through_the_installed_script_has_no_traceback(tmp_path):
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"format": "stay-or-go/scenario", "version": 2, "money": {"start": "9999-12-31"}}')
    exe = shutil.which("stay-or-go", path=str(Path(sys.executable).parent))
    assert exe is not None
    done = subprocess.run([exe, "report", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith(f"stay-or-go: {path}: The scenario has problems:")
    assert "Traceback" not in done.stderr


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated_files(), st.sampled_from([[], ["--format", "json"], ["--summary"]]))
def test_fuzz_report_on_mutated_files(tmp_path, capsys, payload, extra):
    """Mutated scenario files: a report (exit 0) or a message (exit 2), never an exception."""
    path = tmp_path / "fuzz.json"
    path.write_bytes(payload)
    status = main(["report", str(path), *extra])
    out, err = capsys.readouterr()
    assert status in (0, 2), err
    if status == 2:
        assert err.startswith("stay-or-go: ") and out == ""
    else:
        assert out and err == ""


# The saved scenarios: backup, restore, check, export-all, delete-all ------------------------------


def _db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'app' / 'scenarios.db'}"


def _thirty_edits(storage):
    from core.model.example import blank_scenario
    from core.storage.database import LOCAL_OWNER

    contents = [blank_scenario()]
    info = storage.create_scenario(LOCAL_OWNER, "Plan", contents[0])
    for v in range(1, 31):
        contents.append(blank_scenario().model_copy(update={"currency": f"C{v}"}))
        info = storage.save_by_id(LOCAL_OWNER, info.id, contents[-1], expected_version=v)
    return info, contents


def test_backup_while_the_app_runs_has_every_version_that_a_copy_of_the_file_misses(tmp_path, capsys):
    from core.storage.database import LOCAL_OWNER, Storage

    url = _db(tmp_path)
    app = Storage(url, history=50)  # the running app: its connection stays open
    info, contents = _thirty_edits(app)
    db = tmp_path / "app" / "scenarios.db"
    wal = db.with_name("scenarios.db-wal")
    assert wal.stat().st_size > 10 * db.stat().st_size  # the edits are in the write-ahead log

    copied = tmp_path / "copied.db"  # what copying the file alone gives
    shutil.copyfile(db, copied)
    with Storage(f"sqlite:///{copied}") as naive:
        assert naive.list(LOCAL_OWNER) == []

    backup = tmp_path / "backups" / "monday.db"
    backup.parent.mkdir()
    assert main(["backup", str(backup), "--db", url]) == 0
    assert f"Backed up 1 scenario (31 versions, 1 person) to {backup}" in capsys.readouterr().out
    assert backup.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in backup.parent.iterdir()) == ["monday.db"]  # one self-contained file

    with Storage(f"sqlite:///{backup}", history=50) as restored:
        assert restored.load_by_id(LOCAL_OWNER, info.id) == (contents[-1], info)
        versions = restored.versions_by_id(LOCAL_OWNER, info.id)
        assert [v.version for v in versions] == list(range(31, 0, -1))
        for v in range(1, 31):
            assert restored.load_version_by_id(LOCAL_OWNER, info.id, v) == contents[v - 1]
    app.close()


def test_restore_refuses_while_the_app_runs_and_works_once_it_has_stopped(tmp_path, capsys):
    from core.model.example import example_scenario
    from core.storage.database import LOCAL_OWNER, Storage

    url = _db(tmp_path)
    app = Storage(url, history=50)
    info, contents = _thirty_edits(app)
    backup = tmp_path / "backup.db"
    assert main(["backup", str(backup), "--db", url]) == 0
    later = app.create_scenario(LOCAL_OWNER, "Made after the backup", example_scenario())
    capsys.readouterr()

    assert main(["restore", str(backup), "--db", url]) == 1
    err = capsys.readouterr().err
    assert "Stay or Go is running on" in err and "Stop the app" in err and "Traceback" not in err
    assert app.info(LOCAL_OWNER, later.id) == later  # nothing was touched

    app.close()  # the app stops
    assert main(["restore", str(backup), "--db", url]) == 0
    out = capsys.readouterr().out
    assert f"Restored 1 scenario from {backup}" in out
    kept = Path(out.split("is kept at ")[1].strip().rstrip("."))
    with Storage(url, history=50) as after:
        assert [i.name for i in after.list(LOCAL_OWNER)] == ["Plan"]
        assert after.load_by_id(LOCAL_OWNER, info.id)[0] == contents[-1]
        assert len(after.versions_by_id(LOCAL_OWNER, info.id)) == 31
    with Storage(f"sqlite:///{kept}") as before:  # what was replaced is kept
        assert before.info(LOCAL_OWNER, later.id).name == "Made after the backup"


def test_the_app_is_told_when_it_starts_during_a_restore(tmp_path):
    import fcntl

    from core.storage.database import Storage
    from core.storage.errors import DatabaseInUse

    url = _db(tmp_path)
    Storage(url).close()
    lock = os.open(tmp_path / "app" / "scenarios.db.lock", os.O_RDWR)
    fcntl.flock(lock, fcntl.LOCK_EX)  # as restore holds it
    try:
        with pytest.raises(DatabaseInUse, match="being restored.*Wait until it has finished"):
            Storage(url)
    finally:
        os.close(lock)
    Storage(url).close()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"my notes, not a database" * 100), "not a Stay or Go database"),
        (lambda p: p.write_bytes(b""), "is empty"),
        (lambda p: p.mkdir(), "is not a file"),
        (
            lambda p: sqlite3.connect(p).execute("CREATE TABLE other (x)").connection.commit(),
            "not one of Stay or Go's saved scenarios",
        ),
    ],
)
def test_restore_checks_the_file_is_a_stay_or_go_database_first(tmp_path, capsys, make, message):
    from core.model.example import blank_scenario
    from core.storage.database import LOCAL_OWNER, Storage

    url = _db(tmp_path)
    with Storage(url) as s:
        s.create_scenario(LOCAL_OWNER, "Mine", blank_scenario())
    bad = tmp_path / "bad.db"
    make(bad)
    assert main(["restore", str(bad), "--db", url]) == 2
    err = capsys.readouterr().err
    assert message in err and "Nothing was restored" in err and "Traceback" not in err
    with Storage(url) as s:
        assert [i.name for i in s.list(LOCAL_OWNER)] == ["Mine"]


def test_restore_refuses_a_backup_from_a_newer_stay_or_go(tmp_path, capsys):
    from core.storage.database import Storage
    from core.storage.schema import SCHEMA_VERSION

    newer = tmp_path / "newer.db"
    Storage(f"sqlite:///{newer}").check()
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE stay_or_go_schema SET version = ?", (SCHEMA_VERSION + 1,))
    assert main(["restore", str(newer), "--db", _db(tmp_path)]) == 2
    assert "written by a newer Stay or Go" in capsys.readouterr().err


def test_backup_of_postgresql_says_pg_dump_is_the_tool(capsys):
    assert main(["backup", "x.db", "--db", "postgresql://u:secret@db.example/so"]) == 1
    err = capsys.readouterr().err
    assert "pg_dump" in err and "secret" not in err
    assert main(["restore", "x.db", "--db", "postgresql://u@db.example/so"]) == 1
    assert "pg_restore" in capsys.readouterr().err


def test_check_reads_and_writes_the_database_and_says_what_it_checked(tmp_path, capsys):
    from core.model.example import blank_scenario
    from core.storage.database import LOCAL_OWNER, Storage

    url = _db(tmp_path)
    with Storage(url) as s:
        s.create_scenario(LOCAL_OWNER, "Mine", blank_scenario())
        s.create_scenario("ann@example.com", "Hers", blank_scenario())
    assert main(["check", "--db", url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"database: {tmp_path / 'app' / 'scenarios.db'}"
    assert "read: 2 saved scenarios (2 people)" in out
    assert "write: allowed (a change made and rolled back)" in out
    assert out[-1] == "ready"


def test_check_fails_with_the_reason_when_the_database_is_not_ready(tmp_path, capsys):
    (tmp_path / "dir.db").mkdir()  # SQLite can't open a folder
    assert main(["check", "--db", f"sqlite:///{tmp_path / 'dir.db'}"]) == 1
    captured = capsys.readouterr()
    assert "ready" not in captured.out
    assert captured.err == f"not ready: {tmp_path / 'dir.db'}: unable to open database file\n"
    assert main(["check", "--db", "postgresql://nobody@127.0.0.1:1/x"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("not ready: postgresql+psycopg://nobody@127.0.0.1:1/x: connection failed")
    assert "Connection refused" in err


def test_export_all_and_delete_all_on_the_command_line(tmp_path, capsys):
    from core.model.example import blank_scenario, example_scenario
    from core.storage.database import LOCAL_OWNER, Storage

    url = _db(tmp_path)
    with Storage(url) as s:
        s.create_scenario(LOCAL_OWNER, "Mine", example_scenario())
        s.create_scenario("ann@example.com", "Hers", blank_scenario())
    out = tmp_path / "all.json"
    assert main(["export-all", str(out), "--db", url]) == 0
    assert "Exported 1 scenario of 'local'" in capsys.readouterr().out
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert [s["name"] for s in exported["scenarios"]] == ["Mine"]
    assert exported["scenarios"][0]["scenario"] == json.loads(scenario_to_json(example_scenario()))
    assert out.stat().st_mode & 0o777 == 0o600

    assert main(["delete-all", "--owner", "ann@example.com", "--db", url]) == 2
    assert "add --yes" in capsys.readouterr().err
    assert main(["delete-all", "--owner", "ann@example.com", "--yes", "--db", url]) == 0
    assert "Removed 1 scenario of 'ann@example.com'" in capsys.readouterr().out
    with Storage(url) as s:
        assert s.list("ann@example.com") == [] and [i.name for i in s.list(LOCAL_OWNER)] == ["Mine"]
    assert main(["delete-all", "--owner", "", "--yes", "--db", url]) == 2
    assert "need an owner" in capsys.readouterr().err


def test_report_text_rounds_money_half_away_from_zero_as_the_app_does(tmp_path, capsys):
    """208,262.5 a year shows as 208,263 here and on screen (Python's round-half-even made it
    208,262 in the text report and 208,263 in the app)."""
    scenario = simple_example()
    globex = next(o for o in scenario.options if o.name == "Globex")
    data = scenario.model_dump(mode="json")
    for o in data["options"]:
        if o["id"] == globex.id:
            o["pay"]["base"] = 208_262.5
    path = tmp_path / "half.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["report", str(path)]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("Globex ") and "behind" in line)
    assert line.split()[1:3] == ["208,263", "208,263"]


def test_report_carries_tax_conversions_cost_of_leaving_and_what_it_takes(example_file, capsys, tmp_path):
    """The JSON report has what the Money pages compute; the text ends with what it would take;
    the year-by-year CSV has each year's tax beside the money."""
    assert main(["report", str(example_file), "--format", "json"]) == 0
    money = json.loads(capsys.readouterr().out)["money"]
    assert money["cost_of_leaving"]["before_tax"]["total"] == pytest.approx(16_500)
    assert {a["question"] for a in money["what_it_takes"]} >= {"base to tie staying", "raise to stay"}
    assert all(a["checked"] for a in money["what_it_takes"] if a["amount"] is not None)
    assert money["tax"][0]["Total tax"] == pytest.approx(29_330)
    assert money["conversions"] == [] and money["tax_worked_out"] == []
    assert main(["report", str(example_file)]) == 0
    assert "What it would take (to the dollar, checked on the model):" in capsys.readouterr().out
    out = tmp_path / "years.csv"
    assert main(["report", str(example_file), "--years", str(out)]) == 0
    first = next(csv.DictReader(out.open(encoding="utf-8")))
    assert float(first["Total tax ($)"]) == pytest.approx(29_330)


def test_report_says_what_to_enter_when_the_tax_library_cannot(tmp_path, capsys):
    data = json.loads(scenario_to_json(example_scenario()))
    data["current"]["pay"] |= {"tax_mode": "worked out", "tax_state": "IL", "tax_later_years": "latest law"}
    path = tmp_path / "il.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["report", str(path)]) == 2
    assert "cannot work out Illinois income tax" in capsys.readouterr().err


def _report_json(tmp_path, capsys, scenario) -> dict:
    path = tmp_path / "s.json"
    path.write_text(scenario_to_json(scenario), encoding="utf-8")
    assert main(["report", str(path), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_report_json_has_the_flip_table_as_how_sure_shows_it(tmp_path, capsys):
    """Per criterion, the weights between which the top option stays first, and who takes over
    past each end: at each finite end, re-weighting by hand puts the two options level."""
    from core.decision.sensitivity import reweighted, sensitivity_for

    s = simple_example()
    table = _report_json(tmp_path, capsys, s)["robustness"]["flip_table"]
    comparison = compare(s)
    sens = sensitivity_for(comparison)
    assert [row["criterion"] for row in table] == [c.name for c in comparison.criteria]
    pay = table[0]
    assert pay["first_now"] == "Globex" and pay["weight_now_pct"] == 30.0
    assert pay["stays_first_from_pct"] == round(100 * sens.top_low[0], 2)
    assert pay["stays_first_to_pct"] == 100.0 and pay["above_that_first"] is None
    # At the lower end Globex and the option named to take over are level.
    taker = [a.label for a in comparison.alternatives].index(pay["below_that_first"])
    w = reweighted(comparison.weights, 0, pay["stays_first_from_pct"] / 100)
    totals = comparison.scores @ w
    assert totals[1] == pytest.approx(totals[taker], abs=0.01)


def test_report_json_has_rank_acceptability_and_central_weights(tmp_path, capsys):
    from core.decision.uncertainty import analyse

    s = simple_example()
    robustness = _report_json(tmp_path, capsys, s)["robustness"]
    result = analyse(s, compare(s))  # seeded: the same draws
    ranks = robustness["rank_acceptability"]
    assert set(ranks) == {"Stay at Initech", "Globex", "Initech platform team", "Umbrella Health"}
    for label, shares in ranks.items():
        assert sum(shares) == pytest.approx(1, abs=1e-3)  # every option has some rank in each draw
        assert shares[0] == robustness["probability_first"][label]
    assert ranks["Globex"] == [round(float(x), 4) for x in result.rank_acceptability[1]]
    central = robustness["central_weights"]
    first_ever = [label for label, shares in ranks.items() if shares[0] > 0]
    for label in first_ever:
        assert sum(central[label].values()) == pytest.approx(1, abs=1e-3)
    assert all(central[label] is None for label in ranks if label not in first_ever)


def test_report_json_has_ahp_weights_and_consistency_when_judgements_exist(tmp_path, capsys):
    """Judgements that all agree with the weights 30/10/20/15/20/5 (each a|b = w_a / w_b) give
    those weights back exactly, with a consistency ratio of 0."""
    s = simple_example()
    assert _report_json(tmp_path, capsys, s)["robustness"]["ahp"] is None
    w = {"pay": 30, "title": 10, "work_life": 20, "culture": 15, "growth": 20, "mission": 5}
    ids = [c.id for c in s.criteria]
    pairs = {f"{a}|{b}": w[a] / w[b] for i, a in enumerate(ids) for b in ids[i + 1 :]}
    ahp = _report_json(tmp_path, capsys, s.model_copy(update={"pairwise": pairs}))["robustness"]["ahp"]
    names = {c.id: c.name for c in s.criteria}
    assert ahp["weights"] == {names[k]: pytest.approx(v / 100, abs=1e-4) for k, v in w.items()}
    assert ahp["consistency_ratio"] == pytest.approx(0, abs=1e-4) and ahp["consistent"] is True


def test_report_json_has_worked_out_tax_and_conversions(tmp_path, capsys):
    """Staying pays a flat $100,000 in Texas, single, 2025 law: 21,105 of tax (tests/test_tax.py
    works it out); Globex pays in pounds, converted at the ECB's rate on the start day."""
    from core.edits.editing import with_values
    from core.money.currency import exchange_rate

    s = with_values(
        simple_example(),
        [
            (("current", "pay", "base"), 100_000.0),
            (("current", "pay", "tax_mode"), "worked out"),
            (("current", "pay", "tax_state"), "TX"),
            (("current", "pay", "tax_later_years"), "latest law"),
            (("options", "globex", "currency"), "GBP"),
        ],
    )
    money = _report_json(tmp_path, capsys, s)["money"]
    staying = money["tax_worked_out"][0]
    assert (staying["option"], staying["year_of_projection"], staying["law_year"]) == (
        "Stay at Initech",
        1,
        2025,
    )
    assert staying["wages"] == 100_000 and staying["total_tax"] == pytest.approx(21_105, abs=1)
    rate = exchange_rate("GBP", "USD", s.money.start)
    (conversion,) = money["conversions"]
    assert (conversion["job"], conversion["from"], conversion["to"]) == ("globex", "GBP", "USD")
    assert conversion["rate"] == rate.rate and conversion["date"] == rate.on.isoformat()
    assert conversion["shown"] == rate.label
    assert money["comparison_currency"] == "USD"
    globex_year_1 = next(r for r in money["tax"] if r["Option"] == "Globex" and r["Year"] == 1)
    assert globex_year_1["Wages"] == pytest.approx(140_000 * rate.rate, abs=0.01)


def test_report_writes_a_score_below_staying_with_a_plain_minus(tmp_path, capsys):
    """The page and the summary write "−1.0"; the command line's report keeps the ASCII "-" it always had, which
    a terminal or a script reading it takes in any encoding. Only work-life balance counts here, and a rating is
    its own score: staying 7, Initech platform team 7, Umbrella Health 6, Globex 5."""
    scenario = simple_example()
    criteria = [
        c.model_copy(update={"weight": 100.0 if c.id == "work_life" else 0.0}) for c in scenario.criteria
    ]
    path = tmp_path / "work_life.json"
    path.write_text(scenario_to_json(scenario.model_copy(update={"criteria": criteria})), encoding="utf-8")
    assert main(["report", str(path)]) == 0
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines()[3:7]]
    assert rows[2][-2:] == ["6.0", "-1.0"] and rows[2][1:3] == ["Umbrella", "Health"]
    assert rows[3] == ["4", "Globex", "5.0", "-2.0"]
    assert "−" not in out


def test_report_into_a_closed_pipe_stops_without_a_traceback(example_file):
    """`stay-or-go report x.json | head -1`: the reader leaves after one line; the report stops quietly."""
    exe = shutil.which("stay-or-go", path=str(Path(sys.executable).parent))
    assert exe is not None
    done = subprocess.run(
        f"'{exe}' report '{example_file}' | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout == "Example: d"
    assert done.stderr == ""
