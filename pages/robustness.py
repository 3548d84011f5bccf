import numpy as np
import pandas as pd
import streamlit as st

from core import charts
from core.decision.ahp import CR_THRESHOLD, ahp_weights, inconsistency_hint, pairwise_matrix
from core.decision.scoring import ScenarioNotReady, compare
from core.decision.sensitivity import sensitivity_for, sweep_for
from core.decision.uncertainty import flip_sentences, robustness_inputs
from core.edits.editing import with_value, with_values
from core.model.scenario import WEIGHT_MODES
from core.shown import BLANK, percent
from core.text import markdown_escape
from ui import nav, state
from ui.cache import uncertainty

nav.require_entrypoint("pages/robustness.py")

scenario = state.scenario()

st.title("How sure is the answer")
st.caption(
    "One set of slider positions and one set of ratings give one answer. Here: how far a weight "
    "must move to change it, and how often each option comes out on top when the ratings and "
    "weights are as uncertain as they really are."
)

try:
    comparison = compare(scenario)
except ScenarioNotReady as e:
    st.warning(markdown_escape(str(e)), icon=":material/info:")
    st.stop()

labels = [a.label for a in comparison.alternatives]
names = [c.name for c in comparison.criteria]
sens = sensitivity_for(comparison)


# Weight sensitivity ---------------------------------------------------------------------------------
st.header("How far a weight must move")
top = sens.top
top_sentence, offer_sentence = flip_sentences(sens)
if sens.critical() is None:
    st.success(markdown_escape(top_sentence), icon=":material/verified:")
else:
    st.info(markdown_escape(top_sentence), icon=":material/swap_vert:")
st.caption(markdown_escape(offer_sentence))


def _holds(k: int) -> dict[str, object]:
    low, high = sens.top_low[k], sens.top_high[k]
    below = "" if np.isnan(sens.flip_down[k]) else labels[sens.takes_over_down[k]]
    above = "" if np.isnan(sens.flip_up[k]) else labels[sens.takes_over_up[k]]
    return {
        "Criterion": names[k],
        "Weight now": percent(sens.weights[k]),
        f"{labels[top]} stays first from": percent(low),
        "to": percent(high),
        "Below that, first is": below,
        "Above that, first is": above,
    }


st.dataframe(
    pd.DataFrame([_holds(k) for k in range(len(names))]),
    hide_index=True,
    alt="For each criterion, the weights between which the top option stays first.",
)
st.caption(
    "Each row moves one weight and rescales the others in proportion. The limits are exact: every "
    "total is a straight line in the weight, so they are where two lines cross (docs/methods.md)."
)

left, right = st.columns(2)
with left:
    option_rows = {comparison.alternatives[i].id: i for i in comparison.option_rows}
    picked = st.selectbox(
        "Tornado for",
        list(option_rows),
        format_func=lambda oid: labels[option_rows[oid]],
        key="robust_tornado_option",
    )
    st.plotly_chart(
        charts.tornado_chart(sens, option_rows[picked]),
        key="chart_tornado",
        alt="Tornado: the option's difference from staying as each weight goes from 0 to 100%.",
    )
with right:
    crit = st.selectbox(
        "Sweep the weight of",
        list(range(len(names))),
        format_func=lambda k: names[k],
        key="robust_sweep_criterion",
    )
    st.plotly_chart(
        charts.sweep_chart(sweep_for(comparison), sens, crit),
        key="chart_sweep",
        alt="Every option's total as one weight goes from 0 to 100%, with the flip points marked.",
    )

# Uncertainty ----------------------------------------------------------------------------------------
st.header("When the inputs are uncertain")
st.caption(
    "Each draw takes every rating from its range (most likely value at the peak, a triangular "
    "distribution) and, if you choose, weights around yours; then ranks the options. Pay is drawn "
    "between its values at the low and high ends of the bonus and share-price ranges, and for a "
    "job paid in another currency, of the exchange rate's lowest and highest reference rate in the "
    "year to the rates' day (a rate you entered yourself counts as known). Ratings you gave no "
    "range get the default spread below, so the width is never hidden."
)
with st.container(border=True):
    a, b, c = st.columns(3)
    with a:
        state.bound(
            st.select_slider,
            "Draws",
            ("robustness", "draws"),
            options=[1_000, 2_000, 5_000, 10_000, 20_000, 50_000],
            help="More draws, steadier figures; 10,000 is within about ±1 percentage point.",
        )
        state.bound(st.number_input, "Seed", ("robustness", "seed"), step=1)
    with b:
        state.bound(
            st.selectbox,
            "Weights in the draws",
            ("robustness", "weight_mode"),
            options=list(WEIGHT_MODES),
            format_func=lambda m: WEIGHT_MODES[m].capitalize(),
        )
        state.bound(
            st.slider,
            "…give or take (share of the decision)",
            ("robustness", "weight_spread"),
            step=0.05,
            disabled=scenario.robustness.weight_mode != "around",
            help="How far your weights may wander in the draws: 0.2 lets a weight near half the "
            "decision move by about ±10 points.",
        )
    with c:
        state.bound(
            st.slider,
            "Default spread of a rating (± points)",
            ("robustness", "default_spread"),
            step=0.5,
            help="For an option's rating you gave no range. The current role's ratings count as known "
            "unless you give them a range.",
        )

inputs = robustness_inputs(scenario, comparison)
with st.expander("The ranges drawn from (low – most likely – high)"):
    st.dataframe(
        inputs.ranges_table(comparison),
        hide_index=True,
        alt="The low, most likely and high score of every option on every criterion.",
    )
    st.caption("Set a rating's range on the Current role or Offers page; pay ranges in the pay form.")

