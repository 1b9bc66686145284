"""Request-scoped dependencies: the database, the caller, and CSRF protection for forms."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request, status
from fastapi.security import OAuth2PasswordBearer

from nearer.domain.field_checks import MAX_ID
from nearer.services import accounts, app_lock
from nearer.services.accounts import Account
from nearer.settings import Settings
from nearer.storage.db import Database

SESSION_COOKIE = "nearer_session"
CSRF_COOKIE = "nearer_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"

_bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


# The two look-ups below are `async` on purpose: a plain `def` dependency costs every request
# a hop to the thread pool and back, for one attribute read.
async def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


Db = Annotated[Database, Depends(get_db)]
AppSettings = Annotated[Settings, Depends(get_settings)]


def _login_first() -> HTTPException:
    """The API's answer to a request without a valid login."""
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        "Log in first: send 'Authorization: Bearer <token>' from /api/v1/auth/token.",
        headers={"WWW-Authenticate": "Bearer"},
    )


def api_user(db: Db, token: Annotated[str | None, Depends(_bearer)]) -> Account:
    # A login locked by its PIN grants nothing until unlocked in the browser.
    account = accounts.account_for_token(db, token, refuse_locked=True)
    if account is None:
        raise _login_first()
    return account


ApiUser = Annotated[Account, Depends(api_user)]


async def sent_token(token: Annotated[str | None, Depends(_bearer)]) -> str:
    """The bearer token, or 401 at once when none was sent, before the body is read: for an
    endpoint that checks the login itself, in the same thread-pool hop as its work (api_user)."""
    if not token:
        raise _login_first()
    return token


SentToken = Annotated[str, Depends(sent_token)]
ApiToken = Annotated[str | None, Depends(_bearer)]  # the caller's own bearer token


def api_user_or_none(db: Db, token: Annotated[str | None, Depends(_bearer)]) -> Account | None:
    return accounts.account_for_token(db, token)


class LoginRequired(Exception):
    """A page needs a logged-in person; the app turns this into a redirect to /login."""


class AppLocked(Exception):
    """This login's app lock is on and locked; the app turns this into the PIN screen."""


# Pages a locked login may still reach: the PIN screen, leaving, and help.
UNLOCKED_PATHS = frozenset({"/lock", "/logout", "/leave", "/help-now"})


def page_user_or_none(request: Request, db: Db) -> Account | None:
    token = request.cookies.get(SESSION_COOKIE)
    account = accounts.account_for_token(db, token)
    if account is not None and request.url.path not in UNLOCKED_PATHS:
        lock = app_lock.check(db, token)
        request.state.lock_minutes = lock.minutes if lock.on else None
        if lock.locked:
            raise AppLocked()
    return account


def page_user(account: Annotated[Account | None, Depends(page_user_or_none)]) -> Account:
    if account is None:
        raise LoginRequired()
    return account


PageUser = Annotated[Account, Depends(page_user)]
MaybeUser = Annotated[Account | None, Depends(page_user_or_none)]
# A row's id in a page's path: outside 1 .. MAX_ID it names no row, and the page does not exist.
RowPath = Annotated[int, Path(ge=1, le=MAX_ID)]


def csrf_seed(request: Request) -> str:
    """The browser's CSRF seed, created on its first page view."""
    seed = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "csrf_seed", None)
    if not seed:
        seed = secrets.token_urlsafe(24)
        request.state.csrf_seed = seed
    return seed


def csrf_token(request: Request) -> str:
    key = request.app.state.secret_key.encode()
    return hmac.new(key, csrf_seed(request).encode(), hashlib.sha256).hexdigest()


async def check_csrf(request: Request) -> None:
    """Every state-changing form (and the page's own fetches) must carry the token."""
    seed = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not seed or not sent or not hmac.compare_digest(sent, csrf_token(request)):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "This form has expired or did not come from Nearer. Go back, reload the page and try again.",
        )


Csrf = Depends(check_csrf)
