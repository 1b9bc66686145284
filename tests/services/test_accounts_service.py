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
        login_attempts_per_account_address=2,
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
    login = accounts.log_in(db, limits, "ana@example.org", "long-enough-pw", "1.2.3.4")
    assert accounts.account_for_token(db, login.token) == ana
    accounts.log_out(db, login.token)
    assert accounts.account_for_token(db, login.token) is None


def test_login_is_limited_per_account_and_address(db: Database, limits: Settings) -> None:
    accounts.sign_up(db, "ana@example.org", "long-enough-pw")
    for _ in range(2):
        with pytest.raises(LoginFailed):
            accounts.log_in(db, limits, "ana@example.org", "wrong-guess", "10.0.0.1")
    with pytest.raises(TooManyAttempts):  # the 3rd try from 10.0.0.1 is never evaluated
        accounts.log_in(db, limits, "ana@example.org", "long-enough-pw", "10.0.0.1")
    # From another address the account still has 3 - 2 = 1 attempt left.
    assert accounts.log_in(db, limits, "ana@example.org", "long-enough-pw", "10.0.0.2").token


def test_login_is_limited_per_account_from_all_addresses(db: Database, limits: Settings) -> None:
    accounts.sign_up(db, "ana@example.org", "long-enough-pw")
    for n in range(3):
        with pytest.raises(LoginFailed):
            accounts.log_in(db, limits, "ana@example.org", "wrong-guess", f"10.0.0.{n}")
    with pytest.raises(TooManyAttempts) as slowed:
        accounts.log_in(db, limits, "ana@example.org", "long-enough-pw", "10.0.0.9")
    assert 14 * 60 < slowed.value.retry_after <= 15 * 60


def test_the_owners_device_token_still_gets_in(db: Database, limits: Settings) -> None:
    accounts.sign_up(db, "ana@example.org", "long-enough-pw")
    device = accounts.log_in(db, limits, "ana@example.org", "long-enough-pw", "10.0.0.1").device
    for n in range(3):  # a guesser uses up the whole account
        with pytest.raises(LoginFailed):
            accounts.log_in(db, limits, "ana@example.org", "wrong-guess", f"10.0.0.{n}")
    with pytest.raises(TooManyAttempts):
        accounts.log_in(db, limits, "ana@example.org", "long-enough-pw", "10.0.0.1")
    login = accounts.log_in(db, limits, "ana@example.org", "long-enough-pw", "10.0.0.1", device)
    assert login.token and login.device == device
    # A device token is bound to its account: another account's owner gains nothing from it.
    accounts.sign_up(db, "ben@example.org", "long-enough-pw")
    for _ in range(2):
        with pytest.raises(LoginFailed):
            accounts.log_in(db, limits, "ben@example.org", "wrong-guess", "10.0.0.1", device)
    with pytest.raises(TooManyAttempts):
        accounts.log_in(db, limits, "ben@example.org", "long-enough-pw", "10.0.0.1", device)


def test_per_address_limit_counts_only_failures(db: Database, limits: Settings) -> None:
    for n in range(4):
        with pytest.raises(LoginFailed):
            accounts.log_in(db, limits, f"nobody{n}@example.org", "wrong-guess", "10.9.9.9")
    names = ("ana", "ben", "cy", "dee", "eve", "fay")
    for name in names:
        accounts.sign_up(db, f"{name}@example.org", "long-enough-pw")
    for name in names:  # six successes after four failures: successes never count
        accounts.log_in(db, limits, f"{name}@example.org", "long-enough-pw", "10.9.9.9")
    with pytest.raises(LoginFailed):
        accounts.log_in(db, limits, "nobody9@example.org", "wrong-guess", "10.9.9.9")
    with pytest.raises(TooManyAttempts):  # 5 failures used up: the 6th is refused
        accounts.log_in(db, limits, "ana@example.org", "long-enough-pw", "10.9.9.9")


def test_throttle_keeps_no_email_or_address_in_the_clear(db: Database, limits: Settings) -> None:
    from nearer.storage.models import ThrottleBucket

    with pytest.raises(LoginFailed):
        accounts.log_in(db, limits, "secret-person@example.org", "wrong-guess", "10.1.2.3")
    with db.transaction() as session:
        keys = [row.key for row in session.query(ThrottleBucket).all()]
    assert len(keys) == 3 and all(len(k) == 64 and "example" not in k for k in keys)


def test_invite_links_two_people_once(db: Database) -> None:
    a = accounts.sign_up(db, "ana@example.org", "long-enough-pw").id
    b = accounts.sign_up(db, "ben@example.org", "long-enough-pw").id
    c = accounts.sign_up(db, "cy@example.org", "long-enough-pw").id
    code = couples.create_invite(db, a)
    with pytest.raises(Conflict):
        couples.join(db, a, code)
    assert couples.join(db, b, code.lower().replace("-", "")).linked
    assert couples.status(db, a).partner_name == "Ben"
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
