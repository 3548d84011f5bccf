"""The Pipeline and Next steps pages, and the current role's honest look, driven in-process.

The `app` fixture is the example with flat yearly pay (tests/scenarios.py), so the scores are the
hand-worked ones of tests/test_advice.py. Dates the pages write are today's, as in the app."""

from __future__ import annotations

from datetime import date

from core.decision.scoring import compare
from core.decision.uncertainty import analyse, probabilities
from core.model import pipeline
from core.process.drafts import message_draft
from core.process.summary import decision_summary
from tests.apptest_support import download, edit_table, open_page, start_tab, texts
from tests.scenarios import simple_example


def scenario(at):
    return at.session_state["_tab"].edits.scenario


def test_the_new_pages_render_without_error(app, example_app):
    for at in (app, example_app):
        for page in ["pipeline", "next_steps", "current_role"]:
            open_page(at, page)
            assert not at.error, (page, texts(at, "error"))


def test_pipeline_shows_every_process_and_the_timeline(app):
    open_page(app, "pipeline")
    assert texts(app, "title") == ["Pipeline"]
    table = app.dataframe[0].value
    assert set(table["Option"]) == {"Globex", "Initech platform team", "Umbrella Health"}
    assert dict(zip(table["Option"], table["Stage"], strict=True))["Globex"] == "offer"
    assert dict(zip(table["Option"], table["Contact"], strict=True))["Umbrella Health"] == "Lee Moreno"
    charts = [c for c in app.get("plotly_chart")]
    assert len(charts) == 2  # the timeline, and Globex's score history
    assert any("rose by 0.3 points to 7.2" in t for t in texts(app, "markdown"))


def test_changing_the_stage_records_today_in_the_history(app):
    open_page(app, "pipeline")
    app.selectbox(key="pipeline_selected").select("umbrella_health").run()
    app.selectbox(key="pipeline_stage:umbrella_health").select("interviewing").run()
    option = scenario(app).option("umbrella_health")
    assert option.stage == "interviewing"
    assert (option.process.history[-1].stage, option.process.history[-1].on) == ("interviewing", date.today())
    # the Offers page shows the same stage
    open_page(app, "offers")
    assert list(app.data_editor[0].value["stage"])[2] == "interviewing"


def test_next_step_contacts_and_interviews_are_kept(app):
    open_page(app, "pipeline")
    app.selectbox(key="pipeline_selected").select("umbrella_health").run()
    app.text_input(key="w:options/umbrella_health/process/next_step").set_value("Send portfolio").run()
    edit_table(app, "contacts:umbrella_health", added_rows=[{"name": "Ana Ruiz", "role": "hiring manager"}])
    edit_table(app, "interviews:umbrella_health", added_rows=[{"on": "2026-11-20", "what": "Recruiter call"}])
    process = scenario(app).option("umbrella_health").process
    assert process.next_step == "Send portfolio"
    assert [(c.name, c.role) for c in process.contacts] == [
        ("Lee Moreno", "recruiter"),
        ("Ana Ruiz", "hiring manager"),
    ]
    assert (process.interviews[0].on, process.interviews[0].what) == (date(2026, 11, 20), "Recruiter call")
    open_page(app, "overview")
    open_page(app, "pipeline")
    app.selectbox(key="pipeline_selected").select("umbrella_health").run()
    assert app.text_input(key="w:options/umbrella_health/process/next_step").value == "Send portfolio"


def test_a_bad_history_row_is_refused_with_a_message(app):
    open_page(app, "pipeline")
    edit_table(app, "history:globex", edited_rows={0: {"on": "not a date"}})
    assert any("history" in t and "date" in t for t in texts(app, "error")), texts(app, "error")
    assert scenario(app).option("globex").process.history[0].on == date(2026, 9, 21)


def test_recording_ratings_after_an_interview_moves_the_score_history(app):
    open_page(app, "pipeline")
    app.slider(key="w:options/globex/ratings/culture").set_value(8.0).run()
    next(b for b in app.button if b.key == "record_ratings").click().run()
    history = scenario(app).option("globex").process.rating_history
    assert history[-1].on == date.today()
    assert history[-1].after == "Final round"  # the latest interview
    assert history[-1].ratings["culture"] == 8.0
    # now: culture 8 adds 0.15 x 2 = 0.3 to 7.2 -> 7.5; since the phone screen (6.95): +0.55
    assert any("rose by 0.6 points to 7.5" in t for t in texts(app, "markdown"))


