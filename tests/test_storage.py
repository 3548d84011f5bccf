"""Saved scenarios (core.storage.database), each test run on SQLite (a temporary file) and on a real
PostgreSQL that this module starts for the session (tests/postgres_support.py).

The PostgreSQL runs skip when the binaries are missing, and fail instead when
STAY_OR_GO_REQUIRE_POSTGRES=1 (as in CI)."""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import sqlite3
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, update

from core.cli import main
from core.files.scenario_json import scenario_from_json, scenario_to_json
from core.model.example import blank_scenario, example_scenario
from core.storage import database as storage_module
from core.storage import hosting, names
from core.storage.database import LOCAL_OWNER, Storage
from core.storage.errors import (
    DatabaseTimeout,
    ScenarioNotFound,
    StaleWrite,
    StorageError,
    TooManyScenarios,
    TooManyUploads,
    UnreadableScenario,
)
from core.storage.hosting import UploadRateLimiter, hosted_without_sign_in
from core.storage.location import ENV_URL, default_url
from core.storage.names import clean_name
from core.storage.schema import SCHEMA_VERSION, metadata, scenarios_table, schema_table, versions_table
from tests.postgres_support import REQUIRE_ENV, PostgresServer
from tests.storage_by_name import NamedStorage
from tests.strategies import scenarios

V1_FILE = Path(__file__).parent / "data" / "scenario-v1.json"


# Fixtures -------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server():
    server = PostgresServer.find()
    if server is None:
        reason = (
            "PostgreSQL binaries not found (no /usr/lib/postgresql/*/bin/initdb): "
            "`apt-get install postgresql` to run the storage tests on PostgreSQL too"
        )
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{reason} ({REQUIRE_ENV}=1)")
        pytest.skip(reason)
    try:
        server.start()
    except Exception:
        server.stop()
        raise
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_url(postgres_server):
    return postgres_server.url()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A database URL with no Stay or Go tables in it yet."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'scenarios.db'}"
        return
    url = request.getfixturevalue("postgres_url")
    engine = create_engine(url)
    metadata.drop_all(engine)
    yield url
    metadata.drop_all(engine)
    engine.dispose()


