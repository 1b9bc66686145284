"""Accounts: sign up, log in (throttled), sessions, changing password or email, the local profile."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, bindparam, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nearer.domain.crypto import CannotOpen
from nearer.domain.devices import device_label
from nearer.domain.errors import Conflict, InvalidInput, Locked, LoginFailed, Problem
from nearer.domain.field_checks import is_email
from nearer.domain.password_policy import password_problems
from nearer.services import vault
from nearer.services.access import require_user
from nearer.services.account_throttle import Bucket, give_back, take
from nearer.services.admins import claim_first_admin
from nearer.services.local_profile import local_profile as local_profile  # named here too
from nearer.services.local_profile import local_profile_exists as local_profile_exists
from nearer.storage import keyring
from nearer.storage.db import Database
from nearer.storage.models import AppSetting, AuthSession, User, utcnow

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from nearer.settings import Settings  # pydantic-settings: not loaded for the command line

MAX_EMAIL = 320
LAST_SEEN_EVERY = timedelta(minutes=5)  # how stale "last seen" may get before it is written


@dataclass(frozen=True, eq=False)
class Account:
    id: int
    email: str | None
    country: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "email": self.email, "country": self.country}

    def _fields(self) -> tuple[int, str | None, str | None]:
        return (self.id, self.email, self.country)

    def __eq__(self, other: object) -> bool:  # a NewAccount equals the Account it becomes
        return isinstance(other, Account) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())


@dataclass(frozen=True, eq=False)
class NewAccount(Account):
    """A just-made account and its recovery code, which exists only here and is shown once."""

    recovery_code: str = field(default="", repr=False)


@dataclass(frozen=True)
class Registration:
    """What sign-up answers, identical whether or not the email already had an account."""

    email: str
    recovery_code: str = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "email": self.email,
            "recovery_code": self.recovery_code,
            "message": "Account ready: log in. Keep the recovery code somewhere safe; "
            "it is shown only this once.",
        }


@dataclass(frozen=True)
class Login:
    """A new session token, and the device token that lets this browser past the per-account limit.

    `recovery_code` is set only when this login gave an account from before encryption its keys:
    the new code wraps the data key and replaces the old one, and is shown this once.
    """

    token: str = field(repr=False)
    device: str = field(repr=False)
    recovery_code: str | None = field(default=None, repr=False)


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id with the library's current recommended parameters


def _account(user: User) -> Account:
    return Account(user.id, user.email, user.country)


def _email_problems(email: Any, field_name: str = "email") -> list[Problem]:
    if not isinstance(email, str) or not is_email(email.strip()):
        return [Problem(field_name, "is not a valid email address")]
    return []


def _check_credentials(email: Any, password: Any) -> tuple[str, str]:
    problems = _email_problems(email)
    address = email.strip().lower() if not problems else None
    problems += password_problems(password, address)
    if problems:
        raise InvalidInput(problems)
    return str(address), str(password)


def _password_ok(user: User | None, password: Any) -> bool:
    """Checks a password in about the same time whether or not there is an account."""
    if user is None or not user.password_hash or not isinstance(password, str):
        _hasher().hash("timing-equaliser")
        return False
    try:
        return bool(_hasher().verify(user.password_hash, password))
    except Exception:  # argon2 raises several mismatch types; all mean "no"
        return False


def sign_up(db: Database, email: Any, password: Any) -> NewAccount:
    """Make an account (Conflict if the email is taken); for the CLI, the demo and tests."""
    from nearer.services.recovery import new_recovery_code

    address, secret = _check_credentials(email, password)
    hashed = _hasher().hash(secret)
    code, code_hash = new_recovery_code()
    try:
        with db.transaction() as session:
            user = User(email=address, password_hash=hashed, recovery_hash=code_hash)
            data_key = vault.give_keys(user, secret, code)  # the same code wraps the data key
            session.add(user)
            session.flush()
            claim_first_admin(session, user)  # the first account on a host administers it
            made = NewAccount(user.id, user.email, user.country, recovery_code=code)
    except IntegrityError:
        raise Conflict("An account with that email already exists.") from None
    keyring.current().put(keyring.person(made.id), data_key)  # the CLI and the demo write now
    return made


def _take_signup_try(
    session: Session, settings: Settings, address: str, user_id: int | None = None
) -> None:
    """Count a sign-up (or a change of email) from this address, and a change of email for its
    account too: TooManyAttempts past either quota."""
    buckets = [Bucket("signup:address", (address,), settings.signups_per_address)]
    if user_id is not None:
        buckets.append(Bucket("email:account", (str(user_id),), settings.signups_per_address))
    take(session, buckets, timedelta(minutes=settings.signup_window_minutes), utcnow())


def register(
    db: Database, settings: Settings, email: Any, password: Any, address: str
) -> Registration:
    """Sign-up from the web: throttled per address, and silent about emails already in use.

    A taken email gets the same answer as a new one, with a recovery code that opens nothing.
    """
    from nearer.services.recovery import new_recovery_code

    checked, _ = _check_credentials(email, password)
    with db.transaction() as session:
        _take_signup_try(session, settings, address)
    try:
        made = sign_up(db, checked, password)
    except Conflict:
        return Registration(checked, new_recovery_code()[0])
    return Registration(checked, made.recovery_code)


# --- logging in ------------------------------------------------------------------------------


def _device_mac(key: str, email: str, nonce: str) -> str:
    return hmac.new(key.encode(), f"device|{email}|{nonce}".encode(), hashlib.sha256).hexdigest()[
        :32
    ]


def _new_device(key: str, email: str) -> str:
    nonce = secrets.token_urlsafe(12)
    return f"{nonce}.{_device_mac(key, email, nonce)}"


def _device_nonce(key: str, email: str, device: str | None) -> str | None:
    """The nonce of a valid device token for `email`, or None."""
    if not device or len(device) > 100 or "." not in device:
        return None
    nonce, mac = device.split(".", 1)
    return nonce if hmac.compare_digest(mac, _device_mac(key, email, nonce)) else None


def login_buckets(settings: Settings, email: str, address: str, nonce: str | None) -> list[Bucket]:
    """A browser with this account's device token has its own quota and skips the account-wide
    ones, so a guesser elsewhere (even at the same address) cannot lock the owner out."""
    per_address = Bucket("login:address", (address,), settings.login_attempts_per_address)
    if nonce is not None:
        return [
            per_address,
            Bucket("login:device", (email, nonce), settings.login_attempts_per_account_address),
        ]
    return [
        per_address,
        Bucket("login:pair", (email, address), settings.login_attempts_per_account_address),
        Bucket("login:account", (email,), settings.login_attempts_per_account),
    ]


def log_in(
    db: Database,
    settings: Settings,
    email: Any,
    password: Any,
    address: str,
    device: str | None = None,
    user_agent: str | None = None,
) -> Login:
    """A new session, or LoginFailed / TooManyAttempts (then the password was never checked)."""
    account = str(email or "").strip().lower()[:MAX_EMAIL]
    key = secret_key(db, settings)
    nonce = _device_nonce(key, account, device)
    buckets = login_buckets(settings, account, address[:64], nonce)
    user = _password_user(db, settings, buckets, account, password)
    data_key, new_code = open_keys(db, user.id, str(password))
    token = start_session(db, settings, user.id, user_agent, data_key)
    seal_remaining(db, user.id)
    device_token = device if nonce is not None and device else _new_device(key, account)
    return Login(token, device_token, new_code)


def open_keys(db: Database, user_id: int, password: str) -> tuple[bytes, str | None]:
    """The person's data key, opened with their password; an account from before encryption
    gets its keys here, with a new recovery code (returned, shown once) that also wraps them."""
    from nearer.services.recovery import new_recovery_code

    with db.transaction() as session:
        user = require_user(session, user_id)
        if vault.has_keys(user):
            try:
                data_key = vault.open_with_password(user, password)
            except CannotOpen:
                raise Locked(
                    "Your password is right but your key did not open; use your recovery code."
                ) from None
            vault.unlock(session, user, data_key)
            return data_key, None
        code, code_hash = new_recovery_code()
        data_key = vault.give_keys(user, password, code)
        user.recovery_hash = code_hash
        session.flush()
        vault.unlock(session, user, data_key)
        return data_key, code


def unlock_account(db: Database, settings: Settings, email: Any, password: Any) -> int:
    """For the command line: check an account's password (throttled like a login) and open its
    keys in this process, without starting a session. Returns the account id."""
    account = str(email or "").strip().lower()[:MAX_EMAIL]
    buckets = [Bucket("login:account", (account,), settings.login_attempts_per_account)]
    user = _password_user(db, settings, buckets, account, password)
    open_keys(db, user.id, str(password))
    return user.id


def _password_user(
    db: Database, settings: Settings, buckets: list[Bucket], account: str, password: Any
) -> User:
    """The account if the password is its own, else LoginFailed. Each try takes from the
    buckets first (TooManyAttempts when one is empty); a right password gives them back."""
    with db.transaction() as session:
        take(session, buckets, timedelta(minutes=settings.login_window_minutes), utcnow())
        user = session.scalar(select(User).where(User.email == account))
    if not _password_ok(user, password) or user is None:
        raise LoginFailed()
    with db.transaction() as session:
        give_back(session, buckets)
    return user


def seal_remaining(db: Database, user_id: int) -> int:
    """Seal what is still plain of the person's own (their key is here now); how many rows."""
    from nearer.services import day_totals
    from nearer.storage.sealing import seal_plain_rows

    with db.transaction() as session:
        sealed = seal_plain_rows(session, user_id)
        day_totals.keep_in_step(session, user_id)
        return sealed


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(
    db: Database,
    settings: Settings,
    user_id: int,
    user_agent: str | None = None,
    data_key: bytes | None = None,
) -> str:
    """A new session; the data key rides in it sealed under the token, which only the caller
    keeps (the table stores the token's hash), so the table alone opens nothing."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with db.transaction() as session:
        session.add(
            AuthSession(
                token_hash=_digest(token),
                public_id=secrets.token_urlsafe(12),
                user_id=user_id,
                created_at=now,
                last_seen_at=now,
                device=device_label(user_agent),
                expires_at=now + timedelta(days=settings.session_days),
                sealed_key=vault.seal_for_session(token, data_key) if data_key else None,
            )
        )
    return token


@lru_cache(maxsize=1)
def _login_read() -> Select[*tuple[Any, ...]]:
    """One read for every request: the login, its person, and whose keys besides theirs the
    request may need, as plain columns (no ORM objects: this runs on every request, and loading
    two objects cost twice the query). Built once per process."""
    couple, grants = vault.ties_columns(User.id)
    return (
        select(
            AuthSession.expires_at, AuthSession.lock_pin_hash, AuthSession.locked,
            AuthSession.lock_minutes, AuthSession.active_at, AuthSession.sealed_key,
            AuthSession.last_seen_at, User.id.label("user_id"), User.email, User.country,
            User.key_by_password, couple.label("couple_id"), grants.label("any_grant"),
        )
        .join(User, User.id == AuthSession.user_id)
        .where(AuthSession.token_hash == bindparam("token_hash"))
    )


@lru_cache(maxsize=1)
def _seen_now() -> Any:
    return (
        update(AuthSession)
        # Not named after a column: SQLAlchemy keeps those names for the SET clause's values and
        # refuses to compile the statement otherwise.
        .where(AuthSession.token_hash == bindparam("login"))
        .values(last_seen_at=bindparam("now"))
    )


def account_for_token(
    db: Database, token: str | None, *, refuse_locked: bool = False
) -> Account | None:
    """The person a login token belongs to (and their keys opened for this request), or None.
    With `refuse_locked` (the API), the app lock's rule applies as on a page: a login whose
    lock is locked, or that sat idle past its minutes (it locks now), counts as none; otherwise
    the request counts as activity. Asked in the same transaction as the read of the session
    row, not in one of its own."""
    if not token or len(token) > 200:
        return None
    now = utcnow()
    token_hash = _digest(token)
    with db.transaction() as session:
        found = session.connection().execute(_login_read(), {"token_hash": token_hash}).first()
        if found is None or found.expires_at <= now:
            return None
        if refuse_locked and found.lock_pin_hash:
            from nearer.services.app_lock import let_api_in  # it imports this module

            if not let_api_in(session, token_hash, bool(found.locked), found.active_at,
                              found.lock_minutes, now):
                return None
        if found.sealed_key:
            ties = vault.Ties(found.couple_id, bool(found.any_grant))
            try:
                key = vault.open_from_session(token, found.sealed_key)
                vault.unlock(session, found.user_id, key, ties)
            except CannotOpen:
                return None
        elif found.key_by_password:
            return None  # a session from before encryption: log in again to open the key
        if found.last_seen_at <= now - LAST_SEEN_EVERY:
            session.connection().execute(_seen_now(), {"login": token_hash, "now": now})
        return Account(found.user_id, found.email, found.country)


def log_out(db: Database, token: str | None) -> None:
    if token:
        with db.transaction() as session:
            session.execute(delete(AuthSession).where(AuthSession.token_hash == _digest(token)))


def end_sessions(session: Any, user_id: int, keep_token: str | None = None) -> int:
    """End every session of `user_id` except the one with `keep_token`; how many ended."""
    query = delete(AuthSession).where(AuthSession.user_id == user_id)
    if keep_token:
        query = query.where(AuthSession.token_hash != _digest(keep_token))
    return int(getattr(session.execute(query), "rowcount", 0) or 0)


# --- changing password and email -----------------------------------------------------------------


def _verify_current(
    db: Database, settings: Settings, user_id: int, password: Any, field_name: str
) -> User:
    """The person, if `password` is theirs; throttled like logins so a borrowed session
    cannot be used to guess the password."""
    bucket = Bucket("verify:user", (str(user_id),), settings.login_attempts_per_account_address)
    with db.transaction() as session:
        take(session, [bucket], timedelta(minutes=settings.login_window_minutes), utcnow())
        user = require_user(session, user_id)
    if not _password_ok(user, password):
        raise InvalidInput([Problem(field_name, "is not your current password")])
    with db.transaction() as session:
        give_back(session, [bucket])
    return user


def change_password(
    db: Database,
    settings: Settings,
    user_id: int,
    current_password: Any,
    new_password: Any,
    keep_token: str | None,
) -> int:
    """Set a new password and end every other session; how many sessions ended."""
    user = _verify_current(db, settings, user_id, current_password, "current_password")
    problems = password_problems(new_password, user.email, "new_password")
    if problems:
        raise InvalidInput(problems)
    hashed = _hasher().hash(str(new_password))
    with db.transaction() as session:
        user = require_user(session, user_id)
        user.password_hash = hashed
        if vault.has_keys(user):
            try:
                data_key = vault.open_with_password(user, str(current_password))
            except CannotOpen:
                raise Locked() from None
            vault.set_password(user, data_key, str(new_password))  # nothing is re-encrypted
        return end_sessions(session, user_id, keep_token)


def change_email(
    db: Database, settings: Settings, user_id: int, password: Any, new_email: Any, address: str
) -> Account:
    """Move the account to `new_email` (validated as at sign-up); needs the password.

    A taken address is refused, which tells the person it has an account (Nearer has no email
    verification to hide that behind), so every try with the right password counts against the
    sign-up quotas, per address and per account, whether the address was free or taken.
    """
    problems = _email_problems(new_email)
    if problems:
        raise InvalidInput(problems)
    _verify_current(db, settings, user_id, password, "password")
    checked = str(new_email).strip().lower()
    with db.transaction() as session:  # committed on its own: a taken address keeps its count
        _take_signup_try(session, settings, address, user_id)
    try:
        with db.transaction() as session:
            user = require_user(session, user_id)
            user.email = checked
            session.flush()
            return _account(user)
    except IntegrityError:
        raise InvalidInput([Problem("email", "cannot be used; choose another address")]) from None


def set_country(db: Database, user_id: int, country: str | None) -> Account:
    """Set the country whose help lines the person sees ("uk" is kept as "gb"); empty clears
    it (the international lines). A country Nearer has no help lines for is refused, naming
    the ones it has: help lines are what the setting is for."""
    from nearer.domain.help_resources import (
        known_country,
        normalise_country,
        unknown_country_problem,
    )

    wanted = (country or "").strip()
    if wanted and not known_country(wanted):
        raise InvalidInput([Problem("country", unknown_country_problem())])
    with db.transaction() as session:
        user = require_user(session, user_id)
        user.country = normalise_country(wanted) if wanted else None
        return _account(user)


def delete_account(db: Database, user_id: int) -> None:
    """Remove the person and everything they own; a couple they were in ends."""
    from nearer.services.couples import end_couple_in

    with db.transaction() as session:
        end_couple_in(session, user_id)
        session.delete(require_user(session, user_id))


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
