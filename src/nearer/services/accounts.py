"""Accounts: sign up, log in (rate-limited), sessions, the local profile, deleting everything."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from nearer.domain.errors import (
    Conflict,
    InvalidInput,
    LoginFailed,
    Problem,
    TooManyAttempts,
)
from nearer.domain.fields import is_email
from nearer.services.access import require_user
from nearer.settings import Settings
from nearer.storage.db import Database
from nearer.storage.models import AppSetting, AuthSession, LoginFailure, User, utcnow

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_PASSWORD = 8
MAX_PASSWORD = 1024


@dataclass(frozen=True)
class Account:
    id: int
    email: str | None
    country: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "email": self.email, "country": self.country}


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id with the library's current recommended parameters


def _account(user: User) -> Account:
    return Account(user.id, user.email, user.country)


def _check_credentials(email: Any, password: Any) -> tuple[str, str]:
    problems: list[Problem] = []
    if not isinstance(email, str) or not is_email(email.strip()):
        problems.append(Problem("email", "is not a valid email address"))
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        problems.append(Problem("password", f"must be at least {MIN_PASSWORD} characters"))
    elif len(password) > MAX_PASSWORD:
        problems.append(Problem("password", f"must be at most {MAX_PASSWORD} characters"))
    if problems:
        raise InvalidInput(problems)
    return str(email).strip().lower(), str(password)


def sign_up(db: Database, email: Any, password: Any) -> Account:
    address, secret = _check_credentials(email, password)
    hashed = _hasher().hash(secret)
    try:
        with db.transaction() as session:
            user = User(email=address, password_hash=hashed)
            session.add(user)
            session.flush()
            return _account(user)
    except IntegrityError:
        raise Conflict("An account with that email already exists.") from None


def _too_many(db: Database, settings: Settings, account: str, address: str) -> bool:
    since = utcnow() - timedelta(minutes=settings.login_window_minutes)
    with db.transaction() as session:
        recent = select(func.count()).select_from(LoginFailure).where(LoginFailure.at >= since)
        by_account = session.scalar(recent.where(LoginFailure.account == account)) or 0
        by_address = session.scalar(recent.where(LoginFailure.address == address)) or 0
    return (
        by_account >= settings.login_attempts_per_account
        or by_address >= settings.login_attempts_per_address
    )


def log_in(db: Database, settings: Settings, email: Any, password: Any, address: str) -> str:
    """A new session token, or LoginFailed / TooManyAttempts."""
    account = str(email or "").strip().lower()[:320]
    if _too_many(db, settings, account, address):
        raise TooManyAttempts(settings.login_window_minutes)
    with db.transaction() as session:
        user = session.scalar(select(User).where(User.email == account))
        ok = False
        if user and user.password_hash and isinstance(password, str):
            try:
                ok = _hasher().verify(user.password_hash, password)
            except Exception:  # argon2 raises several mismatch types; all mean "no"
                ok = False
        else:
            _hasher().hash("timing-equaliser")  # no account: spend the same time as a real check
        if not ok or user is None:
            session.add(LoginFailure(account=account, address=address[:64]))
    if not ok or user is None:
        raise LoginFailed()
    return start_session(db, settings, user.id)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(db: Database, settings: Settings, user_id: int) -> str:
    token = secrets.token_urlsafe(32)
    with db.transaction() as session:
        session.execute(
            delete(LoginFailure).where(LoginFailure.account == _email_of(session, user_id))
        )
        session.add(
            AuthSession(
                token_hash=_digest(token),
                user_id=user_id,
                expires_at=utcnow() + timedelta(days=settings.session_days),
            )
        )
    return token


def _email_of(session: Any, user_id: int) -> str:
    return str(require_user(session, user_id).email or "")


def account_for_token(db: Database, token: str | None) -> Account | None:
    if not token or len(token) > 200:
        return None
    with db.transaction() as session:
        row = session.get(AuthSession, _digest(token))
        if row is None or row.expires_at <= utcnow():
            return None
        return _account(require_user(session, row.user_id))


def log_out(db: Database, token: str | None) -> None:
    if token:
        with db.transaction() as session:
            session.execute(delete(AuthSession).where(AuthSession.token_hash == _digest(token)))


def get_account(db: Database, user_id: int) -> Account:
    with db.transaction() as session:
        return _account(require_user(session, user_id))


def set_country(db: Database, user_id: int, country: str | None) -> Account:
    with db.transaction() as session:
        user = require_user(session, user_id)
        user.country = (country or "").strip().lower()[:32] or None
        return _account(user)


def delete_account(db: Database, user_id: int) -> None:
    """Remove the person and everything they own; a couple they were in ends."""
    from nearer.services.couples import end_couple_in

    with db.transaction() as session:
        end_couple_in(session, user_id)
        session.delete(require_user(session, user_id))


def local_profile(db: Database) -> int:
    """The account-less profile the command line writes to, created on first use."""
    with db.transaction() as session:
        found = session.scalar(select(User.id).where(User.is_local.is_(True)).order_by(User.id))
        if found is not None:
            return found
        user = User(is_local=True)
        session.add(user)
        session.flush()
        return user.id


def secret_key(db: Database, settings: Settings) -> str:
    """The configured key, or one generated on first run and kept in the database for every process."""
    if settings.secret_key:
        return settings.secret_key
    with db.transaction() as session:
        row = session.get(AppSetting, "secret_key")
        if row is not None:
            return row.value
    try:
        with db.transaction() as session:
            session.add(AppSetting(key="secret_key", value=secrets.token_urlsafe(48)))
    except IntegrityError:
        pass  # another process generated it first; use theirs
    with db.transaction() as session:
        return session.get(AppSetting, "secret_key").value  # type: ignore[union-attr]
