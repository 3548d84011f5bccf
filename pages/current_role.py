import pandas as pd
import streamlit as st

from core.edits.editing import with_value
from core.model.scenario import CHANGE_KINDS, RecentChange
from ui import nav, state, table_notes, widgets
from ui.layout import slot
from ui.pay_form import pay_form
from ui.reflection import reflection_form

nav.require_entrypoint("pages/current_role.py")

RECENT_CHANGES = "recent_changes"

scenario = state.scenario()
current = scenario.current
cur = current.currency or scenario.currency

st.title("Current role")
st.caption(
    "Every option is compared with this job as it is today. Pay scores are measured against "
    "its total pay, so start there."
)

with st.container(border=True):
    st.subheader("The job")
    a, b, c = st.columns(3)
    with a:
        state.bound(
            st.text_input,
            "Employer",
            ("current", "employer"),
        )
    with b:
        state.bound(
            st.text_input,
            "Role",
            ("current", "role"),
        )
    with c:
        state.bound(
            st.text_input,
            "Title / level",
            ("current", "level"),
        )

st.subheader("Pay in all its parts")
with slot():  # goes once the base is typed: nothing after it moves (ui.layout)
    if current.pay.base <= 0:
        st.error(
            "Enter your current base salary: options' pay is scored against this job's, so nothing "
            "can be compared until it is above 0.",
            icon=":material/error:",
        )
pay_form(("current", "pay"), current.pay, cur, is_current=True)

with st.container(border=True):
    st.subheader("How this job rates today")
    st.caption("0 is as bad as it gets for you, 10 is ideal, 5 is neutral.")
    widgets.rating_sliders(("current",), current, scenario, is_current=True)

with st.container(border=True):
    st.subheader("Recent changes")
    st.caption(
        "A raise, a promotion, recognition: what changed lately, so you can weigh whether it "
        "fixed what made you look. Add a row at the bottom of the table; select rows to delete."
    )
    changes = pd.DataFrame(
        [c.model_dump() for c in current.recent_changes], columns=["kind", "when", "note", "new_base"]
    )
    changes["when"] = pd.to_datetime(changes["when"]).dt.date

    def _save_changes(key: str) -> None:
        edits = st.session_state[key]  # session state first (ui.state)
        t = state.tab()
        rows = [c.model_dump() for c in t.edits.scenario.current.recent_changes]
        for i, cells in edits["edited_rows"].items():
            rows[int(i)].update(cells)
        rows.extend(edits["added_rows"])
        for i in sorted(edits["deleted_rows"], reverse=True):
            del rows[int(i)]
        try:
            cleaned = [
                RecentChange(
                    kind=r.get("kind") or "other",
                    when=r.get("when") or None,
                    note=(r.get("note") or "").strip(),
                    new_base=None
                    if r.get("new_base") is None or pd.isna(r.get("new_base"))
                    else r["new_base"],
                ).model_dump()
                for r in rows
            ]
        except ValueError as e:
            table_notes.refuse(t, RECENT_CHANGES, f"That recent change was not saved: {e}")
            return
        table_notes.apply(
            t,
            RECENT_CHANGES,
            with_value,
            ("current", "recent_changes"),
            cleaned,
            refused="That recent change was not saved.",
            deleted=bool(edits["deleted_rows"]),
        )

    key = state.editor_key(RECENT_CHANGES)
    state.data_editor(
        changes,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        on_change=_save_changes,
        args=(key,),
        column_config={
            "kind": st.column_config.SelectboxColumn("What", options=CHANGE_KINDS, default="raise"),
            "when": st.column_config.DateColumn("When", format="YYYY-MM-DD"),
            "note": st.column_config.TextColumn("Note", max_chars=200, width="large"),
            "new_base": st.column_config.NumberColumn(
                f"New base ({cur})",
                min_value=0,
                max_value=1e9,
                step=1000,
                format="%,.0f",
                help="For a raise or promotion still to come: the base salary from that date. "
                "A change already made is already in today's base.",
            ),
        },
        alt="Recent changes in the current role.",
        placeholder="",
    )
    table_notes.show(RECENT_CHANGES)

reflection_form(scenario)

with st.container(border=True):
    state.bound(
        st.text_area,
        "Notes",
        ("current", "notes"),
        placeholder="What made you start looking? What would make you stay?",
    )
