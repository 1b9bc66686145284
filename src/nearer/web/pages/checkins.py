"""Pages: today's check-in with the reveal, sharing, the closeness trend, and my own clock."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from nearer.domain.errors import NearerError
from nearer.services import checkins, rhythm_time
from nearer.web.deps import Csrf, Db, PageUser
from nearer.web.feedback import field_errors
from nearer.web.rhythm_view import trend_svg, wheel_context
from nearer.web.safety_view import safety_context
from nearer.web.templating import redirect, render

router = APIRouter()


def _page(request: Request, db: Db, user: Any, extra: dict[str, Any], code: int = 200) -> Response:
    context = {
        "user": user,
        "today": checkins.today(db, user.id),
        "chart": trend_svg(checkins.closeness_trend(db, user.id)),
        "settings": rhythm_time.get_settings(db, user.id),
        "errors": {},
        "form": {},
        **wheel_context(),
        **extra,
    }
    return render(request, "checkin.html", context, code)


@router.get("/checkin")
def checkin_page(request: Request, user: PageUser, db: Db) -> Response:
    return _page(request, db, user, {})


@router.post("/checkin", dependencies=[Csrf])
def checkin_submit(
    request: Request,
    user: PageUser,
    db: Db,
    closeness: Annotated[str, Form(max_length=4)] = "",
    mood: Annotated[str, Form(max_length=64)] = "",
    note_kind: Annotated[str, Form(max_length=16)] = "",
    note: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    form = {"closeness": closeness, "mood": mood, "note_kind": note_kind, "note": note}
    value: object = int(closeness) if closeness.isdigit() else closeness
    try:
        saved = checkins.check_in(db, user.id, value, mood, note_kind or None, note or None)
    except NearerError as error:
        return _page(request, db, user, {"errors": field_errors(error), "form": form}, 422)
    if saved.safety is not None and saved.safety.flagged:  # help first, on this very page
        return _page(request, db, user, safety_context(db, user.id, saved.safety))
    return redirect("/checkin#today")


@router.post("/checkin/sharing", dependencies=[Csrf])
def sharing_submit(
    request: Request, user: PageUser, db: Db, sharing: Annotated[str, Form(max_length=8)] = ""
) -> Response:
    try:
        checkins.set_sharing(db, user.id, sharing == "on")
    except NearerError as error:
        return _page(request, db, user, {"errors": {"sharing": str(error)}}, 409)
    return redirect("/checkin#sharing")


@router.post("/checkin/settings", dependencies=[Csrf])
def settings_submit(
    request: Request,
    user: PageUser,
    db: Db,
    time_zone: Annotated[str, Form(max_length=64)] = "",
    checkin_time: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    try:
        rhythm_time.set_settings(db, user.id, time_zone.strip() or None, checkin_time.strip() or None)
    except NearerError as error:
        form = {"time_zone": time_zone, "checkin_time": checkin_time}
        return _page(request, db, user, {"errors": field_errors(error), "settings_form": form}, 422)
    return redirect("/checkin#reminders")


@router.get("/reminders.ics")
def reminder_file(user: PageUser, db: Db) -> Response:
    from nearer.services import reminders
    from nearer.web.api.reminders import ics_response

    return ics_response(reminders.reminder_for(db, user.id))
