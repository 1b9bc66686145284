"""The daily check-in reminder as an iCalendar file, for any calendar app.

The event repeats daily (RRULE) at the person's own local time with its TZID, so a calendar
keeps it at 20:00 local across a daylight-saving change. Nearer sends nothing itself: the
reminder lives in the person's own calendar, and nobody learns whether it was opened.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from nearer.domain.errors import Conflict
from nearer.domain.rhythm import clock, zone
from nearer.services.access import require_user
from nearer.storage.db import Database
from nearer.storage.models import utcnow

PRODID = "-//Nearer//Daily check-in//EN"


def reminder_ics(time_zone: str, checkin_time: str, first_day: date, uid: str) -> bytes:
    """A calendar with one daily event at `checkin_time` in `time_zone`, from `first_day` on."""
    tz = zone(time_zone)
    at = clock(checkin_time)
    if at is None:
        raise Conflict("Choose your check-in time first.")
    start = datetime.combine(first_day, at, tzinfo=tz)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Nearer")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", utcnow())
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=5))
    event.add("rrule", {"freq": "daily"})
    event.add("summary", "Nearer: a one-minute check-in")
    event.add(
        "description",
        "How close did you feel today? One feeling word, one line if you like. Skip it freely.",
    )
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Time for your Nearer check-in, if you like.")
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    cal.add_component(event)
    cal.add_missing_timezones(first_date=first_day, last_date=date(first_day.year + 10, 1, 1))
    return bytes(cal.to_ical())


def reminder_for(db: Database, user_id: int) -> bytes:
    with db.transaction() as session:
        user = require_user(session, user_id)
        if not user.checkin_time:
            raise Conflict("Choose your check-in time first (on the check-in page or with nearer remind).")
        tz = zone(user.time_zone)
        first = utcnow().astimezone(tz).date()
        return reminder_ics(
            user.time_zone or "UTC", user.checkin_time, first, f"checkin-{user.id}@nearer"
        )