class Clock:
    """A clock the test moves by hand; storage times come from it."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now

    def tick(self, **delta: float) -> datetime:
        self.now += timedelta(**delta) if delta else timedelta(seconds=1)
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def open_storage(db_url, clock):
    """Open a Storage on the test database (several may be open at once, like app processes)."""
    opened: list[Storage] = []

    def make(**options) -> Storage:
        s = NamedStorage(db_url, clock=clock, **options)
        opened.append(s)
        return s

    yield make
    for s in opened:
        s.close()


@pytest.fixture
def storage(open_storage):
    return open_storage()


def edited(scenario, **changes):
    """A copy of `scenario` with top-level fields changed (validated like any edit)."""
    return scenario.model_validate({**scenario.model_dump(), **changes})


def only_table_rows(url: str, table):
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(table.select()).all()
    finally:
        engine.dispose()


# Round trips and versions ----------------------------------------------------------------------


def test_example_round_trips_through_save_and_load(storage):
    example = example_scenario()
    assert storage.create(LOCAL_OWNER, "Job search 2026", example) == 1
    loaded, version = storage.load(LOCAL_OWNER, "Job search 2026")
    assert loaded == example
    assert version == 1

    changed = edited(example, currency="€", name="Après l'offre 🚀")
    assert storage.save(LOCAL_OWNER, "Job search 2026", changed, expected_version=1) == 2
    loaded, version = storage.load(LOCAL_OWNER, "Job search 2026")
    assert (loaded, version) == (changed, 2)
    assert loaded.currency == "€" and loaded.name == "Après l'offre 🚀"


_example_counter = itertools.count()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(first=scenarios(max_options=4), second=scenarios(max_options=4))
def test_generated_scenarios_round_trip_through_save_and_load(storage, first, second):
    name = f"Generated {next(_example_counter)}"  # one database for every example: a fresh name each
    storage.create(LOCAL_OWNER, name, first)
    assert storage.load(LOCAL_OWNER, name) == (first, 1)
    version = storage.save(LOCAL_OWNER, name, second, expected_version=1)
    assert storage.load(LOCAL_OWNER, name) == (second, version)
    assert version == (1 if second == first else 2)


def test_versions_count_up_and_saving_the_same_content_writes_nothing(storage, clock):
    s = blank_scenario()
    storage.create(LOCAL_OWNER, "Plan", s)
    for expected in range(1, 5):
        clock.tick()
        s = edited(s, currency=f"C{expected}")
        assert storage.save(LOCAL_OWNER, "Plan", s, expected_version=expected) == expected + 1
    assert [v.version for v in storage.versions(LOCAL_OWNER, "Plan")] == [5, 4, 3, 2, 1]

    clock.tick()
    assert storage.save(LOCAL_OWNER, "Plan", s, expected_version=5) == 5  # unchanged: no new version
    # ... even from a tab that is behind: it holds exactly what is stored, so nothing is lost.
    assert storage.save(LOCAL_OWNER, "Plan", s, expected_version=2) == 5
    infos = storage.versions(LOCAL_OWNER, "Plan")
    assert [v.version for v in infos] == [5, 4, 3, 2, 1]
    assert [v.current for v in infos] == [True, False, False, False, False]
    assert infos[0].saved_at == clock.now - timedelta(seconds=1)
    assert storage.list(LOCAL_OWNER)[0].updated_at == infos[0].saved_at


def test_stale_write_is_refused_and_nothing_is_lost(storage, clock):
    storage.create(LOCAL_OWNER, "Plan", blank_scenario())
    tab_a, version_a = storage.load(LOCAL_OWNER, "Plan")
    tab_b, version_b = storage.load(LOCAL_OWNER, "Plan")

    clock.tick(minutes=3)
    saved_at = clock.now
    from_a = edited(tab_a, currency="A")
    assert storage.save(LOCAL_OWNER, "Plan", from_a, expected_version=version_a) == 2

    clock.tick(minutes=1)
    from_b = edited(tab_b, currency="B")
    with pytest.raises(StaleWrite) as raised:
        storage.save(LOCAL_OWNER, "Plan", from_b, expected_version=version_b)
    error = raised.value
    assert (error.name, error.expected_version, error.current_version) == ("Plan", 1, 2)
    assert error.changed_at == saved_at
    message = str(error)
    assert "another tab or window" in message
    assert f"{saved_at.astimezone():%H:%M}" in message
    assert "Reload it" in message and "under a new name" in message and "Nothing was overwritten" in message

    # A's edit is what is stored, and B's was not written anywhere.
    assert storage.load(LOCAL_OWNER, "Plan") == (from_a, 2)
    assert [v.version for v in storage.versions(LOCAL_OWNER, "Plan")] == [2, 1]
    # B follows the advice: saves under a new name, and both edits exist.
    storage.create(LOCAL_OWNER, "Plan (from the other tab)", from_b)
    assert storage.load(LOCAL_OWNER, "Plan (from the other tab)")[0] == from_b
    assert storage.load(LOCAL_OWNER, "Plan")[0] == from_a


def test_stale_write_message_names_the_day_when_it_was_not_today():
    error = StaleWrite("Plan", 3, 4, datetime(2020, 1, 2, 12, 0, tzinfo=UTC))
    local = datetime(2020, 1, 2, 12, 0, tzinfo=UTC).astimezone()
    assert f"on {local.day} {local:%b} {local.year} at {local:%H:%M}" in str(error)


def test_racing_writers_one_wins_and_the_others_are_told(open_storage):
    """Eight writers (two app processes, four threads each) save version 1 at the same moment."""
    processes = [open_storage(), open_storage()]
    processes[0].create(LOCAL_OWNER, "Plan", blank_scenario())
    start = threading.Barrier(8)
    outcomes: list[str] = []

    def write(k: int) -> None:
        start.wait()
        try:
            processes[k % 2].save(LOCAL_OWNER, "Plan", edited(blank_scenario(), currency=f"W{k}"), 1)
            outcomes.append(f"saved W{k}")
        except StaleWrite:
            outcomes.append("stale")

    threads = [threading.Thread(target=write, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    winners = [o for o in outcomes if o.startswith("saved")]
    assert len(outcomes) == 8 and len(winners) == 1, outcomes
    stored, version = processes[1].load(LOCAL_OWNER, "Plan")
    assert version == 2 and f"saved {stored.currency}" == winners[0]


def test_save_to_a_missing_scenario_says_so(storage):
    mine = storage.create_scenario(LOCAL_OWNER, "Plan", blank_scenario())
    storage.delete_by_id(LOCAL_OWNER, mine.id)
    for scenario_id in (mine.id, mine.id + 1):  # deleted, and never made
        with pytest.raises(
            ScenarioNotFound, match="no longer among your saved scenarios.*save it as a new scenario"
        ):
            storage.save_by_id(LOCAL_OWNER, scenario_id, blank_scenario(), expected_version=1)


# History --------------------------------------------------------------------------------------


def test_history_keeps_the_last_n_versions_and_restores_an_old_one(open_storage, clock):
    storage = open_storage(history=5)
    contents = {1: blank_scenario()}
    storage.create(LOCAL_OWNER, "Plan", contents[1])
    for v in range(2, 13):
        clock.tick()
        contents[v] = edited(contents[1], currency=f"V{v}")
        assert storage.save(LOCAL_OWNER, "Plan", contents[v], expected_version=v - 1) == v
    assert [i.version for i in storage.versions(LOCAL_OWNER, "Plan")] == [12, 11, 10, 9, 8]
    assert len(only_table_rows(storage.url.render_as_string(hide_password=False), versions_table)) == 5
    assert storage.load_version(LOCAL_OWNER, "Plan", 9) == contents[9]

    clock.tick()
    assert storage.restore_version(LOCAL_OWNER, "Plan", 9, expected_version=12) == 13
    assert storage.load(LOCAL_OWNER, "Plan") == (contents[9], 13)
    assert [i.version for i in storage.versions(LOCAL_OWNER, "Plan")] == [13, 12, 11, 10, 9]
    # Restoring is itself undone the same way: version 12 is still there.
    assert storage.restore_version(LOCAL_OWNER, "Plan", 12, expected_version=13) == 14
    assert storage.load(LOCAL_OWNER, "Plan") == (contents[12], 14)

    with pytest.raises(
        ScenarioNotFound, match="no version 3: the last 5 versions are kept, now versions 10 to 14"
    ):
        storage.restore_version(LOCAL_OWNER, "Plan", 3, expected_version=14)
    with pytest.raises(ScenarioNotFound, match="no version 3"):
        storage.load_version(LOCAL_OWNER, "Plan", 3)


def test_restoring_a_version_over_a_newer_save_is_a_stale_write(storage, clock):
    storage.create(LOCAL_OWNER, "Plan", blank_scenario())
    storage.save(LOCAL_OWNER, "Plan", edited(blank_scenario(), currency="A"), expected_version=1)
    clock.tick()
    newest = edited(blank_scenario(), currency="B")
    storage.save(LOCAL_OWNER, "Plan", newest, expected_version=2)
    with pytest.raises(StaleWrite):
        storage.restore_version(LOCAL_OWNER, "Plan", 1, expected_version=2)
    assert storage.load(LOCAL_OWNER, "Plan") == (newest, 3)


def test_autosave_merges_one_tabs_run_of_changes_into_one_kept_version(open_storage, clock):
    storage = open_storage(history=3)
    window = timedelta(minutes=5)
    s = blank_scenario()
    storage.create(LOCAL_OWNER, "Plan", s)
    version = 1
    # Tab A changes something every 30 s for 4.5 minutes: one kept version (plus the first one).
    for i in range(10):
        clock.tick(seconds=30)
        s = edited(s, currency=f"A{i}")
        version = storage.save(LOCAL_OWNER, "Plan", s, version, writer="tab-a", merge_within=window)
    assert version == 11  # every save still counts, so another tab holding version 1..10 is stale
    assert [v.version for v in storage.versions(LOCAL_OWNER, "Plan")] == [11, 1]
    assert storage.load(LOCAL_OWNER, "Plan") == (s, 11)
    merged_at = clock.now

    # Five minutes after the run began, the next change starts a new kept version.
    clock.tick(seconds=31)
    s = edited(s, currency="A-later")
    version = storage.save(LOCAL_OWNER, "Plan", s, version, writer="tab-a", merge_within=window)
    infos = storage.versions(LOCAL_OWNER, "Plan")
    assert [v.version for v in infos] == [12, 11, 1]
    assert infos[1].saved_at == merged_at
    assert storage.load_version(LOCAL_OWNER, "Plan", 11).currency == "A9"

    # Another tab's save is never merged into tab A's version; history 3 drops the oldest.
    clock.tick()
    s = edited(s, currency="B")
    version = storage.save(LOCAL_OWNER, "Plan", s, version, writer="tab-b", merge_within=window)
    assert [v.version for v in storage.versions(LOCAL_OWNER, "Plan")] == [13, 12, 11]
    # Restoring is never merged either: it can itself be undone from the history.
    clock.tick()
    version = storage.restore_version(LOCAL_OWNER, "Plan", 11, expected_version=version)
    assert [v.version for v in storage.versions(LOCAL_OWNER, "Plan")] == [14, 13, 12]
    assert storage.load(LOCAL_OWNER, "Plan")[0].currency == "A9"


def test_history_must_keep_at_least_one_version(db_url):
    with pytest.raises(ValueError, match="at least one version"):
        Storage(db_url, history=0)


# Rename, duplicate, delete ----------------------------------------------------------------------


def test_rename_keeps_content_version_and_history(storage):
    storage.create(LOCAL_OWNER, "Plan", blank_scenario())
    changed = edited(blank_scenario(), currency="£")
    storage.save(LOCAL_OWNER, "Plan", changed, expected_version=1)
    assert storage.rename(LOCAL_OWNER, "plan", "  Plan B  ") == "Plan B"
    assert [i.name for i in storage.list(LOCAL_OWNER)] == ["Plan B"]
    assert storage.load(LOCAL_OWNER, "Plan B") == (changed, 2)
    assert [v.version for v in storage.versions(LOCAL_OWNER, "Plan B")] == [2, 1]
    with pytest.raises(ScenarioNotFound):
        storage.load(LOCAL_OWNER, "Plan")
    # A tab that opened it before the rename saves by its id: into "Plan B", not into a new scenario.
    saved = storage.save_by_id(LOCAL_OWNER, storage.id_of(LOCAL_OWNER, "Plan B"), blank_scenario(), 2)
    assert (saved.name, saved.version) == ("Plan B", 3)
    assert [i.name for i in storage.list(LOCAL_OWNER)] == ["Plan B"]

    assert storage.rename(LOCAL_OWNER, "Plan B", "PLAN b") == "PLAN b"  # only the capitals change
    storage.create(LOCAL_OWNER, "Other", blank_scenario())
    with pytest.raises(ValueError, match="already have a scenario called “other”"):
        storage.rename(LOCAL_OWNER, "PLAN b", "other")
    with pytest.raises(ValueError, match="Give the scenario a name"):
        storage.rename(LOCAL_OWNER, "PLAN b", "   ")
    with pytest.raises(ScenarioNotFound):
        storage.rename(LOCAL_OWNER, "Nowhere", "Somewhere")
    assert sorted(i.name for i in storage.list(LOCAL_OWNER)) == ["Other", "PLAN b"]


def test_duplicate_is_an_independent_copy(storage):
    example = example_scenario()
    storage.create(LOCAL_OWNER, "Plan", example)
    storage.save(LOCAL_OWNER, "Plan", edited(example, currency="€"), expected_version=1)
    assert storage.duplicate(LOCAL_OWNER, "Plan", "Plan (copy)") == 1
    copy, version = storage.load(LOCAL_OWNER, "Plan (copy)")
    assert copy == edited(example, currency="€") and version == 1
    assert [v.version for v in storage.versions(LOCAL_OWNER, "Plan (copy)")] == [1]

    storage.save(LOCAL_OWNER, "Plan (copy)", edited(example, currency="¥"), expected_version=1)
    assert storage.load(LOCAL_OWNER, "Plan") == (edited(example, currency="€"), 2)
    with pytest.raises(ValueError, match="already have a scenario"):
        storage.duplicate(LOCAL_OWNER, "Plan", "PLAN")
    missing = storage.create_scenario(LOCAL_OWNER, "Soon gone", example)
    storage.delete_by_id(LOCAL_OWNER, missing.id)
    with pytest.raises(ScenarioNotFound):
        storage.duplicate_by_id(LOCAL_OWNER, missing.id, "Copy")
    assert sorted(i.name for i in storage.list(LOCAL_OWNER)) == ["Plan", "Plan (copy)"]


def test_delete_can_be_undone_with_its_history(storage, clock):
    storage.create(LOCAL_OWNER, "Plan", blank_scenario())
    latest = edited(blank_scenario(), currency="€")
    storage.save(LOCAL_OWNER, "Plan", latest, expected_version=1)
    clock.tick()
    storage.delete(LOCAL_OWNER, "Plan")

    assert storage.list(LOCAL_OWNER) == []
    (deleted,) = storage.list_deleted(LOCAL_OWNER)
    for look in (storage.load_by_id, storage.versions_by_id, storage.info):
        with pytest.raises(ScenarioNotFound):
            look(LOCAL_OWNER, deleted.id)
    with pytest.raises(ScenarioNotFound):
        storage.save_by_id(LOCAL_OWNER, deleted.id, blank_scenario(), expected_version=2)
    with pytest.raises(ScenarioNotFound):
        storage.delete_by_id(LOCAL_OWNER, deleted.id)
    with pytest.raises(ScenarioNotFound):
        storage.rename_by_id(LOCAL_OWNER, deleted.id, "Plan B")
    assert [(d.name, d.deleted_at) for d in storage.list_deleted(LOCAL_OWNER)] == [("Plan", clock.now)]

    assert storage.restore_deleted_by_id(LOCAL_OWNER, deleted.id).name == "Plan"
    assert storage.load(LOCAL_OWNER, "Plan") == (latest, 2)
    assert [v.version for v in storage.versions(LOCAL_OWNER, "Plan")] == [2, 1]
    assert storage.list_deleted(LOCAL_OWNER) == []
    with pytest.raises(ScenarioNotFound, match="no deleted scenario like that to restore"):
        storage.restore_deleted_by_id(LOCAL_OWNER, deleted.id)


def test_a_deleted_name_can_be_reused_and_undo_then_asks_for_another_name(storage, clock):
    old = edited(blank_scenario(), currency="OLD")
    storage.create(LOCAL_OWNER, "Plan", old)
    storage.delete(LOCAL_OWNER, "Plan")
    new = edited(blank_scenario(), currency="NEW")
    storage.create(LOCAL_OWNER, "PLAN", new)  # the name is free once deleted

    with pytest.raises(ValueError, match="already have a scenario called “Plan”.*another name"):
        storage.restore_deleted(LOCAL_OWNER, "Plan")
    assert storage.load(LOCAL_OWNER, "Plan") == (new, 1)  # untouched by the failed restore
    assert storage.restore_deleted(LOCAL_OWNER, "Plan", new_name="Plan (restored)") == "Plan (restored)"
    assert storage.load(LOCAL_OWNER, "Plan (restored)") == (old, 1)
    assert storage.load(LOCAL_OWNER, "PLAN") == (new, 1)


def test_purge_removes_only_old_deletions(storage, clock):
    old_id = storage.create_scenario(LOCAL_OWNER, "Old", blank_scenario()).id
    storage.create(LOCAL_OWNER, "Recent", blank_scenario())
    storage.create(LOCAL_OWNER, "Kept", blank_scenario())
    storage.delete(LOCAL_OWNER, "Old")
    clock.tick(days=20)
    storage.delete(LOCAL_OWNER, "Recent")
    clock.tick(days=15)
    assert storage.purge_deleted(LOCAL_OWNER) == 1  # default: deleted more than 30 days ago
    assert [d.name for d in storage.list_deleted(LOCAL_OWNER)] == ["Recent"]
    with pytest.raises(ScenarioNotFound, match="removed for good"):
        storage.restore_deleted_by_id(LOCAL_OWNER, old_id)
    assert [i.name for i in storage.list(LOCAL_OWNER)] == ["Kept"]
    url = storage.url.render_as_string(hide_password=False)
    assert len(only_table_rows(url, scenarios_table)) == 2
    assert len(only_table_rows(url, versions_table)) == 2  # the purged one's history is gone too


# Owners ---------------------------------------------------------------------------------------


def test_one_owner_can_never_reach_another_owners_scenarios(storage):
    """Bob holds the ids of Alice's scenarios (as a forged request could): every call with them, as
    Bob, finds nothing, and Alice's scenarios are exactly as they were."""
    alice, bob = "alice@example.com", "bob@example.com"
    secret = edited(example_scenario(), name="Alice's offers")
    offers = storage.create_scenario(alice, "Offers", secret)
    gone = storage.create_scenario(alice, "Gone", blank_scenario())
    storage.delete_by_id(alice, gone.id)

    assert storage.list(bob) == []
    assert storage.list_deleted(bob) == []
    attempts = {
        "info": lambda: storage.info(bob, offers.id),
        "load": lambda: storage.load_by_id(bob, offers.id),
        "versions": lambda: storage.versions_by_id(bob, offers.id),
        "load_version": lambda: storage.load_version_by_id(bob, offers.id, 1),
        "save": lambda: storage.save_by_id(bob, offers.id, blank_scenario(), expected_version=1),
        "restore_version": lambda: storage.restore_version_by_id(bob, offers.id, 1, expected_version=1),
        "rename": lambda: storage.rename_by_id(bob, offers.id, "Mine now"),
        "duplicate": lambda: storage.duplicate_by_id(bob, offers.id, "Mine now"),
        "delete": lambda: storage.delete_by_id(bob, offers.id),
        "restore_deleted": lambda: storage.restore_deleted_by_id(bob, gone.id),
    }
    for operation, attempt in attempts.items():
        with pytest.raises(ScenarioNotFound):
            attempt()
            pytest.fail(f"bob's {operation} reached alice's scenario")
    assert storage.purge_deleted(bob, older_than=timedelta(0)) == 0
    assert storage.list(bob) == [] and storage.list_deleted(bob) == []  # no copy was made for him
    assert storage.load_by_id(alice, offers.id)[0] == secret
    assert storage.list(alice) == [offers]  # same name, version and time of last change
    assert [(d.id, d.name) for d in storage.list_deleted(alice)] == [(gone.id, "Gone")]
    assert [v.version for v in storage.versions_by_id(alice, offers.id)] == [1]

    # Bob can use the same names for his own, and neither sees the other's.
    storage.create(bob, "Offers", blank_scenario())
    storage.save(bob, "Offers", edited(blank_scenario(), currency="B"), expected_version=1)
    storage.delete(bob, "Offers")
    storage.restore_deleted(bob, "Offers")
    assert storage.load(alice, "Offers") == (secret, 1)
    assert [i.name for i in storage.list(alice)] == ["Offers"]
    assert [d.name for d in storage.list_deleted(alice)] == ["Gone"]
    assert storage.load(bob, "Offers")[0].currency == "B"
    for other in (LOCAL_OWNER, "ALICE@example.com"):  # owners are compared exactly: capitals make another
        with pytest.raises(ScenarioNotFound):
            storage.load_by_id(other, offers.id)


