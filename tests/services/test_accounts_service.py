"""Accounts and couples on both databases: sign-up rules, login limits, linking, deletion."""

from __future__ import annotations

import pytest

from nearer.domain.errors import Conflict, InvalidInput, LoginFailed, NotFound, TooManyAttempts
from nearer.services import accounts, couples, journal
from nearer.settings import Settings
from nearer.storage.db import Database


@pytest.fixture
def limits(tmp_path: object) -> Settings:
    return Settings(
        login_attempts_per_account=3,
        login_attempts_per_address=5,
        secret_key="test-secret-key-0123456789",
    )


def test_duplicate_email_is_a_conflict(db: Database) -> None:
    accounts.sign_up(db, "ana@example.org", "long-enough-pw")
    with pytest.raises(Conflict):
        accounts.sign_up(db, "ANA@example.org", "another-long-pw")


@pytest.mark.parametrize(
    "email,password",
    [
        ("not-an-email", "long-enough-pw"),
        ("a@b.org", "short"),
        (None, "long-enough-pw"),
        ("a@b.org", 12345678),
    ],
)
def test_bad_credentials_are_refused(db: Database, email: object, password: object) -> None:
    with pytest.raises(InvalidInput):
        accounts.sign_up(db, email, password)


def test_password_is_stored_as_argon2id(db: Database) -> None:
    from nearer.storage.models import User

    accounts.sign_up(db, "ana@example.org", "long-enough-pw")
    with db.transaction() as session:
        stored = session.query(User).one().password_hash
    assert stored and stored.startswith("$argon2id$") and "long-enough-pw" not in stored


def test_login_gives_a_token_that_identifies_the_person(db: Database, limits: Settings) -> None:
    ana = accounts.sign_up(db, "ana@example.org", "long-enough-pw")
    token = accounts.log_in(db, limits, "ana@example.org", "long-enough-pw", "1.2.3.4")
    assert accounts.account_for_token(db, token) == ana
    accounts.log_out(db, token)
    assert accounts.account_for_token(db, token) is None


def test_login_is_rate_limited_per_account(db: Database, limits: Settings) -> None:
    accounts.sign_up(db, "ana@example.org", "long-enough-pw")
    for n in range(3):
        with pytest.raises(LoginFailed):
            accounts.log_in(db, limits, "ana@example.org", "wrong", f"10.0.0.{n}")
    with pytest.raises(TooManyAttempts):
        accounts.log_in(db, limits, "ana@example.org", "long-enough-pw", "10.0.0.9")


def test_login_is_rate_limited_per_address(db: Database, limits: Settings) -> None:
    for n in range(5):
        with pytest.raises(LoginFailed):
            accounts.log_in(db, limits, f"nobody{n}@example.org", "wrong", "10.9.9.9")
    accounts.sign_up(db, "ana@example.org", "long-enough-pw")
    with pytest.raises(TooManyAttempts):
        accounts.log_in(db, limits, "ana@example.org", "long-enough-pw", "10.9.9.9")


def test_invite_links_two_people_once(db: Database) -> None:
    a = accounts.sign_up(db, "ana@example.org", "long-enough-pw").id
    b = accounts.sign_up(db, "ben@example.org", "long-enough-pw").id
    c = accounts.sign_up(db, "cy@example.org", "long-enough-pw").id
    code = couples.create_invite(db, a)
    with pytest.raises(Conflict):
        couples.join(db, a, code)
    assert couples.join(db, b, code.lower().replace("-", "")).linked
    assert couples.status(db, a).partner_email == "ben@example.org"
    with pytest.raises(NotFound):
        couples.join(db, c, code)  # used up
    with pytest.raises(Conflict):
        couples.create_invite(db, a)


def test_deleting_an_account_removes_everything_it_owns(db: Database) -> None:
    a = accounts.sign_up(db, "ana@example.org", "long-enough-pw").id
    b = accounts.sign_up(db, "ben@example.org", "long-enough-pw").id
    couples.join(db, b, couples.create_invite(db, a))
    journal.write(db, a, text="mine", visibility="shared")
    accounts.delete_account(db, a)
    assert journal.partner_entries(db, b) == []
    assert not couples.status(db, b).linked
    from nearer.storage.models import Entry, User

    with db.transaction() as session:
        assert session.query(Entry).count() == 0
        assert session.query(User).count() == 1


def test_secret_key_is_generated_once_and_kept(db: Database) -> None:
    plain = Settings(secret_key=None)
    first = accounts.secret_key(db, plain)
    assert len(first) >= 40 and accounts.secret_key(db, plain) == first


def test_placeholder_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="placeholder"):
        Settings(secret_key="changeme")
