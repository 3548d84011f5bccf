import streamlit as st

from core import charts
from core.compensation import cost_of_leaving_new_job, project
from core.io import years_csv
from core.model import PAY_MEASURES
from core.text import file_name, markdown_escape
from ui import nav, saved, state

nav.require_entrypoint("pages/money.py")

scenario = state.scenario()
cur = scenario.currency
shown_cur = markdown_escape(cur)  # in labels and metrics, which read Markdown


def money_column(label: str, help: str | None = None) -> st.column_config.NumberColumn:
    """A money column: the currency in its header, the amount with its sign in the cell."""
    return st.column_config.NumberColumn(f"{label} ({cur})", format="%,.0f", help=help)


st.title("Money over time")
st.caption(
    "Pay in all its parts, month by month: raises, bonuses, sign-on, equity as it vests, the "
    "retirement match, benefits, and the costs of health and commuting. Values are after your "
    "effective tax rate and adjusted for cost of living (where you live now = 100). We do not model "
    "tax law."
)

with st.container(border=True):
    a, b = st.columns(2)
    with a:
        state.bound(
            st.slider,
            "Horizon (years)",
            ("money", "horizon_years"),
            min_value=1,
            max_value=10,
            help="How far ahead to look. Longer horizons count more of back-loaded equity.",
        )
    with b:
        months = scenario.money.horizon_years * 12
        state.bound(
            st.slider,
            "If I leave my current role at month",
            ("money", "leave_month"),
            min_value=0,
            max_value=120,
            help="0 is now. You work the months before it and keep what vests in them; the new job "
            "starts that month. (Counteroffers take effect now.)",
        )
    c, d = st.columns(2)
    with c:
        state.bound(
            st.number_input,
            f"An hour of commuting is worth ({shown_cur})",
            ("money", "time_value_per_hour"),
            min_value=0.0,
            max_value=10_000.0,
            step=5.0,
            help="Counted as a cost with the commute. 0 counts only the money a commute costs.",
        )
    with d:
        state.bound(
            st.selectbox,
            "Pay figure the score uses",
            ("money", "pay_measure"),
            options=list(PAY_MEASURES),
            format_func=lambda m: PAY_MEASURES[m].capitalize(),
            help="Every measure is after tax and cost of living, taking each option now.",
        )

projection = project(scenario)
leave = projection.leave_month
if scenario.money.leave_month >= months:
    st.info(f"Leaving at month {scenario.money.leave_month} is past the horizon; showing month {leave}.")

forfeit = projection.forfeit
st.subheader(
    f"What leaving {markdown_escape(scenario.current.employer) or 'your current role'} at month {leave} "
    "leaves behind"
)
cols = st.columns(4)
cols[0].metric(
    "Unvested equity",
    f"{shown_cur}{forfeit.equity:,.0f}",
    help="Equity from your current grants that would vest after you leave, at the share price "
    "expected on each vesting date, before tax.",
)
cols[1].metric("Retirement match not yet vested", f"{shown_cur}{forfeit.match:,.0f}")
cols[2].metric(
    "Sign-on to repay",
    f"{shown_cur}{forfeit.clawback:,.0f}",
    help="Owed when you leave before the clawback period ends.",
)
cols[3].metric(
    "Cost of leaving",
    f"{shown_cur}{forfeit.total:,.0f}",
    help="The three added up, before tax.",
)
st.caption(
    f"Before tax. After tax and cost of living, as every other figure on this page: "
    f"{shown_cur}{forfeit.total_after_tax:,.0f} (equity at your effective tax rate; the match is "
    "not taxed until you draw it; a repaid sign-on is money you already had)."
)

st.subheader("If the new job doesn't work out")
leave_new_col, _ = st.columns([1, 2])
with leave_new_col:
    state.bound(
        st.number_input,
        "Leave the new job after (months in it)",
        ("money", "leave_new_month"),
        min_value=0,
        max_value=120,
        step=1,
        placeholder="Empty: you stay in the new job",
        help="What leaving an option's job that many months after starting it would cost: the "
        "sign-on owed back within its clawback, and the equity and match not yet vested. Leave it "
        "empty to assume you stay.",
    )
