"""Fixtures shared by the test modules."""

from tests.apptest_support import app  # noqa: F401  (the `app` fixture: the app in AppTest)
