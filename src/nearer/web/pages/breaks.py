"""Pages: 'I need a break', the partner's notice, soothing ideas, and the way back."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from nearer.domain.errors import NearerError
from nearer.domain.rhythm import MIN_BREAK_MINUTES
from nearer.services import breaks, couples
from nearer.web.deps import Csrf, Db, PageUser, RowPath
from nearer.web.feedback import field_errors
from nearer.web.templating import redirect, render

router = APIRouter()


def _page(request: Request, db: Db, user: Any, extra: dict[str, Any], code: int = 200) -> Response:
    context = {
        "user": user,
        "breaks": breaks.current_breaks(db, user.id),
        "couple": couples.status(db, user.id),
        "minimum": MIN_BREAK_MINUTES,
        "errors": {},
        "form": {},
        **extra,
    }
    return render(request, "breaks.html", context, code)


@router.get("/breaks")
def breaks_page(request: Request, user: PageUser, db: Db) -> Response:
    return _page(request, db, user, {})


@router.post("/breaks", dependencies=[Csrf])
def start(
    request: Request, user: PageUser, db: Db, minutes: Annotated[str, Form(max_length=6)] = ""
) -> Response:
    value: object = int(minutes) if minutes.isdigit() else minutes
    try:
        breaks.start_break(db, user.id, value)
    except NearerError as error:
        return _page(request, db, user, {"errors": field_errors(error), "form": {"minutes": minutes}}, 422)
    return redirect("/breaks")


@router.post("/breaks/{break_id}/end", dependencies=[Csrf])
def end(break_id: RowPath, user: PageUser, db: Db) -> Response:
    breaks.end_break(db, user.id, break_id)
    return redirect("/")