@pytest.mark.parametrize("owner", ["", "x" * 321, "alice\x00", 42])
def test_an_owner_must_be_given(storage, owner):
    with pytest.raises(ValueError):
        storage.list(owner)
    with pytest.raises(ValueError):
        storage.create(owner, "Plan", blank_scenario())


# Names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Plan  ", "Plan"),
        ("Décision 2026 — Zürich 🚀", "Décision 2026 — Zürich 🚀"),
        ("転職するか", "転職するか"),
        ("x" * 80, "x" * 80),
        ("Cafe\u0301", "Café"),  # decomposed é is stored composed
        ("'; DROP TABLE stay_or_go_scenarios; --", "'; DROP TABLE stay_or_go_scenarios; --"),
        ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
        ("100% _sure_ \\ or not", "100% _sure_ \\ or not"),
    ],
)
def test_names_are_trimmed_and_kept_as_typed(storage, typed, stored):
    storage.create(LOCAL_OWNER, typed, blank_scenario())
    assert [i.name for i in storage.list(LOCAL_OWNER)] == [stored]
    assert storage.load(LOCAL_OWNER, stored) == (blank_scenario(), 1)
    assert storage.load(LOCAL_OWNER, typed)[1] == 1


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Give the scenario a name"),
        (" \t\u3000 ", "Give the scenario a name"),
        ("x" * 81, "at most 80 characters; this one has 81"),
        ("Plan\nB", "line breaks"),
        ("Plan\u2028B", "line breaks"),
        ("Plan\x00", "control characters"),
        ("Plan \ud800", "control characters"),
    ],
)
def test_bad_names_are_refused_with_a_message(storage, typed, message):
    with pytest.raises(ValueError, match=message):
        storage.create(LOCAL_OWNER, typed, blank_scenario())
    assert storage.list(LOCAL_OWNER) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [("Plan", "PLAN"), ("Straße", "STRASSE"), ("Café", "Cafe\u0301"), ("Ωmega", "ωMEGA")],
)
def test_names_are_unique_whatever_their_capitals(storage, first, second):
    storage.create(LOCAL_OWNER, first, blank_scenario())
    with pytest.raises(ValueError, match="already have a scenario called"):
        storage.create(LOCAL_OWNER, second, blank_scenario())
    assert storage.load(LOCAL_OWNER, second)[1] == 1
    assert len(storage.list(LOCAL_OWNER)) == 1


