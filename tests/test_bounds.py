"""Bounds are declared once, in the model (core.model.bounds reads them for widgets)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from core.model.bounds import bounds
from core.model.scenario import Pay
from tests.scenarios import simple_example


@pytest.mark.parametrize(
    ("path", "low", "high"),
    [
        (("current", "pay", "raise_pct"), -50.0, 50.0),
        (("options", "any-id", "pay", "col_index"), 10.0, 1000.0),
        (("options", "any-id", "ratings", "growth"), 0.0, 10.0),
        (("criteria", "pay", "weight"), 0.0, 100.0),
        (("money", "horizon_years"), 1, 10),
        (("options", "any-id", "process", "worth", "learning"), 0, 3),
    ],
)
def test_bounds_are_the_models(path, low, high):
    b = bounds(path)
    assert (b.low, b.high) == (low, high)
    assert type(b.low) is type(low)  # a whole-number field gives whole-number bounds


def test_the_bounds_are_the_ones_the_model_enforces():
    """Just inside the bounds is taken, just outside refused: the numbers are the model's own."""
    b = bounds(("current", "pay", "col_index"))
    Pay(col_index=b.low)
    Pay(col_index=b.high)
    with pytest.raises(ValidationError):
        Pay(col_index=b.low - 0.01)
    with pytest.raises(ValidationError):
        Pay(col_index=b.high + 0.01)


def test_a_text_fields_longest_length():
    assert bounds(("options", "x", "name")).max_length == 80
    assert bounds(("current", "notes")).max_length == 5000
    assert bounds(("current", "pay", "base")).max_length is None


def test_a_path_the_model_does_not_have_is_a_key_error():
    with pytest.raises(KeyError, match="salary"):
        bounds(("current", "pay", "salary"))
    assert simple_example().current.pay.base >= bounds(("current", "pay", "base")).low
