"""Plotly figures built from a `DecisionMatrix`. Pure: takes results, returns figures.

Every option keeps one colour across all charts; staying put is always grey, so the reference is
easy to find.

Each figure is built in a single `go.Figure(data=..., layout=...)` call from plain dicts: plotly
validates it once, where `update_layout`/`add_vline` passes re-validate on every call (five times
slower, and these charts are rebuilt on every slider move).

Names and other text the person typed go through `_text` (core.text.plotly_escape) on the way in:
Plotly reads HTML tags and %{...} templates in chart text, and must show them as typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from core.decision.matrix import DecisionMatrix
from core.decision.methods import STAYING_ROW
from core.decision.scoring import format_points, format_score, pay_score
from core.decision.sensitivity import WeightSensitivity, WeightSweep
from core.decision.smaa import SMAAResult
from core.model.scenario import Alternative
from core.money.compensation import Projection
from core.money.parts import COMPONENT_NAMES, COMPONENTS, TAXED
from core.shown import money
from core.text import plotly_escape

STAYING_COLOR = "#6b7280"
PALETTE = ("#2563eb", "#d97706", "#059669", "#7c3aed", "#db2777", "#0891b2", "#65a30d", "#dc2626")
GAIN_COLOR = "#059669"
LOSS_COLOR = "#dc2626"


def _text(names: Any) -> list[str]:
    """Names the person typed, as chart text that shows them literally (see core.text)."""
    return [plotly_escape(str(n)) for n in names]


def _layout(title: str, height: float, **extra: Any) -> dict[str, Any]:
    """Title at the very top, the legend (when shown) in its own band between title and plot."""
    legend = extra.get("showlegend", True)
    return {
        "title": {"text": title, "y": 0.99, "yref": "container", "yanchor": "top", "x": 0, "xanchor": "left"},
        "height": int(height) + (30 if legend else 0),
        "margin": {"l": 10, "r": 10, "t": 85 if legend else 50, "b": 10},
        "font": {"size": 13},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0},
        **extra,
    }


def _vline(x: float, color: str, dash: str | None = None) -> dict[str, Any]:
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "line": {"color": color, "dash": dash or "solid", "width": 2},
    }


def option_colors(comparison: DecisionMatrix) -> list[str]:
    """Each alternative's colour, by row: grey for staying, the palette in turn for the options."""
    return alternative_colors(comparison.alternatives)


def alternative_colors(alternatives: Sequence[Alternative]) -> list[str]:
    """Grey for staying, the palette in turn for the options: the same colours on every chart."""
    colors, n = [], 0
    for alternative in alternatives:
        if alternative.is_staying:
            colors.append(STAYING_COLOR)
        else:
            colors.append(PALETTE[n % len(PALETTE)])
            n += 1
    return colors


def total_scores_chart(comparison: DecisionMatrix) -> go.Figure:
    """Total score per option, best at the top, with staying put as a reference line."""
    c = comparison
    order = c.order[::-1]  # plotly draws the first bar at the bottom
    colors = option_colors(c)
    totals, staying = c.totals, float(c.totals[c.staying])
    bar = {
        "type": "bar",
        "orientation": "h",
        "x": [float(totals[i]) for i in order],
        "y": _text(c.alternatives[i].label for i in order),
        "marker": {"color": [colors[i] for i in order]},
        "text": [_total_label(c, i) for i in order],
        # Written past the end of a bar above staying, and inside a bar below it (from its start),
        # so the staying line never runs through a label and hides its minus sign.
        "textposition": [_label_position(c, i) for i in order],
        "insidetextanchor": "start",
        "cliponaxis": False,
        "hovertemplate": "%{y}: %{x:.2f} out of 10<extra></extra>",
    }
    layout = _layout(
        "Total score (out of 10)",
        130 + 40 * len(order),
        xaxis={"range": [0, 10.9]},
        yaxis={"automargin": True, "type": "category"},
        showlegend=False,
        shapes=[_vline(staying, STAYING_COLOR, "dash")],
        annotations=[
            {
                "x": staying,
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "yanchor": "bottom",
                "text": f"staying: {format_score(staying)}",
                "showarrow": False,
                "font": {"color": STAYING_COLOR},
            }
        ],
    )
    return go.Figure(data=[bar], layout=layout)


