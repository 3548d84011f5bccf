"""Plotly figures for the Pipeline page: the processes on a timeline, and how one option's score
moved as its ratings changed after interviews. Pure: takes the scenario or results, returns figures,
each built in one `go.Figure(data=..., layout=...)` call as in core/charts.py. Text the person typed
(names, interviews, next steps) goes through core.text.plotly_escape, so it shows as typed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import plotly.graph_objects as go

from core.charts import STAYING_COLOR
from core.decision.scoring import format_score
from core.model.pipeline import CLOSED_STAGES, STAGES
from core.model.scenario import Option, Scenario
from core.process.tracking import ScorePoint, stage_spans
from core.text import plotly_escape

# One colour per stage, from cool (early) to warm (offer); closed stages in muted tones.
STAGE_COLORS: dict[str, str] = {
    "applied": "#cbd5e1",
    "screening": "#93c5fd",
    "interviewing": "#3b82f6",
    "final round": "#7c3aed",
    "offer": "#059669",
    "accepted": "#047857",
    "declined": "#9ca3af",
    "withdrawn": "#9ca3af",
}
DAY_MS = 24 * 60 * 60 * 1000


def _layout(title: str, height: int, **extra: Any) -> dict[str, Any]:
    return {
        "title": {"text": title, "y": 0.99, "yref": "container", "yanchor": "top", "x": 0, "xanchor": "left"},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 85, "b": 10},
        "font": {"size": 13},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0},
        **extra,
    }


def timeline_chart(scenario: Scenario, today: date) -> go.Figure:
    """One row per option with a recorded stage history: a bar per stage from the day it started
    to the next change (to today for an open process), a cross per interview, a diamond for the
    next step, a red triangle for the answer-by date of an open process, and a line at today."""
    options = [o for o in scenario.options if o.process.history]
    labels = [plotly_escape(o.name) for o in options][::-1]  # plotly draws the first category at the bottom
    traces = _stage_bars(options, today) + _dated_marks(options)
    layout = _layout(
        "The processes over time",
        140 + 45 * max(len(labels), 1),
        barmode="overlay",
        xaxis={"type": "date"},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": labels, "automargin": True},
        shapes=[
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": today.isoformat(),
                "x1": today.isoformat(),
                "y0": 0,
                "y1": 1,
                "line": {"color": STAYING_COLOR, "dash": "dot", "width": 2},
            }
        ],
        annotations=[
            {
                "x": today.isoformat(),
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "yanchor": "bottom",
                "text": "today",
                "showarrow": False,
                "font": {"color": STAYING_COLOR},
            }
        ],
    )
    return go.Figure(data=traces, layout=layout)


def _stage_bars(options: list[Option], today: date) -> list[dict[str, Any]]:
    """One bar trace per stage that any option went through: each span from its start to its end."""
    traces: list[dict[str, Any]] = []
    for stage in STAGES:
        spans = [
            (plotly_escape(o.name), s) for o in options for s in stage_spans(o, today) if s.stage == stage
        ]
        if not spans:
            continue
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": stage,
                "y": [name for name, _ in spans],
                "base": [s.start.isoformat() for _, s in spans],
                "x": [max((s.end - s.start).days, 1) * DAY_MS for _, s in spans],
                "marker": {"color": STAGE_COLORS[stage]},
                "customdata": [[s.start.isoformat(), s.end.isoformat()] for _, s in spans],
                "hovertemplate": f"%{{y}}: {stage} from %{{customdata[0]}} to %{{customdata[1]}}<extra></extra>",
            }
        )
    return traces


def _dated_marks(options: list[Option]) -> list[dict[str, Any]]:
    """The interviews, the next steps and the answer-by dates of open processes, as markers."""
    traces: list[dict[str, Any]] = []
    interviews = [
        (plotly_escape(o.name), iv) for o in options for iv in o.process.interviews if iv.on is not None
    ]
    if interviews:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": "interview",
                "y": [name for name, _ in interviews],
                "x": [iv.on.isoformat() for _, iv in interviews],
                "marker": {"symbol": "x", "size": 10, "color": "#111827"},
                "text": [plotly_escape(iv.what or "interview") for _, iv in interviews],
                "hovertemplate": "%{y}: %{text} on %{x}<extra></extra>",
            }
        )
    upcoming = [o for o in options if o.process.next_step_on is not None]
    if upcoming:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": "next step",
                "y": [plotly_escape(o.name) for o in upcoming],
                "x": [o.process.next_step_on.isoformat() for o in upcoming],  # type: ignore[union-attr]
                "marker": {"symbol": "diamond", "size": 12, "color": "#d97706"},
                "text": [plotly_escape(o.process.next_step or "next step") for o in upcoming],
                "hovertemplate": "%{y}: %{text} on %{x}<extra></extra>",
            }
        )
    answer_by = [o for o in options if o.process.decide_by is not None and o.stage not in CLOSED_STAGES]
    if answer_by:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": "answer by",
                "y": [plotly_escape(o.name) for o in answer_by],
                "x": [o.process.decide_by.isoformat() for o in answer_by],  # type: ignore[union-attr]
                "marker": {"symbol": "triangle-down", "size": 13, "color": "#dc2626"},
                "hovertemplate": "%{y}: answer by %{x}<extra></extra>",
            }
        )
    return traces


def score_history_chart(points: list[ScorePoint], staying_total: float, label: str, today: date) -> go.Figure:
    """The option's total score after each recorded set of ratings, then now, with staying as a
    dashed line. `points` come from core.process.tracking.score_history ("now" is drawn at today)."""
    xs = [(p.on or today).isoformat() for p in points]
    # Two points on one day would sit on top of each other: nudge later ones by an hour.
    seen: dict[str, int] = {}
    for k, x in enumerate(xs):
        seen[x] = seen.get(x, -1) + 1
        if seen[x]:
            xs[k] = (date.fromisoformat(x) + timedelta(hours=seen[x])).isoformat()
    label = plotly_escape(label)
    line = {
        "type": "scatter",
        "mode": "lines+markers+text",
        "name": label,
        "x": xs,
        "y": [p.total for p in points],
        "text": [f"{format_score(p.total)} ({plotly_escape(p.after or 'ratings')})" for p in points],
        "textposition": "top center",
        "cliponaxis": False,
        "line": {"color": "#2563eb", "width": 3},
        "marker": {"size": 9},
        "hovertemplate": "%{x}: %{y:.2f} out of 10<extra></extra>",
    }
    layout = _layout(
        f"{label}: total score after each interview (out of 10)",
        340,
        showlegend=False,
        xaxis={"type": "date"},
        yaxis={"range": [0, 10.5]},
        shapes=[
            {
                "type": "line",
                "xref": "paper",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": staying_total,
                "y1": staying_total,
                "line": {"color": STAYING_COLOR, "dash": "dash", "width": 2},
            }
        ],
        annotations=[
            {
                "x": 0,
                "y": staying_total,
                "xref": "paper",
                "yref": "y",
                "yanchor": "top",
                "xanchor": "left",
                "text": f"staying: {format_score(staying_total)}",
                "showarrow": False,
                "font": {"color": STAYING_COLOR},
            }
        ],
    )
    return go.Figure(data=[line], layout=layout)
