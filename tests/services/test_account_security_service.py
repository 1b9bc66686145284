"""Sign-up that reveals nothing, password and email changes, sessions, recovery codes: both databases."""

from __future__ import annotations

from datetime import UTC
from zoneinfo import ZoneInfo

import pytest

from nearer.domain.errors import (
    InvalidInput,
    LoginFailed,
    NotFound,
    RecoveryFailed,
    TooManyAttempts,
)
from nearer.services import account_sessions, accounts, recovery
from nearer.settings import Settings
from nearer.storage.db import Database
from nearer.storage.models import User

PW = "long-enough-pw"
NEW_PW = "tide-lantern-harbour"


@pytest.fixture
def settings() -> Settings:
    return Settings(
        secret_key="test-secret-key-0123456789",
        signups_per_address=3,
        _env_file=None,  # type: ignore[call-arg]
    )


def _fields(error: InvalidInput) -> list[str]:
    return [p.field for p in error.problems]


# --- sign-up ---------------------------------------------------------------------------------


def test_register_answers_alike_for_a_taken_email(db: Database, settings: Settings) -> None:
    first = accounts.register(db, settings, "Ana@Example.org", PW, "1.1.1.1")
    again = accounts.register(db, settings, "ana@example.org", "other-long-password", "1.1.1.1")
    assert first.to_dict().keys() == again.to_dict().keys()
    assert first.email == again.email == "ana@example.org"
    assert len(again.recovery_code) == len(first.recovery_code) == 24
    # The decoy opens nothing, and the taken account's password did not change.
    with pytest.raises(RecoveryFailed):
        recovery.reset_password(db, settings, "ana@example.org", again.recovery_code, NEW_PW, "x")
    assert accounts.log_in(db, settings, "ana@example.org", PW, "1.1.1.1").token
    with db.transaction() as session:
        assert session.query(User).count() == 1


def test_register_is_throttled_per_address(db: Database, settings: Settings) -> None:
    for n in range(3):
        accounts.register(db, settings, f"p{n}@example.org", PW, "2.2.2.2")
    with pytest.raises(TooManyAttempts) as slowed:
        accounts.register(db, settings, "p9@example.org", PW, "2.2.2.2")
    assert 59 * 60 < slowed.value.retry_after <= 60 * 60
    accounts.register(db, settings, "p9@example.org", PW, "3.3.3.3")  # another address is fine
    with db.transaction() as session:
        assert session.query(User).count() == 4


def test_register_applies_the_password_policy(db: Database, settings: Settings) -> None:
    with pytest.raises(InvalidInput) as refused:
        accounts.register(db, settings, "ana@example.org", "ana@example.org", "1.1.1.1")
    assert _fields(refused.value) == ["password"]
    with pytest.raises(InvalidInput) as refused:
        accounts.register(db, settings, "not-an-email", " " * 8, "1.1.1.1")
    assert _fields(refused.value) == ["email", "password"]


# --- changing the password -------------------------------------------------------------------


def test_password_change_needs_the_current_one_and_ends_other_sessions(
    db: Database, settings: Settings
) -> None:
    ana = accounts.sign_up(db, "ana@example.org", PW).id
    here = accounts.log_in(db, settings, "ana@example.org", PW, "1.1.1.1").token
    there = accounts.log_in(db, settings, "ana@example.org", PW, "9.9.9.9").token
    with pytest.raises(InvalidInput) as refused:
        accounts.change_password(db, settings, ana, "not-my-password", NEW_PW, here)
    assert _fields(refused.value) == ["current_password"]
    with pytest.raises(InvalidInput) as refused:
        accounts.change_password(db, settings, ana, PW, "password123", here)
    assert _fields(refused.value) == ["new_password"]
    assert accounts.account_for_token(db, there) is not None  # nothing changed yet
    assert accounts.change_password(db, settings, ana, PW, NEW_PW, here) == 1
    assert accounts.account_for_token(db, there) is None
    assert accounts.account_for_token(db, here) is not None
    with pytest.raises(LoginFailed):
        accounts.log_in(db, settings, "ana@example.org", PW, "1.1.1.2")
    assert accounts.log_in(db, settings, "ana@example.org", NEW_PW, "1.1.1.2").token


def test_guessing_the_current_password_from_a_session_is_throttled(
    db: Database, settings: Settings
) -> None:
    ana = accounts.sign_up(db, "ana@example.org", PW).id
    for n in range(5):
        with pytest.raises(InvalidInput):
            accounts.change_password(db, settings, ana, f"guess-number-{n}", NEW_PW, None)
    with pytest.raises(TooManyAttempts):
        accounts.change_password(db, settings, ana, PW, NEW_PW, None)


# --- changing the email ----------------------------------------------------------------------


