"""Saved scenarios: the database (SQLite or PostgreSQL, id-first, versions kept), one tab's open
scenario and its saves (workspace), and backup and restore."""