_name_counter = itertools.count()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.text(max_size=90))
def test_any_text_is_either_a_name_or_a_clear_refusal(storage, typed):
    owner = f"names-{next(_name_counter)}"  # one database for every example: a fresh owner each
    try:
        expected = clean_name(typed)
    except ValueError:
        with pytest.raises(ValueError):
            storage.create(owner, typed, blank_scenario())
        assert storage.list(owner) == []
        return
    storage.create(owner, typed, blank_scenario())
    assert [i.name for i in storage.list(owner)] == [expected]
    assert storage.load(owner, expected)[1] == 1


# Persistence and format -------------------------------------------------------------------------


def test_everything_survives_a_restart(open_storage, clock):
    before = open_storage()
    example = example_scenario()
    before.create(LOCAL_OWNER, "Plan", example)
    before.save(LOCAL_OWNER, "Plan", edited(example, currency="€"), expected_version=1)
    before.create("alice@example.com", "Hers", blank_scenario())
    before.create(LOCAL_OWNER, "Bin", blank_scenario())
    before.delete(LOCAL_OWNER, "Bin")
    listed = before.list(LOCAL_OWNER)
    before.close()

    after = open_storage()  # a new process on the same database
    assert after.list(LOCAL_OWNER) == listed
    assert after.load(LOCAL_OWNER, "Plan") == (edited(example, currency="€"), 2)
    assert after.load_version(LOCAL_OWNER, "Plan", 1) == example
    assert after.restore_deleted(LOCAL_OWNER, "Bin") == "Bin"
    assert [i.name for i in after.list("alice@example.com")] == ["Hers"]
    clock.tick()
    assert after.save(LOCAL_OWNER, "Plan", example, expected_version=2) == 3


def _overwrite_stored_data(storage: Storage, version: int, data: str) -> None:
    with storage.engine.begin() as conn:
        conn.execute(update(versions_table).where(versions_table.c.version == version).values(data=data))


def test_an_unreadable_stored_version_is_named_and_does_not_break_listing(storage, clock):
    storage.create(LOCAL_OWNER, "Good", blank_scenario())
    storage.create(LOCAL_OWNER, "Broken", blank_scenario())
    clock.tick()
    storage.save(LOCAL_OWNER, "Broken", edited(blank_scenario(), currency="€"), expected_version=1)
    with storage.engine.begin() as conn:  # damage version 2 of "Broken" only
        conn.execute(
            update(versions_table).where(versions_table.c.version == 2).values(data='{"format": "stay-or')
        )

    assert sorted(i.name for i in storage.list(LOCAL_OWNER)) == ["Broken", "Good"]
    with pytest.raises(UnreadableScenario) as raised:
        storage.load(LOCAL_OWNER, "Broken")
    assert raised.value.name == "Broken" and raised.value.version == 2
    assert "“Broken” (version 2) can't be read" in str(raised.value)
    assert "not valid JSON" in str(raised.value)
    assert "Restore an earlier version" in str(raised.value)
    assert storage.load(LOCAL_OWNER, "Good") == (blank_scenario(), 1)
    # The advice works: the earlier version comes back as the current one.
    assert storage.restore_version(LOCAL_OWNER, "Broken", 1, expected_version=2) == 3
    assert storage.load(LOCAL_OWNER, "Broken") == (blank_scenario(), 3)


def test_a_scenario_stored_in_an_older_format_migrates_on_load(storage):
    storage.create(LOCAL_OWNER, "Old file", blank_scenario())
    _overwrite_stored_data(storage, 1, V1_FILE.read_text(encoding="utf-8"))
    loaded, version = storage.load(LOCAL_OWNER, "Old file")
    assert version == 1 and loaded.version == 2
    assert loaded.current.pay.base == 95000.0
    assert loaded.current.pay.bonus == pytest.approx(5000.0)
    # Saving it stores today's format.
    storage.save(LOCAL_OWNER, "Old file", loaded, expected_version=1)
    assert storage.load(LOCAL_OWNER, "Old file") == (loaded, 2)


def test_content_is_stored_as_the_scenario_json(storage):
    example = example_scenario()
    storage.create(LOCAL_OWNER, "Plan", example)
    (row,) = only_table_rows(storage.url.render_as_string(hide_password=False), versions_table)
    assert row.data == scenario_to_json(example)


