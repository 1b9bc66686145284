"""API: accounts, tokens, password and email changes, sessions, the couple link, export, deletion."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from nearer.services import account_sessions, accounts, couples, portability, recovery
from nearer.services.self_awareness import zone_named
from nearer.web.deps import ApiToken, ApiUser, AppSettings, Db
from nearer.web.schemas import CountrySetting, JoinRequest, UserCreate
from nearer.web.schemas_accounts import (
    EmailChange,
    PasswordChange,
    PasswordReset,
    RecoveryOut,
    RegistrationOut,
    SessionOut,
    SessionsEnded,
    TokenOut,
)

router = APIRouter(tags=["accounts"])
SLOWED: dict[int | str, dict[str, Any]] = {429: {"description": "Too many attempts; wait for the Retry-After seconds."}}


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post(
    "/users",
    status_code=status.HTTP_201_CREATED,
    response_model=RegistrationOut,
    responses={**SLOWED, 422: {"description": "Invalid email or too weak a password."}},
)
def create_user(
    body: UserCreate, request: Request, db: Db, settings: AppSettings
) -> dict[str, Any]:
    """Sign up. The answer is the same whether or not the email already has an account."""
    made = accounts.register(db, settings, body.email, body.password, client_address(request))
    return made.to_dict()


@router.post("/auth/token", response_model=TokenOut, responses=SLOWED)
def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    request: Request,
    db: Db,
    settings: AppSettings,
    device: Annotated[str | None, Header(alias="X-Nearer-Device", max_length=100)] = None,
) -> dict[str, str]:
    login = accounts.log_in(
        db,
        settings,
        form.username,
        form.password,
        client_address(request),
        device=device,
        user_agent=request.headers.get("user-agent"),
    )
    return {"access_token": login.token, "token_type": "bearer", "device_token": login.device}


@router.post(
    "/auth/reset",
    response_model=RecoveryOut,
    responses={**SLOWED, 400: {"description": "That email and recovery code do not match."}},
)
def reset(body: PasswordReset, request: Request, db: Db, settings: AppSettings) -> dict[str, str]:
    """Reset a forgotten password with the recovery code; every session ends."""
    code = recovery.reset_password(
        db, settings, body.email, body.recovery_code, body.new_password, client_address(request)
    )
    return {
        "recovery_code": code,
        "message": "Password changed and every session ended. Log in with the new password.",
    }


@router.post("/users/me/password", response_model=SessionsEnded, responses=SLOWED)
def change_password(
    body: PasswordChange, user: ApiUser, token: ApiToken, db: Db, settings: AppSettings
) -> dict[str, int]:
    """Change your password (needs the current one); every other session ends."""
    ended = accounts.change_password(
        db, settings, user.id, body.current_password, body.new_password, token
    )
    return {"ended_sessions": ended}


@router.post("/users/me/email", responses=SLOWED)
def change_email(
    body: EmailChange, request: Request, user: ApiUser, db: Db, settings: AppSettings
) -> dict[str, Any]:
    changed = accounts.change_email(
        db, settings, user.id, body.password, body.email, client_address(request)
    )
    return changed.to_dict()


@router.get("/users/me/sessions", response_model=list[SessionOut])
def sessions(
    user: ApiUser,
    token: ApiToken,
    db: Db,
    tz: Annotated[str | None, Query(max_length=64)] = None,
) -> list[dict[str, Any]]:
    """Where you are logged in; times in the time zone `tz` (e.g. Europe/London)."""
    found = account_sessions.list_sessions(db, user.id, token, zone_named(tz))
    return [info.to_dict() for info in found]


@router.post("/users/me/sessions/end-others", response_model=SessionsEnded)
def end_other_sessions(user: ApiUser, token: ApiToken, db: Db) -> dict[str, int]:
    """Log out everywhere else."""
    return {"ended_sessions": account_sessions.end_other_sessions(db, user.id, token)}


@router.delete("/users/me/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
def end_session(session_id: Annotated[str, Path(max_length=22)], user: ApiUser, db: Db) -> Response:
    account_sessions.end_session(db, user.id, session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/users/me")
def me(user: ApiUser) -> dict[str, Any]:
    return user.to_dict()


@router.patch("/users/me")
def update_me(body: CountrySetting, user: ApiUser, db: Db) -> dict[str, Any]:
    return accounts.set_country(db, user.id, body.country).to_dict()


@router.delete("/users/me", status_code=status.HTTP_204_NO_CONTENT)
def delete_me(user: ApiUser, db: Db) -> Response:
    accounts.delete_account(db, user.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/couple")
def couple_status(user: ApiUser, db: Db) -> dict[str, Any]:
    return couples.status(db, user.id).to_dict()


@router.post("/couple/invite", status_code=status.HTTP_201_CREATED)
def invite(user: ApiUser, db: Db) -> dict[str, str]:
    return {"code": couples.create_invite(db, user.id)}


@router.post("/couple/join")
def join(body: JoinRequest, user: ApiUser, db: Db) -> dict[str, Any]:
    return couples.join(db, user.id, body.code).to_dict()


@router.delete("/couple", status_code=status.HTTP_204_NO_CONTENT)
def unlink(user: ApiUser, db: Db) -> Response:
    couples.unlink(db, user.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/export")
def export(user: ApiUser, db: Db) -> dict[str, Any]:
    return portability.export_data(db, user.id)
