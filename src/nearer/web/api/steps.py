"""API: small steps for the week, marked on the days they happened, celebrated, never streaked."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from nearer.domain.fields import MAX_ID
from nearer.services import steps
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas.common import errors, with_body
from nearer.web.schemas.rhythm import (
    DoneWrite,
    PickOut,
    PickWrite,
    StepOut,
    StepsWeekOut,
    VisibilityWrite,
)

router = APIRouter(tags=["small steps"])
PickId = Annotated[int, Path(ge=1, le=MAX_ID, description="A chosen step's id (1 .. 2^31 - 1).")]


def pick_out(view: steps.PickView) -> PickOut:
    return PickOut(**{**view.__dict__, "days_done": list(view.days_done)}, times=view.times)


@router.get("/steps/catalogue", responses=errors(401))
def catalogue(user: ApiUser, db: Db) -> list[StepOut]:
    """The catalogue, steps that fit the signs you rated first."""
    return [StepOut(id=s.id, text=s.text, why=s.why, signs=list(s.signs))
            for s in steps.suggestions(db, user.id)]  # fmt: skip


@router.get("/steps", responses=errors(401))
def this_week(user: ApiUser, db: Db) -> StepsWeekOut:
    found = steps.this_week(db, user.id)
    return StepsWeekOut(
        week=found.week,
        today=found.today,
        mine=[pick_out(v) for v in found.mine],
        partner=[pick_out(v) for v in found.partner],
        last_week=[pick_out(v) for v in found.last_week],
    )


@router.post("/steps", status_code=status.HTTP_201_CREATED, responses=with_body(401, 409))
def pick(body: PickWrite, user: ApiUser, db: Db) -> PickOut:
    return pick_out(steps.pick_step(db, user.id, body.step_id, body.text, body.visibility))


@router.post("/steps/{pick_id:int}/done", responses=with_body(401, 404))
def mark(pick_id: PickId, body: DoneWrite, user: ApiUser, db: Db) -> PickOut:
    return pick_out(steps.mark_day(db, user.id, pick_id, body.day, body.done))


@router.patch("/steps/{pick_id:int}", responses=with_body(401, 404))
def share(pick_id: PickId, body: VisibilityWrite, user: ApiUser, db: Db) -> PickOut:
    return pick_out(steps.set_visibility(db, user.id, pick_id, body.visibility))


@router.delete(
    "/steps/{pick_id:int}", status_code=status.HTTP_204_NO_CONTENT, responses=errors(401, 404, 422)
)
def remove(pick_id: PickId, user: ApiUser, db: Db) -> Response:
    steps.remove_pick(db, user.id, pick_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
