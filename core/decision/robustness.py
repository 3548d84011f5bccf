"""How sure is the answer: exact weight sensitivity, SMAA-2 Monte Carlo and AHP pairwise weights.

Three pure numpy tools that sit next to the weighted sum in `core.decision.scoring` (docs/methods.md):

* **Weight sensitivity** (`weight_sensitivity`, `weight_sweep`). Set criterion k's weight to t and
  rescale the others in proportion, ``w_j(t) = w_j (1 - t) / (1 - w_k)``. Every total is then a
  straight line in t, ``total_i(t) = (1 - t) R_ik + t S_ik`` where ``R_ik`` is option i's total when
  criterion k weighs nothing. So the weight at which the top option changes is where two lines
  cross: found exactly, not by a grid search (one-at-a-time sensitivity on the weights of an
  additive value model; Belton and Stewart 2002, ch. 5; Triantaphyllou and Sanchez 1997 for
  the smallest change that reverses a ranking).
* **SMAA-2** (`smaa`). Monte Carlo over uncertain ratings (triangular low / likely / high) and,
  optionally, over the weights; reports rank acceptability, the probability of ranking first,
  the probability of beating staying and the central weights (Lahdelma and Salminen 2001,
  "SMAA-2: Stochastic multicriteria acceptability analysis for group decision making",
  Operations Research 49(3):444-454; Tervonen and Lahdelma 2007 for the computation).
* **AHP pairwise weights** (`ahp_weights`). Priorities from the principal eigenvector of a
  reciprocal 1-9 comparison matrix, with Saaty's consistency index and ratio (Saaty 1977, 1980);
  the judgement that fits the others least and the value they imply for it (`implied`,
  `inconsistency_hint`: the geometric mean of the indirect paths a_ik a_kj; Harker 1987).

Everything takes plain arrays: a score matrix ``S`` (alternatives x criteria, 0-10, row 0 is always
staying put) and a weight vector ``w`` (any non-negative scale, normalized here to sum to 1). Thin
wrappers (`sensitivity_for`, `sweep_for`, `smaa_for`) take a `core.decision.matrix.DecisionMatrix`. Nothing here
imports streamlit, pandas or the scenario model.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
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

# Two totals closer than this (0-10 scale) are a tie. The same number as core.decision.scoring.TIE_TOLERANCE
# (kept here so this module imports numpy only); tests/test_robustness.py checks that they agree.
TIE_TOLERANCE = 1e-9

WeightMode = Literal["fixed", "around", "none"]
WEIGHT_MODES: tuple[str, ...] = ("fixed", "around", "none")


# Input checks ------------------------------------------------------------------------------------


def _score_matrix(scores: ArrayLike, name: str = "scores") -> FloatArray:
    s = np.array(scores, dtype=float)
    if s.ndim != 2 or s.shape[0] < 2 or s.shape[1] < 1:
        raise ValueError(
            f"{name} must be a table with one row per option (staying first, at least one other "
            f"option) and one column per criterion; got shape {s.shape}."
        )
    if not np.isfinite(s).all():
        raise ValueError(f"{name} contains a missing or infinite value; every score must be a number.")
    return s


def _normalized(weights: ArrayLike, m: int) -> FloatArray:
    w = np.array(weights, dtype=float)
    if w.shape != (m,):
        raise ValueError(f"There must be one weight per criterion ({m}); got shape {w.shape}.")
    return weight_fractions(w)


def _names(given: Sequence[str] | None, count: int, prefix: str) -> tuple[str, ...]:
    if given is None:
        return tuple(f"{prefix} {i}" for i in range(count))
    if len(given) != count:
        raise ValueError(f"Expected {count} {prefix.lower()} names, got {len(given)}.")
    return tuple(given)


def _snap(x: FloatArray, tol: float) -> FloatArray:
    """Differences within the tie tolerance are exact ties (0)."""
    return np.where(np.abs(x) <= tol, 0.0, x)


def _top_index(totals: FloatArray, tol: float) -> int:
    """Best rank, then lowest index: the rule of `DecisionMatrix.order` (staying first among equals)."""
    beaten_by = (totals[None, :] > totals[:, None] + tol).sum(axis=1)
    return int(np.flatnonzero(beaten_by == 0)[0])


# Weight sensitivity ------------------------------------------------------------------------------


def reweighted(weights: ArrayLike, k: int, t: float) -> FloatArray:
    """The weight vector with criterion `k` at `t` (0-1) and the others rescaled in proportion.

    ``w_j(t) = w_j (1 - t) / (1 - w_k)`` for j != k, so the weights still sum to 1 and the others
    keep their ratios. When criterion k holds all the weight (``w_k = 1``, the others 0) there are
    no proportions to keep; the remaining ``1 - t`` is then shared equally among the others.

    >>> reweighted([2, 1, 1], 0, 0.2).round(3).tolist()
    [0.2, 0.4, 0.4]
    """
    w = np.array(weights, dtype=float)
    if w.ndim != 1:
        raise ValueError(f"Weights must be a flat list, one per criterion; got shape {w.shape}.")
    w = _normalized(w, w.shape[0])
    m = w.shape[0]
    if not 0 <= k < m:
        raise ValueError(f"Criterion index {k} is out of range (0..{m - 1}).")
    if not 0.0 <= t <= 1.0:
        raise ValueError(f"A weight share must be between 0 and 1; got {t}.")
    others = np.delete(np.arange(m), k)
    rest = w[others].sum()
    out = np.empty(m)
    out[k] = t
    if others.size:
        out[others] = (1.0 - t) * (w[others] / rest if rest > 0 else 1.0 / others.size)
    return out


def _lines(s: FloatArray, w: FloatArray) -> FloatArray:
    """R[i, k]: option i's total when criterion k weighs nothing and the others keep their
    proportions (equal shares if they are all 0). Exact per column: no ``1 - w_k`` cancellation."""
    n, m = s.shape
    if m == 1:
        return s.copy()
    off = np.where(np.eye(m, dtype=bool), 0.0, w[:, None])  # column k: the weights without k
    rest = off.sum(axis=0)
    equal = np.where(np.eye(m, dtype=bool), 0.0, 1.0 / (m - 1))
    off = np.where(rest > 0, off / np.where(rest > 0, rest, 1.0), equal)
    return s @ off


def _hold(
    lead0: FloatArray, lead1: FloatArray, t0: FloatArray, tol: float
) -> tuple[FloatArray, FloatArray, IntArray, IntArray]:
    """Where an incumbent stays at least level with every challenger, per criterion.

    `lead0`, `lead1` (challengers x criteria): the incumbent's lead over each challenger when the
    criterion's weight is 0 and 1 (snapped to 0 within `tol`); the lead is linear in between.
    Returns the first weight below and above `t0` at which some challenger gets strictly ahead
    (NaN when none does) and which challenger is ahead just past it (-1 when none): the steepest
    among those level with the incumbent at that point, lowest index on equal slopes.
    """
    slope = lead1 - lead0
    with np.errstate(divide="ignore", invalid="ignore"):
        root = lead0 / (lead0 - lead1)  # where the lead is 0 (only used where the signs differ)
    # Upward: the challenger gets ahead if it is ahead at t = 1.
    up = lead1 < 0
    t_up = np.where(up, np.maximum(np.where(lead0 > 0, root, 0.0), t0), np.inf)
    hi = t_up.min(axis=0)
    lead_hi = lead0 + np.where(np.isfinite(hi), hi, 0.0) * slope
    cand = up & (lead_hi <= tol)
    who_up = np.where(np.isfinite(hi), np.argmax(np.where(cand, -slope, -np.inf), axis=0), -1)
    # Downward: the challenger gets ahead if it is ahead at t = 0.
    down = lead0 < 0
    t_dn = np.where(down, np.minimum(np.where(lead1 > 0, root, 1.0), t0), -np.inf)
    lo = t_dn.max(axis=0)
    lead_lo = lead0 + np.where(np.isfinite(lo), lo, 0.0) * slope
    cand = down & (lead_lo <= tol)
    who_dn = np.where(np.isfinite(lo), np.argmax(np.where(cand, slope, -np.inf), axis=0), -1)
    return (
        np.where(np.isfinite(lo), lo, np.nan),
        np.where(np.isfinite(hi), hi, np.nan),
        who_dn.astype(np.intp),
        who_up.astype(np.intp),
    )


def _offer_falls(
    d0: FloatArray, d1: FloatArray, t0: FloatArray, tol: float
) -> tuple[FloatArray, FloatArray, IntArray, IntArray]:
    """When some offer beats staying now: the nearest weight below / above `t0` at which every
    offer is at most level with staying, and the offer that was last ahead (NaN / -1 when none).

    `d0`, `d1` (offers x criteria): each offer's lead over staying at weight 0 and 1, snapped.
    The set where every lead is <= 0 is one interval [L, U] (an intersection of half-lines); since
    t0 is outside it, it lies wholly above t0 (flip at L) or wholly below (flip at U).
    """
    slope = d1 - d0
    with np.errstate(divide="ignore", invalid="ignore"):
        root = d0 / (d0 - d1)
    lower_end = np.where(d0 <= 0, 0.0, np.where(d1 <= 0, root, np.inf))
    upper_end = np.where(d1 <= 0, 1.0, np.where(d0 <= 0, root, -np.inf))
    big_l, big_u = lower_end.max(axis=0), upper_end.min(axis=0)
    finite = np.isfinite(big_l) & np.isfinite(big_u)
    at_l = d0 + np.where(finite, big_l, 0.0) * slope  # leads at L
    nonempty = finite & ((big_l <= big_u) | (at_l.max(axis=0) <= tol))
    up = nonempty & (big_l >= t0)
    down = nonempty & ~up & (big_u <= t0)
    at_u = d0 + np.where(finite, big_u, 0.0) * slope
    who_up = np.argmax(np.where(at_l >= -tol, -slope, -np.inf), axis=0)
    who_dn = np.argmax(np.where(at_u >= -tol, slope, -np.inf), axis=0)
    return (
        np.where(down, big_u, np.nan),
        np.where(up, big_l, np.nan),
        np.where(down, who_dn, -1).astype(np.intp),
        np.where(up, who_up, -1).astype(np.intp),
    )


@dataclass(frozen=True)
class Flip:
    """One weight change that changes the answer.

    `criterion` moves from `current` to `threshold` (shares 0-1; the others rescaled in
    proportion). Just before the threshold `before` is on top, just past it `after` is. For the
    "best offer vs staying" question "on top" means the better of staying (index 0) and the best
    offer; `before`/`after` is then 0 for staying or the offer concerned.
    """

    criterion: int
    current: float
    threshold: float
    before: int
    after: int

    @property
    def change(self) -> float:
        """Signed change of the criterion's weight share (threshold - current)."""
        return self.threshold - self.current

    @property
    def direction(self) -> Literal["up", "down"]:
        return "up" if self.threshold > self.current else "down"


