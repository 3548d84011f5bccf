"""Edits from the pages: each returns a new valid scenario, or is refused with the old one intact."""

from __future__ import annotations

import pytest

from core.decision.scoring import compare
from core.edits.editing import (
    EditRefused,
    add_option,
    apply_option_table_edits,
    get_value,
    remove_option,
    with_value,
)
from core.model.example import example_scenario
from core.model.scenario import add_criterion, new_option, remove_criterion, rename_criterion, slug


def test_with_value_sets_one_field_by_option_id():
    s = example_scenario()
    new = with_value(s, ("options", "globex", "pay", "base"), 120_000.0)
    assert new.option("globex").pay.base == 120_000
    assert s.option("globex").pay.base == 112_000  # the original is untouched
    assert get_value(new, ("options", "globex", "pay", "base")) == 120_000


def test_refused_edit_says_what_and_where():
    s = example_scenario()
    with pytest.raises(EditRefused) as e:
        with_value(s, ("current", "ratings", "growth"), 12.0)
    assert "current role > ratings > growth: Input should be less than or equal to 10" in str(e.value)
    assert s.current.ratings["growth"] == 4


def test_table_edit_cells_add_and_delete():
    s = example_scenario()
    new = apply_option_table_edits(
        s,
        edited_rows={0: {"pay.base": 115_000, "rating.growth": 9.0}, "2": {"name": "Umbrella Health Ltd"}},
        added_rows=[{"name": "Hooli", "kind": "prospect", "pay.base": 150_000, "rating.culture": 4}],
        deleted_rows=[1],
    )
    assert [o.name for o in new.options] == ["Globex", "Umbrella Health Ltd", "Hooli"]
    assert new.option("globex").pay.base == 115_000
    assert new.option("globex").ratings["growth"] == 9
    hooli = new.options[-1]
    assert hooli.kind == "prospect" and hooli.stage == "applied"
    assert hooli.pay.base == 150_000
    # ratings not given start neutral, so the new row is visible and scorable at once
    assert hooli.ratings == {"title": 5, "work_life": 5, "culture": 4, "growth": 5, "mission": 5}
    assert len(compare(new).alternatives) == 4


def test_table_row_added_blank_gets_a_unique_name():
    s = example_scenario()
    new = apply_option_table_edits(s, {}, [{}, {}], [])
    assert [o.name for o in new.options][-2:] == ["New option", "New option 2"]
    assert len({o.id for o in new.options}) == 5


def test_table_text_in_number_cell_refused_and_nothing_changes():
    s = example_scenario()
    with pytest.raises(EditRefused, match="'lots' is not a number"):
        apply_option_table_edits(s, {0: {"pay.base": "lots", "name": "Renamed"}}, [], [])
    assert s.options[0].name == "Globex"


def test_table_number_with_thousands_separator_is_read():
    new = apply_option_table_edits(example_scenario(), {0: {"pay.base": "120,500"}}, [], [])
    assert new.option("globex").pay.base == 120_500


def test_table_duplicate_name_refused():
    with pytest.raises(EditRefused, match="option name 'globex'"):
        apply_option_table_edits(example_scenario(), {1: {"name": "GLOBEX"}}, [], [])


def test_table_empty_name_refused():
    with pytest.raises(EditRefused, match="needs a name"):
        apply_option_table_edits(example_scenario(), {1: {"name": "  "}}, [], [])


def test_table_rating_out_of_range_refused():
    with pytest.raises(EditRefused, match="less than or equal to 10"):
        apply_option_table_edits(example_scenario(), {1: {"rating.growth": 10.5}}, [], [])


def test_add_and_remove_option():
    s = example_scenario()
    fresh = new_option(s, "Globex", kind="internal role")
    assert fresh.name == "Globex 2"  # never a duplicate
    added = add_option(s, fresh)
    assert added.options[-1].kind == "internal role"
    removed = remove_option(added, "globex")
    assert [o.name for o in removed.options] == ["Initech platform team", "Umbrella Health", "Globex 2"]
    with pytest.raises(EditRefused):
        remove_option(removed, "globex")


