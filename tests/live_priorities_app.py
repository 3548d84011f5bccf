"""Test app for the browser tests of the live priorities component (tests/test_browser_live_priorities.py).

Draws the component for one generated case: `?case=N` picks case N from the JSON file named by
the environment variable LIVE_PRIORITIES_CASES (a list of {"options": [...], "criteria": [...]}).
The last commit the component made is written under it as JSON, for the test to read.
"""

import json
import os
from pathlib import Path

import streamlit as st

from ui.live_priorities import live_priorities_preview

cases = json.loads(Path(os.environ["LIVE_PRIORITIES_CASES"]).read_text(encoding="utf-8"))
case = cases[int(st.query_params.get("case", "0"))]
result = live_priorities_preview(case)
st.code(json.dumps(result.commit), language=None)
