"""Mistyped amounts in a real browser: "225k" then Tab in Offers → base salary is refused with a
message beside the field, nothing is saved, and "225,000" then Tab is saved; at a person's pace
and typing with no pause. The database the server writes to is read back, as in
tests/test_browser_typing.py. Fields are found by their accessible names, as assistive technology
reads them."""

from __future__ import annotations

import pytest

from tests.test_browser_typing import EXAMPLE, PACES, go_to, page, server, settle, stored  # noqa: F401

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
