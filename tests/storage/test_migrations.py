"""Migrations build the whole schema from empty, on SQLite and on PostgreSQL."""

from __future__ import annotations

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from nearer.storage.db import LATEST_REVISION, MIGRATIONS, Database, current_revision, migrate
from nearer.storage.models import Base


def test_latest_revision_constant_matches_the_newest_migration() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == LATEST_REVISION


def test_migrating_from_empty_creates_every_table(db: Database) -> None:
    tables = set(inspect(db.engine).get_table_names())
    assert {t.name for t in Base.metadata.sorted_tables} <= tables
    assert current_revision(db.engine) == LATEST_REVISION


def test_migrate_twice_is_harmless(db: Database) -> None:
    migrate(db.engine)
    assert current_revision(db.engine) == LATEST_REVISION


def test_sqlite_runs_with_wal_and_foreign_keys(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
