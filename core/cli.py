"""`stay-or-go`: the comparison without a browser.

    stay-or-go example [--out FILE.json]        write the example scenario
    stay-or-go report SCENARIO.json             print the ranking
        [--out FILE.csv]                        also write the comparison CSV (same as the app's)
        [--format text|json]                    text for people, json for programs
        [--summary]                             print the decision summary (Markdown) instead

Problems go to stderr with exit status 2 (bad input) or 1 (could not write).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from core.advice import decision_summary
from core.compensation import project
from core.example import example_scenario
from core.io import (
    MAX_SCENARIO_BYTES,
    ScenarioFileError,
    check_scenario_size,
    comparison_csv,
    comparison_records,
    safe_csv,
    scenario_from_json,
    scenario_to_json,
)
from core.scoring import ScenarioNotReady, compare, format_points, format_score, verdict
from core.uncertainty import analyse, probabilities, robustness_report


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
    return p


def main(argv: list[str] | None = None) -> int:
    _printable_anywhere()
    args = _parser().parse_args(argv)
    if args.command == "example":
        return _write(args.out, scenario_to_json(example_scenario()))
    return _report(args)


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
    except (ScenarioFileError, ScenarioNotReady) as e:
        return _fail(f"{args.scenario}: {e}")
    if args.out is not None:
        status = _write(args.out, comparison_csv(comparison))
        if status:
            return status
    if args.years is not None:
        status = _write(args.years, safe_csv(project(scenario).yearly_table()))
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
        }
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return 0
    sys.stdout.write(_text_report(scenario.name, comparison, robustness))
    return 0


def _text_report(name: str, comparison, robustness: dict) -> str:
    width = max(len(label) for label in comparison.labels)
    lines = [name, "", f"{'Rank':<6}{'Option':<{width + 2}}{'Score':>6}  {'Vs staying':>10}"]
    for i in comparison.order:
        rank = f"{comparison.ranks[i]}{'=' if comparison.tied_with(i) else ''}"
        diff = comparison.diff_vs_staying[i]
        vs = "—" if i == 0 else f"{'+' if diff >= 0 else '-'}{format_points(diff)}"
        lines.append(
            f"{rank:<6}{comparison.labels[i]:<{width + 2}}{format_score(comparison.totals[i]):>6}  {vs:>10}"
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
        for i in comparison.order:
            row = money.iloc[i]
            be = row["Break-even month"]
            if i == 0:
                be_text = "—"
            elif not pd.isna(be):
                be_text = f"month {int(be)}"
            else:  # "never behind staying" or "not within N years"
                be_text = "not behind" if row["Break-even"].startswith("never") else "never"
            lines.append(
                f"{comparison.labels[i]:<{width + 2}}{row['Year 1']:>12,.0f}{row['Average year']:>14,.0f}"
                f"{row['Guaranteed per year']:>12,.0f}{row['At risk per year']:>10,.0f}{be_text:>12}"
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
    for i in comparison.order:
        label = comparison.labels[i]
        beats = "—" if i == 0 else f"{100 * robustness['probability_beats_staying'][label]:.1f}%"
        lines.append(f"{label:<{width + 2}}{100 * robustness['probability_first'][label]:>9.1f}%{beats:>18}")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