def test_email_change_needs_the_password_and_a_valid_free_address(
    db: Database, settings: Settings
) -> None:
    ana = accounts.sign_up(db, "ana@example.org", PW).id
    accounts.sign_up(db, "ben@example.org", PW)
    with pytest.raises(InvalidInput) as refused:
        accounts.change_email(db, settings, ana, PW, "not an email", "1.1.1.1")
    assert _fields(refused.value) == ["email"]
    with pytest.raises(InvalidInput) as refused:
        accounts.change_email(db, settings, ana, "wrong-password", "new@example.org", "1.1.1.1")
    assert _fields(refused.value) == ["password"]
    with pytest.raises(InvalidInput) as refused:
        accounts.change_email(db, settings, ana, PW, "BEN@example.org", "1.1.1.1")
    assert _fields(refused.value) == ["email"]
    changed = accounts.change_email(db, settings, ana, PW, " New@Example.org ", "1.1.1.1")
    assert changed.email == "new@example.org"
    assert accounts.log_in(db, settings, "new@example.org", PW, "1.1.1.1").token
    with pytest.raises(LoginFailed):
        accounts.log_in(db, settings, "ana@example.org", PW, "1.1.1.1")


def test_email_changes_to_taken_addresses_count_towards_the_limit(
    db: Database, settings: Settings
) -> None:
    ana = accounts.sign_up(db, "ana@example.org", PW).id
    for n in range(3):
        accounts.sign_up(db, f"taken{n}@example.org", PW)
    for n in range(3):  # the limit here is 3 per address (and per account) per window
        with pytest.raises(InvalidInput) as refused:
            accounts.change_email(db, settings, ana, PW, f"taken{n}@example.org", "1.1.1.1")
        assert _fields(refused.value) == ["email"]
    with pytest.raises(TooManyAttempts) as slowed:  # taken or free, nothing more is tried
        accounts.change_email(db, settings, ana, PW, "taken0@example.org", "1.1.1.1")
    assert 59 * 60 < slowed.value.retry_after <= 3600
    with pytest.raises(TooManyAttempts):
        accounts.change_email(db, settings, ana, PW, "free@example.org", "1.1.1.1")
    with pytest.raises(TooManyAttempts):  # a new address does not help: the account is counted
        accounts.change_email(db, settings, ana, PW, "taken1@example.org", "2.2.2.2")
    with pytest.raises(InvalidInput) as refused:  # a wrong password is not counted here
        accounts.change_email(db, settings, ana, "wrong-password", "x@example.org", "2.2.2.2")
    assert _fields(refused.value) == ["password"]
    assert accounts.log_in(db, settings, "ana@example.org", PW, "1.1.1.1").token  # unchanged
    ben = accounts.sign_up(db, "ben@example.org", PW).id  # another account, another address
    assert accounts.change_email(db, settings, ben, PW, "ben2@example.org", "3.3.3.3").email


# --- sessions --------------------------------------------------------------------------------


def test_sessions_list_only_your_own_with_device_and_local_times(
    db: Database, settings: Settings
) -> None:
    ana = accounts.sign_up(db, "ana@example.org", PW).id
    ben = accounts.sign_up(db, "ben@example.org", PW).id
    firefox = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"
    mine = accounts.log_in(db, settings, "ana@example.org", PW, "1.1.1.1", user_agent=firefox)
    accounts.log_in(db, settings, "ana@example.org", PW, "1.1.1.1", user_agent="curl/8.5")
    accounts.log_in(db, settings, "ben@example.org", PW, "1.1.1.1")
    listed = account_sessions.list_sessions(db, ana, mine.token, ZoneInfo("Asia/Kolkata"))
    assert sorted(s.device for s in listed) == ["Firefox on Linux", "curl"]
    assert [s.current for s in listed].count(True) == 1
    current = next(s for s in listed if s.current)
    assert current.device == "Firefox on Linux"
    assert current.created_at.utcoffset().total_seconds() == 5.5 * 3600  # type: ignore[union-attr]
    assert len(account_sessions.list_sessions(db, ben, None, UTC)) == 1


def test_ending_a_session_is_for_its_owner_only(db: Database, settings: Settings) -> None:
    ana = accounts.sign_up(db, "ana@example.org", PW).id
    ben = accounts.sign_up(db, "ben@example.org", PW).id
    mine = accounts.log_in(db, settings, "ana@example.org", PW, "1.1.1.1").token
    other = accounts.log_in(db, settings, "ana@example.org", PW, "1.1.1.1").token
    other_id = next(
        s.id for s in account_sessions.list_sessions(db, ana, mine, UTC) if not s.current
    )
    with pytest.raises(NotFound):
        account_sessions.end_session(db, ben, other_id)
    assert accounts.account_for_token(db, other) is not None
    account_sessions.end_session(db, ana, other_id)
    assert accounts.account_for_token(db, other) is None
    with pytest.raises(NotFound):
        account_sessions.end_session(db, ana, other_id)