def test_a_database_from_a_newer_version_is_refused(open_storage):
    first = open_storage()
    first.create(LOCAL_OWNER, "Plan", blank_scenario())
    with first.engine.begin() as conn:
        conn.execute(update(schema_table).values(version=SCHEMA_VERSION + 1))
    with pytest.raises(StorageError, match="written by a newer Stay or Go.*Update Stay or Go"):
        open_storage().list(LOCAL_OWNER)


# Where the database is --------------------------------------------------------------------------


def test_default_database_is_a_file_in_the_users_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV_URL, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data home"))
    url = default_url()
    expected = tmp_path / "data home" / "stay-or-go" / "scenarios.db"
    with NamedStorage(url) as storage:
        assert storage.location == str(expected)
        storage.create(LOCAL_OWNER, "Plan", blank_scenario())
    assert expected.is_file()


def test_the_environment_variable_chooses_the_database(monkeypatch, tmp_path):
    chosen = tmp_path / "elsewhere" / "mine.db"
    monkeypatch.setenv(ENV_URL, f"sqlite:///{chosen}")
    assert default_url() == f"sqlite:///{chosen}"
    with NamedStorage(default_url()) as storage:
        storage.create(LOCAL_OWNER, "Plan", blank_scenario())
    assert chosen.is_file()


@pytest.mark.parametrize("url", ["postgresql://u:secret@db.example/so", "postgres://u:secret@db.example/so"])
def test_postgres_urls_use_psycopg_and_hide_the_password(url):
    storage = NamedStorage(url)
    assert storage.url.drivername == "postgresql+psycopg"
    assert "secret" not in storage.location and "db.example" in storage.location


def test_a_url_that_is_not_one_says_what_is_expected():
    with pytest.raises(ValueError, match="not a database URL.*sqlite:////"):
        Storage("scenarios.db")


def test_an_unreachable_database_is_a_storage_error_not_a_traceback(tmp_path):
    # A directory where the database file should be: SQLite can't open it.
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StorageError, match="can't be reached right now"):
        Storage(f"sqlite:///{tmp_path / 'dir.db'}").list(LOCAL_OWNER)


def test_sqlite_file_uses_write_ahead_logging(tmp_path):
    storage = NamedStorage(f"sqlite:///{tmp_path / 'wal.db'}")
    storage.create(LOCAL_OWNER, "Plan", blank_scenario())
    with storage.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    storage.close()


def test_a_new_sqlite_file_and_its_folder_are_readable_by_this_user_only(tmp_path):
    path = tmp_path / "new-folder" / "scenarios.db"
    storage = NamedStorage(f"sqlite:///{path}")
    storage.create(LOCAL_OWNER, "Plan", blank_scenario())
    storage.close()
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    # The write-ahead log beside it is created by SQLite with the database file's permissions.
    assert all(p.stat().st_mode & 0o077 == 0 for p in path.parent.iterdir())


def test_a_database_path_that_cant_be_a_file_is_a_storage_error(tmp_path):
    (tmp_path / "not-a-folder").write_text("x")
    with pytest.raises(StorageError, match="can't be kept at .*not-a-folder is a file"):
        Storage(f"sqlite:///{tmp_path / 'not-a-folder' / 'scenarios.db'}")
    with pytest.raises(StorageError, match="can't be kept at"):
        Storage(f"sqlite:///{tmp_path / 'not-a-folder' / 'deeper' / 'scenarios.db'}")


def test_a_scenario_that_took_the_name_is_not_the_one_a_tab_is_saving(storage):
    """A tab holds its scenario's id. Another tab renames that scenario and makes a new one under the
    old name, also at version 1: every write of the first tab lands on its own scenario, now "Plan"."""
    info = storage.create_scenario(LOCAL_OWNER, "Example", blank_scenario())
    storage.rename(LOCAL_OWNER, "Example", "Plan")
    storage.create(LOCAL_OWNER, "Example", example_scenario())
    other = edited(blank_scenario(), currency="B")
    saved = storage.save_by_id(LOCAL_OWNER, info.id, other, 1)
    assert (saved.id, saved.name, saved.version) == (info.id, "Plan", 2)
    assert storage.restore_version_by_id(LOCAL_OWNER, info.id, 1, 2).version == 3
    assert storage.rename_by_id(LOCAL_OWNER, info.id, "Mine").name == "Mine"
    assert storage.load(LOCAL_OWNER, "Mine") == (blank_scenario(), 3)
    assert storage.load(LOCAL_OWNER, "Example") == (example_scenario(), 1)  # untouched throughout
    storage.delete_by_id(LOCAL_OWNER, info.id)
    assert [i.name for i in storage.list(LOCAL_OWNER)] == ["Example"]
    with pytest.raises(ScenarioNotFound, match="no longer among your saved scenarios"):
        storage.save_by_id(LOCAL_OWNER, info.id, other, 3)


def test_bring_back_the_deleted_scenario_that_was_picked(storage, clock):
    storage.create(LOCAL_OWNER, "Plan", blank_scenario())
    storage.delete(LOCAL_OWNER, "Plan")
    clock.tick()
    storage.create(LOCAL_OWNER, "Plan", example_scenario())
    storage.delete(LOCAL_OWNER, "Plan")
    older = storage.list_deleted(LOCAL_OWNER)[-1]
    assert storage.restore_deleted_by_id(LOCAL_OWNER, older.id).name == "Plan"
    assert storage.load(LOCAL_OWNER, "Plan")[0] == blank_scenario()


def test_a_file_that_is_not_a_database_is_a_storage_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(StorageError, match="can't be used") as raised:
        Storage(f"sqlite:///{path}").list(LOCAL_OWNER)
    assert "download the scenario file" in str(raised.value)


def test_an_unknown_kind_of_database_is_a_storage_error():
    with pytest.raises(StorageError, match="is not a database Stay or Go can use"):
        Storage("sqlite3:////tmp/x.db")


# Id-first: a scenario is known by its id --------------------------------------------------------


def test_create_scenario_returns_its_id_and_everything_works_by_id(storage, clock):
    info = storage.create_scenario(LOCAL_OWNER, "  Plan  ", blank_scenario())
    assert (info.name, info.version, info.updated_at) == ("Plan", 1, clock.now)
    assert [i.id for i in storage.list(LOCAL_OWNER)] == [info.id]
    assert storage.load_by_id(LOCAL_OWNER, info.id) == (blank_scenario(), info)

    clock.tick()
    changed = edited(blank_scenario(), currency="€")
    saved = storage.save_by_id(LOCAL_OWNER, info.id, changed, expected_version=1)
    assert (saved.id, saved.name, saved.version, saved.updated_at) == (info.id, "Plan", 2, clock.now)
    assert storage.save_by_id(LOCAL_OWNER, info.id, changed, expected_version=1) == saved  # unchanged
    with pytest.raises(StaleWrite):
        storage.save_by_id(LOCAL_OWNER, info.id, blank_scenario(), expected_version=1)
    assert [v.version for v in storage.versions_by_id(LOCAL_OWNER, info.id)] == [2, 1]
    assert storage.load_version_by_id(LOCAL_OWNER, info.id, 1) == blank_scenario()

    clock.tick()
    restored = storage.restore_version_by_id(LOCAL_OWNER, info.id, 1, expected_version=2)
    assert restored.version == 3 and storage.load_by_id(LOCAL_OWNER, info.id)[0] == blank_scenario()
    renamed = storage.rename_by_id(LOCAL_OWNER, info.id, "Plan B")
    assert (renamed.id, renamed.name, renamed.version) == (info.id, "Plan B", 3)
    assert storage.info(LOCAL_OWNER, info.id) == renamed
    copy = storage.duplicate_by_id(LOCAL_OWNER, info.id, "Plan C")
    assert copy.id != info.id and storage.load_by_id(LOCAL_OWNER, copy.id)[0] == blank_scenario()

    storage.delete_by_id(LOCAL_OWNER, info.id)
    for look in (storage.load_by_id, storage.info, storage.versions_by_id):
        with pytest.raises(ScenarioNotFound, match="deleted in another tab"):
            look(LOCAL_OWNER, info.id)
    back = storage.restore_deleted_by_id(LOCAL_OWNER, info.id, new_name="Plan again")
    assert (back.id, back.name, back.version) == (info.id, "Plan again", 3)
    # Another owner can't reach it by id either.
    with pytest.raises(ScenarioNotFound):
        storage.load_by_id("mallory@example.com", info.id)
    with pytest.raises(ScenarioNotFound):
        storage.save_by_id("mallory@example.com", info.id, blank_scenario(), expected_version=3)


