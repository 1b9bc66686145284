"""API: the weekly look back, an email-free summary of what the two of you did."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel, Field

from nearer.services import week
from nearer.web.api.steps import PickOut, pick_out
from nearer.web.deps import ApiUser, Db

router = APIRouter(tags=["weekly look back"])


class SatisfactionOut(BaseModel):
    value: float | None
    max: float | None
    label: str | None
    wording: str | None


class WeekOut(BaseModel):
    week: date = Field(description="The Monday of the week, in your own time zone.")
    is_current: bool
    my_checkins: int
    my_closeness: float | None
    partner_checkins: int = Field(description="Days you both checked in and your partner shared.")
    partner_closeness: float | None
    bids_total: int
    bids_toward: int
    bids_sentence: str
    my_steps: list[PickOut]
    partner_steps: list[PickOut]
    questions_together: int
    breaks_returned: int
    satisfaction: SatisfactionOut | None = Field(description="Your own check, if you took it.")
    highlights: list[str]


def week_out(found: week.WeekSummary) -> WeekOut:
    data = {**found.__dict__}
    data["my_steps"] = [pick_out(p) for p in found.my_steps]
    data["partner_steps"] = [pick_out(p) for p in found.partner_steps]
    return WeekOut.model_validate(data)


@router.get("/week")
def look_back(user: ApiUser, db: Db, week_of: date | None = None) -> WeekOut:
    """This week (or the week holding `week_of`), as progress and celebration, never a grade."""
    return week_out(week.look_back(db, user.id, week_of))
