"""SMAA-2: Monte Carlo over uncertain ratings (triangular low / likely / high) and, optionally, over
the weights; reports rank acceptability, the probability of ranking first, the probability of
beating staying and the central weights (Lahdelma and Salminen 2001, "SMAA-2: Stochastic
multicriteria acceptability analysis for group decision making", Operations Research
49(3):444-454; Tervonen and Lahdelma 2007 for the computation). Arrays as in
`core.decision.methods`.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

if TYPE_CHECKING:  # only for type hints: keeps this module free of the scenario model
    from core.decision.matrix import DecisionMatrix

from core.decision.methods import (
    TIE_TOLERANCE,
    WEIGHT_MODES,
    FloatArray,
    IntArray,
    WeightMode,
    given_names,
    matrix_arguments,
    normalized_weights,
    score_matrix,
)

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
    likely = score_matrix(scores)
    n, m = likely.shape
    w = normalized_weights(weights, m)
    lo_s, hi_s = _ranges(likely, low, high)
    if weight_mode not in WEIGHT_MODES:
        raise ValueError(f"weight_mode must be one of {', '.join(WEIGHT_MODES)}; got {weight_mode!r}.")
    if not (np.isfinite(concentration) and concentration > 0):
        raise ValueError("The concentration of the weights around yours must be a positive number.")
    if draws < 1 or chunk_size < 1 or bins < 1 or keep < 0:
        raise ValueError("draws, chunk_size and bins must be at least 1 (keep at least 0).")

    setup = _setup(likely, lo_s, hi_s, w, weight_mode, concentration, tol=tol, bins=bins, keep=keep)
    root = np.random.SeedSequence(seed)
    acc = _run(setup, root, draws=draws, chunk_size=chunk_size, workers=workers)

    first = acc.ranks[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        central = np.where(first[:, None] > 0, acc.first_w / first[:, None], np.nan)
    span = -setup.lo
    return SMAAResult(
        labels=given_names(labels, n, "Option"),
        criterion_names=given_names(criterion_names, m, "Criterion"),
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


def _ranges(
    likely: np.ndarray, low: ArrayLike | None, high: ArrayLike | None
) -> tuple[np.ndarray, np.ndarray]:
    """The low and high score matrices, checked: the shape of the likely scores, and low <= likely <= high."""
    lo_s = likely if low is None else score_matrix(low, "low")
    hi_s = likely if high is None else score_matrix(high, "high")
    if lo_s.shape != likely.shape or hi_s.shape != likely.shape:
        raise ValueError(f"low and high must have the same shape as the scores {likely.shape}.")
    if (lo_s > likely).any() or (likely > hi_s).any():
        i, k = np.argwhere((lo_s > likely) | (likely > hi_s))[0]
        raise ValueError(
            f"Row {i}, criterion {k}: a range must read low <= likely <= high; got "
            f"{lo_s[i, k]:g} / {likely[i, k]:g} / {hi_s[i, k]:g}."
        )
    return lo_s, hi_s


def _setup(
    likely: np.ndarray,
    lo_s: np.ndarray,
    hi_s: np.ndarray,
    w: np.ndarray,
    weight_mode: WeightMode,
    concentration: float,
    *,
    tol: float,
    bins: int,
    keep: int,
) -> _Setup:
    """What every chunk draws from: the uncertain cells' triangular distributions (as the
    constants `_chunk`'s inverse CDF needs), the weights' Dirichlet, and the histogram's range."""
    n, m = likely.shape
    span = float(hi_s.max() - lo_s.min()) or 1.0  # |total - staying| never exceeds it
    uncertain = hi_s > lo_s
    rows = np.flatnonzero(uncertain.any(axis=1))
    cols = np.flatnonzero(uncertain.any(axis=0))
    rng_ = (hi_s - lo_s)[np.ix_(rows, cols)]
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where(rng_ > 0, (likely - lo_s)[np.ix_(rows, cols)] / rng_, 0.5)
    positive = w > 0
    return _Setup(
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


def _run(
    setup: _Setup, root: np.random.SeedSequence, *, draws: int, chunk_size: int, workers: int | None
) -> _Accumulator:
    """Every chunk of draws, on `workers` threads, folded in in order."""
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
    acc = _Accumulator(setup.n, setup.m, setup.bins)
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
    return acc


def smaa_for(
    comparison: DecisionMatrix, *, low: ArrayLike | None = None, high: ArrayLike | None = None, **options
) -> SMAAResult:
    """`smaa` of a `core.decision.matrix.DecisionMatrix`: its scores are the most likely values; `low` and
    `high` (same shape, 0-10 scores) give the ranges; `options` go to `smaa`."""
    return smaa(**matrix_arguments(comparison), low=low, high=high, **options)
