"""API: small steps for the week, marked on the days they happened, celebrated, never streaked."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, Field

from nearer.services import steps
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas.common import Strict

router = APIRouter(tags=["small steps"])


class StepOut(BaseModel):
    id: str
    text: str
    why: str
    signs: list[str]


class PickWrite(Strict):
    step_id: str | None = Field(None, max_length=64, description="A catalogue step…")
    text: str | None = Field(None, max_length=1000, description="…or your own words.")
    visibility: Literal["private", "shared"] = "private"


class DoneWrite(Strict):
    day: date | None = Field(None, description="Your local day; today when left out.")
    done: bool = True


class VisibilityWrite(Strict):
    visibility: Literal["private", "shared"]


class PickOut(BaseModel):
    id: int
    week: date
    step_id: str | None
    text: str
    visibility: str
    mine: bool
    days_done: list[date]
    times: int
    celebration: str


class StepsWeekOut(BaseModel):
    week: date
    today: date
    mine: list[PickOut]
    partner: list[PickOut] = Field(description="Steps your partner shared with you.")
    last_week: list[PickOut]


def pick_out(view: steps.PickView) -> PickOut:
    return PickOut(**{**view.__dict__, "days_done": list(view.days_done)}, times=view.times)


@router.get("/steps/catalogue")
def catalogue(user: ApiUser, db: Db) -> list[StepOut]:
    """The catalogue, steps that fit the signs you rated first."""
    return [StepOut(id=s.id, text=s.text, why=s.why, signs=list(s.signs))
            for s in steps.suggestions(db, user.id)]  # fmt: skip


@router.get("/steps")
def this_week(user: ApiUser, db: Db) -> StepsWeekOut:
    found = steps.this_week(db, user.id)
    return StepsWeekOut(
        week=found.week,
        today=found.today,
        mine=[pick_out(v) for v in found.mine],
        partner=[pick_out(v) for v in found.partner],
        last_week=[pick_out(v) for v in found.last_week],
    )


@router.post("/steps", status_code=status.HTTP_201_CREATED)
def pick(body: PickWrite, user: ApiUser, db: Db) -> PickOut:
    return pick_out(steps.pick_step(db, user.id, body.step_id, body.text, body.visibility))


@router.post("/steps/{pick_id}/done")
def mark(pick_id: int, body: DoneWrite, user: ApiUser, db: Db) -> PickOut:
    return pick_out(steps.mark_day(db, user.id, pick_id, body.day, body.done))


@router.patch("/steps/{pick_id}")
def share(pick_id: int, body: VisibilityWrite, user: ApiUser, db: Db) -> PickOut:
    return pick_out(steps.set_visibility(db, user.id, pick_id, body.visibility))


@router.delete("/steps/{pick_id}", status_code=status.HTTP_204_NO_CONTENT)
def remove(pick_id: int, user: ApiUser, db: Db) -> Response:
    steps.remove_pick(db, user.id, pick_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