result = uncertainty(scenario, comparison)
summary = pd.DataFrame(
    {
        "Option": labels,
        "First in": [percent(p) for p in result.p_first],
        # staying cannot beat itself: a dash, not an empty "None"
        "Beats staying in": [
            BLANK if a.is_staying else percent(p)
            for a, p in zip(comparison.alternatives, result.p_beats_staying, strict=True)
        ],
        "Vs staying, mean": np.round(result.diff_mean, 2) + 0.0,  # + 0.0: no "-0.00"
        "Vs staying, spread (sd)": np.round(result.diff_std, 2) + 0.0,
    }
)
for k, name in enumerate(names):
    summary[f"Central weight: {name}"] = [percent(w) for w in result.central_weights[:, k]]
st.dataframe(
    summary,
    hide_index=True,
    key="robust_summary",
    column_config={
        "First in": st.column_config.TextColumn(help="Share of draws ranked first."),
        "Beats staying in": st.column_config.TextColumn(
            help="Share of draws in which its total is above staying's (a dash for staying itself)."
        ),
        **{
            f"Central weight: {name}": st.column_config.TextColumn(
                help="Average weight in the draws this option wins; a dash if it never does."
            )
            for name in names
        },
    },
    alt="Probability of ranking first and of beating staying, and central weights, per option.",
)
margin = float(result.standard_error(0.5) * 100 * 2)
st.caption(
    f"{result.draws:,} draws, seed {result.seed}; shares are within about ±{margin:.1f} percentage "
    "points of what endless draws would give. Central weights: the weights under which the option "
    "typically wins (SMAA-2, Lahdelma and Salminen 2001)."
)
left, right = st.columns(2)
with left:
    st.plotly_chart(charts.rank_chart(result), key="chart_ranks", alt="Stacked bars of rank shares.")
with right:
    st.plotly_chart(
        charts.difference_distribution_chart(result),
        key="chart_diff_dist",
        alt="Distribution of each option's score minus staying's over the draws.",
    )

# Pairwise weights -----------------------------------------------------------------------------------
st.header("Weights from comparisons, two at a time")
st.caption(
    "If sliders feel arbitrary: say for each pair which matters more, and how much (Saaty's 1-9 "
    "scale). The weights come from the principal eigenvector; the consistency ratio says whether "
    "the answers hang together (above 0.10 is worth a second look)."
)
criteria = scenario.criteria
SCALE = [9, 7, 5, 3, 2, 1, 1 / 2, 1 / 3, 1 / 5, 1 / 7, 1 / 9]


def _scale_label(a: str, b: str):
    """Labels for the 1-9 scale between criteria `a` and `b` (shown as Markdown, so escaped)."""
    a, b = markdown_escape(a), markdown_escape(b)
    words = {9: "extremely", 7: "very much", 5: "much", 3: "moderately", 2: "slightly"}

    def label(v: float) -> str:
        if v == 1:
            return "equal"
        if v > 1:
            return f"{a} {words[int(v)]} more ({int(v)})"
        return f"{b} {words[round(1 / v)]} more ({round(1 / v)})"

    return label


def _judgement_now(pair: str) -> float:
    """The scale's value nearest the judgement stored for `pair` (1, equal, when none)."""
    given = state.scenario().pairwise.get(pair, 1.0)
    return min(SCALE, key=lambda v: abs(v - given))


judgements = {}
if len(criteria) < 2:
    st.info("Add a second criterion to compare them.")
else:
    with st.expander("Compare the criteria", expanded=False):
        for i in range(len(criteria)):
            for j in range(i + 1, len(criteria)):
                a, b = criteria[i], criteria[j]
                pair = f"{a.id}|{b.id}"
                value = _judgement_now(pair)
                st.select_slider(
                    f"{markdown_escape(a.name)} or {markdown_escape(b.name)}?",
                    options=SCALE,
                    format_func=_scale_label(a.name, b.name),
                    **state.synced(
                        f"ahp:{pair}",
                        lambda pair=pair: _judgement_now(pair),
                        lambda v, pair=pair: state.apply(with_value, ("pairwise", pair), float(v)),
                    ),
                )
                judgements[(i, j)] = float(value)
    ahp = ahp_weights(pairwise_matrix(len(criteria), judgements), [c.name for c in criteria])
    cols = st.columns(len(criteria))
    for col, crit_, w in zip(cols, criteria, ahp.priorities, strict=True):
        col.metric(markdown_escape(crit_.name), f"{w * 100:.0f}%")
    hint = inconsistency_hint(ahp)
    if ahp.inconsistent:
        st.warning(
            f"Consistency ratio {ahp.cr:.2f}, above {CR_THRESHOLD:.2f}: some answers contradict others."
            + (f" {markdown_escape(hint)}" if hint else ""),
            icon=":material/warning:",
        )
    else:
        st.caption(f"Consistency ratio {ahp.cr:.2f} (0 is perfectly consistent; Saaty's limit is 0.10).")

    def _apply_ahp(priorities: list[float]) -> None:
        changes = [
            (("criteria", c.id, "weight"), round(100 * w, 1))
            for c, w in zip(criteria, priorities, strict=True)
        ]
        if state.apply(with_values, changes, label="Used the weights from your comparisons", large=True):
            state.notify(
                "success",
                "The sliders now hold the weights from your comparisons. Undo in the sidebar puts "
                "back the ones you had.",
            )

    st.button(
        "Use these weights on the sliders",
        on_click=_apply_ahp,
        args=([float(w) for w in ahp.priorities],),
        icon=":material/tune:",
        key="apply_ahp",
    )