def test_next_steps_gives_each_open_process_a_recommendation(app):
    open_page(app, "next_steps")
    md = texts(app, "markdown")
    assert "**Globex** :orange-badge[Decide now]" in md
    assert "**Initech platform team** :green-badge[Keep going]" in md
    assert "**Umbrella Health** :green-badge[Keep going]" in md
    assert any("the decision is yours" in t for t in texts(app, "info"))
    # you would never take Umbrella Health: withdraw politely, now
    app.selectbox(key="next_selected").select("umbrella_health").run()
    app.radio(key="w:options/umbrella_health/process/would_take").set_value("never").run()
    assert "**Umbrella Health** :red-badge[Withdraw politely now]" in texts(app, "markdown")
    assert scenario(app).option("umbrella_health").process.would_take == "never"


def test_what_continuing_is_worth_changes_the_advice_at_the_boundary(app):
    open_page(
        app, "current_role"
    )  # make Umbrella fall behind: growth 6 -> 2, mission 9 -> 5 (see test_advice)
    open_page(app, "offers")
    edit_table(app, "offers_table", edited_rows={2: {"rating.growth": 2, "rating.mission": 5}})
    open_page(app, "next_steps")
    app.selectbox(key="next_selected").select("umbrella_health").run()
    base = "w:options/umbrella_health/process/worth"
    # learning a lot: worth continuing -> keep going to learn
    assert "**Umbrella Health** :blue-badge[Keep going to learn]" in texts(app, "markdown")
    app.select_slider(key=f"{base}/learning").set_value(2).run()
    app.select_slider(key=f"{base}/network").set_value(1).run()
    app.select_slider(key=f"{base}/practice").set_value(1).run()
    # one "some" only: withdraw
    assert "**Umbrella Health** :red-badge[Withdraw politely now]" in texts(app, "markdown")
    app.select_slider(key=f"{base}/network").set_value(2).run()
    assert "**Umbrella Health** :blue-badge[Keep going to learn]" in texts(app, "markdown")
    app.select_slider(key="w:options/umbrella_health/process/time_cost").set_value(3).run()
    assert "**Umbrella Health** :orange-badge[Decide now]" in texts(app, "markdown")


def test_message_drafts_fill_in_edit_reset_and_download(app):
    open_page(app, "next_steps")
    app.selectbox(key="next_selected").select("umbrella_health").run()
    assert app.selectbox(key="message_kind:umbrella_health").value == "withdraw"
    draft = app.text_area(key="draft:umbrella_health:withdraw")
    assert draft.value == message_draft(scenario(app), "umbrella_health", "withdraw")
    assert "Dear Lee Moreno," in draft.value and "Data scientist role at Umbrella Health" in draft.value
    assert download(app, "download_message").decode() == draft.value
    app.text_input(key="w:options/umbrella_health/process/what_to_say").set_value("I am staying put").run()
    assert "I am staying put." in app.text_area(key="draft:umbrella_health:withdraw").value
    app.text_area(key="draft:umbrella_health:withdraw").set_value("Dear Lee, thank you, but no. Alex").run()
    assert (
        scenario(app).option("umbrella_health").process.drafts["withdraw"]
        == "Dear Lee, thank you, but no. Alex"
    )
    open_page(app, "pipeline")
    open_page(app, "next_steps")
    app.selectbox(key="next_selected").select("umbrella_health").run()
    assert app.text_area(key="draft:umbrella_health:withdraw").value == "Dear Lee, thank you, but no. Alex"
    next(b for b in app.button if b.key == "reset_draft").click().run()
    assert "withdraw" not in scenario(app).option("umbrella_health").process.drafts
    assert app.text_area(key="draft:umbrella_health:withdraw").value.startswith("Subject: Withdrawing")
    # the manager message for the internal role
    app.selectbox(key="next_selected").select("initech_platform").run()
    app.selectbox(key="message_kind:initech_platform").select("tell_manager").run()
    text = app.text_area(key="draft:initech_platform:tell_manager").value
    assert text.startswith("Subject: An internal application\n\nHi Jordan Lee,")
    assert "Analytics engineer role (Initech platform team)" in text


def test_prepare_tab_checklists_and_questions(app):
    open_page(app, "next_steps")
    app.checkbox(key="check:globex:offer:pay").check().run()
    assert scenario(app).option("globex").process.checked == ["offer:pay"]
    assert app.checkbox(key="check:globex:offer:pay").value is True
    md = texts(app, "markdown")
    assert any(t.startswith("*Work-life balance*: it counts for 20% of your decision.") for t in md)


