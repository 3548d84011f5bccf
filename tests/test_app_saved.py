"""Saved scenarios in the app: nothing lost across refreshes, restarts and two tabs, the Saved
scenarios page, and each signed-in person's scenarios kept to them.

Each AppTest is one browser tab (its own session); tests/conftest.py gives every test a database
of its own, which all the tabs of a test share, as the tabs of one server do.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import streamlit as st

from core.model.example import example_scenario
from core.numbers import parse_number
from core.storage.database import LOCAL_OWNER
from core.storage.location import default_url
from core.text import markdown_unescape
from tests.apptest_support import (
    edit_table,
    open_page,
    pick_scenario,
    picked_scenario,
    set_priorities,
    start_tab,
    texts,
)
from tests.scenarios import simple_example
from tests.storage_by_name import NamedStorage


def scenario(at):
    return at.session_state["_tab"].edits.scenario


def shown(markdown: str) -> str:
    """Markdown as it reads on screen (user text in it is escaped)."""
    return markdown_unescape(markdown)


def open_id(at) -> int:
    """The id of the scenario a tab has open (the Saved scenarios page keys its fields by it)."""
    return at.session_state["_saving"].open.id


def field(at, kind: str):
    """The Saved scenarios page's "rename_to" or "copy_as" field for the open scenario."""
    (found,) = [w for w in at.text_input if str(w.key).startswith(f"{kind}:{open_id(at)}:")]
    return found


def picker(at):
    return at.sidebar.selectbox(key="scenario_picker")


def stored() -> NamedStorage:
    return NamedStorage(default_url())


def set_base(at, value: float):
    open_page(at, "current_role")
    at.text_input(key="w:current/pay/base").set_value(f"{value:,.0f}").run()
    assert not at.exception
    return at


# Nothing lost ----------------------------------------------------------------------------------


def test_first_visit_saves_the_example_and_a_refresh_brings_back_every_edit(monkeypatch):
    tab = start_tab(monkeypatch)
    assert picked_scenario(tab) == "Example"
    assert scenario(tab) == example_scenario()
    set_base(tab, 131_500.0)
    tab.text_input(key="w:current/employer").set_value("Initech España").run()

    # A refresh is a new session in the same browser: it opens the scenario changed most recently.
    refreshed = start_tab(monkeypatch)
    assert picked_scenario(refreshed) == "Example"
    assert scenario(refreshed).current.pay.base == 131_500.0
    assert scenario(refreshed).current.employer == "Initech España"
    assert scenario(refreshed) == scenario(tab)
    assert [i.name for i in stored().list(LOCAL_OWNER)] == ["Example"]


def test_a_server_restart_loses_nothing(monkeypatch):
    tab = start_tab(monkeypatch)
    set_base(tab, 99_000.0)
    open_page(tab, "priorities")
    set_priorities(tab, "priorities", pay=55.0)
    before = scenario(tab)
    st.cache_resource.clear()  # a new server process opens the database afresh
    after_restart = start_tab(monkeypatch)
    assert scenario(after_restart) == before
    assert scenario(after_restart).criterion("pay").weight == 55.0


def test_every_change_is_saved_as_it_is_made_and_one_tabs_run_of_changes_is_one_version(monkeypatch):
    tab = start_tab(monkeypatch)
    for base in (101_000.0, 102_000.0, 103_000.0):
        set_base(tab, base)
        assert stored().load(LOCAL_OWNER, "Example")[0].current.pay.base == base
    versions = stored().versions(LOCAL_OWNER, "Example")
    assert [v.version for v in versions] == [4, 1]  # the first save, and one for this run of edits
    assert "Saved · version 4" in " ".join(c.value for c in tab.sidebar.caption)


