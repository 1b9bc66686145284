"""API: bids for connection, from the author's own side, and the weekly share turned toward."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Query, Response, status
from pydantic import BaseModel, Field

from nearer.services import bids
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas.common import Strict

router = APIRouter(tags=["bids"])


class BidWrite(Strict):
    text: str = Field(max_length=2000)
    direction: Literal["made", "noticed"]
    response: Literal["toward", "away", "against"]
    visibility: Literal["private", "shared"] = "private"


class VisibilityWrite(Strict):
    visibility: Literal["private", "shared"]


class BidOut(BaseModel):
    id: int
    day: date
    direction: str
    text: str
    response: str
    visibility: str
    mine: bool


class SafetyOut(BaseModel):
    level: str
    kinds: list[str]


class SavedBidOut(BidOut):
    safety: SafetyOut = Field(description="What the safety check noticed; for you alone.")


def bid_out(view: bids.BidView) -> BidOut:
    return BidOut(**{k: v for k, v in view.__dict__.items() if k != "safety"})


class BidWeekOut(BaseModel):
    week: date
    total: int
    toward: int
    share_toward: float | None


class BidWeeksOut(BaseModel):
    weeks: list[BidWeekOut]
    sentence: str = Field(description="How the share of our bids turned toward moved.")


@router.post("/bids", status_code=status.HTTP_201_CREATED)
def add_bid(body: BidWrite, user: ApiUser, db: Db) -> SavedBidOut:
    view = bids.add_bid(db, user.id, body.text, body.direction, body.response, body.visibility)
    safety = view.safety.summary() if view.safety else {"level": "none", "kinds": []}
    return SavedBidOut(**bid_out(view).model_dump(), safety=SafetyOut(**safety))


@router.get("/bids")
def list_bids(user: ApiUser, db: Db, days: int = Query(56, ge=1, le=366)) -> list[BidOut]:
    """Our bids: yours, and those your partner shared with you."""
    return [bid_out(v) for v in bids.our_bids(db, user.id, days)]


@router.get("/bids/weekly")
def weekly(user: ApiUser, db: Db, weeks: int = Query(8, ge=2, le=52)) -> BidWeeksOut:
    return BidWeeksOut.model_validate(bids.weekly(db, user.id, weeks).to_dict())


@router.patch("/bids/{bid_id}")
def share_bid(bid_id: int, body: VisibilityWrite, user: ApiUser, db: Db) -> BidOut:
    return bid_out(bids.set_visibility(db, user.id, bid_id, body.visibility))


@router.delete("/bids/{bid_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_bid(bid_id: int, user: ApiUser, db: Db) -> Response:
    bids.delete_bid(db, user.id, bid_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
