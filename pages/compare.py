import streamlit as st

from core import charts
from core.io import comparison_csv
from core.model import PAY_MEASURES
from core.scoring import ScenarioNotReady, compare, comparison_table, explain_option, verdict
from ui import nav, state, widgets

nav.require_entrypoint("pages/compare.py")

scenario = state.scenario()

with st.sidebar:
    st.subheader("Priorities")
    widgets.priority_sliders(scenario, compact=True)

st.title("Compare")

try:
    comparison = compare(scenario)
except ScenarioNotReady as e:
    st.warning(str(e), icon=":material/info:")
    st.stop()

st.success(verdict(comparison), icon=":material/flag:")

currency = scenario.currency
pay_crit = next((c for c in scenario.criteria if c.kind == "pay"), None)
if pay_crit is not None:
    k = comparison.criterion_kinds.index("pay")
    st.caption(
        f"Scores are out of 10. {pay_crit.name} is {PAY_MEASURES[scenario.money.pay_measure]} over "
        f"{scenario.money.horizon_years} years, taking each option now: staying gives "
        f"{currency}{comparison.raw[0, k]:,.0f} a year. The same scores 5, "
        f"+{scenario.pay_scale.raise_for_10:g}% or more scores 10, −{scenario.pay_scale.cut_for_0:g}% "
        "or more scores 0 (change this on Priorities; the money itself is on Money over time). "
        "Other criteria are your 0-10 ratings."
    )

left, right = st.columns([3, 2])
with left:
    st.plotly_chart(
        charts.total_scores_chart(comparison),
        key="chart_totals",
        alt="Bar chart of each option's total score, with staying as a dashed reference line.",
    )
with right:
    st.markdown("**Each option in a sentence**")
    for i in comparison.order:
        if i != 0:
            st.markdown(f"- {explain_option(comparison, i)}")
    st.download_button(
        "Download comparison CSV",
        data=comparison_csv(comparison),
        file_name="stay-or-go-comparison.csv",
        mime="text/csv",
        icon=":material/download:",
        key="download_csv",
        on_click="ignore",
        help="One row per option, staying included: every criterion's value, score, weight and "
        "points, the total, the rank and the difference from staying.",
    )

st.subheader("Where the difference comes from")
st.plotly_chart(
    charts.difference_chart(comparison),
    key="chart_difference",
    alt="Grouped bars of points gained or lost against staying, per criterion and option.",
)
row_of = {comparison.ids[i]: i for i in comparison.order if i != 0}
picked = st.selectbox(
    "Step by step for",
    options=list(row_of),
    format_func=lambda option_id: comparison.labels[row_of[option_id]],
    key="compare_waterfall_option",
)
st.plotly_chart(
    charts.waterfall_chart(comparison, row_of[picked]),
    key="chart_waterfall",
    alt="Waterfall from staying's total to the chosen option's total, one step per criterion.",
)

st.subheader("Ratings side by side")
st.plotly_chart(
    charts.ratings_radar(comparison),
    key="chart_radar",
    alt="Radar chart of every option's 0-10 score on each criterion.",
)

st.subheader("The full table")
st.caption(
    "Click a column header to sort. Value is pay per year or your rating; score is out of 10; "
    "points = score × weight, and the points add up to the total."
)
table = comparison_table(comparison)
st.dataframe(
    table,
    hide_index=True,
    key="compare_table",
    alt="Comparison table with every criterion's value, score, weight and points per option.",
)
