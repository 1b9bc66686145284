"""Pages: the couple's closeness question, the reveal, and choosing to go deeper together."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from nearer.domain.errors import NearerError
from nearer.domain.rhythm_content import questions_source
from nearer.services import questions
from nearer.web.deps import Csrf, Db, PageUser
from nearer.web.feedback import field_errors
from nearer.web.safety_view import safety_context
from nearer.web.templating import redirect, render

router = APIRouter()


def _page(request: Request, db: Db, user: Any, extra: dict[str, Any], code: int = 200) -> Response:
    context = {
        "user": user,
        "q": questions.overview(db, user.id),
        "source": questions_source(),
        "errors": {},
        "form": {},
        **extra,
    }
    return render(request, "questions.html", context, code)


@router.get("/questions")
def questions_page(request: Request, user: PageUser, db: Db) -> Response:
    return _page(request, db, user, {})


@router.post("/questions/{question_id}/answer", dependencies=[Csrf])
def answer(
    question_id: str,
    request: Request,
    user: PageUser,
    db: Db,
    text: Annotated[str, Form(max_length=10_000)] = "",
) -> Response:
    try:
        _, safety = questions.answer(db, user.id, question_id, text)
    except NearerError as error:
        code = 404 if "No such" in str(error) else 403 if "joint" in str(error).lower() else 422
        return _page(request, db, user, {"errors": field_errors(error), "form": {"text": text}}, code)
    if safety.flagged:
        return _page(request, db, user, safety_context(db, user.id, safety))
    return redirect("/questions#current")


@router.post("/questions/deck", dependencies=[Csrf])
def choose(
    request: Request,
    user: PageUser,
    db: Db,
    deck: Annotated[str, Form(max_length=16)] = "",
    choose: Annotated[str, Form(max_length=8)] = "yes",
) -> Response:
    try:
        questions.choose_deck(db, user.id, deck, choose == "yes")
    except NearerError as error:
        return _page(request, db, user, {"errors": field_errors(error)}, 422)
    return redirect("/questions#decks")
