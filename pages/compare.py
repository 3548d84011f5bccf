import streamlit as st

from core import charts
from core.decision.scoring import ScenarioNotReady, compact_table, compare, explain_option, verdict
from core.decision.uncertainty import probabilities
from core.model.scenario import PAY_MEASURES
from core.money.compensation import conversions
from core.money.currency import money_in as money
from core.process.rules import advise
from core.process.summary import pros_and_cons, pros_and_cons_markdown
from core.report import comparison_csv
from core.text import file_name, markdown_escape
from ui import nav, saved, state, widgets
from ui.cache import uncertainty
from ui.live_priorities import live_priorities
from ui.what_it_takes_view import show_what_it_takes

nav.require_entrypoint("pages/compare.py")

# These charts redraw on every slider move. Static plots (no hover or zoom; every value is
# written on the chart) draw in a fraction of the time of interactive ones (docs/benchmarks.md).
STATIC = {"staticPlot": True}
OTHERS_LISTED = 10


def _converted(scenario, comparison) -> str:
    """The rate and date each converted job's money was converted at, for beside its figures."""
    rates = conversions(scenario)
    if not rates:
        return ""
    names = {a.id: a.label for a in comparison.alternatives}
    return (
        " Converted: "
        + "; ".join(
            f"{markdown_escape(names[key])} at {markdown_escape(rate.label)}" for key, rate in rates.items()
        )
        + "."
    )


def _pay_caption(scenario, comparison) -> None:
    """How pay is scored, with staying's figure and the rates money was converted at."""
    currency = scenario.currency
    pay_crit = next((c for c in scenario.criteria if c.kind == "pay"), None)
    if pay_crit is not None:
        k = comparison.column_of_kind("pay")
        st.caption(
            f"Scores are out of 10. {markdown_escape(pay_crit.name)} scores {PAY_MEASURES[scenario.money.pay_measure]} "
            f"of money after tax and cost of living over {scenario.money.horizon_years} years, taking "
            f"each option now: staying gives {markdown_escape(money(comparison.raw[comparison.staying, k], currency))}. The same scores 5, "
            f"+{scenario.pay_scale.raise_for_10:g}% or more scores 10, −{scenario.pay_scale.cut_for_0:g}% "
            "or more scores 0 (change this on Priorities; the money itself is on Money over time). "
            "Other criteria are your 0-10 ratings." + _converted(scenario, comparison)
        )


def _totals_and_download(scenario, comparison) -> None:
    """The total scores, the other options in a sentence each, and the comparison CSV."""
    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(
            charts.total_scores_chart(comparison),
            key="chart_totals",
            config=STATIC,
            alt="Bar chart of each option's total score, with staying as a dashed reference line.",
        )
    with right:
        top = comparison.order[0]
        others = [i for i in comparison.options_best_first if i != top]
        if others:
            # One block, at most OTHERS_LISTED lines: a list of 200 options is read in the Table.
            shown = others[:OTHERS_LISTED]
            st.markdown(
                "**The other options**\n\n"
                + "\n".join(f"- {markdown_escape(explain_option(comparison, i))}" for i in shown)
            )
            if len(others) > len(shown):
                st.caption(
                    f"… and {len(others) - len(shown)} more, ranked lower: the Table lists every option."
                )
        st.download_button(
            "Download comparison CSV",
            data=lambda: comparison_csv(comparison),  # written when it is asked for, not on every run
            file_name=file_name(saved.as_saved(state.scenario()).name, " - comparison.csv"),
            mime="text/csv",
            icon=":material/download:",
            key="download_csv",
            on_click="ignore",
            help="One row per option, staying included: every criterion's value, score, weight and "
            "points, the money figures, the total, the rank and the difference from staying.",
        )


def _by_criterion(tab, comparison) -> None:
    """Points gained or lost against staying, per criterion and option."""
    with tab:
        n_options = len(comparison.option_rows)
        if n_options > charts.DIFFERENCE_CHART_MOST:
            st.caption(
                f"The {charts.DIFFERENCE_CHART_MOST} highest-ranked of your {n_options} options: "
                "more bars than that can't be read. Step by step and the Table show every option."
            )
        st.plotly_chart(
            charts.difference_chart(comparison),
            key="chart_difference",
            config=STATIC,
            alt="Grouped bars of points gained or lost against staying, per criterion and option.",
        )


