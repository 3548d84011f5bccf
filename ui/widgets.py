"""Widgets more than one page draws."""

from __future__ import annotations

import streamlit as st

from core.decision.scoring import weight_shares
from core.edits.editing import get_value, with_value
from core.model.scenario import Job, Scenario
from core.text import markdown_escape
from ui import saved, scenarios, state
from ui.layout import slot

TABLE_DOWNLOAD_HIDDEN = (
    "<style>[data-testid='stElementToolbar'] button[aria-label^='Download as CSV']"
    "{display: none !important;}</style>"
)


def priority_sliders(scenario: Scenario, *, compact: bool = False) -> None:
    """One slider per criterion; each shows its share of the decision once weights are normalized."""
    shares = weight_shares(scenario)
    for crit in scenario.criteria:
        # The name alone is the slider's label (what assistive technology announces, and what
        # stays the same while other sliders move); its share is said right under it.
        state.bound(
            st.slider,
            markdown_escape(crit.name),
            ("criteria", crit.id, "weight"),
            step=5.0,
            format="%.0f",
            help=(
                (markdown_escape(crit.description) + " " if crit.description else "")
                + "Slider positions are relative: only how they compare with each other counts, "
                "so they need not add up to 100."
            ),
        )
        st.caption(f"{shares[crit.id]:.0f}% of the decision")
    if sum(c.weight for c in scenario.criteria) <= 0:
        st.error("Every priority is at 0, so nothing counts. Raise at least one slider.")
    elif compact:
        st.caption("Each percentage is that criterion's share of the decision.")
    else:
        st.caption(
            "The percentage beside each name is its share of the decision: the slider's position "
            "divided by the sum of all positions."
        )


def option_picker(scenario: Scenario, label: str, key: str) -> str:
    """Pick the option to look at in detail; returns its id. The choice is the tab's own, by id,
    and the same on every page. The selectbox only reports a new pick: after a rename it may
    still report the old name, which is no id and so is ignored, so what is shown (and every
    field keyed by the option's id below it) never jumps to another option."""
    t = state.tab()
    names = {o.id: o.name for o in scenario.options}
    labels = tuple(names.values())
    if t.seen.get(f"labels:{key}") != labels:
        # The names changed (a rename, two names swapped): the browser's chosen name may now be
        # another option's, so its choice is set again, not trusted.
        t.unsent[key] = None
        t.seen[f"labels:{key}"] = labels
    st.selectbox(
        label,
        list(names),
        format_func=lambda i: names.get(i, str(i)),
        **state.synced(key, lambda: state.edits().option_in_detail, state.edits().select_option),
    )
    return state.edits().option_in_detail


def unfinished_options(scenario: Scenario) -> None:
    """Under a verdict: the options whose pay is not in yet (no base salary, or a tax rate of 0%
    while the current role's is not), so an answer built on an unfinished offer is never taken
    for a finished one. The Offers page lists every assumption of the option in detail."""
    now = scenario.current.pay.tax_rate_pct
    missing = []
    for o in scenario.options:
        if o.pay.base <= 0:
            missing.append(f"{o.name}: no base salary yet")
        elif o.pay.tax_rate_pct == 0 and now > 0:
            missing.append(f"{o.name}: a tax rate of 0%, while yours is {now:g}%")
    if missing:
        st.warning(
            "Some options are not filled in yet, so this answer may change:\n"
            + "\n".join(f"- {markdown_escape(line)}" for line in missing)
            + "\n\nComplete them on the Offers page.",
            icon=":material/edit_note:",
        )


def sidebar(*, status: bool = True) -> None:
    """What every page shows in the sidebar: which saved scenario this is, whether it is saved
    (unless the page draws that in its fragment), and how to start another."""
    scenario = state.scenario()
    with st.sidebar:
        _scenario_picker(status)
        if scenario.example:
            st.info(
                "You are looking at **example data** (a made-up analyst at Initech). "
                "Change anything, or start a blank scenario.",
                icon=":material/science:",
            )
        st.button(
            "New blank scenario",
            on_click=scenarios.start_blank,
            icon=":material/note_add:",
            help="A new scenario with the default criteria and weights and no options. "
            "The one open now stays saved as it is.",
            width="stretch",
        )
        if not scenario.example:
            st.button(
                "New copy of the example",
                on_click=scenarios.load_example,
                icon=":material/science:",
                width="stretch",
            )
        _undo_redo()


def _undo_redo() -> None:
    """Undo and Redo, each naming exactly the change it takes back or puts back."""
    undo_text, redo_text = state.undo_info(), state.redo_info()
    if not undo_text and not redo_text:
        return
    undo_col, redo_col = st.columns(2)
    undo_col.button(
        "Undo",
        on_click=state.undo,
        icon=":material/undo:",
        width="stretch",
        disabled=not undo_text,
        key="undo",
        help=f"Takes back: {markdown_escape(undo_text)}" if undo_text else "Nothing to undo.",
    )
    redo_col.button(
        "Redo",
        on_click=state.redo,
        icon=":material/redo:",
        width="stretch",
        disabled=not redo_text,
        key="redo",
        help=f"Puts back: {markdown_escape(redo_text)}" if redo_text else "Nothing to redo.",
    )
    if undo_text:
        st.caption("Undo takes back: " + markdown_escape(undo_text))


