"""Journal writes on a server (shared commits, SQLite): two people writing at once each get
their own entries, sealed under their own key only, the day totals still add up to a fresh
count, and a refused write (sharing without a partner) loses nothing of anyone else's."""

from __future__ import annotations

import itertools
import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Text, cast, select

from nearer.analysis.safety import SafetyResult
from nearer.domain import crypto
from nearer.domain.errors import InvalidInput
from nearer.services import day_totals, journal, vault
from nearer.services.text_checks import TextReading
from nearer.storage import keyring
from nearer.storage.db import Database
from nearer.storage.models import Entry, User
from nearer.storage.sealing import SEALED, field_aad

_people = itertools.count()


@pytest.fixture(autouse=True)
def fixed_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        journal, "read_text", lambda text, *, emotions=True: TextReading(SafetyResult(), [], None)
    )


@pytest.fixture
def shared_db(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "shared.sqlite3"
    shutil.copy(sqlite_template, path)
    database = Database(f"sqlite:///{path}")
    database.share_commits()
    yield database
    database.dispose()


def _person(db: Database) -> tuple[int, bytes]:
    with db.transaction() as session:
        user = User(email=f"w{next(_people)}@example.org")
        session.add(user)
        session.flush()
        return user.id, vault.give_keys(user, "a long passphrase", "recovery-code-1234")


def _write_many(db: Database, me: int, key: bytes, count: int, failures: list[object]) -> None:
    """`count` entries by `me` from a thread of their own, with only their key in reach."""
    with keyring.scoped() as ring:
        ring.put(keyring.person(me), key)
        for k in range(count):
            try:
                visibility = "shared" if k == 3 else "private"  # no partner: refused
                journal.write(db, me, text=f"entry {k} of {me}", visibility=visibility)
            except InvalidInput as error:
                failures.append(error)


def test_two_people_writing_at_once_each_get_their_own_sealed_entries(
    shared_db: Database,
) -> None:
    people = [_person(shared_db) for _ in range(2)]
    for me, key in people:  # totals built first, so every write updates them
        with keyring.scoped() as ring:
            ring.put(keyring.person(me), key)
            with shared_db.transaction() as session:
                day_totals.rebuild(session, me)
    failures: list[object] = []
    threads = [
        threading.Thread(target=_write_many, args=(shared_db, me, key, 12, failures))
        for me, key in people
        for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(failures) == 6  # one refused share per thread, and nothing else went wrong
    spec = SEALED[Entry]
    with shared_db.transaction() as session:
        rows = session.execute(
            select(Entry.uid, Entry.owner_id, cast(Entry.text, Text))
        ).all()
    assert len(rows) == 2 * 3 * 11
    keys = dict(people)
    for uid, owner, stored in rows:
        assert crypto.is_sealed(stored), "an entry was written plain"
        opened = crypto.open_text(keys[owner], stored, field_aad(spec, uid, owner, "row"))
        assert f"of {owner}" in opened
        other = next(k for who, k in people if who != owner)
        with pytest.raises(crypto.CannotOpen):
            crypto.open_text(other, stored, field_aad(spec, uid, owner, "row"))
    for me, key in people:
        with keyring.scoped() as ring:
            ring.put(keyring.person(me), key)
            with shared_db.transaction() as session:
                kept = day_totals.stored(session, me)
                fresh = day_totals.count_entries(session, me, UTC)
        assert kept == fresh
        assert sum(t.entries for t in kept.values()) == 33


def test_a_lone_write_answers_with_its_entry_once_committed(shared_db: Database) -> None:
    me, key = _person(shared_db)
    with keyring.scoped() as ring:
        ring.put(keyring.person(me), key)
        saved = journal.write(shared_db, me, text="just one", feelings=["lonely"])
        assert saved.entry.text == "just one" and saved.entry.mine
        assert saved.entry.created_at <= datetime.now(UTC)
        assert journal.get_entry(shared_db, me, saved.entry.id).text == "just one"
