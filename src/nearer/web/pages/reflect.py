"""Pages: roots reflection, one prompt at a time, answered as a private reflection entry."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from nearer.domain.errors import InvalidInput
from nearer.services import reflection
from nearer.web.deps import Csrf, Db, PageUser
from nearer.web.feedback import plain_errors
from nearer.web.pages.journal import Text, Words, intensity_of, words
from nearer.web.safety_view import safety_context
from nearer.web.templating import redirect, render

router = APIRouter()


def _page(
    request: Request, user: Any, db: Db, extra: dict[str, Any] | None = None, code: int = 200
) -> Response:
    context = {
        "user": user,
        "offer": reflection.current_prompt(db, user.id),
        "past": reflection.reflections(db, user.id),
        "form": {},
        **(extra or {}),
    }
    return render(request, "reflect.html", context, code)


@router.get("/reflect")
def reflect_page(request: Request, user: PageUser, db: Db) -> Response:
    return _page(request, user, db)


@router.post("/reflect", dependencies=[Csrf])
def answer(
    request: Request,
    user: PageUser,
    db: Db,
    prompt_id: Annotated[str, Form(max_length=64)] = "",
    text: Text = "",
    feelings: Words = "",
    intensity: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    form = {"text": text, "feelings": feelings, "intensity": intensity}
    try:
        saved = reflection.answer_prompt(
            db, user.id, prompt_id, text, words(feelings), intensity_of(intensity)
        )
    except InvalidInput as error:
        return _page(request, user, db, {"errors": plain_errors(error), "form": form}, 422)
    if saved.safety.flagged:
        return _page(
            request, user, db, {"saved": saved.entry, **safety_context(db, user.id, saved.safety)}
        )
    return redirect(f"/reflect?saved={saved.entry.id}")


@router.post("/reflect/skip", dependencies=[Csrf])
def skip(user: PageUser, db: Db) -> Response:
    reflection.skip_prompt(db, user.id)
    return redirect("/reflect")