def test_by_id_a_rename_elsewhere_is_followed_and_a_new_scenario_with_the_old_name_is_left_alone(storage):
    """Tab A has "Example" open. Tab B renames it to "Plan" and makes a new "Example". Tab A's
    next edit, and its "show the saved version", reach the scenario it has open."""
    mine = storage.create_scenario(LOCAL_OWNER, "Example", blank_scenario())
    # tab B
    storage.rename_by_id(LOCAL_OWNER, mine.id, "Plan")
    theirs = storage.create_scenario(LOCAL_OWNER, "Example", example_scenario())
    # tab A
    edit = edited(blank_scenario(), currency="A")
    saved = storage.save_by_id(LOCAL_OWNER, mine.id, edit, expected_version=1)
    assert (saved.name, saved.version) == ("Plan", 2)
    assert storage.load_by_id(LOCAL_OWNER, mine.id) == (edit, saved)
    assert storage.load_by_id(LOCAL_OWNER, theirs.id) == (example_scenario(), theirs)


# First visit ----------------------------------------------------------------------------------


def test_first_visit_gives_the_latest_scenario_or_creates_one(storage, clock):
    info, created = storage.latest_or_create(LOCAL_OWNER, "Example", example_scenario())
    assert created and (info.name, info.version) == ("Example", 1)
    assert storage.latest_or_create(LOCAL_OWNER, "Example", example_scenario()) == (info, False)
    clock.tick()
    other = storage.create_scenario(LOCAL_OWNER, "Other", blank_scenario())
    assert storage.latest_or_create(LOCAL_OWNER, "Example", example_scenario()) == (other, False)
    assert len(storage.list(LOCAL_OWNER)) == 2


def test_five_tabs_opened_together_on_an_empty_database_get_the_same_scenario(open_storage):
    """Five tabs in two app processes open at the same moment: one "Example" is created and all
    five are given it (on main, a third were told the name was taken and saving stayed off)."""
    processes = [open_storage(), open_storage()]
    for attempt in range(3):  # several rounds, each for a new owner, to give the race a chance
        owner = f"newcomer-{attempt}@example.com"
        start = threading.Barrier(5)
        results: list[object] = []

        def open_tab(
            k: int, owner: str = owner, start: threading.Barrier = start, results: list = results
        ) -> None:
            start.wait()
            try:
                results.append(processes[k % 2].latest_or_create(owner, "Example", example_scenario()))
            except Exception as error:  # the test reports whatever went wrong
                results.append(error)

        threads = [threading.Thread(target=open_tab, args=(k,)) for k in range(5)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert all(isinstance(r, tuple) for r in results), results
        assert len(results) == 5
        assert len({info.id for info, _ in results}) == 1
        assert sum(created for _, created in results) == 1
        assert [i.name for i in processes[0].list(owner)] == ["Example"]


def test_eight_tabs_starting_blank_scenarios_together_each_get_one_under_its_own_name(open_storage):
    """Eight tabs in two processes press "New blank scenario" at the same moment: eight scenarios,
    named Untitled, Untitled 2 ... Untitled 8 (listing the names, then saving, let two tabs pick
    the same name, and the later was told it was taken)."""
    processes = [open_storage(), open_storage()]
    owner = "starter@example.com"
    start = threading.Barrier(8)
    results: list[object] = []

    def new_blank(k: int) -> None:
        start.wait()
        try:
            results.append(processes[k % 2].create_with_free_name(owner, "Untitled", blank_scenario()))
        except Exception as error:  # the test reports whatever went wrong
            results.append(error)

    threads = [threading.Thread(target=new_blank, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert all(not isinstance(r, Exception) for r in results), results
    expected = ["Untitled"] + [f"Untitled {n}" for n in range(2, 9)]
    assert sorted(r.name for r in results) == sorted(expected)
    assert sorted(i.name for i in processes[0].list(owner)) == sorted(expected)


def test_first_visit_in_separate_processes_creates_exactly_one(db_url, tmp_path):
    """Eight `python -c` processes, each ready (imports done, storage made) and then told to open
    the database at the same moment: one scenario, the same id for all, and no process finding
    a table made under it by another (which happened on a new SQLite file, 2 runs in 8)."""
    import subprocess
    import sys
    import time

    code = (
        "import sys, time; from core.storage.database import Storage; from core.model.example import example_scenario\n"
        "storage = Storage(sys.argv[1]); example = example_scenario()\n"
        "time.sleep(max(0.0, float(sys.argv[2]) - time.time()))\n"
        "info, created = storage.latest_or_create('proc@example.com', 'Example', example)\n"
        "print(info.id, int(created))"
    )
    at = str(time.time() + 4)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, db_url, at],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [
        err.strip().splitlines()[-1:] for p, (_out, err) in zip(procs, results, strict=True) if p.returncode
    ] == []
    outs = [out.split() for out, _err in results]
    assert len({out[0] for out in outs}) == 1
    assert sum(int(out[1]) for out in outs) == 1


# Names that look the same -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("Pl\u200ban", "a zero-width space (U+200B)"),
        ("\u202eevil", "a right-to-left override (U+202E)"),
        ("Plan\u2066B\u2069", "a left-to-right isolate (U+2066)"),
        ("\ufeffPlan", "a zero-width no-break space (U+FEFF)"),
    ],
)
def test_a_name_with_an_invisible_character_is_refused_naming_it(storage, typed, said):
    storage.create(LOCAL_OWNER, "Plan", blank_scenario())
    with pytest.raises(ValueError, match=re.escape(f"can't hold {said}")):
        storage.create_scenario(LOCAL_OWNER, typed, blank_scenario())
    info = storage.list(LOCAL_OWNER)[0]
    with pytest.raises(ValueError, match="remove it"):
        storage.rename_by_id(LOCAL_OWNER, info.id, typed)
    assert [i.name for i in storage.list(LOCAL_OWNER)] == ["Plan"]


def test_a_name_stored_before_the_rule_can_still_be_opened_and_renamed(storage):
    info = storage.create_scenario(LOCAL_OWNER, "Plan", blank_scenario())
    with storage.engine.begin() as conn:  # as an older Stay or Go stored it
        conn.execute(update(scenarios_table).values(name="Pl\u200ban", name_key="pl\u200ban"))
    (listed,) = storage.list(LOCAL_OWNER)
    assert listed.name == "Pl\u200ban"
    assert storage.load_by_id(LOCAL_OWNER, info.id)[0] == blank_scenario()
    assert storage.rename_by_id(LOCAL_OWNER, info.id, "Plan").name == "Plan"


