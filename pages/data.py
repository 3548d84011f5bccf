import json

import pandas as pd
import streamlit as st

from core.edits.changes import describe_changes
from core.storage.database import LOCAL_OWNER
from core.text import markdown_escape
from ui import access, nav, saved, scenarios, state

nav.require_entrypoint("pages/data.py")

st.title("Saved scenarios")

current = saved.current()
if current is None:
    st.warning(
        "Saving is off, so what you enter stays in this tab only until it is closed. "
        f"{markdown_escape(saved.off_reason() or '')} Download the scenario file on the Overview "
        "page to keep it.",
        icon=":material/cloud_off:",
    )
    st.stop()

who = access.owner()
store = access.storage()
if who == LOCAL_OWNER:
    st.info(
        "This is a **single-user local app**: there is no sign-in, and everyone who can open this "
        "app in a browser sees the same saved scenarios. Run it on your own computer, or set up "
        "sign-in before you host it for others (see docs/deployment.md).",
        icon=":material/person:",
    )
else:
    who_text = markdown_escape(st.user.get("email") or st.user.get("name") or "you")
    st.info(
        f"Signed in as {who_text}. You see and change only your own scenarios; nobody else who "
        "signs in can see them.",
        icon=":material/lock:",
    )
    st.button("Sign out", on_click=st.logout, icon=":material/logout:")

name, version, scenario_id = current.name, current.version, current.id
issue = saved.problem()
st.caption(
    "Every change is saved as you make it. Changes made in one tab within a few minutes of each "
    "other are kept as one version; deleting an option, opening a file and other changes with an "
    "Undo button start a version of their own."
)

# This scenario ------------------------------------------------------------------------------

st.subheader("This scenario")
if issue is not None:
    # Renamed, deleted or changed elsewhere: the message at the top says what to do first.
    st.markdown(f"Open now: **{markdown_escape(name)}**, not saved: see the message at the top.")
else:
    st.markdown(f"Open now: **{markdown_escape(name)}**, version {version}.")

    def _rename() -> None:
        scenarios.rename_current(st.session_state.get(f"rename_to:{scenario_id}:{name}", ""))

    def _duplicate() -> None:
        scenarios.create(
            st.session_state.get(f"copy_as:{scenario_id}:{name}", ""),
            state.scenario(),
            what=f"Copied “{name}” as",
            leaving=False,
        )

    # Keys carry the scenario's id and name, so the fields follow a switch or a rename.
    rename_col, copy_col = st.columns(2)
    with rename_col.form(f"rename_form:{scenario_id}", border=True):
        st.text_input("New name", value=name, key=f"rename_to:{scenario_id}:{name}", max_chars=80)
        st.form_submit_button("Rename", on_click=_rename, icon=":material/edit:")
    with copy_col.form(f"copy_form:{scenario_id}", border=True):
        st.text_input(
            "Name of the copy",
            value=saved.unique_name(name, saved.listing(), " copy"),
            key=f"copy_as:{scenario_id}:{name}",
            max_chars=80,
        )
        st.form_submit_button(
            "Duplicate",
            on_click=_duplicate,
            icon=":material/content_copy:",
            help="Saves a copy with its own history and opens it; this one stays as it is.",
        )
    st.button(
        f"Delete “{markdown_escape(name)}”",
        on_click=scenarios.delete_current,
        icon=":material/delete:",
        help="Moves it to Deleted scenarios below, where it can be brought back for 30 days.",
    )

# All scenarios -------------------------------------------------------------------------------

st.subheader("All your scenarios")
infos, error = saved.read("list")
if error:
    st.error(markdown_escape(error), icon=":material/error:")
infos = infos or []
st.dataframe(
    pd.DataFrame(
        {
            "Scenario": [i.name for i in infos],
            "Last changed": [saved.local_time(i.updated_at) for i in infos],
            "Version": [i.version for i in infos],
            "Open now": ["yes" if i.id == scenario_id else "" for i in infos],
        }
    ),
    hide_index=True,
    width="stretch",
)
others = {i.id: i.name for i in infos if i.id != scenario_id}
if others:
    pick_col, open_col = st.columns([3, 1], vertical_alignment="bottom")
    pick = pick_col.selectbox("Open another scenario", list(others), format_func=others.get, key="open_other")
    open_col.button("Open", on_click=scenarios.open_saved, args=(pick,), icon=":material/folder_open:")

