"""Pages: the welcome page, sign up, log in, log out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from nearer.domain.errors import NearerError, TooManyAttempts
from nearer.services import accounts
from nearer.web.api.accounts import client_address
from nearer.web.deps import SESSION_COOKIE, AppSettings, Csrf, Db, MaybeUser
from nearer.web.templating import clear_session, redirect, render, set_session

router = APIRouter()


@router.get("/")
def home(request: Request, user: MaybeUser, db: Db) -> Response:
    """For a logged-in person, the day's starting point; for anyone else, the welcome."""
    if user is not None:
        from nearer.services.home import home as day_start

        context = {"user": user, "home": day_start(db, user.id), "breaks": []}
        return render(request, "home.html", context)
    return render(request, "index.html")


@router.get("/signup")
def signup_page(request: Request) -> Response:
    return render(request, "signup.html")


@router.post("/signup", dependencies=[Csrf])
def signup(
    request: Request,
    db: Db,
    settings: AppSettings,
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    try:
        account = accounts.sign_up(db, email, password)
    except NearerError as error:
        return render(request, "signup.html", {"error": str(error), "email": email}, 422)
    response = redirect("/journal")
    set_session(request, response, accounts.start_session(db, settings, account.id))
    return response


@router.get("/login")
def login_page(request: Request) -> Response:
    return render(request, "login.html")


@router.post("/login", dependencies=[Csrf])
def login(
    request: Request,
    db: Db,
    settings: AppSettings,
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    try:
        token = accounts.log_in(db, settings, email, password, client_address(request))
    except NearerError as error:
        code = 429 if isinstance(error, TooManyAttempts) else 401
        return render(request, "login.html", {"error": str(error), "email": email}, code)
    response = redirect("/")
    set_session(request, response, token)
    return response


@router.post("/logout", dependencies=[Csrf])
def logout(request: Request, db: Db) -> Response:
    accounts.log_out(db, request.cookies.get(SESSION_COOKIE))
    response = redirect("/")
    clear_session(response)
    return response
