"""Live priorities: a slider per criterion and the ranking it gives, updated in the browser.

A Custom Component v2 (`st.components.v2.component`, no iframe), declared once at import from the
files in `ui/live_priorities_frontend/`. The server sends what the browser needs to add up: per
option its name, its colour (the Plotly charts' colour, `core.charts`) and its 0-10 score on each
criterion, staying flagged as staying; per criterion its id, name and weight. The JavaScript does
the weighted sum (the formula of `core.decision.scoring`) and the weight sensitivity (the line crossings of
`core.decision.sensitivity.weight_sensitivity`) on every key press and pointer move; see docs/methods.md.

Nothing reaches the server while a slider moves. On release, or after a pause in key presses, the
browser sets the component's state `commit` to `{token, seq, weights}`: every weight, so a later
commit carries every earlier key press and one lost in between loses nothing. It is applied once,
through `ui.state.apply`, like any edit (autosave, versions, Undo, the save-problem banner).
As `ui.state.sync_widget` does for widgets, a commit whose callback was cut short by a newer rerun
is applied when the component is next drawn (and that is how AppTest drives it: it sets the state).
Each run sends back `ack`, the last commit applied; until the browser sees its own latest commit
acknowledged it keeps its own weights, so an older answer never undoes a newer key press.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import streamlit as st

from core.charts import alternative_colors
from core.decision.scoring import ScenarioNotReady, compare
from core.edits.editing import with_values
from core.model.scenario import Alternative, Scenario
from ui import state

_FRONTEND = Path(__file__).resolve().parent / "live_priorities_frontend"

# Declared once, at import: the three files are passed as inline text (they have line breaks, so
# Streamlit reads them as code, not as paths to a packaged component's assets).
_COMPONENT = st.components.v2.component(
    "stay_or_go_live_priorities",
    html=(_FRONTEND / "live_priorities.html").read_text(encoding="utf-8"),
    css=(_FRONTEND / "live_priorities.css").read_text(encoding="utf-8"),
    js=(_FRONTEND / "live_priorities.js").read_text(encoding="utf-8"),
)

WEIGHT_MAX = 100.0  # core.model.scenario.Weight's upper bound
KEY_STEP = 5.0  # arrow keys, as the Streamlit sliders this replaces
PAGE_STEP = 20.0  # Page Up / Page Down
# The same words as ui.widgets.priority_sliders says for all-zero weights.
ZERO_MESSAGE = "Every priority is at 0, so nothing counts. Raise at least one slider."


NOT_READY_BELOW = "Nothing can be ranked yet: what to change is just below."


def option_entries(alternatives: Sequence[Alternative], scores: Any) -> list[dict[str, Any]]:
    """Rows for the component, one per alternative (a `DecisionMatrix`'s rows): id, name, colour
    (`core.charts.alternative_colors`, as on every chart) and 0-10 scores."""
    colors = alternative_colors(alternatives)
    return [
        {
            "id": alternative.id,
            "name": str(alternative.label),
            "staying": alternative.is_staying,
            "color": colors[i],
            "scores": [float(x) for x in scores[i]],
        }
        for i, alternative in enumerate(alternatives)
    ]


def scenario_data(scenario: Scenario) -> dict[str, Any]:
    """What the component needs from `scenario`: options with their scores, criteria with weights.
    Scores do not depend on the weights, so with every weight at 0 they are worked out with equal
    weights (compare() refuses zero weights) and the browser shows the zero-weights message."""
    criteria = [{"id": c.id, "name": c.name, "weight": float(c.weight)} for c in scenario.criteria]
    scored = scenario
    if sum(c.weight for c in scenario.criteria) <= 0:
        scored = scenario.model_copy(
            update={"criteria": [c.model_copy(update={"weight": 1.0}) for c in scenario.criteria]}
        )
    try:
        comparison = compare(scored)
    except ScenarioNotReady as e:
        return {"options": [], "criteria": criteria, "not_ready": str(e)}
    options = option_entries(comparison.alternatives, comparison.scores)
    return {"options": options, "criteria": criteria, "not_ready": None}


def commit_changes(scenario: Scenario, weights: Mapping[str, Any]) -> list[tuple[tuple[str, ...], float]]:
    """The weight edits a commit makes: known criteria whose weight it changes (anything else, a
    criterion removed since, say, is left out)."""
    changes = []
    for crit in scenario.criteria:
        if crit.id in weights:
            value = float(weights[crit.id])
            if value != crit.weight:
                changes.append((("criteria", crit.id, "weight"), value))
    return changes


def _commit_id(commit: Any) -> tuple[str, int] | None:
    if isinstance(commit, Mapping) and isinstance(commit.get("weights"), Mapping):
        return (str(commit.get("token")), int(commit.get("seq") or 0))
    return None


def _apply_commit(key: str, commit: Any) -> bool:
    """Apply `commit` once: the tab notes which commit it applied (as `ui.state` notes a widget's
    value it applied, in `Tab.seen`), so the same state seen again in a later run changes nothing. True when it
    was new."""
    ident = _commit_id(commit)
    tab = state.tab()
    if ident is None or tab.seen.get(key) == ident:
        return False
    tab.seen[key] = ident
    changes = commit_changes(tab.edits.scenario, commit["weights"])
    if changes:
        state.apply(with_values, changes)
    return True


def _on_commit(key: str) -> None:
    # Read session state first: it is where a newer rerun may stop this callback (ui/state.py).
    commit = st.session_state[key]["commit"]
    _apply_commit(key, commit)


def _mount(data: dict[str, Any], key: str, on_commit: Any) -> Any:
    return _COMPONENT(
        key=key,
        data={
            **data,
            "max": WEIGHT_MAX,
            "step": KEY_STEP,
            "page_step": PAGE_STEP,
            "zero_message": ZERO_MESSAGE,
        },
        on_commit_change=on_commit,
        width="stretch",
    )


def live_priorities(key: str = "live_priorities", *, not_ready_said_below: bool = False) -> None:
    """Draw the live priorities for this tab's scenario; a committed change edits the scenario.

    `not_ready_said_below`: the page itself says, right under the component, why nothing can be
    scored yet (Compare does), so the component only points there instead of saying it twice.

    A commit whose callback was cut short is applied here, and the whole app is drawn again, so
    the sidebar (Undo), a save problem's banner and every result show it."""
    pending = st.session_state.get(key)
    if pending is not None and "commit" in pending and _apply_commit(key, pending["commit"]):
        st.rerun(scope="app")
    data = scenario_data(state.scenario())
    if not_ready_said_below and data["not_ready"]:
        data["not_ready"] = NOT_READY_BELOW
    ack = state.tab().seen.get(key)
    data["ack"] = {"token": ack[0], "seq": ack[1]} if ack else None
    _mount(data, key, partial(_on_commit, key))


def live_priorities_preview(data: Mapping[str, Any], key: str = "live_priorities_preview") -> Any:
    """The component for given data, committing nowhere (the browser tests' app draws a generated
    scenario with it). Returns the component's result; `.commit` holds the last commit."""
    return _mount({"not_ready": None, "ack": None, **data}, key, lambda: None)
