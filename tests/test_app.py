"""Every page, driven in-process from the entrypoint as a person would use it."""

from __future__ import annotations

import csv
import io
import json

from streamlit.testing.v1 import AppTest

from core.decision.scoring import compare, format_points, format_score, verdict
from core.files.scenario_json import scenario_to_json
from core.model.example import example_scenario
from core.text import markdown_unescape
from tests.apptest_support import (
    APP,
    download,
    edit_table,
    open_page,
    pick_scenario,
    picked_scenario,
    set_priorities,
    texts,
)
from tests.scenarios import simple_example

EXAMPLE_VERDICT = (
    "Globex beats staying by 1.9 points, driven by pay and growth; it loses on work-life balance."
)


def scenario(at):
    return at.session_state["_tab"].edits.scenario


def test_opens_on_the_example_clearly_marked(example_app):
    app = example_app
    c = compare(example_scenario())
    assert texts(app, "success") == [verdict(c)]
    assert verdict(c).startswith("Globex beats staying by")
    assert any("example data" in t for t in texts(app, "info"))
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Best option"] == "Globex"
    assert metrics["Best option vs staying"] == f"+{format_points(c.diff_vs_staying[1])} points"
    assert metrics["Staying scores"] == f"{format_score(c.totals[0])} / 10"


def test_seeded_simple_example_has_the_hand_worked_verdict(app):
    assert texts(app, "success") == [EXAMPLE_VERDICT]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Best option vs staying"] == "+1.9 points"  # 7.2 - 5.35 = 1.85
    assert metrics["Staying scores"] == "5.4 / 10"


def test_every_page_renders_without_error(app):
    for page in ["current_role", "offers", "priorities", "compare", "overview"]:
        open_page(app, page)
        assert not app.error, (page, texts(app, "error"))


def test_new_blank_scenario_keeps_the_old_one_one_pick_away(app):
    assert picked_scenario(app) == "Example"
    app.button(key=next(b.key for b in app.button if b.label == "New blank scenario")).click().run()
    assert not scenario(app).example
    assert scenario(app).options == []
    assert picked_scenario(app) == "Untitled"
    assert any("Untitled" in t for t in texts(app, "success"))
    assert not any("example data" in t for t in texts(app, "info"))
    assert any("add an offer" in t for t in texts(app, "info"))
    open_page(app, "compare")
    assert any("nothing to compare" in t for t in texts(app, "warning"))
    pick_scenario(app, "Example")
    assert scenario(app) == simple_example()
    open_page(app, "compare")
    assert EXAMPLE_VERDICT in texts(app, "success")


def test_current_role_edits_survive_page_switches(app):
    open_page(app, "current_role")
    app.text_input(key="w:current/pay/base").set_value("137,000").run()
    app.text_input(key="w:current/employer").set_value("Initech España").run()
    app.slider(key="w:current/ratings/growth").set_value(8.0).run()
    open_page(app, "offers")
    open_page(app, "compare")
    open_page(app, "current_role")
    assert app.text_input(key="w:current/pay/base").value == "137,000"
    assert scenario(app).current.pay.base == 137_000
    assert app.text_input(key="w:current/employer").value == "Initech España"
    assert app.slider(key="w:current/ratings/growth").value == 8.0
    open_page(app, "compare")
    # Staying now: pay 5, title 5, wlb 7, culture 6, growth 8, mission 5 -> 6.15.
    # Globex: 140,000 vs 137,000 is +2.19% -> 5.365; total .3*5.365 + .7+1.0+.9+1.6+.25 = 6.0595
    # Platform: 118,000 vs 137,000 is -13.87% -> 2.689; .3*2.689 + .6+1.4+1.05+1.4+.3 = 5.5566
    assert texts(app, "success")[0].startswith("Staying comes out on top.")
    assert texts(app, "success")[0].endswith(
        "Globex falls short of staying by 0.1 points, mostly on work-life balance; "
        "it is better on title and pay."
    )


