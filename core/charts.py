"""Plotly figures built from a `Comparison`. Pure: takes results, returns figures.

Every option keeps one colour across all charts; staying put is always grey, so the reference is
easy to find.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.scoring import Comparison, format_points, pay_score

STAYING_COLOR = "#6b7280"
PALETTE = ("#2563eb", "#d97706", "#059669", "#7c3aed", "#db2777", "#0891b2", "#65a30d", "#dc2626")
GAIN_COLOR = "#059669"
LOSS_COLOR = "#dc2626"

_LAYOUT = dict(
    margin=dict(l=10, r=10, t=40, b=10),
    font=dict(size=13),
    legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
)


def option_colors(comparison: Comparison) -> list[str]:
    """Row i's colour: grey for staying, then the palette in scenario order."""
    return [STAYING_COLOR] + [PALETTE[(i - 1) % len(PALETTE)] for i in range(1, len(comparison.ids))]


def total_scores_chart(comparison: Comparison) -> go.Figure:
    """Total score per option, best at the top, with staying put as a reference line."""
    c = comparison
    order = c.order[::-1]  # plotly draws the first bar at the bottom
    colors = option_colors(c)
    totals = c.totals
    fig = go.Figure(
        go.Bar(
            x=[totals[i] for i in order],
            y=[c.labels[i] for i in order],
            orientation="h",
            marker_color=[colors[i] for i in order],
            text=[_total_label(c, i) for i in order],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.2f} out of 10<extra></extra>",
        )
    )
    fig.add_vline(
        x=totals[0],
        line_dash="dash",
        line_color=STAYING_COLOR,
        annotation_text=f"staying: {totals[0]:.1f}",
        annotation_position="top",
    )
    fig.update_layout(
        **_LAYOUT,
        title="Total score (out of 10)",
        xaxis=dict(range=[0, 10.9], title=None),
        yaxis=dict(title=None, automargin=True),
        height=120 + 40 * len(order),
        showlegend=False,
    )
    return fig


def _total_label(c: Comparison, i: int) -> str:
    if i == 0:
        return f"{c.totals[0]:.1f}"
    d = c.diff_vs_staying[i]
    sign = "+" if d >= 0 else "−"
    return f"{c.totals[i]:.1f} ({sign}{format_points(d)})"


def difference_chart(comparison: Comparison) -> go.Figure:
    """Per criterion, the weighted points each option gains (right) or loses (left) vs staying."""
    c = comparison
    diff = c.contribution_vs_staying
    colors = option_colors(c)
    names = list(c.criterion_names)[::-1]
    fig = go.Figure()
    for i in range(1, len(c.ids)):
        fig.add_trace(
            go.Bar(
                name=c.labels[i],
                x=diff[i][::-1],
                y=names,
                orientation="h",
                marker_color=colors[i],
                hovertemplate="%{fullData.name}<br>%{y}: %{x:+.2f} points vs staying<extra></extra>",
            )
        )
    fig.add_vline(x=0, line_color=STAYING_COLOR)
    fig.update_layout(
        **_LAYOUT,
        title="Points gained or lost against staying, by criterion",
        barmode="group",
        xaxis=dict(title="weighted points vs staying (out of 10)", zeroline=False),
        yaxis=dict(title=None, automargin=True),
        height=160 + 28 * len(names) * max(1, len(c.ids) - 1) ** 0.6,
    )
    return fig