# A bar shorter than this (out of 10) has no room inside for its label.
_ROOM_INSIDE = 2.5


def _label_position(c: DecisionMatrix, i: int) -> str:
    below = c.diff_vs_staying[i] < -1e-9
    return "inside" if below and c.totals[i] >= _ROOM_INSIDE else "outside"


def _total_label(c: DecisionMatrix, i: int) -> str:
    if i == c.staying:
        return ""  # the dashed line's label gives staying's score
    d = c.diff_vs_staying[i]
    sign = "+" if d >= 0 else "−"
    return f"{format_score(c.totals[i])} ({sign}{format_points(d)})"


# Grouped bars stop being readable long before 200 options: past this many, the chart draws the
# highest-ranked ones (`difference_chart_rows`) and the page says so.
DIFFERENCE_CHART_MOST = 8


def difference_chart_rows(comparison: DecisionMatrix, most: int = DIFFERENCE_CHART_MOST) -> list[int]:
    """The options the difference chart draws, in the scenario's order: all of them, or the
    `most` highest-ranked (ties broken by the scenario's order)."""
    return sorted(comparison.options_best_first[:most])


def difference_chart(comparison: DecisionMatrix, most: int = DIFFERENCE_CHART_MOST) -> go.Figure:
    """Per criterion, the weighted points each option gains (right) or loses (left) vs staying:
    every option, or the `most` highest-ranked."""
    c = comparison
    diff = c.contribution_vs_staying
    colors = option_colors(c)
    names = _text(k.name for k in c.criteria)[::-1]
    labels = _text(a.label for a in c.alternatives)
    rows = difference_chart_rows(c, most)
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "name": labels[i],
            "x": [float(v) for v in diff[i][::-1]],
            "y": names,
            "marker": {"color": colors[i]},
            "text": [_step_label(v) for v in diff[i][::-1]],
            "textposition": "outside",
            "textfont": {"size": 11},
            "cliponaxis": False,
            "hovertemplate": "%{fullData.name}<br>%{y}: %{x:+.2f} points vs staying<extra></extra>",
        }
        for i in reversed(rows)  # plotly stacks the first trace lowest in a group
    ]
    layout = _layout(
        "Points gained or lost against staying, by criterion",
        160 + 28 * len(names) * max(1, len(rows)) ** 0.6,
        barmode="group",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0, "traceorder": "reversed"},
        xaxis={"title": {"text": "weighted points vs staying (out of 10)"}, "zeroline": False},
        yaxis={"automargin": True, "type": "category"},
        shapes=[_vline(0.0, STAYING_COLOR)],
    )
    return go.Figure(data=traces, layout=layout)


def waterfall_chart(comparison: DecisionMatrix, i: int) -> go.Figure:
    """From staying's total to option i's total, one step per criterion."""
    c = comparison
    steps = [float(s) for s in c.contribution_vs_staying[i]]
    labels = _text(a.label for a in c.alternatives)
    staying = float(c.totals[c.staying])
    waterfall = {
        "type": "waterfall",
        "orientation": "v",
        "measure": ["absolute", *["relative"] * len(steps), "total"],
        "x": [labels[c.staying], *_text(k.name for k in c.criteria), labels[i]],
        "y": [staying, *steps, 0],
        "text": [format_score(staying), *[_step_label(s) for s in steps], format_score(c.totals[i])],
        "textposition": "outside",
        "cliponaxis": False,
        "increasing": {"marker": {"color": GAIN_COLOR}},
        "decreasing": {"marker": {"color": LOSS_COLOR}},
        "totals": {"marker": {"color": option_colors(c)[i]}},
        "connector": {"line": {"color": "#9ca3af", "width": 1}},
        "hovertemplate": "%{x}: %{y:.2f}<extra></extra>",
    }
    top = max(float(np.max(np.cumsum([staying, *steps]))), float(c.totals[i]))
    layout = _layout(
        f"From staying to {labels[i]}, criterion by criterion",
        380,
        yaxis={"title": {"text": "score (out of 10)"}, "range": [0, min(10.5, top + 1.2)]},
        xaxis={"type": "category"},
        showlegend=False,
    )
    return go.Figure(data=[waterfall], layout=layout)


