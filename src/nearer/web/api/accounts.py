"""API: accounts, tokens, the couple link, export and deletion."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from nearer.services import accounts, couples, portability
from nearer.services.portability import ExportDocument
from nearer.web.deps import ApiUser, AppSettings, Db
from nearer.web.schemas.accounts import (
    AccountPublic,
    CountrySetting,
    CoupleStatus,
    Invite,
    JoinRequest,
    Token,
    UserCreate,
)
from nearer.web.schemas.common import errors, with_body

router = APIRouter(tags=["accounts"])


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/users", status_code=status.HTTP_201_CREATED, responses=with_body(409))
def create_user(body: UserCreate, db: Db) -> AccountPublic:
    return AccountPublic.model_validate(accounts.sign_up(db, body.email, body.password).to_dict())


@router.post("/auth/token", responses=with_body(401, 429))
def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    request: Request,
    db: Db,
    settings: AppSettings,
) -> Token:
    """The OAuth2 password form (`username` is the email); send the token as a Bearer header."""
    access = accounts.log_in(db, settings, form.username, form.password, client_address(request))
    return Token(access_token=access, token_type="bearer")


@router.get("/users/me", responses=errors(401))
def me(user: ApiUser) -> AccountPublic:
    return AccountPublic.model_validate(user.to_dict())


@router.patch("/users/me", responses=with_body(401))
def update_me(body: CountrySetting, user: ApiUser, db: Db) -> AccountPublic:
    return AccountPublic.model_validate(accounts.set_country(db, user.id, body.country).to_dict())


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


@router.post("/couple/join", responses=with_body(401, 404, 409))
def join(body: JoinRequest, user: ApiUser, db: Db) -> CoupleStatus:
    return CoupleStatus.model_validate(couples.join(db, user.id, body.code).to_dict())


@router.delete("/couple", status_code=status.HTTP_204_NO_CONTENT, responses=errors(401, 404))
def unlink(user: ApiUser, db: Db) -> Response:
    couples.unlink(db, user.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/export", responses=errors(401))
def export(user: ApiUser, db: Db) -> ExportDocument:
    """Everything you own as versioned JSON (`nearer import` reads it back)."""
    return ExportDocument.model_validate(portability.export_data(db, user.id))
