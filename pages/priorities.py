import streamlit as st

from core import charts
from core.decision.scoring import ScenarioNotReady, pay_values
from core.model.scenario import PAY_MEASURES, STAYING_ID, add_criterion, remove_criterion, rename_criterion
from core.text import markdown_escape
from ui import nav, state
from ui.live_priorities import live_priorities

nav.require_entrypoint("pages/priorities.py")

st.title("Priorities")
st.caption(
    "How much each criterion counts for you. Drag a slider or use the arrow keys: the ranking "
    "beside them follows as you move, and the change is saved when you let go. Slider positions "
    "are relative: only how they compare with each other counts, so they need not add up to 100; "
    "the percentage beside each name is its share of the decision."
)
live_priorities(key="live:priorities")
scenario = state.scenario()


def _remove(criterion_id: str) -> None:
    name = state.scenario().criterion(criterion_id).name
    try:
        new = remove_criterion(state.scenario(), criterion_id)
    except ValueError as e:
        state.notify("error", str(e))
        return
    state.replace(new, undoable=f"Removed the criterion “{name}”")


def _add() -> None:
    if state.apply(add_criterion, st.session_state.get("new_criterion_name", "")):
        st.session_state["new_criterion_name"] = ""
        state.notify(
            "info",
            "Added. Every job starts at a neutral 5 on it: rate them on the Current role and Offers pages.",
        )


st.subheader("Your criteria")
st.caption(
    "Rename any criterion, remove the ones that don't matter to you, or add your own "
    "(commute, location, mission, team...). Pay is worked out from the pay you enter; "
    "every other criterion is a 0-10 rating."
)
for crit in scenario.criteria:
    name_col, desc_col, del_col = st.columns([2, 4, 1], vertical_alignment="bottom")
    name_col.text_input(
        "Name",
        max_chars=60,
        **state.synced(
            f"crit_name:{crit.id}",
            lambda crit_id=crit.id: state.scenario().criterion(crit_id).name,
            lambda name, crit_id=crit.id: state.apply(rename_criterion, crit_id, name),
        ),
    )
    with desc_col:
        state.bound(
            st.text_input,
            "What it means to you",
            ("criteria", crit.id, "description"),
        )
    del_col.button(
        "Remove",
        key=f"crit_remove:{crit.id}",
        on_click=_remove,
        args=(crit.id,),
        icon=":material/delete:",
        disabled=crit.kind == "pay",
        help="Pay can't be removed; set its slider to 0 instead." if crit.kind == "pay" else None,
    )

add_col, button_col = st.columns([4, 1], vertical_alignment="bottom")
add_col.text_input("New criterion", key="new_criterion_name", max_chars=60, placeholder="e.g. Commute")
button_col.button("Add", on_click=_add, icon=":material/add:", key="add_criterion")

st.subheader("How pay is scored")
st.caption(
    "Pay is compared with your current role's total pay. The same pay scores 5; the raise below "
    "or more scores 10 and the cut below or more scores 0, in a straight line between. "
    "An option's pay score depends only on that option and your current pay, never on the other "
    "options listed."
)
a, b = st.columns(2)
with a:
    state.bound(
        st.number_input,
        "Raise that scores 10 (%)",
        ("pay_scale", "raise_for_10"),
        min_value=1.0,
        max_value=500.0,
        step=5.0,
    )
with b:
    state.bound(
        st.number_input,
        "Cut that scores 0 (%)",
        ("pay_scale", "cut_for_0"),
        min_value=1.0,
        max_value=100.0,
        step=5.0,
    )

state.bound(
    st.selectbox,
    "Which pay figure is scored",
    ("money", "pay_measure"),
    options=list(PAY_MEASURES),
    format_func=lambda m: PAY_MEASURES[m].capitalize(),
    help="After tax and cost of living, for each option taken now; see Money over time.",
)
try:
    pays = pay_values(scenario)
except ScenarioNotReady as e:
    st.warning(markdown_escape(str(e)))
else:
    st.plotly_chart(
        charts.pay_value_chart(
            pays[STAYING_ID],
            scenario.pay_scale.raise_for_10,
            scenario.pay_scale.cut_for_0,
            [(o.name, pays[o.id]) for o in scenario.options],
            scenario.currency,
        ),
        key="chart_pay_value",
        alt="Line chart of the pay value function with each option's pay marked.",
    )
