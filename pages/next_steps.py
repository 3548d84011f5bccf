from datetime import date

import streamlit as st

from core.decision.scoring import ScenarioNotReady, compare
from core.decision.uncertainty import probabilities
from core.model.pipeline import (
    AMOUNTS,
    NOT_ANSWERED,
    OFFER_CHECKLIST,
    RESEARCH_CHECKLIST,
    WORTH_NAMES,
    WOULD_TAKE,
)
from core.process.drafts import (
    message_kind_label,
    message_kinds_for,
    message_kinds_offered,
    message_recipient,
    message_text,
)
from core.process.looking import since_you_started_looking
from core.process.questions import questions_to_ask
from core.process.rules import DECISION_IS_YOURS, RULES_IN_WORDS, advise, advise_all
from core.process.summary import decision_summary, offers_and_counteroffers
from core.process.tracking import is_open, reset_draft, save_draft, set_checked
from core.text import file_name, markdown_escape
from ui import nav, saved, state, widgets
from ui.cache import uncertainty

nav.require_entrypoint("pages/next_steps.py")

scenario = state.scenario()
today = date.today()

BADGE_COLORS = {
    "keep going": "green",
    "keep going to learn": "blue",
    "decide now": "orange",
    "withdraw politely now": "red",
    "decline politely now": "red",
}

st.title("Next steps")
st.caption(
    "For each process still open: keep interviewing, or step back? The recommendation comes from "
    "explicit rules (how the option compares with staying, whether you would take it, what "
    "continuing is worth to you and what it costs); open *How the rules work* to see them."
)
st.info(DECISION_IS_YOURS, icon=":material/person:")
looking = since_you_started_looking(scenario)
if looking:
    # the question the decision turns on: did what changed resolve why you started looking?
    st.markdown(
        "**Since you started looking**\n\n" + "\n".join(f"- {markdown_escape(line)}" for line in looking)
    )

try:
    comparison = compare(scenario)
except ScenarioNotReady as e:
    comparison = None
    st.warning(markdown_escape(str(e)), icon=":material/info:")
    p_beats, p_first = {}, {}
else:
    # How often each option beats staying when ratings and weights are uncertain (How sure page).
    p_beats, p_first = probabilities(comparison, uncertainty(scenario, comparison))


def _show(advice, label: str = "") -> None:
    badge = f":{BADGE_COLORS[advice.recommendation]}-badge[{advice.title}]"
    st.markdown(f"**{markdown_escape(label)}** {badge}" if label else badge)
    st.markdown(markdown_escape(advice.reasons[0]))
    with st.expander("What went into it"):
        st.markdown("\n".join(f"- {markdown_escape(r)}" for r in advice.reasons[1:]))
        st.caption(f"Rule {advice.rule} under *How the rules work*.")


if comparison is not None:
    advice = advise_all(scenario, comparison, p_beats_staying=p_beats)
    columns = st.columns(min(len(advice), 3) or 1)
    for k, a in enumerate(advice):
        with columns[k % len(columns)], st.container(border=True):
            _show(a, a.label)
    for pair in offers_and_counteroffers(scenario, comparison):
        # both need an answer, and the counteroffer usually rests on the outside offer still being open
        with st.container(border=True):
            st.markdown("**Offer or counteroffer**")
            st.markdown("\n".join(f"- {markdown_escape(line)}" for line in pair.sentences))
    with st.expander("How the rules work"):
        st.markdown(RULES_IN_WORDS)
    closed = [f"{markdown_escape(o.name)} ({o.stage})" for o in scenario.options if not is_open(o)]
    if closed:
        st.caption(f"Closed, so no advice: {', '.join(closed)}.")
    if not advice and scenario.options:
        st.info("Every process is closed.")

