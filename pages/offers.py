from datetime import date

import pandas as pd
import streamlit as st

from core.edits.editing import EditRefused, add_option, apply_option_table_edits, remove_option
from core.files.options_csv.columns import MAX_OPTIONS_CSV_BYTES
from core.files.options_csv.read import merge_options, read_options_csv
from core.files.options_csv.write import options_csv
from core.model.scenario import OPTION_KINDS, STAGES, counteroffer_from_current, new_option, pay_assumptions
from core.money.paths import CONTINUING_KINDS
from core.process.tracking import move_to_stage
from core.text import markdown_escape
from ui import nav, saved, state, table_notes, widgets
from ui.layout import slot
from ui.pay_form import pay_form

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
PAY_COLUMNS = ("base", "bonus_target_pct", "sign_on", "benefits")
columns = ["name", "kind", "stage", "employer", "role", "level", *(f"pay.{p}" for p in PAY_COLUMNS)]
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
            **{f"pay.{p}": getattr(o.pay, p) for p in PAY_COLUMNS},
            **{f"rating.{c.id}": o.ratings[c.id] for c in rated},
            "notes": o.notes,
        }
        for o in scenario.options
    ],
    columns=columns,
)


OFFERS_TABLE = "offers_table"


def _save_table(key: str, row_ids: tuple[str, ...]) -> None:
    """`row_ids`: the option in each row of the table as it was drawn, so an edit reaches the
    option the person saw in that row even if the scenario changed since."""
    edits = st.session_state[key]  # session state first (ui.state)
    table_notes.apply(
        state.tab(),
        OFFERS_TABLE,
        apply_option_table_edits,
        edits["edited_rows"],
        edits["added_rows"],
        edits["deleted_rows"],
        None,
        row_ids,
        refused="That change to the table was not saved.",
        deleted=bool(edits["deleted_rows"]),
    )  # refused: a fresh table from the scenario, the message under it


money = {
    f"pay.{p}": st.column_config.NumberColumn(
        f"{label} ({cur})", min_value=0, max_value=1e9, step=1000, format="%,.0f"
    )
    for p, label in [("base", "Base salary"), ("sign_on", "Sign-on"), ("benefits", "Benefits")]
}
money["pay.bonus_target_pct"] = st.column_config.NumberColumn(
    "Bonus target (%)", min_value=0, max_value=500, step=1, format="%.1f", help="Percent of base salary."
)
ratings = {
    f"rating.{c.id}": st.column_config.NumberColumn(
        c.name,
        min_value=0,
        max_value=10,
        step=0.5,
        format="%.1f",
        help=markdown_escape(c.description) or None,
    )
    for c in rated
}
key = state.editor_key(OFFERS_TABLE)
state.data_editor(
    table,
    key=key,
    num_rows="dynamic",
    hide_index=True,
    on_change=_save_table,
    args=(key, tuple(o.id for o in scenario.options)),
    column_config={
        "name": st.column_config.TextColumn("Name", required=True, max_chars=80, pinned=True),
        # Defaults, so that a new row with only a name is saved: Kind and Stage are required.
        "kind": st.column_config.SelectboxColumn(
            "Kind", options=OPTION_KINDS, required=True, default="external offer"
        ),
        "stage": st.column_config.SelectboxColumn(
            "Stage", options=STAGES, required=True, default="interviewing"
        ),
        "employer": st.column_config.TextColumn("Employer", max_chars=200),
        "role": st.column_config.TextColumn("Role", max_chars=200),
        "level": st.column_config.TextColumn("Title / level", max_chars=200),
        **money,
        **ratings,
        "notes": st.column_config.TextColumn("Notes", max_chars=5000, width="large"),
    },
    alt="Table of options: one row per offer, internal role or prospect.",
    placeholder="",
)
table_notes.show(OFFERS_TABLE)
with slot():  # goes with the first option (`ui.layout`)
    if not scenario.options:
        st.info("No options yet. Add a row to the table, or use the button below.")


def _add(kind: str) -> None:
    fresh = new_option(state.scenario(), kind=kind)
    if state.apply(add_option, fresh):
        state.edits().select_option(fresh.id)


def _delete(option_id: str) -> None:
    try:
        name = state.scenario().option(option_id).name
        new = remove_option(state.scenario(), option_id)
    except (KeyError, EditRefused):
        state.notify("error", "That option is no longer in the scenario; nothing was deleted.")
        return
    state.replace(new, undoable=f"Deleted “{name}”")


def _add_counteroffer() -> None:
    fresh = counteroffer_from_current(state.scenario())
    if state.apply(add_option, fresh):
        state.edits().select_option(fresh.id)
        state.notify(
            "info",
            f"Added '{fresh.name}', a copy of your current role: change what the counteroffer changes.",
        )


with st.container(horizontal=True):
    for kind in OPTION_KINDS:
        if kind == "counteroffer":
            st.button(
                "Add counteroffer",
                on_click=_add_counteroffer,
                icon=":material/content_copy:",
                key="add_counteroffer",
                help="A copy of your current role, as its own option beside staying as you are.",
            )
        else:
            st.button(f"Add {kind}", on_click=_add, args=(kind,), icon=":material/add:", key=f"add_{kind}")


def _csv_upload_key() -> str:
    # A new key after an import empties the uploader, so the imported rows are not offered again.
    return f"options_csv_upload#{state.tab().page.get('csv_imports', 0)}"


