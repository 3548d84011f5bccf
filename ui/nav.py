"""Makes sure every page runs through the entrypoint, even with page files in `pages/`.

Streamlit treats a folder named `pages/` beside the entrypoint as its older multipage API until the
entrypoint has called `st.navigation` once in the server process. Until then, a page URL (a
bookmark to /compare right after a server start, or every AppTest rerun) runs the page file on its
own: no navigation bar, no sidebar, no session set-up. The layout keeps `pages/` as asked, so each
page starts with `require_entrypoint(...)`: when the entrypoint did not run first, it sends the
session through it and straight back to the page the person asked for.
"""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage

_VIA_ENTRYPOINT = "_via_entrypoint"
_RESUME_PAGE = "_resume_page"


def resume() -> None:
    """Right after st.navigation: go back to the page that was asked for, if a page sent us here."""
    page_file = st.session_state.pop(_RESUME_PAGE, None)
    if page_file:
        st.switch_page(page_file)


def run(page: StreamlitPage) -> None:
    """Run the selected page, marking that it came through the entrypoint."""
    st.session_state[_VIA_ENTRYPOINT] = True
    try:
        page.run()
    finally:
        st.session_state[_VIA_ENTRYPOINT] = False


def require_entrypoint(page_file: str) -> None:
    """First line of every page: `page_file` is its path from the app's root, e.g. pages/compare.py."""
    if not st.session_state.get(_VIA_ENTRYPOINT):
        st.session_state[_RESUME_PAGE] = page_file
        st.switch_page("streamlit_app.py")
