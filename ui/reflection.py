"""The current role, honestly: why you started looking, what is resolved since, how satisfied you
are, what you have achieved, and the names the message drafts use. Drawn on the Current role page."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from core.edits.editing import with_value
from core.model.pipeline import SATISFACTION_NAMES
from core.model.scenario import Scenario
from core.process.looking import reasons_for_looking
from core.process.tracking import apply_row_edits, set_reason, set_reason_resolved
from core.text import markdown_escape
from ui import state, table_notes

OWN_REASONS = "own_reasons"


def _checkbox(label: str, key: str, value: bool, change, *args: Any, **kwargs: Any) -> None:
    """A checkbox showing `value` from the scenario; ticking it runs `change(scenario, *args, ticked)`."""
    st.checkbox(
        label,
        **state.synced(key, lambda: value, lambda ticked: state.apply(change, *args, ticked)),
        **kwargs,
    )


def reflection_form(scenario: Scenario) -> None:
    _why_you_started_looking(scenario)
    _how_satisfied()
    _names_for_messages()


def _why_you_started_looking(scenario: Scenario) -> None:
    reflection = scenario.current.reflection
    criterion_ids = {c.id for c in scenario.criteria}
    ticked = {r.criterion: r for r in reflection.reasons if r.criterion in criterion_ids}

    with st.container(border=True):
        st.subheader("Why you started looking")
        st.caption(
            "Tick what made you look, then tick what has been resolved since (by a raise, a promotion, "
            "recognition, a change of team). An option that does better on a reason still open says "
            "so on Compare and in the decision summary."
        )
        for crit in scenario.criteria:
            reason = ticked.get(crit.id)
            a, b = st.columns([1, 2])
            with a:
                _checkbox(
                    markdown_escape(crit.name), f"reason:{crit.id}", reason is not None, set_reason, crit.id
                )
            with b:
                _checkbox(
                    "Resolved since",
                    f"resolved:{crit.id}",
                    bool(reason and reason.resolved),
                    set_reason_resolved,
                    crit.id,
                    disabled=reason is None,
                )
        st.markdown("**Other reasons, in your words**")
        own = [r for r in reflection.reasons if r.criterion not in criterion_ids]
        table = pd.DataFrame(
            [{"text": r.text, "resolved": r.resolved} for r in own], columns=["text", "resolved"]
        )
        key = state.editor_key(OWN_REASONS)
        state.data_editor(
            table,
            key=key,
            num_rows="dynamic",
            hide_index=True,
            on_change=_save_own,
            args=(key,),
            column_config={
                "text": st.column_config.TextColumn("Reason", max_chars=200, width="large"),
                "resolved": st.column_config.CheckboxColumn("Resolved since", default=False),
            },
            alt="Reasons you started looking, in your own words, and whether each is resolved.",
            placeholder="",
        )
        table_notes.show(OWN_REASONS)
        still, resolved = reasons_for_looking(scenario)
        if still or resolved:
            st.markdown(
                f"**Still open:** {markdown_escape('; '.join(still)) or 'nothing'}  \n"
                f"**Resolved since:** {markdown_escape('; '.join(resolved)) or 'nothing yet'}"
            )


def _save_own(key: str) -> None:
    """The own-reasons table changed: its rows, edited as the person edited them, replace the reasons
    that are not criteria; a blank row is dropped."""
    edits = st.session_state[key]  # session state first (ui.state)
    t = state.tab()
    current = t.edits.scenario
    ids = {c.id for c in current.criteria}
    keep = [r.model_dump() for r in current.current.reflection.reasons if r.criterion in ids]
    rows = [
        {"text": r.text, "resolved": r.resolved}
        for r in current.current.reflection.reasons
        if r.criterion not in ids
    ]
    rows = apply_row_edits(
        rows,
        edits["edited_rows"],
        edits["added_rows"],
        edits["deleted_rows"],
        {"text": "", "resolved": False},
    )
    own_reasons = [{"criterion": None, **r} for r in rows if r["text"]]  # a blank row is dropped
    table_notes.apply(
        t,
        OWN_REASONS,
        with_value,
        ("current", "reflection", "reasons"),
        keep + own_reasons,
        refused="That reason was not saved.",
        deleted=bool(edits["deleted_rows"]),
    )


def _how_satisfied() -> None:
    with st.container(border=True):
        st.subheader("How satisfied you are here")
        st.caption(
            "0 is not at all, 10 is completely; leave a box empty to skip it. This is how the job "
            "feels to you today, which the Overview page sets beside what the best offer adds."
        )
        cols = st.columns(len(SATISFACTION_NAMES))
        for col, (field, name) in zip(cols, SATISFACTION_NAMES.items(), strict=True):
            with col:
                state.bound(
                    st.number_input,
                    name,
                    ("current", "reflection", "satisfaction", field),
                    step=0.5,
                    value=None,
                    format="%.1f",
                    placeholder="not rated",
                )
        state.bound(
            st.text_area,
            "What you have achieved here (one per line)",
            ("current", "reflection", "achievements"),
            placeholder="Shipped the pricing model\nMentored two new analysts",
        )


def _names_for_messages() -> None:
    with st.container(border=True):
        st.subheader("Names for your messages")
        st.caption(
            "The message drafts on Next steps are signed with your name and address your manager by theirs."
        )
        a, b = st.columns(2)
        with a:
            state.bound(
                st.text_input,
                "Your name",
                ("current", "people", "your_name"),
            )
        with b:
            state.bound(
                st.text_input,
                "Your manager's name",
                ("current", "people", "manager"),
            )
