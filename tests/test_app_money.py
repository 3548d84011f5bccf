"""The Money over time page and the pay form, driven in-process."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from core.money.compensation import project
from core.text import markdown_unescape
from tests.apptest_support import download, edit_table, open_page, texts


def scenario(at):
    return at.session_state["_tab"].edits.scenario


def metric(at, label):
    """The metric's value as a person reads it (the currency, typed text, is escaped as Markdown)."""
    return next(markdown_unescape(m.value) for m in at.metric if m.label == label)


def test_money_page_shows_what_leaving_costs_and_moves_with_the_slider(example_app):
    at = open_page(example_app, "money")
    # Leaving now: the 2025 grant (20,000 over four years from 2025-12-01) has 75% left, 15,000;
    # the match paid in but not yet vested, 1,500.
    assert metric(at, "Unvested equity") == "$15,000"
    assert metric(at, "Retirement match not yet vested") == "$1,500"
    assert metric(at, "Cost of leaving") == "$16,500"
    at.slider(key="w:money/leave_month").set_value(12).run()
    # A year later: 25% more has vested (5,000); the match is vested after 6 more months of service.
    assert metric(at, "Unvested equity") == "$10,000"
    assert metric(at, "Retirement match not yet vested") == "$0"
    assert scenario(at).money.leave_month == 12


def test_year_by_year_csv_is_the_models_table(example_app):
    at = open_page(example_app, "money")
    at.slider(key="w:money/horizon_years").set_value(3).run()
    rows = list(csv.DictReader(io.StringIO(download(at, "download_years").decode())))
    expected = project(scenario(at)).yearly_table()
    assert len(rows) == 4 * 3
    assert [r["Option"] for r in rows[:3]] == ["Stay at Initech"] * 3
    assert float(rows[3]["Cumulative ($)"]) == pytest.approx(expected["Cumulative"].iloc[3])
    # the summary table agrees with the year-by-year one
    summary = at.dataframe[0].value.set_index("Option")
    assert summary.loc["Globex", "Cumulative"] == pytest.approx(
        expected[expected["Option"] == "Globex"]["After tax and cost of living"].sum(), abs=0.05
    )


def test_pay_measure_choice_changes_the_pay_score(app):
    open_page(app, "money")
    app.selectbox(key="w:money/pay_measure").select("guaranteed").run()
    assert scenario(app).money.pay_measure == "guaranteed"
    open_page(app, "compare")
    assert any("guaranteed pay only" in t for t in texts(app, "caption"))


def test_grant_with_bad_custom_schedule_is_refused_and_nothing_is_lost(app):
    open_page(app, "offers")
    edit_table(
        app,
        "grants:options/globex/pay",
        added_rows=[{"label": "RSU", "value": 40_000, "preset": "custom", "custom_pct": "30, 30, 30"}],
    )
    assert any("Grant 'RSU'" in t and "add up to 90%" in t for t in texts(app, "error"))
    assert scenario(app).option("globex").pay.grants == []
    edit_table(
        app,
        "grants:options/globex/pay",
        added_rows=[{"label": "RSU", "value": 40_000, "preset": "custom", "custom_pct": "ten, 90"}],
    )
    assert any("numbers separated by commas" in t for t in texts(app, "error"))
    edit_table(
        app,
        "grants:options/globex/pay",
        added_rows=[
            {
                "label": "RSU",
                "value": 40_000,
                "preset": "custom",
                "custom_pct": "10, 20, 30, 40",
                "frequency": "quarterly",
            }
        ],
    )
    grant = scenario(app).option("globex").pay.grants[0]
    assert (grant.value, grant.schedule.yearly_pct, grant.schedule.every_months) == (
        40_000,
        (10, 20, 30, 40),
        3,
    )
    # the grant shows in the table after a page switch
    open_page(app, "compare")
    open_page(app, "offers")
    grants = next(e for e in app.data_editor if e.key.startswith("grants:options/globex/pay")).value
    assert list(grants["label"]) == ["RSU"] and list(grants["custom_pct"]) == ["10, 20, 30, 40"]


