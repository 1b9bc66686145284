"""Pages: help right now, and the private safety check that gates joint exercises."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from nearer.domain.errors import InvalidInput
from nearer.domain.help_links import country_choices
from nearer.domain.help_resources import RIGHT_NOW, STEP_AWAY, load_resources
from nearer.domain.safety_screen import QUESTION_IDS, SCREEN_QUESTIONS, WHY_NOT_COUPLES_WORK
from nearer.services import safety
from nearer.web.deps import Csrf, Db, MaybeUser, PageUser
from nearer.web.templating import render

router = APIRouter()


@router.get("/help-now")
def help_now(request: Request, db: Db, user: MaybeUser, country: str | None = None) -> Response:
    chosen = country or safety.country_of(db, user.id if user else None)
    context = {
        "user": user,
        "resources": load_resources(chosen).to_dict(),
        "right_now": RIGHT_NOW,
        "step_away": STEP_AWAY,
        "countries": country_choices(),
    }
    return render(request, "help_now.html", context)


@router.get("/safety-check")
def screen_page(request: Request, user: PageUser, db: Db) -> Response:
    context = {"user": user, "questions": SCREEN_QUESTIONS, "answers": {}}
    return render(request, "safety_check.html", context)


@router.post("/safety-check", dependencies=[Csrf])
async def take_screen(request: Request, user: PageUser, db: Db) -> Response:
    form = await request.form()
    answers = {q: str(form.get(q, "")) for q in QUESTION_IDS}
    try:
        outcome = safety.take_screen(db, user.id, answers)
    except InvalidInput:
        context = {
            "user": user,
            "questions": SCREEN_QUESTIONS,
            "answers": answers,
            "error": "Please choose an answer for every question (“prefer not to say” is fine).",
        }
        return render(request, "safety_check.html", context, 422)
    context = {
        "user": user,
        "outcome": outcome,
        "why": WHY_NOT_COUPLES_WORK,
        "resources": safety.help_resources(db, user.id),
        "right_now": RIGHT_NOW,
        "joint": safety.joint_message(safety.joint_status(db, user.id)),
    }
    return render(request, "safety_result.html", context)
