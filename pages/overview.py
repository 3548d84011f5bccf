from datetime import date
from pathlib import Path

import streamlit as st

from core.decision.scoring import ScenarioNotReady, compare, format_points, format_score, verdict
from core.files.scenario_json import (
    ScenarioFileError,
    check_scenario_size,
    scenario_from_json,
    scenario_to_json,
)
from core.model.scenario import Scenario
from core.money.plausibility import figures_to_check
from core.process.summary import staying_and_best, staying_and_best_markdown
from core.text import file_name, markdown_escape
from ui import nav, saved, scenarios, state, widgets

nav.require_entrypoint("pages/overview.py")

scenario = state.scenario()

st.title("Stay or Go")
st.caption(
    "Stay in your job, or take one of the offers in front of you? Enter your current role and "
    "each option, say what matters to you, and see how every option compares with staying put, "
    "and why."
)

try:
    comparison = compare(scenario)
except ScenarioNotReady as e:
    comparison = None
    st.info(markdown_escape(str(e)), icon=":material/info:")

if comparison is not None:
    st.success(markdown_escape(verdict(comparison)), icon=":material/flag:")
    widgets.unfinished_options(scenario)
    to_check = figures_to_check(scenario, date.today())
    if to_check:
        st.warning(
            "Check these figures before trusting the comparison (they are beside their fields on "
            "Current role and Offers):\n\n" + "\n".join(f"- {markdown_escape(t)}" for t in to_check),
            icon=":material/warning:",
        )
    best = comparison.options_best_first[0]
    cols = st.columns(3)
    cols[0].metric(
        "Staying scores",
        f"{format_score(comparison.totals[comparison.staying])} / 10",
        help="Your current role's weighted score on your priorities.",
    )
    cols[1].metric(
        "Best option",
        markdown_escape(comparison.alternatives[best].label),
        help="The highest-scoring option other than staying.",
    )
    cols[2].metric(
        "Best option vs staying",
        f"{'+' if comparison.diff_vs_staying[best] >= 0 else '−'}"
        f"{format_points(comparison.diff_vs_staying[best])} points",
        help="Difference in total score out of 10. Positive means it beats staying.",
    )
    st.page_link("pages/compare.py", label="See the full comparison", icon=":material/leaderboard:")
    left, right = st.columns(2)
    staying_md, best_md = staying_and_best_markdown(staying_and_best(scenario, comparison))
    with left.container(border=True):
        st.markdown(staying_md)
    with right.container(border=True):
        st.markdown(best_md)

st.subheader("How it works")
st.markdown(
    "1. **Current role**: what you earn and how the job rates for you today.\n"
    "2. **Offers**: every offer, internal opening or prospect, with the same fields.\n"
    "3. **Priorities**: how much pay, title, work-life balance, culture, growth and your own "
    "criteria count.\n"
    "4. **Compare**: each option's score out of 10 against staying, where the difference comes "
    "from, and a CSV to keep.\n"
    "5. **Money over time**, **How sure**, **Pipeline** and **Next steps**: pay year by year and "
    "what leaving costs; how robust the answer is; where each process stands, and whether to keep "
    "interviewing or back out, with drafts of the messages."
)

st.subheader("Scenario file")
st.caption(
    "Every change is saved as you make it (see Saved scenarios). Download the scenario to keep a "
    "copy elsewhere or to move it to another computer; a file opened here becomes a new saved "
    "scenario, and the one open now stays as it is. The same file works with the `stay-or-go` command."
)
dl, ul = st.columns(2)
with dl:
    st.download_button(
        "Download scenario (JSON)",
        data=scenario_to_json(saved.as_saved(scenario)),
        file_name=file_name(saved.as_saved(scenario).name, ".json"),
        mime="application/json",
        icon=":material/download:",
        on_click="ignore",
        key="download_scenario",
    )


def _open_file() -> None:
    uploaded = st.session_state.get("scenario_upload")
    if uploaded is None:
        return
    refused = saved.upload_refused(uploaded)
    if refused:
        state.notify("error", f"{uploaded.name} was not opened. {refused}")
        return
    try:
        check_scenario_size(uploaded.size)  # before reading; the upload limit is config, this is code
        new = scenario_from_json(uploaded.getvalue())
    except ScenarioFileError as e:
        state.notify("error", f"{uploaded.name} was not opened. {e}")
        return
    # The scenario keeps the name inside the file; a file without one is named after the file.
    inside = new.name.strip()
    scenarios.open_as_new(
        new,
        inside if inside and inside != Scenario.model_fields["name"].default else Path(uploaded.name).stem,
        what=f"Opened {uploaded.name} ({len(new.options)} option{'' if len(new.options) == 1 else 's'}) as",
        undoable=f"You opened {uploaded.name}.",
    )


with ul:
    st.file_uploader(
        "Open a scenario file",
        type=["json"],
        key="scenario_upload",
        on_change=_open_file,
        max_upload_size=5,
        help="A file downloaded from Stay or Go, or written by `stay-or-go example`.",
    )
