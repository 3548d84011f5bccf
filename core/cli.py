"""`stay-or-go`: the comparison without a browser.

    stay-or-go example [--out FILE.json]        write the example scenario
    stay-or-go report SCENARIO.json             print the ranking
        [--out FILE.csv]                        also write the comparison CSV (same as the app's)
        [--format text|json]                    text for people, json for programs
        [--summary]                             print the decision summary (Markdown) instead

The saved scenarios (the database of `STAY_OR_GO_DB_URL`, else the local SQLite file; `--db URL`
to give another):

    stay-or-go check                            read and write the database: the readiness probe
    stay-or-go backup FILE                      a consistent copy of the SQLite file, app running
    stay-or-go restore FILE                     replace the SQLite file with a backup (app stopped)
    stay-or-go export-all FILE [--owner local]  one person's scenarios as one JSON file
    stay-or-go delete-all --owner OWNER --yes   remove one person's scenarios for good

Problems go to stderr with exit status 2 (bad input) or 1 (could not read or write, or the
database is not ready).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from core.decision.matrix import DecisionMatrix
from core.decision.scoring import ScenarioNotReady, compare, ranking, verdict
from core.decision.uncertainty import analyse, probabilities, robustness_report
from core.decision.what_it_takes import what_it_takes
from core.files.scenario_json import (
    MAX_SCENARIO_BYTES,
    ScenarioFileError,
    check_scenario_size,
    scenario_from_json,
    scenario_to_json,
)
from core.model.example import example_scenario
from core.money.compensation import project
from core.process.summary import decision_summary
from core.report import comparison_csv, comparison_records, years_csv
from core.shown import whole


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="stay-or-go",
        description="Compare staying in your job with the offers in front of you.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("example", help="write the example scenario as JSON")
    ex.add_argument("--out", type=Path, help="file to write (default: standard output)")
    rep = sub.add_parser("report", help="rank the options in a scenario file")
    rep.add_argument("scenario", type=Path, help="scenario JSON file (from the app or `example`)")
    rep.add_argument("--out", type=Path, help="also write the comparison CSV to this file")
    rep.add_argument("--years", type=Path, help="also write the year-by-year money CSV to this file")
    rep.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    rep.add_argument(
        "--summary",
        action="store_true",
        help="print the decision summary in Markdown (ranking, advice per process, pros and cons)",
    )
    _database_commands(sub)
    return p


def _database_commands(sub: argparse._SubParsersAction) -> None:
    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        parser = sub.add_parser(name, help=help_text, description=help_text)
        parser.add_argument(
            "--db",
            metavar="URL",
            help="the database (default: STAY_OR_GO_DB_URL, else the SQLite file in your data folder)",
        )
        return parser

    command("check", "check the saved scenarios' database answers, reading and writing (exit 0: ready)")
    backup = command("backup", "write a consistent copy of the SQLite database, even while the app runs")
    backup.add_argument("file", type=Path, help="the backup file to write")
    restore = command("restore", "replace the SQLite database with a backup (stop the app first)")
    restore.add_argument("file", type=Path, help="a file `stay-or-go backup` wrote")
    export = command("export-all", "write all of one person's saved scenarios to one JSON file")
    export.add_argument("file", type=Path, help="the JSON file to write")
    export.add_argument("--owner", default="local", help="whose scenarios (default: local)")
    remove = command("delete-all", "remove all of one person's saved scenarios for good")
    remove.add_argument("--owner", required=True, help="whose scenarios ('local' in the local app)")
    remove.add_argument("--yes", action="store_true", help="yes, remove them: this can't be undone")


def main(argv: list[str] | None = None) -> int:
    _printable_anywhere()
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except BrokenPipeError:
        # The reader went away (`stay-or-go report x.json | head`): stop quietly, as other tools do, instead of
        # a traceback. Python would report the pipe again when it flushes stdout at exit, so point it elsewhere.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError, io.UnsupportedOperation):
            pass
        return 1


def _run(args: argparse.Namespace) -> int:
    if args.command == "example":
        return _write(args.out, scenario_to_json(example_scenario()))
    if args.command == "report":
        return _report(args)
    return _database(args)


def _database(args: argparse.Namespace) -> int:
    """The commands on the saved scenarios. Imported here: `report` needs no database driver."""
    from core.storage import backup
    from core.storage.database import Storage
    from core.storage.errors import StorageError
    from core.storage.location import default_url

    url = args.db or default_url()
    try:
        if args.command == "backup":
            summary = backup.backup_database(url, args.file)
            print(
                f"Backed up {_count(summary.scenarios, 'scenario')} ({_count(summary.versions, 'version')}, "
                f"{_count(summary.owners, 'person', 'people')}) to {summary.path}."
            )
            return 0
        if args.command == "restore":
            try:
                restored = backup.restore_database(url, args.file)
            except backup.NotABackup as error:
                return _fail(f"{error} Nothing was restored.")
            print(f"Restored {_count(restored.summary.scenarios, 'scenario')} from {args.file}.")
            if restored.previous is not None:
                print(f"The database it replaced is kept at {restored.previous}.")
            return 0
        if args.command == "delete-all" and not args.yes:
            return _fail(
                f"delete-all removes every scenario of {args.owner!r}, with its history and deleted "
                "ones, for good. Run `stay-or-go export-all FILE --owner ...` first to keep a copy, "
                "then add --yes."
            )
        with Storage(url) as storage:
            if args.command == "check":
                for line in storage.check():
                    print(line)
                print("ready")
                return 0
            if args.command == "export-all":
                exported = storage.export_all(args.owner)
                text = json.dumps(exported, indent=2, ensure_ascii=False) + "\n"
                status = _write_private(args.file, text)
                if status == 0:
                    print(
                        f"Exported {_count(len(exported['scenarios']), 'scenario')} of {args.owner!r} to {args.file}."
                    )
                return status
            removed = storage.delete_all(args.owner)
            print(f"Removed {_count(removed, 'scenario')} of {args.owner!r}, with their history.")
            return 0
    except ValueError as error:  # an owner that can't be one, a URL that is not one
        return _fail(str(error))
    except StorageError as error:
        if args.command == "check":
            print(f"not ready: {error}", file=sys.stderr)
            return 1
        return _fail(str(error), 1)


def _printable_anywhere() -> None:
    """A name with an emoji must not crash the report on a terminal (or a pipe) that is not UTF-8:
    what the terminal's encoding can't show is written as an escape instead."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _fail(message: str, status: int = 2) -> int:
    print(f"stay-or-go: {message}", file=sys.stderr)
    return status


