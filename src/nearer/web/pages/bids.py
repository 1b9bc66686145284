"""Pages: our bids for connection, the weekly share turned toward, and a link to the guide."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from nearer.domain.charts import bar_chart
from nearer.domain.errors import NearerError
from nearer.services import bids, couples
from nearer.web.deps import Csrf, Db, PageUser, RowPath
from nearer.web.feedback import field_errors
from nearer.web.safety_view import safety_context
from nearer.web.schemas.paging import PageCursor
from nearer.web.templating import redirect, render

router = APIRouter()


def weekly_svg(found: bids.BidWeeks) -> str:
    return bar_chart(
        "Our bids turned toward",
        [w.week.strftime("%d %b") for w in found.weeks],
        [None if w.share is None else round(w.share * 100) for w in found.weeks],
        y_label="% turned toward",
        x_label="Week starting",
    )


def _page(
    request: Request,
    db: Db,
    user: Any,
    extra: dict[str, Any],
    code: int = 200,
    cursor: str | None = None,
) -> Response:
    found = bids.weekly(db, user.id)
    page = bids.bids_page(db, user.id, cursor=cursor)
    context = {
        "user": user,
        "bids": page.items,
        "older": page.next,
        "paged": bool(cursor),
        "weekly": found,
        "chart": weekly_svg(found),
        "couple": couples.status(db, user.id),
        "errors": {},
        "form": {},
        **extra,
    }
    return render(request, "bids.html", context, code)


@router.get("/bids")
def bids_page(request: Request, user: PageUser, db: Db, cursor: PageCursor = None) -> Response:
    """Our bids, newest first, 50 at a time with an "Older bids" link (no script needed)."""
    return _page(request, db, user, {}, cursor=cursor or None)


@router.post("/bids", dependencies=[Csrf])
def add_bid(
    request: Request,
    user: PageUser,
    db: Db,
    text: Annotated[str, Form(max_length=2000)] = "",
    direction: Annotated[str, Form(max_length=16)] = "",
    response: Annotated[str, Form(max_length=16)] = "",
    visibility: Annotated[str, Form(max_length=16)] = "private",
) -> Response:
    form = {"text": text, "direction": direction, "response": response, "visibility": visibility}
    try:
        saved = bids.add_bid(db, user.id, text, direction, response, visibility)
    except NearerError as error:
        return _page(request, db, user, {"errors": field_errors(error), "form": form}, 422)
    if saved.safety is not None and saved.safety.flagged:
        return _page(request, db, user, safety_context(db, user.id, saved.safety))
    return redirect("/bids#our-bids")


@router.post("/bids/{bid_id}/visibility", dependencies=[Csrf])
def share_bid(
    bid_id: RowPath,
    request: Request,
    user: PageUser,
    db: Db,
    visibility: Annotated[str, Form(max_length=16)] = "private",
) -> Response:
    try:
        bids.set_visibility(db, user.id, bid_id, visibility)
    except NearerError as error:
        return _page(request, db, user, {"errors": field_errors(error)}, 404 if "No such" in str(error) else 422)
    return redirect("/bids#our-bids")


@router.post("/bids/{bid_id}/delete", dependencies=[Csrf])
def delete_bid(bid_id: RowPath, request: Request, user: PageUser, db: Db) -> Response:
    bids.delete_bid(db, user.id, bid_id)
    return redirect("/bids#our-bids")