def test_decision_summary_download(app):
    open_page(app, "next_steps")
    text = download(app, "download_summary").decode()
    s = scenario(app)
    c = compare(s)
    p_beats, p_first = probabilities(c, analyse(s, c))  # the same seed and draws as the page
    # Titled with the name the scenario is saved under (the seeded example: "Example").
    titled = s.model_copy(update={"name": "Example"})
    assert text == decision_summary(titled, date.today(), p_beats_staying=p_beats, p_first=p_first)
    assert "### Globex: decide now" in text


def test_current_role_reasons_satisfaction_and_names(app):
    open_page(app, "current_role")
    app.checkbox(key="reason:title").check().run()
    app.checkbox(key="resolved:growth").check().run()
    reasons = {r.criterion: r.resolved for r in scenario(app).current.reflection.reasons if r.criterion}
    assert reasons == {"pay": True, "growth": True, "title": False}
    assert any(t.startswith("**Still open:** Title") for t in texts(app, "markdown"))
    app.checkbox(key="reason:pay").uncheck().run()
    assert "pay" not in [r.criterion for r in scenario(app).current.reflection.reasons]
    edit_table(app, "own_reasons", added_rows=[{"text": "Long commute", "resolved": False}, {"text": ""}])
    own = [(r.text, r.resolved) for r in scenario(app).current.reflection.reasons if r.criterion is None]
    assert own == [("Felt my work went unnoticed", True), ("Long commute", False)]  # the blank row dropped
    app.number_input(key="w:current/reflection/satisfaction/environment").set_value(9.0).run()
    assert scenario(app).current.reflection.satisfaction.environment == 9.0
    app.text_input(key="w:current/people/your_name").set_value("Sam Q. Public").run()
    open_page(app, "next_steps")
    assert app.text_area(key="draft:globex:decline").value.rstrip().endswith("Sam Q. Public")


def test_the_new_pages_on_a_blank_scenario_say_what_to_do(app):
    app.button(key=next(b.key for b in app.button if b.label == "New blank scenario")).click().run()
    open_page(app, "pipeline")
    assert any("No processes yet" in t for t in texts(app, "info"))
    open_page(app, "next_steps")
    assert any("nothing to compare" in t for t in texts(app, "warning"))
    assert "There is nothing to compare with staying yet" in download(app, "download_summary").decode()
    open_page(app, "current_role")  # no exception; the page asks for a base salary as before


def test_stage_changed_on_the_offers_page_is_dated(app):
    from datetime import date as _date

    open_page(app, "offers")
    app.selectbox(key="offers_selected").select("umbrella_health").run()
    app.selectbox(key="w:options/umbrella_health/stage").select("interviewing").run()
    option = scenario(app).option("umbrella_health")
    assert option.stage == "interviewing"
    assert (option.process.history[-1].stage, option.process.history[-1].on) == (
        "interviewing",
        _date.today(),
    )


def test_pipeline_table_shows_dates_as_words_and_a_dash_when_missing(monkeypatch):
    """No "None" in the table: a process without a stage history or a dated next step shows a dash."""
    s = simple_example()
    bare = s.option("umbrella_health").model_copy(
        update={
            "process": s.option("umbrella_health").process.model_copy(
                update={"history": [], "next_step_on": None}
            )
        }
    )
    app = start_tab(monkeypatch, s.model_copy(update={"options": [*s.options[:2], bare]}))
    open_page(app, "pipeline")
    table = app.dataframe[0].value.set_index("Option")
    assert table.loc["Globex", "Since"] == "18 Nov 2026"
    assert table.loc["Umbrella Health", "Since"] == "—"
    assert table.loc["Umbrella Health", "Due"] == "—"
    cells = table.astype(str).to_numpy().ravel().tolist()
    assert "None" not in cells and "NaT" not in cells and "nan" not in cells


def test_unanswered_worth_shows_not_said_and_the_advice_asks(monkeypatch):
    s = simple_example()
    umbrella = s.option("umbrella_health")
    umbrella = umbrella.model_copy(
        update={
            "ratings": {**umbrella.ratings, "growth": 2.0, "mission": 5.0},  # behind staying (test_advice)
            "process": umbrella.process.model_copy(update={"worth": pipeline.Worth()}),
        }
    )
    app = start_tab(monkeypatch, s.model_copy(update={"options": [*s.options[:2], umbrella]}))
    open_page(app, "next_steps")
    app.selectbox(key="next_selected").select("umbrella_health").run()
    base = "w:options/umbrella_health/process/worth"
    assert app.select_slider(key=f"{base}/learning").value is None
    assert "**Umbrella Health** :orange-badge[Decide now]" in texts(app, "markdown")
    assert any("you have not said yet" in t for t in texts(app, "markdown"))
    assert not any("worth little" in t for t in texts(app, "markdown"))
    app.select_slider(key=f"{base}/learning").set_value(3).run()
    assert scenario(app).option("umbrella_health").process.worth.learning == 3
    assert "**Umbrella Health** :blue-badge[Keep going to learn]" in texts(app, "markdown")