@dataclass(frozen=True)
class WeightSensitivity:
    """Exact one-at-a-time weight sensitivity of the weighted sum (see `weight_sensitivity`).

    Arrays indexed by criterion hold weight shares in 0-1 (multiply by 100 for %); NaN means
    "no flip on that side", -1 "no option".
    """

    labels: tuple[str, ...]
    criterion_names: tuple[str, ...]
    weights: FloatArray  # (m,) current weights, normalized
    at_zero: FloatArray  # (n, m) every total when criterion k weighs 0 (others in proportion)
    at_one: FloatArray  # (n, m) every total when criterion k weighs 100 % (= the scores)
    top: int  # option on top now (ties: lowest index, as DecisionMatrix.order)
    top_low: FloatArray  # (m,) lowest weight share at which `top` is still on top
    top_high: FloatArray  # (m,) highest weight share at which `top` is still on top
    flip_down: FloatArray  # (m,) = top_low where the top changes below it, else NaN
    flip_up: FloatArray  # (m,) = top_high where the top changes above it, else NaN
    takes_over_down: IntArray  # (m,) new top just below flip_down
    takes_over_up: IntArray  # (m,) new top just above flip_up
    offer_ahead: bool  # the best offer beats staying now (by more than the tie tolerance)
    best_offer: int  # the best offer now (row >= 1; ties: lowest index)
    offer_flip_down: FloatArray  # (m,) where "best offer vs staying" changes below now, else NaN
    offer_flip_up: FloatArray  # (m,)
    offer_down: IntArray  # (m,) the offer that swaps with staying at offer_flip_down
    offer_up: IntArray  # (m,)

    def totals_at(self, k: int, t: ArrayLike) -> FloatArray:
        """Every option's total with criterion `k` at share(s) `t`: shape t.shape + (n,)."""
        t = np.asarray(t, dtype=float)[..., None]
        return (1.0 - t) * self.at_zero[:, k] + t * self.at_one[:, k]

    def top_flips(self) -> list[Flip]:
        """Every weight change that changes the top option, nearest first per criterion."""
        return self._flips(self.flip_down, self.flip_up, self.takes_over_down, self.takes_over_up, None)

    def offer_flips(self) -> list[Flip]:
        """Every weight change that flips "the best offer beats staying"."""
        return self._flips(self.offer_flip_down, self.offer_flip_up, self.offer_down, self.offer_up, True)

    def critical(self) -> Flip | None:
        """The smallest absolute weight change (any criterion) that changes the top option."""
        return _nearest(self.top_flips())

    def critical_offer(self) -> Flip | None:
        """The smallest absolute weight change that flips "the best offer beats staying"
        (or, when staying is ahead, "staying is at least as good as every offer")."""
        return _nearest(self.offer_flips())

    def _flips(self, down, up, who_down, who_up, offer: bool | None) -> list[Flip]:
        flips = []
        for k in range(self.weights.shape[0]):
            for t, who in ((down[k], who_down[k]), (up[k], who_up[k])):
                if np.isnan(t):
                    continue
                if offer is None:
                    before, after = self.top, int(who)
                elif self.offer_ahead:
                    before, after = int(who), 0
                else:
                    before, after = 0, int(who)
                flips.append(Flip(k, float(self.weights[k]), float(t), before, after))
        return flips


