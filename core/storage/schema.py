"""The database layout of the saved scenarios: one row per scenario (its owner, name, current version
and whether it is deleted) and one row per kept version (its scenario JSON), with the layout's own
version in ``stay_or_go_schema`` so a later layout can migrate the tables.

Built with SQLAlchemy Core; the same tables serve SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, MetaData, String, Table, Text
from sqlalchemy.types import TypeDecorator

from core.storage.names import MAX_NAME_CHARS, MAX_OWNER_CHARS

SCHEMA_VERSION = 1


class _UtcDateTime(TypeDecorator[datetime]):
    """A point in time stored as UTC and always read back as an aware UTC datetime, on every database."""

    impl = DateTime
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(timezone=True)

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("storage times must be timezone-aware")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

schema_table = Table(
    "stay_or_go_schema",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # always 1: one row
    Column("version", Integer, nullable=False),
)

scenarios_table = Table(
    "stay_or_go_scenarios",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("owner", String(MAX_OWNER_CHARS), nullable=False),
    Column("name", String(MAX_NAME_CHARS), nullable=False),
    Column("name_key", String(3 * MAX_NAME_CHARS), nullable=False),  # casefold grows a character to 3 at most
    Column("version", Integer, nullable=False),
    Column("created_at", _UtcDateTime(), nullable=False),
    Column("updated_at", _UtcDateTime(), nullable=False),  # when the content last changed
    Column("deleted_at", _UtcDateTime(), nullable=True),  # set: deleted, restorable
)
live_only = scenarios_table.c.deleted_at.is_(None)
# One live scenario per name and owner; deleted ones may share a name with a live one. PostgreSQL's
# `postgresql_where` is added when a Storage opens one (`for_postgres`): naming it here would load
# SQLAlchemy's PostgreSQL dialect, a tenth of a second, in every process that starts.
_live_name_index = Index(
    "stay_or_go_scenarios_live_name",
    scenarios_table.c.owner,
    scenarios_table.c.name_key,
    unique=True,
    sqlite_where=live_only,
)


def for_postgres() -> None:
    _live_name_index.dialect_kwargs["postgresql_where"] = live_only


Index("stay_or_go_scenarios_owner", scenarios_table.c.owner, scenarios_table.c.deleted_at)

versions_table = Table(
    "stay_or_go_versions",
    metadata,
    Column("scenario_id", Integer, ForeignKey(scenarios_table.c.id), primary_key=True),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("data", Text, nullable=False),  # the scenario JSON of core.files.scenario_json
    Column("saved_at", _UtcDateTime(), nullable=False),  # its last change
    # Autosave: which tab wrote it, and when that tab's run of changes began (see
    # `Storage.save_by_id`, `merge_within`).
    Column("writer", String(64), nullable=True),
    Column("started_at", _UtcDateTime(), nullable=True),
)
