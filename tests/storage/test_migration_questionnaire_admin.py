"""0004: an existing host gets its first account as admin; only the admin's questionnaires stay public."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from nearer.storage.db import MIGRATIONS


def _upgrade(conn: object, target: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    command.upgrade(config, target)


def test_upgrade_from_0002_keeps_old_rows_and_binds_them(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    with engine.begin() as conn:
        _upgrade(conn, "0002")
        conn.execute(
            text(
                "INSERT INTO users (id, email, is_local, created_at) VALUES"
                " (1, NULL, 1, '2026-01-01'), (2, 'first@example.org', 0, '2026-01-02'),"
                " (3, 'later@example.org', 0, '2026-01-03')"
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
        assert [tuple(row) for row in published] == [
            ("by-first", 1, None),
            ("by-later", 0, None),
            ("orphan", 0, None),
        ]
        assert claim.scalar() == "2"
    engine.dispose()


def test_upgrade_of_an_empty_host_claims_nothing(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    with engine.begin() as conn:
        _upgrade(conn, "head")
        assert conn.execute(text("SELECT COUNT(*) FROM app_settings")).scalar() == 0
    engine.dispose()