def _nearest(flips: list[Flip]) -> Flip | None:
    # Smallest |change|; equal changes (to 12 decimals): lower criterion index, then downward first.
    return min(
        flips, key=lambda f: (round(abs(f.change), 12), f.criterion, f.direction != "down"), default=None
    )


def weight_sensitivity(
    scores: ArrayLike,
    weights: ArrayLike,
    *,
    labels: Sequence[str] | None = None,
    criterion_names: Sequence[str] | None = None,
    tol: float = TIE_TOLERANCE,
) -> WeightSensitivity:
    """For each criterion, the exact weight shares at which the answer changes.

    With criterion k at share t and the other weights rescaled in proportion (`reweighted`),
    option i's total is ``(1 - t) R_ik + t S_ik``: linear in t, equal to today's total at
    ``t = w_k``. The current top option stays on top while its lead over every other option is
    >= 0; each lead is a line, so the thresholds are the roots of those lines nearest to ``w_k`` on
    each side, and the option taking over is the one ahead just past the root.

    The same is done for "best offer vs staying": when some offer beats staying now, the flip is
    where every offer has fallen to staying's total or below; when staying is ahead (or level),
    where the first offer gets strictly ahead of it.

    Ties follow `core.decision.scoring`: totals within `tol` are equal; the option on top now is the one
    with the best rank, lowest index first (staying first among equals). Leads within `tol` at
    weight 0 or 1 are treated as exact ties. A threshold is the exact crossing (where the two
    totals are equal); just past it the other option is ahead. If the top is tied now, a flip can
    be at zero distance: any move of that weight decides the tie. With a single criterion there is
    nothing to move (it always holds 100 %): no flips.
    """
    s = _score_matrix(scores)
    n, m = s.shape
    w = _normalized(weights, m)
    r = _lines(s, w)
    totals = s @ w
    top = _top_index(totals, tol)
    t0 = w

    # The top option against every other: lead lines (n-1 challengers x m criteria).
    others = np.delete(np.arange(n), top)
    lead0 = _snap(r[top] - r[others], tol)
    lead1 = _snap(s[top] - s[others], tol)
    lo, hi, who_lo, who_hi = _hold(lead0, lead1, t0, tol)
    takes_down = np.where(who_lo >= 0, others[np.maximum(who_lo, 0)], -1)
    takes_up = np.where(who_hi >= 0, others[np.maximum(who_hi, 0)], -1)

    # Best offer vs staying.
    d0 = _snap(r[1:] - r[0], tol)
    d1 = _snap(s[1:] - s[0], tol)
    best_offer = 1 + int(np.argmax(totals[1:]))
    offer_ahead = bool(totals[best_offer] - totals[0] > tol)
    if offer_ahead:
        o_lo, o_hi, o_who_lo, o_who_hi = _offer_falls(d0, d1, t0, tol)
    else:
        o_lo, o_hi, o_who_lo, o_who_hi = _hold(-d0, -d1, t0, tol)

    return WeightSensitivity(
        labels=_names(labels, n, "Option"),
        criterion_names=_names(criterion_names, m, "Criterion"),
        weights=w,
        at_zero=r,
        at_one=s,
        top=top,
        top_low=np.where(np.isnan(lo), 0.0, lo),
        top_high=np.where(np.isnan(hi), 1.0, hi),
        flip_down=lo,
        flip_up=hi,
        takes_over_down=takes_down.astype(np.intp),
        takes_over_up=takes_up.astype(np.intp),
        offer_ahead=offer_ahead,
        best_offer=best_offer,
        offer_flip_down=o_lo,
        offer_flip_up=o_hi,
        offer_down=np.where(o_who_lo >= 0, o_who_lo + 1, -1).astype(np.intp),
        offer_up=np.where(o_who_hi >= 0, o_who_hi + 1, -1).astype(np.intp),
    )


