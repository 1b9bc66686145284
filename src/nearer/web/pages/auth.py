"""Pages: the welcome page, sign up, log in, a forgotten password, log out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from nearer.domain.errors import InvalidInput, NearerError, TooManyAttempts
from nearer.services import accounts, profile, recovery
from nearer.web.api.accounts import client_address
from nearer.web.deps import SESSION_COOKIE, AppSettings, Csrf, Db, MaybeUser
from nearer.web.feedback import field_errors
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


DEVICE_COOKIE = "nearer_device"


def slowed(response: Response, error: NearerError) -> Response:
    if isinstance(error, TooManyAttempts):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


@router.get("/signup")
def signup_page(request: Request) -> Response:
    return render(request, "signup.html", {"errors": {}})


@router.post("/signup", dependencies=[Csrf])
def signup(
    request: Request,
    db: Db,
    settings: AppSettings,
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    """Never logs anyone in, and answers alike whether or not the email already has an account."""
    try:
        made = accounts.register(db, settings, email, password, client_address(request))
    except NearerError as error:
        code = 429 if isinstance(error, TooManyAttempts) else 422
        context = {"errors": field_errors(error), "email": email}
        return slowed(render(request, "signup.html", context, code), error)
    return render(request, "signup_done.html", {"email": made.email, "code": made.recovery_code})


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
    time_zone: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    try:
        made = accounts.log_in(
            db,
            settings,
            email,
            password,
            client_address(request),
            device=request.cookies.get(DEVICE_COOKIE),
            user_agent=request.headers.get("user-agent"),
        )
    except NearerError as error:
        code = 429 if isinstance(error, TooManyAttempts) else 401
        page = render(request, "login.html", {"error": str(error), "email": email}, code)
        return slowed(page, error)
    from nearer.services.rhythm_time import adopt_browser_zone

    account = accounts.account_for_token(db, made.token)
    if account is not None and time_zone:
        adopt_browser_zone(db, account.id, time_zone.strip())  # only if never chosen
    response: Response
    if made.recovery_code:  # an account from before encryption just got its keys
        response = render(request, "login_recovery.html", {"code": made.recovery_code})
    else:
        response = redirect("/welcome" if profile.welcome_due(db, made.token) else "/")
    set_session(request, response, made.token)
    response.set_cookie(
        DEVICE_COOKIE,
        made.device,
        max_age=365 * 86400,
        path="/login",
        httponly=True,
        samesite="strict",
        secure=bool(settings.cookie_secure),
    )
    return response


@router.get("/forgot")
def forgot_page(request: Request) -> Response:
    return render(request, "forgot.html", {"errors": {}})


@router.post("/forgot", dependencies=[Csrf])
def forgot(
    request: Request,
    db: Db,
    settings: AppSettings,
    email: Annotated[str, Form(max_length=320)] = "",
    recovery_code: Annotated[str, Form(max_length=64)] = "",
    new_password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    """Reset the password with the recovery code; every session ends; a fresh code is shown once."""
    try:
        code = recovery.reset_password(
            db, settings, email, recovery_code, new_password, client_address(request)
        )
    except NearerError as error:
        status = {TooManyAttempts: 429, InvalidInput: 422}.get(type(error), 400)
        context = {"errors": field_errors(error), "email": email}
        return slowed(render(request, "forgot.html", context, status), error)
    response = render(request, "forgot_done.html", {"code": code})
    clear_session(response)
    return response


@router.post("/logout", dependencies=[Csrf])
def logout(request: Request, db: Db) -> Response:
    accounts.log_out(db, request.cookies.get(SESSION_COOKIE))
    response = redirect("/")
    clear_session(response)
    return response
