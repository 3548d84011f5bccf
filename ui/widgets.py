"""Widgets more than one page draws."""

from __future__ import annotations

import streamlit as st

from core.model import Scenario
from core.scoring import normalized_weights
from ui import state


def priority_sliders(scenario: Scenario, *, compact: bool = False) -> None:
    """One slider per criterion; each shows its share of the decision once weights are normalized."""
    shares = normalized_weights(scenario)
    for crit in scenario.criteria:
        state.bound(
            st.slider,
            f"{crit.name} · {shares[crit.id]:.0f}%",
            ("criteria", crit.id, "weight"),
            min_value=0.0,
            max_value=100.0,
            step=5.0,
            format="%.0f",
            help=(
                (crit.description + " " if crit.description else "")
                + "Slider positions are relative: only how they compare with each other counts, "
                "so they need not add up to 100."
            ),
        )
    if sum(c.weight for c in scenario.criteria) <= 0:
        st.error("Every priority is at 0, so nothing counts. Raise at least one slider.")
    elif compact:
        st.caption("Each percentage is that criterion's share of the decision.")
    else:
        st.caption(
            "The percentage beside each name is its share of the decision: the slider's position "
            "divided by the sum of all positions."
        )


def sidebar() -> None:
    """What every page shows in the sidebar: which scenario this is, and how to start over."""
    scenario = state.scenario()
    with st.sidebar:
        if scenario.example:
            st.info(
                "You are looking at **example data** (a made-up analyst at Initech). "
                "Change anything, or start from blank.",
                icon=":material/science:",
            )
        st.button(
            "Start from blank",
            on_click=state.start_blank,
            icon=":material/note_add:",
            help="Clears the example: keeps the default criteria and weights, no options.",
            width="stretch",
        )
        if not scenario.example:
            st.button(
                "Load the example",
                on_click=state.load_example,
                icon=":material/science:",
                width="stretch",
            )
        undo_text = state.undo_info()
        if undo_text:
            st.caption(undo_text)
            st.button("Undo", on_click=state.undo, icon=":material/undo:", width="stretch")
        st.caption(
            "Everything stays in this browser tab while it is open. Download the scenario file "
            "on the Overview page to keep it."
        )