def test_no_current_pay_gets_a_message_and_keeps_everything_else(app):
    open_page(app, "current_role")
    app.text_input(key="w:current/pay/base").set_value("0").run()
    assert any("Enter your current base salary" in t for t in texts(app, "error"))
    open_page(app, "compare")
    assert any("no pay entered" in t for t in texts(app, "warning"))
    assert len(scenario(app).options) == 3
    assert scenario(app).current.employer == "Initech"


def test_moving_a_priority_slider_on_compare_changes_the_ranking_and_csv(app):
    open_page(app, "compare")
    rows = list(csv.DictReader(io.StringIO(download(app, "download_csv").decode())))
    assert {r["Option"]: r["Rank"] for r in rows}["Globex"] == "1"
    set_priorities(app, "compare", pay=0.0)
    # Without pay (weights 10/20/15/20/5 of 70):
    # staying (5*10 + 7*20 + 6*15 + 4*20 + 5*5)/70 = 385/70 = 5.5
    # platform (6*10 + 7*20 + 7*15 + 7*20 + 6*5)/70 = 475/70 = 6.786
    # Globex (7*10 + 5*20 + 6*15 + 8*20 + 5*5)/70 = 445/70 = 6.357
    assert texts(app, "success")[0] == (
        "Initech platform team beats staying by 1.3 points, driven by growth and culture fit."
    )
    rows = list(csv.DictReader(io.StringIO(download(app, "download_csv").decode())))
    by_name = {r["Option"]: r for r in rows}
    assert by_name["Initech platform team"]["Rank"] == "1"
    assert float(by_name["Initech platform team"]["Total score"]) == 6.7857
    assert float(by_name["Globex"]["Total score"]) == 6.3571
    assert float(by_name["Globex"]["Pay: weight %"]) == 0
    assert float(by_name["Globex"]["Growth: weight %"]) == 28.5714
    # the same weight is what the Priorities page sends its component
    open_page(app, "priorities")
    assert scenario(app).criterion("pay").weight == 0.0


def test_every_weight_at_zero_says_what_to_change(app):
    open_page(app, "priorities")
    set_priorities(app, "priorities", **{c.id: 0.0 for c in scenario(app).criteria})
    open_page(app, "compare")
    assert any("Every priority is set to 0" in t for t in texts(app, "warning"))
    # the priorities are still there to fix it
    set_priorities(app, "compare", growth=10.0)
    # growth alone counts: Globex 8 against staying's 4
    assert texts(app, "success")[0] == "Globex beats staying by 4.0 points, driven by growth."


def test_offers_table_edits_add_delete_and_survive_page_switch(app):
    open_page(app, "offers")
    edit_table(
        app,
        "offers_table",
        edited_rows={0: {"pay.base": 130_000, "name": "Globex Zürich"}},
        added_rows=[{"name": "Hooli 東京", "kind": "prospect", "pay.base": 150_000}],
        deleted_rows=[2],
    )
    names = [o.name for o in scenario(app).options]
    assert names == ["Globex Zürich", "Initech platform team", "Hooli 東京"]
    open_page(app, "compare")
    open_page(app, "offers")
    table = app.data_editor[0].value
    assert list(table["name"]) == ["Globex Zürich", "Initech platform team", "Hooli 東京"]
    assert list(table["pay.base"]) == [130_000, 118_000, 150_000]
    open_page(app, "compare")
    assert any("Hooli 東京" in t for t in texts(app, "markdown"))


def test_offers_table_bad_cell_is_refused_with_message_and_nothing_lost(app):
    open_page(app, "offers")
    edit_table(app, "offers_table", edited_rows={1: {"name": "globex"}})
    assert any("option name 'globex'" in t for t in texts(app, "error"))
    assert [o.name for o in scenario(app).options] == ["Globex", "Initech platform team", "Umbrella Health"]
    edit_table(app, "offers_table", edited_rows={1: {"rating.growth": 12}})
    assert any("less than or equal to 10" in t for t in texts(app, "error"))
    assert scenario(app).options[1].ratings["growth"] == 7
    # the table shows the scenario again, not the refused values
    assert list(app.data_editor[0].value["rating.growth"]) == [8, 7, 6]


