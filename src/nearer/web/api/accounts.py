"""API: accounts, tokens, the couple link, export and deletion."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from nearer.services import accounts, couples, portability
from nearer.web.deps import ApiUser, AppSettings, Db
from nearer.web.schemas import CountrySetting, JoinRequest, UserCreate

router = APIRouter(tags=["accounts"])


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/users", status_code=status.HTTP_201_CREATED)
def create_user(body: UserCreate, db: Db) -> dict[str, Any]:
    return accounts.sign_up(db, body.email, body.password).to_dict()


@router.post("/auth/token")
def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    request: Request,
    db: Db,
    settings: AppSettings,
) -> dict[str, str]:
    access = accounts.log_in(db, settings, form.username, form.password, client_address(request))
    return {"access_token": access, "token_type": "bearer"}


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
