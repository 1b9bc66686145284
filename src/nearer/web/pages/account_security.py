"""Pages: my account's security: password, email, and where I am logged in."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from nearer.domain.errors import InvalidInput, NearerError, TooManyAttempts
from nearer.services import account_sessions, accounts
from nearer.services.accounts import Account
from nearer.services.rhythm_time import chosen_zone
from nearer.services.self_awareness import zone_named
from nearer.web.api.accounts import client_address
from nearer.web.deps import SESSION_COOKIE, AppSettings, Csrf, Db, PageUser
from nearer.web.feedback import field_errors
from nearer.web.pages.auth import slowed
from nearer.web.schemas.paging import PageCursor
from nearer.web.templating import redirect, render

router = APIRouter()
_NOTICES = {
    "password": "Password changed. Every other session has been logged out.",
    "email": "Email changed.",
    "others": "Logged out everywhere else.",
    "ended": "That session has been logged out.",
}


def _page(
    request: Request,
    db: Db,
    user: Account,
    tz: str = "",
    extra: dict[str, Any] | None = None,
    status: int = 200,
    cursor: str | None = None,
) -> Response:
    errors: dict[str, str] = {}
    chosen = chosen_zone(db, user.id)  # the zone chosen in Account comes first, then ?tz=
    tz = tz or chosen or ""
    try:
        zone = zone_named(tz or None)
    except InvalidInput as error:
        zone, tz, errors = zone_named(None), "", field_errors(error)
    token = request.cookies.get(SESSION_COOKIE)
    sessions = account_sessions.sessions_page(db, user.id, token, zone, cursor=cursor)
    context: dict[str, Any] = {
        "user": user,
        "sessions": sessions.items,
        "older": sessions.next,
        "paged": bool(cursor),
        "tz": tz,
        "zone_name": tz or "UTC",
        "zone_chosen": bool(chosen),
        "errors": errors,
        **(extra or {}),
    }
    return render(request, "account_security.html", context, status)


def _failed(request: Request, db: Db, user: Account, error: NearerError, form: str) -> Response:
    status = 429 if isinstance(error, TooManyAttempts) else 422
    extra = {"errors": field_errors(error), "failed_form": form}
    return slowed(_page(request, db, user, extra=extra, status=status), error)


@router.get("/account/security")
def security_page(
    request: Request,
    user: PageUser,
    db: Db,
    tz: Annotated[str, Query(max_length=64)] = "",
    done: Annotated[str, Query(max_length=16)] = "",
    cursor: PageCursor = None,
) -> Response:
    extra = {"notice": _NOTICES.get(done)}
    return _page(request, db, user, tz, extra, cursor=cursor or None)


@router.post("/account/password", dependencies=[Csrf])
def change_password(
    request: Request,
    user: PageUser,
    db: Db,
    settings: AppSettings,
    current_password: Annotated[str, Form(max_length=1024)] = "",
    new_password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    try:
        accounts.change_password(
            db,
            settings,
            user.id,
            current_password,
            new_password,
            request.cookies.get(SESSION_COOKIE),
        )
    except NearerError as error:
        return _failed(request, db, user, error, "password")
    return redirect("/account/security?done=password")


@router.post("/account/email", dependencies=[Csrf])
def change_email(
    request: Request,
    user: PageUser,
    db: Db,
    settings: AppSettings,
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    try:
        accounts.change_email(db, settings, user.id, password, email, client_address(request))
    except NearerError as error:
        return _failed(request, db, user, error, "email")
    return redirect("/account/security?done=email")


@router.post("/account/sessions/end-others", dependencies=[Csrf])
def end_other_sessions(request: Request, user: PageUser, db: Db) -> Response:
    account_sessions.end_other_sessions(db, user.id, request.cookies.get(SESSION_COOKIE))
    return redirect("/account/security?done=others")


@router.post("/account/sessions/{session_id}/end", dependencies=[Csrf])
def end_session(user: PageUser, db: Db, session_id: str) -> Response:
    account_sessions.end_session(db, user.id, session_id)
    return redirect("/account/security?done=ended")
