"""Helpers for driving the app in-process with Streamlit's AppTest.

Two things a person does have no AppTest method, so these helpers do what the browser does:
- editing an st.data_editor: the browser sends the edits as the widget's JSON string value, which
  fires the editor's on_change callback exactly as in the app;
- reading what a download button holds: the bytes live in AppTest's in-memory media storage.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from tests.scenarios import simple_example

APP = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")


class RecordingMediaStorage(MemoryMediaFileStorage):
    """The in-memory storage AppTest uses, remembered so a test can read downloads."""

    latest: RecordingMediaStorage | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        RecordingMediaStorage.latest = self


class RecordingMediaFileManager(MediaFileManager):
    """AppTest's media file manager, remembered so a test can click a download whose file is
    written on the click (a callable as its data), as the browser does."""

    latest: RecordingMediaFileManager | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        RecordingMediaFileManager.latest = self


class ServerPagesManager(PagesManager):
    """Pages as a running server sees them once the entrypoint has called st.navigation.

    Streamlit reads a `pages/` folder as its older multipage API until st.navigation has run once in
    the process; a server does that on its first page view, but AppTest starts every run afresh.
    `ui.nav` handles that first view (test_deep_link_to_a_page_before_navigation_ran covers it);
    this shim gives the other tests the steady state every later request of a server is in.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


def start_tab(monkeypatch, scenario=None, *, secrets=None, user=None) -> AppTest:
    """One browser tab on the app: a session of its own, sharing the test's database.

    `scenario` is put in the session before the first run (it is saved as a new scenario);
    `secrets` and `user` stand for .streamlit/secrets.toml and the signed-in person (st.user)."""
    monkeypatch.setattr("streamlit.testing.v1.app_test.MemoryMediaFileStorage", RecordingMediaStorage)
    monkeypatch.setattr("streamlit.testing.v1.app_test.PagesManager", ServerPagesManager)
    monkeypatch.setattr("streamlit.testing.v1.app_test.MediaFileManager", RecordingMediaFileManager)
    at = AppTest.from_file(APP, default_timeout=30)
    if scenario is not None:
        at.session_state["scenario"] = scenario
    if secrets is not None:
        at.secrets.update(secrets)
    if user is not None:
        at.user = user
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


_start = start_tab


@pytest.fixture
def app(monkeypatch) -> AppTest:
    """The app seeded with the example reduced to flat yearly pay (tests/scenarios.py), whose
    scores are worked out by hand in the tests."""
    return _start(monkeypatch, simple_example())


@pytest.fixture
def example_app(monkeypatch) -> AppTest:
    """The app as a person opens it: the built-in example."""
    return _start(monkeypatch)


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def edit_table(
    at: AppTest,
    key_prefix: str,
    edited_rows: dict[int, dict[str, Any]] | None = None,
    added_rows: list[dict[str, Any]] | None = None,
    deleted_rows: list[int] | None = None,
) -> AppTest:
    """Edit the data editor whose key starts with `key_prefix`, as the browser would."""
    editors = [e for e in at.data_editor if e.key and e.key.startswith(key_prefix)]
    assert len(editors) == 1, f"expected one editor {key_prefix!r}, found {[e.key for e in at.data_editor]}"
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = editors[0].proto.id
    state.string_value = json.dumps(
        {
            "edited_rows": {str(k): v for k, v in (edited_rows or {}).items()},
            "added_rows": added_rows or [],
            "deleted_rows": deleted_rows or [],
        }
    )
    at._run(states)
    assert not at.exception, [e.value for e in at.exception]
    return at


def download(at: AppTest, key: str) -> bytes:
    """The bytes a download button would hand the browser. A button whose file is written when
    it is clicked (a callable as its data) is clicked, as the browser does: its file is made."""
    button = next(b for b in at.get("download_button") if b.key == key)
    storage = RecordingMediaStorage.latest
    assert storage is not None
    url = button.proto.url
    if button.proto.HasField("deferred_file_id"):
        manager = RecordingMediaFileManager.latest
        assert manager is not None
        url = manager.execute_deferred(button.proto.deferred_file_id)
    return storage.get_file(url.rsplit("/", 1)[-1].split(".", 1)[0]).content


def texts(at: AppTest, kind: str) -> list[str]:
    return [str(e.value) for e in getattr(at, kind)]


_commits = iter(range(1, 1_000_000))


def set_priorities(at: AppTest, page: str, **weights: float) -> AppTest:
    """Let go of the live priorities (ui.live_priorities) on `page` ("compare" or "priorities")
    with these weights changed, as the browser sends it: every weight, in one commit."""
    scenario = at.session_state["_tab"].edits.scenario
    every = {c.id: c.weight for c in scenario.criteria} | weights
    at.session_state[f"live:{page}"] = {"commit": {"token": "tab", "seq": next(_commits), "weights": every}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def picked_scenario(at: AppTest) -> str:
    """The name the sidebar's scenario picker shows (its value is the scenario's id)."""
    picker = at.sidebar.selectbox(key="scenario_picker")
    return picker.format_func(picker.value)


def pick_scenario(at: AppTest, name: str) -> AppTest:
    """Pick the saved scenario shown as `name` in the sidebar's picker, and run."""
    from core.storage.database import LOCAL_OWNER, Storage
    from core.storage.location import default_url

    picker = at.sidebar.selectbox(key="scenario_picker")
    with Storage(default_url()) as storage:  # every id the picker can hold: the local owner's, live or not
        ids = [i.id for i in storage.list(LOCAL_OWNER)] + [d.id for d in storage.list_deleted(LOCAL_OWNER)]
    scenario_id = next(i for i in ids if picker.format_func(i) == name)
    return picker.set_value(scenario_id).run()