def _scenario_picker(show_status: bool = True) -> None:
    current = saved.current()
    if current is None:
        reason = saved.off_reason()
        st.warning(
            "Saving is off, so what you enter stays in this tab until it is back (it is tried again "
            "every few seconds as you work). Download the scenario file on the Overview page to be "
            f"safe. {markdown_escape(reason or '')}",
            icon=":material/cloud_off:",
        )
        return
    # By id, shown by name: a scenario renamed in another tab is still the one picked.
    names = {info.id: info.name for info in saved.listing(just_read=True)}
    if current.id not in names:
        names = {current.id: current.name, **names}
    issue = saved.problem()
    blocked = issue is not None and issue.unsaved
    state.sync_widget("scenario_picker", current.id)
    st.selectbox(
        "Scenario",
        list(names),
        format_func=names.get,
        key="scenario_picker",
        on_change=_pick,
        disabled=blocked,
        help="Your saved scenarios, the most recently changed first. Every change is saved as you go."
        + (" Sort out the message at the top of the page first." if blocked else ""),
    )
    if show_status:
        save_status()
    st.page_link("pages/data.py", label="Manage saved scenarios", icon=":material/folder_open:")


def save_status() -> None:
    """Whether this tab's latest change is saved, as of this run. A page that reruns in a
    fragment draws it inside the fragment (`sidebar(status=False)`), so it is never left showing
    an older run's "Saved" after a change the fragment could not save."""
    current, issue = saved.current(), saved.problem()
    with slot():  # nothing until the scenario is open (`ui.layout`)
        if current is None:
            return
        if issue is not None and issue.unsaved:
            st.caption(":material/sync_problem: Your latest change is not saved: see the top of the page.")
        elif issue is not None:
            st.caption(":material/sync_problem: Renamed or deleted in another tab: see the top of the page.")
        else:
            st.caption(f":material/cloud_done: Saved · version {current.version}")


def problem_not_on_the_page() -> bool:
    """In a fragment: a save problem arose that the page's banner (drawn by a full run) does not
    show yet, so the whole page must be drawn again."""
    issue = saved.problem()
    return issue is not None and saved.saving().shown_problem is not issue


def _pick() -> None:
    scenario_id = st.session_state.get("scenario_picker")
    current = saved.current()
    if scenario_id is not None and current and scenario_id != current.id:
        scenarios.open_saved(scenario_id)


def rating_sliders(job_path: tuple[str, ...], job: Job, scenario: Scenario, *, is_current: bool) -> None:
    """A 0-10 rating per rated criterion, and beside it the range it could really be.

    The range shows the default spread (How sure page) until you move it; an option's ratings get
    that spread, the current role's are taken as known. Moving it stores your own range."""
    spread = 0.0 if is_current else scenario.robustness.default_spread
    for crit in scenario.rated_criteria:
        rating_col, range_col = st.columns([3, 2])
        with rating_col:
            state.bound(
                st.slider,
                markdown_escape(crit.name),
                (*job_path, "ratings", crit.id),
                step=0.5,
                help=markdown_escape(crit.description) or None,
            )
        rating = job.ratings[crit.id]
        span = job.rating_ranges.get(crit.id)
        path = (*job_path, "rating_ranges", crit.id)
        with range_col:
            if span is None:
                # No slider until the person asks for one: a range that followed the rating would
                # be sent back by a browser still busy with key presses, and taken for theirs.
                low, high = max(0.0, rating - spread), min(10.0, rating + spread)
                st.caption(
                    f"Could really be: {low:g} – {high:g} (default"
                    + (f", ±{spread:g})" if spread else ": as rated)")
                )
                st.button(
                    "Set a range",
                    key=f"set_range:{'/'.join(path)}",
                    on_click=_set_range,
                    args=(path, low, high),
                    icon=":material/expand:",
                    type="tertiary",
                    help="How sure you are of this rating: the lowest and highest it could really be. "
                    "The How sure page draws from this range.",
                )
                continue
            st.slider(
                "…could really be (yours)",
                min_value=0.0,
                max_value=10.0,
                step=0.5,
                **state.synced(
                    state.widget_key(path),
                    lambda p=path: tuple(get_value(state.scenario(), p).values()),
                    lambda span, p=path: state.apply(
                        with_value, p, {"low": float(span[0]), "high": float(span[1])}
                    ),
                ),
                help="How sure you are of this rating: the lowest and highest it could really be. "
                "The How sure page draws from this range; a rating outside it stretches it.",
            )
            if not span.low <= rating <= span.high:
                st.caption(
                    f"Counted as {min(span.low, rating):g} – {max(span.high, rating):g}: it includes the rating."
                )


def _set_range(path: tuple[str, ...], low: float, high: float) -> None:
    state.apply(with_value, path, {"low": float(low), "high": float(high)})
