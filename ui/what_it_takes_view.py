"""What it would take, as Compare and Money over time show it: a card per option (and staying),
each figure in the job's own currency, and the sentences behind it.

Cards, not a table: five columns of figures do not fit a phone's width, and a table that scrolls
sideways hides the figure a person came for. Columns of cards sit side by side on a wide screen
and stack on a narrow one."""

from __future__ import annotations

import streamlit as st

from core.decision.scoring import ScenarioNotReady
from core.decision.what_it_takes import answers_table
from core.model.scenario import Scenario
from core.text import markdown_escape
from ui.cache import what_it_takes_for

CARDS_PER_ROW = 3


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
    rows = answers_table(scenario, answers).to_dict(orient="records")
    with st.container(key=key):
        for start in range(0, len(rows), CARDS_PER_ROW):
            columns = st.columns(CARDS_PER_ROW)
            for column, row in zip(columns, rows[start : start + CARDS_PER_ROW], strict=False):
                with column, st.container(border=True):
                    st.markdown(_card(row))
    with st.expander("In words"):
        st.markdown("\n".join(f"- {markdown_escape(a.text)}" for a in answers))


def _card(row: dict[str, str]) -> str:
    """One option's figures: its name, then each question it has an answer to, one a line."""
    lines = [f"**{markdown_escape(row['Option'])}**", ""]
    lines += [
        f"- {markdown_escape(question)}: {markdown_escape(answer)}"
        for question, answer in row.items()
        if question != "Option" and answer != "—"
    ]
    return "\n".join(lines)
