"""Pages: this week's small steps, marked day by day, and last week's celebration."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from nearer.domain.errors import NearerError
from nearer.services import couples, steps
from nearer.web.deps import Csrf, Db, PageUser, RowPath
from nearer.web.feedback import field_errors
from nearer.web.templating import redirect, render

router = APIRouter()


def _page(request: Request, db: Db, user: Any, extra: dict[str, Any], code: int = 200) -> Response:
    context = {
        "user": user,
        "week": steps.this_week(db, user.id),
        "catalogue": steps.suggestions(db, user.id),
        "couple": couples.status(db, user.id),
        "errors": {},
        "form": {},
        **extra,
    }
    return render(request, "steps.html", context, code)


@router.get("/steps")
def steps_page(request: Request, user: PageUser, db: Db) -> Response:
    return _page(request, db, user, {})


@router.post("/steps", dependencies=[Csrf])
def pick(
    request: Request,
    user: PageUser,
    db: Db,
    step_id: Annotated[str, Form(max_length=64)] = "",
    text: Annotated[str, Form(max_length=1000)] = "",
    visibility: Annotated[str, Form(max_length=16)] = "private",
) -> Response:
    try:
        steps.pick_step(db, user.id, step_id or None, text or None, visibility)
    except NearerError as error:
        form = {"text": text, "step_id": step_id, "visibility": visibility}
        return _page(request, db, user, {"errors": field_errors(error), "form": form}, 422)
    return redirect("/steps#this-week")


@router.post("/steps/{pick_id}/done", dependencies=[Csrf])
def mark(
    pick_id: RowPath,
    request: Request,
    user: PageUser,
    db: Db,
    day: Annotated[str, Form(max_length=10)] = "",
    done: Annotated[str, Form(max_length=8)] = "yes",
) -> Response:
    try:
        chosen = date.fromisoformat(day) if day else None
    except ValueError:
        return _page(request, db, user, {"errors": {"form": "day: should be a date"}}, 422)
    try:
        steps.mark_day(db, user.id, pick_id, chosen, done == "yes")
    except NearerError as error:
        code = 404 if "No such" in str(error) else 422
        return _page(request, db, user, {"errors": {"form": str(error)}}, code)
    return redirect("/steps#this-week")


@router.post("/steps/{pick_id}/visibility", dependencies=[Csrf])
def share(
    pick_id: RowPath,
    request: Request,
    user: PageUser,
    db: Db,
    visibility: Annotated[str, Form(max_length=16)] = "private",
) -> Response:
    try:
        steps.set_visibility(db, user.id, pick_id, visibility)
    except NearerError as error:
        code = 404 if "No such" in str(error) else 422
        return _page(request, db, user, {"errors": {"form": str(error)}}, code)
    return redirect("/steps#this-week")


@router.post("/steps/{pick_id}/remove", dependencies=[Csrf])
def remove(pick_id: RowPath, user: PageUser, db: Db) -> Response:
    steps.remove_pick(db, user.id, pick_id)
    return redirect("/steps#this-week")
