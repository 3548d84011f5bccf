"""Cached computations the pages share. Keys are the inputs themselves, so a cached result is
never stale: change a rating or a setting and the key changes."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.decision.matrix import DecisionMatrix
from core.decision.smaa import SMAAResult, smaa
from core.decision.uncertainty import smaa_arguments
from core.decision.what_it_takes import WhatItTakes, what_it_takes
from core.model.scenario import Scenario


@st.cache_data(max_entries=64, show_spinner="Drawing…")
def _smaa(arguments: dict[str, Any]) -> SMAAResult:
    return smaa(**arguments)


def uncertainty(scenario: Scenario, comparison: DecisionMatrix) -> SMAAResult:
    """core.decision.uncertainty.analyse, cached on what the analysis is given (`smaa_arguments`: scores,
    weights, ranges and settings), so the How sure and Next steps pages share one run."""
    return _smaa(smaa_arguments(scenario, comparison))


@st.cache_data(max_entries=32, show_spinner="Working out what it would take…")
def _what_it_takes(scenario_json: str) -> list[WhatItTakes]:
    return what_it_takes(Scenario.model_validate_json(scenario_json))


def what_it_takes_for(scenario: Scenario) -> list[WhatItTakes]:
    """core.decision.what_it_takes.what_it_takes, cached on the scenario itself (its JSON): Compare and
    Money over time share it, and a page that redraws with nothing changed pays nothing."""
    return _what_it_takes(scenario.model_dump_json())
