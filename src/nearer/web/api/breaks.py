"""API: asking for a break kindly, and coming back."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from nearer.domain.fields import MAX_ID
from nearer.services import breaks
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas.common import errors, with_body
from nearer.web.schemas.rhythm import BreakOut, BreakWrite

router = APIRouter(tags=["breaks"])
BreakId = Annotated[int, Path(ge=1, le=MAX_ID, description="A break id (1 .. 2^31 - 1).")]


def out(view: breaks.BreakView) -> BreakOut:
    return BreakOut.model_validate(view.to_dict())


@router.post("/breaks", status_code=status.HTTP_201_CREATED, responses=with_body(401, 409))
def start(body: BreakWrite, user: ApiUser, db: Db) -> BreakOut:
    """Send your partner a calm notice that you need a break, and when you will be back."""
    return out(breaks.start_break(db, user.id, body.minutes))


@router.get("/breaks", responses=errors(401))
def current(user: ApiUser, db: Db) -> list[BreakOut]:
    """Breaks in your couple that are running or due to end."""
    return [out(v) for v in breaks.current_breaks(db, user.id)]


@router.post(
    "/breaks/{break_id:int}/end",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=errors(401, 404, 422),
)
def end(break_id: BreakId, user: ApiUser, db: Db) -> Response:
    breaks.end_break(db, user.id, break_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
