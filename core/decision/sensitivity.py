"""Weight sensitivity, exact: set criterion k's weight to t and rescale the others in proportion,
``w_j(t) = w_j (1 - t) / (1 - w_k)``. Every total is then a straight line in t,
``total_i(t) = (1 - t) R_ik + t S_ik`` where ``R_ik`` is option i's total when criterion k weighs
nothing. So the weight at which the top option changes is where two lines cross: found exactly, not
by a grid search (one-at-a-time sensitivity on the weights of an additive value model; Belton and
Stewart 2002, ch. 5; Triantaphyllou and Sanchez 1997 for the smallest change that reverses a
ranking). Arrays as in `core.decision.methods`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
from numpy.typing import ArrayLike

if TYPE_CHECKING:  # only for type hints: keeps this module free of the scenario model
    from core.decision.matrix import DecisionMatrix

from core.decision.methods import (
    TIE_TOLERANCE,
    FloatArray,
    IntArray,
    given_names,
    matrix_arguments,
    normalized_weights,
    score_matrix,
    snap,
    top_index,
)

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
    w = normalized_weights(w, w.shape[0])
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
    s = score_matrix(scores)
    n, m = s.shape
    w = normalized_weights(weights, m)
    r = _lines(s, w)
    totals = s @ w
    top = top_index(totals, tol)
    t0 = w

    # The top option against every other: lead lines (n-1 challengers x m criteria).
    others = np.delete(np.arange(n), top)
    lead0 = snap(r[top] - r[others], tol)
    lead1 = snap(s[top] - s[others], tol)
    lo, hi, who_lo, who_hi = _hold(lead0, lead1, t0, tol)
    takes_down = np.where(who_lo >= 0, others[np.maximum(who_lo, 0)], -1)
    takes_up = np.where(who_hi >= 0, others[np.maximum(who_hi, 0)], -1)

    # Best offer vs staying.
    d0 = snap(r[1:] - r[0], tol)
    d1 = snap(s[1:] - s[0], tol)
    best_offer = 1 + int(np.argmax(totals[1:]))
    offer_ahead = bool(totals[best_offer] - totals[0] > tol)
    if offer_ahead:
        o_lo, o_hi, o_who_lo, o_who_hi = _offer_falls(d0, d1, t0, tol)
    else:
        o_lo, o_hi, o_who_lo, o_who_hi = _hold(-d0, -d1, t0, tol)

    return WeightSensitivity(
        labels=given_names(labels, n, "Option"),
        criterion_names=given_names(criterion_names, m, "Criterion"),
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
    s = score_matrix(scores)
    n, m = s.shape
    w = normalized_weights(weights, m)
    if num < 2:
        raise ValueError("A sweep needs at least 2 points.")
    r = _lines(s, w)
    t = np.linspace(0.0, 1.0, num)
    totals = r.T[:, None, :] + t[None, :, None] * (s - r).T[:, None, :]
    return WeightSweep(
        labels=given_names(labels, n, "Option"),
        criterion_names=given_names(criterion_names, m, "Criterion"),
        weights=w,
        t=t,
        totals=totals,
    )


def sensitivity_for(comparison: DecisionMatrix, tol: float = TIE_TOLERANCE) -> WeightSensitivity:
    """`weight_sensitivity` of a `core.decision.matrix.DecisionMatrix` (its scores and weights)."""
    return weight_sensitivity(**matrix_arguments(comparison), tol=tol)


def sweep_for(comparison: DecisionMatrix, num: int = 101) -> WeightSweep:
    """`weight_sweep` of a `core.decision.matrix.DecisionMatrix`."""
    return weight_sweep(**matrix_arguments(comparison), num=num)