def test_log_out_everywhere_else_keeps_this_session(db: Database, settings: Settings) -> None:
    ana = accounts.sign_up(db, "ana@example.org", PW).id
    ben = accounts.sign_up(db, "ben@example.org", PW).id
    tokens = [
        accounts.log_in(db, settings, "ana@example.org", PW, "1.1.1.1").token for _ in range(3)
    ]
    bens = accounts.log_in(db, settings, "ben@example.org", PW, "1.1.1.1").token
    assert account_sessions.end_other_sessions(db, ana, tokens[0]) == 2
    assert [accounts.account_for_token(db, t) is not None for t in tokens] == [True, False, False]
    assert accounts.account_for_token(db, bens) is not None
    assert ben != ana


# --- recovery codes --------------------------------------------------------------------------


def test_recovery_code_is_stored_only_as_a_hash(db: Database) -> None:
    made = accounts.sign_up(db, "ana@example.org", PW)
    with db.transaction() as session:
        stored = session.query(User).one().recovery_hash
    assert stored and len(stored) == 64 and made.recovery_code.replace("-", "") not in stored
    assert made.recovery_code.count("-") == 4 and len(made.recovery_code) == 24


def test_recovery_resets_the_password_ends_sessions_and_replaces_the_code(
    db: Database, settings: Settings
) -> None:
    made = accounts.sign_up(db, "ana@example.org", PW)
    token = accounts.log_in(db, settings, "ana@example.org", PW, "1.1.1.1").token
    typed = made.recovery_code.lower().replace("-", " ").replace("0", "o")  # forgiving typing
    fresh = recovery.reset_password(db, settings, "ana@example.org", typed, NEW_PW, "1.1.1.1")
    assert fresh != made.recovery_code
    assert accounts.account_for_token(db, token) is None
    assert accounts.log_in(db, settings, "ana@example.org", NEW_PW, "1.1.1.1").token
    with pytest.raises(RecoveryFailed):  # the old code is used up
        recovery.reset_password(db, settings, "ana@example.org", made.recovery_code, PW, "1.1.1.1")
    recovery.reset_password(db, settings, "ana@example.org", fresh, PW, "1.1.1.1")


def test_wrong_code_and_unknown_email_fail_identically(db: Database, settings: Settings) -> None:
    accounts.sign_up(db, "ana@example.org", PW)
    wrong_code, _ = recovery.new_recovery_code()
    failures = []
    for email in ("ana@example.org", "nobody@example.org"):
        with pytest.raises(RecoveryFailed) as failed:
            recovery.reset_password(db, settings, email, wrong_code, NEW_PW, "1.1.1.1")
        failures.append((type(failed.value), str(failed.value)))
    assert failures[0] == failures[1]
    assert accounts.log_in(db, settings, "ana@example.org", PW, "1.1.1.1").token


def test_recovery_applies_the_password_policy_and_is_throttled(
    db: Database, settings: Settings
) -> None:
    made = accounts.sign_up(db, "ana@example.org", PW)
    with pytest.raises(InvalidInput) as refused:
        recovery.reset_password(db, settings, "ana@example.org", made.recovery_code, " " * 8, "x")
    assert _fields(refused.value) == ["new_password"]
    wrong, _ = recovery.new_recovery_code()
    for _ in range(5):
        with pytest.raises(RecoveryFailed):
            recovery.reset_password(db, settings, "ana@example.org", wrong, NEW_PW, "1.1.1.1")
    with pytest.raises(TooManyAttempts):  # even the right code waits now
        recovery.reset_password(
            db, settings, "ana@example.org", made.recovery_code, NEW_PW, "1.1.1.1"
        )


def test_wrong_recovery_codes_from_elsewhere_never_block_the_owner(
    db: Database, settings: Settings
) -> None:
    made = accounts.sign_up(db, "ana@example.org", PW)
    wrong, _ = recovery.new_recovery_code()
    for _ in range(5):  # someone who knows Ana's email, from their own address
        with pytest.raises(RecoveryFailed):
            recovery.reset_password(db, settings, "ana@example.org", wrong, NEW_PW, "6.6.6.6")
    with pytest.raises(TooManyAttempts):  # they are slowed down ...
        recovery.reset_password(db, settings, "ana@example.org", wrong, NEW_PW, "6.6.6.6")
    # ... and Ana, from her own address, still gets in with her code
    fresh = recovery.reset_password(
        db, settings, "ana@example.org", made.recovery_code, NEW_PW, "1.1.1.1"
    )
    for _ in range(5):  # wrong codes from Ana's own address are still limited there
        with pytest.raises(RecoveryFailed):
            recovery.reset_password(db, settings, "ana@example.org", wrong, PW, "1.1.1.1")
    with pytest.raises(TooManyAttempts):
        recovery.reset_password(db, settings, "ana@example.org", fresh, PW, "1.1.1.1")
