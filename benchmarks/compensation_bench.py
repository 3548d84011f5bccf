"""How long the money model takes for 50 options over 10 years at monthly resolution.

    .venv/bin/python benchmarks/compensation_bench.py [--repeat 30]

Times core.money.compensation.project() on a scenario of 50 options, each with two equity grants,
refreshers, a retirement match with graded vesting, a sign-on with clawback and a commute (the
current role likewise), over a 10-year horizon: 51 paths x 9 parts x 120 months. In the same run
it times a baseline: the same 51 x 120 months of base salary with yearly raises, written as a plain
Python loop over months, the way the model would look without numpy. Prints medians and the ratio.
Target: the model well under 20 ms.

Then the same scenario with every job's tax worked out (core.money.tax, 510 returns from tenforty): the
first projection (every return new) and the median once the returns are cached (core.money.tax keeps an
lru_cache per job, year and amounts), each as a ratio to the effective-rate projection timed in
the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.model.scenario import (  # noqa: E402
    Criterion,
    CurrentRole,
    EquityGrant,
    MoneySettings,
    Option,
    Pay,
    Scenario,
    VestingSchedule,
)

# The work itself: `project` gives a projection of the same jobs worked out a moment ago again (its
# cache of recent projections), so timing it in a loop would time the cache.
from core.money.compensation import _project  # noqa: E402


def project(scenario):
    return _project(scenario, None)


TARGET_MS = 20.0


def big_scenario(n_options: int = 50) -> Scenario:
    def pay(k: int) -> Pay:
        return Pay(
            base=90_000 + 1_000 * k,
            raise_pct=3,
            bonus_target_pct=10,
            bonus_payout_pct=90,
            sign_on=10_000,
            clawback_months=12,
            grants=[
                EquityGrant(value=40_000 + 500 * k),
                EquityGrant(value=10_000, schedule=VestingSchedule(preset="5_15_40_40")),
            ],
            share_price_change_pct=5,
            refresher_value=8_000,
            match_rate_pct=100,
            match_cap_pct=4,
            match_vesting="graded",
            match_vesting_years=3,
            benefits=10_000,
            health_cost=2_000,
            commute_minutes=40,
            office_days=3,
            commute_cost=1_200,
            tax_rate_pct=30,
        )

    return Scenario(
        criteria=[Criterion(id="pay", name="Pay", kind="pay", weight=1)],
        current=CurrentRole(employer="Now", pay=pay(0)),
        options=[Option(id=f"o{k}", name=f"Option {k}", pay=pay(k)) for k in range(1, n_options + 1)],
        money=MoneySettings(start=date(2027, 1, 1), horizon_years=10, leave_month=6, time_value_per_hour=20),
    )


def worked_out(scenario: Scenario) -> Scenario:
    """The same scenario with every job's tax worked out: California, single, a 401(k) and
    premiums, later years under the latest law the library knows."""
    tax = {
        "tax_mode": "worked out",
        "tax_state": "CA",
        "retirement_pre_tax": 10_000,
        "health_premiums_pre_tax": 2_000,
        "tax_later_years": "latest law",
    }

    def job(j):
        return j.model_copy(update={"pay": j.pay.model_copy(update=tax)})

    return scenario.model_copy(
        update={"current": job(scenario.current), "options": [job(o) for o in scenario.options]}
    )


def python_loop_baseline(scenario: Scenario) -> list[list[float]]:
    months = scenario.money.horizon_years * 12
    out = []
    for job in [scenario.current, *scenario.options]:
        row = []
        for m in range(months):
            row.append(job.pay.base * (1 + job.pay.raise_pct / 100) ** (m // 12) / 12)
        out.append(row)
    return out


def median_ms(fn, repeat: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    scenario = big_scenario()
    model = median_ms(lambda: project(scenario), args.repeat)
    model_table = median_ms(lambda: project(scenario).summary(), args.repeat)
    baseline = median_ms(lambda: python_loop_baseline(scenario), args.repeat)
    print(f"50 options, 10 years, monthly ({args.repeat} runs each, medians):")
    print(f"  project()                      {model:7.2f} ms  (target < {TARGET_MS:.0f} ms)")
    print(f"  project() + summary table      {model_table:7.2f} ms")
    print(f"  baseline: base salary only,    {baseline:7.2f} ms")
    print("  as a Python loop over months")
    print(f"  ratio model / baseline         {model / baseline:7.2f}x")
    from core.money.tax import _income_tax, us_tax

    taxed = worked_out(scenario)
    _income_tax.cache_clear()
    us_tax.cache_clear()
    t = time.perf_counter()
    project(taxed)
    first = (time.perf_counter() - t) * 1000
    cached = median_ms(lambda: project(taxed), args.repeat)
    print("Worked-out tax (CA, single), every job:")
    print(
        f"  project(), first: every return new {first:7.0f} ms  ({_income_tax.cache_info().currsize} returns)"
    )
    print(f"  project(), returns cached          {cached:7.2f} ms")
    print(f"  ratio, cached / effective rate     {cached / model:7.2f}x  (baseline: project() above)")
    print(f"  ratio, first / effective rate      {first / model:7.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