def _step_by_step(tab, comparison) -> None:
    """From staying's total to one option's, a step per criterion."""
    with tab:
        row_of = {comparison.alternatives[i].id: i for i in comparison.options_best_first}
        picked = st.selectbox(
            "From staying to",
            options=list(row_of),
            format_func=lambda option_id: comparison.alternatives[row_of[option_id]].label,
            key="compare_waterfall_option",
        )
        st.plotly_chart(
            charts.waterfall_chart(comparison, row_of[picked]),
            key="chart_waterfall",
            config=STATIC,
            alt="Waterfall from staying's total to the chosen option's total, one step per criterion.",
        )


def _ratings_side_by_side(tab, comparison) -> None:
    """Every option's 0-10 score on each criterion."""
    with tab:
        st.plotly_chart(
            charts.ratings_radar(comparison),
            key="chart_radar",
            config=STATIC,
            alt="Radar chart of every option's 0-10 score on each criterion.",
        )


def _pros_and_cons(tab, scenario, comparison) -> None:
    """Each option's pros and cons against staying, with the next step for its process."""
    p_beats, _ = probabilities(comparison, uncertainty(scenario, comparison))
    with tab:
        for i in comparison.options_best_first:
            option = comparison.alternatives[i]
            with st.container(border=True):
                st.markdown(f"**{markdown_escape(option.label)}** against staying")
                st.markdown(pros_and_cons_markdown(pros_and_cons(scenario, comparison, i)))
                advice = advise(scenario, comparison, option.id, p_beats_staying=p_beats.get(option.id))
                if advice is not None:
                    st.caption(
                        f"Next step: {advice.title.lower()}. {markdown_escape(advice.reasons[0])} "
                        "(see Next steps)"
                    )


def _table(tab, scenario, comparison) -> None:
    """The comparison as a table (the CSV has everything)."""
    with tab:
        st.caption(
            "Click a column header to sort. Scores are out of 10; points = score × weight, and "
            "each option's points add up to its total. The CSV has every value and weight too."
        )
        table = compact_table(comparison)
        score_format = st.column_config.NumberColumn(format="%.2f")
        st.dataframe(
            table,
            hide_index=True,
            key="compare_table",
            column_config={
                **{c: score_format for c in table.columns if c not in ("Option", "Kind", "Rank")},
                "Rank": st.column_config.NumberColumn(format="%d", help="1 is best; ties share a rank."),
                "Vs staying": st.column_config.NumberColumn(format="%+.2f"),
                "Money: average year": st.column_config.NumberColumn(
                    f"Average year ({scenario.currency})",
                    format="%,.0f",
                    help="After tax and cost of living, over the horizon.",
                ),
            },
            alt="Comparison table: total, rank, difference from staying and points per criterion.",
        )


# The page is one fragment: a committed priority change reruns only this, not the navigation
# and the rest of the app. While a slider moves, the live priorities component answers in the
# browser alone (ui/live_priorities.py).
@st.fragment
def compare_page() -> None:
    if widgets.problem_not_on_the_page():
        st.rerun(scope="app")  # a change here could not be saved: the whole page says so
    with st.sidebar:
        widgets.save_status()

    st.title("Compare")
    # First: a commit whose callback was cut short is applied here, before anything is scored.
    live_priorities(key="live:compare", not_ready_said_below=True)
    scenario = state.scenario()
    state.show_notices()

    try:
        comparison = compare(scenario)
    except ScenarioNotReady as e:
        st.warning(markdown_escape(str(e)), icon=":material/info:")
        state.run_finished()
        return

    st.success(markdown_escape(verdict(comparison)), icon=":material/flag:")
    widgets.unfinished_options(scenario)

    _pay_caption(scenario, comparison)
    _totals_and_download(scenario, comparison)
    # Only the open tab is drawn: each chart costs the browser time on every slider move.
    by_criterion, step_by_step, ratings, pros_cons, full_table, takes = st.tabs(
        [
            "By criterion",
            "Step by step",
            "Ratings side by side",
            "Pros and cons",
            "Table",
            "What it would take",
        ],
        key="compare_view",
        on_change="rerun",
    )
    if by_criterion.open:
        _by_criterion(by_criterion, comparison)
    if step_by_step.open:
        _step_by_step(step_by_step, comparison)
    if ratings.open:
        _ratings_side_by_side(ratings, comparison)
    if pros_cons.open:
        _pros_and_cons(pros_cons, scenario, comparison)
    if full_table.open:
        _table(full_table, scenario, comparison)
    if takes.open:
        with takes:
            show_what_it_takes(scenario, "compare_what_it_takes")
    state.run_finished()  # reached only when the fragment ran to its end


compare_page()