def test_saving_off_says_so_and_the_tab_still_works(monkeypatch):
    monkeypatch.setenv("STAY_OR_GO_DB_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    monkeypatch.setenv("STAY_OR_GO_SINGLE_USER", "1")  # one person's own PostgreSQL, down
    tab = start_tab(monkeypatch)
    assert any("Saving is off" in t for t in texts(tab, "warning"))
    assert any("can't be reached" in t for t in texts(tab, "warning"))
    set_base(tab, 120_500.0)
    assert scenario(tab).current.pay.base == 120_500.0
    open_page(tab, "data")
    assert any("Saving is off" in t for t in texts(tab, "warning"))


# Two tabs ---------------------------------------------------------------------------------------


def test_two_tabs_a_stale_write_is_refused_said_and_nothing_lost(monkeypatch):
    tab_a = start_tab(monkeypatch)
    tab_b = start_tab(monkeypatch)
    set_base(tab_a, 111_000.0)

    # Tab B hears about it at its next page view...
    open_page(tab_b, "overview")
    assert any("changed in another tab" in t for t in texts(tab_b, "info"))
    # ...and if it changes something anyway, the save is refused with what to do.
    set_base(tab_b, 222_000.0)
    errors = texts(tab_b, "error")
    assert any("changed in another tab or window" in e and "Nothing was overwritten" in e for e in errors)
    assert scenario(tab_b).current.pay.base == 222_000.0  # this tab's change is still on screen
    assert stored().load(LOCAL_OWNER, "Example")[0].current.pay.base == 111_000.0  # A's is saved
    assert picker(tab_b).disabled  # no switching away from an unsaved change

    next(b for b in tab_b.button if b.label == "Keep this tab's as a new scenario").click().run()
    assert picked_scenario(tab_b) == "Example (this tab)"
    assert not texts(tab_b, "error")
    assert stored().load(LOCAL_OWNER, "Example (this tab)")[0].current.pay.base == 222_000.0
    assert stored().load(LOCAL_OWNER, "Example")[0].current.pay.base == 111_000.0


def test_two_tabs_keep_mine_and_show_the_saved_version(monkeypatch):
    tab_a = start_tab(monkeypatch)
    tab_b = start_tab(monkeypatch)
    set_base(tab_a, 111_000.0)
    set_base(tab_b, 222_000.0)
    next(b for b in tab_b.button if b.label == "Keep this tab's over the other").click().run()
    assert stored().load(LOCAL_OWNER, "Example")[0].current.pay.base == 222_000.0
    assert any("history" in t for t in texts(tab_b, "success"))
    kept = [stored().load_version(LOCAL_OWNER, "Example", v.version).current.pay.base
            for v in stored().versions(LOCAL_OWNER, "Example")]  # fmt: skip
    assert 111_000.0 in kept  # tab A's edit is in the history, restorable

    # Now A is behind; it chooses to see the saved version and drops its own next change.
    set_base(tab_a, 333_000.0)
    assert any("another tab" in t for t in texts(tab_a, "error"))
    next(b for b in tab_a.button if b.label == "Show the saved version").click().run()
    assert scenario(tab_a).current.pay.base == 222_000.0
    assert tab_a.text_input(key="w:current/pay/base").value == "222,000"
    set_base(tab_a, 444_000.0)  # and saves normally again
    assert stored().load(LOCAL_OWNER, "Example")[0].current.pay.base == 444_000.0


def test_picking_a_scenario_renamed_in_another_tab_since_opens_it(monkeypatch):
    """The picker holds ids: "Plan B", renamed "Plan C" in another tab after this tab drew its
    list, still opens when picked (by name, it was "no longer there")."""
    tab = start_tab(monkeypatch)
    with stored() as storage:
        storage.create_scenario(LOCAL_OWNER, "Plan B", simple_example())
    tab.run()
    assert sorted(picker(tab).options) == ["Example", "Plan B"]
    with stored() as storage:
        plan_b = next(i for i in storage.list(LOCAL_OWNER) if i.name == "Plan B")
        storage.rename_by_id(LOCAL_OWNER, plan_b.id, "Plan C")
    pick_scenario(tab, "Plan B")
    assert not at_errors(tab), at_errors(tab)
    assert picked_scenario(tab) == "Plan C"
    assert scenario(tab) == simple_example()


def test_picking_a_scenario_deleted_in_another_tab_since_says_so(monkeypatch):
    """Picked after another tab deleted it: this tab says so and where to bring it back, and keeps
    what it shows."""
    tab = start_tab(monkeypatch)
    with stored() as storage:
        storage.create_scenario(LOCAL_OWNER, "Plan B", simple_example())
    tab.run()
    shown = scenario(tab)
    with stored() as storage:
        storage.delete(LOCAL_OWNER, "Plan B")
    pick_scenario(tab, "Plan B")
    (error,) = at_errors(tab)
    assert error.startswith("That scenario is no longer there: it was deleted in another tab or window.")
    assert "Saved scenarios page can bring it back" in error
    assert scenario(tab) == shown
    assert picked_scenario(tab) == "Example"


def at_errors(at) -> list[str]:
    return texts(at, "error")


# The Saved scenarios page ----------------------------------------------------------------------


def test_saved_scenarios_page_rename_duplicate_delete_and_bring_back(monkeypatch):
    tab = open_page(start_tab(monkeypatch), "data")
    assert any("single-user local app" in t for t in texts(tab, "info"))
    location = next(m.value for m in tab.markdown if m.value.startswith("`"))
    assert str(default_url()).endswith(location.strip("`").split("/")[-1])

    field(tab, "rename_to").set_value("  Leaving Initech?  ")
    tab.button(key=next(b.key for b in tab.button if b.label == "Rename")).click().run()
    assert picked_scenario(tab) == "Leaving Initech?"
    assert [i.name for i in stored().list(LOCAL_OWNER)] == ["Leaving Initech?"]

    field(tab, "copy_as").set_value("Plan B")
    tab.button(key=next(b.key for b in tab.button if b.label == "Duplicate")).click().run()
    assert picked_scenario(tab) == "Plan B"
    assert sorted(i.name for i in stored().list(LOCAL_OWNER)) == ["Leaving Initech?", "Plan B"]

    # A name that is taken is refused with a message; nothing changes.
    field(tab, "rename_to").set_value("leaving initech?")
    tab.button(key=next(b.key for b in tab.button if b.label == "Rename")).click().run()
    assert any("already have a scenario" in t for t in texts(tab, "error"))
    assert picked_scenario(tab) == "Plan B"

    next(b for b in tab.button if b.label.startswith("Delete")).click().run()
    assert picked_scenario(tab) == "Leaving Initech?"  # the next most recent one opens
    assert [i.name for i in stored().list(LOCAL_OWNER)] == ["Leaving Initech?"]
    assert any("Deleted “Plan B”" in t for t in texts(tab, "success"))
    open_page(tab, "data")
    next(b for b in tab.button if b.label == "Bring back").click().run()
    assert sorted(i.name for i in stored().list(LOCAL_OWNER)) == ["Leaving Initech?", "Plan B"]


def test_deleting_the_last_scenario_opens_a_blank_one(monkeypatch):
    tab = open_page(start_tab(monkeypatch), "data")
    next(b for b in tab.button if b.label.startswith("Delete")).click().run()
    assert picked_scenario(tab) == "Untitled"
    assert scenario(tab).options == []
    assert [d.name for d in stored().list_deleted(LOCAL_OWNER)] == ["Example"]


def test_an_earlier_version_is_described_and_restored(monkeypatch):
    monkeypatch.setattr("core.storage.workspace.MERGE_WITHIN", timedelta(0))  # every change its own version
    tab = start_tab(monkeypatch)
    set_base(tab, 101_000.0)
    set_base(tab, 102_000.0)
    open_page(tab, "data")
    pick = tab.selectbox(key=f"version_pick:{open_id(tab)}")
    assert pick.options[0].startswith("Version 2 ·") and pick.options[1].startswith("Version 1 ·")
    changes = tab.markdown[[m.value for m in tab.markdown].index(
        "Restoring version 2 would change what you have now like this:") + 1].value  # fmt: skip
    assert "Current role › pay › base: 102,000 → 101,000" in shown(changes)
    pick.set_value(pick.options[1]).run()
    next(b for b in tab.button if b.label == "Restore version 1").click().run()
    assert scenario(tab) == example_scenario()
    assert tab.session_state["_tab"].edits.scenario.current.pay.base == example_scenario().current.pay.base
    assert [v.version for v in stored().versions(LOCAL_OWNER, "Example")] == [4, 3, 2, 1]
    assert stored().load(LOCAL_OWNER, "Example") == (example_scenario(), 4)


def test_sidebar_picker_switches_scenarios_and_undo_does_not_cross_them(monkeypatch):
    tab = start_tab(monkeypatch)
    open_page(tab, "offers")
    next(b for b in tab.button if b.label.startswith("Delete")).click().run()
    assert tab.session_state["_tab"].edits.scenario.options != example_scenario().options
    assert any(b.label == "Undo" for b in tab.sidebar.button)
    tab.button(key=next(b.key for b in tab.button if b.label == "New blank scenario")).click().run()
    assert picked_scenario(tab) == "Untitled"
    assert not any(b.label == "Undo" for b in tab.sidebar.button)  # it would write into Untitled
    pick_scenario(tab, "Example")
    assert len(scenario(tab).options) == len(example_scenario().options) - 1


# Sign-in and isolation -------------------------------------------------------------------------

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-only-not-a-secret",
    "client_id": "stay-or-go-test",
    "client_secret": "test-only-not-a-secret",
    "server_metadata_url": "https://id.example/.well-known/openid-configuration",
}


