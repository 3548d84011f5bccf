"""Mistyped amounts in a real browser: "225k" then Tab in Offers → base salary is refused with a
message beside the field, nothing is saved, and "225,000" then Tab is saved; at a person's pace
and typing with no pause. The database the server writes to is read back, as in
tests/test_browser_typing.py. Fields are found by their accessible names, as assistive technology
reads them."""

from __future__ import annotations

import pytest

from tests.test_browser_typing import EXAMPLE, PACES, chromium, go_to, page, server, settle, stored  # noqa: F401

pytestmark = pytest.mark.browser

BASE_LABEL = "Base salary per year ($)"


@pytest.mark.parametrize("pace", list(PACES))
def test_225k_is_refused_beside_the_field_and_225_000_is_saved(server, page, pace):  # noqa: F811
    key_delay, _ = PACES[pace]
    go_to(page, "Offers")
    first = EXAMPLE.options[0]
    field = page.get_by_label(BASE_LABEL, exact=True)  # was "Base salary per year (\$)"
    assert field.count() == 1
    assert field.input_value() == f"{first.pay.base:,.0f}"

    field.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("225k", delay=key_delay)
    page.keyboard.press("Tab")
    message = page.get_by_text('Not saved: "225k" is not a number; write it as 225000.')
    message.wait_for()
    settle(page)
    assert stored(server).option(first.id).pay.base == first.pay.base  # nothing saved
    assert field.input_value() == "225k"  # kept, to fix
    # Beside the field: right under it, in its column, not at the top of the page.
    box, said = field.bounding_box(), message.bounding_box()
    assert box is not None and said is not None
    assert 0 <= said["y"] - (box["y"] + box["height"]) < 80, (box, said)
    assert said["x"] < box["x"] + box["width"] and box["x"] < said["x"] + said["width"], (box, said)

    field.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("225,000", delay=key_delay)
    page.keyboard.press("Tab")
    message.wait_for(state="detached")
    settle(page)
    assert stored(server).option(first.id).pay.base == 225_000
    assert field.input_value() == "225,000"


# At a person's pace only: typed with no pause at all, the grid's own cell editor (in the browser)
# drops the keys, before anything reaches the app.
@pytest.mark.parametrize("pace", ["human"])
def test_a_new_offer_row_with_only_a_name_is_saved(server, page, pace):  # noqa: F811
    """Kind and Stage are required cells; without defaults the new row was never sent to the app
    until both were chosen, and nothing said so."""
    key_delay, _ = PACES[pace]
    go_to(page, "Offers")
    table = page.locator("[data-testid='stDataFrame']").first
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    assert box is not None
    rows = len(EXAMPLE.options)
    # The empty row at the bottom of the table adds a row; its first cell is the name.
    page.mouse.click(box["x"] + 60, box["y"] + 35 * (rows + 1) + 17)
    # The grid opens its cell editor first (in the browser, not the app): keys typed before it
    # is there go nowhere, for a person as for this test.
    page.keyboard.press("Enter")
    page.locator("#portal textarea:focus").wait_for()
    page.keyboard.type("Hooli", delay=key_delay)
    page.keyboard.press("Enter")
    page.get_by_text("Undo takes back: Option added: “Hooli”").wait_for()  # the table is a canvas
    settle(page)
    saved = stored(server)
    hooli = next((o for o in saved.options if o.name == "Hooli"), None)
    assert hooli is not None, [o.name for o in saved.options]
    assert (hooli.kind, hooli.stage) == ("external offer", "interviewing")


def test_money_fields_are_named_as_a_person_reads_them(server, page):  # noqa: F811
    """Assistive technology names a field by its label as written: these were "(\\$)"."""
    go_to(page, "Current role")
    for label in [
        "Base salary per year ($)",
        "Sign-on and relocation you'd repay ($)",
        "Refresher grants per year ($)",
        "Match paid in but not yet yours ($)",
        "Benefits (value per year) ($)",
        "Health costs you pay per year ($)",
        "Commute cost per year ($)",
    ]:
        assert page.get_by_label(label, exact=True).count() == 1, label
    assert page.get_by_label("\\$", exact=False).count() == 0
