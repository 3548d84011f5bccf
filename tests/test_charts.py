"""The figures show the numbers the comparison computed, and staying is always the reference."""

from __future__ import annotations

import json

import pytest

from core import charts
from core.decision.scoring import compare
from tests.scenarios import simple_example


@pytest.fixture
def comparison():
    return compare(simple_example())


def test_total_scores_best_on_top_with_staying_line(comparison):
    fig = charts.total_scores_chart(comparison)
    bar = fig.data[0]
    # plotly draws the first category at the bottom: best option last
    assert list(bar.y) == ["Stay at Initech", "Umbrella Health", "Initech platform team", "Globex"]
    assert list(bar.x) == pytest.approx([5.35, 5.878571, 6.517857, 7.2], abs=1e-6)
    assert list(bar.text) == ["", "5.9 (+0.5)", "6.5 (+1.2)", "7.2 (+1.9)"]  # staying: the line label
    line = fig.layout.shapes[0]
    assert line.x0 == line.x1 == pytest.approx(5.35)
    assert fig.layout.annotations[0].text == "staying: 5.4"
    assert bar.marker.color[0] == charts.STAYING_COLOR


def test_difference_chart_has_one_trace_per_option(comparison):
    fig = charts.difference_chart(comparison)
    # traces last-first, so that the first option is the top bar of each group; the legend reversed
    assert [t.name for t in fig.data] == ["Umbrella Health", "Initech platform team", "Globex"]
    assert fig.layout.legend.traceorder == "reversed"
    globex = fig.data[-1]
    by_criterion = dict(zip(globex.y, globex.x, strict=True))
    # pay: .3 * (9.1667 - 5) = 1.25; work-life: .2 * (5 - 7) = -0.4
    assert by_criterion["Pay"] == pytest.approx(1.25)
    assert by_criterion["Work-life balance"] == pytest.approx(-0.4)


def test_difference_chart_draws_the_highest_ranked_options_when_there_are_many(comparison):
    """Totals: Globex 7.20, Initech platform team 6.52, Umbrella Health 5.88 (staying 5.35). With
    room for two, Umbrella Health is left out, and the two are drawn last-first as always."""
    fig = charts.difference_chart(comparison, most=2)
    assert [t.name for t in fig.data] == ["Initech platform team", "Globex"]
    assert charts.difference_chart_rows(comparison, most=2) == [1, 2]
    assert len(charts.difference_chart(comparison).data) == 3  # 3 options, room for 8: all


def test_waterfall_steps_from_staying_to_the_option(comparison):
    fig = charts.waterfall_chart(comparison, 1)
    w = fig.data[0]
    assert list(w.x) == [
        "Stay at Initech",
        "Pay",
        "Title",
        "Work-life balance",
        "Culture fit",
        "Growth",
        "Mission",
        "Globex",
    ]
    assert w.y[0] + sum(w.y[1:-1]) == pytest.approx(7.2)
    assert w.measure[0] == "absolute" and w.measure[-1] == "total"


def test_radar_has_every_alternative_closed_loop(comparison):
    fig = charts.ratings_radar(comparison)
    assert len(fig.data) == 4
    for trace in fig.data:
        assert trace.r[0] == trace.r[-1] and trace.theta[0] == trace.theta[-1]
    assert fig.data[1].r[0] == pytest.approx(9.1667, abs=1e-4)  # Globex's pay score


def test_colours_stay_with_options_across_charts(comparison):
    colors = charts.option_colors(comparison)
    radar = charts.ratings_radar(comparison)
    diff = charts.difference_chart(comparison)
    assert radar.data[1].line.color == diff.data[-1].marker.color == colors[1]


def test_pay_value_chart_marks_each_option_on_the_function():
    fig = charts.pay_value_chart(100_000, 30, 30, [("A", 115_000), ("B", 70_000)], "€")
    assert fig.data[1].x[0] == pytest.approx(15) and fig.data[1].y[0] == pytest.approx(7.5)
    assert fig.data[2].x[0] == pytest.approx(-30) and fig.data[2].y[0] == pytest.approx(0)
    assert fig.data[1].customdata[0] == "€115,000"


def test_names_that_look_like_numbers_stay_categories(comparison):
    fig = charts.total_scores_chart(comparison)
    assert fig.layout.yaxis.type == "category"


def test_cumulative_chart_marks_break_even_where_the_model_says():
    from core.model.scenario import EquityGrant, Pay, VestingSchedule
    from core.money.compensation import project
    from tests.test_compensation import START, scenario  # noqa: F401  (START documents the date)

    # staying: 24,000 of equity vests at month 12; the offer pays 1,000 a month more: even at month 24
    once = VestingSchedule(preset="custom", custom_pct=[100], frequency="yearly")
    current = Pay(base=120_000, raise_pct=0, grants=[EquityGrant(value=24_000, schedule=once)])
    p = project(scenario(current, Pay(base=132_000, raise_pct=0), horizon=3))
    fig = charts.cumulative_chart(p)
    line, marker = fig.data[0], fig.data[1]
    assert line.y[11] == pytest.approx(-12_000)
    # months count from 0, like the leave month: back to even by the end of month 23 (Dec 2028)
    assert (marker.x[0], marker.y[0]) == (23, pytest.approx(0))
    assert line.x[0] == 0
    assert fig.layout.shapes[0].y0 == 0  # staying is the zero line


def test_components_chart_adds_up_to_the_yearly_total():
    from core.model.example import example_scenario
    from core.money.compensation import project

    p = project(example_scenario())
    fig = charts.components_chart(p, 1)
    per_year = [sum(t.y[y] for t in fig.data) for y in range(5)]
    assert per_year == pytest.approx(p.yearly()[1].sum(axis=0))