def test_offer_detail_form_and_add_delete_buttons(app):
    open_page(app, "offers")
    app.selectbox(key="offers_selected").select("initech_platform").run()
    app.text_input(key="w:options/initech_platform/pay/sign_on").set_value("20000").run()
    app.selectbox(key="w:options/initech_platform/stage").select("offer").run()
    app.text_area(key="w:options/initech_platform/notes").set_value("Verbal offer ✓").run()
    option = scenario(app).option("initech_platform")
    assert (option.pay.sign_on, option.stage, option.notes) == (20_000, "offer", "Verbal offer ✓")
    add = next(b for b in app.button if b.label == "Add prospect")
    add.click().run()
    assert scenario(app).options[-1].kind == "prospect"
    assert app.selectbox(key="offers_selected").value == scenario(app).options[-1].id
    delete = next(b for b in app.button if b.label.startswith("Delete "))
    delete.click().run()
    assert len(scenario(app).options) == 3
    # deleting can be undone from the sidebar
    next(b for b in app.button if b.label == "Undo").click().run()
    assert len(scenario(app).options) == 4


def test_priorities_add_rename_remove_criterion(app):
    open_page(app, "priorities")
    app.text_input(key="new_criterion_name").set_value("Commute").run()
    next(b for b in app.button if b.key == "add_criterion").click().run()
    assert scenario(app).criteria[-1].name == "Commute"
    assert any("neutral 5" in t for t in texts(app, "info"))
    app.text_input(key="crit_name:commute").set_value("Commute time").run()
    assert scenario(app).criterion("commute").name == "Commute time"
    # rated on the Current role page at once
    open_page(app, "current_role")
    assert app.slider(key="w:current/ratings/commute").value == 5.0
    open_page(app, "priorities")
    app.text_input(key="crit_name:title").set_value("growth").run()
    assert any("already a criterion called 'growth'" in t for t in texts(app, "error"))
    assert scenario(app).criterion("title").name == "Title"
    assert app.text_input(key="crit_name:title").value == "Title"
    next(b for b in app.button if b.key == "crit_remove:commute").click().run()
    assert [c.id for c in scenario(app).criteria] == [
        "pay",
        "title",
        "work_life",
        "culture",
        "growth",
        "mission",
    ]


def test_pay_value_function_is_adjustable(app):
    open_page(app, "priorities")
    app.number_input(key="w:pay_scale/raise_for_10").set_value(40.0).run()
    open_page(app, "compare")
    # Globex +25% now scores 5 + 5*25/40 = 8.125; total .3*8.125 + 4.45 = 6.8875 -> +1.54 over 5.35
    assert texts(app, "success")[0].startswith("Globex beats staying by 1.5 points")
    assert any("+40% or more scores 10" in t for t in texts(app, "caption"))


def test_scenario_file_upload_bad_then_good(app):
    app.file_uploader(key="scenario_upload").upload("notes.json", b"{not json").run()
    assert any("notes.json was not opened" in t and "not valid JSON" in t for t in texts(app, "error"))
    assert scenario(app) == simple_example()
    data = json.loads(scenario_to_json(example_scenario()))
    data["options"] = data["options"][:1]
    data["example"] = False
    data["name"] = "Lisbon plan"
    app.file_uploader(key="scenario_upload").upload("mine.json", json.dumps(data).encode()).run()
    assert len(scenario(app).options) == 1
    # Saved under the name inside the file, not the file's name.
    assert any(
        "Opened mine.json (1 option) as “Lisbon plan”" in markdown_unescape(t) for t in texts(app, "success")
    )
    # It is a new saved scenario: the one open before is kept as it was.
    assert picked_scenario(app) == "Lisbon plan"
    pick_scenario(app, "Example")
    assert scenario(app) == simple_example()


def test_scenario_download_is_the_scenario(app):
    """The file holds the scenario under the name it is saved as (the seeded example: "Example")."""
    mine = simple_example().model_copy(update={"name": "Example"})
    assert download(app, "download_scenario").decode() == scenario_to_json(mine)


