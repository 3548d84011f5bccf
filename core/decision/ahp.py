"""AHP pairwise weights: priorities from the principal eigenvector of a reciprocal 1-9 comparison
matrix, with Saaty's consistency index and ratio (Saaty 1977, 1980); the judgement that fits the
others least and the value they imply for it (`implied`, `inconsistency_hint`: the geometric mean
of the indirect paths a_ik a_kj; Harker 1987).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

if TYPE_CHECKING:  # only for type hints: keeps this module free of the scenario model
    pass

from core.decision.methods import FloatArray, given_names

# AHP pairwise weights ----------------------------------------------------------------------------

# Saaty's random consistency index RI for n = 1..15: the mean consistency index of random reciprocal
# matrices on the 1-9 scale, as tabulated in Saaty (1980), The Analytic Hierarchy Process,
# McGraw-Hill. This is the table most published worked examples use. Later estimates from larger
# samples differ by up to about 0.06 (e.g. Saaty 2005: 0.52, 0.89, 1.11, ...; Alonso and Lamata 2006:
# 0.5247, 0.8816, 1.1086, ...); the dip at n = 12 is in the published table.
SAATY_RANDOM_INDEX: tuple[float, ...] = (
    0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
)  # fmt: skip
CR_THRESHOLD = 0.10  # Saaty: revise the judgements when CR exceeds 0.10
SCALE_MIN, SCALE_MAX = 1.0 / 9.0, 9.0
_RECIPROCAL_RTOL = 0.02  # 0.33 for 1/3 is fine; 0.5 for 1/3 is not


@dataclass(frozen=True)
class AHPResult:
    """Weights from pairwise comparisons (Saaty's eigenvector method)."""

    names: tuple[str, ...]
    matrix: FloatArray  # (n, n) the comparisons
    priorities: FloatArray  # (n,) principal eigenvector, sums to 1
    lambda_max: float
    ci: float  # (lambda_max - n) / (n - 1), >= 0
    random_index: float  # RI for n (0 for n <= 2)
    cr: float  # CI / RI (0 when RI is 0: 1x1 and 2x2 matrices are always consistent)
    worst: tuple[int, int] | None  # the judgement (i, j) that fits the others least, a_ij above them
    worst_ratio: float  # a_ij / what the other judgements imply for it (1 = consistent)
    suggested: float | None = None  # what the other judgements imply for the worst one (`implied`)

    @property
    def inconsistent(self) -> bool:
        """True when CR exceeds Saaty's 0.10: the judgements should be revisited."""
        return self.cr > CR_THRESHOLD

    def error_matrix(self) -> FloatArray:
        """e_ij = a_ij w_j / w_i: 1 everywhere for a consistent matrix (Saaty 2003)."""
        return self.matrix * self.priorities[None, :] / self.priorities[:, None]


def implied(a: ArrayLike) -> FloatArray:
    """What the other judgements imply for each pair: the geometric mean of the indirect paths.

    Every other criterion k gives an indirect comparison of i with j, ``a_ik a_kj`` ("i over k,
    times k over j"); a matrix is consistent exactly when each judgement equals all of them
    (Saaty 1977). Their geometric mean ``(prod_k a_ik a_kj)^(1 / (n - 2))`` is the value the other
    judgements imply for ``a_ij``, leaving ``a_ij`` itself out, so one wrong answer cannot pull
    its own suggestion towards it (as ``w_i / w_j`` from the priorities does). NaN for n <= 2,
    where there is no other criterion; the diagonal is 1.

    >>> implied([[1, 5, 9], [1 / 5, 1, 9], [1 / 9, 1 / 9, 1]]).round(3)[0, 2]  # 5 x 9
    np.float64(45.0)
    """
    x = np.array(a, dtype=float)
    n = x.shape[0]
    if n <= 2:
        out = np.full((n, n), np.nan)
        np.fill_diagonal(out, 1.0)
        return out
    logs = np.log(x)
    # sum over every k of (log a_ik + log a_kj), minus the two terms k = i and k = j, which are
    # log a_ij each (a_ii = a_jj = 1)
    paths = logs.sum(axis=1)[:, None] + logs.sum(axis=0)[None, :] - 2 * logs
    out = np.exp(paths / (n - 2))
    np.fill_diagonal(out, 1.0)
    return out


def pairwise_matrix(n: int, judgements: Mapping[tuple[int, int], float]) -> FloatArray:
    """Build the reciprocal n x n matrix from judgements {(i, j): a_ij} ("i is a_ij times as
    important as j"); a_ji = 1 / a_ij, the diagonal is 1, and pairs not given are 1 (equal)."""
    a = np.ones((n, n))
    for (i, j), v in judgements.items():
        if not (0 <= i < n and 0 <= j < n) or i == j:
            raise ValueError(f"Judgement ({i}, {j}) does not compare two different criteria of {n}.")
        if not (np.isfinite(v) and v > 0):
            raise ValueError(f"Judgement ({i}, {j}) must be a positive number; got {v}.")
        a[i, j], a[j, i] = v, 1.0 / v
    return a


def _check_pairwise(a: FloatArray, names: tuple[str, ...]) -> None:
    n = a.shape[0]
    if not np.isfinite(a).all() or (a <= 0).any():
        i, j = np.argwhere(~np.isfinite(a) | (a <= 0))[0]
        raise ValueError(
            f"The comparison of {names[i]} with {names[j]} is {a[i, j]}; every comparison must be a "
            "positive number (1 = equally important, up to 9, or a fraction down to 1/9)."
        )
    if not np.allclose(np.diag(a), 1.0, rtol=0, atol=1e-9):
        i = int(np.flatnonzero(~np.isclose(np.diag(a), 1.0, rtol=0, atol=1e-9))[0])
        raise ValueError(f"{names[i]} compared with itself must be 1; got {a[i, i]}.")
    bad = ~np.isclose(a * a.T, 1.0, rtol=_RECIPROCAL_RTOL, atol=0)
    if bad.any():
        i, j = np.argwhere(np.triu(bad, 1))[0]
        raise ValueError(
            f"{names[i]} vs {names[j]} is {a[i, j]:g} but {names[j]} vs {names[i]} is {a[j, i]:g}; "
            f"the second must be the reciprocal of the first (1/{a[i, j]:g} = {1 / a[i, j]:.4g})."
        )
    low, high = SCALE_MIN * (1 - _RECIPROCAL_RTOL), SCALE_MAX * (1 + _RECIPROCAL_RTOL)
    out = (a < low) | (a > high)
    if out.any():
        i, j = np.argwhere(out)[0]
        raise ValueError(
            f"{names[i]} vs {names[j]} is {a[i, j]:g}, outside Saaty's scale: use 1 to 9 "
            "(or 1/2 to 1/9 when the second matters more)."
        )
    if n > len(SAATY_RANDOM_INDEX):
        raise ValueError(
            f"Pairwise comparison supports at most {len(SAATY_RANDOM_INDEX)} criteria (the random "
            f"index table stops there); got {n}."
        )


def ahp_weights(matrix: ArrayLike, names: Sequence[str] | None = None) -> AHPResult:
    """Priorities, consistency index and ratio of a reciprocal pairwise comparison matrix.

    ``a_ij`` says how many times as important criterion i is as criterion j on Saaty's 1-9 scale
    (``a_ji = 1 / a_ij``). The priorities are the principal (Perron) eigenvector scaled to sum to 1,
    ``lambda_max`` its eigenvalue; ``CI = (lambda_max - n) / (n - 1)`` and ``CR = CI / RI(n)`` with
    `SAATY_RANDOM_INDEX` (Saaty 1980). CR above 0.10 flags the judgements as inconsistent.

    The judgement that fits least is the one furthest, in log terms, from what the other
    judgements imply for it (`implied`: the geometric mean of the indirect paths a_ik a_kj); among
    equals (with three criteria every judgement is equally far), one whose implied value is on the
    1-9 scale, then the most extreme one. It is
    reported in the direction where a_ij is too large, with `AHPResult.suggested` the implied value:
    with one judgement off and the rest consistent, that value makes the matrix consistent again.
    (Saaty 2003 revises the judgement with the largest e_ij = a_ij w_j / w_i, but the priorities
    w include the bad judgement, so w_i / w_j as the suggestion stays near it; see docs/methods.md.)
    None for a consistent matrix or n <= 2.

    Raises ValueError, naming the criteria, for a matrix that is not square, not positive, not
    reciprocal (within 2 %, so 0.33 for 1/3 is accepted) or outside 1/9..9.
    """
    a = np.array(matrix, dtype=float)
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] < 1:
        raise ValueError(f"Pairwise comparisons need a square table (n x n); got shape {a.shape}.")
    n = a.shape[0]
    labels = given_names(names, n, "Criterion")
    _check_pairwise(a, labels)
    values, vectors = np.linalg.eig(a)
    top = int(np.argmax(values.real))
    v = np.abs(vectors[:, top].real)  # the Perron vector has one sign; abs() fixes the sign
    w = v / v.sum()
    lam = float(values[top].real)
    ci = max(lam - n, 0.0) / (n - 1) if n > 1 else 0.0  # lambda_max >= n in theory: clip round-off
    ri = SAATY_RANDOM_INDEX[n - 1]
    cr = ci / ri if ri > 0 else 0.0
    worst: tuple[int, int] | None = None
    ratio, suggested = 1.0, None
    if n > 2:
        s = implied(a)
        off = np.log(a) - np.log(s)  # > 0: the judgement is above what the others imply
        top = float(off.max())
        if top > 1e-9:
            # The furthest; among equals, one whose implied value is on the 1-9 scale (so it can be
            # followed), then the most extreme judgement, then the first.
            on_scale = (s >= SCALE_MIN * (1 - _RECIPROCAL_RTOL)) & (s <= SCALE_MAX * (1 + _RECIPROCAL_RTOL))
            _, _, i, j = min(
                (not on_scale[i, j], -abs(float(np.log(a[i, j]))), i, j)
                for i in range(n)
                for j in range(n)
                if off[i, j] > top - 1e-9 * max(1.0, top)
            )
            worst, ratio, suggested = (i, j), float(a[i, j] / s[i, j]), float(s[i, j])
    return AHPResult(
        names=labels,
        matrix=a,
        priorities=w,
        lambda_max=lam,
        ci=ci,
        random_index=ri,
        cr=cr,
        worst=worst,
        worst_ratio=ratio,
        suggested=suggested,
    )


def judgement_in_words(names: Sequence[str], i: int, j: int, v: float, about: bool = False) -> str:
    """ "Title 9 times as important as Growth"; for v < 1 the other way round; "as important" at 1.
    `about`: a value worked out (one decimal), not one the person chose."""
    approx = "about " if about else ""
    if abs(np.log(v)) < 0.05:
        return f"{names[i]} {approx}as important as {names[j]}"
    more, less, times = (names[i], names[j], v) if v >= 1 else (names[j], names[i], 1 / v)
    return f"{more} {approx}{times:.1f}".removesuffix(".0") + f" times as important as {less}"


def inconsistency_hint(result: AHPResult) -> str | None:
    """In words: the judgement that fits the others least, and the value they imply for it.

    None when the judgements are consistent enough (CR at most 0.10) or none stands out."""
    if not result.inconsistent or result.worst is None or result.suggested is None:
        return None
    i, j = result.worst
    names = result.names
    return (
        f"The answer that fits the others least: {judgement_in_words(names, i, j, result.matrix[i, j])}. "
        f"Your other answers imply {judgement_in_words(names, i, j, result.suggested, about=True)}."
    )