@dataclass(frozen=True)
class WeightSweep:
    """Every option's total as each criterion's weight goes from 0 to 100 % (for drawing)."""

    labels: tuple[str, ...]
    criterion_names: tuple[str, ...]
    weights: FloatArray  # (m,) current weights, normalized: mark them on the chart
    t: FloatArray  # (num,) weight shares 0..1
    totals: FloatArray  # (m, num, n): totals[k, g, i] with criterion k at share t[g]

    @property
    def diff_vs_staying(self) -> FloatArray:
        """(m, num, n) each total minus staying's at the same weights (the tornado's ranges are
        its minimum and maximum over t, reached at t = 0 or 1 since it is linear)."""
        return self.totals - self.totals[..., :1]


def weight_sweep(
    scores: ArrayLike,
    weights: ArrayLike,
    num: int = 101,
    *,
    labels: Sequence[str] | None = None,
    criterion_names: Sequence[str] | None = None,
) -> WeightSweep:
    """Totals on an even grid of `num` weight shares per criterion (others rescaled in proportion).

    For charts only: the totals are straight lines in the share, so the exact flip points come
    from `weight_sensitivity`, not from this grid.
    """
    s = _score_matrix(scores)
    n, m = s.shape
    w = _normalized(weights, m)
    if num < 2:
        raise ValueError("A sweep needs at least 2 points.")
    r = _lines(s, w)
    t = np.linspace(0.0, 1.0, num)
    totals = r.T[:, None, :] + t[None, :, None] * (s - r).T[:, None, :]
    return WeightSweep(
        labels=_names(labels, n, "Option"),
        criterion_names=_names(criterion_names, m, "Criterion"),
        weights=w,
        t=t,
        totals=totals,
    )


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


