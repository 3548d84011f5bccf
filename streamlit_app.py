"""Stay or Go: entrypoint. Sets up the page, the session's scenario and the navigation."""

import streamlit as st

from ui import access, nav, scenarios, state, widgets
from ui.widgets import TABLE_DOWNLOAD_HIDDEN

st.set_page_config(page_title="Stay or Go", page_icon=":material/alt_route:", layout="wide")
# A table's own "Download as CSV" writes cells as they are, so a name like =HYPERLINK(...) would
# run in a spreadsheet. Every CSV the app offers is written by core.files.csv_safety.safe_csv instead, so that
# button is hidden. A fixed rule: no user content goes into this HTML.
st.html(TABLE_DOWNLOAD_HIDDEN)

if not access.sign_in_gate():
    st.stop()

state.init()
state.catch_up()
state.start_of_run()

PAGES = [
    st.Page(
        "pages/overview.py",
        title="Overview",
        icon=":material/home:",
        default=True,
        help="Where you stand: the verdict, what staying gives you, and the scenario file.",
    ),
    st.Page(
        "pages/current_role.py",
        title="Current role",
        icon=":material/badge:",
        help="Your job now: pay, ratings and recent changes. Every option is compared with it.",
    ),
    st.Page(
        "pages/offers.py",
        title="Offers",
        icon=":material/work:",
        help="Add, edit and delete offers, internal roles and prospects.",
    ),
    st.Page(
        "pages/money.py",
        title="Money over time",
        icon=":material/payments:",
        help="Pay in all its parts year by year: vesting, cliffs, bonuses, what leaving costs, break-even.",
    ),
    st.Page(
        "pages/priorities.py",
        title="Priorities",
        icon=":material/tune:",
        help="How much each criterion counts, your own criteria, and how pay is scored.",
    ),
    st.Page(
        "pages/compare.py",
        title="Compare",
        icon=":material/leaderboard:",
        help="Every option against staying: scores, where the difference comes from, the CSV.",
    ),
    st.Page(
        "pages/robustness.py",
        title="How sure",
        icon=":material/query_stats:",
        help="How far a weight must move to change the answer, and how often each option wins when "
        "ratings and weights are uncertain. Pairwise weights too.",
    ),
    st.Page(
        "pages/pipeline.py",
        title="Pipeline",
        icon=":material/timeline:",
        help="Where each process stands, what is due next, the timeline, and ratings after interviews.",
    ),
    st.Page(
        "pages/next_steps.py",
        title="Next steps",
        icon=":material/signpost:",
        help="Keep interviewing or step back, with the reasons; message drafts; preparing for interviews; "
        "the decision summary.",
    ),
    st.Page(
        "pages/data.py",
        title="Saved scenarios",
        icon=":material/folder_open:",
        help="Your saved scenarios: open, rename, copy, delete, earlier versions, and where they are kept.",
    ),
]

page = st.navigation(PAGES, position="top")
nav.resume()
scenarios.show_status()
# Compare reruns as a fragment when a priority moves: it draws the save status itself.
widgets.sidebar(status=page.url_path != "compare")
state.show_notices()
nav.run(page)
# Reached only when the page ran to its end: what it set in widgets reached the browser.
state.run_finished()