def _step_label(points: float) -> str:
    if abs(points) < 1e-9:
        return ""
    return f"{'+' if points > 0 else '−'}{format_points(points)}"


def ratings_radar(comparison: DecisionMatrix) -> go.Figure:
    """Each option's 0-10 score on every criterion (pay after its value function)."""
    c = comparison
    colors = option_colors(c)
    names = _text(k.name for k in c.criteria)
    labels = _text(a.label for a in c.alternatives)
    theta = [*names, names[0]]
    traces = [
        {
            "type": "scatterpolar",
            "r": [float(v) for v in (*c.scores[i], c.scores[i][0])],
            "theta": theta,
            "name": labels[i],
            "line": {
                "color": colors[i],
                "width": 4 if alternative.is_staying else 2,
                "dash": "dot" if alternative.is_staying else "solid",
            },
            "hovertemplate": "%{fullData.name}<br>%{theta}: %{r:.1f}<extra></extra>",
        }
        for i, alternative in enumerate(c.alternatives)
    ]
    layout = _layout(
        "Scores on each criterion (0-10)",
        460,
        polar={
            "radialaxis": {"range": [0, 10], "tickvals": [0, 5, 10], "angle": 90, "tickfont": {"size": 10}}
        },
    )
    return go.Figure(data=traces, layout=layout)


def weights_chart(names: list[str], shares_pct: list[float]) -> go.Figure:
    """Each criterion's share of the decision, normalized to 100%."""
    bar = {
        "type": "bar",
        "orientation": "h",
        "x": shares_pct[::-1],
        "y": _text(names)[::-1],
        "marker": {"color": PALETTE[0]},
        "text": [f"{s:.0f}%" for s in shares_pct[::-1]],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "%{y}: %{x:.1f}% of the decision<extra></extra>",
    }
    layout = _layout(
        "Share of the decision (weights normalized to 100%)",
        130 + 34 * len(names),
        xaxis={"range": [0, max([*shares_pct, 1]) * 1.2], "ticksuffix": "%"},
        yaxis={"automargin": True, "type": "category"},
        showlegend=False,
    )
    return go.Figure(data=[bar], layout=layout)


def pay_value_chart(
    current_pay: float,
    raise_for_10: float,
    cut_for_0: float,
    points: list[tuple[str, float]],
    currency: str = "$",
) -> go.Figure:
    """The pay value function, with each option's pay marked on it."""
    lo, hi = -cut_for_0, raise_for_10
    traces: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": [min(lo * 1.3, -5), lo, 0, hi, max(hi * 1.3, 5)],
            "y": [0, 0, 5, 10, 10],
            "line": {"color": STAYING_COLOR},
            "name": "value function",
            "hovertemplate": "%{x:+.0f}% pay → %{y:.1f}<extra></extra>",
        }
    ]
    for k, (label, pay) in enumerate(points):
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [(pay / current_pay - 1) * 100],
                "y": [pay_score(pay, current_pay, raise_for_10, cut_for_0)],
                "name": plotly_escape(label),
                "marker": {"size": 11, "color": PALETTE[k % len(PALETTE)]},
                "customdata": [plotly_escape(money(pay, currency))],
                "hovertemplate": "%{fullData.name}: %{customdata} (%{x:+.1f}%) → %{y:.1f}<extra></extra>",
            }
        )
    layout = _layout(
        "How pay becomes a score",
        360,
        xaxis={"title": {"text": "pay compared with your current role"}, "ticksuffix": "%"},
        yaxis={"title": {"text": "pay score"}, "range": [-0.5, 10.5]},
    )
    return go.Figure(data=traces, layout=layout)


# Money over time -----------------------------------------------------------------------------------

_COMPONENT_COLORS = {
    "base": "#2563eb",
    "bonus": "#60a5fa",
    "sign_on": "#0891b2",
    "equity": "#7c3aed",
    "match": "#a78bfa",
    "benefits": "#059669",
    "health": "#f59e0b",
    "commute": "#dc2626",
    "clawback": "#7f1d1d",
}


def _option_colors_n(n: int) -> list[str]:
    """For the methods' results (core.decision.methods), whose row STAYING_ROW is staying."""
    return [STAYING_COLOR if i == STAYING_ROW else PALETTE[(i - 1) % len(PALETTE)] for i in range(n)]


