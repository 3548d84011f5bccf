"""Text the person typed is shown as typed on every page: never read as Markdown.

Streamlit reads Markdown (bold, links, :red[colours], :material/icons:, $math$...) in st.markdown,
alerts, captions, headings, metrics, widget labels and help, radio and select_slider options, tab
and expander labels. The pages put typed text there through core.text.markdown_escape; these
tests check the Markdown each element is sent, in-process. tests/test_browser.py and
tests/test_browser_text.py check what a browser then shows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import (
    AlertBase,
    Block,
    Expander,
    HeadingBase,
    Markdown,
    Metric,
    Radio,
    SelectSlider,
    Tab,
    Widget,
)

from core.decision.scoring import compare, verdict
from core.edits.editing import validated
from core.model.example import example_scenario
from core.text import markdown_escape, markdown_unescape
from tests.apptest_support import _start, download, open_page, texts

BOLD = "**Bold** [x](https://evil.example) :red[alert]"
# What must never reach Streamlit's Markdown unescaped, wherever it came from.
MARKUP = ("**Bold**", "](https://", ":red[", "**$**", "`code`", "$x$", "<b>", "www.evil", ":material/home:")


def scenario(at):
    return at.session_state["_tab"].edits.scenario


def markdown_sent(at: AppTest) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of text on the page that Streamlit renders as Markdown."""

    def walk(node, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(node, (Markdown, AlertBase, HeadingBase)):
            yield f"{where}/{node.type}", node.proto.body
        elif isinstance(node, Metric):
            yield f"{where}/metric label", node.proto.label
            yield f"{where}/metric value", node.proto.body
            yield f"{where}/metric help", node.proto.help
        elif isinstance(node, Widget):
            yield f"{where}/{node.type} label", getattr(node.proto, "label", "")
            yield f"{where}/{node.type} help", getattr(node.proto, "help", "")
            if isinstance(node, (Radio, SelectSlider)):
                for option in node.proto.options:
                    yield f"{where}/{node.type} option", option
        if isinstance(node, (Expander, Tab)):
            yield f"{where}/{node.type} label", node.label
        if isinstance(node, Block):
            for child in node.children.values():
                yield from walk(child, f"{where}/{getattr(node, 'type', '')}")

    yield from walk(at._tree, "")


def left_standing(at: AppTest) -> list[tuple[str, str]]:
    return [(where, text) for where, text in markdown_sent(at) for m in MARKUP if m in text]


def test_renamed_option_shows_literally_in_the_verdict(app):
    open_page(app, "offers")
    app.text_input(key="w:options/globex/name").set_value(BOLD).run()
    assert scenario(app).option("globex").name == BOLD
    open_page(app, "compare")
    shown = verdict(compare(scenario(app)))
    assert shown.startswith(f"{BOLD} beats staying by 1.9 points")
    # The verdict is sent escaped, so the browser shows the name as typed.
    assert texts(app, "success") == [markdown_escape(shown)]
    assert markdown_unescape(texts(app, "success")[0]) == shown
    assert "\\*\\*Bold\\*\\* \\[x\\](https\\:" in texts(app, "success")[0]
    assert left_standing(app) == []
    # The CSV download is not Markdown: the name as typed (a formula would get a leading ').
    rows = list(csv.DictReader(io.StringIO(download(app, "download_csv").decode())))
    assert BOLD in [r["Option"] for r in rows]
    open_page(app, "overview")
    assert texts(app, "success") == [markdown_escape(shown)]
    assert {m.label: m.value for m in app.metric}["Best option"] == markdown_escape(BOLD)
    assert any(f"**What {markdown_escape(BOLD)} adds**" in t for t in texts(app, "markdown"))
    assert left_standing(app) == []
    open_page(app, "offers")
    assert [b.label for b in app.button if b.key == "delete_option"] == [f"Delete {markdown_escape(BOLD)}"]
    assert f"**Pay at {markdown_escape(BOLD)}**" in texts(app, "markdown")


def hostile_scenario():
    """The example with Markdown in every field a person types that a page shows."""
    data = example_scenario().model_dump(mode="json")
    data["name"] = BOLD
    data["currency"] = "**$**"
    cur = data["current"]
    cur["employer"] = f"Initech {BOLD}"
    cur["role"] = cur["level"] = cur["notes"] = BOLD
    for change in cur["recent_changes"]:
        change["note"] = BOLD
    cur["reflection"]["achievements"] = f"{BOLD}\n- `code` $x$"
    cur["reflection"]["reasons"].append({"criterion": None, "text": f"My own {BOLD}", "resolved": False})
    cur["people"] = {"your_name": BOLD, "manager": BOLD}
    for grant in cur["pay"]["grants"]:
        grant["label"] = BOLD
    growth = next(c for c in data["criteria"] if c["id"] == "growth")
    growth["name"], growth["description"] = "Growth :material/home: `code`", BOLD
    names = iter([BOLD, "Umbrella `code` $x$ <b>b</b> www.evil.example", "Platform :red[team]"])
    for option in data["options"]:
        option["name"] = next(names, option["name"])
        option["employer"] = option["role"] = option["level"] = option["notes"] = BOLD
        p = option["process"]
        p["next_step"] = p["what_to_say"] = BOLD
        p["next_step_on"] = (date.today() + timedelta(days=2)).isoformat()  # in "Due within a week"
        for item in p["interviews"]:
            item["what"] = item["with_whom"] = item["notes"] = BOLD
        for contact in p["contacts"]:
            contact["name"] = contact["note"] = BOLD
        for snapshot in p["rating_history"]:
            snapshot["after"] = BOLD
        for grant in option["pay"]["grants"]:
            grant["label"] = BOLD
    return validated(data)


@pytest.fixture
def hostile_app(monkeypatch) -> AppTest:
    return _start(monkeypatch, hostile_scenario())


@pytest.mark.parametrize(
    "page",
    [
        "overview",
        "current_role",
        "offers",
        "money",
        "priorities",
        "compare",
        "robustness",
        "pipeline",
        "next_steps",
        "data",
    ],
)
def test_no_typed_markdown_reaches_any_page(hostile_app, page):
    at = open_page(hostile_app, page)
    assert not at.exception
    assert left_standing(at) == []
    # and the typed text is there, escaped: it is shown, not dropped
    if page == "priorities":
        # Criterion names reach the live priorities as data, which the browser sets as text
        # (tests/test_browser_live_priorities.py checks nothing is read as markup there).
        (live,) = [e for e in at.get("bidi_component") if e.key == "live:priorities"]
        data = json.loads(live.proto.json)
        assert BOLD in [o["name"] for o in data["options"]] + [c["name"] for c in data["criteria"]]
    elif page != "data":  # Saved scenarios lists the saved names, not the scenario's fields
        assert any(markdown_escape(BOLD) in text for _, text in markdown_sent(at))


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Click the tab `label` of the st.tabs with `key` (on_change="rerun"), as the browser does:
    AppTest has no method for it, so send the tab's label as the widget's value."""

    def find(node):
        if getattr(node, "type", None) == "tab_container" and node.proto.tab_container.id.endswith(key):
            return node
        for child in getattr(node, "children", {}).values():
            if (found := find(child)) is not None:
                return found
        return None

    container = find(at._tree)
    assert container is not None, f"no tabs with key {key!r}"
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = container.proto.tab_container.id
    state.string_value = label
    at._run(states)
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_compare_tabs_show_pros_and_cons_of_typed_names(hostile_app):
    at = open_page(hostile_app, "compare")
    for tab in ("Step by step", "Ratings side by side", "Pros and cons", "Table"):
        open_tab(at, "compare_view", tab)
        assert left_standing(at) == [], tab
        if tab == "Step by step":
            assert "compare_waterfall_option" in [s.key for s in at.selectbox]
        if tab == "Pros and cons":
            assert f"**{markdown_escape(BOLD)}** against staying" in texts(at, "markdown")
            assert any(t.startswith("**Pros**") for t in texts(at, "markdown"))


def test_notices_and_undo_show_typed_names_literally(hostile_app):
    at = open_page(hostile_app, "offers")
    # Renaming an option to another's name is refused, with both names in the message.
    ids = [o.id for o in scenario(at).options]
    at.selectbox(key="offers_selected").select(ids[1]).run()
    at.text_input(key=f"w:options/{ids[1]}/name").set_value(BOLD.swapcase()).run()
    errors = texts(at, "error")
    assert any(f"share the option name '{BOLD.casefold()}'" in markdown_unescape(t) for t in errors), errors
    assert left_standing(at) == []
    # Deleting an option: the sidebar says which, for Undo.
    at.selectbox(key="offers_selected").select(ids[0]).run()
    next(b for b in at.button if b.key == "delete_option").click().run()
    assert f"Undo takes back: Deleted “{markdown_escape(BOLD)}”" in [c.value for c in at.sidebar.caption]
    assert left_standing(at) == []


def test_next_steps_messages_stay_plain_text(hostile_app):
    """A message draft is plain text for an e-mail: it keeps the names as typed, unescaped."""
    at = open_page(hostile_app, "next_steps")
    draft = next(t for t in at.text_area if t.key and t.key.startswith("draft:"))
    assert BOLD in draft.value and "\\*" not in draft.value
    assert f"To: {markdown_escape(BOLD)} (hiring manager)" in texts(at, "caption")