if scenario.options:
    st.subheader("One process")
    selected = widgets.option_picker(scenario, "Process", "next_selected")
    option = scenario.option(selected)
    process = option.process
    base = ("options", option.id, "process")
    worth_tab, messages_tab, prepare_tab = st.tabs(["What it is worth to you", "Messages", "Prepare"])

    with worth_tab:
        state.bound(
            st.radio,
            "Would you take it if they offered it?",
            (*base, "would_take"),
            options=list(WOULD_TAKE),
            format_func=WOULD_TAKE.get,
            horizontal=True,
        )
        st.markdown("**What continuing is worth to you, whatever the outcome**")
        if None in process.worth.model_dump().values():
            st.caption(
                "Not said yet counts as no answer: the advice says when it needs one, and never "
                "reads it as worth little."
            )
        cols = st.columns(2)
        for k, (field, name) in enumerate(WORTH_NAMES.items()):
            with cols[k % 2]:
                state.bound(
                    st.select_slider,
                    name[:1].upper() + name[1:],
                    (*base, "worth", field),
                    options=[None, 0, 1, 2, 3],
                    format_func=lambda v: NOT_ANSWERED if v is None else AMOUNTS[v],
                )
        state.bound(
            st.select_slider,
            "How much of your time it takes",
            (*base, "time_cost"),
            options=[0, 1, 2, 3],
            format_func=lambda v: AMOUNTS[v],
            help="Preparation, interviews, take-home tasks, time off work.",
        )
        if comparison is not None and is_open(option):
            a = advise(scenario, comparison, option.id, p_beats_staying=p_beats.get(option.id))
            if a is not None:
                with st.container(border=True):
                    _show(a)
        elif not is_open(option):
            st.caption(f"This process is {option.stage}: there is nothing left to decide about it.")

    with messages_tab:
        st.caption(
            "Drafts filled from your scenario: grateful, honest and short. They give no reason "
            "beyond what you write below, so nothing is made up. Edit a draft here; your edits are "
            "kept in the scenario until you start it again from the scenario."
        )
        state.bound(
            st.text_input,
            "What you want them to know, in your words (optional)",
            (*base, "what_to_say"),
            placeholder="I have decided to stay in my current role.",
        )
        fitting = message_kinds_for(option)
        kinds = message_kinds_offered(option)
        kind_key = f"message_kind:{option.id}"
        if st.session_state.get(kind_key) not in kinds:
            state.sync_widget(kind_key, kinds[0])
        kind = st.selectbox(
            "Message",
            kinds,
            format_func=lambda k: (
                message_kind_label(option, k) + ("" if k in fitting else " (not the usual one at this stage)")
            ),
            key=kind_key,
        )
        st.caption(f"To: {markdown_escape(message_recipient(scenario, option.id, kind))}")
        text = message_text(scenario, option.id, kind)
        st.text_area(
            "Draft",
            height=300,
            max_chars=5000,
            **state.synced(
                f"draft:{option.id}:{kind}",
                lambda: message_text(state.scenario(), option.id, kind),
                lambda typed, option_id=option.id, kind=kind: state.apply(save_draft, option_id, kind, typed),
            ),
        )
        with st.container(horizontal=True):
            st.download_button(
                "Download the message",
                data=text,
                file_name=f"message-{option.id}-{kind}.txt",
                mime="text/plain",
                icon=":material/download:",
                on_click="ignore",
                key="download_message",
            )
            if kind in process.drafts:
                st.button(
                    "Start again from the scenario",
                    on_click=state.apply,
                    args=(reset_draft, option.id, kind),
                    icon=":material/restart_alt:",
                    key="reset_draft",
                    help="Forget your edits to this draft and write it again from the scenario.",
                )
        with st.expander("Copy as plain text"):
            st.code(text, language=None, wrap_lines=True)

    def _checklist(items: dict[str, str]) -> None:
        for item, words in items.items():
            st.checkbox(
                words,
                **state.synced(
                    f"check:{option.id}:{item}",
                    lambda item=item: item in state.scenario().option(option.id).process.checked,
                    lambda ticked, option_id=option.id, item=item: state.apply(
                        set_checked, option_id, item, ticked
                    ),
                ),
            )

    with prepare_tab:
        st.markdown("**Research before the next interview**")
        _checklist(RESEARCH_CHECKLIST)
        st.markdown("**Questions to ask**")
        groups = questions_to_ask(scenario, option.id)
        if not any(g.from_range for g in groups):
            st.caption(
                "You gave no rating ranges for this option, so these are for what counts most to you. "
                "Give a range (how low or high a rating could really be) to point them at what you "
                "are least sure of."
            )
        for group in groups:
            st.markdown(
                f"*{markdown_escape(group.criterion)}*: {markdown_escape(group.why)}.\n\n"
                + "\n".join(f"- {markdown_escape(q)}" for q in group.questions)
            )
        st.markdown("**Before deciding on an offer**")
        _checklist(OFFER_CHECKLIST)

st.subheader("Decision summary")
st.caption(
    "The ranking, the recommendation for each open process with its reasons, pros and cons, the "
    "next steps and why you started looking, on one page of Markdown. The command line writes the "
    "same: `stay-or-go report FILE.json --summary`."
)
summary = decision_summary(
    saved.as_saved(scenario), today, p_beats_staying=p_beats or None, p_first=p_first or None
)
st.download_button(
    "Download decision summary (Markdown)",
    data=summary,
    file_name=file_name(saved.as_saved(scenario).name, " - decision summary.md"),
    mime="text/markdown",
    icon=":material/download:",
    on_click="ignore",
    key="download_summary",
)
with st.expander("Read it here"):
    st.markdown(summary)
