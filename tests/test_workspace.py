"""The workspace (core.storage.workspace): a tab's actions on its saved scenarios, and the two-tab and
stale-write rules, as plain calls against a real SQLite database: no Streamlit.

Two tabs are two Workspaces on one Storage, each with its own writer, as two browser tabs are.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.model.example import blank_scenario, example_scenario
from core.storage.database import LOCAL_OWNER, Storage
from core.storage.workspace import OpenScenario, Result, Workspace
from tests.scenarios import simple_example


def edited(scenario, **changes):
    return scenario.model_copy(update=changes)


@pytest.fixture
def storage(tmp_path):
    moments = iter(datetime(2026, 12, 1, 9, 0, tzinfo=UTC) + timedelta(minutes=k) for k in range(10_000))
    with Storage(f"sqlite:///{tmp_path / 'scenarios.db'}", clock=lambda: next(moments)) as s:
        yield s


def tab(storage: Storage, writer: str, opened: OpenScenario | None = None) -> Workspace:
    return Workspace(storage, LOCAL_OWNER, writer, opened, merge_within=timedelta(0))


@pytest.fixture
def two_tabs(storage):
    """Tab A and tab B with the same scenario, "Plan" (the example), open at version 1."""
    info = storage.create_scenario(LOCAL_OWNER, "Plan", example_scenario())
    opened = OpenScenario(info.id, info.name, info.version)
    return tab(storage, "tab-a", opened), tab(storage, "tab-b", opened)


def test_a_save_moves_the_tab_to_the_new_version(two_tabs):
    a, _ = two_tabs
    mine = edited(example_scenario(), currency="EUR")
    outcome = a.save(mine)
    assert (outcome.kind, outcome.saved, outcome.show) == (Result.DONE, mine, None)
    assert a.open.version == 2
    assert a.storage.load_by_id(LOCAL_OWNER, a.open.id)[0] == mine


def test_the_second_tab_to_save_is_refused_and_nothing_is_overwritten(two_tabs):
    a, b = two_tabs
    theirs, mine = edited(example_scenario(), currency="EUR"), edited(example_scenario(), currency="GBP")
    assert a.save(theirs).ok
    refused = b.save(mine)
    assert refused.kind is Result.STALE
    assert refused.message == (
        "“Plan” was changed in another tab or window at 2026-12-01 09:01 UTC (it is now version 2; this "
        "tab has version 1). Nothing was overwritten, and this tab's change is not saved yet: choose below."
    )
    assert b.open.version == 1  # B still knows it is behind
    assert a.storage.load_by_id(LOCAL_OWNER, a.open.id)[0] == theirs


def test_keep_mine_saves_over_the_newer_version_and_keeps_theirs_in_the_history(two_tabs):
    a, b = two_tabs
    theirs, mine = edited(example_scenario(), currency="EUR"), edited(example_scenario(), currency="GBP")
    a.save(theirs)
    b.save(mine)
    kept = b.keep_mine(mine)
    assert kept.ok and kept.saved == mine
    assert kept.message == (
        "Saved this tab's “Plan” (version 3). The other tab's version is in its history on the Saved "
        "scenarios page."
    )
    assert b.open == OpenScenario(a.open.id, "Plan", 3)
    store = b.storage
    assert [store.load_version_by_id(LOCAL_OWNER, b.open.id, v).currency for v in (3, 2, 1)] == [
        "GBP",
        "EUR",
        example_scenario().currency,
    ]
    assert a.save(edited(theirs, currency="JPY")).kind is Result.STALE  # now A is the one behind


def test_keep_as_copy_saves_this_tabs_under_a_name_of_its_own_and_switches_to_it(two_tabs):
    a, b = two_tabs
    a.save(edited(example_scenario(), currency="EUR"))
    mine = edited(example_scenario(), currency="GBP")
    b.save(mine)
    b.storage.create_scenario(LOCAL_OWNER, "Plan (this tab)", blank_scenario())  # taken already
    copy = b.keep_as_copy(mine)
    assert (
        copy.message == "Saved this tab's scenario as “Plan (this tab) 2”. Every change is saved as you go."
    )
    assert (copy.show, copy.saved) == (mine, mine)
    assert (b.open.name, b.open.version) == ("Plan (this tab) 2", 1) and b.open.id != a.open.id
    assert a.storage.load_by_id(LOCAL_OWNER, a.open.id)[0].currency == "EUR"  # A's untouched


def test_a_rename_in_another_tab_is_followed_and_a_new_scenario_under_the_old_name_is_never_written(two_tabs):
    a, b = two_tabs
    assert a.rename("Plan B").message == "Renamed “Plan” to “Plan B”."
    store = a.storage
    squatter = store.create_scenario(LOCAL_OWNER, "Plan", blank_scenario())
    mine = edited(example_scenario(), currency="GBP")
    assert b.save(mine).ok
    assert b.open == OpenScenario(a.open.id, "Plan B", 2)  # the name as stored now
    assert store.load_by_id(LOCAL_OWNER, squatter.id)[0] == blank_scenario()


def test_a_save_after_a_delete_elsewhere_says_so_and_bring_back_restores_it(two_tabs):
    a, b = two_tabs
    deleted = a.delete()
    assert deleted.message == "Deleted “Plan”. Bring it back under Deleted scenarios if that was a mistake."
    gone = b.save(edited(example_scenario(), currency="GBP"))
    assert gone.kind is Result.GONE
    assert gone.message == (
        "“Plan” was deleted in another tab or window, so this tab's latest change is not saved. Keep it "
        "as a new saved scenario."
    )
    (listed,) = a.storage.list_deleted(LOCAL_OWNER)
    assert (
        a.bring_back(listed.id, listed.name).message
        == "Brought back “Plan”. Pick it in the sidebar to open it."
    )
    assert b.save(edited(example_scenario(), currency="GBP")).ok  # B's version 1 is current again


def test_bring_back_under_a_free_name_when_its_own_is_taken(storage):
    ws = tab(storage, "tab-a")
    first = storage.create_scenario(LOCAL_OWNER, "Plan", blank_scenario())
    storage.delete_by_id(LOCAL_OWNER, first.id)
    storage.create_scenario(LOCAL_OWNER, "PLAN", simple_example())
    back = ws.bring_back(first.id, "Plan")
    assert (
        back.message
        == "Brought back “Plan” (as “Plan 2”: “Plan” was taken). Pick it in the sidebar to open it."
    )
    assert sorted(i.name for i in storage.list(LOCAL_OWNER)) == ["PLAN", "Plan 2"]
    again = ws.bring_back(first.id, "Plan")
    assert again.kind is Result.FAILED and "no deleted scenario like that" in again.message


def test_open_reload_and_a_scenario_deleted_before_it_is_opened(storage):
    ws = tab(storage, "tab-a")
    plan = storage.create_scenario(LOCAL_OWNER, "Plan", simple_example())
    opened = ws.open_scenario(plan.id)
    assert (opened.message, opened.show, ws.open) == (
        "Opened “Plan”.",
        simple_example(),
        OpenScenario(plan.id, "Plan", 1),
    )
    storage.save_by_id(LOCAL_OWNER, plan.id, example_scenario(), 1)  # another tab
    shown = ws.reload()
    assert (shown.message, shown.show, ws.open.version) == (
        "Showing the saved “Plan”, version 2.",
        example_scenario(),
        2,
    )
    storage.delete_by_id(LOCAL_OWNER, plan.id)
    gone = ws.open_scenario(plan.id)
    assert gone.kind is Result.GONE and gone.show is None
    assert gone.message == (
        "That scenario is no longer there: it was deleted in another tab or window. The Saved "
        "scenarios page can bring it back."
    )


def test_restore_makes_an_old_version_current_unless_another_tab_saved_since(two_tabs):
    a, b = two_tabs
    a.save(edited(example_scenario(), currency="EUR"))
    a.save(edited(example_scenario(), currency="GBP"))  # versions 1, 2, 3
    restored = a.restore(1)
    assert restored.message == (
        "Restored version 1 as version 4. What you had before is kept among the earlier versions, so "
        "this can be undone the same way."
    )
    assert (restored.show, a.open.version) == (example_scenario(), 4)
    stale = b.restore(2)  # B still has version 1
    assert stale.kind is Result.STALE and stale.message.endswith("look at the newer version first.")
    assert a.storage.load_by_id(LOCAL_OWNER, a.open.id)[1].version == 4


def test_create_refuses_a_name_that_is_taken_or_empty_and_changes_nothing(storage):
    ws = tab(storage, "tab-a")
    made = ws.create("  Plan  ", simple_example(), what="Started")
    assert made.message == "Started “Plan”. Every change is saved as you go."
    assert ws.open.name == "Plan"
    for name, says in (
        ("plan", "already have a scenario called “plan”"),
        ("   ", "Give the scenario a name"),
    ):
        refused = ws.create(name, blank_scenario(), what="Started")
        assert refused.kind is Result.FAILED and says in refused.message
        assert ws.open.name == "Plan"
    assert [i.name for i in storage.list(LOCAL_OWNER)] == ["Plan"]


def test_actions_without_an_open_scenario_say_so(storage):
    ws = tab(storage, "tab-a")
    for outcome in (ws.save(blank_scenario()), ws.keep_mine(blank_scenario()), ws.reload(), ws.delete()):
        assert outcome.kind is Result.FAILED and outcome.message == "No saved scenario is open in this tab."
