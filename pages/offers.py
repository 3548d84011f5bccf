import pandas as pd
import streamlit as st

from core.editing import add_option, apply_option_table_edits, remove_option
from core.model import OPTION_KINDS, PAY_PARTS, STAGES, new_option
from ui import nav, state

nav.require_entrypoint("pages/offers.py")

scenario = state.scenario()
cur = scenario.currency

st.title("Offers")
st.caption(
    "Every option you are weighing against staying: written offers, internal openings and "
    "prospects still in interviews. Edit cells directly, add a row at the bottom, or select rows "
    "and press delete. Ratings are 0-10; pay is per year."
)

rated = scenario.rated_criteria
columns = ["name", "kind", "stage", "employer", "role", "level", *(f"pay.{p}" for p in PAY_PARTS)]
columns += [f"rating.{c.id}" for c in rated] + ["notes"]
table = pd.DataFrame(
    [
        {
            "name": o.name,
            "kind": o.kind,
            "stage": o.stage,
            "employer": o.employer,
            "role": o.role,
            "level": o.level,
            **{f"pay.{p}": getattr(o.pay, p) for p in PAY_PARTS},
            **{f"rating.{c.id}": o.ratings[c.id] for c in rated},
            "notes": o.notes,
        }
        for o in scenario.options
    ],
    columns=columns,
)


def _save_table(key: str) -> None:
    edits = st.session_state[key]
    ok = state.apply(
        apply_option_table_edits,
        edits["edited_rows"],
        edits["added_rows"],
        edits["deleted_rows"],
    )
    if not ok:
        state.replace(state.scenario())  # fresh table from the scenario, the refused edit dropped


money = {
    f"pay.{p}": st.column_config.NumberColumn(
        f"{label.split(' (')[0]} ({cur})", min_value=0, max_value=1e9, step=1000, format="%,.0f"
    )
    for p, label in PAY_PARTS.items()
}
ratings = {
    f"rating.{c.id}": st.column_config.NumberColumn(
        c.name, min_value=0, max_value=10, step=0.5, format="%.1f", help=c.description or None
    )
    for c in rated
}
key = state.editor_key("offers_table")
st.data_editor(
    table,
    key=key,
    num_rows="dynamic",
    hide_index=True,
    on_change=_save_table,
    args=(key,),
    column_config={
        "name": st.column_config.TextColumn("Name", required=True, max_chars=80, pinned=True),
        "kind": st.column_config.SelectboxColumn("Kind", options=OPTION_KINDS, required=True),
        "stage": st.column_config.SelectboxColumn("Stage", options=STAGES, required=True),
        "employer": st.column_config.TextColumn("Employer", max_chars=200),
        "role": st.column_config.TextColumn("Role", max_chars=200),
        "level": st.column_config.TextColumn("Title / level", max_chars=200),
        **money,
        **ratings,
        "notes": st.column_config.TextColumn("Notes", max_chars=5000, width="large"),
    },
    alt="Table of options: one row per offer, internal role or prospect.",
)
if not scenario.options:
    st.info("No options yet. Add a row to the table, or use the button below.")


def _add(kind: str) -> None:
    fresh = new_option(state.scenario(), kind=kind)
    if state.apply(add_option, fresh):
        st.session_state["offers_selected"] = fresh.id


def _delete(option_id: str) -> None:
    name = state.scenario().option(option_id).name
    state.replace(remove_option(state.scenario(), option_id), undoable=f"You deleted '{name}'.")


add_cols = st.columns(3)
for col, kind in zip(add_cols, OPTION_KINDS, strict=True):
    col.button(f"Add {kind}", on_click=_add, args=(kind,), icon=":material/add:", key=f"add_{kind}")

if scenario.options:
    st.subheader("One option in detail")
    ids = [o.id for o in scenario.options]
    if st.session_state.get("offers_selected") not in ids:
        st.session_state["offers_selected"] = ids[0]
    selected = st.selectbox(
        "Option",
        ids,
        format_func=lambda i: scenario.option(i).name,
        key="offers_selected",
    )
    option = scenario.option(selected)
    base = ("options", option.id)
    with st.container(border=True):
        a, b, c = st.columns(3)
        with a:
            state.bound(st.text_input, "Name", (*base, "name"), max_chars=80)
            state.bound(st.text_input, "Employer", (*base, "employer"), max_chars=200)
        with b:
            state.bound(st.selectbox, "Kind", (*base, "kind"), options=OPTION_KINDS)
            state.bound(st.text_input, "Role", (*base, "role"), max_chars=200)
        with c:
            state.bound(st.selectbox, "Stage", (*base, "stage"), options=STAGES)
            state.bound(st.text_input, "Title / level", (*base, "level"), max_chars=200)
        cols = st.columns(4)
        for col, (part, label) in zip(cols, PAY_PARTS.items(), strict=True):
            with col:
                state.bound(
                    st.number_input,
                    f"{label} ({cur})",
                    (*base, "pay", part),
                    min_value=0.0,
                    max_value=1e9,
                    step=1000.0,
                    format="%.0f",
                )
        current_total = scenario.current.pay.total
        if current_total > 0:
            change = (option.pay.total / current_total - 1) * 100
            st.caption(
                f"Total {cur}{option.pay.total:,.0f} per year, {change:+.1f}% against your "
                f"current {cur}{current_total:,.0f}."
            )
        for crit in rated:
            state.bound(
                st.slider,
                crit.name,
                (*base, "ratings", crit.id),
                min_value=0.0,
                max_value=10.0,
                step=0.5,
                help=crit.description or None,
            )
        state.bound(st.text_area, "Notes", (*base, "notes"), max_chars=5000)
        st.button(
            f"Delete {option.name}",
            on_click=_delete,
            args=(option.id,),
            icon=":material/delete:",
            key="delete_option",
        )
