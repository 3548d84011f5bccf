"""Fixtures shared by the test modules."""

import pytest  # noqa: E402

from tests.apptest_support import app, example_app  # noqa: F401  (AppTest fixtures)

# Streamlit scripts the browser tests run as apps: not modules to import (pytest imports every
# module to look for doctests, pyproject.toml).
collect_ignore = ["live_priorities_app.py", "typed_text_app.py"]


@pytest.fixture(autouse=True)
def _own_database(tmp_path, monkeypatch):
    """Every test saves scenarios to a database of its own, never the person's real one."""
    monkeypatch.setenv("STAY_OR_GO_DB_URL", f"sqlite:///{tmp_path / 'saved-scenarios.db'}")