def signed_in(monkeypatch, subject: str | None, email: str | None = None):
    user = {"is_logged_in": subject is not None or email is not None}
    if subject:
        user |= {"sub": subject, "iss": "https://id.example"}
    if email:
        user["email"] = email
    return start_tab(monkeypatch, secrets={"auth": AUTH}, user=user)


def test_with_sign_in_nobody_gets_past_the_sign_in_page(monkeypatch):
    tab = start_tab(monkeypatch, secrets={"auth": AUTH}, user={"is_logged_in": False})
    assert [b.label for b in tab.button] == ["Sign in"]
    assert "scenario" not in tab.session_state
    assert not tab.metric and not tab.sidebar.selectbox
    assert stored().list("local") == []  # nothing saved for anyone


def test_each_signed_in_person_sees_and_changes_only_their_own(monkeypatch):
    alice = signed_in(monkeypatch, "alice-123", "alice@example.com")
    set_base(alice, 150_000.0)
    next_tab = alice
    open_page(next_tab, "data")
    assert any("Signed in as alice@example.com" in shown(t) for t in texts(alice, "info"))
    field(alice, "rename_to").set_value("Alice's secret plan")
    alice.button(key=next(b.key for b in alice.button if b.label == "Rename")).click().run()

    bob = signed_in(monkeypatch, "bob-456", "bob@example.com")
    assert picker(bob).options == ["Example"]  # not Alice's
    assert scenario(bob).current.pay.base == example_scenario().current.pay.base
    open_page(bob, "data")
    assert "Alice's secret plan" not in str(bob.dataframe[0].value.to_dict())
    set_base(bob, 10_000.0)

    # Alice's scenario is untouched by Bob's change, and hers is still there after a refresh.
    alice_again = signed_in(monkeypatch, "alice-123", "alice@example.com")
    assert picked_scenario(alice_again) == "Alice's secret plan"
    assert picker(alice_again).options == ["Alice's secret plan"]
    assert scenario(alice_again).current.pay.base == 150_000.0

    owners = {"oidc:https://id.example|alice-123", "oidc:https://id.example|bob-456"}
    store = stored()
    assert {o: [i.name for i in store.list(o)] for o in owners} == {
        "oidc:https://id.example|alice-123": ["Alice's secret plan"],
        "oidc:https://id.example|bob-456": ["Example"],
    }
    assert store.list(LOCAL_OWNER) == []  # nothing leaked to the unsigned local owner


