"""Weight sensitivity, SMAA-2 and AHP weights, checked against hand-worked and published numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core.decision import methods as rb
from core.decision.ahp import (
    CR_THRESHOLD,
    SAATY_RANDOM_INDEX,
    ahp_weights,
    implied,
    inconsistency_hint,
    judgement_in_words,
    pairwise_matrix,
)
from core.decision.sensitivity import (
    Flip,
    reweighted,
    sensitivity_for,
    sweep_for,
    weight_sensitivity,
    weight_sweep,
)
from core.decision.smaa import smaa, smaa_for


def test_tie_tolerance_is_the_one_scoring_uses():
    from core.decision.scoring import TIE_TOLERANCE

    assert rb.TIE_TOLERANCE == TIE_TOLERANCE


# Weight sensitivity: hand-worked ------------------------------------------------------------------

# Three options, three criteria, sliders 2 : 1 : 1, so weights 0.50 / 0.25 / 0.25.
#                 Pay  Growth  Balance   total
#   staying        5     5       5       5.00
#   A              9     4       2       4.5 + 1.0 + 0.5  = 6.00
#   B              4     8       9       2.0 + 2.0 + 2.25 = 6.25   <- on top
HAND_S = np.array([[5.0, 5.0, 5.0], [9.0, 4.0, 2.0], [4.0, 8.0, 9.0]])
HAND_W = np.array([2.0, 1.0, 1.0])


def test_hand_worked_flip_weights():
    # Pay at share t, Growth and Balance (1 - t) / 2 each:
    #   A(t) = 9t + (1 - t)(4 + 2)/2 = 3 + 6t,   B(t) = 4t + (1 - t)(8 + 9)/2 = 8.5 - 4.5t
    #   A = B at 3 + 6t = 8.5 - 4.5t  ->  t = 5.5 / 10.5 = 11/21 = 52.38 %  (up from 50 %: A takes over)
    #   going down B only pulls further ahead (and stays above staying's 5): no flip below.
    # Growth at share t, Pay 2(1 - t)/3 and Balance (1 - t)/3:
    #   A(t) = 20/3 - 8t/3,   B(t) = 17/3 + 7t/3   ->  equal at t = 1/5 = 20 %  (down from 25 %: A)
    # Balance at share t, Pay 2(1 - t)/3 and Growth (1 - t)/3:
    #   A(t) = 22/3 - 16t/3,  B(t) = 16/3 + 11t/3  ->  equal at t = 2/9 = 22.2 % (down from 25 %: A)
    # Smallest change: Pay +2.38 points (Balance -2.78, Growth -5.00).
    ws = weight_sensitivity(HAND_S, HAND_W, labels=["Stay", "A", "B"])
    assert ws.top == 2
    np.testing.assert_allclose(ws.weights, [0.5, 0.25, 0.25])
    np.testing.assert_allclose(ws.at_zero[:, 0], [5.0, 3.0, 8.5])
    np.testing.assert_allclose(ws.at_zero[:, 1], [5.0, 20 / 3, 17 / 3])
    np.testing.assert_allclose(ws.at_zero[:, 2], [5.0, 22 / 3, 16 / 3])
    np.testing.assert_allclose(ws.flip_up, [11 / 21, np.nan, np.nan])
    np.testing.assert_allclose(ws.flip_down, [np.nan, 1 / 5, 2 / 9])
    assert ws.takes_over_up.tolist() == [1, -1, -1]
    assert ws.takes_over_down.tolist() == [-1, 1, 1]
    np.testing.assert_allclose(ws.top_low, [0.0, 1 / 5, 2 / 9])
    np.testing.assert_allclose(ws.top_high, [11 / 21, 1.0, 1.0])

    critical = ws.critical()
    assert critical is not None
    assert (critical.criterion, critical.before, critical.after, critical.direction) == (0, 2, 1, "up")
    assert critical.change == pytest.approx(11 / 21 - 1 / 2)  # +2.38 points
    assert len(ws.top_flips()) == 3

    # Both offers beat staying (5) at every Pay weight: A >= 5 needs t >= 1/3, B >= 5 needs t <= 7/9,
    # so they are never both below it. Same for the other two criteria: no offer flip at all.
    assert ws.offer_ahead and ws.best_offer == 2
    assert ws.critical_offer() is None
    assert np.isnan(ws.offer_flip_up).all() and np.isnan(ws.offer_flip_down).all()


def test_hand_worked_offer_against_staying():
    # Staying 6 / 6, one offer 9 / 2, sliders 3 : 2 (weights 0.6 / 0.4): offer 5.4 + 0.8 = 6.2 > 6.
    # Criterion 0 at share t: offer(t) = 9t + 2(1 - t) = 2 + 7t, staying 6 -> equal at t = 4/7 = 57.14 %
    # (down 2.86 points: staying wins below). Criterion 1 at share t: offer(t) = 9 - 7t -> t = 3/7
    # (up 2.86 points). Equal distances: the lower criterion index is reported.
    s = np.array([[6.0, 6.0], [9.0, 2.0]])
    ws = weight_sensitivity(s, [3, 2])
    assert ws.offer_ahead and ws.top == 1
    np.testing.assert_allclose(ws.offer_flip_down, [4 / 7, np.nan])
    np.testing.assert_allclose(ws.offer_flip_up, [np.nan, 3 / 7])
    assert ws.offer_down.tolist() == [1, -1] and ws.offer_up.tolist() == [-1, 1]
    flip = ws.critical_offer()
    assert flip == Flip(criterion=0, current=0.6, threshold=pytest.approx(4 / 7), before=1, after=0)
    assert flip.change == pytest.approx(-2 / 70)
    # With two options the top flips at the same weights.
    np.testing.assert_allclose(ws.flip_down, [4 / 7, np.nan])
    assert ws.takes_over_down.tolist() == [0, -1]

    # Equal sliders: offer 5.5 < 6, staying ahead. The offer gets ahead above 4/7 on criterion 0
    # (+7.14 points) and below 3/7 on criterion 1 (-7.14 points).
    ws = weight_sensitivity(s, [1, 1])
    assert not ws.offer_ahead and ws.top == 0
    np.testing.assert_allclose(ws.offer_flip_up, [4 / 7, np.nan])
    np.testing.assert_allclose(ws.offer_flip_down, [np.nan, 3 / 7])
    flip = ws.critical_offer()
    assert (flip.criterion, flip.before, flip.after) == (0, 0, 1)
    assert flip.change == pytest.approx(4 / 7 - 1 / 2)


def test_tied_top_flips_at_zero_distance():
    # Equal weights: A = (8 + 3)/2 = 5.5 = B = (2 + 9)/2. A is on top (lowest index among equals, as
    # DecisionMatrix.order); any more weight on criterion 1 hands it to B.
    ws = weight_sensitivity([[5, 5], [8, 3], [2, 9]], [1, 1])
    assert ws.top == 1
    flip = ws.critical()
    assert flip.change == pytest.approx(0.0, abs=1e-12)
    assert flip.after == 2


def test_reweighted_keeps_proportions_and_sums_to_one():
    np.testing.assert_allclose(reweighted([2, 1, 1], 0, 0.2), [0.2, 0.4, 0.4])
    np.testing.assert_allclose(reweighted([1, 3, 0], 2, 0.5), [0.125, 0.375, 0.5])
    # All the weight on one criterion: the rest is shared equally when it is moved.
    np.testing.assert_allclose(reweighted([5, 0, 0], 0, 0.4), [0.4, 0.3, 0.3])
    with pytest.raises(ValueError, match="between 0 and 1"):
        reweighted([1, 1], 0, 1.5)


def test_all_weight_on_one_criterion():
    s = np.array([[5.0, 6.0, 2.0], [7.0, 1.0, 3.0]])
    ws = weight_sensitivity(s, [1, 0, 0])
    # Pay at share t, the others (1 - t)/2 each: staying 5t + 4(1 - t), offer 7t + 2(1 - t).
    np.testing.assert_allclose(ws.at_zero[:, 0], [4.0, 2.0])
    # Offer 2 + 5t vs staying 4 + t: equal at t = 1/2; offer on top now (t = 1).
    assert ws.top == 1
    np.testing.assert_allclose(ws.flip_down[0], 0.5)
    np.testing.assert_allclose(ws.totals_at(0, 0.3), s @ reweighted([1, 0, 0], 0, 0.3))


def test_single_criterion_never_flips():
    ws = weight_sensitivity([[5.0], [6.0]], [3.0])
    assert ws.critical() is None and ws.critical_offer() is None
    assert ws.top == 1


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="one row per option"):
        weight_sensitivity([[1, 2]], [1, 1])
    with pytest.raises(ValueError, match="one weight per criterion"):
        weight_sensitivity([[1, 2], [3, 4]], [1])
    with pytest.raises(ValueError, match="Every weight is 0"):
        weight_sensitivity([[1, 2], [3, 4]], [0, 0])


def test_sweep_is_the_lines_of_the_sensitivity():
    sw = weight_sweep(HAND_S, HAND_W, num=5)
    assert sw.totals.shape == (3, 5, 3)
    np.testing.assert_allclose(sw.t, [0, 0.25, 0.5, 0.75, 1])
    w = HAND_W / HAND_W.sum()
    for k in range(3):
        for g, t in enumerate(sw.t):
            np.testing.assert_allclose(sw.totals[k, g], HAND_S @ reweighted(HAND_W, k, t))
    # Criterion 1 and 2 sit at 25 % now: the grid point 0.25 gives today's totals.
    np.testing.assert_allclose(sw.totals[1, 1], HAND_S @ w)
    np.testing.assert_allclose(sw.diff_vs_staying[..., 0], 0.0)


def test_wrappers_take_a_comparison():
    from core.decision.scoring import compare
    from tests.scenarios import simple_example

    c = compare(simple_example())
    ws = sensitivity_for(c)
    plain = weight_sensitivity(c.scores, c.weights)
    np.testing.assert_array_equal(ws.flip_up, plain.flip_up)
    np.testing.assert_array_equal(ws.flip_down, plain.flip_down)
    assert ws.top == c.order[0]
    labels = tuple(a.label for a in c.alternatives)
    names = tuple(k.name for k in c.criteria)
    assert ws.labels == labels and ws.criterion_names == names
    assert sweep_for(c, num=3).totals.shape == (len(names), 3, len(labels))
    r = smaa_for(c, draws=500)
    assert r.p_first[c.order[0]] == 1.0  # fixed weights, no ranges: the deterministic winner


# Weight sensitivity: properties --------------------------------------------------------------------


@st.composite
def slider_problems(draw):
    """Integer ratings 0-10 and integer slider positions 0-100, as the app produces them."""
    n = draw(st.integers(2, 5))
    m = draw(st.integers(1, 4))
    s = np.array(draw(st.lists(st.integers(0, 10), min_size=n * m, max_size=n * m)), float).reshape(n, m)
    w = np.array(draw(st.lists(st.integers(0, 100), min_size=m, max_size=m)), float)
    if w.sum() == 0:
        w[draw(st.integers(0, m - 1))] = draw(st.integers(1, 100))
    return s, w


def _explicit_weights(w: np.ndarray, k: int, t: np.ndarray) -> np.ndarray:
    """w_j(t) = w_j (1 - t) / (1 - w_k), written out independently of core.decision.sensitivity (grid x m)."""
    w = w / w.sum()
    m = w.size
    if m == 1:  # a single criterion always holds 100 %: there is nothing to move
        return np.ones((t.size, 1))
    rest = 1.0 - w[k]
    out = np.empty((t.size, m))
    for j in range(m):
        if j == k:
            out[:, j] = t
        elif rest > 1e-15:
            out[:, j] = w[j] * (1 - t) / rest
        else:
            out[:, j] = (1 - t) / (m - 1)
    return out


GRID = np.linspace(0.0, 1.0, 2001)
TOL = rb.TIE_TOLERANCE
# With integer ratings and sliders every lead changes by at least 1/300 per unit of weight share
# (its slope is an integer over the sum of the other sliders), so 1e-6 past a threshold the
# winner is ahead by more than the tie tolerance.
PAST = 1e-6


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(slider_problems())
def test_thresholds_match_a_brute_force_sweep(problem):
    s, w = problem
    ws = weight_sensitivity(s, w)
    a = ws.top
    for k in range(s.shape[1]):
        t0 = ws.weights[k]
        totals = s @ _explicit_weights(w, k, GRID).T  # (n, grid)
        best = totals.max(axis=0)
        on_top = totals[a] >= best - TOL
        inside = (ws.top_low[k] <= GRID) & (ws.top_high[k] >= GRID)
        assert on_top[inside].all()
        beyond = (ws.top_high[k] + PAST < GRID) | (ws.top_low[k] - PAST > GRID)
        assert not on_top[beyond].any()
        for t_flip, who, step in (
            (ws.flip_up[k], ws.takes_over_up[k], PAST),
            (ws.flip_down[k], ws.takes_over_down[k], -PAST),
        ):
            if np.isnan(t_flip):
                assert who == -1
                continue
            at = s @ _explicit_weights(w, k, np.array([t_flip, t_flip + step])).T
            assert at[who, 0] == pytest.approx(at[a, 0], abs=1e-9)  # level at the threshold
            assert at[who, 1] > at[a, 1] + TOL  # ahead just past it

        # Best offer vs staying.
        lead = totals[1:].max(axis=0) - totals[0]
        ahead_now = ws.offer_ahead
        for t_flip, who, side in (
            (ws.offer_flip_up[k], ws.offer_up[k], 1),
            (ws.offer_flip_down[k], ws.offer_down[k], -1),
        ):
            far = t0 < GRID if side == 1 else t0 > GRID
            if np.isnan(t_flip):
                assert who == -1
                same = lead[far] > TOL if ahead_now else lead[far] <= TOL
                assert same.all()
                continue
            between = far & (np.abs(GRID - t0) < abs(t_flip - t0) - PAST)
            same = lead[between] > TOL if ahead_now else lead[between] <= TOL
            assert same.all()
            at = s @ _explicit_weights(w, k, np.array([t_flip, t_flip + side * PAST])).T
            assert at[who, 0] == pytest.approx(at[0, 0], abs=1e-9)  # the offer is level with staying
            assert at[1:, 0].max() == pytest.approx(at[0, 0], abs=1e-9)
            if not ahead_now:
                assert at[who, 1] > at[0, 1] + TOL  # and strictly ahead just past it


@settings(max_examples=60, deadline=None)
@given(slider_problems(), st.sampled_from([0.01, 0.37, 3.0, 250.0]))
def test_scaling_all_weights_changes_nothing(problem, factor):
    s, w = problem
    a, b = weight_sensitivity(s, w), weight_sensitivity(s, w * factor)
    assert a.top == b.top and a.offer_ahead == b.offer_ahead
    for name in ("weights", "flip_up", "flip_down", "offer_flip_up", "offer_flip_down", "at_zero"):
        np.testing.assert_allclose(getattr(a, name), getattr(b, name), rtol=1e-12, atol=1e-12)
    for name in ("takes_over_up", "takes_over_down", "offer_up", "offer_down"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    r1 = smaa(s, w, weight_mode="around", draws=300, seed=5)
    r2 = smaa(s, w * factor, weight_mode="around", draws=300, seed=5)
    np.testing.assert_allclose(r1.rank_acceptability, r2.rank_acceptability)


# SMAA-2 ---------------------------------------------------------------------------------------------


def _identity(n: int) -> np.ndarray:
    return 10.0 * np.eye(n)


def test_identity_matrix_without_weight_information_is_a_fair_lottery():
    # Option i scores 10 on criterion i and 0 elsewhere, so its total is 10 w_i: it ranks first
    # exactly when w_i is the largest weight. With weights uniform on the simplex each option is
    # first with probability 1/n (symmetry), and its central weight on its own criterion is the
    # mean of the largest of n uniform spacings, H_n / n (H_n the harmonic number): 25/48 for n = 4.
    n, draws = 4, 40_000
    r = smaa(_identity(n), np.ones(n), weight_mode="none", draws=draws, seed=11)
    se = math.sqrt(0.25 * 0.75 / draws)  # 0.0022
    np.testing.assert_allclose(r.p_first, 1 / n, atol=5 * se)
    np.testing.assert_allclose(r.rank_acceptability, 1 / n, atol=5 * se)
    np.testing.assert_allclose(r.standard_error(0.25), se)
    own = np.diag(r.central_weights)
    np.testing.assert_allclose(own, 25 / 48, atol=0.01)
    # Symmetric: the same weight on its own criterion, the rest shared equally by the others.
    off = r.central_weights[~np.eye(n, dtype=bool)]
    np.testing.assert_allclose(off, (1 - 25 / 48) / 3, atol=0.01)
    np.testing.assert_allclose(r.central_weights.sum(axis=1), 1.0)


def test_rank_acceptability_rows_and_columns_sum_to_one():
    rng = np.random.default_rng(0)
    s = rng.uniform(2, 8, (6, 4))
    for mode in ("fixed", "around", "none"):
        r = smaa(s, [4, 3, 2, 1], low=s - 2, high=s + 1.5, weight_mode=mode, draws=3_000, seed=1)
        np.testing.assert_allclose(r.rank_acceptability.sum(axis=0), 1.0)
        np.testing.assert_allclose(r.rank_acceptability.sum(axis=1), 1.0)
        assert r.diff_hist.sum(axis=1).tolist() == [3_000] * 6
        assert r.p_beats_staying[0] == 0.0


def test_fixed_weights_and_certain_ratings_give_the_deterministic_answer():
    w = np.array([0.3, 0.1, 0.2, 0.15, 0.2, 0.05])
    s = np.array(
        [[5, 5, 7, 6, 4, 5], [9.2, 7, 5, 6, 8, 5], [5.9, 6, 7, 7, 7, 6], [5.6, 6, 6, 5, 6, 9]], dtype=float
    )
    totals = s @ w
    order = np.argsort(-totals)
    r = smaa(s, w, draws=1_000)
    assert r.p_first[order[0]] == 1.0
    np.testing.assert_array_equal(r.rank_acceptability, np.eye(4)[np.argsort(order)])
    np.testing.assert_array_equal(r.p_beats_staying, (totals > totals[0]).astype(float))
    np.testing.assert_allclose(r.central_weights[order[0]], w)
    assert np.isnan(np.delete(r.central_weights, order[0], axis=0)).all()
    np.testing.assert_allclose(r.diff_mean, totals - totals[0])
    np.testing.assert_allclose(r.diff_std, 0.0, atol=1e-7)


def test_exact_ties_share_ranks_equally():
    # Two identical offers on top: each takes half of first place and half of second.
    s = np.array([[5.0, 5.0], [7.0, 7.0], [7.0, 7.0]])
    r = smaa(s, [1, 1], draws=100)
    np.testing.assert_allclose(r.rank_acceptability, [[0, 0, 1], [0.5, 0.5, 0], [0.5, 0.5, 0]])
    np.testing.assert_allclose(r.central_weights[1:], 0.5)
    # Totals equal up to rounding (0.1 + 0.2 vs 0.3) are a tie too, as in core.decision.scoring.
    s = np.array([[0.1 + 0.2, 0.0], [0.3, 0.0]])
    np.testing.assert_allclose(smaa(s, [1, 0], draws=10).p_first, [0.5, 0.5])


def test_a_dominated_option_is_never_first():
    # Option 2 is below option 1 on every criterion in every draw (its high < option 1's low).
    likely = np.array([[5.0, 5.0, 5.0], [8.0, 7.0, 9.0], [6.0, 5.0, 7.0]])
    low = likely - np.array([[1, 1, 1], [0.5, 0.5, 0.5], [2, 2, 2]])
    high = likely + np.array([[1, 1, 1], [0.5, 0.5, 0.5], [1, 1, 1]])
    for mode in ("none", "around"):
        r = smaa(likely, [1, 1, 1], low=low, high=high, weight_mode=mode, draws=5_000, seed=2)
        assert r.p_first[2] == 0.0
        assert r.rank_acceptability[2, 0] == 0.0
        assert np.isnan(r.central_weights[2]).all()


@settings(max_examples=25, deadline=None)
@given(slider_problems(), st.integers(0, 10_000))
def test_a_strictly_dominated_option_is_never_first_in_any_draw(problem, seed):
    s, w = problem
    s = np.vstack([s, s[-1] - 0.5])  # a copy of the last option, half a point worse everywhere
    r = smaa(s, w, low=s - 0.2, high=s + 0.2, weight_mode="none", draws=400, seed=seed)
    assert r.p_first[-1] == 0.0


def test_seeded_runs_are_reproducible_on_any_number_of_workers():
    rng = np.random.default_rng(3)
    s = rng.uniform(0, 10, (8, 5))
    kwargs = dict(low=np.clip(s - 2, 0, 10), high=np.clip(s + 2, 0, 10), weight_mode="around", draws=5_000)
    a = smaa(s, np.arange(1, 6), seed=42, workers=1, chunk_size=700, **kwargs)
    b = smaa(s, np.arange(1, 6), seed=42, workers=2, chunk_size=700, **kwargs)
    for name in (
        "rank_acceptability",
        "p_beats_staying",
        "central_weights",
        "diff_hist",
        "diff_samples",
        "diff_mean",
    ):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert a.seed == 42 and a.draws == 5_000
    c = smaa(s, np.arange(1, 6), seed=43, chunk_size=700, **kwargs)
    assert not np.array_equal(a.rank_acceptability, c.rank_acceptability)
    # No seed: fresh entropy, reported so the run can be repeated.
    d = smaa(s, np.arange(1, 6), seed=None, chunk_size=700, **kwargs)
    e = smaa(s, np.arange(1, 6), seed=d.seed, chunk_size=700, **kwargs)
    np.testing.assert_array_equal(d.rank_acceptability, e.rank_acceptability)


def test_triangular_ratings_have_the_right_mean_spread_and_range():
    # One uncertain rating: the offer's only criterion is Triangular(2, 7, 8); staying is a sure 5.
    # Mean (2 + 7 + 8)/3 = 17/3, variance (4 + 49 + 64 - 14 - 16 - 56)/18 = 31/18.
    s = np.array([[5.0], [7.0]])
    r = smaa(s, [1], low=[[5.0], [2.0]], high=[[5.0], [8.0]], draws=40_000, seed=9, keep=40_000)
    assert r.diff_mean[1] == pytest.approx(17 / 3 - 5, abs=0.02)
    assert r.diff_std[1] == pytest.approx(math.sqrt(31 / 18), abs=0.02)
    samples = r.diff_samples[:, 1] + 5
    assert samples.min() >= 2.0 - 1e-5 and samples.max() <= 8.0 + 1e-5
    # P(X <= 7) = (7 - 2)/(8 - 2) = 5/6 for the mode; P(X > 5) = 1 - 9/30 = 0.7 beats staying.
    assert np.mean(samples <= 7.0) == pytest.approx(5 / 6, abs=0.01)
    assert r.p_beats_staying[1] == pytest.approx(0.7, abs=0.01)
    assert r.diff_quantile(0.5)[0, 1] == pytest.approx(np.median(samples) - 5, abs=0.1)


def test_weights_around_yours_tighten_with_the_concentration():
    w = np.array([0.5, 0.3, 0.2])
    s = _identity(3)
    tight = smaa(s, w, weight_mode="around", concentration=1e6, draws=2_000)
    assert tight.p_first[0] == 1.0
    np.testing.assert_allclose(tight.central_weights[0], w, atol=0.002)
    loose = smaa(s, w, weight_mode="around", concentration=2.0, draws=2_000)
    assert 0.0 < loose.p_first[1] < 1.0 and loose.p_first[0] > loose.p_first[2]
    # A criterion weighted 0 stays at 0.
    zero = smaa(s, [1, 1, 0], weight_mode="around", draws=500)
    assert zero.p_first[2] == 0.0 and np.nanmax(zero.central_weights[:, 2]) == 0.0


def test_memory_stays_bounded():
    r = smaa(_identity(3), np.ones(3), weight_mode="none", draws=10_000, chunk_size=1_000, keep=250)
    assert r.diff_samples.shape == (250, 3) and r.diff_hist.shape == (3, 200)


def test_smaa_refuses_bad_input():
    s = np.array([[5.0, 5.0], [6.0, 4.0]])
    with pytest.raises(ValueError, match="low <= likely <= high"):
        smaa(s, [1, 1], low=s + 1)
    with pytest.raises(ValueError, match="weight_mode"):
        smaa(s, [1, 1], weight_mode="random")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="concentration"):
        smaa(s, [1, 1], weight_mode="around", concentration=0)
    with pytest.raises(ValueError, match="same shape"):
        smaa(s, [1, 1], low=np.zeros((3, 2)))


# AHP ---------------------------------------------------------------------------------------------

# Saaty, T. L. (2008), "Decision making with the analytic hierarchy process", Int. J. Services
# Sciences 1(1):83-98, "Which drink is consumed more in the U.S.?": the judgement matrix and its
# published derived priorities (coffee .177, wine .019, tea .042, beer .116, sodas .190, milk .129,
# water .327) and C.R. = .022. (The same numbers are the reference values in the AHPy test suite.)
DRINKS = np.array(
    [
        [1, 9, 5, 2, 1, 1, 1 / 2],
        [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
        [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
        [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [1, 9, 4, 2, 1, 2, 1 / 2],
        [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [2, 9, 9, 3, 2, 3, 1],
    ]
)

# Wikipedia, "Analytic hierarchy process - leader example": criteria Experience, Education,
# Charisma, Age; published priorities .547, .127, .270, .056 and consistency ratio .044.
LEADER = np.array([[1, 4, 3, 7], [1 / 4, 1, 1 / 3, 3], [1 / 3, 3, 1, 5], [1 / 7, 1 / 3, 1 / 5, 1]])


def test_ahp_reproduces_saatys_drinks_example():
    r = ahp_weights(DRINKS, names=["coffee", "wine", "tea", "beer", "sodas", "milk", "water"])
    np.testing.assert_array_equal(r.priorities.round(3), [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327])
    assert round(r.cr, 3) == 0.022
    assert r.random_index == 1.32 and not r.inconsistent
    assert r.lambda_max == pytest.approx(7 + 6 * r.ci)


def test_ahp_reproduces_the_wikipedia_leader_example():
    r = ahp_weights(LEADER)
    # The article prints three decimals, truncated for Experience (eigenvector 0.54757): within 0.001.
    np.testing.assert_allclose(r.priorities, [0.547, 0.127, 0.270, 0.056], atol=1e-3)
    assert round(r.cr, 3) == 0.044
    assert r.random_index == 0.90


def test_a_consistent_matrix_returns_its_weights_exactly():
    w = np.array([0.4, 0.3, 0.2, 0.1])
    r = ahp_weights(w[:, None] / w[None, :])
    np.testing.assert_allclose(r.priorities, w, rtol=0, atol=1e-12)
    assert r.lambda_max == pytest.approx(4.0, abs=1e-12)
    assert r.ci == pytest.approx(0.0, abs=1e-12) and r.cr == pytest.approx(0.0, abs=1e-12)
    assert r.worst is None and r.suggested is None
    np.testing.assert_allclose(r.error_matrix(), 1.0)


def test_small_matrices_are_always_consistent():
    r = ahp_weights([[1, 3], [1 / 3, 1]])
    np.testing.assert_allclose(r.priorities, [0.75, 0.25])
    assert r.cr == 0.0 and r.random_index == 0.0
    assert ahp_weights([[1.0]]).priorities.tolist() == [1.0]


def test_the_most_inconsistent_judgement_is_named():
    # Consistent from weights 0.5 / 0.25 / 0.125 / 0.125, then one judgement overstated: 1 vs 3
    # should be 2 but says 8.
    w = np.array([0.5, 0.25, 0.125, 0.125])
    a = w[:, None] / w[None, :]
    a[1, 3], a[3, 1] = 8.0, 1 / 8
    r = ahp_weights(a)
    assert r.worst == (1, 3) and r.worst_ratio == pytest.approx(4.0)
    assert r.suggested == pytest.approx(2.0)  # what the other judgements say: 0.25 / 0.125
    # Understated instead: reported in the direction where the judgement is too large.
    a[1, 3], a[3, 1] = 1 / 4, 4.0
    assert ahp_weights(a).worst == (3, 1)


def test_the_hint_suggests_what_the_other_answers_imply_worked_example():
    """Pay equal to Growth and Pay 5 times Title say Growth is 5 times Title; the answer "Title
    extremely more (9) than Growth" contradicts them. The hint once said "about 1.6 times, not 9"
    (w_Title / w_Growth from priorities that include the bad answer), and following it left CR far
    above 0.10. The indirect path Title -> Pay -> Growth gives a_TP a_PG = 1/5 x 1 = 1/5."""
    names = ["Pay", "Title", "Growth"]
    a = pairwise_matrix(3, {(0, 1): 5, (1, 2): 9, (0, 2): 1})
    r = ahp_weights(a, names)
    assert r.inconsistent and round(r.cr, 2) == 1.58
    assert r.worst == (1, 2) and r.suggested == pytest.approx(0.2)
    assert inconsistency_hint(r) == (
        "The answer that fits the others least: Title 9 times as important as Growth. "
        "Your other answers imply Growth about 5 times as important as Title."
    )
    followed = ahp_weights(pairwise_matrix(3, {(0, 1): 5, (1, 2): 1 / 5, (0, 2): 1}), names)
    assert followed.cr == pytest.approx(0.0, abs=1e-9) and inconsistency_hint(followed) is None
    np.testing.assert_allclose(followed.priorities, [5 / 11, 1 / 11, 5 / 11])
    # The same three answers among six criteria, the other pairs left equal: the other answers now
    # say Growth (1/5 x 1 x 1 x 1)^(1/4) = 1.495 times Title; following it brings CR below 0.10.
    six = ["Pay", "Title", "Work-life balance", "Culture fit", "Growth", "Mission"]
    r = ahp_weights(pairwise_matrix(6, {(0, 1): 5, (1, 4): 9}), six)
    assert r.worst == (1, 4) and r.suggested == pytest.approx(0.2**0.25)
    assert inconsistency_hint(r).endswith("imply Growth about 1.5 times as important as Title.")
    assert ahp_weights(pairwise_matrix(6, {(0, 1): 5, (1, 4): r.suggested})).cr < CR_THRESHOLD


def test_what_the_other_judgements_imply():
    a = pairwise_matrix(4, {(0, 1): 2, (0, 2): 4, (0, 3): 8, (1, 2): 2, (1, 3): 4, (2, 3): 2})  # consistent
    np.testing.assert_allclose(implied(a), a)
    a[0, 3], a[3, 0] = 2.0, 0.5  # one judgement off: the others still say 8
    assert implied(a)[0, 3] == pytest.approx(8.0)
    assert np.isnan(implied([[1, 3], [1 / 3, 1]])[0, 1])  # no other criterion to go through
    assert judgement_in_words(["A", "B"], 0, 1, 1 / 3) == "B 3 times as important as A"
    assert judgement_in_words(["A", "B"], 0, 1, 1.02, about=True) == "A about as important as B"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    weights=st.lists(st.floats(1.0, 9.0), min_size=3, max_size=8),
    pair=st.tuples(st.integers(0, 7), st.integers(0, 7)),
    log_factor=st.floats(-4.4, 4.4).filter(lambda x: abs(x) > 0.05),
)
def test_following_the_hint_fixes_one_judgement_that_is_off(weights, pair, log_factor):
    """Consistent judgements (a_ij = w_i / w_j, every ratio within Saaty's 1/9..9), then one of them
    moved (kept on the scale): when that makes CR exceed 0.10, the hint names the moved judgement
    (with four or more criteria; with three, any one of the three is as much to blame) and
    following its suggestion brings CR back below 0.10."""
    n = len(weights)
    i, j = pair[0] % n, pair[1] % n
    assume(i != j)
    w = np.array(weights)
    a = w[:, None] / w[None, :]
    v = float(np.clip(a[i, j] * np.exp(log_factor), 1 / 9, 9))
    a[i, j], a[j, i] = v, 1 / v
    r = ahp_weights(a)
    assume(r.inconsistent)
    assert r.worst is not None and r.suggested is not None
    if n >= 4:
        assert set(r.worst) == {i, j}
        assert r.suggested == pytest.approx(w[r.worst[0]] / w[r.worst[1]])
    p, q = r.worst
    a[p, q], a[q, p] = r.suggested, 1 / r.suggested
    followed = ahp_weights(a)
    assert followed.cr < CR_THRESHOLD
    assert followed.cr == pytest.approx(0.0, abs=1e-9)
    if n >= 4:  # the moved judgement put back: the weights it came from
        np.testing.assert_allclose(followed.priorities, w / w.sum(), rtol=1e-9)


def test_cyclic_judgements_are_flagged():
    # A > B > C > A, each "extremely": as inconsistent as judgements get.
    r = ahp_weights([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]])
    assert r.inconsistent and r.cr > 1.0


def test_random_index_table():
    assert len(SAATY_RANDOM_INDEX) == 15
    assert SAATY_RANDOM_INDEX[:5] == (0.0, 0.0, 0.58, 0.90, 1.12)


def test_pairwise_matrix_fills_reciprocals():
    a = pairwise_matrix(3, {(0, 1): 3, (2, 0): 2})
    np.testing.assert_allclose(a, [[1, 3, 0.5], [1 / 3, 1, 1], [2, 1, 1]])
    with pytest.raises(ValueError, match="two different criteria"):
        pairwise_matrix(3, {(1, 1): 2})


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1, 2, 3], [0.5, 1, 1]], "square"),
        ([[1, 0], [0, 1]], "positive number"),
        ([[1, 3], [0.5, 1]], r"Pay vs Growth is 3 but Growth vs Pay is 0\.5"),
        ([[1, 12], [1 / 12, 1]], "outside Saaty's scale"),
        ([[2, 1], [1, 1]], "compared with itself must be 1"),
        (np.ones((16, 16)), "at most 15"),
    ],
)
def test_ahp_refuses_bad_matrices(matrix, message):
    names = ["Pay", "Growth"] if np.shape(matrix) == (2, 2) else None
    with pytest.raises(ValueError, match=message):
        ahp_weights(matrix, names=names)


def test_rounded_fractions_are_accepted():
    r = ahp_weights([[1, 3, 0.11], [0.33, 1, 0.2], [9, 5, 1]])
    assert r.priorities.sum() == pytest.approx(1.0)
