"""The decision matrix (core.decision.matrix): staying put is found by its label, never by its position."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.decision.matrix import DecisionMatrix
from core.decision.scoring import compare, explain_option, ranking, verdict
from core.decision.sensitivity import sensitivity_for
from core.model.scenario import STAYING_ID, Alternative, Criterion
from tests.scenarios import simple_example

STAY = Alternative(STAYING_ID, "Stay", "current role")
GLOBEX = Alternative("globex", "Globex", "external offer")
HOOLI = Alternative("hooli", "Hooli", "external offer")
CRITERIA = (
    Criterion(id="pay", name="Pay", kind="pay", weight=30),
    Criterion(id="growth", name="Growth", weight=10),
)


def _matrix(alternatives, scores) -> DecisionMatrix:
    scores = np.array(scores, dtype=float)
    return DecisionMatrix(tuple(alternatives), CRITERIA, raw=scores, scores=scores, currency="USD")


def test_worked_example_with_staying_last():
    """Weights 30 and 10 are 0.75 and 0.25. Globex: 0.75 x 6 + 0.25 x 8 = 6.5; Hooli: 0.75 x 4 +
    0.25 x 10 = 5.5; staying, in the last row: 0.75 x 5 + 0.25 x 4 = 4.75."""
    m = _matrix([GLOBEX, HOOLI, STAY], [[6, 8], [4, 10], [5, 4]])
    assert m.staying == 2
    assert m.totals.tolist() == [6.5, 5.5, 4.75]
    assert m.diff_vs_staying.tolist() == [1.75, 0.75, 0.0]
    assert m.contribution_vs_staying[0].tolist() == [0.75, 1.0]
    assert m.option_rows == [0, 1]
    assert m.options_best_first == [0, 1]
    assert [r.vs_staying for r in ranking(m)] == ["+1.8", "+0.8", "—"]
    assert verdict(m) == "Globex beats staying by 1.8 points, driven by growth and pay."


def test_staying_ahead_is_said_wherever_its_row_is():
    m = _matrix([GLOBEX, STAY], [[4, 4], [5, 5]])
    assert m.options_best_first == [0]
    assert verdict(m).startswith("Staying comes out on top. The closest option: Globex falls short")
    assert explain_option(m, 0) == "Globex falls short of staying by 1.0 points, mostly on pay and growth."


def test_a_tie_puts_staying_first_among_equals_wherever_its_row_is():
    m = _matrix([GLOBEX, STAY], [[5, 5], [5, 5]])
    assert m.order == [1, 0]
    assert [(s.alternative.label, s.rank, s.tied) for s in m.standings()] == [
        ("Stay", 1, True),
        ("Globex", 1, True),
    ]
    assert [r.rank for r in ranking(m)] == ["1=", "1="]


@given(st.permutations(range(3)), st.lists(st.integers(0, 10), min_size=6, max_size=6))
def test_the_rows_order_changes_no_alternatives_figures(order, flat):
    """Each alternative's total, rank and difference from staying depend on it, not on its row."""
    alternatives = [STAY, GLOBEX, HOOLI]
    scores = np.array(flat, dtype=float).reshape(3, 2)
    first = _matrix(alternatives, scores)
    moved = _matrix([alternatives[i] for i in order], scores[list(order)])
    for i, a in enumerate(alternatives):
        j = moved.row_of(a.id)
        assert moved.totals[j] == pytest.approx(first.totals[i])
        assert moved.diff_vs_staying[j] == pytest.approx(first.diff_vs_staying[i])
        assert moved.ranks[j] == first.ranks[i]


def test_a_matrix_without_staying_or_with_it_twice_is_refused():
    with pytest.raises(ValueError, match="staying put exactly once"):
        _matrix([GLOBEX, HOOLI], [[1, 1], [2, 2]])
    with pytest.raises(ValueError, match="staying put exactly once"):
        _matrix([STAY, STAY], [[1, 1], [2, 2]])
    with pytest.raises(ValueError, match="alternatives x criteria"):
        _matrix([STAY, GLOBEX], [[1, 1, 1], [2, 2, 2]])


def test_the_matrix_is_read_only():
    m = compare(simple_example())
    with pytest.raises(ValueError):
        m.scores[0, 0] = 1.0
    with pytest.raises(ValueError):
        m.totals[0] = 1.0


def test_the_methods_refuse_a_matrix_whose_first_row_is_not_staying():
    """core.decision.methods read row 0 as staying: they say so instead of answering wrongly."""
    m = _matrix([GLOBEX, STAY], [[6, 8], [5, 4]])
    with pytest.raises(ValueError, match="first row"):
        sensitivity_for(m)


def test_a_scenarios_alternatives_are_staying_then_the_options_by_id():
    scenario = simple_example()
    m = compare(scenario)
    assert [a.id for a in m.alternatives] == [STAYING_ID, *(o.id for o in scenario.options)]
    assert m.alternatives[m.staying].label == scenario.staying_label
    assert [c.id for c in m.criteria] == [c.id for c in scenario.criteria]
    assert m.weights.sum() == pytest.approx(1.0)


def test_a_money_projection_of_other_alternatives_is_refused():
    """The money table is read row for row next to the scores: a projection of a scenario with an option
    fewer, or in another order, must not be taken for this one's."""
    scenario = simple_example()
    m = compare(scenario)
    fewer = compare(scenario.model_copy(update={"options": scenario.options[:-1]}))
    with pytest.raises(ValueError, match="other alternatives"):
        dataclasses.replace(fewer, projection=m.projection)
    reordered = compare(scenario.model_copy(update={"options": scenario.options[::-1]}))
    with pytest.raises(ValueError, match="other alternatives"):
        dataclasses.replace(reordered, projection=m.projection)
    assert dataclasses.replace(m, projection=m.projection).projection.row_of("globex") == m.row_of("globex")
    with pytest.raises(KeyError, match="hooli"):
        m.projection.row_of("hooli")
