"""Fixtures shared by the test modules."""

from tests.apptest_support import app, example_app  # noqa: F401  (AppTest fixtures)