def sensitivity_for(comparison: DecisionMatrix, tol: float = TIE_TOLERANCE) -> WeightSensitivity:
    """`weight_sensitivity` of a `core.decision.matrix.DecisionMatrix` (its scores and weights)."""
    return weight_sensitivity(**matrix_arguments(comparison), tol=tol)


def sweep_for(comparison: DecisionMatrix, num: int = 101) -> WeightSweep:
    """`weight_sweep` of a `core.decision.matrix.DecisionMatrix`."""
    return weight_sweep(**matrix_arguments(comparison), num=num)


# SMAA-2 ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SMAAResult:
    """Monte Carlo acceptability of every option (SMAA-2, Lahdelma and Salminen 2001).

    Shares are over `draws` draws. Ties between totals (within the tie tolerance) share the ranks
    they cover equally: two options level at the top each get half a first place and half a
    second place. A chain of totals each within tolerance of the next counts as one tie.
    """

    labels: tuple[str, ...]
    criterion_names: tuple[str, ...]
    draws: int
    seed: int  # the seed entropy: rerun with seed=this to get the same numbers
    weight_mode: str
    concentration: float
    chunk_size: int
    rank_acceptability: FloatArray  # (n, n): b[i, r] = share of draws with option i at rank r+1
    p_beats_staying: FloatArray  # (n,) share of draws with total_i > total_staying + tol (0 for staying)
    central_weights: FloatArray  # (n, m) mean weights over the draws option i ranks first; NaN if never
    diff_edges: FloatArray  # (bins + 1,) bin edges of "total minus staying"
    diff_hist: NDArray[np.int64]  # (n, bins) draws per bin, per option
    diff_mean: FloatArray  # (n,) mean of total minus staying
    diff_std: FloatArray  # (n,) standard deviation of total minus staying
    diff_samples: FloatArray  # (k, n) "total minus staying" of the first k = min(draws, keep) draws

    @property
    def p_first(self) -> FloatArray:
        """(n,) rank-1 acceptability: the share of draws in which each option comes out on top."""
        return self.rank_acceptability[:, 0]

    def standard_error(self, p: ArrayLike) -> FloatArray:
        """Monte Carlo standard error of a share p estimated from `draws` draws: sqrt(p(1-p)/N)."""
        p = np.asarray(p, dtype=float)
        return np.sqrt(p * (1.0 - p) / self.draws)

    def diff_quantile(self, q: ArrayLike) -> FloatArray:
        """Quantiles of "total minus staying" per option from the histogram (linear within a
        bin, so accurate to a bin width): shape q.shape + (n,)."""
        q = np.atleast_1d(np.asarray(q, dtype=float))
        cdf = np.cumsum(self.diff_hist, axis=1) / self.draws
        cdf = np.concatenate([np.zeros((cdf.shape[0], 1)), cdf], axis=1)
        out = np.stack([np.interp(q, c, self.diff_edges) for c in _monotone(cdf)], axis=-1)
        return out


def _monotone(cdf: FloatArray) -> FloatArray:
    # np.interp needs increasing x: nudge flat stretches by a negligible amount.
    return cdf + np.arange(cdf.shape[1]) * 1e-15


@dataclass(frozen=True)
class _Setup:
    n: int
    m: int
    weights: FloatArray
    mode: str
    alpha: FloatArray  # Dirichlet parameters of the criteria with positive weight ("around")
    positive: NDArray[np.bool_]
    base: FloatArray  # (n, m) low + high - likely: the deterministic part of each draw
    rows: IntArray  # rectangle holding every uncertain cell
    cols: IntArray
    c: NDArray[np.float32]  # (p,) mode position (likely - low) / (high - low)
    a: NDArray[np.float32]  # (p,) (high - low)^2 c
    b: NDArray[np.float32]  # (p,) (high - low)^2 (1 - c)
    tol: float
    lo: float  # histogram of total - staying: first edge, bin width, bins
    width: float
    bins: int
    keep: int


