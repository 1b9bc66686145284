"""The app lock in the service layer, on both databases: the API keeps the same idle rule as
pages, wrong PINs sent at the same moment are each counted, and an empty PIN is not a guess."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update
from support import local_person

from nearer.domain.errors import InvalidInput
from nearer.services import accounts, app_lock
from nearer.services.accounts import _digest as token_digest
from nearer.storage.db import Database
from nearer.storage.models import AuthSession, utcnow


def _locked_login(db: Database, settings: Any, minutes: int = 1) -> str:
    token = accounts.start_session(db, settings, local_person(db))
    app_lock.turn_on(db, token, "2468", minutes)
    return token


def _login_row(db: Database, token: str) -> AuthSession | None:
    with db.transaction() as session:
        row = session.get(AuthSession, token_digest(token))
        if row is not None:
            session.expunge(row)
        return row


def _idle_since(db: Database, token: str, ago: timedelta) -> None:
    with db.transaction() as session:
        session.execute(
            update(AuthSession)
            .where(AuthSession.token_hash == token_digest(token))
            .values(active_at=utcnow() - ago)
        )


def test_the_api_refuses_a_login_that_sat_idle_and_locks_it(db: Database, settings: Any) -> None:
    token = _locked_login(db, settings, minutes=1)
    assert accounts.account_for_token(db, token, refuse_locked=True) is not None
    # Within the idle minutes an API request counts as activity, as a page request does.
    _idle_since(db, token, timedelta(seconds=50))
    moved_back = _login_row(db, token).active_at  # type: ignore[union-attr]
    assert accounts.account_for_token(db, token, refuse_locked=True) is not None
    assert _login_row(db, token).active_at > moved_back  # type: ignore[union-attr,operator]
    # Past them the token grants nothing, and the login is locked for its pages too.
    _idle_since(db, token, timedelta(minutes=2))
    assert accounts.account_for_token(db, token, refuse_locked=True) is None
    assert _login_row(db, token).locked  # type: ignore[union-attr]
    assert app_lock.state(db, token).locked
    _idle_since(db, token, timedelta(seconds=0))  # fresh again, but still locked until the PIN
    assert accounts.account_for_token(db, token, refuse_locked=True) is None
    assert app_lock.unlock(db, token, "2468") == app_lock.UNLOCKED
    assert accounts.account_for_token(db, token, refuse_locked=True) is not None


def test_wrong_pins_sent_at_the_same_moment_get_five_tries_in_all(
    db: Database, settings: Any
) -> None:
    token = _locked_login(db, settings)
    app_lock.lock_now(db, token)
    senders = 8
    barrier = threading.Barrier(senders)
    outcomes: list[object] = [None] * senders

    def send(i: int) -> None:
        barrier.wait()
        try:
            outcomes[i] = app_lock.unlock(db, token, "0000")
        except BaseException as error:  # every kind is reported to the test
            outcomes[i] = error

    threads = [threading.Thread(target=send, args=(i,)) for i in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counted = Counter(outcomes)
    assert counted[app_lock.WRONG] == app_lock.MAX_MISSES - 1, outcomes
    assert counted[app_lock.ENDED] >= 1, outcomes
    assert set(counted) <= {app_lock.WRONG, app_lock.ENDED, app_lock.NO_LOCK}, outcomes
    assert _login_row(db, token) is None  # the login is over


def test_an_empty_pin_is_asked_for_and_not_counted(db: Database, settings: Any) -> None:
    token = _locked_login(db, settings)
    app_lock.lock_now(db, token)
    for empty in ("", "   "):
        with pytest.raises(InvalidInput) as error:
            app_lock.unlock(db, token, empty)
        assert [(p.field, p.message) for p in error.value.problems] == [("pin", "Enter your PIN.")]
    with db.transaction() as session:
        misses = session.scalar(
            select(AuthSession.lock_misses).where(AuthSession.token_hash == token_digest(token))
        )
    assert misses == 0
    assert app_lock.unlock(db, token, "0000") == app_lock.WRONG
    assert _login_row(db, token).lock_misses == 1  # type: ignore[union-attr]


def _tries_taken(db: Database, token: str, count: int) -> None:
    """As if `count` tries were taken by requests still checking their PINs at this moment."""
    with db.transaction() as session:
        session.execute(update(AuthSession).where(AuthSession.token_hash == token_digest(token))
                        .values(lock_misses=count))


def test_a_pin_is_checked_only_with_a_try_in_hand(db: Database, settings: Any) -> None:
    """Forty guesses sent at once cannot check forty PINs: each takes one of the five tries
    before its PIN is checked, so once five are taken even the right PIN finds the login over."""
    token = _locked_login(db, settings)
    _tries_taken(db, token, app_lock.MAX_MISSES)
    assert app_lock.unlock(db, token, "2468") == app_lock.ENDED
    assert _login_row(db, token) is None
    again = _locked_login(db, settings)
    _tries_taken(db, again, app_lock.MAX_MISSES - 1)  # one try left: the right PIN still opens
    assert app_lock.unlock(db, again, "2468") == app_lock.UNLOCKED
    row = _login_row(db, again)
    assert row is not None and row.lock_misses == 0 and not row.locked
