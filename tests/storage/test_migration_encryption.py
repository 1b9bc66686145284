"""0011: a host from before encryption keeps every row readable, each row that will be sealed
gets its own random uid, and the people's text is sealed at their next login."""

from __future__ import annotations

from sqlalchemy import Engine, text
from storage.test_migration_questionnaire_admin import _upgrade, empty_engine  # noqa: F401

from nearer.domain import crypto
from nearer.services import accounts, journal, vault
from nearer.settings import Settings
from nearer.storage.db import Database


def test_upgrade_from_0007_then_login_seals_the_old_text(
    empty_engine: Engine,  # noqa: F811
    settings: Settings,
) -> None:
    engine = empty_engine
    hashed = accounts._hasher().hash("correct horse battery 9")
    with engine.begin() as conn:
        _upgrade(conn, "0007_daily_rhythm")
        conn.execute(
            text(
                "INSERT INTO users (id, email, password_hash, is_local, is_admin, created_at)"
                " VALUES (1, 'ana@example.org', :h, false, false, '2026-01-01')"
            ),
            {"h": hashed},
        )
        conn.execute(
            text(
                "INSERT INTO entries (id, uid, owner_id, kind, text, feelings, tags, visibility,"
                " created_at, updated_at, family, safety_level, safety_kinds) VALUES"
                " (1, 'e-1', 1, 'journal', 'an old worry about the garden', '[]', '[]',"
                " 'private', '2026-01-01', '2026-01-01', 'sadness', 'none', '[]')"
            )
        )
        for n in (1, 2):
            conn.execute(
                text(
                    "INSERT INTO bids (id, author_id, day, direction, text, response, visibility,"
                    " created_at) VALUES (:n, 1, '2026-01-01', 'made', :t, 'toward', 'private',"
                    " '2026-01-01')"
                ),
                {"n": n, "t": f"an old bid number {n}"},
            )
        _upgrade(conn, "head")
        uids = conn.execute(text("SELECT uid FROM bids ORDER BY id")).scalars().all()
    assert all(uids) and len(set(uids)) == 2

    db = Database(str(engine.url.render_as_string(hide_password=False)))
    try:
        assert vault.encryption_status(db).remaining == 1
        login = accounts.log_in(db, settings, "ana@example.org", "correct horse battery 9", "x")
        assert login.recovery_code
        with engine.connect() as conn:
            stored = conn.execute(text("SELECT text FROM entries")).scalar_one()
            bids = conn.execute(text("SELECT text FROM bids")).scalars().all()
        assert crypto.is_sealed(stored) and all(crypto.is_sealed(b) for b in bids)
        assert vault.encryption_status(db).remaining == 0
        assert journal.get_entry(db, 1, 1).text == "an old worry about the garden"
        assert journal.get_entry(db, 1, 1).family == "sadness"
    finally:
        db.dispose()
