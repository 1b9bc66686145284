"""API: accounts, tokens, password and email changes, sessions, the couple link, export, deletion."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Request, Response, status
from fastapi.responses import StreamingResponse
from fastapi.security import OAuth2PasswordRequestForm

from nearer.domain.fields import TimeZone
from nearer.services import account_sessions, accounts, couples, invite_codes, profile, recovery
from nearer.services.export_stream import export_stream
from nearer.services.portability import ExportDocument
from nearer.services.self_awareness import zone_named
from nearer.web.deps import ApiToken, ApiUser, AppSettings, Db
from nearer.web.schemas.accounts import (
    AccountPublic,
    AccountUpdate,
    CoupleStatus,
    EmailChange,
    Invite,
    JoinRequest,
    PasswordChange,
    PasswordReset,
    Recovery,
    Registration,
    SessionPage,
    SessionPublic,
    SessionsEnded,
    Token,
    UserCreate,
)
from nearer.web.schemas.common import errors, with_body
from nearer.web.schemas.paging import LIMIT_DEFAULT, Cursor, Limit, link_next, paged_errors

router = APIRouter(tags=["accounts"])


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/users", status_code=status.HTTP_201_CREATED, responses=with_body(429))
def create_user(body: UserCreate, request: Request, db: Db, settings: AppSettings) -> Registration:
    """Sign up. The answer is the same whether or not the email already has an account."""
    made = accounts.register(db, settings, body.email, body.password, client_address(request))
    return Registration.model_validate(made.to_dict())


@router.post("/auth/token", responses=with_body(401, 429))
def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    request: Request,
    db: Db,
    settings: AppSettings,
    device: Annotated[str | None, Header(alias="X-Nearer-Device", max_length=100)] = None,
) -> Token:
    """The OAuth2 password form (`username` is the email); send the token as a Bearer header."""
    login = accounts.log_in(
        db,
        settings,
        form.username,
        form.password,
        client_address(request),
        device=device,
        user_agent=request.headers.get("user-agent"),
    )
    return Token(
        access_token=login.token,
        token_type="bearer",
        device_token=login.device,
        recovery_code=login.recovery_code,
    )


@router.post("/auth/reset", responses=with_body(400, 429))
def reset(body: PasswordReset, request: Request, db: Db, settings: AppSettings) -> Recovery:
    """Reset a forgotten password with the recovery code; every session ends."""
    code = recovery.reset_password(
        db, settings, body.email, body.recovery_code, body.new_password, client_address(request)
    )
    return Recovery(
        recovery_code=code,
        message="Password changed and every session ended. Log in with the new password.",
    )


@router.post("/users/me/password", responses=with_body(401, 429))
def change_password(
    body: PasswordChange, user: ApiUser, token: ApiToken, db: Db, settings: AppSettings
) -> SessionsEnded:
    """Change your password (needs the current one); every other session ends."""
    ended = accounts.change_password(
        db, settings, user.id, body.current_password, body.new_password, token
    )
    return SessionsEnded(ended_sessions=ended)


@router.post("/users/me/email", responses=with_body(401, 409, 429))
def change_email(
    body: EmailChange, request: Request, user: ApiUser, db: Db, settings: AppSettings
) -> AccountPublic:
    changed = accounts.change_email(
        db, settings, user.id, body.password, body.email, client_address(request)
    )
    return AccountPublic.model_validate(changed.to_dict())


@router.get("/users/me/sessions", responses=paged_errors(401))
def sessions(
    request: Request,
    response: Response,
    user: ApiUser,
    token: ApiToken,
    db: Db,
    tz: TimeZone | None = None,
    limit: Limit = LIMIT_DEFAULT,
    cursor: Cursor = None,
) -> SessionPage:
    """Where you are logged in, most recently seen first, a page at a time; times in the time
    zone `tz` (e.g. Europe/London)."""
    page = account_sessions.sessions_page(
        db, user.id, token, zone_named(tz), limit=limit, cursor=cursor
    )
    link_next(request, response, page)
    items = [SessionPublic.model_validate(info.to_dict()) for info in page.items]
    return SessionPage(items=items, next=page.next)


@router.post("/users/me/sessions/end-others", responses=errors(401))
def end_other_sessions(user: ApiUser, token: ApiToken, db: Db) -> SessionsEnded:
    """Log out everywhere else."""
    return SessionsEnded(ended_sessions=account_sessions.end_other_sessions(db, user.id, token))


@router.delete(
    "/users/me/sessions/{session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=errors(401, 404, 422),
)
def end_session(
    session_id: Annotated[str, Path(min_length=1, max_length=22, pattern=r"^[A-Za-z0-9_-]+$")],
    user: ApiUser,
    db: Db,
) -> Response:
    account_sessions.end_session(db, user.id, session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _account_public(db: Db, account: accounts.Account) -> AccountPublic:
    named = profile.profile(db, account.id).display_name
    return AccountPublic.model_validate({**account.to_dict(), "display_name": named})


@router.get("/users/me", responses=errors(401))
def me(user: ApiUser, db: Db) -> AccountPublic:
    return _account_public(db, user)


@router.patch("/users/me", responses=with_body(401))
def update_me(body: AccountUpdate, user: ApiUser, db: Db) -> AccountPublic:
    """Change only the fields sent: `country` and/or `display_name` (null clears either)."""
    account = user
    if "display_name" in body.model_fields_set:
        profile.set_display_name(db, user.id, body.display_name)
    if "country" in body.model_fields_set:
        account = accounts.set_country(db, user.id, body.country)
    return _account_public(db, account)


@router.delete("/users/me", status_code=status.HTTP_204_NO_CONTENT, responses=errors(401))
def delete_me(user: ApiUser, db: Db) -> Response:
    """Delete the account and everything it owns; a couple it was in ends."""
    accounts.delete_account(db, user.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/couple", responses=errors(401))
def couple_status(user: ApiUser, db: Db) -> CoupleStatus:
    return CoupleStatus.model_validate(couples.status(db, user.id).to_dict())


@router.post("/couple/invite", status_code=status.HTTP_201_CREATED, responses=errors(401, 409))
def invite(user: ApiUser, db: Db) -> Invite:
    return Invite(code=couples.create_invite(db, user.id))


@router.post("/couple/join", responses=with_body(401, 404, 409, 429))
def join(
    body: JoinRequest, request: Request, user: ApiUser, db: Db, settings: AppSettings
) -> CoupleStatus:
    """Link with the partner who made this code; wrong codes are limited like failed logins."""
    joined = invite_codes.join_couple(db, settings, user.id, body.code, client_address(request))
    return CoupleStatus.model_validate(joined.to_dict())


@router.delete("/couple", status_code=status.HTTP_204_NO_CONTENT, responses=errors(401, 404))
def unlink(user: ApiUser, db: Db) -> Response:
    couples.unlink(db, user.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/export", response_model=ExportDocument, responses=errors(401))
def export(user: ApiUser, db: Db) -> StreamingResponse:
    """Everything you own as versioned JSON (`nearer import` reads it back), sent as it is read."""
    return StreamingResponse(export_stream(db, user.id), media_type="application/json")