@dataclass
class _Partial:
    ranks: FloatArray  # (n, n) shares
    first_w: FloatArray  # (n, m) sum of weights over first places (times share)
    beats: NDArray[np.int64]
    hist: NDArray[np.int64]
    dmean: FloatArray  # chunk mean of total - staying
    dm2: FloatArray  # chunk sum of squared deviations from dmean
    size: int
    samples: FloatArray


class _Accumulator:
    """Running totals over chunks, folded in chunk order."""

    def __init__(self, n: int, m: int, bins: int) -> None:
        self.ranks = np.zeros((n, n))
        self.first_w = np.zeros((n, m))
        self.beats = np.zeros(n, np.int64)
        self.hist = np.zeros((n, bins), np.int64)
        self.mean, self.m2, self.count = np.zeros(n), np.zeros(n), 0
        self.samples: list[FloatArray] = []

    def add(self, p: _Partial) -> None:
        self.ranks += p.ranks
        self.first_w += p.first_w
        self.beats += p.beats
        self.hist += p.hist
        # Pairwise combination of means and squared deviations (Chan, Golub and LeVeque 1979).
        delta = p.dmean - self.mean
        total = self.count + p.size
        self.mean = self.mean + delta * (p.size / total)
        self.m2 = self.m2 + p.dm2 + delta**2 * (self.count * p.size / total)
        self.count = total
        self.samples.append(p.samples)


def _sample_weights(setup: _Setup, rng: np.random.Generator, size: int) -> FloatArray | None:
    """Weights for `size` draws (None for fixed weights). Dirichlet(1, ..., 1) is the uniform
    distribution on the simplex; Dirichlet(c w) has mean w and var w_k (1 - w_k) / (c + 1)."""
    if setup.mode == "fixed":
        return None
    if setup.mode == "none":
        e = rng.standard_exponential((size, setup.m))
        return e / e.sum(axis=1, keepdims=True)
    g = rng.standard_gamma(setup.alpha, size=(size, setup.alpha.size))
    total = g.sum(axis=1, keepdims=True)
    bad = total[:, 0] <= 0  # every gamma draw underflowed (only with tiny concentrations)
    if bad.any():
        g[bad] = setup.alpha
        total[bad] = setup.alpha.sum()
    w = np.zeros((size, setup.m))
    w[:, setup.positive] = g / total
    return w


