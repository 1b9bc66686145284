"""API: the daily check-in reminder as a calendar file."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from nearer.services import reminders
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas.common import errors

router = APIRouter(tags=["check-ins"])
ICS = "text/calendar; charset=utf-8"
CALENDAR: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/calendar": {}}, "description": "An iCalendar file."},
    **errors(401, 409),
}


def ics_response(body: bytes) -> Response:
    return Response(
        body,
        media_type=ICS,
        headers={
            "Content-Disposition": 'attachment; filename="nearer-check-in.ics"',
            "Cache-Control": "no-store",
        },
    )


@router.get(
    "/reminders.ics",
    response_class=Response,
    responses=CALENDAR,
)
def reminder_calendar(user: ApiUser, db: Db) -> Response:
    """A daily reminder at your check-in time, in your time zone, for any calendar app."""
    return ics_response(reminders.reminder_for(db, user.id))