def test_same_email_from_a_provider_without_subject_is_the_same_person(monkeypatch):
    first = signed_in(monkeypatch, None, "Carol@Example.com")
    set_base(first, 123_000.0)
    again = signed_in(monkeypatch, None, "carol@example.com")
    assert scenario(again).current.pay.base == 123_000.0


def test_a_signed_in_user_without_identity_is_not_let_in(monkeypatch):
    tab = start_tab(monkeypatch, secrets={"auth": AUTH}, user={"is_logged_in": True, "name": "Who"})
    assert any("did not say who you are" in t for t in texts(tab, "error"))
    assert "scenario" not in tab.session_state


@pytest.mark.parametrize("page", ["overview", "compare", "data"])
def test_a_page_url_does_not_skip_the_sign_in(monkeypatch, page):
    tab = start_tab(monkeypatch, secrets={"auth": AUTH}, user={"is_logged_in": False})
    tab.switch_page(f"pages/{page}.py").run()
    assert "scenario" not in tab.session_state
    assert [b.label for b in tab.button] == ["Sign in"]


def test_the_database_can_be_named_in_secrets_like_st_connection(monkeypatch, tmp_path):
    monkeypatch.delenv("STAY_OR_GO_DB_URL")
    url = f"sqlite:///{tmp_path / 'from-secrets.db'}"
    tab = start_tab(monkeypatch, secrets={"connections": {"stay_or_go": {"url": url}}})
    set_base(tab, 128_000.0)
    assert NamedStorage(url).load(LOCAL_OWNER, "Example")[0].current.pay.base == 128_000.0
    open_page(tab, "data")
    assert any(str(tmp_path / "from-secrets.db") in m.value for m in tab.markdown)


def test_sign_in_page_offers_each_configured_provider(monkeypatch):
    provider = {k: v for k, v in AUTH.items() if k not in ("redirect_uri", "cookie_secret")}
    secrets = {"auth": {"redirect_uri": AUTH["redirect_uri"], "cookie_secret": "x", "google": provider,
                        "microsoft": provider}}  # fmt: skip
    tab = start_tab(monkeypatch, secrets=secrets, user={"is_logged_in": False})
    assert [b.label for b in tab.button] == ["Sign in with Google", "Sign in with Microsoft"]


