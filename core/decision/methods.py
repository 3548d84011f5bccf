"""What the methods of how sure the answer is share (core.decision.sensitivity, .smaa, .ahp).

They take plain arrays, as published worked examples are written: a score matrix ``S``
(alternatives x criteria, 0-10, row `STAYING_ROW` is staying put) and a weight vector ``w`` (any
non-negative scale, made into fractions by `core.decision.weights.weight_fractions`).
`matrix_arguments` takes those from a `core.decision.matrix.DecisionMatrix`. Nothing here imports
streamlit, pandas or the scenario model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from core.decision.weights import weight_fractions

if TYPE_CHECKING:  # only for type hints: keeps this module free of the scenario model
    from core.decision.matrix import DecisionMatrix

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

# The methods here take staying put as the first row of their scores (the published examples
# are written that way); `matrix_arguments` checks a DecisionMatrix meets it, and results keep it.
STAYING_ROW = 0

# Two totals closer than this (0-10 scale) are a tie. The same number as core.decision.matrix.TIE_TOLERANCE
# (kept here so this module imports numpy only); tests/test_robustness.py checks that they agree.
TIE_TOLERANCE = 1e-9

WeightMode = Literal["fixed", "around", "none"]
WEIGHT_MODES: tuple[str, ...] = ("fixed", "around", "none")


# Input checks ------------------------------------------------------------------------------------


def score_matrix(scores: ArrayLike, name: str = "scores") -> FloatArray:
    s = np.array(scores, dtype=float)
    if s.ndim != 2 or s.shape[0] < 2 or s.shape[1] < 1:
        raise ValueError(
            f"{name} must be a table with one row per option (staying first, at least one other "
            f"option) and one column per criterion; got shape {s.shape}."
        )
    if not np.isfinite(s).all():
        raise ValueError(f"{name} contains a missing or infinite value; every score must be a number.")
    return s


def normalized_weights(weights: ArrayLike, m: int) -> FloatArray:
    w = np.array(weights, dtype=float)
    if w.shape != (m,):
        raise ValueError(f"There must be one weight per criterion ({m}); got shape {w.shape}.")
    return weight_fractions(w)


def given_names(given: Sequence[str] | None, count: int, prefix: str) -> tuple[str, ...]:
    if given is None:
        return tuple(f"{prefix} {i}" for i in range(count))
    if len(given) != count:
        raise ValueError(f"Expected {count} {prefix.lower()} names, got {len(given)}.")
    return tuple(given)


def snap(x: FloatArray, tol: float) -> FloatArray:
    """Differences within the tie tolerance are exact ties (0)."""
    return np.where(np.abs(x) <= tol, 0.0, x)


def top_index(totals: FloatArray, tol: float) -> int:
    """Best rank, then lowest index: the rule of `DecisionMatrix.order` (staying first among equals)."""
    beaten_by = (totals[None, :] > totals[:, None] + tol).sum(axis=1)
    return int(np.flatnonzero(beaten_by == 0)[0])


def matrix_arguments(matrix: DecisionMatrix) -> dict[str, object]:
    """What the methods here take from a `core.decision.matrix.DecisionMatrix`: its scores, weights and
    names. The methods take staying put as their first row; a matrix with staying elsewhere is
    refused (its rows would be read as the wrong alternatives)."""
    if matrix.staying != STAYING_ROW:
        raise ValueError("These methods take staying put as the first row of the decision matrix.")
    return {
        "scores": matrix.scores,
        "weights": matrix.weights,
        "labels": tuple(a.label for a in matrix.alternatives),
        "criterion_names": tuple(c.name for c in matrix.criteria),
    }
