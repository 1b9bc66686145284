"""Pages: the three welcome screens after sign-up, then the first step on the path."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from nearer.domain.errors import InvalidInput, NearerError, TooManyAttempts
from nearer.services import couples, invite_codes, profile
from nearer.web.api.accounts import client_address
from nearer.web.deps import AppSettings, Csrf, Db, PageUser
from nearer.web.feedback import field_errors
from nearer.web.pages.auth import slowed
from nearer.web.templating import redirect, render

router = APIRouter()
SCREENS = 3


@router.get("/welcome")
def welcome(request: Request, user: PageUser, db: Db, step: int = 1) -> Response:
    screen = min(max(step, 1), SCREENS)
    context = {
        "user": user,
        "screen": screen,
        "screens": SCREENS,
        "couple": couples.status(db, user.id),
        "me": profile.profile(db, user.id),
        "errors": {},
        "form": {},
    }
    return render(request, "welcome.html", context)


@router.post("/welcome", dependencies=[Csrf])
def choose(
    request: Request,
    user: PageUser,
    db: Db,
    settings: AppSettings,
    choice: Annotated[str, Form(max_length=16)] = "alone",
    display_name: Annotated[str, Form(max_length=200)] = "",
    code: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """The third screen's answer: a name, then invite the partner, join them, or go on alone.
    Every problem of the form is shown at once, and nothing (not even the name) is saved unless
    all of it goes through."""
    invite = None
    try:
        _check_form(display_name, code if choice == "join" else None)
        if choice == "join":
            invite_codes.join_couple(db, settings, user.id, code, client_address(request))
        elif choice == "invite" and not couples.status(db, user.id).linked:
            invite = couples.create_invite(db, user.id)
        profile.set_display_name(db, user.id, display_name)  # checked above: cannot fail now
    except NearerError as error:
        errors = field_errors(error)
        if not isinstance(error, InvalidInput):
            errors = {"code" if choice == "join" else "form": str(error)}
        context = {
            "user": user,
            "screen": SCREENS,
            "screens": SCREENS,
            "couple": couples.status(db, user.id),
            "me": profile.profile(db, user.id),
            "errors": errors,
            "form": {"display_name": display_name, "code": code},
        }
        status = 429 if isinstance(error, TooManyAttempts) else 422
        return slowed(render(request, "welcome.html", context, status), error)
    profile.finish_onboarding(db, user.id)
    if invite is None:
        return redirect("/welcome/start")
    return _start(request, user, db, invite)


def _check_form(display_name: str, code: str | None) -> None:
    """The name's problem and the code's shape problem together (InvalidInput), or nothing."""
    problems = []
    for check, value in ((profile.checked_display_name, display_name),
                         (couples.normalise_code, code)):
        if value is None:
            continue
        try:
            check(value)
        except InvalidInput as error:
            problems.extend(error.problems)
    if problems:
        raise InvalidInput(problems)


def _start(request: Request, user: PageUser, db: Db, invite: str | None = None) -> Response:
    context = {"user": user, "code": invite, "couple": couples.status(db, user.id)}
    return render(request, "welcome_start.html", context)


@router.get("/welcome/start")
def start(request: Request, user: PageUser, db: Db) -> Response:
    """The first step: the signs questionnaire, or a first journal entry."""
    profile.finish_onboarding(db, user.id)
    return _start(request, user, db)
