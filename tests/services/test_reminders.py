"""The reminder calendar parses, and its daily recurrence keeps local time across DST."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from nearer.domain.errors import Conflict, InvalidInput
from nearer.services.reminders import reminder_ics


def occurrences(ics: bytes, count: int) -> list[datetime]:
    cal = Calendar.from_ical(ics)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    start = event.decoded("dtstart")
    rule = event["RRULE"].to_ical().decode()
    assert rule == "FREQ=DAILY"
    return [d for _, d in zip(range(count), rrulestr(rule, dtstart=start), strict=False)]


def test_daily_at_local_time_across_the_spring_change_in_london() -> None:
    # Clocks go forward in the UK on Sunday 29 March 2026 (GMT -> BST).
    ics = reminder_ics("Europe/London", "20:00", date(2026, 3, 27), "test@nearer")
    cal = Calendar.from_ical(ics)
    assert cal["PRODID"] == "-//Nearer//Daily check-in//EN"
    assert [c["TZID"] for c in cal.walk("VTIMEZONE")] == ["Europe/London"]
    days = occurrences(ics, 4)
    assert [d.strftime("%d %H:%M") for d in days] == ["27 20:00", "28 20:00", "29 20:00", "30 20:00"]
    in_utc = [d.astimezone(UTC).strftime("%d %H:%M") for d in days]
    assert in_utc == ["27 20:00", "28 20:00", "29 19:00", "30 19:00"]  # the local hour holds


def test_autumn_change_in_new_york() -> None:
    # US clocks go back on Sunday 1 November 2026 (EDT, UTC-4 -> EST, UTC-5).
    days = occurrences(reminder_ics("America/New_York", "07:30", date(2026, 10, 31), "x"), 2)
    assert [d.astimezone(UTC).strftime("%d %H:%M") for d in days] == ["31 11:30", "01 12:30"]
    assert b"DTSTART;TZID=America/New_York:20261031T073000" in reminder_ics(
        "America/New_York", "07:30", date(2026, 10, 31), "x")


def test_reminder_needs_a_time_and_a_real_zone() -> None:
    with pytest.raises(Conflict):
        reminder_ics("Europe/London", "", date(2026, 1, 1), "x")
    with pytest.raises(InvalidInput):
        reminder_ics("Nowhere/Atall", "20:00", date(2026, 1, 1), "x")