def cumulative_chart(projection: Projection) -> go.Figure:
    """How far ahead of (or behind) staying each option is, cumulatively, month by month, after tax
    and cost of living. Staying is the zero line; each option's break-even month is marked."""
    p = projection
    months = list(range(p.months))  # month 0 is the first, as the leave month and break-even count
    cumulative = p.cumulative_vs_staying
    colors = alternative_colors(p.alternatives)
    labels = _text(a.label for a in p.alternatives)
    options = [j for j, a in enumerate(p.alternatives) if not a.is_staying]
    traces: list[dict[str, Any]] = []
    for j in options:
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": labels[j],
                "x": months,
                "y": [float(v) for v in cumulative[j]],
                "line": {"color": colors[j], "width": 2, "dash": "solid"},
                "hovertemplate": "%{fullData.name}<br>month %{x}: %{y:+,.0f} vs staying<extra></extra>",
            }
        )
    for j in options:
        be = p.break_even_month(j)
        if be is not None and be < p.months:
            traces.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "name": f"{labels[j]} breaks even",
                    "x": [be],
                    "y": [float(cumulative[j, be])],
                    "marker": {"color": colors[j], "size": 12, "symbol": "diamond", "line": {"width": 1}},
                    "showlegend": False,
                    "hovertemplate": "%{fullData.name} in month %{x}<extra></extra>",
                }
            )
    shapes = [
        {
            "type": "line",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "y0": 0,
            "y1": 0,
            "line": {"color": STAYING_COLOR, "width": 3, "dash": "dash"},
        }
    ]
    if 0 < p.leave_month < p.months:
        shapes.append(_vline(p.leave_month - 0.5, "#9ca3af", "dot"))
    layout = _layout(
        "Ahead of staying (above the dashed line) or behind, cumulative, after tax and cost of living",
        420,
        xaxis={"title": {"text": "month, 0 = the first (◆ break-even: from here on ahead of staying)"}},
        yaxis={"title": {"text": f"vs staying ({plotly_escape(p.currency)})"}, "tickformat": "+,.0f"},
        shapes=shapes,
    )
    return go.Figure(data=traces, layout=layout)


def components_chart(projection: Projection, j: int) -> go.Figure:
    """Option j's money per year, one stacked bar segment per part of pay; costs below zero."""
    p = projection
    by_year = p.yearly()[j]
    years = [f"Year {y + 1}" for y in range(by_year.shape[1])]
    traces = [
        {
            "type": "bar",
            "name": COMPONENT_NAMES[comp],
            "x": years,
            "y": [float(v) for v in by_year[k]],
            "marker": {"color": _COMPONENT_COLORS[comp]},
            "hovertemplate": "%{fullData.name}, %{x}: %{y:,.0f}<extra></extra>",
        }
        for k, comp in enumerate(COMPONENTS)
        if abs(by_year[k]).sum() > 0.005
    ]
    layout = _layout(
        f"{plotly_escape(p.alternatives[j].label)}: pay per year by part, before tax",
        400,
        barmode="relative",
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        xaxis={"type": "category"},
        yaxis={"title": {"text": plotly_escape(p.currency)}, "tickformat": ",.0f"},
    )
    return go.Figure(data=traces, layout=layout)


def take_home_chart(projection: Projection) -> go.Figure:
    """After tax per year for staying and each option, side by side (before cost of living), with
    each year's tax in the hover: where worked-out tax makes a sign-on or vesting year dearer."""
    p = projection
    years = p.months // 12
    n = len(p.alternatives)
    after = p.after_tax.reshape(n, years, 12).sum(axis=2)
    tax = (p.flows[:, TAXED, :].sum(axis=1) * p.tax_rate).reshape(n, years, 12).sum(axis=2)
    colors = alternative_colors(p.alternatives)
    labels = _text(a.label for a in p.alternatives)
    traces = [
        {
            "type": "bar",
            "name": labels[j],
            "x": [f"Year {y + 1}" for y in range(years)],
            "y": [float(v) for v in after[j]],
            "customdata": [float(v) for v in tax[j]],
            "marker": {"color": colors[j]},
            "hovertemplate": "%{fullData.name}, %{x}: %{y:,.0f} after tax (%{customdata:,.0f} tax)<extra></extra>",
        }
        for j in range(n)
    ]
    layout = _layout(
        "Take-home per year: pay after tax, by job",
        400,
        barmode="group",
        xaxis={"type": "category"},
        yaxis={"title": {"text": plotly_escape(p.currency)}, "tickformat": ",.0f"},
    )
    return go.Figure(data=traces, layout=layout)


