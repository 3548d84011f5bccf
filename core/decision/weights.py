"""Weights: how much each criterion counts. Set as any non-negative numbers (the sliders go
0-100); what counts is each one's share of their total. Worked out here only, in the two forms the
app uses: fractions that add up to 1 (the formulas) and percentages (what a person reads).

>>> weight_fractions([30, 10, 60]).tolist()
[0.3, 0.1, 0.6]
>>> weight_percentages({"pay": 1, "growth": 3})
{'pay': 25.0, 'growth': 75.0}
>>> weight_percentages({"pay": 0, "growth": 0})
{'pay': 0.0, 'growth': 0.0}
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

ALL_ZERO = "Every weight is 0, so nothing counts: raise at least one weight."


def weight_fractions(weights: ArrayLike) -> NDArray[np.float64]:
    """Each weight's share of their total, as fractions adding up to 1. `ValueError` (saying what
    to change) for a negative, missing or infinite weight, or when every weight is 0."""
    w = np.array(weights, dtype=float)
    if not np.isfinite(w).all() or (w < 0).any():
        raise ValueError("Weights must be finite and not negative.")
    total = w.sum()
    if total <= 0:
        raise ValueError(ALL_ZERO)
    return w / total


def weight_percentages(weights: Mapping[str, float]) -> dict[str, float]:
    """Each weight's share of their total in percent, by the same keys; all 0 when every weight
    is 0 (a page shows that as it is, with its message)."""
    total = sum(weights.values())
    if total <= 0:
        return {key: 0.0 for key in weights}
    return {key: 100.0 * value / total for key, value in weights.items()}
