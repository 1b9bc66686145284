"""API: asking for a break kindly, and coming back."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, Field

from nearer.services import breaks
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas.common import Strict

router = APIRouter(tags=["breaks"])


class BreakWrite(Strict):
    minutes: int = Field(description="At least 20: the body needs that long to calm.")


class BreakOut(BaseModel):
    id: int
    mine: bool
    state: Literal["running", "returning", "ended"]
    started_at: datetime
    return_at: datetime
    return_time: str = Field(description="HH:MM in your own time zone.")
    message: str
    suggestions: list[str] = Field(description="Soothing ideas, for the one taking the break.")
    coach_link: str | None


def out(view: breaks.BreakView) -> BreakOut:
    return BreakOut.model_validate(view.to_dict())


@router.post("/breaks", status_code=status.HTTP_201_CREATED)
def start(body: BreakWrite, user: ApiUser, db: Db) -> BreakOut:
    """Send your partner a calm notice that you need a break, and when you will be back."""
    return out(breaks.start_break(db, user.id, body.minutes))


@router.get("/breaks")
def current(user: ApiUser, db: Db) -> list[BreakOut]:
    """Breaks in your couple that are running or due to end."""
    return [out(v) for v in breaks.current_breaks(db, user.id)]


@router.post("/breaks/{break_id}/end", status_code=status.HTTP_204_NO_CONTENT)
def end(break_id: int, user: ApiUser, db: Db) -> Response:
    breaks.end_break(db, user.id, break_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