def test_an_offer_you_would_not_take_is_declined_not_withdrawn_on_the_page(app):
    open_page(app, "next_steps")
    app.radio(key="w:options/globex/process/would_take").set_value("never").run()
    md = texts(app, "markdown")
    assert "**Globex** :red-badge[Decline the offer politely now]" in md
    assert app.selectbox(key="message_kind:globex").value == "decline"


def test_next_steps_cites_the_raise_and_recognition(app):
    open_page(app, "next_steps")
    md = texts(app, "markdown")
    assert (
        "**Since you started looking**\n\n- Changes in your current role: a raise "
        "(8% raise at mid-year review, 1 Sep 2026) and recognition (Team award for the pricing model, "
        "15 Oct 2026).\n- Reasons for looking you marked resolved: Pay; Felt my work went unnoticed.\n"
        "- Still open: Growth." in md
    )


def test_the_answer_by_date_shows_on_the_pipeline_page(monkeypatch):
    """Globex's answer is due in three days, its next step in ten: the page lists the answer-by date
    under Due within a week, in the table's Due column and on the timeline."""
    from datetime import timedelta

    today = date.today()
    s = simple_example()
    globex = s.option("globex")
    process = globex.process.model_copy(
        update={"decide_by": today + timedelta(days=3), "next_step_on": today + timedelta(days=10)}
    )
    others = [
        o.model_copy(update={"process": o.process.model_copy(update={"next_step_on": None})})
        for o in s.options[1:]
    ]
    app = start_tab(
        monkeypatch,
        s.model_copy(update={"options": [globex.model_copy(update={"process": process}), *others]}),
    )
    open_page(app, "pipeline")
    info = texts(app, "info")
    d3, d10 = today + timedelta(days=3), today + timedelta(days=10)
    assert any(
        f"**Due within a week**\n\n- **Globex**: your answer is due (the answer-by date), in 3 days ({d3.day} {d3:%b %Y})"
        == t
        for t in info
    ), info
    table = app.dataframe[0].value.set_index("Option")
    assert table.loc["Globex", "Due"] == f"answer by {d3.day} {d3:%b %Y}; {d10.day} {d10:%b %Y}"
    assert table.loc["Globex", "When"] == "answer in 3 days; in 10 days"
    timeline = app.get("plotly_chart")[0]
    import json

    traces = {t["name"]: t for t in json.loads(timeline.proto.spec)["data"]}
    assert traces["answer by"]["x"] == [d3.isoformat()] and traces["answer by"]["y"] == ["Globex"]


def test_a_counteroffer_on_the_pages_is_a_conversation_with_your_manager(monkeypatch):
    from tests.test_advice import with_counteroffer

    app = start_tab(monkeypatch, with_counteroffer(simple_example()))
    cid = "counteroffer_from_initech"
    open_page(app, "pipeline")
    table = app.dataframe[0].value.set_index("Option")
    assert table.loc["Counteroffer from Initech", "With"] == "your manager (counteroffer)"
    assert table.loc["Counteroffer from Initech", "Contact"] == "Jordan Lee"
    open_page(app, "next_steps")
    md = texts(app, "markdown")
    assert "**Offer or counteroffer**" in md
    assert any(
        t.startswith(
            "- Globex's offer and the counteroffer (Counteroffer from Initech) both wait for your answer."
        )
        and "A counteroffer usually rests on the outside offer still being open" in t
        for t in md
    )
    app.selectbox(key="next_selected").select(cid).run()
    kinds = app.selectbox(key=f"message_kind:{cid}")
    assert kinds.options == [
        "Accept the counteroffer",
        "Decline the counteroffer",
        "Ask your manager for time to decide",
        "Ask your manager for what would make you stay",
    ]
    assert "To: Jordan Lee (your manager)" in texts(app, "caption")
    kinds.select("decline").run()
    draft = app.text_area(key=f"draft:{cid}:decline").value
    assert draft.startswith("Subject: Your counteroffer\n\nHi Jordan Lee,")
    assert "your contact at" not in draft and "stay in touch" not in draft
