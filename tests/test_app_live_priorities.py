"""The pages' side of the live priorities component, in AppTest.

AppTest cannot run the component's JavaScript (tests/test_browser_live_priorities.py does that),
so these tests do what the browser does when a slider is let go: set the component's state
`commit` to {token, seq, weights}. The page applies it through the app's state layer, as any edit:
the scenario, autosave, Undo, the charts and CSV after it, and a stale tab's refusal.
"""

from __future__ import annotations

import csv
import io
import json

from core.storage.database import LOCAL_OWNER
from core.storage.location import default_url
from tests.apptest_support import download, open_page, start_tab, texts
from tests.storage_by_name import NamedStorage

WEIGHTS = {"pay": 30.0, "title": 10.0, "work_life": 20.0, "culture": 15.0, "growth": 20.0, "mission": 5.0}


def scenario(at):
    return at.session_state["_tab"].edits.scenario


def weights(at) -> dict[str, float]:
    return {c.id: c.weight for c in scenario(at).criteria}


def component_data(at, key: str) -> dict:
    (element,) = [e for e in at.get("bidi_component") if e.key == key]
    return json.loads(element.proto.json)


def let_go(at, key: str, seq: int, token: str = "tab-1", **changed: float):
    """What the browser sends on release: every weight, with the changed ones."""
    at.session_state[key] = {"commit": {"token": token, "seq": seq, "weights": {**weights(at), **changed}}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def stored_weight(criterion: str) -> float:
    with NamedStorage(default_url()) as storage:
        return storage.load(LOCAL_OWNER, "Example")[0].criterion(criterion).weight


def test_the_component_gets_staying_flagged_scores_colours_and_weights(app):
    open_page(app, "priorities")
    data = component_data(app, "live:priorities")
    assert [c["id"] for c in data["criteria"]] == list(WEIGHTS)
    assert {c["id"]: c["weight"] for c in data["criteria"]} == WEIGHTS
    staying = [o for o in data["options"] if o["staying"]]
    assert [o["name"] for o in staying] == ["Stay at Initech"]
    by_name = {o["name"]: o for o in data["options"]}
    # Colours are the Plotly charts' (core.charts.option_colors): grey, then the palette in order.
    assert [by_name[n]["color"] for n in ("Stay at Initech", "Globex", "Initech platform team")] == [
        "#6b7280",
        "#2563eb",
        "#d97706",
    ]
    # Ratings as typed (Globex's growth is 8); pay as core.decision.scoring.pay_score gives it.
    assert by_name["Globex"]["scores"][4] == 8.0
    assert by_name["Stay at Initech"]["scores"][0] == 5.0
    assert data["ack"] is None and data["not_ready"] is None


def test_a_release_on_compare_changes_the_ranking_and_csv_and_is_saved(app):
    open_page(app, "compare")
    let_go(app, "live:compare", 1, pay=0.0)
    # Without pay (weights 10/20/15/20/5 of 70), worked out in tests/test_app.py:
    # staying 385/70 = 5.5, platform 475/70 = 6.786, Globex 445/70 = 6.357.
    assert texts(app, "success")[0] == (
        "Initech platform team beats staying by 1.3 points, driven by growth and culture fit."
    )
    rows = {r["Option"]: r for r in csv.DictReader(io.StringIO(download(app, "download_csv").decode()))}
    assert rows["Initech platform team"]["Rank"] == "1"
    assert float(rows["Globex"]["Total score"]) == 6.3571
    assert stored_weight("pay") == 0.0
    # The browser is told which commit was applied, and the weights it now holds.
    data = component_data(app, "live:compare")
    assert data["ack"] == {"token": "tab-1", "seq": 1}
    assert {c["id"]: c["weight"] for c in data["criteria"]}["pay"] == 0.0
    # The same weight on the Priorities page.
    open_page(app, "priorities")
    assert {c["id"]: c["weight"] for c in component_data(app, "live:priorities")["criteria"]}["pay"] == 0.0


def test_a_commit_is_applied_once_and_undo_takes_it_back(app):
    open_page(app, "priorities")
    let_go(app, "live:priorities", 1, pay=55.0, growth=0.0)
    assert weights(app) == {**WEIGHTS, "pay": 55.0, "growth": 0.0}
    undo_caption = [c.value for c in app.sidebar.caption if c.value.startswith("Undo takes back")]
    assert undo_caption and "Pay" in undo_caption[0] and "(and more)" in undo_caption[0]
    app.sidebar.button(key="undo").click().run()
    assert weights(app) == WEIGHTS
    # The component's state still holds that commit; seen again, it changes nothing.
    app.run()
    assert weights(app) == WEIGHTS
    assert stored_weight("pay") == 30.0
    # A newer commit from the same tab is applied; one from a new mount (a new token) too.
    let_go(app, "live:priorities", 2, pay=40.0)
    let_go(app, "live:priorities", 1, token="tab-2", title=0.0)
    assert (weights(app)["pay"], weights(app)["title"]) == (40.0, 0.0)
    assert stored_weight("title") == 0.0


def test_every_weight_at_zero_keeps_the_scores_and_says_what_to_change(app):
    open_page(app, "compare")
    let_go(app, "live:compare", 1, **dict.fromkeys(WEIGHTS, 0.0))
    assert any("Every priority is set to 0" in t for t in texts(app, "warning"))
    data = component_data(app, "live:compare")
    assert data["not_ready"] is None and len(data["options"]) == 4  # the browser can still add up
    assert data["zero_message"] == "Every priority is at 0, so nothing counts. Raise at least one slider."
    let_go(app, "live:compare", 2, growth=10.0)
    assert texts(app, "success")[0] == "Globex beats staying by 4.0 points, driven by growth."


def test_a_commit_naming_a_removed_criterion_or_an_impossible_weight(app):
    open_page(app, "priorities")
    let_go(app, "live:priorities", 1, gone=50.0, pay=35.0)
    assert weights(app)["pay"] == 35.0
    let_go(app, "live:priorities", 2, pay=150.0)
    assert weights(app)["pay"] == 35.0  # refused, and said
    assert texts(app, "error")


def test_no_options_yet_still_draws_the_sliders(monkeypatch):
    from core.model.example import blank_scenario

    tab = start_tab(monkeypatch, blank_scenario())
    open_page(tab, "priorities")
    data = component_data(tab, "live:priorities")
    assert data["options"] == [] and "add an offer" in data["not_ready"]
    assert len(data["criteria"]) == len(scenario(tab).criteria)


def test_a_stale_tab_s_commit_is_refused_as_any_edit_is(monkeypatch):
    tab_a = start_tab(monkeypatch)
    tab_b = start_tab(monkeypatch)
    open_page(tab_a, "priorities")
    let_go(tab_a, "live:priorities", 1, pay=55.0)
    open_page(tab_b, "compare")
    let_go(tab_b, "live:compare", 1, pay=5.0)
    errors = texts(tab_b, "error")
    assert any("changed in another tab or window" in e and "Nothing was overwritten" in e for e in errors)
    assert weights(tab_b)["pay"] == 5.0  # this tab's change is still on screen
    assert stored_weight("pay") == 55.0  # A's is saved