def _write(path: Path | None, text: str) -> int:
    if path is None:
        sys.stdout.write(text)
        return 0
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        return _fail(f"could not write {path}: {e.strerror or e}", 1)
    return 0


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _write_private(path: Path, text: str) -> int:
    """Write `text` to a file only this user can read (it holds salary details)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as e:
        return _fail(f"could not write {path}: {e.strerror or e}", 1)
    return 0


def _report(args: argparse.Namespace) -> int:
    try:
        # The size is checked before reading, and the read is bounded too (a device or a file that
        # grows reports a size of its own).
        check_scenario_size(args.scenario.stat().st_size)
        with args.scenario.open("rb") as f:
            data = f.read(MAX_SCENARIO_BYTES + 1)
    except OSError as e:
        return _fail(f"could not read {args.scenario}: {e.strerror or e}")
    except ScenarioFileError as e:
        return _fail(f"{args.scenario}: {e}")
    try:
        scenario = scenario_from_json(data)
        comparison = compare(scenario)
        projection = project(scenario)
    except (ScenarioFileError, ScenarioNotReady) as e:
        return _fail(f"{args.scenario}: {e}")
    except ValueError as e:  # TaxNotCovered, RateMissing: what to enter instead
        return _fail(f"{args.scenario}: {e}")
    if args.out is not None:
        status = _write(args.out, comparison_csv(comparison))
        if status:
            return status
    if args.years is not None:
        status = _write(args.years, years_csv(projection.yearly_table_with_tax(), scenario.currency))
        if status:
            return status
    robustness = robustness_report(scenario, comparison)
    if args.summary:
        p_beats, p_first = probabilities(comparison, analyse(scenario, comparison))
        sys.stdout.write(decision_summary(scenario, date.today(), p_beats_staying=p_beats, p_first=p_first))
        return 0
    if args.format == "json":
        payload = {
            "scenario": scenario.name,
            "verdict": verdict(comparison),
            "options": comparison_records(comparison),
            "robustness": robustness,
            "money": money_report(scenario, projection),
        }
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return 0
    sys.stdout.write(_text_report(scenario.name, comparison, robustness))
    sys.stdout.write(_what_it_takes_text(scenario))
    return 0


def money_report(scenario, projection) -> dict:
    """What the Money pages compute, for `report --format json` (docs/report-format.md): the cost
    of leaving at the leave month, the tax per path, year and job, the exchange rates used, and
    what it would take."""
    forfeit = projection.forfeit
    return {
        "currency": scenario.currency,
        "comparison_currency": scenario.comparison_currency,
        "leave_month": projection.leave_month,
        "cost_of_leaving": {
            "before_tax": {
                "equity": round(forfeit.equity, 2),
                "match": round(forfeit.match, 2),
                "clawback": round(forfeit.clawback, 2),
                "total": round(forfeit.total, 2),
            },
            "after_tax_and_cost_of_living": round(forfeit.total_after_tax, 2),
        },
        "tax": json.loads(projection.tax_table().to_json(orient="records")),
        "tax_worked_out": [
            {"option": t.path, "year_of_projection": t.year, "job": t.job, **t.breakdown.as_dict()}
            for t in projection.tax_breakdown
        ],
        "conversions": [
            {"job": key, **rate.as_dict(), "shown": rate.label} for key, rate in projection.rates
        ],
        "what_it_takes": [answer.as_dict() for answer in what_it_takes(scenario)],
    }


def _what_it_takes_text(scenario) -> str:
    unit = "dollar" if scenario.comparison_currency == "USD" else "whole unit of each job's currency"
    lines = [f"What it would take (to the {unit}, checked on the model):"]
    lines += [f"- {answer.text}" for answer in what_it_takes(scenario)]
    return "\n".join(lines) + "\n\n"


def _text_report(name: str, comparison: DecisionMatrix, robustness: dict) -> str:
    rows = ranking(comparison, minus="-")  # as the report always wrote it
    width = max(len(a.label) for a in comparison.alternatives)
    lines = [name, "", f"{'Rank':<6}{'Option':<{width + 2}}{'Score':>6}  {'Vs staying':>10}"]
    for r in rows:
        lines.append(
            f"{r.rank:<6}{r.standing.alternative.label:<{width + 2}}{r.score:>6}  {r.vs_staying:>10}"
        )
    lines += ["", verdict(comparison), "Scores are out of 10; '=' marks a tie.", ""]
    if comparison.money is not None:
        money = comparison.money
        cur = comparison.currency
        lines += [
            f"Money, after tax and cost of living, taking each option now ({cur}):",
            f"{'Option':<{width + 2}}{'Year 1':>12}{'Average year':>14}{'Guaranteed':>12}{'At risk':>10}"
            f"{'Break-even':>12}",
        ]
        for r in rows:
            row = money.iloc[r.standing.row]
            be = row["Break-even month"]
            if r.standing.alternative.is_staying:
                be_text = "—"
            elif not pd.isna(be):
                be_text = f"month {int(be)}"
            else:  # "never behind staying" or "not within N years"
                be_text = "not behind" if row["Break-even"].startswith("never") else "never"
            lines.append(
                f"{r.standing.alternative.label:<{width + 2}}{whole(row['Year 1']):>12}"
                f"{whole(row['Average year']):>14}{whole(row['Guaranteed per year']):>12}"
                f"{whole(row['At risk per year']):>10}{be_text:>12}"
            )
        lines.append("")
    lines += [
        "How sure:",
        robustness["top_flip"],
        robustness["offer_flip"],
        f"With ratings and weights uncertain ({robustness['draws']:,} draws, seed {robustness['seed']}, "
        f"weights {robustness['weight_mode']}):",
        f"{'Option':<{width + 2}}{'First in':>10}{'Beats staying in':>18}",
    ]
    for r in rows:
        label = r.standing.alternative.label
        beats = (
            "—"
            if r.standing.alternative.is_staying
            else f"{100 * robustness['probability_beats_staying'][label]:.1f}%"
        )
        lines.append(f"{label:<{width + 2}}{100 * robustness['probability_first'][label]:>9.1f}%{beats:>18}")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