# Versions ------------------------------------------------------------------------------------

st.subheader("Earlier versions")
versions, error = (None, None) if issue is not None else saved.read("versions_by_id", scenario_id)
older = [v for v in versions or [] if not v.current]
if issue is not None:
    st.caption("Shown again once the message at the top is sorted out.")
elif error:
    st.error(markdown_escape(error), icon=":material/error:")
elif not older:
    st.caption("No earlier versions yet: they appear as you make changes.")
else:
    labels = {f"Version {v.version} · {saved.local_time(v.saved_at)}": v.version for v in older}
    chosen = st.selectbox(
        f"Kept versions ({len(versions)} of at most {store.history}, newest first)",
        list(labels),
        key=f"version_pick:{scenario_id}",
    )
    chosen_version = labels[chosen]
    old_scenario, error = saved.read("load_version_by_id", scenario_id, chosen_version)
    if error:
        st.error(markdown_escape(error), icon=":material/error:")
    else:
        st.markdown(f"Restoring version {chosen_version} would change what you have now like this:")
        st.markdown(
            "\n".join(
                f"- {markdown_escape(line)}" for line in describe_changes(state.scenario(), old_scenario)
            )
        )
        st.button(
            f"Restore version {chosen_version}",
            on_click=scenarios.restore_version,
            args=(chosen_version,),
            icon=":material/history:",
        )

# Deleted -------------------------------------------------------------------------------------

st.subheader("Deleted scenarios")
deleted, error = saved.read("list_deleted")
if error:
    st.error(markdown_escape(error), icon=":material/error:")
elif not deleted:
    st.caption("Nothing deleted. A deleted scenario stays here for 30 days, then it is removed for good.")
for item in deleted or []:
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.markdown(f"**{markdown_escape(item.name)}**, deleted {saved.local_time(item.deleted_at)}")
    right.button(
        "Bring back",
        key=f"undelete:{item.id}",
        on_click=scenarios.undelete,
        args=(item.name, item.id),
        help="Brings it back with its history (under a new name if its own is taken now).",
    )

# Where -------------------------------------------------------------------------------------

st.subheader("Where your scenarios are kept")
if who == LOCAL_OWNER:
    st.markdown(f"`{store.location}`")
    st.caption(
        "A SQLite file on this computer unless the STAY_OR_GO_DB_URL environment variable (or "
        "[connections.stay_or_go] in .streamlit/secrets.toml) names another database. While the app "
        "runs, recent changes sit in a file beside it, so copying the .db file alone can miss them: "
        "back it up with `stay-or-go backup FILE` (docs/deployment.md), or download your scenarios "
        "below."
    )
else:
    st.caption(
        "In this service's database, under your sign-in and nobody else's. Download a scenario as "
        "JSON from the Overview page to keep a copy of your own."
    )

# Your data ----------------------------------------------------------------------------------

st.subheader("All your data")
everything, error = saved.read("export_all")
if error:
    st.error(markdown_escape(error), icon=":material/error:")
else:
    st.download_button(
        "Download all my scenarios (JSON)",
        data=json.dumps(everything, ensure_ascii=False, indent=2),
        file_name="stay-or-go - all my scenarios.json",
        mime="application/json",
        icon=":material/download:",
        on_click="ignore",
        key="download_all",
        help="Every saved scenario of yours, as it is now, in one file (docs/scenario-format.md).",
    )
if issue is not None:
    st.caption("Deleting all your data waits until the message at the top is sorted out.")
else:
    with st.expander("Delete all my data", icon=":material/delete_forever:"):
        st.write(
            "Removes for good every scenario you have saved here, their earlier versions and the ones you "
            "deleted. Nobody else's scenarios are touched. Download them first if you may want them back."
        )
        sure = st.checkbox("I understand this can't be undone", key="delete_all_sure")
        st.button(
            "Delete all my data",
            on_click=scenarios.delete_all_mine,
            disabled=not sure,
            type="primary",
            icon=":material/delete_forever:",
            key="delete_all",
        )
