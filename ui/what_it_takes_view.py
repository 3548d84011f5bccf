"""What it would take, as Compare and Money over time show it: a table per option (and staying),
each figure in the job's own currency, and the sentences behind it."""

from __future__ import annotations

import streamlit as st

from core.model import Scenario
from core.scoring import ScenarioNotReady
from core.text import markdown_escape
from core.what_it_takes import answers_table
from ui.cache import what_it_takes_for


def show_what_it_takes(scenario: Scenario, key: str) -> None:
    try:
        answers = what_it_takes_for(scenario)
    except (ScenarioNotReady, ValueError) as problem:
        st.warning(markdown_escape(str(problem)), icon=":material/info:")
        return
    st.caption(
        "The figures to take into a negotiation: each worked out on the whole model (every "
        "criterion, your weights, tax and cost of living) to the nearest whole unit, and checked by "
        "running it again just above and just below. The message drafts on Next steps fill them in."
    )
    st.dataframe(
        answers_table(scenario, answers),
        hide_index=True,
        key=key,
        alt="What it would take: per option the base salary to tie staying and to be the best option, "
        "the sign-on covering what leaving costs; for staying, the counteroffer that comes out on top.",
    )
    with st.expander("In words"):
        st.markdown("\n".join(f"- {markdown_escape(a.text)}" for a in answers))
