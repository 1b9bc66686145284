"""The write path asks the database only what it needs: a request finds its login, its person
and whose keys it may open in one read, and a journal write reads nothing twice. Both databases."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from nearer.services import accounts, couples, day_totals, journal
from nearer.settings import Settings
from nearer.storage import keyring
from nearer.storage.db import Database

PW = "quiet orchard lantern 4"


@pytest.fixture(autouse=True)
def _fresh_keyring() -> Iterator[keyring.Keyring]:
    with keyring.scoped() as ring:
        yield ring


@contextmanager
def _statements(db: Database) -> Iterator[list[str]]:
    """The SQL statements sent while the block runs, first word upper-cased and whitespace folded."""
    sent: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        sent.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def _token(db: Database, settings: Settings, email: str) -> str:
    token = accounts.log_in(db, settings, email, PW, "1.1.1.1").token
    keyring.current().clear()  # what a fresh request starts with
    return token


def test_a_request_finds_its_login_person_and_key_in_one_read(
    db: Database, settings: Settings
) -> None:
    ana = accounts.sign_up(db, "ana@example.org", PW)
    token = _token(db, settings, "ana@example.org")
    with _statements(db) as sent:
        account = accounts.account_for_token(db, token, refuse_locked=True)
    assert account == ana
    assert len([s for s in sent if s.upper().startswith("SELECT")]) == 1, sent
    assert keyring.current().get(keyring.person(ana.id)) is not None


def test_a_partner_request_still_opens_the_couple_key(db: Database, settings: Settings) -> None:
    ana = accounts.sign_up(db, "ana@example.org", PW).id
    ben = accounts.sign_up(db, "ben@example.org", PW).id
    accounts.account_for_token(db, _token(db, settings, "ana@example.org"))
    code = couples.create_invite(db, ana)
    accounts.account_for_token(db, _token(db, settings, "ben@example.org"))
    couples.join(db, ben, code)
    token = _token(db, settings, "ana@example.org")
    assert accounts.account_for_token(db, token) is not None
    couple_keys = [name for name in keyring.current().names() if name.startswith("c:")]
    assert len(couple_keys) == 1  # her shared entries can be sealed for Ben in this request
    shared = journal.write(db, ana, text="the walk by the canal was lovely", visibility="shared")
    assert shared.entry.visibility == "shared"


def test_an_unknown_or_expired_login_is_none(db: Database, settings: Settings) -> None:
    accounts.sign_up(db, "ana@example.org", PW)
    token = _token(db, settings, "ana@example.org")
    assert accounts.account_for_token(db, token + "x") is None
    accounts.log_out(db, token)
    assert accounts.account_for_token(db, token) is None


def test_a_journal_write_reads_nothing_twice(db: Database, settings: Settings) -> None:
    ana = accounts.sign_up(db, "ana@example.org", PW).id
    accounts.account_for_token(db, _token(db, settings, "ana@example.org"))
    journal.write(db, ana, text="first words of the week", feelings=["calm"])
    with db.transaction() as session:
        day_totals.rebuild(session, ana)  # what her first look at her patterns does
    with _statements(db) as sent:
        journal.write(db, ana, text="a second entry, a little longer", feelings=["calm"])
    assert len(sent) == len(set(sent)), sent
    assert sum(s.upper().startswith("INSERT INTO ENTRIES") for s in sent) == 1
    with db.transaction() as session:  # and the day's totals counted it
        assert sum(t.entries for t in day_totals.stored(session, ana).values()) == 2
