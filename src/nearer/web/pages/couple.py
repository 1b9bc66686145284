"""Pages: linking with a partner, and my account (country, export, delete)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response, StreamingResponse

from nearer.domain.errors import InvalidInput, NearerError, TooManyAttempts
from nearer.services import accounts, couples, invite_codes
from nearer.services.export_stream import export_stream
from nearer.web.api.accounts import client_address
from nearer.web.deps import SESSION_COOKIE, AppSettings, Csrf, Db, PageUser
from nearer.web.feedback import plain_errors, redirect_with_toast
from nearer.web.pages.account_choices import account_again, account_context
from nearer.web.pages.auth import slowed
from nearer.web.templating import clear_session, redirect, render

router = APIRouter()


def _couple_page(
    request: Request, db: Db, user: PageUser, status: int | None = None, **extra: object
) -> Response:
    context = {"user": user, "couple": couples.status(db, user.id), "errors": {}, **extra}
    code = status or (422 if extra.get("error") else 200)
    return render(request, "couple.html", context, code)


@router.get("/couple")
def couple_page(request: Request, user: PageUser, db: Db) -> Response:
    return _couple_page(request, db, user)


@router.post("/couple/invite", dependencies=[Csrf])
def invite(request: Request, user: PageUser, db: Db) -> Response:
    try:
        return _couple_page(request, db, user, code=couples.create_invite(db, user.id))
    except NearerError as error:
        return _couple_page(request, db, user, error=str(error))


@router.post("/couple/join", dependencies=[Csrf])
def join(
    request: Request,
    user: PageUser,
    db: Db,
    settings: AppSettings,
    code: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    try:
        invite_codes.join_couple(db, settings, user.id, code, client_address(request))
    except NearerError as error:
        status = 429 if isinstance(error, TooManyAttempts) else 422
        errors = {"code": " ".join(plain_errors(error).values())}
        page = _couple_page(request, db, user, status, errors=errors, typed=code)
        return slowed(page, error)
    return redirect("/couple")


@router.post("/couple/unlink", dependencies=[Csrf])
def unlink(request: Request, user: PageUser, db: Db) -> Response:
    try:
        couples.unlink(db, user.id)
    except NearerError as error:
        return _couple_page(request, db, user, error=str(error))
    return redirect("/couple")


@router.get("/account")
def account_page(request: Request, user: PageUser, db: Db) -> Response:
    context = {"user": user, **account_context(request, db, user)}
    return render(request, "account.html", context)


@router.post("/account/country", dependencies=[Csrf])
def set_country(
    request: Request, user: PageUser, db: Db, country: Annotated[str, Form()] = ""
) -> Response:
    try:
        accounts.set_country(db, user.id, country[:200])
    except InvalidInput as error:
        return account_again(request, db, user, error)
    return redirect_with_toast("/account#country", "country")


@router.get("/account/export.json")
def export(user: PageUser, db: Db) -> Response:
    """The same document as `nearer export` writes, streamed as the journal is read."""
    return StreamingResponse(
        export_stream(db, user.id, indent=2),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="nearer-export.json"'},
    )


@router.post("/account/delete", dependencies=[Csrf])
def delete_account(
    request: Request, user: PageUser, db: Db, confirm: Annotated[str, Form(max_length=64)] = ""
) -> Response:
    if confirm.strip().lower() != "delete":
        return render(
            request,
            "account.html",
            {"user": user, **account_context(request, db, user),
             "errors": {"confirm": "To delete everything, type the word DELETE in this box."}},
            422,
        )
    accounts.delete_account(db, user.id)
    accounts.log_out(db, request.cookies.get(SESSION_COOKIE))
    response = redirect("/")
    clear_session(response)
    return response