def vesting_chart(projection: Projection, j: int) -> go.Figure:
    """Equity vesting month by month for staying and for option j: cliffs show as tall bars."""
    p = projection
    k = COMPONENTS.index("equity")
    months = list(range(p.months))  # month 0 is the first, as the leave month counts
    colors = alternative_colors(p.alternatives)
    labels = _text(a.label for a in p.alternatives)
    traces = [
        {
            "type": "bar",
            "name": labels[i],
            "x": months,
            "y": [float(v) for v in p.flows[i, k]],
            "marker": {"color": colors[i]},
            "hovertemplate": "%{fullData.name}<br>month %{x}: %{y:,.0f} vests<extra></extra>",
        }
        for i in dict.fromkeys((p.staying, j))
    ]
    shapes = [_vline(p.leave_month - 0.5, "#9ca3af", "dot")] if 0 < p.leave_month < p.months else []
    layout = _layout(
        "Equity vesting each month (value on the day it vests)",
        340,
        barmode="group",
        xaxis={"title": {"text": "month, 0 = the first"}},
        yaxis={"title": {"text": plotly_escape(p.currency)}, "tickformat": ",.0f"},
        shapes=shapes,
    )
    return go.Figure(data=traces, layout=layout)


# How sure is the answer ----------------------------------------------------------------------------


def tornado_chart(sensitivity: WeightSensitivity, i: int, currency_free_label: str = "") -> go.Figure:
    """For option i: how its difference from staying moves as each criterion's weight goes from 0 to
    100% (the others rescaled in proportion). Widest bars first; the line is the difference now."""
    s = sensitivity
    at_zero = s.at_zero[i] - s.at_zero[STAYING_ROW]
    at_one = s.at_one[i] - s.at_one[STAYING_ROW]
    lo, hi = np.minimum(at_zero, at_one), np.maximum(at_zero, at_one)
    order = np.argsort(hi - lo)  # plotly draws the first bar at the bottom: widest on top
    totals_now = s.totals_at(0, s.weights[0])  # criterion 0 at its own weight: the totals now
    now = float(totals_now[i] - totals_now[STAYING_ROW])
    names = _text(s.criterion_names[k] for k in order)
    bar = {
        "type": "bar",
        "orientation": "h",
        "y": names,
        "base": [float(lo[k]) for k in order],
        "x": [float(hi[k] - lo[k]) for k in order],
        "marker": {
            "color": [GAIN_COLOR if lo[k] >= 0 else LOSS_COLOR if hi[k] <= 0 else PALETTE[0] for k in order]
        },
        "text": [f"{_signed(lo[k])} to {_signed(hi[k])}" for k in order],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "%{y}: from %{base:+.2f} to %{customdata:+.2f}<extra></extra>",
        "customdata": [float(hi[k]) for k in order],
    }
    layout = _layout(
        f"{plotly_escape(s.labels[i])} vs staying as each weight goes from 0 to 100%",
        130 + 40 * len(names),
        showlegend=False,
        xaxis={"title": {"text": "points vs staying (out of 10)"}, "zeroline": True, "zerolinewidth": 2},
        yaxis={"automargin": True, "type": "category"},
        shapes=[_vline(now, "#111827", "dot")],
    )
    return go.Figure(data=[bar], layout=layout)


def _signed(x: float) -> str:
    return f"{'+' if x >= 0 else '−'}{abs(x):.1f}"