def test_a_scenario_deleted_in_another_tab_is_said_and_can_be_kept(monkeypatch):
    tab = start_tab(monkeypatch)
    stored().delete(LOCAL_OWNER, "Example")  # another tab deletes it
    open_page(tab, "offers")
    assert any("was deleted in another tab" in shown(t) for t in texts(tab, "error"))
    assert not picker(tab).disabled  # nothing unsaved here: switching away loses nothing
    next(b for b in tab.button if b.label == "Keep this tab's as a new scenario").click().run()
    assert picked_scenario(tab) == "Example (this tab)"
    assert stored().load(LOCAL_OWNER, "Example (this tab)")[0] == example_scenario()
    set_base(tab, 90_000.0)  # and later changes are saved to it
    assert stored().load(LOCAL_OWNER, "Example (this tab)")[0].current.pay.base == 90_000.0


def _changed(widget):
    """A different valid value for a widget, or None when there is none to pick."""
    kind = type(widget).__name__
    value = widget.value
    if kind == "NumberInput":
        if value is None:
            return widget.min if widget.min is not None else 1
        top = widget.max if widget.max is not None else value + 10
        step = widget.step or 1
        new = value + step if value + step <= top else value - step
        return new if widget.min is None or new >= widget.min else None
    if kind == "Slider" and not isinstance(value, tuple | list):
        step = widget.step or 1
        new = value + step if value + step <= widget.max else value - step
        return new if new >= widget.min else None
    if kind == "TextInput" and isinstance(parse_number(value or "", place="field"), float):
        return f"{parse_number(value) + 1000:,.0f}"  # a money field (ui.money_field)
    if kind in ("TextInput", "TextArea"):
        return (value or "") + " ✓"
    if kind == "Checkbox" or kind == "Toggle":
        return not value
    return None


FIELDS_AT_LEAST = {
    "current_role": 20,
    "priorities": 5,
    "money": 3,
    "robustness": 3,
    "offers": 10,
    "pipeline": 1,
    "next_steps": 1,
}


@pytest.mark.parametrize("page", list(FIELDS_AT_LEAST))
def test_every_field_on_a_page_is_saved_and_comes_back_after_a_refresh(monkeypatch, page):
    tab = open_page(start_tab(monkeypatch), page)
    widgets = [
        w
        for kind in ("number_input", "slider", "text_input", "text_area", "checkbox", "toggle")
        for w in getattr(tab, kind)
        if str(w.key).startswith("w:") and not w.disabled
    ]
    edited = 0
    for widget in widgets:
        fresh = tab.get(widget.type)  # the widget as drawn now, after earlier edits
        current = next((w for w in fresh if w.key == widget.key), None)
        new = _changed(current) if current is not None else None
        if new is None:
            continue
        current.set_value(new).run()
        assert not tab.exception, (widget.key, [e.value for e in tab.exception])
        edited += 1
    assert edited >= FIELDS_AT_LEAST[page], f"only {edited} fields could be changed on {page}"
    assert not texts(tab, "error"), texts(tab, "error")
    assert scenario(tab) != example_scenario()

    refreshed = start_tab(monkeypatch)
    assert scenario(refreshed) == scenario(tab), f"{edited} edits on {page}: something was lost"
    print(f"{page}: {edited} fields changed, all back after a refresh")


# What a review found -----------------------------------------------------------------------


def click(at, label):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_tab_never_saves_into_another_scenario_that_took_its_name(monkeypatch):
    tab_a = start_tab(monkeypatch)
    tab_b = start_tab(monkeypatch)
    open_page(tab_a, "data")
    field(tab_a, "rename_to").set_value("Plan")
    click(tab_a, "Rename")
    field(tab_a, "copy_as").set_value("Example")
    click(tab_a, "Duplicate")  # a new "Example", at version 1 like tab B's
    set_base(tab_b, 222_000.0)
    # B's change went nowhere it shouldn't: A's new "Example" is untouched...
    assert stored().load(LOCAL_OWNER, "Example")[0] == example_scenario()
    # ...B follows its scenario to its new name, and its change is saved there.
    assert picked_scenario(tab_b) == "Plan"
    assert stored().load(LOCAL_OWNER, "Plan")[0].current.pay.base == 222_000.0