leaving_new = cost_of_leaving_new_job(scenario)
if leaving_new:
    rows = [
        {
            "Option": c.label,
            "Leaving at month": c.forfeit.month,
            "Sign-on owed back": c.forfeit.clawback,
            "Equity not yet vested": c.forfeit.equity,
            "Match not yet vested": c.forfeit.match,
            "Cost before tax": c.forfeit.total,
            "After tax and cost of living": c.forfeit.total_after_tax,
            "At risk until the clawback ends": c.at_risk_until_clawback_ends,
            "Clawback runs until": projection.month_name(c.clawback_ends)
            if c.clawback_ends is not None
            else "—",
        }
        for c in leaving_new
    ]
    st.dataframe(
        rows,
        hide_index=True,
        column_config={
            **{
                k: money_column(k)
                for k in rows[0]
                if k not in ("Option", "Leaving at month", "Clawback runs until")
            },
            "Leaving at month": st.column_config.NumberColumn("Leaving at month", format="%d"),
        },
        alt="What leaving each option's job early would cost.",
    )
elif scenario.options:
    st.caption("Set a number of months to see what leaving each new job that early would cost.")

st.subheader("Side by side")
summary = projection.summary()


TEXT_COLUMNS = ("Option", "Break-even", "Break-even month")
st.dataframe(
    summary,
    hide_index=True,
    column_config={
        **{c: money_column(c) for c in summary.columns if c not in TEXT_COLUMNS},
        "Guaranteed per year": money_column(
            "Guaranteed per year",
            "Base salary, and a sign-on or relocation with no clawback: what you get for sure.",
        ),
        "At risk per year": money_column(
            "At risk per year",
            "Bonus and equity, which depend on performance and share price, and a sign-on or "
            "relocation you would owe back if you left within its clawback.",
        ),
        "Break-even month": None,
        "Break-even": st.column_config.TextColumn(
            "Break-even",
            help="The month from which taking this option stays ahead of staying, counting everything "
            "left behind. Months count from 0 (now), like the leave month above.",
        ),
    },
    alt="Money per option: year 1, average year, cumulative, guaranteed, at risk, break-even.",
)
st.caption(
    f"All figures after tax and cost of living, over {scenario.money.horizon_years} years, "
    f"leaving at month {leave}."
)

st.plotly_chart(
    charts.cumulative_chart(projection),
    key="chart_cumulative",
    alt="Cumulative value of each option against staying over the horizon, with break-even marked.",
)

if scenario.options:
    ids = [o.id for o in scenario.options]
    picked = st.selectbox(
        "Look closer at",
        ids,
        format_func=lambda i: scenario.option(i).name,
        key="money_option",
    )
    j = 1 + ids.index(picked)
    left, right = st.columns(2)
    with left:
        st.plotly_chart(
            charts.components_chart(projection, j),
            key="chart_components",
            alt="Stacked bars of the chosen option's pay per year by part.",
        )
    with right:
        st.plotly_chart(
            charts.vesting_chart(projection, j),
            key="chart_vesting",
            alt="Equity vesting per month for staying and the chosen option; cliffs stand out.",
        )

st.subheader("Year by year")
table = projection.yearly_table()
st.dataframe(
    table,
    hide_index=True,
    column_config={c: money_column(c) for c in table.columns if c not in ("Option", "Year")},
    alt="Year-by-year money for every option: each part, totals, cumulative and difference from staying.",
)
st.download_button(
    "Download year-by-year CSV",
    data=years_csv(table, cur),
    file_name=file_name(saved.as_saved(scenario).name, " - year by year.csv"),
    mime="text/csv",
    icon=":material/download:",
    key="download_years",
    on_click="ignore",
)
