"""How long SMAA-2 takes at the size the issue sets: 50 options x 12 criteria x 20,000 draws.

    .venv/bin/python benchmarks/robustness_bench.py [--rounds 15] [--draws 20000] [--workers N]

Every rating has a range (triangular low / likely / high, all 600 cells uncertain) and the weights
are drawn around the user's ("around", concentration 50): the most expensive configuration.

Each round times, back to back with time.perf_counter (so all three see the same machine):
  smaa      core.decision.smaa.smaa, everything included (sampling, ranking, counting, histogram);
  matmul    the bare weighted sum of the same size: 20,000 x 50 x 12 ratings, already drawn,
            times one weight vector (one float32 product) - what "evaluate 20,000 scenarios"
            costs with no statistics at all;
  uniforms  drawing the 12 million float32 uniforms the ratings need, nothing else.
After the matmul the round pauses 0.25 s: that product runs on OpenBLAS's threads, which spin for a
while afterwards and would otherwise take a core from the next SMAA run (smaa itself only makes
small per-draw products, which stay on the calling thread).
The medians over the rounds are printed with the ratios, then the exact weight sensitivity (50 x 12)
and peak memory of one SMAA run (tracemalloc, which sees numpy's buffers). Target: SMAA under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.decision.sensitivity import weight_sensitivity
from core.decision.smaa import smaa

N_OPTIONS, N_CRITERIA = 50, 12
TARGET_MS = 100.0
PAUSE_S = 0.25  # after the BLAS baseline, so OpenBLAS's threads are idle again


def problem(seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    likely = rng.uniform(1, 9, (N_OPTIONS, N_CRITERIA))
    low = np.clip(likely - rng.uniform(0.5, 2.5, likely.shape), 0, 10)
    high = np.clip(likely + rng.uniform(0.5, 2.5, likely.shape), 0, 10)
    weights = rng.integers(1, 101, N_CRITERIA).astype(float)
    return likely, low, high, weights


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--draws", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=None, help="default: one per core")
    args = parser.parse_args()

    likely, low, high, weights = problem()
    run = dict(low=low, high=high, weight_mode="around", draws=args.draws, seed=1, workers=args.workers)
    rng = np.random.default_rng(2)
    drawn = rng.random((args.draws, N_OPTIONS, N_CRITERIA), dtype=np.float32) * 10
    w32 = (weights / weights.sum()).astype(np.float32)
    buf = np.empty((args.draws, N_OPTIONS * N_CRITERIA), np.float32)

    timings: dict[str, list[float]] = {"smaa": [], "matmul": [], "uniforms": []}
    smaa(likely, weights, **run)  # warm-up: imports, thread pool, first-touch of memory
    for _ in range(args.rounds):
        t = time.perf_counter()
        result = smaa(likely, weights, **run)
        timings["smaa"].append(time.perf_counter() - t)
        t = time.perf_counter()
        rng.random(out=buf, dtype=np.float32)
        timings["uniforms"].append(time.perf_counter() - t)
        t = time.perf_counter()
        totals = drawn.reshape(-1, N_CRITERIA) @ w32
        timings["matmul"].append(time.perf_counter() - t)
        # The product above runs on OpenBLAS's own threads, which keep spinning for a while after
        # it; left running they take a core from the next SMAA round (measured: about 1.5x slower).
        time.sleep(PAUSE_S)
    assert totals.shape == (args.draws * N_OPTIONS,)

    med = {k: 1e3 * statistics.median(v) for k, v in timings.items()}
    low_ms = {k: 1e3 * min(v) for k, v in timings.items()}
    print(
        f"{N_OPTIONS} options x {N_CRITERIA} criteria x {args.draws:,} draws, all ratings ranged, "
        f"weights 'around'; {args.rounds} rounds, workers={args.workers or os.cpu_count()}, "
        f"{os.cpu_count()} cores, OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}"
    )
    for k in timings:
        print(f"  {k:9s} median {med[k]:7.1f} ms   min {low_ms[k]:7.1f} ms")
    print(f"  smaa / matmul   = {med['smaa'] / med['matmul']:.1f}x")
    print(f"  smaa / uniforms = {med['smaa'] / med['uniforms']:.1f}x")
    print(f"  P(first) of the top 3: {np.sort(result.p_first)[::-1][:3].round(3).tolist()}")

    sens = []
    for _ in range(args.rounds):
        t = time.perf_counter()
        weight_sensitivity(likely, weights)
        sens.append(time.perf_counter() - t)
    print(f"  weight sensitivity (exact, all 12 criteria): median {1e3 * statistics.median(sens):.2f} ms")

    tracemalloc.start()
    smaa(likely, weights, **run)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  peak memory of one SMAA run: {peak / 2**20:.1f} MiB (chunks of 2,000 draws)")

    ok = med["smaa"] < TARGET_MS
    print(f"{'PASS' if ok else 'FAIL'}: median {med['smaa']:.1f} ms, target under {TARGET_MS:.0f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
