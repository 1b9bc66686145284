"""0004: an existing host gets its first account as admin; only the admin's questionnaires stay public."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, text

from nearer.storage.db import MIGRATIONS


def _upgrade(conn: object, target: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    command.upgrade(config, target)


@pytest.fixture(params=["sqlite", "postgres"])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on an empty database (a new SQLite file, or a new PostgreSQL schema)."""
    if request.param == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
        yield engine
        engine.dispose()
        return
    from conftest import POSTGRES_URL, _postgres_reachable

    if not _postgres_reachable():
        pytest.skip("PostgreSQL is not reachable")
    schema = f"nearer_mig_{uuid.uuid4().hex[:10]}"
    owner = create_engine(POSTGRES_URL)
    with owner.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine = create_engine(f"{POSTGRES_URL}?options=-csearch_path%3D{schema}")
    yield engine
    engine.dispose()
    with owner.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    owner.dispose()


def test_upgrade_from_0002_keeps_old_rows_and_binds_them(empty_engine: Engine) -> None:
    engine = empty_engine
    with engine.begin() as conn:
        _upgrade(conn, "0002")
        conn.execute(
            text(
                "INSERT INTO users (id, email, is_local, created_at) VALUES"
                " (1, NULL, true, '2026-01-01'), (2, 'first@example.org', false, '2026-01-02'),"
                " (3, 'later@example.org', false, '2026-01-03')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO custom_instruments (id, added_by, definition, created_at) VALUES"
                " ('by-first', 2, 'x', '2026-01-04'), ('by-later', 3, 'y', '2026-01-05'),"
                " ('orphan', NULL, 'z', '2026-01-06')"
            )
        )
    with engine.begin() as conn:
        _upgrade(conn, "head")
        admins = conn.execute(text("SELECT id FROM users WHERE is_admin ORDER BY id")).all()
        published = conn.execute(
            text("SELECT id, published, parsed FROM custom_instruments ORDER BY id")
        ).all()
        claim = conn.execute(text("SELECT value FROM app_settings WHERE key = 'first_admin'"))
        assert [row[0] for row in admins] == [2]
        assert [(row[0], bool(row[1]), row[2]) for row in published] == [
            ("by-first", True, None),
            ("by-later", False, None),
            ("orphan", False, None),
        ]
        assert claim.scalar() == "2"


def test_upgrade_of_an_empty_host_claims_nothing(empty_engine: Engine) -> None:
    with empty_engine.begin() as conn:
        _upgrade(conn, "head")
        assert conn.execute(text("SELECT COUNT(*) FROM app_settings")).scalar() == 0


def test_upgrade_to_0014_forgets_zones_that_are_no_place(empty_engine: Engine) -> None:
    """localtime, Factory, posixrules, posix/… and right/… were once accepted as time zones."""
    with empty_engine.begin() as conn:
        _upgrade(conn, "0013_reactions_kept")
        zones = ["localtime", "Factory", "posixrules", "posix/Europe/Paris", "right/UTC",
                 "Europe/Paris", "Pacific/Auckland", None]
        for n, zone in enumerate(zones, start=1):
            conn.execute(
                text("INSERT INTO users (id, email, is_local, created_at, time_zone) VALUES"
                     " (:id, :email, false, '2026-01-01', :zone)"),
                {"id": n, "email": f"z{n}@example.org", "zone": zone},
            )
        _upgrade(conn, "0014_place_zones")
        kept = conn.execute(text("SELECT time_zone FROM users ORDER BY id")).scalars().all()
    assert kept == [None, None, None, None, None, "Europe/Paris", "Pacific/Auckland", None]