def _chunk(setup: _Setup, seq: np.random.SeedSequence, first_draw: int, size: int, buf: list) -> _Partial:
    """One chunk of draws; `buf` holds float32 scratch arrays reused across a worker's chunks.

    Only small per-draw matrix products are used (batched gemv), never one large gemm: a large
    product would start OpenBLAS's own threads, which then fight the chunk workers for the cores.
    """
    rng = np.random.Generator(np.random.PCG64(seq))
    n = setup.n
    w_draws = _sample_weights(setup, rng, size)
    if w_draws is None:
        totals = np.tile(setup.base @ setup.weights, (size, 1))
    else:
        totals = np.matmul(setup.base[None], w_draws[:, :, None])[:, :, 0]
    p = setup.c.size
    if p:
        # Triangular draws by the inverse CDF without branches: with u ~ U(0, 1), c the mode's
        # position and r = high - low, the draw minus (low + high - likely) is
        # sqrt(r^2 c min(u, c)) - sqrt(r^2 (1 - c) (1 - max(u, c))).
        if not buf or buf[0].shape[0] < size:
            buf[:] = [np.empty((size, p), np.float32), np.empty((size, p), np.float32)]
        u, y = buf[0][:size], buf[1][:size]
        rng.random(out=u, dtype=np.float32)
        np.minimum(u, setup.c, out=y)
        np.multiply(y, setup.a, out=y)
        np.sqrt(y, out=y)
        np.maximum(u, setup.c, out=u)
        np.subtract(1.0, u, out=u)
        np.multiply(u, setup.b, out=u)
        np.sqrt(u, out=u)
        np.subtract(y, u, out=y)
        y3 = y.reshape(size, setup.rows.size, setup.cols.size)
        if w_draws is None:
            w_cols = setup.weights[setup.cols].astype(np.float32)[None, :, None]
        else:
            w_cols = np.ascontiguousarray(w_draws[:, setup.cols, None], dtype=np.float32)
        extra = np.matmul(y3, w_cols)[:, :, 0]
        if setup.rows.size == n:
            totals += extra
        else:
            totals[:, setup.rows] += extra

    # Ranks: sort each draw's totals, best first.
    order = np.argsort(-totals, axis=1)
    ranked = np.take_along_axis(totals, order, axis=1)
    gaps = ranked[:, :-1] - ranked[:, 1:]
    positions = np.arange(n)
    if (gaps <= setup.tol).any():
        # Ties share the ranks they span equally: the tie group around sorted position r covers
        # ranks start..end; each member gets 1/size of each of them (a difference array per row).
        new_group = np.concatenate([np.ones((size, 1), bool), gaps > setup.tol], axis=1)
        group_end = np.concatenate([gaps > setup.tol, np.ones((size, 1), bool)], axis=1)
        start = np.maximum.accumulate(np.where(new_group, positions, 0), axis=1)
        end = np.minimum.accumulate(np.where(group_end, positions, n - 1)[:, ::-1], axis=1)[:, ::-1]
        share = 1.0 / (end - start + 1)
        width = n + 1
        diff = np.bincount((order * width + start).ravel(), share.ravel(), n * width)
        diff -= np.bincount((order * width + end + 1).ravel(), share.ravel(), n * width)
        ranks = np.cumsum(diff.reshape(n, width), axis=1)[:, :n]
        draw, pos = np.nonzero(start == 0)  # every member of each draw's top group
        winner, win_share = order[draw, pos], share[draw, pos]
    else:
        ranks = np.bincount((order * n + positions).ravel(), minlength=n * n).reshape(n, n).astype(float)
        draw, winner, win_share = np.arange(size), order[:, 0], np.ones(size)
    if w_draws is None:
        first_w = ranks[:, :1] * setup.weights[None, :]
    else:
        m = setup.m
        cells = (winner[:, None] * m + np.arange(m)).ravel()
        first_w = np.bincount(cells, (win_share[:, None] * w_draws[draw]).ravel(), n * m).reshape(n, m)

    diff_vs = totals - totals[:, :1]
    beats = (diff_vs > setup.tol).sum(axis=0)
    # Bin index; truncation toward 0 keeps float dust below the first edge in bin 0.
    idx = ((diff_vs - setup.lo) * (1.0 / setup.width)).astype(np.intp)
    np.minimum(idx, setup.bins - 1, out=idx)
    hist = np.bincount((idx + positions * setup.bins).ravel(), minlength=n * setup.bins)
    keep = max(0, min(size, setup.keep - first_draw))
    dmean = diff_vs.mean(axis=0)
    return _Partial(
        ranks=ranks,
        first_w=first_w,
        beats=beats.astype(np.int64),
        hist=hist.reshape(n, setup.bins).astype(np.int64),
        dmean=dmean,
        dm2=np.square(diff_vs - dmean).sum(axis=0),
        size=size,
        samples=diff_vs[:keep].copy(),
    )


