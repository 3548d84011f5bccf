"""Hypothesis strategies that build valid scenarios of every shape."""

from __future__ import annotations

from hypothesis import strategies as st

from core.model import Criterion, CurrentRole, Option, Pay, Scenario

money = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)
positive_money = st.floats(min_value=1, max_value=1e7, allow_nan=False, allow_infinity=False)
rating = st.floats(min_value=0, max_value=10, allow_nan=False, allow_infinity=False)
weight = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)


@st.composite
def scenarios(draw, min_options: int = 1, max_options: int = 6, max_rated: int = 5) -> Scenario:
    n_rated = draw(st.integers(min_value=0, max_value=max_rated))
    rated_ids = [f"c{k}" for k in range(n_rated)]
    weights = draw(st.lists(weight, min_size=n_rated + 1, max_size=n_rated + 1))
    if sum(weights) <= 0:
        weights[0] = 1.0
    criteria = [Criterion(id="pay", name="Pay", kind="pay", weight=weights[0])]
    criteria += [
        Criterion(id=cid, name=f"Criterion {k}", weight=weights[k + 1]) for k, cid in enumerate(rated_ids)
    ]

    def ratings():
        return {cid: draw(rating) for cid in rated_ids}

    current = CurrentRole(
        employer="Now Corp",
        pay=Pay(base=draw(positive_money), bonus_target_pct=draw(st.floats(min_value=0, max_value=100))),
        ratings=ratings(),
    )
    n_options = draw(st.integers(min_value=min_options, max_value=max_options))
    options = [
        Option(
            id=f"o{k}",
            name=f"Option {k}",
            pay=Pay(
                base=draw(money),
                bonus_target_pct=draw(st.floats(min_value=0, max_value=100)),
                sign_on=draw(money),
                benefits=draw(money),
                tax_rate_pct=draw(st.floats(min_value=0, max_value=60)),
            ),
            ratings=ratings(),
        )
        for k in range(n_options)
    ]
    return Scenario(
        criteria=criteria,
        current=current,
        options=options,
        pay_scale={
            "raise_for_10": draw(st.floats(min_value=1, max_value=500)),
            "cut_for_0": draw(st.floats(min_value=1, max_value=100)),
        },
    )
