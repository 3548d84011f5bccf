"""Scenarios whose numbers can be worked out by hand."""

from __future__ import annotations

from core.model.example import example_scenario
from core.model.scenario import Pay, Scenario

# Yearly pay of the example's jobs in the simple form: base only, no raise, no tax.
SIMPLE_PAY = {"current": 112_000, "globex": 140_000, "initech_platform": 118_000, "umbrella_health": 116_000}


def simple_example() -> Scenario:
    """The example with each job's pay reduced to one flat yearly amount, so the pay measure (an
    average year after tax and cost of living) is exactly that amount."""
    s = example_scenario()
    current = s.current.model_copy(update={"pay": Pay(base=SIMPLE_PAY["current"], raise_pct=0)})
    options = [o.model_copy(update={"pay": Pay(base=SIMPLE_PAY[o.id], raise_pct=0)}) for o in s.options]
    return s.model_copy(update={"current": current, "options": options})
