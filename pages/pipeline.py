from datetime import date

import pandas as pd
import streamlit as st

from core.decision.scoring import ScenarioNotReady, compare
from core.edits.editing import with_value
from core.model.pipeline import CONTACT_ROLES
from core.model.scenario import STAGES
from core.pipeline_charts import score_history_chart, timeline_chart
from core.process.tracking import (
    apply_row_edits,
    due_soon,
    move_to_stage,
    record_ratings,
    score_history,
    score_story,
    status_table,
    with_whom,
)
from core.shown import day
from core.text import markdown_escape
from ui import nav, state, widgets

nav.require_entrypoint("pages/pipeline.py")

scenario = state.scenario()
today = date.today()

st.title("Pipeline")
st.caption(
    "Where each process stands, what is due next, and how each option's score moved as you "
    "learned more in interviews. Whether to keep going with each is on Next steps."
)

if not scenario.options:
    st.info("No processes yet: add an offer, an internal role or a prospect on the Offers page.")
    st.page_link("pages/offers.py", label="Go to Offers", icon=":material/work:")
else:
    due = due_soon(scenario, today)

    def _line(item) -> str:
        return (
            f"- **{markdown_escape(item.label)}**: {markdown_escape(item.what_in_words)}, "
            f"{item.when} ({day(item.on)})"
        )

    overdue = [item for item in due if item.days < 0]
    coming = [item for item in due if item.days >= 0]
    if overdue:
        st.warning(
            "**Overdue**: do it, or set a new date below.\n\n" + "\n".join(map(_line, overdue)),
            icon=":material/schedule:",
        )
    if coming:
        st.info("**Due within a week**\n\n" + "\n".join(map(_line, coming)), icon=":material/event:")

    st.dataframe(
        status_table(scenario, today),
        hide_index=True,
        key="pipeline_table",
        column_config={
            "Since": st.column_config.TextColumn("In this stage since"),
            "Due": st.column_config.TextColumn(
                "Due", help="The day of the next step, and the answer-by date: when they need your answer."
            ),
            "When": st.column_config.TextColumn(
                "When", help="How far off the next step and the answer-by date are, from today."
            ),
            "With": st.column_config.TextColumn(
                "With",
                help="Another employer, your own employer (an internal role), or your manager (a counteroffer).",
            ),
            "Contact": st.column_config.TextColumn(
                "Contact",
                help="Who messages go to: the recruiter early on, the hiring manager from the final round; "
                "your manager for a counteroffer.",
            ),
        },
        alt="Table of processes: stage, since when, next step, its date and the answer-by date, and the main contact.",
    )
    if any(o.process.history for o in scenario.options):
        st.plotly_chart(
            timeline_chart(scenario, today),
            key="chart_timeline",
            alt="Timeline of each process: a bar per stage, crosses for interviews, diamonds for next steps, "
            "red triangles for answer-by dates.",
        )
    undated = [o.name for o in scenario.options if not o.process.history]
    if undated:
        st.caption(
            f"No stage dates recorded yet for {markdown_escape(', '.join(undated))}: change the stage "
            "below, or add rows "
            "to its stage history, to put it on the timeline."
        )

    st.subheader("One process")
    selected = widgets.option_picker(scenario, "Process", "pipeline_selected")
    option = scenario.option(selected)
    process = option.process
    base = ("options", option.id, "process")

    def _save_rows(key: str, option_id: str, field: str, defaults: dict) -> None:
        edits = st.session_state[key]
        current = getattr(state.scenario().option(option_id).process, field)
        rows = apply_row_edits(
            [r.model_dump() for r in current],
            edits["edited_rows"],
            edits["added_rows"],
            edits["deleted_rows"],
            defaults,
        )
        if not state.apply(with_value, ("options", option_id, "process", field), rows):
            state.refresh_tables()  # a fresh table from the scenario, the refused edit dropped

    def _dates(frame: pd.DataFrame, column: str) -> pd.DataFrame:
        frame[column] = pd.to_datetime(frame[column]).dt.date
        return frame

    with st.container(border=True):
        a, b, c = st.columns(3)
        with a:
            st.selectbox(
                "Stage",
                STAGES,
                **state.synced(
                    f"pipeline_stage:{option.id}",
                    lambda: state.scenario().option(option.id).stage,
                    lambda stage, option_id=option.id: state.apply(
                        move_to_stage, option_id, stage, date.today()
                    ),
                ),
                help="Changing the stage here records today's date in the stage history below.",
            )
            st.caption(
                {
                    "internal": "Internal: your manager usually hears of it.",
                    "counteroffer": "A counteroffer: a conversation with your manager (named on Current "
                    "role), not an application. It usually rests on your outside offer still being open.",
                    "external": f"External ({option.kind}; the kind is set on Offers).",
                }[with_whom(option)]
            )
        with b:
            state.bound(
                st.text_input,
                "Next step",
                (*base, "next_step"),
            )
            state.bound(
                st.date_input, "Next step on", (*base, "next_step_on"), value=None, format="YYYY-MM-DD"
            )
        with c:
            state.bound(
                st.date_input,
                "Answer by",
                (*base, "decide_by"),
                value=None,
                format="YYYY-MM-DD",
                help="When they need your answer, or when you want to decide by. It counts as a due "
                "date: in the table above, on the timeline and in Due within a week. The message asking "
                "for time names it and asks for a few days beyond it.",
            )

        st.markdown("**Stage history**")
        history = _dates(
            pd.DataFrame([h.model_dump() for h in process.history], columns=["stage", "on", "note"]), "on"
        )
        key = state.editor_key(f"history:{option.id}")
        state.data_editor(
            history,
            key=key,
            num_rows="dynamic",
            hide_index=True,
            on_change=_save_rows,
            args=(key, option.id, "history", {"stage": option.stage, "on": today, "note": ""}),
            column_config={
                "stage": st.column_config.SelectboxColumn("Stage", options=STAGES, required=True),
                "on": st.column_config.DateColumn("On", format="YYYY-MM-DD", required=True),
                "note": st.column_config.TextColumn("Note", max_chars=200, width="large"),
            },
            alt="Stage history: each stage and the day the process reached it.",
        )

        st.markdown("**Contacts**")
        contacts = pd.DataFrame([c.model_dump() for c in process.contacts], columns=["name", "role", "note"])
        key = state.editor_key(f"contacts:{option.id}")
        state.data_editor(
            contacts,
            key=key,
            num_rows="dynamic",
            hide_index=True,
            on_change=_save_rows,
            args=(key, option.id, "contacts", {"name": "", "role": "recruiter", "note": ""}),
            column_config={
                "name": st.column_config.TextColumn("Name", max_chars=200),
                "role": st.column_config.SelectboxColumn("Role", options=CONTACT_ROLES, default="recruiter"),
                "note": st.column_config.TextColumn("Note", max_chars=200, width="large"),
            },
            alt="Contacts for this process: name, role and a note.",
        )

        st.markdown("**Interviews**")
        interviews = _dates(
            pd.DataFrame(
                [iv.model_dump() for iv in process.interviews], columns=["on", "what", "with_whom", "notes"]
            ),
            "on",
        )
        key = state.editor_key(f"interviews:{option.id}")
        state.data_editor(
            interviews,
            key=key,
            num_rows="dynamic",
            hide_index=True,
            on_change=_save_rows,
            args=(key, option.id, "interviews", {"on": None, "what": "", "with_whom": "", "notes": ""}),
            column_config={
                "on": st.column_config.DateColumn("On", format="YYYY-MM-DD"),
                "what": st.column_config.TextColumn("What", max_chars=200),
                "with_whom": st.column_config.TextColumn("With", max_chars=200),
                "notes": st.column_config.TextColumn("Notes", max_chars=5000, width="large"),
            },
            alt="Interviews: date, what it was, with whom, and your notes.",
        )

    st.subheader(f"Ratings after interviews: {markdown_escape(option.name)}")
    st.caption(
        "After an interview, move the ratings to what you now believe, then record them: the app "
        "keeps each set, so you can see how the option's score moved. Moving a slider changes the "
        "option's ratings everywhere (they are the same ones as on Offers)."
    )
    rated = scenario.rated_criteria
    cols = st.columns(min(len(rated), 3) or 1)
    for k, crit in enumerate(rated):
        with cols[k % len(cols)]:
            state.bound(
                st.slider,
                markdown_escape(crit.name),
                ("options", option.id, "ratings", crit.id),
                step=0.5,
                help=markdown_escape(crit.description) or None,
            )
    past = sorted(
        (iv for iv in process.interviews if iv.on is not None and iv.on <= today), key=lambda iv: iv.on
    )
    after = past[-1].what if past else ""
    st.button(
        f"Record these ratings ({today:%d %b %Y}{', after ' + markdown_escape(after) if after else ''})",
        on_click=state.apply,
        args=(record_ratings, option.id, today, after),
        icon=":material/bookmark_add:",
        key="record_ratings",
    )

    try:
        comparison = compare(scenario)
    except ScenarioNotReady as e:
        comparison = None
        st.info(f"The score history needs scores: {markdown_escape(str(e))}", icon=":material/info:")
    if comparison is not None:
        points = score_history(scenario, comparison, option.id)
        if len(points) > 1:
            st.markdown(markdown_escape(score_story(scenario, comparison, option.id)))
            st.plotly_chart(
                score_history_chart(points, float(comparison.totals[comparison.staying]), option.name, today),
                key="chart_score_history",
                alt="Line of the option's total score after each recorded set of ratings, with staying as a dashed line.",
            )
            st.caption("Each point uses today's weights and pay, so only the change in ratings shows.")
        else:
            st.caption("No ratings recorded yet for this option: record them after your next interview.")

    if process.rating_history:
        st.markdown("**Recorded ratings**")
        snaps = _dates(
            pd.DataFrame(
                [
                    {"on": s.on, "after": s.after, **{f"rating.{c.id}": s.ratings.get(c.id) for c in rated}}
                    for s in process.rating_history
                ],
                columns=["on", "after", *(f"rating.{c.id}" for c in rated)],
            ),
            "on",
        )

        def _save_snapshots(key: str, option_id: str) -> None:
            edits = st.session_state[key]
            current = state.scenario().option(option_id).process.rating_history
            rows = [
                {"on": s.on, "after": s.after, **{f"rating.{cid}": v for cid, v in s.ratings.items()}}
                for s in current
            ]
            rows = apply_row_edits(rows, edits["edited_rows"], [], edits["deleted_rows"], {"after": ""})
            snapshots = [
                {
                    "on": r["on"],
                    "after": r["after"],
                    "ratings": {
                        k.removeprefix("rating."): v
                        for k, v in r.items()
                        if k.startswith("rating.") and v is not None and v == v
                    },
                }
                for r in rows
            ]
            if not state.apply(with_value, ("options", option_id, "process", "rating_history"), snapshots):
                state.replace(state.scenario())

        key = state.editor_key(f"snapshots:{option.id}")
        state.data_editor(
            snaps,
            key=key,
            num_rows="delete",
            hide_index=True,
            on_change=_save_snapshots,
            args=(key, option.id),
            column_config={
                "on": st.column_config.DateColumn("On", format="YYYY-MM-DD", required=True),
                "after": st.column_config.TextColumn("After", max_chars=200),
                **{
                    f"rating.{c.id}": st.column_config.NumberColumn(
                        c.name, min_value=0, max_value=10, step=0.5
                    )
                    for c in rated
                },
            },
            alt="Each recorded set of ratings: the date, after what, and the rating per criterion.",
        )
