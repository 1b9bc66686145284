"""API: bids for connection, from the author's own side, and the weekly share turned toward."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, status

from nearer.domain.fields import MAX_ID
from nearer.services import bids
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas.common import errors, with_body
from nearer.web.schemas.paging import LIMIT_DEFAULT, Cursor, Limit, link_next, paged_errors
from nearer.web.schemas.rhythm import (
    BidOut,
    BidPage,
    BidWeeksOut,
    BidWrite,
    SafetyOut,
    SavedBidOut,
    VisibilityWrite,
)

router = APIRouter(tags=["bids"])
BidId = Annotated[int, Path(ge=1, le=MAX_ID, description="A bid id (1 .. 2^31 - 1).")]


def bid_out(view: bids.BidView) -> BidOut:
    return BidOut(**{k: v for k, v in view.__dict__.items() if k != "safety"})


@router.post("/bids", status_code=status.HTTP_201_CREATED, responses=with_body(401))
def add_bid(body: BidWrite, user: ApiUser, db: Db) -> SavedBidOut:
    view = bids.add_bid(db, user.id, body.text, body.direction, body.response, body.visibility)
    safety = view.safety.summary() if view.safety else {"level": "none", "kinds": [], "who": []}
    return SavedBidOut(**bid_out(view).model_dump(), safety=SafetyOut(**safety))


@router.get("/bids", responses=paged_errors(401))
def list_bids(
    request: Request,
    response: Response,
    user: ApiUser,
    db: Db,
    days: int | None = Query(None, ge=1, le=366, description="Only the last `days` local days."),
    limit: Limit = LIMIT_DEFAULT,
    cursor: Cursor = None,
) -> BidPage:
    """Our bids: yours, and those your partner shared with you; newest first, a page at a time."""
    page = bids.bids_page(db, user.id, days=days, limit=limit, cursor=cursor)
    link_next(request, response, page)
    return BidPage(items=[bid_out(v) for v in page.items], next=page.next)


@router.get("/bids/weekly", responses=errors(401, 422))
def weekly(user: ApiUser, db: Db, weeks: int = Query(8, ge=2, le=52)) -> BidWeeksOut:
    return BidWeeksOut.model_validate(bids.weekly(db, user.id, weeks).to_dict())


@router.patch("/bids/{bid_id:int}", responses=with_body(401, 404))
def share_bid(bid_id: BidId, body: VisibilityWrite, user: ApiUser, db: Db) -> BidOut:
    return bid_out(bids.set_visibility(db, user.id, bid_id, body.visibility))


@router.delete(
    "/bids/{bid_id:int}", status_code=status.HTTP_204_NO_CONTENT, responses=errors(401, 404, 422)
)
def delete_bid(bid_id: BidId, user: ApiUser, db: Db) -> Response:
    bids.delete_bid(db, user.id, bid_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