def smaa(
    scores: ArrayLike,
    weights: ArrayLike,
    *,
    low: ArrayLike | None = None,
    high: ArrayLike | None = None,
    weight_mode: WeightMode = "fixed",
    concentration: float = 50.0,
    draws: int = 10_000,
    seed: int | None = 0,
    chunk_size: int = 2_000,
    bins: int = 200,
    keep: int = 1_000,
    workers: int | None = None,
    labels: Sequence[str] | None = None,
    criterion_names: Sequence[str] | None = None,
    tol: float = TIE_TOLERANCE,
) -> SMAAResult:
    """Stochastic multicriteria acceptability analysis (SMAA-2) of the weighted sum.

    Each draw takes every rating from a triangular distribution (``low``, ``scores`` as the most
    likely value, ``high``; a cell with low = likely = high is certain) and a weight vector:

    * ``"fixed"``: the given weights every time;
    * ``"around"``: Dirichlet(concentration x w), centred on the given weights (mean w, standard
      deviation sqrt(w_k (1 - w_k) / (concentration + 1)); criteria weighted 0 stay at 0);
    * ``"none"``: uniform on the simplex, Dirichlet(1, ..., 1): no weight information at all.

    It then ranks the totals (descending) and counts, per option, each rank (the rank
    acceptability matrix b[i, r]), first places (b[i, 0]), draws beating staying, the weights of
    the draws it ranks first (their mean is its central weight vector) and a histogram of its
    total minus staying's. Ties share ranks equally (see `SMAAResult`).

    Reproducible: the same `seed`, `draws` and `chunk_size` give the same numbers on any machine
    and any number of `workers` (each chunk has its own stream spawned from the seed; chunks are
    combined in order). Memory is bounded by `chunk_size` draws at a time, plus `keep` draws of
    "total minus staying" kept for plotting.
    """
    likely = _score_matrix(scores)
    n, m = likely.shape
    w = _normalized(weights, m)
    lo_s = likely if low is None else _score_matrix(low, "low")
    hi_s = likely if high is None else _score_matrix(high, "high")
    if lo_s.shape != likely.shape or hi_s.shape != likely.shape:
        raise ValueError(f"low and high must have the same shape as the scores {likely.shape}.")
    if (lo_s > likely).any() or (likely > hi_s).any():
        i, k = np.argwhere((lo_s > likely) | (likely > hi_s))[0]
        raise ValueError(
            f"Row {i}, criterion {k}: a range must read low <= likely <= high; got "
            f"{lo_s[i, k]:g} / {likely[i, k]:g} / {hi_s[i, k]:g}."
        )
    if weight_mode not in WEIGHT_MODES:
        raise ValueError(f"weight_mode must be one of {', '.join(WEIGHT_MODES)}; got {weight_mode!r}.")
    if not (np.isfinite(concentration) and concentration > 0):
        raise ValueError("The concentration of the weights around yours must be a positive number.")
    if draws < 1 or chunk_size < 1 or bins < 1 or keep < 0:
        raise ValueError("draws, chunk_size and bins must be at least 1 (keep at least 0).")

    span = float(hi_s.max() - lo_s.min()) or 1.0  # |total - staying| never exceeds it
    uncertain = hi_s > lo_s
    rows = np.flatnonzero(uncertain.any(axis=1))
    cols = np.flatnonzero(uncertain.any(axis=0))
    rng_ = (hi_s - lo_s)[np.ix_(rows, cols)]
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where(rng_ > 0, (likely - lo_s)[np.ix_(rows, cols)] / rng_, 0.5)
    positive = w > 0
    setup = _Setup(
        n=n,
        m=m,
        weights=w,
        mode=weight_mode,
        alpha=concentration * w[positive],
        positive=positive,
        base=lo_s + hi_s - likely,
        rows=rows,
        cols=cols,
        c=c.ravel().astype(np.float32),
        a=(rng_**2 * c).ravel().astype(np.float32),
        b=(rng_**2 * (1.0 - c)).ravel().astype(np.float32),
        tol=tol,
        lo=-span,
        width=2.0 * span / bins,
        bins=bins,
        keep=keep,
    )

    root = np.random.SeedSequence(seed)
    starts = list(range(0, draws, chunk_size))
    seqs = root.spawn(len(starts))
    sizes = [min(chunk_size, draws - s) for s in starts]
    n_workers = max(1, min(workers or (os.cpu_count() or 1), len(starts)))
    scratch = threading.local()  # float32 buffers per worker thread, reused across its chunks

    def job(j: int) -> _Partial:
        if not hasattr(scratch, "buf"):
            scratch.buf = []
        return _chunk(setup, seqs[j], starts[j], sizes[j], scratch.buf)

    # Chunks are folded in in order (so the sums do not depend on the number of workers), and
    # at most 2 x workers finished chunks wait at any time: memory does not grow with `draws`.
    acc = _Accumulator(n, m, bins)
    if n_workers == 1:
        for j in range(len(starts)):
            acc.add(job(j))
    else:
        with ThreadPoolExecutor(max_workers=n_workers) as pool:
            pending: deque[Future[_Partial]] = deque()
            for j in range(len(starts)):
                pending.append(pool.submit(job, j))
                if len(pending) >= 2 * n_workers:
                    acc.add(pending.popleft().result())
            while pending:
                acc.add(pending.popleft().result())

    first = acc.ranks[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        central = np.where(first[:, None] > 0, acc.first_w / first[:, None], np.nan)
    return SMAAResult(
        labels=_names(labels, n, "Option"),
        criterion_names=_names(criterion_names, m, "Criterion"),
        draws=draws,
        seed=int(root.entropy),  # type: ignore[arg-type]
        weight_mode=weight_mode,
        concentration=float(concentration),
        chunk_size=chunk_size,
        rank_acceptability=acc.ranks / draws,
        p_beats_staying=acc.beats / draws,
        central_weights=central,
        diff_edges=np.linspace(-span, span, bins + 1),
        diff_hist=acc.hist,
        diff_mean=acc.mean,
        diff_std=np.sqrt(acc.m2 / draws),
        diff_samples=np.concatenate(acc.samples, axis=0),
    )


def smaa_for(
    comparison: DecisionMatrix, *, low: ArrayLike | None = None, high: ArrayLike | None = None, **options
) -> SMAAResult:
    """`smaa` of a `core.decision.matrix.DecisionMatrix`: its scores are the most likely values; `low` and
    `high` (same shape, 0-10 scores) give the ranges; `options` go to `smaa`."""
    return smaa(**matrix_arguments(comparison), low=low, high=high, **options)


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
    labels = _names(names, n, "Criterion")
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