# Names the person typed show as typed: Plotly reads HTML tags and %{...} templates in chart text.
HOSTILE_NAME = '<a href="https://evil.example">x</a> %{y}'
HOSTILE_SHOWN = '&lt;a href="https://evil.example"&gt;x&lt;/a&gt; &#37;{y}'


def _hostile_scenario():
    from core.edits.editing import validated

    data = simple_example().model_dump()
    data["currency"] = "<b>€</b>"
    data["current"]["employer"] = "<i>Initech</i>"
    globex = next(o for o in data["options"] if o["id"] == "globex")
    globex["name"] = HOSTILE_NAME
    globex["process"]["next_step"] = "<b>call</b> back"
    for interview in globex["process"]["interviews"]:
        interview["what"] = "<span style='color:red'>onsite</span>"
    for snapshot in globex["process"]["rating_history"]:
        snapshot["after"] = "<sup>screen</sup>"
    next(c for c in data["criteria"] if c.get("id") == "growth")["name"] = "<b>Growth</b>"
    return validated(data)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)
    elif hasattr(value, "tolist"):
        yield from _strings(value.tolist())


def _every_figure():
    from datetime import date

    from core.decision.sensitivity import sensitivity_for, sweep_for
    from core.decision.uncertainty import analyse
    from core.money.compensation import project
    from core.pipeline_charts import score_history_chart, timeline_chart
    from core.process.tracking import score_history

    s = _hostile_scenario()
    c = compare(s)
    row = c.row_of("globex")
    p = project(s)
    sens = sensitivity_for(c)
    result = analyse(s, c)
    today = date(2026, 11, 25)
    growth = c.column("growth")
    return {
        "total_scores_chart": charts.total_scores_chart(c),
        "difference_chart": charts.difference_chart(c),
        "waterfall_chart": charts.waterfall_chart(c, row),
        "ratings_radar": charts.ratings_radar(c),
        "weights_chart": charts.weights_chart([k.name for k in c.criteria], [20.0] * len(c.criteria)),
        "pay_value_chart": charts.pay_value_chart(
            112_000, 30, 30, [(o.name, 140_000) for o in s.options], s.currency
        ),
        "cumulative_chart": charts.cumulative_chart(p),
        "components_chart": charts.components_chart(p, row),
        "vesting_chart": charts.vesting_chart(p, row),
        "tornado_chart": charts.tornado_chart(sens, row),
        "sweep_chart": charts.sweep_chart(sweep_for(c), sens, growth),
        "rank_chart": charts.rank_chart(result),
        "difference_distribution_chart": charts.difference_distribution_chart(result),
        "timeline_chart": timeline_chart(s, today),
        "score_history_chart": score_history_chart(
            score_history(s, c, "globex"), float(c.totals[0]), s.option("globex").name, today
        ),
    }


def test_typed_html_and_templates_are_escaped_in_every_figure():
    typed = [
        HOSTILE_NAME,
        "<b>€</b>",
        "<i>Initech</i>",
        "<b>call</b>",
        "<span style='color:red'>",
        "<sup>screen</sup>",
        "<b>Growth</b>",
    ]
    for name, fig in _every_figure().items():
        strings = list(_strings(json.loads(fig.to_json())))  # what the browser is sent
        left = [t for t in typed for text in strings if t in text]
        assert left == [], (name, left)


def test_escaped_names_are_in_the_figure_json():
    figures = _every_figure()
    for name in ("total_scores_chart", "difference_chart", "waterfall_chart", "ratings_radar", "rank_chart"):
        strings = list(_strings(json.loads(figures[name].to_json())))
        assert any(HOSTILE_SHOWN in text for text in strings), name
    bar = figures["total_scores_chart"].data[0]
    assert HOSTILE_SHOWN in list(bar.y)
    assert "Stay at &lt;i&gt;Initech&lt;/i&gt;" in list(bar.y)
    timeline = figures["timeline_chart"]
    assert HOSTILE_SHOWN in timeline.layout.yaxis.categoryarray
    interviews = next(t for t in timeline.data if t.name == "interview")
    assert "&lt;span style='color:red'&gt;onsite&lt;/span&gt;" in list(interviews.text)
    assert figures["cumulative_chart"].layout.yaxis.title.text == "vs staying (&lt;b&gt;€&lt;/b&gt;)"
    assert figures["pay_value_chart"].data[1].customdata[0] == "&lt;b&gt;€&lt;/b&gt;140,000"


def test_a_label_below_staying_is_inside_its_bar_so_the_staying_line_never_crosses_it(comparison):
    """Umbrella Health rated 4 on everything in the simple example: its pay, 116,000 against
    112,000 (+3.57%), scores 5 + 5 × 3.57 / 30 = 5.60, so its total is 0.3 × 5.60 + 0.7 × 4 = 4.48,
    0.87 below staying's 5.35. Its label "4.5 (−0.9)" would run from its bar's end through the
    staying line: below staying a label sits inside the bar from its start; above staying, past
    the bar's end, right of the line."""
    from core.decision.scoring import compare
    from core.edits.editing import with_value
    from tests.scenarios import simple_example

    s = simple_example()
    for crit in s.rated_criteria:
        s = with_value(s, ("options", "umbrella_health", "ratings", crit.id), 4.0)
    c = compare(s)
    bar = charts.total_scores_chart(c).data[0]
    positions = dict(zip(bar.y, bar.textposition, strict=True))
    texts_ = dict(zip(bar.y, bar.text, strict=True))
    assert positions["Umbrella Health"] == "inside" and texts_["Umbrella Health"] == "4.5 (−0.9)"
    assert positions["Globex"] == positions["Initech platform team"] == "outside"