def test_an_emoji_made_with_a_zero_width_joiner_is_a_name(storage):
    family = "Family plan 👩\u200d👩\u200d👧"
    assert storage.create_scenario(LOCAL_OWNER, family, blank_scenario()).name == family


# Limits ---------------------------------------------------------------------------------------


def test_scenarios_per_person_are_limited_with_a_message_saying_what_to_do(open_storage):
    assert storage_module.MAX_SCENARIOS_PER_OWNER == 200
    storage = open_storage(max_scenarios=3)
    infos = [storage.create_scenario(LOCAL_OWNER, f"Plan {k}", blank_scenario()) for k in range(3)]
    with pytest.raises(TooManyScenarios, match="You have 3 saved scenarios.*Delete one you no longer need"):
        storage.create_scenario(LOCAL_OWNER, "One more", blank_scenario())
    with pytest.raises(TooManyScenarios):
        storage.duplicate_by_id(LOCAL_OWNER, infos[0].id, "Copy")
    storage.create_scenario("someone-else", "Theirs", blank_scenario())  # per person
    storage.delete_by_id(LOCAL_OWNER, infos[0].id)
    storage.create_scenario(LOCAL_OWNER, "One more", blank_scenario())
    with pytest.raises(TooManyScenarios):  # bringing the deleted one back would make 4
        storage.restore_deleted_by_id(LOCAL_OWNER, infos[0].id)
    assert len(storage.list(LOCAL_OWNER)) == 3


def test_versions_kept_per_scenario_stay_at_twenty(storage, clock):
    assert storage_module.DEFAULT_HISTORY == 20
    info = storage.create_scenario(LOCAL_OWNER, "Plan", blank_scenario())
    for v in range(1, 25):
        clock.tick()
        info = storage.save_by_id(LOCAL_OWNER, info.id, edited(blank_scenario(), currency=f"V{v}"), v)
    assert [v.version for v in storage.versions_by_id(LOCAL_OWNER, info.id)] == list(range(25, 5, -1))


def test_uploads_per_minute_are_limited_per_person():
    assert hosting.UPLOADS_PER_MINUTE == 10
    now = [1000.0]
    limiter = UploadRateLimiter(limit=3, clock=lambda: now[0])
    for _ in range(3):
        limiter.check("ann")
        now[0] += 10
    with pytest.raises(
        TooManyUploads, match="more than 3 files opened in a minute. Wait 30 seconds"
    ) as raised:
        limiter.check("ann")
    assert raised.value.wait_seconds == pytest.approx(30.0)
    limiter.check("bob")  # someone else is not held up
    now[0] += 30  # the first upload is a minute old
    limiter.check("ann")
    with pytest.raises(TooManyUploads):
        limiter.check("ann")


# The person's own data --------------------------------------------------------------------------


def test_export_all_has_every_current_version_of_this_owner_only(storage, clock):
    alice, bob = "alice@example.com", "bob@example.com"
    plan = storage.create_scenario(alice, "Plan", blank_scenario())
    clock.tick()
    storage.save_by_id(alice, plan.id, edited(blank_scenario(), currency="€"), 1)
    offers = storage.create_scenario(alice, "Offers", example_scenario())
    gone = storage.create_scenario(alice, "Gone", blank_scenario())
    storage.delete_by_id(alice, gone.id)
    storage.create_scenario(bob, "Bob's", blank_scenario())

    exported = json.loads(json.dumps(storage.export_all(alice)))  # it is JSON as it is
    assert exported["format"] == "stay-or-go/export" and exported["version"] == 1
    assert exported["owner"] == alice
    assert [(s["id"], s["name"], s["version"]) for s in exported["scenarios"]] == [
        (plan.id, "Plan", 2),
        (offers.id, "Offers", 1),
    ]
    assert scenario_from_json(json.dumps(exported["scenarios"][0]["scenario"])).currency == "€"
    assert scenario_from_json(json.dumps(exported["scenarios"][1]["scenario"])) == example_scenario()
    assert storage.export_all("nobody")["scenarios"] == []


def test_delete_all_removes_one_owners_data_and_leaves_the_others(storage):
    alice, bob = "alice@example.com", "bob@example.com"
    for owner in (alice, bob):
        plan = storage.create_scenario(owner, "Plan", blank_scenario())
        storage.save_by_id(owner, plan.id, edited(blank_scenario(), currency="€"), 1)
        gone = storage.create_scenario(owner, "Gone", blank_scenario())
        storage.delete_by_id(owner, gone.id)
    url = storage.url.render_as_string(hide_password=False)
    bobs_before = [r for r in only_table_rows(url, scenarios_table) if r.owner == bob]
    bob_ids = {r.id for r in bobs_before}
    bobs_versions = [r for r in only_table_rows(url, versions_table) if r.scenario_id in bob_ids]

    assert storage.delete_all(alice) == 2
    assert storage.list(alice) == [] and storage.list_deleted(alice) == []
    rows = only_table_rows(url, scenarios_table)
    assert all(r.owner == bob for r in rows) and rows == bobs_before
    assert only_table_rows(url, versions_table) == bobs_versions
    assert storage.delete_all(alice) == 0


# Hosting --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "sign_in", "flag", "refused"),
    [
        ("sqlite:////home/me/scenarios.db", False, None, False),
        ("sqlite:///:memory:", False, None, False),
        ("postgresql+psycopg://u:pw@db.example/so", False, None, True),
        ("postgresql+psycopg://u:pw@db.example/so", False, "0", True),
        ("postgresql+psycopg://u:pw@db.example/so", False, "1", False),
        ("postgresql+psycopg://u:pw@db.example/so", True, None, False),
        ("mysql://u:pw@db.example/so", False, "", True),
    ],
)
def test_a_shared_database_without_sign_in_is_refused_unless_single_user(url, sign_in, flag, refused):
    message = hosted_without_sign_in(url, sign_in, flag)
    assert (message is not None) == refused
    if refused:
        assert "sign-in is not configured" in message and "[auth]" in message
        assert "STAY_OR_GO_SINGLE_USER=1" in message and "pw" not in message


def test_the_examples_in_the_storage_docstrings_hold():
    import doctest

    for module in (hosting, names):
        result = doctest.testmod(module)
        assert (result.failed, result.attempted > 0) == (0, True), module.__name__


# Time limits ----------------------------------------------------------------------------------


def _empty_postgres(server: PostgresServer) -> str:
    url = server.url()
    engine = create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    return url


def _cluster_pids(server: PostgresServer) -> list[int]:
    """The postmaster and every process it started (one per connection, and its helpers)."""
    postmaster = int((server.data_dir / "postmaster.pid").read_text().split()[0])
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == postmaster:
            children.append(int(stat.parent.name))
    return [postmaster, *children]


@contextmanager
def frozen(server: PostgresServer):
    """SIGSTOP the whole PostgreSQL cluster: it accepts TCP connections and answers nothing."""
    pids = _cluster_pids(server)
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)