def test_add_rename_remove_criterion():
    s = example_scenario()
    s2 = add_criterion(s, "Commute", weight=10)
    crit = s2.criteria[-1]
    assert (crit.id, crit.name, crit.weight) == ("commute", "Commute", 10)
    assert all(o.ratings["commute"] == 5.0 for o in s2.options)
    assert s2.current.ratings["commute"] == 5.0
    # a neutral 5 for everyone keeps every difference from staying the same
    before, after = compare(s), compare(s2)
    assert after.diff_vs_staying == pytest.approx(before.diff_vs_staying * (100 / 110))
    s3 = rename_criterion(s2, "commute", "Commute time")
    assert s3.criterion("commute").name == "Commute time"
    s4 = remove_criterion(s3, "commute")
    assert s4 == s


def test_criterion_rules():
    s = example_scenario()
    with pytest.raises(ValueError, match="already a criterion called 'growth'"):
        add_criterion(s, "growth")
    with pytest.raises(ValueError, match="Give the new criterion a name"):
        add_criterion(s, "   ")
    with pytest.raises(ValueError, match="Pay can't be removed"):
        remove_criterion(s, "pay")
    with pytest.raises(ValueError, match="already a criterion called 'Growth'"):
        rename_criterion(s, "title", "Growth")


def test_slug_is_ascii_and_unique():
    assert slug("Work–life balance") == "work_life_balance"
    assert slug("Zürich office") == "zurich_office"
    assert slug("東京") == "item"
    assert slug("Growth", {"growth", "growth_2"}) == "growth_3"


def test_table_stage_change_is_dated_in_the_history():
    from datetime import date

    s = example_scenario()
    before = len(s.option("umbrella_health").process.history)
    new = apply_option_table_edits(s, {2: {"stage": "interviewing"}}, [], [], today=date(2026, 12, 3))
    history = new.option("umbrella_health").process.history
    assert len(history) == before + 1
    assert (history[-1].stage, history[-1].on) == ("interviewing", date(2026, 12, 3))
    # an unchanged stage adds nothing
    same = apply_option_table_edits(s, {2: {"name": "Umbrella"}}, [], [])
    assert len(same.option("umbrella_health").process.history) == before


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (
            {"name": "a\x07b"},
            "New option 'a\x07b': name: the text has an invisible control character (U+0007)",
        ),
        ({"name": "x" * 81}, "name: String should have at most 80 characters"),
        ({"name": "ok", "kind": "bogus"}, "New option 'ok': kind: Input should be 'external offer'"),
    ],
)
def test_a_new_table_row_the_model_refuses_gets_a_message_not_a_validation_dump(cells, message):
    with pytest.raises(EditRefused) as refused:
        apply_option_table_edits(example_scenario(), {}, [cells], [])
    assert message in str(refused.value)
    assert "errors.pydantic.dev" not in str(refused.value)


def test_rates_you_entered_are_restated_in_the_new_comparison_currency():
    """Compared in dollars with 1 GBP = 1.25 USD and 1 EUR = 1.10 USD entered; compared in pounds:
    1 USD = 1 / 1.25 = 0.80 GBP, and 1 EUR = 1.10 USD = 1.10 × 0.80 = 0.88 GBP."""
    from core.edits.editing import compare_in

    s = example_scenario()
    s = s.model_copy(
        update={"money": s.money.model_copy(update={"rate_overrides": {"GBP": 1.25, "EUR": 1.10}})}
    )
    moved = compare_in(s, "GBP")
    assert moved.money.rate_overrides == {"USD": pytest.approx(0.80), "EUR": pytest.approx(0.88)}
    back = compare_in(moved, "USD")
    assert back.money.rate_overrides == {"GBP": pytest.approx(1.25), "EUR": pytest.approx(1.10)}
