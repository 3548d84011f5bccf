"""A page for tests/test_browser_text.py, not part of the app: typed text through
core.text.markdown_escape into every kind of Streamlit element that reads Markdown, and option and
criterion names through the app's chart builders into Plotly.

The text comes from the JSON file named by STAY_OR_GO_TEXT_CORPUS: {"markdown": [...], "names": [...]}.
"""

import json
import os
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from core import charts
from core.decision.scoring import compare
from core.edits.editing import validated
from core.model.example import example_scenario
from core.text import markdown_escape

corpus = json.loads(Path(os.environ["STAY_OR_GO_TEXT_CORPUS"]).read_text(encoding="utf-8"))

for k, text in enumerate(corpus["markdown"]):
    with st.container(key=f"md-{k}"):
        st.markdown(markdown_escape(text))

for k, text in enumerate(corpus["names"]):
    shown = markdown_escape(text)
    with st.container(key=f"el-{k}"):
        st.success(shown)
        st.caption(shown)
        st.metric(shown, shown)
        st.checkbox(shown, key=f"checkbox-{k}")
        st.button(shown, key=f"button-{k}")
        st.radio(shown, [shown], key=f"radio-{k}")
        st.expander(shown)
        st.tabs([shown])

# The app's own chart builders, drawn interactive (hover works), from the example with the names.
data = example_scenario().model_dump(mode="json")
for option, name in zip(data["options"], corpus["names"], strict=False):
    option["name"] = name
next(c for c in data["criteria"] if c["id"] == "growth")["name"] = corpus["names"][-1]
comparison = compare(validated(data))
with st.container(key="charts"):
    st.plotly_chart(charts.total_scores_chart(comparison), key="totals")
    st.plotly_chart(charts.difference_chart(comparison), key="difference")

# The control: a name put into a figure without plotly_escape, to show the test can see a link.
with st.container(key="control"):
    st.plotly_chart(go.Figure(go.Bar(x=[1], y=[corpus["names"][0]], orientation="h")), key="unescaped")
