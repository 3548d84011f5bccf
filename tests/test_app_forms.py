"""Forms a person can trust: amounts typed as people write them, mistyped ones refused with a
message beside the field, figures that look mistyped questioned beside the field, tables that
speak the person's words and say beside them what was refused."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from core.text import markdown_unescape
from tests.apptest_support import edit_table, open_page, texts

BASE = "w:current/pay/base"
OFFER_BASE = "w:options/globex/pay/base"


def scenario(at):
    return at.session_state["_tab"].edits.scenario


def next_to(at: AppTest, key: str) -> list[str]:
    """What is drawn right under the widget `key` (a table: its name before "#"), in the same
    column: the texts (as a person reads them) of the alerts and captions that follow it, up to
    the next widget."""

    def find(block):
        children = list(block.children.values())
        for i, child in enumerate(children):
            own = getattr(child, "key", None)
            if own == key or (isinstance(own, str) and own.startswith(key + "#")):  # a table's versions
                after = []
                for node in children[i + 1 :]:
                    if getattr(node, "key", None) is not None:
                        break  # the next widget
                    # a slot (ui.layout) holds what is shown only sometimes
                    for shown in node.children.values() if isinstance(node, Block) else [node]:
                        if hasattr(shown, "value"):
                            after.append(markdown_unescape(str(shown.value)))
                return after
            if hasattr(child, "children"):
                found = find(child)
                if found is not None:
                    return found
        return None

    found = find(at.main)
    assert found is not None, f"no widget {key!r} on the page"
    return found


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("120000", 120_000.0),
        ("120,000", 120_000.0),
        ("120 000", 120_000.0),
        ("$120,000", 120_000.0),
        ("120000.50", 120_000.5),
    ],
)
def test_a_money_field_takes_an_amount_as_people_write_it(app, typed, saved):
    open_page(app, "offers")
    app.text_input(key=OFFER_BASE).set_value(typed).run()
    assert scenario(app).option("globex").pay.base == saved
    assert app.text_input(key=OFFER_BASE).value == typed  # left as typed
    assert not texts(app, "error")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("225k", 'Not saved: "225k" is not a number; write it as 225000.'),
        ("12k", 'Not saved: "12k" is not a number; write it as 12000.'),
        (
            "lots",
            'Not saved: "lots" is not a number; write an amount of money with digits and a dot for decimals.',
        ),
        ("€ 95.000,50", 'Not saved: "€ 95.000,50" uses a comma as the decimal point; write it as 95000.50.'),
        (
            "-5",
            'Not saved: "-5" is negative; an amount of pay can\'t be below 0 (leave the field empty for none).',
        ),
    ],
)
def test_a_mistyped_amount_is_refused_beside_the_field_and_kept_to_fix(app, typed, message):
    """ "225k" was taken as 225 by st.number_input, silently."""
    open_page(app, "offers")
    before = scenario(app)
    app.text_input(key=OFFER_BASE).set_value(typed).run()
    assert scenario(app) == before  # nothing saved
    assert app.text_input(key=OFFER_BASE).value == typed  # the text stays to be fixed
    assert message in next_to(app, OFFER_BASE)
    # It stays through another edit and a rerun, until the person fixes it.
    app.text_input(key="w:options/globex/employer").set_value("Globex Corp").run()
    assert app.text_input(key=OFFER_BASE).value == typed
    assert message in next_to(app, OFFER_BASE)
    open_page(app, "compare")
    open_page(app, "offers")  # and after a visit to another page
    assert app.text_input(key=OFFER_BASE).value == typed
    assert message in next_to(app, OFFER_BASE)
    app.text_input(key=OFFER_BASE).set_value("225,000").run()
    assert scenario(app).option("globex").pay.base == 225_000
    assert not texts(app, "error")


def test_every_money_field_of_the_pay_form_is_a_text_field_read_the_same_way(app):
    open_page(app, "current_role")
    for part in (
        "sign_on",
        "refresher_value",
        "benefits",
        "health_cost",
        "commute_cost",
        "match_unvested_now",
    ):
        key = f"w:current/pay/{part}"
        app.text_input(key=key).set_value("12k").run()
        assert 'Not saved: "12k" is not a number; write it as 12000.' in next_to(app, key), part
        app.text_input(key=key).set_value("$1,234").run()
        assert getattr(scenario(app).current.pay, part) == 1_234, part
    open_page(app, "offers")
    app.text_input(key="w:options/globex/pay/relocation").set_value("5 000").run()
    assert scenario(app).option("globex").pay.relocation == 5_000


def test_a_base_of_185_is_questioned_beside_the_field_and_kept(app):
    """A current base of 185 meaning thousands made the Overview say an offer beats staying on
    "$187,306 against $26,415 now", without a word."""
    open_page(app, "current_role")
    app.text_input(key=BASE).set_value("185").run()
    assert scenario(app).current.pay.base == 185  # allowed: it only asks
    assert (
        "A base salary of $185 a year is very low: did you mean $185,000? Write the whole yearly "
        "amount, not thousands." in next_to(app, BASE)
    )


def test_a_bonus_of_150_and_a_tax_rate_of_0_34_are_questioned_beside_their_fields(app):
    open_page(app, "offers")
    app.number_input(key="w:options/globex/pay/bonus_target_pct").set_value(150.0).run()
    app.number_input(key="w:options/globex/pay/tax_rate_pct").set_value(0.34).run()
    pay = scenario(app).option("globex").pay
    assert (pay.bonus_target_pct, pay.tax_rate_pct) == (150, 0.34)
    assert any(
        "A bonus target of 150% of base" in t for t in next_to(app, "w:options/globex/pay/bonus_target_pct")
    )
    assert any(
        "A tax rate of 0.34% is very low: did you mean 34%?" in t
        for t in next_to(app, "w:options/globex/pay/tax_rate_pct")
    )


def test_the_expected_bonus_is_rounded_half_away_from_zero(app):
    """208,262.5 showed as 208,262 in the CLI and 208,263 on screen: one rule now, half up."""
    open_page(app, "offers")
    app.text_input(key=OFFER_BASE).set_value("2082625").run()
    app.number_input(key="w:options/globex/pay/bonus_target_pct").set_value(10.0).run()
    # 2,082,625 × 10% × 100% = 208,262.5
    assert any(t.startswith("Expected bonus this year: \\$208,263 ") for t in texts(app, "caption"))


def test_help_says_what_the_comparison_now_does_with_a_clawback_and_graded_match(app):
    """The clawback help said the comparison assumes you stay in the new job, and the match help
    that it all vests at the vesting years: neither is true any more."""
    open_page(app, "offers")
    clawback = app.number_input(key="w:options/globex/pay/clawback_months").help
    assert "assumes you stay" not in clawback
    assert "counts as at risk" in clawback and "leaving the new job" in clawback
    open_page(app, "current_role")
    match = app.text_input(key="w:current/pay/match_unvested_now").help
    assert "Graded: a share more each year of service" in match


# Tables ---------------------------------------------------------------------------------------


def editor(at: AppTest, name: str):
    return next(e for e in at.data_editor if e.key.startswith(name + "#"))


def test_a_refused_vesting_date_is_said_under_the_grants_table_until_an_edit_is_saved(app):
    """The message about a vesting start in 2052 showed at the top of the page while the cell
    quietly went back to its old value."""
    open_page(app, "current_role")
    grant = {"label": "Old", "value": 1_000.0, "vesting_start": "2052-01-01"}
    edit_table(app, "grants:current/pay", added_rows=[grant])
    assert scenario(app).current.pay.grants == []
    said = next_to(app, "grants:current/pay")
    assert any(
        t.startswith("That grant was not saved.") and "'Old' starts vesting on 2052-01-01" in t for t in said
    ), said
    open_page(app, "offers")
    open_page(app, "current_role")  # still there on the next visit, until fixed
    assert any("2052-01-01" in t for t in next_to(app, "grants:current/pay"))
    edit_table(app, "grants:current/pay", added_rows=[{**grant, "vesting_start": "2025-01-01"}])
    assert [g.label for g in scenario(app).current.pay.grants] == ["Old"]
    assert not any("not saved" in t for t in next_to(app, "grants:current/pay"))
    assert not texts(app, "error")


def test_a_refused_offers_table_edit_is_said_under_the_table(app):
    open_page(app, "offers")
    edit_table(app, "offers_table", edited_rows={0: {"name": "  "}})
    assert scenario(app).option("globex").name == "Globex"
    assert "That change to the table was not saved. Option 'Globex': an option needs a name." in next_to(
        app, "offers_table"
    )
    edit_table(app, "offers_table", edited_rows={0: {"employer": "Globex Corp"}})
    assert scenario(app).option("globex").employer == "Globex Corp"
    assert not texts(app, "error")


def test_a_refused_recent_change_is_said_under_its_table(app):
    open_page(app, "current_role")
    before = scenario(app).current.recent_changes
    edit_table(app, "recent_changes", added_rows=[{"kind": "raise", "note": "x", "new_base": -5}])
    assert scenario(app).current.recent_changes == before
    said = next_to(app, "recent_changes")
    assert any(t.startswith("That recent change was not saved") for t in said), said


def test_a_new_offer_row_with_only_a_name_is_an_interviewing_external_offer(app):
    """Kind and Stage are required cells: without defaults a new row with only a name was never
    sent, while "No options yet" stayed on screen."""
    open_page(app, "offers")
    columns = json.loads(editor(app, "offers_table").proto.columns)
    assert columns["kind"]["default"] == "external offer"
    assert columns["stage"]["default"] == "interviewing"
    # What the browser sends for that row, the defaults filled in:
    edit_table(
        app, "offers_table", added_rows=[{"name": "Hooli", "kind": "external offer", "stage": "interviewing"}]
    )
    hooli = next(o for o in scenario(app).options if o.name == "Hooli")
    assert (hooli.kind, hooli.stage) == ("external offer", "interviewing")


def test_a_new_offer_row_in_a_blank_scenario_replaces_no_options_yet(monkeypatch):
    from core.model.example import blank_scenario
    from tests.apptest_support import start_tab

    at = open_page(start_tab(monkeypatch, blank_scenario()), "offers")
    assert any("No options yet" in t for t in texts(at, "info"))
    edit_table(
        at, "offers_table", added_rows=[{"name": "Hooli", "kind": "external offer", "stage": "interviewing"}]
    )
    assert [o.name for o in scenario(at).options] == ["Hooli"]
    assert not any("No options yet" in t for t in texts(at, "info"))


def test_tables_speak_the_persons_words_and_show_empty_cells_empty(app):
    open_page(app, "current_role")
    grants = editor(app, "grants:current/pay")
    columns = json.loads(grants.proto.columns)
    labels = {o["value"]: o["label"] for o in columns["preset"]["type_config"]["options"]}
    assert labels["4y_cliff_monthly"] == "4 years: 1-year cliff, then monthly"
    assert labels["custom"] == "Custom yearly percentages"
    frequencies = {o["value"]: o["label"] for o in columns["frequency"]["type_config"]["options"]}
    assert frequencies["preset"] == "as the schedule says"
    assert grants.proto.placeholder == ""  # an empty cell shows empty, not "None"
    assert editor(app, "recent_changes").proto.placeholder == ""
    open_page(app, "offers")
    assert editor(app, "offers_table").proto.placeholder == ""


def test_a_refused_reason_is_said_under_its_table(app):
    open_page(app, "current_role")
    before = scenario(app).current.reflection.reasons
    edit_table(app, "own_reasons", added_rows=[{"text": "x" * 5000, "resolved": False}])
    assert scenario(app).current.reflection.reasons == before
    said = next_to(app, "own_reasons")
    assert any(t.startswith("That reason was not saved.") for t in said), said


def test_the_overview_asks_about_a_base_of_185_beside_its_verdict(app):
    """The Overview said an offer beats staying on "$187,306 against $26,415 now" without a word
    about the base of 185 behind it."""
    open_page(app, "current_role")
    app.text_input(key=BASE).set_value("185").run()
    open_page(app, "overview")
    warnings = [markdown_unescape(t) for t in texts(app, "warning")]
    assert any(
        "Check these figures" in t and "Stay at Initech: A base salary of $185 a year is very low" in t
        for t in warnings
    ), warnings