def _import_csv(upload_key: str) -> None:
    # Everything read from session state first; after that only the tab's own object changes,
    # so a newer rerun can't stop this halfway (the uploader emptied, nothing imported).
    uploaded = st.session_state.get(upload_key)
    replace_existing = st.session_state.get("options_csv_replace", False)
    t = state.tab()
    if uploaded is None or saved.upload_refused(uploaded):
        return
    result = read_options_csv(uploaded.getvalue(), t.edits.scenario, replace_existing=replace_existing)
    try:
        new = merge_options(t.edits.scenario, result)
    except EditRefused as e:
        t.notices.append(("error", str(e)))
        return
    done = result.undo_text(uploaded.name)
    t.edits.set(new, label=done, large=True)
    t.editor_version += 1
    t.page["csv_imports"] = t.page.get("csv_imports", 0) + 1  # a new, empty uploader
    t.page["csv_left_out"] = (uploaded.name, result) if result.refused else None
    t.notices.append(("success", done + " Undo is in the sidebar."))


left_out = state.tab().page.get("csv_left_out")
with st.expander("Import offers from a CSV file", icon=":material/upload_file:", expanded=bool(left_out)):
    st.caption(
        "One row per offer. The columns are `name` (needed), `kind`, `stage`, `employer`, `role`, "
        "`level`, `base`, `bonus_pct`, `bonus_payout_pct`, `raise_pct`, `sign_on`, `relocation`, "
        "`benefits`, `tax_rate_pct`, `notes`, and one column per rated criterion, named like it. Blank "
        "cells and missing columns take what a new offer has. The download below is a file in exactly "
        "these columns: edit it, or start from it. Nothing changes until you press the button."
    )
    st.download_button(
        "Download these offers as CSV" if scenario.options else "Download a blank template (CSV)",
        data=options_csv(scenario),
        file_name="offers.csv",
        mime="text/csv",
        icon=":material/download:",
        key="download_options_csv",
    )
    upload_key = _csv_upload_key()
    uploaded = st.file_uploader(
        "CSV file of offers",
        type=["csv", "txt", "tsv"],
        key=upload_key,
        max_upload_size=MAX_OPTIONS_CSV_BYTES // (1024 * 1024),
        help="UTF-8 text, one row per offer, the first row naming the columns.",
    )
    st.checkbox(
        "Replace offers that have the same name",
        key="options_csv_replace",
        help="Off: a row named like an offer you already have is not imported. On: it replaces what "
        "the file has columns for (pay parts, ratings, kind, stage, …) and keeps the rest: the "
        "interview process, equity grants and rating ranges.",
    )
    refused = saved.upload_refused(uploaded) if uploaded is not None else None
    if refused:
        st.error(markdown_escape(f"{uploaded.name} was not read. {refused}"), icon=":material/error:")
    elif uploaded is not None:
        preview = read_options_csv(
            uploaded.getvalue(), scenario, replace_existing=st.session_state.get("options_csv_replace", False)
        )
        for problem in preview.file_problems:
            st.error(markdown_escape(problem.message), icon=":material/error:")
        for note in preview.notes:
            st.caption(":material/info: " + markdown_escape(note))
        if preview.rows:
            st.write(preview.summary())
            st.dataframe(preview.preview(), hide_index=True)
        if preview.problems and not preview.file_problems:
            st.dataframe(preview.problem_table(), hide_index=True)
        st.button(
            preview.button_label(),
            on_click=_import_csv,
            args=(upload_key,),
            disabled=not preview.ready,
            type="primary",
            icon=":material/playlist_add:",
            key="options_csv_import",
            help="Adds only the rows ready to add; rows with problems stay in the file for you to fix.",
        )
    elif left_out:
        file_name, last = left_out
        st.warning(
            f"These rows of {markdown_escape(file_name)} were not imported. Fix them in the file, "
            "then import a file with just those rows.",
            icon=":material/warning:",
        )
        st.dataframe(last.preview(only_refused=True), hide_index=True)
        st.dataframe(last.problem_table(), hide_index=True)

if scenario.options:
    st.subheader("One option in detail")
    selected = widgets.option_picker(scenario, "Option", "offers_selected")
    option = scenario.option(selected)
    base = ("options", option.id)
    with st.container(border=True):
        a, b, c = st.columns(3)
        with a:
            state.bound(
                st.text_input,
                "Name",
                (*base, "name"),
            )
            state.bound(
                st.text_input,
                "Employer",
                (*base, "employer"),
            )
        with b:
            state.bound(st.selectbox, "Kind", (*base, "kind"), options=OPTION_KINDS)
            state.bound(
                st.text_input,
                "Role",
                (*base, "role"),
            )
        with c:
            st.selectbox(
                "Stage",
                STAGES,
                **state.synced(
                    state.widget_key((*base, "stage")),
                    lambda: state.scenario().option(option.id).stage,
                    lambda stage, option_id=option.id: state.apply(
                        move_to_stage, option_id, stage, date.today()
                    ),
                ),
                help="A change is dated today in the option's stage history (Pipeline page).",
            )
            state.bound(
                st.text_input,
                "Title / level",
                (*base, "level"),
            )
        widgets.rating_sliders(base, option, scenario, is_current=False)
        state.bound(
            st.text_area,
            "Notes",
            (*base, "notes"),
        )
    st.markdown(f"**Pay at {markdown_escape(option.name)}**")
    assumptions = pay_assumptions(scenario, option)
    with slot():  # each assumption goes as its figure is typed (`ui.layout`)
        if assumptions:
            st.info(
                "Still assumptions, to check against the offer:\n"
                + "\n".join(f"- {markdown_escape(note)}" for note in assumptions),
                icon=":material/edit_note:",
            )
    pay_form(
        (*base, "pay"),
        option.pay,
        cur,
        is_current=False,
        continuing=option.kind in CONTINUING_KINDS,
    )
    with st.container():
        st.button(
            f"Delete {markdown_escape(option.name)}",
            on_click=_delete,
            args=(option.id,),
            icon=":material/delete:",
            key="delete_option",
        )
