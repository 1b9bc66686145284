"""The optional app lock: a PIN on one login (one device), asked again after idle minutes.

The lock lives on the server, on the login's session row, so reloading, clearing the page's
storage or turning JavaScript off cannot get past it: while a session is locked, every page
answers with the PIN screen and the API refuses its token. Five wrong PINs end the session,
so the PIN cannot be guessed; the person then logs in again with their password.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from nearer.domain.errors import InvalidInput, Problem
from nearer.services.accounts import _digest as token_digest
from nearer.storage.db import Database
from nearer.storage.models import AuthSession, User, utcnow

PIN_PATTERN = re.compile(r"^[0-9]{4,8}$")
if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_MINUTES, MAX_MINUTES = 1, 240
MAX_MISSES = 5


@dataclass(frozen=True)
class LockState:
    on: bool  # this login has a PIN
    locked: bool  # the PIN must be entered before anything else
    minutes: int | None  # idle minutes before it locks again


OFF = LockState(False, False, None)


def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()


def _row(session: Session, token: str | None) -> AuthSession | None:
    if not token or len(token) > 200:
        return None
    return session.get(AuthSession, token_digest(token))


def _state(row: AuthSession | None) -> LockState:
    if row is None or not row.lock_pin_hash:
        return OFF
    return LockState(True, bool(row.locked), row.lock_minutes)


def went_idle(active_at: datetime | None, minutes: int | None, now: datetime) -> bool:
    """True when a login with a PIN had no request for longer than its idle minutes."""
    idle_for = timedelta(minutes=minutes or MAX_MINUTES)
    return active_at is not None and now - active_at > idle_for


def check(db: Database, token: str | None) -> LockState:
    """The lock of the login `token` after this page request: locks it when it sat idle too
    long, otherwise counts this request as activity."""
    now = utcnow()
    with db.transaction() as session:
        row = _row(session, token)
        if row is None or not row.lock_pin_hash:
            return OFF
        if not row.locked and went_idle(row.active_at, row.lock_minutes, now):
            row.locked = True
        if not row.locked:
            row.active_at = now
        return _state(row)


def let_api_in(
    session: Session,
    token_hash: str,
    locked: bool,
    active_at: datetime | None,
    minutes: int | None,
    now: datetime,
) -> bool:
    """The same rule as `check` for an API request of a login with a PIN, inside the caller's
    transaction and on the columns it already read: False when the login is locked, or sat
    idle too long (it locks now, as a page would); otherwise True, and the request counts as
    activity, as a page's does."""
    if locked:
        return False
    idle = went_idle(active_at, minutes, now)
    values = {"locked": True} if idle else {"active_at": now}
    session.execute(
        update(AuthSession).where(AuthSession.token_hash == token_hash).values(**values),
        execution_options={"synchronize_session": False},
    )
    return not idle


def state(db: Database, token: str | None) -> LockState:
    """The lock of the login `token`, without counting a request as activity."""
    with db.transaction() as session:
        return _state(_row(session, token))


def leave_logs_out(db: Database, token: str | None) -> bool | None:
    """Whether "Leave quickly" logs the login `token` out (its person's choice in Account,
    yes unless they changed it), or None without a live login. For the PIN screen, which
    knows its login is there but locked, so does not open it."""
    if not token or len(token) > 200:
        return None
    with db.transaction() as session:
        choice = session.scalar(
            select(User.exit_logs_out)
            .join(AuthSession, AuthSession.user_id == User.id)
            .where(AuthSession.token_hash == token_digest(token), AuthSession.expires_at > utcnow())
        )
        return None if choice is None else bool(choice)


def _problems(pin: object, minutes: object) -> list[Problem]:
    problems = []
    if not isinstance(pin, str) or not PIN_PATTERN.match(pin):
        problems.append(Problem("pin", "should be 4 to 8 digits"))
    if not isinstance(minutes, int) or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        problems.append(
            Problem("minutes", f"should be a whole number from {MIN_MINUTES} to {MAX_MINUTES}")
        )
    return problems


def turn_on(db: Database, token: str | None, pin: object, minutes: object) -> LockState:
    """Set (or change) the PIN of this login and the idle minutes before it is asked again."""
    problems = _problems(pin, minutes)
    if problems:
        raise InvalidInput(problems)
    hashed = _hasher().hash(str(pin))
    with db.transaction() as session:
        row = _row(session, token)
        if row is None:
            raise InvalidInput([Problem("pin", "needs you to be logged in on this device")])
        row.lock_pin_hash = hashed
        row.lock_minutes = minutes if isinstance(minutes, int) else None
        row.active_at = utcnow()
        row.locked = False
        row.lock_misses = 0
        return _state(row)


def turn_off(db: Database, token: str | None) -> None:
    with db.transaction() as session:
        row = _row(session, token)
        if row is not None:
            row.lock_pin_hash = None
            row.lock_minutes = None
            row.locked = False
            row.lock_misses = 0


def lock_now(db: Database, token: str | None) -> LockState:
    with db.transaction() as session:
        row = _row(session, token)
        if row is not None and row.lock_pin_hash:
            row.locked = True
        return _state(row)


UNLOCKED, WRONG, ENDED, NO_LOCK = "unlocked", "wrong", "ended", "no lock"


def unlock(db: Database, token: str | None, pin: object) -> str:
    """UNLOCKED; WRONG (try again); ENDED (too many wrong PINs: the login is over); NO_LOCK.
    An empty PIN is InvalidInput, not a wrong one: it is not counted. Every other try takes one
    of the MAX_MISSES tries BEFORE the PIN is checked, in one statement, so tries sent at the same
    moment can never check more than MAX_MISSES PINs between them; a right PIN gives them back."""
    with db.transaction() as session:
        row = _row(session, token)
        if row is None or not row.lock_pin_hash:
            return NO_LOCK
    if pin is None or (isinstance(pin, str) and not pin.strip()):
        raise InvalidInput([Problem("pin", "Enter your PIN.")])
    this_login = AuthSession.token_hash == token_digest(str(token))
    with db.transaction() as session:
        taken = session.execute(
            update(AuthSession)
            .where(this_login, AuthSession.lock_misses < MAX_MISSES)
            .values(lock_misses=AuthSession.lock_misses + 1)
            .returning(AuthSession.lock_misses, AuthSession.lock_pin_hash),
            execution_options={"synchronize_session": False},
        ).one_or_none()
        if taken is None or not taken[1]:  # no tries left (or the login is gone): it is over
            _end(session, this_login)
            return ENDED
    tries, hashed = int(taken[0]), str(taken[1])
    from argon2.exceptions import VerificationError

    try:
        right = isinstance(pin, str) and bool(_hasher().verify(hashed, pin))
    except VerificationError:
        right = False
    with db.transaction() as session:
        if not right:
            if tries >= MAX_MISSES:
                _end(session, this_login)
                return ENDED
            return WRONG
        row = _row(session, token)
        if row is None:
            return ENDED
        row.locked, row.lock_misses, row.active_at = False, 0, utcnow()
        return UNLOCKED


def _end(session: Session, this_login: Any) -> None:
    """The login is over: too many PINs were tried."""
    session.execute(delete(AuthSession).where(this_login),
                    execution_options={"synchronize_session": False})
