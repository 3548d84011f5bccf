import streamlit as st

from core import charts
from core.edits.editing import compare_in, with_value
from core.model.scenario import PAY_MEASURES
from core.money.compensation import money_problem, project
from core.money.currency import (
    RateMissing,
    currencies,
    currency_name,
    exchange_rate,
    money_in,
    rates_published,
)
from core.money.leaving import cost_of_leaving_new_job
from core.money.tax import notes_for_years
from core.report import years_csv
from core.shown import day
from core.text import file_name, markdown_escape
from ui import nav, saved, state
from ui.layout import slot
from ui.what_it_takes_view import show_what_it_takes

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
    "retirement match, benefits, and the costs of health and commuting. Values are after tax (the "
    "rate you entered, or US tax worked out year by year) and adjusted for cost of living (where you "
    "live now = 100), in one currency."
)

with st.container(border=True):
    a, b = st.columns(2)
    with a:
        state.bound(
            st.slider,
            "Horizon (years)",
            ("money", "horizon_years"),
            help="How far ahead to look. Longer horizons count more of back-loaded equity.",
        )
    with b:
        months = scenario.money.horizon_years * 12
        state.bound(
            st.slider,
            "If I leave my current role at month",
            ("money", "leave_month"),
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


def _shown_money(amount: float) -> str:
    return markdown_escape(money_in(amount, cur))


def _set_override(code: str, rate: float | None) -> bool:
    current = dict(state.scenario().money.rate_overrides)
    if rate is None or rate <= 0:
        current.pop(code, None)
    else:
        current[code] = float(rate)
    return state.apply(with_value, ("money", "rate_overrides"), current)


with st.container(border=True):
    st.markdown("**Currencies**")
    target = scenario.comparison_currency
    own = scenario.job_currency(scenario.current)
    a, b = st.columns([1, 2])
    with a:
        st.selectbox(
            "Compare everything in",
            currencies(),
            format_func=currency_name,
            placeholder="Choose a currency",
            help="Your current role's currency unless you pick another. Each job's amounts stay in "
            "its own currency; only the comparison is converted.",
            **state.synced(
                state.widget_key(("currency",)),
                lambda: state.scenario().comparison_currency,
                lambda code: code is not None and state.apply(compare_in, code),
            ),
        )
    with b:
        if target is not None and own is not None and own != target:
            st.caption(
                f"Your current role pays in {markdown_escape(currency_name(own))}; everything is compared in "
                f"{markdown_escape(currency_name(target))}."
            )
        elif target is not None:
            st.caption(f"Compared in {markdown_escape(currency_name(target))}, your current role's currency.")
    paid_in = sorted(
        {c for job in [scenario.current, *scenario.options] if (c := scenario.job_currency(job)) is not None}
        - {target}
    )
    on = scenario.money.rate_date or scenario.money.start
    overrides = scenario.money.rate_overrides
    with slot():  # the rates of the currencies other jobs pay in (`ui.layout`)
        if paid_in:
            first_day, last_day = rates_published()
            day_col, _ = st.columns([1, 2])
            with day_col:
                state.bound(
                    st.date_input,
                    "Exchange rates of the day",
                    ("money", "rate_date"),
                    min_value=first_day,
                    max_value=last_day,
                    format="YYYY-MM-DD",
                    help="Empty: the first day of the projection (or the latest rates shipped, when that "
                    "is later). A day with no rate uses the last one published before it.",
                )
        for code in paid_in:
            c, d = st.columns([2, 1])
            with d:
                st.number_input(
                    f"Your rate: 1 {code} = ? {target}",
                    min_value=0.0,
                    max_value=1e6,
                    step=0.0001,
                    format="%.4f",
                    placeholder="The ECB's rate",
                    help="Enter the rate you expect (your bank's, or a forecast) to use it instead of the "
                    "European Central Bank's reference rate. Empty: the ECB's.",
                    **state.synced(
                        state.widget_key(("money", "rate_overrides", code)),
                        lambda code=code: state.scenario().money.rate_overrides.get(code),
                        lambda rate, code=code: _set_override(code, rate),
                    ),
                )
            with c:
                try:
                    rate = exchange_rate(code, target, on, overrides.get(code))
                except (RateMissing, ValueError) as missing:
                    st.warning(markdown_escape(str(missing)), icon=":material/currency_exchange:")
                else:
                    st.markdown(f"**{markdown_escape(currency_name(code))}**: {markdown_escape(rate.label)}")
        if paid_in:
            first, last = rates_published()
            st.caption(
                f"Reference rates of the European Central Bank, shipped with the app ({day(first)} to "
                f"{day(last)}), on the first day of the projection or the last published before it."
            )


problem = money_problem(scenario)
if problem is not None:
    st.error(
        f"{markdown_escape(problem)} Nothing below can be worked out until then; everything you "
        "entered is kept.",
        icon=":material/error:",
    )
    st.stop()

projection = project(scenario)
leave = projection.leave_month
labels_by_id = {a.id: a.label for a in projection.alternatives}
# Beside every converted figure: the rate it was converted at, and its date.
converted = (
    " Converted: "
    + "; ".join(
        f"{markdown_escape(labels_by_id[key])} at {markdown_escape(rate.label)}"
        for key, rate in projection.rates
    )
    + "."
    if projection.rates
    else ""
)
with slot():
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
    _shown_money(forfeit.equity),
    help="Equity from your current grants that would vest after you leave, at the share price "
    "expected on each vesting date, before tax.",
)
cols[1].metric("Retirement match not yet vested", _shown_money(forfeit.match))
cols[2].metric(
    "Sign-on to repay",
    _shown_money(forfeit.clawback),
    help="Owed when you leave before the clawback period ends.",
)
cols[3].metric(
    "Cost of leaving",
    _shown_money(forfeit.total),
    help="The three added up, before tax.",
)
st.caption(
    f"Before tax. After tax and cost of living, as every other figure on this page: "
    f"{_shown_money(forfeit.total_after_tax)} (equity at the tax rate you pay in that year; the match is "
    f"not taxed until you draw it; a repaid sign-on is money you already had).{converted}"
)