def test_nothing_switches_away_from_a_change_that_is_not_saved(monkeypatch):
    tab_a = start_tab(monkeypatch)
    tab_b = start_tab(monkeypatch)
    set_base(tab_a, 111_000.0)
    set_base(tab_b, 222_000.0)  # refused: stale
    for label in ("New blank scenario",):
        click(tab_b, label)
        assert picked_scenario(tab_b) == "Example"
        assert scenario(tab_b).current.pay.base == 222_000.0
        assert any("change that is not saved" in shown(t) for t in texts(tab_b, "error"))
    open_page(tab_b, "data")
    assert not any(b.label.startswith("Delete") for b in tab_b.button)  # hidden until sorted out
    click(tab_b, "Keep this tab's as a new scenario")
    assert stored().load(LOCAL_OWNER, "Example (this tab)")[0].current.pay.base == 222_000.0


def test_what_was_there_before_a_change_with_undo_stays_in_the_history(monkeypatch):
    tab = start_tab(monkeypatch)
    set_base(tab, 101_000.0)
    open_page(tab, "offers")
    before = scenario(tab)
    next(b for b in tab.button if b.label.startswith("Delete")).click().run()
    kept = [
        stored().load_version(LOCAL_OWNER, "Example", v.version)
        for v in stored().versions(LOCAL_OWNER, "Example")
    ]
    assert before in kept and scenario(tab) == kept[0]


def test_scenarios_deleted_more_than_30_days_ago_are_removed_for_good(monkeypatch):
    long_ago = datetime.now(UTC) - timedelta(days=31)
    old = NamedStorage(default_url(), clock=lambda: long_ago)
    old.create(LOCAL_OWNER, "Salary 2024", example_scenario())
    old.delete(LOCAL_OWNER, "Salary 2024")
    NamedStorage(default_url()).create(LOCAL_OWNER, "Recent", example_scenario())
    NamedStorage(default_url()).delete(LOCAL_OWNER, "Recent")
    start_tab(monkeypatch)
    assert [d.name for d in stored().list_deleted(LOCAL_OWNER)] == ["Recent"]


def test_name_fields_follow_the_open_scenario_and_long_names_keep_their_marker(monkeypatch):
    tab = open_page(start_tab(monkeypatch), "data")
    click(tab, "Duplicate")
    assert picked_scenario(tab) == "Example copy"
    assert field(tab, "rename_to").value == "Example copy"
    assert field(tab, "copy_as").value == "Example copy copy"
    click(tab, "Duplicate")  # twice in a row is fine
    assert picked_scenario(tab) == "Example copy copy"

    long = "A" * 80
    field(tab, "rename_to").set_value(long)
    click(tab, "Rename")
    assert field(tab, "copy_as").value == "A" * 71 + " copy"
    elsewhere = example_scenario().model_copy(update={"currency": "€"})
    NamedStorage(default_url()).save(LOCAL_OWNER, long, elsewhere, stored().load(LOCAL_OWNER, long)[1])
    set_base(tab, 5_000.0)  # stale: keep it as a new scenario
    click(tab, "Keep this tab's as a new scenario")
    assert picked_scenario(tab) == "A" * 65 + " (this tab)"


def test_bring_back_under_a_free_name_when_its_own_is_taken(monkeypatch):
    tab = open_page(start_tab(monkeypatch), "data")
    click(tab, "Delete “Example”")  # the last one: a blank "Untitled" opens
    open_page(tab, "data")
    click(tab, "Delete “Untitled”")  # a new blank "Untitled" opens
    open_page(tab, "data")
    next(b for b in tab.button if b.label == "Bring back").click().run()  # the deleted Untitled
    assert any("as “Untitled 2”" in shown(t) for t in texts(tab, "success"))
    assert sorted(i.name for i in stored().list(LOCAL_OWNER)) == ["Untitled", "Untitled 2"]


def test_a_rename_in_another_tab_is_followed_and_the_next_change_saved(monkeypatch):
    tab = start_tab(monkeypatch)
    stored().rename(LOCAL_OWNER, "Example", "Plan")  # another tab renames it
    set_base(tab, 104_000.0)  # before this tab has seen the rename
    assert not texts(tab, "error")
    assert stored().load(LOCAL_OWNER, "Plan")[0].current.pay.base == 104_000.0
    assert picked_scenario(tab) == "Plan"


def test_the_database_can_be_given_as_st_connection_fields(monkeypatch, tmp_path):
    monkeypatch.delenv("STAY_OR_GO_DB_URL")
    path = tmp_path / "fields.db"
    tab = start_tab(
        monkeypatch, secrets={"connections": {"stay_or_go": {"dialect": "sqlite", "database": str(path)}}}
    )
    set_base(tab, 99_500.0)
    assert NamedStorage(f"sqlite:///{path}").load(LOCAL_OWNER, "Example")[0].current.pay.base == 99_500.0