def test_a_frozen_postgresql_fails_a_save_within_the_limit_and_works_again_after(
    postgres_server, clock, capsys
):
    url = _empty_postgres(postgres_server)
    limit = storage_module.DATABASE_TIMEOUT_SECONDS
    storage = NamedStorage(url, clock=clock)
    try:
        info = storage.create_scenario(LOCAL_OWNER, "Plan", blank_scenario())  # a pooled connection
        edit = edited(blank_scenario(), currency="€")
        with frozen(postgres_server):
            for attempt in ("a pooled connection", "a new connection"):
                started = time.monotonic()
                with pytest.raises(DatabaseTimeout) as raised:
                    if attempt == "a new connection":
                        storage.close()  # nothing pooled: it has to connect
                    storage.save_by_id(LOCAL_OWNER, info.id, edit, expected_version=1)
                took = time.monotonic() - started
                assert took < limit + 2, f"{attempt}: failed after {took:.1f} s"
                message = str(raised.value)
                assert f"did not answer within {limit} seconds" in message
                assert "try again in a moment" in message and "ask whoever looks after it" in message
            # The readiness probe says so too, within the limit.
            started = time.monotonic()
            assert main(["check", "--db", url]) == 1
            assert time.monotonic() - started < limit + 2
            err = capsys.readouterr().err
            assert err == f"not ready: {storage.location}: no answer within {limit} seconds\n"
        saved = storage.save_by_id(LOCAL_OWNER, info.id, edit, expected_version=1)
        assert saved.version == 2 and storage.load_by_id(LOCAL_OWNER, info.id)[0] == edit
        assert main(["check", "--db", url]) == 0
    finally:
        storage.close()


def test_sqlite_locked_by_another_program_fails_within_the_limit(tmp_path):
    path = tmp_path / "scenarios.db"
    storage = NamedStorage(f"sqlite:///{path}", timeout=1)
    info = storage.create_scenario(LOCAL_OWNER, "Plan", blank_scenario())
    other = sqlite3.connect(path)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        started = time.monotonic()
        with pytest.raises(DatabaseTimeout, match="stayed locked by another program for 1 seconds"):
            storage.save_by_id(LOCAL_OWNER, info.id, edited(blank_scenario(), currency="€"), 1)
        assert time.monotonic() - started < 3
    finally:
        other.rollback()
        other.close()
    assert storage.save_by_id(LOCAL_OWNER, info.id, edited(blank_scenario(), currency="€"), 1).version == 2
    storage.close()


def test_the_readiness_check_reads_and_writes_the_database(db_url, open_storage, capsys):
    storage = open_storage()
    storage.create_scenario(LOCAL_OWNER, "Plan", blank_scenario())
    assert main(["check", "--db", db_url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "read: 1 saved scenario (1 person)" in out and out[-1] == "ready"
    assert storage.load_by_id(LOCAL_OWNER, storage.list(LOCAL_OWNER)[0].id)[1].version == 1


def test_backup_and_restore_of_postgresql_point_to_pg_dump(postgres_url, capsys, tmp_path):
    assert main(["backup", str(tmp_path / "x.db"), "--db", postgres_url]) == 1
    assert "pg_dump" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()


def test_pg_dump_and_pg_restore_bring_every_version_back(postgres_server, clock):
    """What docs/deployment.md says to do on PostgreSQL, done: dump, restore into a new
    database, and every owner's scenarios and versions are there."""
    storage = NamedStorage(_empty_postgres(postgres_server), clock=clock)
    info = storage.create_scenario(LOCAL_OWNER, "Plan", blank_scenario())
    for v in range(1, 6):
        info = storage.save_by_id(LOCAL_OWNER, info.id, edited(blank_scenario(), currency=f"V{v}"), v)
    storage.create_scenario("ann@example.com", "Hers", example_scenario())
    dump = "stay-or-go.dump"  # in the server's folder, which the postgres user can write
    port = str(postgres_server.port)
    postgres_server._run("pg_dump", "-h", "127.0.0.1", "-p", port, "-U", "postgres",
                         "--format=custom", f"--file={dump}", "stay_or_go_test")  # fmt: skip
    postgres_server._run("createdb", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "restored")
    try:
        postgres_server._run("pg_restore", "-h", "127.0.0.1", "-p", port, "-U", "postgres",
                             "--no-owner", "--dbname=restored", dump)  # fmt: skip
        with NamedStorage(postgres_server.url("restored")) as restored:
            assert restored.load_by_id(LOCAL_OWNER, info.id) == (
                edited(blank_scenario(), currency="V5"),
                info,
            )
            assert [v.version for v in restored.versions_by_id(LOCAL_OWNER, info.id)] == [6, 5, 4, 3, 2, 1]
            assert [i.name for i in restored.list("ann@example.com")] == ["Hers"]
            # New scenarios get new ids (the id sequence came along too).
            assert restored.create_scenario(LOCAL_OWNER, "After", blank_scenario()).id > info.id
    finally:
        storage.close()
        postgres_server._run("dropdb", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "restored")


def test_a_stored_version_with_such_an_option_name_is_named_and_can_be_restored_past(storage, clock):
    """Saved by an older Stay or Go: opening it says which scenario and what to change, never a
    traceback; an earlier version still opens."""
    info = storage.create_scenario(LOCAL_OWNER, "Plan", example_scenario())
    data = json.loads(scenario_to_json(example_scenario()))
    data["options"][0]["name"] = "\u202eexebolG"
    clock.tick()
    storage.save_by_id(LOCAL_OWNER, info.id, edited(example_scenario(), currency="€"), 1)
    _overwrite_stored_data(storage, 2, json.dumps(data))
    with pytest.raises(UnreadableScenario) as raised:
        storage.load_by_id(LOCAL_OWNER, info.id)
    message = str(raised.value)
    assert "“Plan” (version 2) can't be read" in message
    assert "a right-to-left override (U+202E)" in message and "Restore an earlier version" in message
    assert storage.restore_version_by_id(LOCAL_OWNER, info.id, 1, expected_version=2).version == 3
    assert storage.load_by_id(LOCAL_OWNER, info.id)[0] == example_scenario()


def test_a_free_name_taken_by_a_rename_at_the_same_moment_is_picked_again(open_storage, monkeypatch):
    """A rename (which doesn't wait for creators) takes "Untitled" between the creator's look at
    the names and its save: the creator picks again and saves "Untitled 2", never a traceback."""
    import core.storage.database as storage_module

    storage = open_storage()
    if storage.url.get_backend_name() == "sqlite":
        pytest.skip("on SQLite the creator holds the one write lock: a rename waits for it to finish")
    other = storage.create_scenario(LOCAL_OWNER, "Plan", blank_scenario())
    real = storage_module.free_name
    calls = []

    def free_name_then_renamed(base, taken, suffix=""):
        name = real(base, taken, suffix)
        if not calls:
            calls.append(name)
            storage.rename_by_id(LOCAL_OWNER, other.id, name)  # another tab, in between
        return name

    monkeypatch.setattr(storage_module, "free_name", free_name_then_renamed)
    info = storage.create_with_free_name(LOCAL_OWNER, "Untitled", blank_scenario())
    assert calls == ["Untitled"]
    assert info.name == "Untitled 2"
    assert sorted(i.name for i in storage.list(LOCAL_OWNER)) == ["Untitled", "Untitled 2"]


def test_one_live_scenario_per_name_is_a_partial_unique_index_on_both_databases(open_storage):
    """The rule "one live scenario per name and owner" is the database's own: a unique index over
    live rows only (deleted ones may share a name). On PostgreSQL its WHERE clause is added when a
    Storage opens one, so that a SQLite process never loads the PostgreSQL dialect."""
    from sqlalchemy import text

    storage = open_storage()
    storage.create_scenario(LOCAL_OWNER, "Plan", blank_scenario())
    with storage.engine.connect() as conn:
        if storage.url.get_backend_name() == "postgresql":
            definition = conn.execute(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = 'stay_or_go_scenarios_live_name'")
            ).scalar_one()
        else:
            definition = conn.execute(
                text("SELECT sql FROM sqlite_master WHERE name = 'stay_or_go_scenarios_live_name'")
            ).scalar_one()
    assert "UNIQUE" in definition.upper()
    assert "deleted_at IS NULL" in definition
