"""Keep interviewing or back out: the rules, their reasons, messages, questions, pros and cons, the
process records and the decision summary (core/process/rules.py, core/process/summary.py, core/process/drafts.py, core/process/tracking.py, core/model/pipeline.py).

Numbers are worked by hand on tests/scenarios.simple_example(): staying 5.35, Globex 7.2 (an offer),
Initech platform team 6.5175 (internal, interviewing), Umbrella Health 5.879 (screening)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pydantic import ValidationError

from core.cli import main
from core.decision.scoring import compare
from core.decision.uncertainty import analyse, probabilities
from core.edits.editing import EditRefused, with_value
from core.files.scenario_json import scenario_from_json, scenario_to_json
from core.model import pipeline
from core.model import scenario as model
from core.model.example import example_scenario
from core.model.pipeline import MESSAGE_KINDS, Contact, Process, Reason, Reflection
from core.model.scenario import RatingRange, Scenario
from core.pipeline_charts import score_history_chart, timeline_chart
from core.process.drafts import message_draft, message_kinds_for, message_recipient, message_text
from core.process.looking import reasons_for_looking
from core.process.questions import questions_to_ask
from core.process.rules import DECISION_IS_YOURS, RULES_IN_WORDS, Facts, advise, advise_all, recommend
from core.process.summary import (
    decision_summary,
    offers_and_counteroffers,
    pros_and_cons,
    pros_and_cons_markdown,
    staying_and_best,
    staying_and_best_markdown,
)
from core.process.tracking import (
    apply_row_edits,
    due_soon,
    main_contact,
    move_to_stage,
    rating_moves,
    record_ratings,
    reset_draft,
    save_draft,
    score_history,
    score_story,
    set_checked,
    set_reason,
    set_reason_resolved,
    stage_spans,
    status_table,
    statuses,
)
from core.text import markdown_escape, markdown_unescape
from tests.scenarios import simple_example

TODAY = date(2026, 11, 25)


def facts(**kw) -> Facts:
    base = {"stage": "interviewing", "diff": 0.0, "would_take": "maybe"}
    return Facts(**{**base, **kw})


def rule(**kw):
    return recommend(facts(**kw))


# The model -----------------------------------------------------------------------------------------


def test_a_scenario_without_the_new_fields_still_loads_with_defaults():
    data = example_scenario().model_dump(mode="json")
    for o in data["options"]:
        del o["process"]
    del data["current"]["reflection"], data["current"]["people"]
    s = Scenario.model_validate(data)
    assert s.options[0].process == Process()
    assert s.options[0].process.would_take == "maybe"
    assert s.options[0].process.worth.learning is None  # not answered, not "a little"
    assert s.current.reflection == Reflection()
    # and the file round-trips with them
    assert scenario_from_json(scenario_to_json(example_scenario())) == example_scenario()


def test_process_refuses_unknown_or_repeated_checklist_items_and_empty_reasons():
    with pytest.raises(ValidationError, match="not an item of the checklists"):
        Process(checked=["research:horoscope"])
    with pytest.raises(ValidationError, match="ticked twice"):
        Process(checked=["offer:pay", "offer:pay"])
    with pytest.raises(ValidationError, match="needs a few words"):
        Reason(text="  ")
    with pytest.raises(ValidationError):
        Process(worth={"learning": 4})
    with pytest.raises(ValidationError):
        Process(would_take="perhaps")


# The rules, one by one ------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["accepted", "declined", "withdrawn"])
def test_a_closed_process_gets_no_advice(stage):
    assert rule(stage=stage, would_take="never") is None


def test_r1_never_means_withdraw_whatever_the_score_or_stage():
    assert rule(would_take="never", diff=3.0) == ("withdraw politely now", "R1")
    assert rule(would_take="never", stage="final round") == ("withdraw politely now", "R1")
    assert rule(would_take="never", learning=3, network=3) == ("withdraw politely now", "R1")


def test_r0_at_the_offer_stage_never_means_decline_the_offer_not_withdraw():
    assert rule(would_take="never", stage="offer") == ("decline politely now", "R0")
    assert rule(would_take="never", stage="offer", diff=3.0) == ("decline politely now", "R0")
    s = with_value(example_scenario(), ("options", "globex", "process", "would_take"), "never")
    a = advise(s, compare(s), "globex")
    assert (a.rule, a.title) == ("R0", "Decline the offer politely now")
    assert a.reasons[0].startswith(
        "You said you would not take this job, and they are waiting for your answer to their offer: "
        "decline it now, politely, so Globex Corporation can go to the next candidate"
    )
    assert "withdraw" not in " ".join(a.reasons).lower()
    assert message_kinds_for(s.option("globex"))[0] == "decline"


def test_worth_left_unanswered_is_not_read_as_worth_little():
    unanswered = {"learning": None, "network": None, "practice": None, "better_offer": None}
    assert rule(diff=-1.0, **unanswered) == ("decide now", "R10")
    assert rule(diff=-1.0, **{**unanswered, "learning": 1, "network": 1, "practice": 1}) == (
        "decide now",
        "R10",
    )
    assert rule(diff=-1.0, **{**unanswered, "learning": 3}) == (
        "keep going to learn",
        "R7",
    )  # worth it already
    assert rule(diff=-1.0, learning=1, network=1, practice=1, better_offer=0) == (
        "withdraw politely now",
        "R9",
    )
    # A process added today has answered nothing: the advice asks instead of deciding for you.
    s = simple_example()
    s = with_value(s, ("options", "umbrella_health", "ratings", "growth"), 2.0)
    s = with_value(s, ("options", "umbrella_health", "ratings", "mission"), 5.0)
    s = with_value(s, ("options", "umbrella_health", "process", "worth"), {})
    a = advise(s, compare(s), "umbrella_health")
    assert (a.rule, a.recommendation) == ("R10", "decide now")
    assert "you have not said yet" in a.reasons[0]
    assert a.reasons[3] == (
        "You have not said yet what continuing is worth to you, whatever the outcome (learning about the "
        "market: not said yet; expanding your network: not said yet; practising interviews: not said yet; "
        "a chance of a better offer: not said yet)."
    )
    assert not any("worth little" in r for r in a.reasons)


def test_a_file_saved_with_worth_answers_still_counts_them_as_answered():
    data = simple_example().model_dump(mode="json")
    umbrella = next(o for o in data["options"] if o["id"] == "umbrella_health")
    umbrella["ratings"].update({"growth": 2.0, "mission": 5.0})
    umbrella["process"]["worth"] = {"learning": 1, "network": 1, "practice": 1, "better_offer": 1}
    s = Scenario.model_validate(data)
    a = advise(s, compare(s), "umbrella_health")
    assert (a.rule, a.recommendation) == ("R9", "withdraw politely now")
    assert a.reasons[3].startswith("Beyond the job itself, continuing is worth little to you (learning")


def test_r2_an_offer_means_decide_now():
    assert rule(stage="offer", diff=-3.0) == ("decide now", "R2")
    assert rule(stage="offer", diff=3.0, would_take="yes") == ("decide now", "R2")


def test_r3_ahead_means_keep_going():
    assert rule(diff=0.5) == ("keep going", "R3")
    assert rule(diff=2.0, stage="final round", internal=True) == ("keep going", "R3")


def test_r4_you_would_take_it():
    assert rule(diff=0.0, would_take="yes") == ("keep going", "R4")
    assert rule(diff=-2.0, would_take="yes", learning=0, network=0, practice=0, better_offer=0) == (
        "keep going",
        "R4",
    )


def test_r5_r6_close_calls():
    assert rule(diff=0.2) == ("keep going", "R6")
    assert rule(diff=0.2, internal=True) == ("decide now", "R5")
    assert rule(diff=-0.2, stage="final round") == ("decide now", "R5")
    assert rule(diff=0.2, time_cost=3) == ("keep going", "R6")  # time counts only when behind


def test_r7_r8_r9_when_staying_is_clearly_ahead():
    worth = {"learning": 3, "network": 0, "practice": 0, "better_offer": 0}
    assert rule(diff=-1.0, stage="screening", **worth) == ("keep going to learn", "R7")
    assert rule(diff=-1.0, stage="screening", internal=True, **worth) == ("decide now", "R8")
    assert rule(diff=-1.0, stage="final round", **worth) == ("decide now", "R8")
    assert rule(diff=-1.0, time_cost=3, **worth) == ("decide now", "R8")
    assert rule(diff=-1.0) == ("withdraw politely now", "R9")  # everything "a little"


# The boundaries between recommendations -------------------------------------------------------------


def test_the_difference_is_judged_as_shown_to_one_decimal():
    assert rule(diff=0.45) == ("keep going", "R3")  # shows +0.5
    assert rule(diff=0.4499) == ("keep going", "R6")  # shows +0.4
    assert rule(diff=-0.45, learning=2, network=2) == ("keep going to learn", "R7")  # shows -0.5
    assert rule(diff=-0.4499, learning=2, network=2) == ("keep going", "R6")  # shows -0.4
    assert facts(diff=0.4999999999).outlook == "ahead"  # 0.5 up to floating-point dust


def test_the_probability_decides_the_outlook_when_given():
    assert facts(diff=1.5, p_beats_staying=0.69).outlook == "close"
    assert facts(diff=0.1, p_beats_staying=0.70).outlook == "ahead"
    assert facts(diff=1.0, p_beats_staying=0.30).outlook == "behind"
    assert facts(diff=-1.0, p_beats_staying=0.31).outlook == "close"
    assert rule(diff=1.5, p_beats_staying=0.69) == ("keep going", "R6")
    assert rule(diff=1.0, p_beats_staying=0.30) == ("withdraw politely now", "R9")


@pytest.mark.parametrize(
    ("worth", "expected"),
    [
        ((3, 0, 0, 0), True),  # one "a lot"
        ((2, 2, 0, 0), True),  # two "some"
        ((0, 0, 2, 3), True),
        ((2, 1, 1, 1), False),  # one "some" is not enough
        ((1, 1, 1, 1), False),
        ((0, 0, 0, 0), False),
    ],
)
def test_worth_continuing(worth, expected):
    f = facts(**dict(zip(("learning", "network", "practice", "better_offer"), worth, strict=True)))
    assert f.worth_continuing is expected


def test_time_and_stage_boundaries_when_behind():
    worth = {"learning": 2, "network": 2}
    assert rule(diff=-1.0, time_cost=2, **worth) == ("keep going to learn", "R7")
    assert rule(diff=-1.0, time_cost=3, **worth) == ("decide now", "R8")
    assert rule(diff=-1.0, stage="interviewing", **worth) == ("keep going to learn", "R7")
    assert rule(diff=-1.0, stage="final round", **worth) == ("decide now", "R8")
    assert rule(diff=-1.0, stage="offer", **worth) == ("decide now", "R2")


def test_the_rules_in_words_match_the_thresholds():
    assert "0.5 points or more above staying is ahead" in RULES_IN_WORDS
    assert "70% or more is ahead, 30% or less is behind" in RULES_IN_WORDS
    assert 'one is rated "a lot", or two or more are rated "some" or more' in RULES_IN_WORDS
    for n in range(0, 11):
        assert f"| R{n} |" in RULES_IN_WORDS


# Advice on a scenario, with its reasons -----------------------------------------------------------


def test_advice_on_the_simple_example_with_reasons():
    s = simple_example()
    c = compare(s)
    advice = {a.option_id: a for a in advise_all(s, c)}
    assert {k: (a.rule, a.recommendation) for k, a in advice.items()} == {
        "globex": ("R2", "decide now"),
        "initech_platform": ("R3", "keep going"),
        "umbrella_health": ("R3", "keep going"),
    }
    platform = advice["initech_platform"]
    # 6.5175 - 5.35 = 1.1675 -> 1.2 points; totals shown 6.5 and 5.4
    assert platform.reasons[1] == (
        "It scores 1.2 points above staying (6.5 against 5.4 out of 10): a clear lead (at least 0.5 points)."
    )
    assert any("internal role: your manager is usually told" in r for r in platform.reasons)
    assert platform.reasons[-1].startswith("It is at the interviewing stage")
    # Umbrella: 5.879 - 5.35 = 0.529, shown +0.5: just ahead
    assert (
        advice["umbrella_health"].reasons[1].startswith("It scores 0.5 points above staying (5.9 against 5.4")
    )
    assert "the decision is yours" in DECISION_IS_YOURS


def test_advice_with_a_probability_and_a_change_of_heart():
    s = simple_example()
    c = compare(s)
    a = advise(s, c, "umbrella_health", p_beats_staying=0.5)
    assert (a.rule, a.recommendation) == ("R6", "keep going")
    assert (
        "it beats staying in 50% of the uncertainty analysis's draws (a close call: between 30% and 70%)"
        in (a.reasons[1])
    )
    never = with_value(s, ("options", "umbrella_health", "process", "would_take"), "never")
    a = advise(never, compare(never), "umbrella_health")
    assert (a.rule, a.recommendation) == ("R1", "withdraw politely now")
    assert "Telling Umbrella Health now" in a.reasons[0]
    declined = with_value(s, ("options", "globex", "stage"), "declined")
    assert [a.option_id for a in advise_all(declined, compare(declined))] == [
        "initech_platform",
        "umbrella_health",
    ]


def test_advice_when_staying_is_clearly_better_and_continuing_is_worth_little():
    s = simple_example()
    # Umbrella's growth 6 -> 2 and mission 9 -> 5: 0.2*4 + 0.05*4 = 1.0 point lower, 5.879 -> 4.879,
    # 0.471 below staying: shown -0.5, behind.
    s = with_value(s, ("options", "umbrella_health", "ratings", "growth"), 2.0)
    s = with_value(s, ("options", "umbrella_health", "ratings", "mission"), 5.0)
    s = with_value(
        s,
        ("options", "umbrella_health", "process", "worth"),
        {"learning": 2, "network": 1, "practice": 1, "better_offer": 0},
    )
    a = advise(s, compare(s), "umbrella_health")
    assert (a.rule, a.recommendation) == ("R9", "withdraw politely now")
    assert a.reasons[1] == (
        "It scores 0.5 points below staying (4.9 against 5.4 out of 10): staying is clearly ahead (by at least 0.5 points)."
    )
    assert a.reasons[3] == (
        "Beyond the job itself, continuing is worth little to you (learning about the market: some; "
        "expanding your network: a little; practising interviews: a little; a chance of a better offer: none)."
    )
    s = with_value(s, ("options", "umbrella_health", "process", "worth", "network"), 2)
    a = advise(s, compare(s), "umbrella_health")
    assert (a.rule, a.recommendation) == ("R7", "keep going to learn")


# Pros and cons; what staying gives ---------------------------------------------------------------


def test_pros_and_cons_of_globex_worked_by_hand():
    s = simple_example()
    c = compare(s)
    pc = pros_and_cons(s, c, 1)
    # pay 140,000 vs 112,000 is +25%: 5 + 5*25/30 = 9.1667, x0.3 = 2.75 vs 1.5 -> +1.25 points
    assert pc.pros == (
        "Pay: $140,000 a year against $112,000 now, after tax and cost of living (+1.3 points)",
        "Growth: 8 against 4 now (+0.8 points)",
        "Title: 7 against 5 now (+0.2 points)",
        "It does better on growth, a reason you started looking that is still open.",
    )
    assert pc.cons == ("Work-life balance: 5 against 7 now (−0.4 points)",)
    text = pros_and_cons_markdown(pc)
    # In Markdown the lines are escaped: two $ in a line could start Streamlit's math.
    assert text.startswith("**Pros**\n\n- Pay: \\$140,000")
    assert "**Cons**\n\n- Work-life balance" in text


def test_staying_and_best():
    s = simple_example()
    view = staying_and_best(s, compare(s))
    assert view.best_label == "Globex"
    assert view.staying[0] == "Work-life balance: 7 against 5 at Globex (+0.4 points)"
    assert "Your satisfaction with relationships with colleagues: 8 out of 10." in view.staying
    assert "Your satisfaction with the work environment: 6 out of 10." not in view.staying  # below 7
    assert "Resolved since you started looking: Pay; Felt my work went unnoticed." in view.staying
    assert (
        "Recent changes: a raise (8% raise at mid-year review, 1 Sep 2026); recognition (Team award for "
        "the pricing model, 15 Oct 2026)." in view.staying
    )
    assert view.best_adds[1] == "Growth: 8 against 4 now (+0.8 points)"
    assert view.best_costs == ("Work-life balance: 5 against 7 now (−0.4 points)",)
    left, right = staying_and_best_markdown(view)
    assert left.startswith("**What staying already gives**")
    assert "**What Globex adds**" in right and "**What Globex costs you**" in right


def test_reasons_for_looking_survive_a_removed_criterion():
    s = simple_example()
    assert reasons_for_looking(s) == (["Growth"], ["Pay", "Felt my work went unnoticed"])
    s = set_reason(s, "title", True)
    s = set_reason_resolved(s, "growth", True)
    assert reasons_for_looking(s) == (["Title"], ["Pay", "Growth", "Felt my work went unnoticed"])
    s = model.rename_criterion(s, "title", "Job title")
    s = model.remove_criterion(s, "growth")
    # the removed criterion's reason is kept in its own words
    assert reasons_for_looking(s) == (["Job title"], ["Pay", "Growth", "Felt my work went unnoticed"])
    with pytest.raises(EditRefused, match="Tick it as a reason"):
        set_reason_resolved(s, "culture", True)


# Preparing for the next interview --------------------------------------------------------------------


def test_questions_come_from_the_widest_rating_ranges():
    s = simple_example()
    umbrella = s.option("umbrella_health").model_copy(
        update={
            "rating_ranges": {"culture": RatingRange(low=2, high=8), "work_life": RatingRange(low=3, high=8)}
        }
    )
    s = s.model_copy(update={"options": [*s.options[:2], umbrella]})
    groups = questions_to_ask(s, "umbrella_health")
    # culture 2-8 (width 6), work-life 3-8 (5); then no range: every rating +-1 (width 2), growth
    # weighs most (20)
    assert [g.criterion for g in groups] == ["Culture fit", "Work-life balance", "Growth"]
    assert groups[0].why == "you rated it 5, but it could be anywhere from 2 to 8"
    assert groups[0].from_range and not groups[2].from_range
    assert groups[2].why == "it counts for 20% of your decision"
    assert groups[0].questions[0].startswith("How does the team settle a disagreement")


def test_without_ranges_questions_follow_the_weights_and_own_criteria_get_named_questions():
    s = model.add_criterion(simple_example(), "Commute", weight=40)
    groups = questions_to_ask(s, "globex")
    assert [g.criterion for g in groups] == ["Commute", "Work-life balance", "Growth"]
    assert groups[0].questions == (
        "What would commute look like in this role, day to day?",
        "Six months in, how would I know whether commute is what I hoped?",
    )


def test_pay_questions_when_the_bonus_has_a_range():
    s = simple_example()
    globex = s.option("globex")
    globex = globex.model_copy(update={"pay": globex.pay.model_copy(update={"bonus_payout_low_pct": 50.0})})
    s = s.model_copy(update={"options": [globex, *s.options[1:]]})
    assert questions_to_ask(s, "globex")[-1].criterion == "Pay"


# Message drafts --------------------------------------------------------------------------------------

EXPECTED_NAMES = {
    # option: (addressee, role, company) as the draft must name them
    "globex": ("Priya Raman", "Lead data analyst", "Globex Corporation"),  # an offer: the hiring manager
    "initech_platform": ("Sam Okafor", "Analytics engineer", "Initech platform team"),
    "umbrella_health": ("Lee Moreno", "Data scientist", "Umbrella Health"),  # screening: the recruiter
}
PLACEHOLDER = re.compile(r"[{}\[\]]|\bNone\b|\bTODO\b|<[a-z ]+>")


@pytest.mark.parametrize("kind", list(MESSAGE_KINDS))
@pytest.mark.parametrize("option_id", list(EXPECTED_NAMES))
def test_every_draft_names_the_right_company_role_and_person(option_id, kind):
    s = example_scenario()
    text = message_draft(s, option_id, kind)
    person, role, company = EXPECTED_NAMES[option_id]
    if kind == "tell_manager":
        person = "Jordan Lee"
    assert f"{person}," in text.split("\n\n")[1]  # the greeting
    assert role in text and company in text
    assert text.rstrip().endswith("Alex Morgan")
    assert not PLACEHOLDER.search(text), text
    assert text.startswith("Subject: ")
    assert len(text.split()) < 130  # brief


def test_drafts_with_nothing_filled_in_have_no_placeholders():
    s = example_scenario()
    bare = s.option("umbrella_health").model_copy(update={"role": "", "employer": "", "process": Process()})
    current = s.current.model_copy(update={"people": pipeline.People(), "recent_changes": []})
    s = s.model_copy(update={"options": [*s.options[:2], bare], "current": current})
    for kind in MESSAGE_KINDS:
        text = message_draft(s, "umbrella_health", kind)
        assert not PLACEHOLDER.search(text), text
        assert "Umbrella Health" in text
        assert text.rstrip().endswith(("regards.", "Thank you."))
    assert message_draft(s, "umbrella_health", "withdraw").split("\n\n")[1] == "Hello,"
    assert message_draft(s, "umbrella_health", "tell_manager").split("\n\n")[1] == "Hi,"
    assert "circumstances have changed." in message_draft(s, "umbrella_health", "circumstances")


def test_drafts_give_no_reason_but_yours():
    s = example_scenario()
    text = message_draft(s, "umbrella_health", "withdraw")
    assert "I have decided to withdraw my application. I wanted to tell you now" in text
    s = with_value(
        s, ("options", "umbrella_health", "process", "what_to_say"), "I have decided to stay at Initech"
    )
    text = message_draft(s, "umbrella_health", "withdraw")
    assert "I have decided to withdraw my application. I have decided to stay at Initech. I wanted" in text
    # the recent changes the person entered are the only other facts a draft states
    assert "I have had a raise and recognition for my work in my current job." in message_draft(
        s, "globex", "circumstances"
    )


def test_asking_for_time_asks_for_more_than_the_answer_by_date():
    """The answer-by date is their deadline: the draft names it and asks for a few days beyond it,
    not for the deadline itself."""
    s = example_scenario()
    text = message_draft(s, "globex", "more_time")
    assert (
        "I know you would like my answer by Wednesday 2 December 2026. Could I have a few more days "
        "beyond that to give you my answer?" in text
    )
    assert "Could I have until" not in text
    s = with_value(s, ("options", "globex", "process", "decide_by"), None)
    assert "Could I have a few more days to give you my answer?" in message_draft(s, "globex", "more_time")


def test_which_messages_fit_and_who_they_go_to():
    s = example_scenario()
    assert message_kinds_for(s.option("globex")) == [
        "decline",
        "more_time",
        "accept",
        "negotiate",
        "circumstances",
    ]
    assert message_kinds_for(s.option("initech_platform")) == ["withdraw", "circumstances", "tell_manager"]
    assert message_kinds_for(s.option("umbrella_health")) == ["withdraw", "circumstances"]
    assert message_recipient(s, "globex", "decline") == "Priya Raman (hiring manager)"
    assert message_recipient(s, "initech_platform", "tell_manager") == "Jordan Lee (your manager)"
    # before the final round the recruiter comes first
    s = with_value(s, ("options", "globex", "stage"), "screening")
    assert main_contact(s.option("globex")) == "Dana Whitfield"


def test_an_edited_draft_is_kept_until_reset():
    s = example_scenario()
    s = save_draft(s, "globex", "decline", "Dear Priya, no thank you. Alex")
    assert message_text(s, "globex", "decline") == "Dear Priya, no thank you. Alex"
    assert message_text(s, "globex", "withdraw") == message_draft(s, "globex", "withdraw")
    s = reset_draft(s, "globex", "decline")
    assert message_text(s, "globex", "decline") == message_draft(s, "globex", "decline")
    with pytest.raises(EditRefused):
        save_draft(s, "globex", "resign", "…")


# Tracking each process --------------------------------------------------------------------------------


def test_where_each_process_stands_and_what_is_due():
    s = example_scenario()
    rows = statuses(s, TODAY)
    assert [(r.label, r.days_to_next, r.due_text) for r in rows] == [
        ("Umbrella Health", 5, "in 5 days"),
        ("Initech platform team", 6, "in 6 days"),
        ("Globex", 7, "in 7 days"),
    ]
    assert rows[2].since == date(2026, 11, 18)
    assert [r.label for r in due_soon(s, date(2026, 11, 24))] == ["Umbrella Health", "Initech platform team"]
    assert due_soon(s, date(2026, 12, 3))[0].when == "3 days ago"
    table = status_table(s, TODAY)
    assert list(table["With"]) == ["another employer", "your employer (internal role)", "another employer"]
    assert list(table["Contact"]) == ["Lee Moreno", "Sam Okafor", "Priya Raman"]
    closed = with_value(s, ("options", "umbrella_health", "stage"), "withdrawn")
    assert [r.label for r in statuses(closed, TODAY)][-1] == "Umbrella Health"
    assert "Umbrella Health" not in [r.label for r in due_soon(closed, TODAY)]


def test_moving_a_stage_records_the_day():
    s = example_scenario()
    moved = move_to_stage(s, "umbrella_health", "interviewing", TODAY)
    o = moved.option("umbrella_health")
    assert o.stage == "interviewing"
    assert o.process.history[-1] == pipeline.StageChange(stage="interviewing", on=TODAY)
    assert move_to_stage(moved, "umbrella_health", "interviewing", date(2026, 12, 1)) == moved
    with pytest.raises(EditRefused, match="not a stage"):
        move_to_stage(s, "umbrella_health", "hired", TODAY)


def test_stage_spans_for_the_timeline():
    s = example_scenario()
    spans = stage_spans(s.option("globex"), TODAY)
    assert [(x.stage, x.start, x.end) for x in spans] == [
        ("applied", date(2026, 9, 21), date(2026, 9, 29)),
        ("screening", date(2026, 9, 29), date(2026, 10, 8)),
        ("interviewing", date(2026, 10, 8), date(2026, 10, 27)),
        ("final round", date(2026, 10, 27), date(2026, 11, 18)),
        ("offer", date(2026, 11, 18), TODAY),
    ]
    declined = move_to_stage(s, "globex", "declined", date(2026, 11, 30))
    assert stage_spans(declined.option("globex"), TODAY)[-2:][1].end == date(2026, 11, 30)
    assert stage_spans(declined.option("globex"), date(2026, 12, 5))[-2].end == date(2026, 11, 30)
    fig = timeline_chart(s, TODAY)
    names = [t.name for t in fig.data]
    assert names == [
        "applied",
        "screening",
        "interviewing",
        "final round",
        "offer",
        "interview",
        "next step",
        "answer by",
    ]
    assert list(fig.data[names.index("answer by")].x) == ["2026-12-02"]  # Globex's offer
    assert len(fig.data[names.index("interview")].x) == 4  # three at Globex, one on the platform team
    assert list(fig.data[names.index("next step")].x) == ["2026-12-02", "2026-12-01", "2026-11-30"]


def test_score_history_worked_by_hand():
    s = simple_example()
    c = compare(s)
    points = score_history(s, c, "globex")
    # pay 0.3 x 9.1667 = 2.75 throughout. After the phone screen (title 6, work-life 6, culture 5,
    # growth 7, mission 5): 2.75 + .6 + 1.2 + .75 + 1.4 + .25 = 6.95; after the final round and now: 7.2.
    assert [p.after for p in points] == ["Phone screen", "Final round", "now"]
    assert [round(p.total, 4) for p in points] == [6.95, 7.2, 7.2]
    assert [round(p.vs_staying, 4) for p in points] == [1.6, 1.85, 1.85]
    assert rating_moves(s, "globex") == [
        ("Title", 6, 7),
        ("Work-life balance", 6, 5),
        ("Culture fit", 5, 6),
        ("Growth", 7, 8),
    ]
    assert score_story(s, c, "globex") == (
        "Since Phone screen (29 Sep 2026), Globex's score rose by 0.3 points to 7.2: 1.9 points above "
        "staying. Ratings that moved: Title 6 → 7, Work-life balance 6 → 5, Culture fit 5 → 6, Growth 7 → 8."
    )
    fig = score_history_chart(points, 5.35, "Globex", TODAY)
    assert [round(y, 4) for y in fig.data[0].y] == [6.95, 7.2, 7.2]
    assert list(fig.data[0].x) == ["2026-09-29", "2026-10-29", "2026-11-25"]


def test_recorded_ratings_and_criteria_that_changed_since():
    s = simple_example()
    s = with_value(s, ("options", "umbrella_health", "ratings", "culture"), 7.0)
    s = record_ratings(s, "umbrella_health", TODAY, "Recruiter call")
    snap = s.option("umbrella_health").process.rating_history[-1]
    assert (snap.on, snap.after, snap.ratings["culture"]) == (TODAY, "Recruiter call", 7.0)
    # a criterion removed since is ignored; one added since takes today's rating
    s = model.remove_criterion(s, "mission")
    s = model.add_criterion(s, "Commute", weight=0)
    c = compare(s)
    assert round(score_history(s, c, "umbrella_health")[0].total, 9) == round(float(c.totals[3]), 9)


def test_checklist_ticks():
    s = set_checked(example_scenario(), "globex", "offer:pay", True)
    s = set_checked(s, "globex", "offer:pay", True)
    assert s.option("globex").process.checked == ["offer:pay"]
    s = set_checked(s, "globex", "offer:pay", False)
    assert s.option("globex").process.checked == []
    with pytest.raises(EditRefused):
        set_checked(s, "globex", "offer:vibes", True)


def test_table_edits_apply_defaults_to_blank_cells():
    rows = [
        {"name": "Dana", "role": "recruiter", "note": ""},
        {"name": "Priya", "role": "hiring manager", "note": "x"},
    ]
    out = apply_row_edits(
        rows,
        {"1": {"note": None}},
        [{"name": "  Sam  "}],
        [0],
        {"name": "", "role": "recruiter", "note": ""},
    )
    assert out == [
        {"name": "Priya", "role": "hiring manager", "note": ""},
        {"name": "Sam", "role": "recruiter", "note": ""},
    ]
    assert Contact(**out[1]).name == "Sam"


# The decision summary ---------------------------------------------------------------------------------


def test_decision_summary_in_markdown():
    text = decision_summary(simple_example(), TODAY)
    assert text.startswith("# Decision summary: Example: data analyst weighing a counter-move\n")
    assert "| 1 | Globex | 7.2 | +1.9 |" in text
    assert "| 4 | Stay at Initech | 5.4 | — |" in text
    assert "Beats staying" not in text
    assert DECISION_IS_YOURS in text
    assert "### Globex: decide now" in text
    assert "### Initech platform team: keep going" in text
    assert "- Umbrella Health: Call the recruiter back (2026-11-30, in 5 days)" in text
    assert (
        "- Pay: \\$140,000 a year against \\$112,000 now, after tax and cost of living (+1.3 points)" in text
    )
    assert "- Still open: Growth." in text
    assert not re.search(r"[{}]", text)


def test_decision_summary_shows_typed_text_as_typed():
    """The summary is Markdown: names, next steps and reasons the person typed are escaped in it,
    and a person reading it (in the app, or any Markdown viewer) sees them as typed."""
    s = simple_example()
    s = with_value(s, ("name",), "# My **big** decision")
    s = with_value(s, ("options", "globex", "name"), "[Globex](https://evil.example) | :red[x]")
    s = with_value(s, ("options", "umbrella_health", "process", "next_step"), "<b>Call</b> back")
    s = with_value(s, ("current", "employer"), "Initech_Inc")
    text = decision_summary(s, TODAY)
    assert text.startswith("# Decision summary: \\# My \\*\\*big\\*\\* decision\n")
    globex = markdown_escape("[Globex](https://evil.example) | :red[x]")
    assert f"| 1 | {globex} | 7.2 | +1.9 |" in text
    assert f"### {globex}: decide now" in text
    assert "| 4 | Stay at Initech\\_Inc | 5.4 | — |" in text
    assert "- Umbrella Health: \\<b\\>Call\\</b\\> back (2026-11-30, in 5 days)" in text
    assert "https://evil.example" not in text and "[Globex]" not in text and "<b>" not in text
    assert markdown_unescape(globex) in markdown_unescape(text)


def test_decision_summary_with_robustness_figures():
    text = decision_summary(
        simple_example(),
        TODAY,
        p_beats_staying={"globex": 0.91, "initech_platform": 0.84, "umbrella_health": 0.5},
        p_first={"__staying__": 0.02, "globex": 0.7, "initech_platform": 0.25, "umbrella_health": 0.03},
    )
    assert "| Rank | Option | Score (out of 10) | Vs staying | Beats staying | Ranked first |" in text
    assert "| 1 | Globex | 7.2 | +1.9 | 91% | 70% |" in text
    assert "| 4 | Stay at Initech | 5.4 | — | — | 2% |" in text
    # the probability changes Umbrella's advice: 50% is a close call
    assert "### Umbrella Health: keep going" in text
    assert "beats staying in 50% of the uncertainty analysis's draws" in text


def test_decision_summary_of_a_scenario_that_cannot_be_scored():
    s = simple_example().model_copy(update={"options": []})
    text = decision_summary(s, TODAY)
    assert "There is nothing to compare with staying yet" in text


def test_cli_prints_the_summary(tmp_path, capsys):
    path = tmp_path / "simple.json"
    path.write_text(scenario_to_json(simple_example()), encoding="utf-8")
    assert main(["report", str(path), "--summary"]) == 0
    s = simple_example()
    c = compare(s)
    p_beats, p_first = probabilities(c, analyse(s, c))
    assert capsys.readouterr().out == decision_summary(
        s, date.today(), p_beats_staying=p_beats, p_first=p_first
    )


def test_numbers_and_dates_as_a_person_reads_them():
    import doctest

    from core import shown

    assert doctest.testmod(shown).failed == 0
    assert shown.percent(-1e-17) == "0.0%" and shown.percent(-0.0) == "0.0%"
    assert shown.percent(None) == "—" and shown.percent(float("nan")) == "—"
    assert shown.day(date(2026, 11, 18)) == "18 Nov 2026" and shown.day(None) == "—"
    table = status_table(
        with_value(example_scenario(), ("options", "umbrella_health", "process", "history"), []), TODAY
    )
    assert list(table["Since"]) == ["—", "10 Nov 2026", "18 Nov 2026"]
    assert list(table["Due"]) == ["30 Nov 2026", "1 Dec 2026", "2 Dec 2026; answer by 2 Dec 2026"]


def test_the_rules_table_is_written_once_and_the_docs_match_it():
    """core.process.rules.RULES is the one table: recommend() applies it, the Next steps page shows it, and
    docs/advice.md carries the same rows (regenerate with `python -m core.process.rules --rules-table`)."""
    from pathlib import Path

    from core.process.rules import RULES, rules_table

    docs = (Path(__file__).resolve().parent.parent / "docs" / "advice.md").read_text(encoding="utf-8")
    table = docs.split("<!-- rules table:")[1].split("-->", 1)[1].split("<!-- end of rules table -->")[0]
    assert table.strip() == rules_table()
    assert rules_table() in RULES_IN_WORDS
    assert [r.id for r in RULES] == [f"R{n}" for n in range(0, 11)]
    # each row is the rule recommend() applies: a case that reaches it gets its id
    assert [r.id for r in RULES if r.recommendation == "decide now"] == ["R2", "R5", "R8", "R10"]


LOOKING = (
    "Since you started looking, you have had a raise (8% raise at mid-year review, 1 Sep 2026) and "
    "recognition (Team award for the pricing model, 15 Oct 2026), and these reasons for looking are "
    "resolved: Pay; Felt my work went unnoticed."
)


def test_the_advice_cites_the_recent_changes_and_the_reasons_resolved():
    """Whether the raise and the recognition resolved why you started looking is the question the
    decision turns on: every recommendation cites them, and how the option does on what is still open."""
    s = simple_example()
    advice = {a.option_id: a for a in advise_all(s, compare(s))}
    assert (
        advice["globex"].reasons[-2]
        == f"{LOOKING} Still open: Growth, where it does better than staying (8 against 4)."
    )
    assert (
        advice["umbrella_health"]
        .reasons[-2]
        .endswith("Growth, where it does better than staying (6 against 4).")
    )
    s = set_reason(s, "work_life", True)  # Globex rates work-life 5, staying 7
    a = advise(s, compare(s), "globex")
    assert a.reasons[-2].endswith(
        "Still open: Growth, where it does better than staying (8 against 4); Work-life balance, where it "
        "does no better than staying (5 against 7)."
    )
    # with nothing entered, nothing is said
    current = s.current.model_copy(update={"recent_changes": [], "reflection": Reflection()})
    bare = s.model_copy(update={"current": current})
    assert not any("Since you started looking" in r for r in advise(bare, compare(bare), "globex").reasons)


def test_the_summary_starts_from_what_changed_since_you_started_looking():
    text = decision_summary(simple_example(), TODAY)
    section = text.split("## Since you started looking\n\n")[1].split("\n\n")[0]
    assert section.splitlines() == [
        "- Changes in your current role: a raise (8% raise at mid-year review, 1 Sep 2026) and recognition "
        "(Team award for the pricing model, 15 Oct 2026).",
        "- Reasons for looking you marked resolved: Pay; Felt my work went unnoticed.",
        "- Still open: Growth.",
    ]
    assert text.index("## Since you started looking") < text.index("## Keep interviewing?")
    assert markdown_escape(LOOKING) in text  # and in each recommendation's reasons


def test_the_answer_by_date_counts_wherever_a_due_date_does():
    """Globex's answer is due on 2 December; move its next step (a call) to 5 December and the
    answer-by date comes first: in the order, the table, what is due this week, the advice and
    the summary, each time named as the answer-by date."""
    s = with_value(example_scenario(), ("options", "globex", "process", "next_step_on"), date(2026, 12, 5))
    s = with_value(s, ("options", "globex", "process", "next_step"), "Call Priya")
    s = with_value(s, ("options", "umbrella_health", "process", "next_step_on"), None)
    rows = statuses(s, TODAY)
    assert [(r.label, r.days_to_next, r.days_to_decide) for r in rows] == [
        ("Initech platform team", 6, None),
        ("Globex", 10, 7),  # before: ordered by its next step alone
        ("Umbrella Health", None, None),
    ]
    table = status_table(s, TODAY).set_index("Option")
    assert table.loc["Globex", "Due"] == "answer by 2 Dec 2026; 5 Dec 2026"
    assert table.loc["Globex", "When"] == "answer in 7 days; in 10 days"
    due = due_soon(s, TODAY)
    assert [(d.label, d.what_in_words, d.when) for d in due] == [
        ("Initech platform team", "Second interview with Sam", "in 6 days"),
        ("Globex", "your answer is due (the answer-by date)", "in 7 days"),
    ]
    assert [d.when for d in due_soon(s, date(2026, 12, 4)) if d.answer_by] == ["2 days ago"]  # overdue
    a = advise(s, compare(s), "globex")
    assert a.reasons[0].endswith("Your answer-by date: Wednesday 2 December 2026.")
    text = decision_summary(s, TODAY)
    assert "- Globex: Call Priya (2026-12-05, in 10 days)" in text
    assert "- Globex: your answer is due (answer by 2026-12-02, in 7 days)" in text
    # an answer-by date without any next step still makes the summary's next steps
    s = with_value(s, ("options", "globex", "process", "next_step"), "")
    s = with_value(s, ("options", "globex", "process", "next_step_on"), None)
    assert "- Globex: your answer is due (answer by 2026-12-02, in 7 days)" in decision_summary(s, TODAY)
    # a closed process's answer-by date is not due and not on the timeline
    closed = with_value(s, ("options", "globex", "stage"), "declined")
    assert "Globex" not in [d.label for d in due_soon(closed, TODAY)]
    assert "answer by" not in [t.name for t in timeline_chart(closed, TODAY).data]
    assert status_table(closed, TODAY).set_index("Option").loc["Globex", "Due"] == "—"


def with_counteroffer(s: Scenario) -> Scenario:
    """The simple example plus the counteroffer Jordan Lee made to keep Alex: $125,000 a year and
    growth rated 6; everything else as the current role."""
    counter = model.counteroffer_from_current(s)
    counter = counter.model_copy(
        update={"pay": model.Pay(base=125_000, raise_pct=0), "ratings": {**counter.ratings, "growth": 6.0}}
    )
    return s.model_copy(update={"options": [*s.options, counter]})


def test_a_counteroffer_is_a_conversation_with_your_manager():
    s = with_counteroffer(simple_example())
    cid = "counteroffer_from_initech"
    table = status_table(s, TODAY).set_index("Option")
    assert table.loc["Counteroffer from Initech", "With"] == "your manager (counteroffer)"
    assert table.loc["Counteroffer from Initech", "Contact"] == "Jordan Lee"
    counter = s.option(cid)
    assert message_kinds_for(counter) == ["accept", "decline", "more_time", "negotiate"]
    for kind in ("accept", "decline", "more_time"):
        text = message_draft(s, cid, kind)
        assert text.split("\n\n")[1] == "Hi Jordan Lee,"
        assert message_recipient(s, cid, kind) == "Jordan Lee (your manager)"
        assert "counteroffer" in text
        for outside_words in ("your contact at", "stay in touch", "withdraw my application", "paths cross"):
            assert outside_words not in text
    assert "I have thought it over, and I am glad to accept it." in message_draft(s, cid, "accept")
    assert "I have decided not to accept it." in message_draft(s, cid, "decline")
    s = with_value(s, ("options", cid, "process", "decide_by"), date(2026, 12, 1))
    assert (
        "I know you would like my answer by Tuesday 1 December 2026. Could I have a few more days beyond "
        "that to give you my answer?" in message_draft(s, cid, "more_time")
    )
    with pytest.raises(ValueError, match="A counteroffer is answered, not applied for"):
        message_draft(s, cid, "withdraw")
    a = advise(s, compare(s), cid)
    assert (a.rule, a.recommendation) == ("R2", "decide now")
    assert a.reasons[0].startswith(
        "Jordan Lee has made you a counteroffer: there is nothing to interview for"
    )
    assert a.reasons[-1] == "Your manager made it to keep you, and is waiting for your answer."
    # no manager recorded: the page says whom, and where to add the name
    nameless = s.model_copy(update={"current": s.current.model_copy(update={"people": pipeline.People()})})
    assert message_recipient(nameless, cid, "decline") == "your manager (add their name on Current role)"
    assert message_draft(nameless, cid, "decline").split("\n\n")[1] == "Hi,"


def test_an_internal_role_is_not_an_outside_employer_in_the_drafts():
    s = example_scenario()
    withdraw = message_draft(s, "initech_platform", "withdraw")
    decline = message_draft(s, "initech_platform", "decline")
    assert withdraw.split("\n\n")[1] == "Dear Sam Okafor,"
    assert "Thank you again for considering me." in withdraw and "paths cross" not in withdraw
    assert (
        "I am grateful for the time you and the team gave me." in decline and "stay in touch" not in decline
    )
    # an outside employer still gets them
    assert "I hope our paths cross again" in message_draft(s, "umbrella_health", "withdraw")


def test_drafts_go_to_the_person_recorded_by_name():
    s = example_scenario()
    # Only a referrer recorded: named, with their role, and greeted by name
    umbrella = with_value(
        s, ("options", "umbrella_health", "process", "contacts"), [{"name": "Ana Ruiz", "role": "referrer"}]
    )
    assert message_recipient(umbrella, "umbrella_health", "withdraw") == "Ana Ruiz (referrer)"
    assert message_draft(umbrella, "umbrella_health", "withdraw").split("\n\n")[1] == "Dear Ana Ruiz,"
    # Nobody recorded: who, and where to add the name, never a made-up one
    nobody = with_value(s, ("options", "umbrella_health", "process", "contacts"), [])
    assert message_recipient(nobody, "umbrella_health", "withdraw") == (
        "your contact at Umbrella Health (add their name under Contacts on the Pipeline page)"
    )
    internal = with_value(s, ("options", "initech_platform", "process", "contacts"), [])
    assert message_recipient(internal, "initech_platform", "withdraw") == (
        "your employer's hiring manager (add their name under Contacts on the Pipeline page)"
    )


def test_an_offer_and_a_counteroffer_are_compared_with_each_other():
    """Globex 7.2 against the counteroffer: pay 125,000 is +11.6%, 5 + 5 x 11.6 / 30 = 6.93 x 0.3 =
    2.08; title 5 x 0.1, work-life 7 x 0.2, culture 6 x 0.15, growth 6 x 0.2, mission 5 x 0.05:
    0.5 + 1.4 + 0.9 + 1.2 + 0.25 = 4.25; total 6.33, shown 6.3. Globex is 0.87 points ahead."""
    s = with_counteroffer(simple_example())
    c = compare(s)
    (pair,) = offers_and_counteroffers(s, c)
    assert (pair.offer_id, pair.counteroffer_id) == ("globex", "counteroffer_from_initech")
    assert pair.sentences[:2] == (
        "Globex's offer and the counteroffer (Counteroffer from Initech) both wait for your answer.",
        "Globex scores 7.2 and the counteroffer 6.3 out of 10, against 5.4 for staying as you are: Globex "
        "is ahead by 0.9 points.",
    )
    assert pair.sentences[2].startswith("Globex does better on pay (+0.7 points)")
    assert pair.sentences[2].endswith("; the counteroffer on work-life balance (+0.4 points).")
    assert pair.sentences[3].startswith("A counteroffer usually rests on the outside offer still being open")
    assert pair.sentences[4] == "Globex's answer-by date: Wednesday 2 December 2026."
    text = decision_summary(s, TODAY)
    assert "## Offer or counteroffer\n\n- Globex's offer and the counteroffer" in text
    # only when both wait for an answer
    declined = with_value(s, ("options", "globex", "stage"), "declined")
    assert offers_and_counteroffers(declined, compare(declined)) == []
    assert offers_and_counteroffers(simple_example(), compare(simple_example())) == []


def test_the_negotiate_draft_fills_in_what_it_would_take():
    """The figures come from core.decision.what_it_takes (checked there by re-running the model above and
    below): for an offer the base at which it becomes the best option and the sign-on covering
    what leaving costs; for a counteroffer, to your manager, the base at which it comes out on top."""
    from core.decision.what_it_takes import base_to_be_best, sign_on_to_cover

    s = example_scenario()
    best, cover = base_to_be_best(s, "umbrella_health"), sign_on_to_cover(s, "umbrella_health")
    text = message_draft(s, "umbrella_health", "negotiate")
    assert f"a base salary of ${best.amount:,.0f} and a sign-on of ${cover.amount:,.0f}" in text
    # Globex is already the best option: only the sign-on is asked for.
    globex = message_draft(s, "globex", "negotiate")
    assert f"a sign-on of ${sign_on_to_cover(s, 'globex').amount:,.0f}" in globex
    assert "base salary" not in globex
    counter = with_counteroffer(simple_example())
    cid = "counteroffer_from_initech"
    ask = base_to_be_best(counter, cid)  # $144,481 against the $125,000 offered
    draft = message_draft(counter, cid, "negotiate")
    assert draft.split("\n\n")[1] == "Hi Jordan Lee,"
    assert f"a base salary of ${ask.amount:,.0f}." in draft and ask.amount > 125_000