def test_a_connection_section_without_url_or_dialect_is_said_not_ignored(monkeypatch):
    monkeypatch.delenv("STAY_OR_GO_DB_URL")
    tab = start_tab(monkeypatch, secrets={"connections": {"stay_or_go": {"host": "db.internal"}}})
    warnings = " ".join(shown(t) for t in texts(tab, "warning"))
    assert "Saving is off" in warnings and "neither a url nor a dialect" in warnings


def test_hosted_people_are_not_shown_where_the_database_is(monkeypatch):
    tab = open_page(signed_in(monkeypatch, "alice-123", "alice@example.com"), "data")
    everything = " ".join(m.value for m in tab.markdown) + " ".join(c.value for c in tab.caption)
    assert "saved-scenarios.db" not in everything
    assert "this service's database" in everything


def test_hosted_storage_errors_keep_the_database_details_to_the_server(monkeypatch):
    monkeypatch.setenv("STAY_OR_GO_DB_URL", "postgresql+psycopg://secretuser@127.0.0.1:1/hr_db")
    tab = signed_in(monkeypatch, "alice-123", "alice@example.com")
    warnings = " ".join(shown(t) for t in texts(tab, "warning"))
    assert "Saving is off" in warnings and "can't be reached right now" in warnings
    assert "secretuser" not in warnings and "127.0.0.1" not in warnings and "hr_db" not in warnings


def test_an_unverified_email_is_not_an_identity(monkeypatch):
    tab = start_tab(
        monkeypatch,
        secrets={"auth": AUTH},
        user={"is_logged_in": True, "email": "boss@example.com", "email_verified": False},
    )
    assert "scenario" not in tab.session_state
    assert any("did not say who you are" in t for t in texts(tab, "error"))


def test_table_edits_are_saved_and_come_back_after_a_refresh(monkeypatch):
    tab = open_page(start_tab(monkeypatch), "offers")
    edit_table(
        tab,
        "offers_table",
        edited_rows={0: {"pay.base": 130_000, "name": "Globex Zürich"}},
        added_rows=[{"name": "Hooli 東京", "kind": "prospect", "pay.base": 150_000}],
        deleted_rows=[2],
    )
    names = [o.name for o in scenario(tab).options]
    assert names == ["Globex Zürich", "Initech platform team", "Hooli 東京"]
    refreshed = open_page(start_tab(monkeypatch), "offers")
    assert scenario(refreshed) == scenario(tab)
    assert list(refreshed.data_editor[0].value["name"]) == names


def test_a_shared_database_without_sign_in_is_refused_at_start(monkeypatch):
    """A process started against a database several people reach, with no [auth] in secrets,
    would serve everyone as the one owner "local": it shows why and what to do, and nothing else."""
    from streamlit.testing.v1 import AppTest

    from tests.apptest_support import APP

    monkeypatch.setenv("STAY_OR_GO_DB_URL", "postgresql+psycopg://app:hunter2@db.invalid/stay_or_go")
    monkeypatch.delenv("STAY_OR_GO_SINGLE_USER", raising=False)
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    from core.text import markdown_unescape

    errors = [markdown_unescape(e.value) for e in at.error]
    assert len(errors) == 1 and "STAY_OR_GO_SINGLE_USER=1" in errors[0]
    assert "hunter2" not in errors[0]  # the password stays out of the page
    assert "_tab" not in at.session_state  # no scenario was opened
    monkeypatch.setenv("STAY_OR_GO_SINGLE_USER", "1")  # one person, on purpose: it starts
    again = AppTest.from_file(APP, default_timeout=30).run()
    assert "SINGLE" not in " ".join(markdown_unescape(e.value) for e in again.error)


def test_one_name_in_the_list_the_file_the_report_and_the_summary(monkeypatch):
    """Rename on Saved scenarios: the downloaded file is named after it and holds it, and the
    command line's report and the decision summary read it from that file. Renaming makes no new
    version (another tab on the same scenario is not made stale by it). A file opened later is
    saved under the name inside it, not the file's name."""
    import json
    import subprocess
    import sys

    from tests.apptest_support import download

    tab = start_tab(monkeypatch)
    open_page(tab, "data")
    version_before = stored().info(LOCAL_OWNER, open_id(tab)).version
    field(tab, "rename_to").set_value("Berlin or Munich")
    click(tab, "Rename")
    assert stored().info(LOCAL_OWNER, open_id(tab)).version == version_before
    open_page(tab, "overview")
    from tests.apptest_support import RecordingMediaStorage

    button = next(b for b in tab.get("download_button") if b.key == "download_scenario")
    held = RecordingMediaStorage.latest.get_file(button.proto.url.rsplit("/", 1)[-1])
    assert held.filename == "Berlin or Munich.json"
    data = held.content
    assert json.loads(data)["name"] == "Berlin or Munich"
    report = subprocess.run(
        [sys.executable, "-m", "core.cli", "report", "/dev/stdin"],
        input=data,
        capture_output=True,
        timeout=60,
    )
    assert report.stdout.decode().splitlines()[0] == "Berlin or Munich"
    open_page(tab, "next_steps")
    assert download(tab, "download_summary").decode().startswith("# Decision summary: Berlin or Munich\n")


