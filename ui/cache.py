"""Cached computations the pages share. Keys are the inputs themselves, so a cached result is
never stale: change a rating or a setting and the key changes."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.model import Scenario
from core.robustness import SMAAResult, smaa
from core.scoring import Comparison
from core.uncertainty import robustness_inputs
from core.what_it_takes import WhatItTakes, what_it_takes


@st.cache_data(max_entries=64, show_spinner="Drawing…")
def smaa_cached(
    scores: np.ndarray,
    weights: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    weight_mode: str,
    concentration: float,
    draws: int,
    seed: int,
    labels: tuple[str, ...],
    criterion_names: tuple[str, ...],
) -> SMAAResult:
    return smaa(
        scores,
        weights,
        low=low,
        high=high,
        weight_mode=weight_mode,  # type: ignore[arg-type]
        concentration=concentration,
        draws=draws,
        seed=seed,
        labels=labels,
        criterion_names=criterion_names,
    )


def uncertainty(scenario: Scenario, comparison: Comparison) -> SMAAResult:
    """core.uncertainty.analyse, cached on its inputs (the How sure and Next steps pages share it)."""
    inputs = robustness_inputs(scenario, comparison)
    settings = scenario.robustness
    return smaa_cached(
        comparison.scores,
        comparison.weights,
        inputs.low,
        inputs.high,
        settings.weight_mode,
        inputs.concentration,
        settings.draws,
        settings.seed,
        comparison.labels,
        comparison.criterion_names,
    )


@st.cache_data(max_entries=32, show_spinner="Working out what it would take…")
def _what_it_takes(scenario_json: str) -> list[WhatItTakes]:
    return what_it_takes(Scenario.model_validate_json(scenario_json))


def what_it_takes_for(scenario: Scenario) -> list[WhatItTakes]:
    """core.what_it_takes.what_it_takes, cached on the scenario itself (its JSON): Compare and
    Money over time share it, and a page that redraws with nothing changed pays nothing."""
    return _what_it_takes(scenario.model_dump_json())