def sweep_chart(sweep: WeightSweep, sensitivity: WeightSensitivity, k: int) -> go.Figure:
    """Every option's total as criterion k's weight goes from 0 to 100%, the current weight and the
    weights where the top option changes marked."""
    colors = _option_colors_n(len(sweep.labels))
    labels = _text(sweep.labels)
    criterion = plotly_escape(sweep.criterion_names[k])
    x = [float(v) * 100 for v in sweep.t]
    traces: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": labels[i],
            "x": x,
            "y": [float(v) for v in sweep.totals[k, :, i]],
            "line": {
                "color": colors[i],
                "width": 3 if i == STAYING_ROW else 2,
                "dash": "dash" if i == STAYING_ROW else "solid",
            },
            "hovertemplate": "%{fullData.name}: %{y:.2f} at %{x:.0f}%<extra></extra>",
        }
        for i in range(len(sweep.labels))
    ]
    flips = [t for t in (sensitivity.flip_down[k], sensitivity.flip_up[k]) if not np.isnan(t)]
    if flips:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": "the top option changes",
                "x": [float(t) * 100 for t in flips],
                "y": [float(max(sensitivity.totals_at(k, t))) for t in flips],
                "marker": {"symbol": "x", "size": 12, "color": "#111827"},
                "hovertemplate": "the top option changes at %{x:.1f}%<extra></extra>",
            }
        )
    layout = _layout(
        f"Every total as the weight of {criterion} goes from 0 to 100%",
        380,
        xaxis={
            "title": {"text": f"weight of {criterion}"},
            "ticksuffix": "%",
            "range": [0, 100],
        },
        yaxis={"title": {"text": "total score (out of 10)"}, "range": [0, 10]},
        shapes=[_vline(float(sweep.weights[k]) * 100, "#9ca3af", "dot")],
    )
    return go.Figure(data=traces, layout=layout)


def rank_chart(result: SMAAResult) -> go.Figure:
    """Share of draws in which each option takes each rank, stacked: rank 1 first."""
    n = len(result.labels)
    labels = _text(result.labels)[::-1]
    shades = ["#065f46", "#059669", "#34d399", "#a7f3d0", "#d1d5db", "#9ca3af", "#6b7280", "#374151"]
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "name": f"rank {r + 1}",
            "y": labels,
            "x": [float(v) * 100 for v in result.rank_acceptability[::-1, r]],
            "marker": {"color": shades[min(r, len(shades) - 1)]},
            "text": [f"{v * 100:.0f}%" if v >= 0.06 else "" for v in result.rank_acceptability[::-1, r]],
            "textposition": "inside",
            "hovertemplate": "%{y}: rank " + str(r + 1) + " in %{x:.1f}% of draws<extra></extra>",
        }
        for r in range(n)
    ]
    layout = _layout(
        f"How often each option takes each rank ({result.draws:,} draws)",
        130 + 40 * n,
        barmode="stack",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0, "traceorder": "normal"},
        xaxis={"range": [0, 100], "ticksuffix": "%"},
        yaxis={"automargin": True, "type": "category"},
    )
    return go.Figure(data=traces, layout=layout)


def difference_distribution_chart(result: SMAAResult) -> go.Figure:
    """The spread of each option's total minus staying's over the draws."""
    colors = _option_colors_n(len(result.labels))
    centers = (result.diff_edges[:-1] + result.diff_edges[1:]) / 2
    labels = _text(result.labels)
    traces = []
    for i in range(len(result.labels)):
        if i == STAYING_ROW:
            continue
        hist = result.diff_hist[i]
        nonzero = np.nonzero(hist)[0]
        if len(nonzero) == 0:
            continue
        lo, hi = max(nonzero[0] - 1, 0), min(nonzero[-1] + 2, len(hist))
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "line": {"shape": "hvh", "color": colors[i], "width": 2},
                "fill": "tozeroy",
                "opacity": 0.5,
                "name": labels[i],
                "x": [float(v) for v in centers[lo:hi]],
                "y": [float(v) / result.draws * 100 for v in hist[lo:hi]],
                "hovertemplate": "%{fullData.name}: %{x:+.2f} in %{y:.1f}% of draws<extra></extra>",
            }
        )
    layout = _layout(
        "Score minus staying's, over the draws",
        360,
        xaxis={"title": {"text": "points vs staying (right of the line: beats staying)"}},
        yaxis={"title": {"text": "share of draws"}, "ticksuffix": "%"},
        shapes=[_vline(0.0, STAYING_COLOR, "dash")],
    )
    return go.Figure(data=traces, layout=layout)