def waterfall_chart(comparison: Comparison, i: int) -> go.Figure:
    """From staying's total to option i's total, one step per criterion."""
    c = comparison
    steps = c.contribution_vs_staying[i]
    fig = go.Figure(
        go.Waterfall(
            orientation="v",
            measure=["absolute", *["relative"] * len(steps), "total"],
            x=[c.labels[0], *c.criterion_names, c.labels[i]],
            y=[c.totals[0], *steps, 0],
            text=[f"{c.totals[0]:.2f}", *[f"{s:+.2f}" for s in steps], f"{c.totals[i]:.2f}"],
            textposition="outside",
            cliponaxis=False,
            increasing=dict(marker_color=GAIN_COLOR),
            decreasing=dict(marker_color=LOSS_COLOR),
            totals=dict(marker_color=option_colors(c)[i]),
            connector=dict(line=dict(color="#9ca3af", width=1)),
            hovertemplate="%{x}: %{y:.2f}<extra></extra>",
        )
    )
    top = max(float(np.max(np.cumsum([c.totals[0], *steps]))), c.totals[i], c.totals[0])
    fig.update_layout(
        **_LAYOUT,
        title=f"From staying to {c.labels[i]}, criterion by criterion",
        yaxis=dict(title="score (out of 10)", range=[0, min(10.5, top + 1.2)]),
        xaxis=dict(title=None),
        showlegend=False,
        height=380,
    )
    return fig


def ratings_radar(comparison: Comparison) -> go.Figure:
    """Each option's 0-10 score on every criterion (pay after its value function)."""
    c = comparison
    colors = option_colors(c)
    theta = [*c.criterion_names, c.criterion_names[0]]
    fig = go.Figure()
    for i in range(len(c.ids)):
        r = [*c.scores[i], c.scores[i][0]]
        fig.add_trace(
            go.Scatterpolar(
                r=r,
                theta=theta,
                name=c.labels[i],
                line=dict(color=colors[i], width=3 if i == 0 else 2, dash="dash" if i == 0 else None),
                hovertemplate="%{fullData.name}<br>%{theta}: %{r:.1f}<extra></extra>",
            )
        )
    fig.update_layout(
        **_LAYOUT,
        title="Scores on each criterion (0-10)",
        polar=dict(radialaxis=dict(range=[0, 10], tickvals=[0, 5, 10])),
        height=440,
    )
    return fig


def weights_chart(names: list[str], shares_pct: list[float]) -> go.Figure:
    """Each criterion's share of the decision, normalized to 100%."""
    fig = go.Figure(
        go.Bar(
            x=shares_pct[::-1],
            y=names[::-1],
            orientation="h",
            marker_color=PALETTE[0],
            text=[f"{s:.0f}%" for s in shares_pct[::-1]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1f}% of the decision<extra></extra>",
        )
    )
    fig.update_layout(
        **_LAYOUT,
        title="Share of the decision (weights normalized to 100%)",
        xaxis=dict(range=[0, max([*shares_pct, 1]) * 1.2], ticksuffix="%", title=None),
        yaxis=dict(title=None, automargin=True),
        height=120 + 34 * len(names),
        showlegend=False,
    )
    return fig


def pay_value_chart(
    current_pay: float,
    raise_for_10: float,
    cut_for_0: float,
    points: list[tuple[str, float]],
    currency: str = "$",
) -> go.Figure:
    """The pay value function, with each option's pay marked on it."""
    lo, hi = -cut_for_0, raise_for_10
    xs = [min(lo * 1.3, -5), lo, 0, hi, max(hi * 1.3, 5)]
    ys = [0, 0, 5, 10, 10]
    fig = go.Figure(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line=dict(color=STAYING_COLOR),
            name="value function",
            hovertemplate="%{x:+.0f}% pay → %{y:.1f}<extra></extra>",
        )
    )
    for k, (label, pay) in enumerate(points):
        pct = (pay / current_pay - 1) * 100
        score = pay_score(pay, current_pay, raise_for_10, cut_for_0)
        fig.add_trace(
            go.Scatter(
                x=[pct],
                y=[score],
                mode="markers",
                name=label,
                marker=dict(size=11, color=PALETTE[k % len(PALETTE)]),
                customdata=[f"{currency}{pay:,.0f}"],
                hovertemplate="%{fullData.name}: %{customdata} (%{x:+.1f}%) → %{y:.1f}<extra></extra>",
            )
        )
    fig.update_layout(
        **_LAYOUT,
        title="How pay becomes a score",
        xaxis=dict(title="pay compared with your current role", ticksuffix="%"),
        yaxis=dict(title="pay score", range=[-0.5, 10.5]),
        height=340,
    )
    return fig