def test_grant_vesting_far_in_the_future_is_refused(app):
    open_page(app, "current_role")
    edit_table(
        app,
        "grants:current/pay",
        added_rows=[{"label": "Old", "value": 1_000, "vesting_start": "2099-01-01"}],
    )
    assert any("2099-01-01" in t and "check the date" in t for t in texts(app, "error"))
    assert scenario(app).current.pay.grants == []


def test_percent_fields_are_bounded_in_the_form(app):
    open_page(app, "current_role")
    tax = app.number_input(key="w:current/pay/tax_rate_pct")
    assert (tax.min, tax.max) == (0.0, 90.0)
    app.number_input(key="w:current/pay/tax_rate_pct").set_value(25.0).run()
    assert scenario(app).current.pay.tax_rate_pct == 25


def test_counteroffer_button_copies_the_current_role(app):
    open_page(app, "offers")
    next(b for b in app.button if b.key == "add_counteroffer").click().run()
    counter = scenario(app).options[-1]
    assert counter.kind == "counteroffer" and counter.name == "Counteroffer from Initech"
    assert counter.pay.base == scenario(app).current.pay.base
    assert counter.ratings == scenario(app).current.ratings
    assert app.selectbox(key="offers_selected").value == counter.id
    # same employer: the form says the current grants carry over
    assert any("current grants keep vesting" in t for t in texts(app, "caption"))


def test_future_raise_in_recent_changes_is_saved(app):
    open_page(app, "current_role")
    edit_table(
        app,
        "recent_changes",
        added_rows=[{"kind": "promotion", "when": "2027-03-01", "note": "Lead role", "new_base": 125_000}],
    )
    change = scenario(app).current.recent_changes[-1]
    assert (change.kind, change.when, change.new_base) == ("promotion", date(2027, 3, 1), 125_000)


def test_editing_a_grant_without_a_start_date(example_app):
    at = open_page(example_app, "offers")
    edit_table(at, "grants:options/globex/pay", edited_rows={0: {"value": 90_000}})
    assert not at.exception
    assert scenario(at).option("globex").pay.grants[0].value == 90_000
    assert scenario(at).option("globex").pay.grants[0].vesting_start is None


def test_recent_changes_table_has_a_new_base_column(app):
    at = open_page(app, "current_role")
    editor = next(e for e in at.data_editor if e.key.startswith("recent_changes"))
    assert "new_base" in editor.value.columns


def test_money_and_how_sure_pages_with_leave_past_the_horizon(app):
    at = open_page(app, "money")
    at.slider(key="w:money/leave_month").set_value(120).run()
    assert not at.exception
    assert any("past the horizon" in t for t in texts(at, "info"))


def test_an_option_cannot_take_stayings_name(app):
    at = open_page(app, "offers")
    at.selectbox(key="offers_selected").select("globex").run()
    at.text_input(key="w:options/globex/name").set_value("Stay at Initech").run()
    assert any("that is how staying is shown" in t for t in texts(at, "error"))
    assert scenario(at).option("globex").name == "Globex"


def test_leaving_the_new_job_early_shows_what_it_would_cost(example_app):
    """Money page: "Leave the new job after" 6 months. Globex's row is the model's figure, and
    an empty field means you stay (no table)."""
    from core.money.leaving import cost_of_leaving_new_job

    at = open_page(example_app, "money")
    assert not any("Sign-on owed back" in d.value.columns for d in at.dataframe)
    at.number_input(key="w:money/leave_new_month").set_value(6).run()
    assert scenario(at).money.leave_new_month == 6
    table = next(d.value for d in at.dataframe if "Sign-on owed back" in d.value.columns)
    expected = {c.label: c for c in cost_of_leaving_new_job(scenario(at))}
    for _, row in table.iterrows():
        cost = expected[row["Option"]]
        assert row["Cost before tax"] == pytest.approx(cost.forfeit.total)
        assert row["After tax and cost of living"] == pytest.approx(cost.forfeit.total_after_tax)
        assert row["Leaving at month"] == cost.forfeit.month


def test_the_side_by_side_table_says_break_even_in_words_and_never_none(example_app):
    at = open_page(example_app, "money")
    table = next(d.value for d in at.dataframe if "Break-even" in d.value.columns)
    words = project(scenario(at)).summary()["Break-even"].tolist()
    assert table["Break-even"].tolist() == words
    assert not any(str(w) in ("None", "nan", "<NA>") for w in words)
