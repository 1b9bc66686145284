"""Pages: the guides library, one guide with related guides, and the couple's notes on it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from nearer.domain.errors import Conflict, InvalidInput
from nearer.services import guides
from nearer.web.deps import Csrf, Db, PageUser
from nearer.web.feedback import plain_errors
from nearer.web.safety_view import safety_context
from nearer.web.templating import redirect, render

router = APIRouter()


@router.get("/guides")
def guides_page(request: Request, user: PageUser, db: Db) -> Response:
    return render(request, "guides.html", {"user": user, "guides": guides.list_guides(db)})


def _guide_page(
    request: Request, user: Any, db: Db, guide_id: str, extra: dict[str, Any], code: int = 200
) -> Response:
    page = guides.read_guide(db, user.id, guide_id)
    return render(request, "guide.html", {"user": user, "page": page, "form": {}, **extra}, code)


@router.get("/guides/{guide_id}")
def guide_page(guide_id: str, request: Request, user: PageUser, db: Db) -> Response:
    return _guide_page(request, user, db, guide_id, {})


@router.post("/guides/{guide_id}/note", dependencies=[Csrf])
def leave_note(
    guide_id: str,
    request: Request,
    user: PageUser,
    db: Db,
    text: Annotated[str, Form(max_length=40_000)] = "",
) -> Response:
    try:
        _, safety = guides.leave_note(db, user.id, guide_id, text)
    except (InvalidInput, Conflict) as error:
        return _guide_page(
            request, user, db, guide_id, {"errors": plain_errors(error), "form": {"text": text}}, 422
        )
    if safety.flagged:
        return _guide_page(request, user, db, guide_id, safety_context(db, user.id, safety))
    return redirect(f"/guides/{guide_id}#notes")
