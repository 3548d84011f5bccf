"""Where things go on a page: anything drawn only sometimes is drawn in a slot that is always there.

Streamlit sends the elements of a run by their position in their block, and the browser matches
them to what it shows by that position. An element that appears or goes (an error until the base
salary is typed, a notice about a refused edit, fields for one choice only) moves every element
after it in its block, and the browser draws those afresh: a field someone is typing into when
that run's update arrives loses what they typed. A bonus typed right after the base salary was
lost that way, because typing the base made an error above the pay form go. A slot is one element
whatever it holds (nothing, when empty), so nothing after it moves.

tests/test_app_layout.py checks every field on the pages people type into: changing one moves no
other.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator


def slot() -> DeltaGenerator:
    """A container that is always drawn, for what is drawn only sometimes."""
    return st.container()
