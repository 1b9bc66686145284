"""Pages: the Account page's own choices — display name, quick exit, and this device's app lock."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from nearer.domain.errors import InvalidInput
from nearer.domain.help_links import country_choices
from nearer.services import app_lock, profile
from nearer.web.deps import SESSION_COOKIE, Csrf, Db, PageUser
from nearer.web.feedback import field_errors, redirect_with_toast
from nearer.web.templating import render

router = APIRouter()



def account_context(request: Request, db: Db, user: Any) -> dict[str, Any]:
    """What the Account page shows besides the account itself."""
    token = request.cookies.get(SESSION_COOKIE)
    return {
        "me": profile.profile(db, user.id),
        "lock": app_lock.state(db, token),
        "countries": country_choices(),
        "errors": {},
        "form": {},
        "toast": None,  # the message a redirect carried, if any (web/feedback.py)
    }


def account_again(request: Request, db: Db, user: Any, error: InvalidInput, **form: str
                  ) -> Response:
    """The Account page again, with `error` beside its field and what was typed kept (422)."""
    context = {"user": user, **account_context(request, db, user)}
    context.update(errors=field_errors(error), form=form, toast=None)
    return render(request, "account.html", context, 422)


@router.post("/account/name", dependencies=[Csrf])
def set_name(
    request: Request,
    user: PageUser,
    db: Db,
    display_name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    try:
        profile.set_display_name(db, user.id, display_name)
    except InvalidInput as error:
        return account_again(request, db, user, error, display_name=display_name)
    return redirect_with_toast("/account#name", "name")


@router.post("/account/quick-exit", dependencies=[Csrf])
def set_quick_exit(
    user: PageUser, db: Db, logs_out: Annotated[str, Form(max_length=8)] = ""
) -> Response:
    profile.set_exit_logs_out(db, user.id, logs_out == "yes")
    return redirect_with_toast("/account#quick-exit", "exit")


@router.post("/account/lock", dependencies=[Csrf])
def turn_lock_on(
    request: Request,
    user: PageUser,
    db: Db,
    pin: Annotated[str, Form(max_length=64)] = "",
    minutes: Annotated[str, Form(max_length=8)] = "5",
) -> Response:
    chosen: object = int(minutes) if minutes.strip().isdigit() else minutes
    try:
        app_lock.turn_on(db, request.cookies.get(SESSION_COOKIE), pin, chosen)
    except InvalidInput as error:
        return account_again(request, db, user, error, minutes=minutes)
    return redirect_with_toast("/account#app-lock", "lock")


@router.post("/account/lock/off", dependencies=[Csrf])
def turn_lock_off(request: Request, user: PageUser, db: Db) -> Response:
    app_lock.turn_off(db, request.cookies.get(SESSION_COOKIE))
    return redirect_with_toast("/account#app-lock", "unlock")
