"""`nearer admin grant/revoke/list`, run in-process against a copied SQLite file."""

from __future__ import annotations

import json

from support import run_cli as run

from nearer.services import accounts
from nearer.storage.db import Database
from nearer.storage.models import User

PASSWORD = "Quiet-harbour-lantern-42"


def _accounts(db_file: str, *emails: str) -> None:
    db = Database(f"sqlite:///{db_file}")
    for email in emails:
        if email.startswith("["):
            # Sign-up refuses "[" in an address today, but an account made before that rule may
            # hold one; the CLI must still print it as text, never as Rich markup.
            with db.transaction() as session:
                session.add(User(email=email, password_hash="not-a-login"))
        else:
            accounts.sign_up(db, email, PASSWORD)
    db.dispose()


def test_list_grant_and_revoke(db_file: str) -> None:
    code, out = run(db_file, "admin", "list")
    assert code == 0 and "No admins yet" in out
    _accounts(db_file, "first@example.org", "[bold]sam@example.org")
    code, out = run(db_file, "admin", "list", "--json")
    assert code == 0 and json.loads(out) == ["first@example.org"]  # the first account
    code, out = run(db_file, "admin", "grant", "[BOLD]Sam@example.org")
    assert code == 0 and out.strip() == "[bold]sam@example.org is now an admin."
    code, out = run(db_file, "admin", "grant", "[bold]sam@example.org")
    assert code == 0 and "was already an admin" in out
    code, out = run(db_file, "admin", "list")
    assert code == 0 and "first@example.org" in out and "[bold]sam@example.org" in out
    code, out = run(db_file, "admin", "revoke", "first@example.org")
    assert code == 0 and out.strip() == "first@example.org is no longer an admin."
    code, out = run(db_file, "admin", "list", "--json")
    assert json.loads(out) == ["[bold]sam@example.org"]


def test_an_unknown_email_is_one_clean_error(db_file: str) -> None:
    for command in ("grant", "revoke"):
        code, out = run(db_file, "admin", command, "nobody@example.org")
        assert code == 2
        assert "Error: No such account with that email." in out and "Traceback" not in out


def test_rebuild_aggregates_counts_the_day_totals_afresh(db_file: str) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import delete

    from nearer.services import day_totals
    from nearer.storage.models import DayTotal, Entry

    db = Database(f"sqlite:///{db_file}")
    with db.transaction() as session:
        me = User(email="me@example.org", time_zone="Asia/Kolkata")
        session.add(me)
        session.flush()
        for hour, words in ((9, ["hurt"]), (20, ["calm", "hurt"])):  # 20:00 UTC is the next day
            at = datetime(2026, 3, 2, hour, tzinfo=UTC)
            session.add(
                Entry(
                    uid=f"u{hour}",
                    owner_id=me.id,
                    text="x",
                    feelings=words,
                    intensity=3,
                    tags=[],
                    created_at=at,
                    updated_at=at,
                )
            )
        session.flush()
        day_totals.rebuild(session, me.id)
        session.execute(delete(DayTotal))  # lost by hand
    code, out = run(db_file, "admin", "rebuild-aggregates")
    assert code == 0
    assert out.strip() == "Rebuilt the day totals of 1 person (2 days with entries)."
    with db.transaction() as session:
        kept = day_totals.stored(session, me.id)
    assert {d.isoformat(): t.words for d, t in kept.items()} == {
        "2026-03-02": {"hurt": 1},
        "2026-03-03": {"calm": 1, "hurt": 1},
    }
    db.dispose()


def test_rebuild_aggregates_leaves_sealed_totals_to_their_owners_next_login(db_file: str) -> None:
    from datetime import date

    from sqlalchemy import select

    from nearer.domain.journal import make_draft
    from nearer.services import day_totals, journal, self_awareness
    from nearer.storage import keyring
    from nearer.storage.models import DayTotal, DayTotalsZone

    db = Database(f"sqlite:///{db_file}")
    me = accounts.sign_up(db, "sealed@example.org", PASSWORD).id  # its key is here now
    with db.transaction() as session:
        session.add(User(email="plain@example.org", password_hash="not-a-login"))
    journal.add_entry(db, me, make_draft("a quiet evening", ["lonely"], 4), at=None)
    self_awareness.my_patterns(db, me, 1)
    key = keyring.current().get(keyring.person(me))
    assert key is not None
    keyring.current().drop(keyring.person(me))  # the admin has no one's key
    try:
        code, out = run(db_file, "admin", "rebuild-aggregates")
        assert code == 0
        assert " ".join(out.split()) == (  # the console may wrap the long line
            "Rebuilt the day totals of 1 person (0 days with entries). 1 person has encrypted "
            "journals whose key is not here: their totals were cleared and are counted at their "
            "next login."
        )
        with db.transaction() as session:
            assert session.scalars(select(DayTotal).where(DayTotal.user_id == me)).all() == []
            assert session.get(DayTotalsZone, me) is None
    finally:
        keyring.current().put(keyring.person(me), key)  # they log in
    patterns = self_awareness.my_patterns(db, me, 1)
    assert patterns.entry_count == 1
    with db.transaction() as session:
        kept = day_totals.stored(session, me)
    assert [t.families for t in kept.values()] == [{"sadness": 1}]
    assert all(isinstance(d, date) for d in kept)
    keyring.current().drop(keyring.person(me))
    db.dispose()