def test_hosted_uploads_are_limited_per_person_with_a_message(monkeypatch):
    """Hosted (sign-in configured): a person's uploads beyond the per-minute limit are refused,
    saying how long to wait, and nothing is opened. Each file counts once, however often the
    page is drawn with it."""
    import json

    from core.files.scenario_json import scenario_to_json
    from core.storage.hosting import UploadRateLimiter

    limiter = UploadRateLimiter(limit=1, clock=lambda: 0.0)
    monkeypatch.setattr("ui.saved._upload_limiter", lambda: limiter)
    tab = signed_in(monkeypatch, "alice")
    data = json.loads(scenario_to_json(example_scenario()))
    data["name"] = "First"
    tab.file_uploader(key="scenario_upload").upload("first.json", json.dumps(data).encode()).run()
    assert picked_scenario(tab) == "First"
    tab.run()  # drawn again with the same file: still one upload
    data["name"] = "Second"
    tab.file_uploader(key="scenario_upload").upload("second.json", json.dumps(data).encode()).run()
    assert picked_scenario(tab) == "First"
    assert any("second.json was not opened" in shown(t) and "minute" in shown(t) for t in texts(tab, "error"))


def test_a_tab_opened_while_the_database_was_down_saves_once_it_is_back(monkeypatch, tmp_path):
    """Opened during an outage: "Saving is off", and a change stays in the tab. When the database
    answers again, the next run saves what the tab holds as a scenario of its own (nothing saved
    elsewhere is overwritten) and says so; later changes are saved as usual. Before, such a tab
    never saved again and a reload showed the stored version: what it typed was lost."""
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("STAY_OR_GO_DB_URL", f"sqlite:///{tmp_path}/a-file/scenarios.db")  # can't be made
    monkeypatch.setattr("ui.saved.RETRY_SECONDS", 0.0)
    monkeypatch.setattr("ui.saved.RETRY_MAX_SECONDS", 0.0)
    tab = start_tab(monkeypatch)
    assert any("Saving is off" in t for t in texts(tab, "warning"))
    set_base(tab, 120_500.0)
    assert scenario(tab).current.pay.base == 120_500.0

    monkeypatch.setenv("STAY_OR_GO_DB_URL", f"sqlite:///{tmp_path}/scenarios.db")
    tab.run()
    assert any("Saving is back on" in shown(t) for t in texts(tab, "success"))
    name = "Example (kept while saving was off)"
    assert picked_scenario(tab) == name
    back = NamedStorage(f"sqlite:///{tmp_path}/scenarios.db")
    assert back.load(LOCAL_OWNER, name)[0].current.pay.base == 120_500.0
    set_base(tab, 121_000.0)
    assert back.load(LOCAL_OWNER, name)[0].current.pay.base == 121_000.0


def test_download_all_and_delete_all_my_data_on_the_saved_scenarios_page(monkeypatch):
    """Saved scenarios → "Download all my scenarios" holds every scenario of mine; "Delete all my
    data" (after ticking that it can't be undone) removes them and their history for good, and
    the tab stores nothing again until it is opened afresh."""
    import json

    from tests.apptest_support import download

    tab = start_tab(monkeypatch)
    set_base(tab, 101_000.0)
    click(tab, "New blank scenario")
    open_page(tab, "data")
    everything = json.loads(download(tab, "download_all"))
    assert sorted(s["name"] for s in everything["scenarios"]) == ["Example", "Untitled"]
    example = next(s for s in everything["scenarios"] if s["name"] == "Example")
    assert example["scenario"]["current"]["pay"]["base"] == 101_000.0
    assert tab.button(key="delete_all").disabled
    tab.checkbox(key="delete_all_sure").check().run()
    tab.button(key="delete_all").click().run()
    assert stored().list(LOCAL_OWNER) == [] and stored().list_deleted(LOCAL_OWNER) == []
    set_base(tab, 99_000.0)  # still usable, but nothing is stored again
    assert stored().list(LOCAL_OWNER) == []
