"""Plausibility warnings: figures allowed but probably mistyped, named and asked about."""

from __future__ import annotations

from datetime import date

import pytest

from core.edits.editing import with_value
from core.money.plausibility import pay_warnings
from tests.scenarios import simple_example

TODAY = date(2026, 12, 1)
GRANT = {"label": "RSUs", "value": 40_000.0, "vesting_start": None}

# (edits to the simple example, job, field, expected warning or None). The simple example's bases:
# current 112,000; Globex 140,000; Initech platform team 118,000; Umbrella Health 116,000. The
# middle value (median) counts the job itself: with Globex at 22,500 it is (112,000 + 116,000) / 2.
CASES = [
    ([], "current", "base", None),
    (
        [(("current", "pay", "base"), 185.0)],
        "current",
        "base",
        "A base salary of $185 a year is very low: did you mean $185,000? Write the whole yearly "
        "amount, not thousands.",
    ),
    (  # not under 1,000, but far from the others
        [(("current", "pay", "base"), 1_000.0)],
        "current",
        "base",
        "A base salary of $1,000 a year is far from the other jobs' (their middle value is "
        "$117,000): is it the whole yearly amount?",
    ),
    ([(("current", "pay", "base"), 0.0)], "current", "base", None),  # not entered: the page says so
    (
        [(("options", "globex", "pay", "base"), 2_250_000.0)],
        "globex",
        "base",
        "A base salary of $2,250,000 a year is far from the other jobs' (their middle value is "
        "$117,000): is it the whole yearly amount?",
    ),
    (
        [(("options", "globex", "pay", "base"), 22_500.0)],
        "globex",
        "base",
        "A base salary of $22,500 a year is far from the other jobs' (their middle value is "
        "$114,000): is it the whole yearly amount?",
    ),
    ([(("options", "globex", "pay", "base"), 500_000.0)], "globex", "base", None),  # under 5x
    (
        [(("options", "globex", "pay", "bonus_target_pct"), 150.0)],
        "globex",
        "bonus_target_pct",
        "A bonus target of 150% of base is more than the base salary itself: is that right? Write "
        "the target as a percentage of base (15 for 15%).",
    ),
    ([(("options", "globex", "pay", "bonus_target_pct"), 100.0)], "globex", "bonus_target_pct", None),
    (
        [(("current", "pay", "tax_rate_pct"), 0.34)],
        "current",
        "tax_rate_pct",
        "A tax rate of 0.34% is very low: did you mean 34%? Write it as a percentage (34 for 34%).",
    ),
    ([(("current", "pay", "tax_rate_pct"), 1.0)], "current", "tax_rate_pct", None),
    ([(("current", "pay", "tax_rate_pct"), 0.0)], "current", "tax_rate_pct", None),  # not entered
    (
        [(("current", "pay", "base"), 0.0), (("current", "pay", "tax_rate_pct"), 0.34)],
        "current",
        "tax_rate_pct",
        None,  # no pay entered yet
    ),
    (
        [(("current", "pay", "grants"), [{**GRANT, "vesting_start": date(2027, 3, 1)}])],
        "current",
        "grants",
        "'RSUs' starts vesting on 1 Mar 2027, after today: a grant you hold already has usually "
        "started vesting. Is the date right?",
    ),
    (
        [(("current", "pay", "grants"), [{**GRANT, "vesting_start": date(2025, 3, 1)}])],
        "current",
        "grants",
        None,
    ),
    ([(("current", "pay", "grants"), [GRANT])], "current", "grants", None),
    (  # an offer's grant starts when you join: the future is expected
        [(("options", "globex", "pay", "grants"), [{**GRANT, "vesting_start": date(2027, 3, 1)}])],
        "globex",
        "grants",
        None,
    ),
]


@pytest.mark.parametrize(("edits", "job", "field", "expected"), CASES)
def test_pay_warnings(edits, job, field, expected):
    scenario = simple_example()
    for path, value in edits:
        scenario = with_value(scenario, path, value)
    found = pay_warnings(scenario, job, TODAY)
    assert found.get(field, [None]) == [expected]


def test_a_lone_job_has_nothing_to_be_far_from():
    scenario = simple_example()
    for o in scenario.options:
        scenario = with_value(scenario, ("options", o.id, "pay", "base"), 0.0)
    scenario = with_value(scenario, ("current", "pay", "base"), 9_000_000.0)
    assert pay_warnings(scenario, "current", TODAY) == {}