st.subheader("If the new job doesn't work out")
leave_new_col, _ = st.columns([1, 2])
with leave_new_col:
    state.bound(
        st.number_input,
        "Leave the new job after (months in it)",
        ("money", "leave_new_month"),
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
    f"leaving at month {leave}.{converted}"
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
    j = projection.row_of(picked)
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

st.subheader("Tax, year by year")
tax_table = projection.tax_table()
worked = [job for job in [scenario.current, *scenario.options] if job.pay.tax_mode == "worked out"]
st.caption(
    "Each job's tax per year, in the comparison currency. A job with worked-out US tax shows each "
    "tax: each year's pay in it is one tax return (sign-on, bonus and vesting equity taxed as wages "
    "in the year paid; your pre-tax retirement contributions and premiums taken off first). In the "
    "year you change jobs, the two jobs' pay is one return and each pays its share, in proportion "
    "to its pay. The marginal rate is the tax on the next 100 of pay. A job with an effective rate "
    "shows that rate."
    if worked
    else "Each job's tax per year, at the effective rate you entered for it (on Current role and "
    "Offers you can have US tax worked out instead)."
)
rate_format = st.column_config.NumberColumn(format="percent")
shown_tax = tax_table.copy()
if not worked:
    shown_tax = shown_tax.drop(
        columns=["Federal income tax", "State income tax", "Social Security", "Medicare", "Marginal rate"]
    )
shown_tax["Tax"] = shown_tax["Tax"].map(
    lambda how: "Your effective rate" if how == "effective rate" else how[:1].upper() + how[1:]
)
st.dataframe(
    shown_tax,
    hide_index=True,
    key="tax_table",
    column_config={
        **{
            c: money_column(c)
            for c in shown_tax.columns
            if c not in ("Option", "Year", "Job", "Tax", "Effective rate", "Marginal rate")
        },
        "Wages": money_column("Gross pay", "Base, bonus, sign-on and relocation, and equity as it vests."),
        "Option": st.column_config.TextColumn("Path", help="Staying, or taking this option."),
        "Effective rate": rate_format,
        "Marginal rate": rate_format,
        "Year": st.column_config.NumberColumn("Year", format="%d"),
    },
    alt="Tax per path, year and job: gross pay, each tax, total, after tax, effective and marginal rates.",
)
notes = notes_for_years(t.breakdown for t in projection.tax_breakdown)
with slot():
    if notes or converted:
        st.caption(("; ".join(markdown_escape(n) for n in notes) + "." if notes else "") + converted)
st.plotly_chart(
    charts.take_home_chart(projection),
    key="chart_take_home",
    alt="Take-home pay per year after tax for staying and each option, side by side.",
)

if scenario.options:
    st.subheader("What it would take")
    # Worked out only when opened: it runs the model a few hundred times (cached per scenario).
    closer = st.expander(
        "The base salary, sign-on or counteroffer at which the answer changes",
        key="money_what_it_takes",
        on_change="rerun",
    )
    if closer.open:
        with closer:
            show_what_it_takes(scenario, "money_what_it_takes_table")

st.subheader("Year by year")
table = projection.yearly_table()
st.dataframe(
    table,
    hide_index=True,
    column_config={c: money_column(c) for c in table.columns if c not in ("Option", "Year")},
    alt="Year-by-year money for every option: each part, totals, cumulative and difference from staying.",
)
with slot():
    if converted:
        st.caption(converted.strip())
st.download_button(
    "Download year-by-year CSV",
    data=years_csv(projection.yearly_table_with_tax(), cur),
    help="Every part of pay per year, after tax and cost of living, with each year's taxes.",
    file_name=file_name(saved.as_saved(scenario).name, " - year by year.csv"),
    mime="text/csv",
    icon=":material/download:",
    key="download_years",
    on_click="ignore",
)