def test_deep_link_to_a_page_before_navigation_ran():
    """A bookmark to /compare right after a server start: the page still gets the navigation,
    the sidebar and the example scenario (AppTest without the server shim is that first view)."""
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page("pages/compare.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Compare"]
    assert any(b.label == "New blank scenario" for b in at.sidebar.button)
    assert texts(at, "success")[0] == verdict(compare(example_scenario()))


def test_an_unfinished_offer_is_said_under_the_verdict_and_taxed_like_the_current_role(example_app):
    """Offers → "Add external offer" with nothing else entered: it starts with the current role's
    tax rate (28%), cost of living, days off and commute, so it is never scored as untaxed pay.
    Under the verdict, an option with no base salary, or a tax rate of 0% while the current role's
    is 28%, is named with what to fill in."""
    at = open_page(example_app, "offers")
    next(b for b in at.button if b.key == "add_external offer").click().run()
    new = scenario(at).options[-1]
    current = scenario(at).current.pay
    assert (new.pay.tax_rate_pct, new.pay.col_index, new.pay.pto_days, new.pay.commute_minutes) == (
        current.tax_rate_pct,
        current.col_index,
        current.pto_days,
        current.commute_minutes,
    )
    assert any("Still assumptions" in t for t in texts(at, "info"))
    open_page(at, "overview")
    warning = next(t for t in texts(at, "warning") if "not filled in yet" in t)
    assert "- New option: no base salary yet" in markdown_unescape(warning)
    assert "Umbrella" not in warning  # the example's options are filled in
    open_page(at, "offers")
    at.number_input(key=f"w:options/{new.id}/pay/tax_rate_pct").set_value(0.0).run()
    open_page(at, "compare")
    warning = markdown_unescape(next(t for t in texts(at, "warning") if "not filled in yet" in t))
    assert "- New option: no base salary yet" in warning  # said first: there is no pay at all
    open_page(at, "offers")
    at.text_input(key=f"w:options/{new.id}/pay/base").set_value("120,000").run()
    open_page(at, "compare")
    warning = markdown_unescape(next(t for t in texts(at, "warning") if "not filled in yet" in t))
    assert "- New option: a tax rate of 0%, while yours is 28%" in warning


def test_the_currency_is_asked_on_current_role_where_a_person_starts(app):
    """A blank scenario's first page of questions, Current role, asks the currency (it was only
    under Priorities); every amount label then says it."""
    at = open_page(app, "current_role")
    at.selectbox(key="w:current/currency").select("EUR").run()
    assert scenario(at).currency == "EUR"
    assert any(t.label == "Base salary per year (EUR)" for t in at.text_input)


def test_compare_with_many_options_draws_the_best_eight_by_criterion_and_says_so(monkeypatch):
    """Twelve options: the By criterion chart has the eight highest-ranked (grouped bars of twelve
    can't be read), the caption says so, and the CSV still has all twelve and staying."""
    from tests.apptest_support import start_tab

    base = simple_example()
    options = [
        o.model_copy(update={"id": f"{o.id}-{k}", "name": f"{o.name} {k}"})
        for k in range(4)
        for o in base.options
    ]
    at = start_tab(monkeypatch, base.model_copy(update={"options": options}))
    open_page(at, "compare")
    captions = " ".join(texts(at, "caption"))
    assert "The 8 highest-ranked of your 12 options" in captions
    # the best option is the verdict; the other eleven are listed ten at most, in one block
    others = next(m for m in texts(at, "markdown") if m.startswith("**The other options**"))
    assert others.count("\n- ") == 10
    assert "… and 1 more, ranked lower: the Table lists every option." in captions
    chart = next(c for c in at.get("plotly_chart") if "chart_difference" in c.proto.id)
    assert len(json.loads(chart.proto.spec)["data"]) == 8
    rows = list(csv.DictReader(io.StringIO(download(at, "download_csv").decode())))
    assert len(rows) == 13
