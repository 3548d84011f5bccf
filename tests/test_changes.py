"""What changed between two versions of a scenario (core.edits.changes), as the Saved scenarios page
says it before a restore."""

from __future__ import annotations

from core.edits.changes import describe_changes
from core.edits.editing import remove_option, with_value
from core.model.example import example_scenario


def test_no_changes():
    assert describe_changes(example_scenario(), example_scenario()) == ["No changes."]


def test_pay_rating_weight_and_renamed_option_are_said_before_and_after():
    old = example_scenario()
    globex = old.options[0]
    new = with_value(old, ("current", "pay", "base"), 125_000.0)
    new = with_value(new, ("options", globex.id, "ratings", "growth"), 9.5)
    new = with_value(new, ("options", globex.id, "name"), "Globex Zürich")
    new = with_value(new, ("criteria", "growth", "weight"), 35.0)
    lines = describe_changes(old, new)
    assert lines == [
        f"Current role › pay › base: {old.current.pay.base:,.0f} → 125,000.",
        f"“Globex Zürich” › ratings › Growth: {globex.ratings['growth']:g} → 9.5.",
        "“Globex Zürich” › name: “Globex” → “Globex Zürich”.",
        f"Criterion “Growth” › weight: {old.criterion('growth').weight:g} → 35.",
    ]


def test_added_and_removed_options_are_named_and_the_list_is_capped():
    old = example_scenario()
    gone = old.options[1]
    new = remove_option(old, gone.id)
    assert describe_changes(old, new) == [f"Option removed: “{gone.name}”."]
    assert describe_changes(new, old) == [f"Option added: “{gone.name}”."]
    many = old
    for i, option in enumerate(old.options):
        many = with_value(many, ("options", option.id, "notes"), f"note {i}")
        many = with_value(many, ("options", option.id, "role"), f"Role {i}")
    lines = describe_changes(old, many, limit=3)
    assert len(lines) == 3
    assert lines[-1] == f"… and {2 * len(old.options) - 2} more changes."
