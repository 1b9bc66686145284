"""API: the weekly look back, an email-free summary of what the two of you did."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from nearer.domain.fields import IsoDate
from nearer.services import week
from nearer.web.api.steps import pick_out
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas.common import errors
from nearer.web.schemas.rhythm import WeekOut

router = APIRouter(tags=["weekly look back"])


def week_out(found: week.WeekSummary) -> WeekOut:
    data = {**found.__dict__}
    data["my_steps"] = [pick_out(p) for p in found.my_steps]
    data["partner_steps"] = [pick_out(p) for p in found.partner_steps]
    return WeekOut.model_validate(data)


WeekOf = Annotated[
    IsoDate | None, Query(description="A day of the week to look back on, YYYY-MM-DD.")
]


@router.get("/week", responses=errors(401, 422))
def look_back(user: ApiUser, db: Db, week_of: WeekOf = None) -> WeekOut:
    """This week (or the week holding `week_of`), as progress and celebration, never a grade."""
    return week_out(week.look_back(db, user.id, week_of))
