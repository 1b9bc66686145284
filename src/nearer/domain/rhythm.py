"""Pure rules of the daily rhythm: local days and weeks, check-in answers, the reveal, trends
with gaps, bids turned toward, small-step celebrations and the length of a break.

Nothing here reads a clock or a database: every function is given the moment it reasons about.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nearer.domain.blank import blank
from nearer.domain.errors import InvalidInput, Problem
from nearer.domain.feelings import family_of, unknown_message
from nearer.domain.field_checks import is_place_zone

CLOSENESS_MIN, CLOSENESS_MAX = 1, 5
NOTE_KINDS = ("appreciated", "needed")
MAX_NOTE = 280  # "one line"
MAX_BID = 500
BID_DIRECTIONS = ("made", "noticed")
BID_RESPONSES = ("toward", "away", "against")
MIN_BREAK_MINUTES = 20  # the body needs about twenty minutes to settle (Gottman)
MAX_BREAK_MINUTES = 24 * 60  # come back within a day
DEFAULT_ZONE = "UTC"


def zone(name: str | None, field: str = "time_zone") -> ZoneInfo:
    """The IANA zone of that name ("Europe/Paris"); an unknown name is an error naming `field`."""
    if name is None or name == "":
        return ZoneInfo(DEFAULT_ZONE)
    if (not isinstance(name, str) or len(name) > 64 or ".." in name or name.startswith("/")
            or not is_place_zone(name)):  # fmt: skip
        raise InvalidInput([Problem(field, "is not a time zone name like Europe/Paris")])
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidInput([Problem(field, "is not a time zone name like Europe/Paris")]) from None


def clock(value: str | None, field: str = "checkin_time") -> time | None:
    """A local time of day written HH:MM (24-hour), or None when not given."""
    if value is None or value == "":
        return None
    parts = value.split(":") if isinstance(value, str) else []
    if len(parts) != 2 or not all(p.isdigit() and len(p) == 2 for p in parts):
        raise InvalidInput([Problem(field, "should be a time like 20:30")])
    hour, minute = int(parts[0]), int(parts[1])
    if hour > 23 or minute > 59:
        raise InvalidInput([Problem(field, "should be a time like 20:30")])
    return time(hour, minute)


def local_day(now: datetime, tz: ZoneInfo) -> date:
    """The calendar day it is for a person in `tz` at the aware moment `now`."""
    return now.astimezone(tz).date()


def week_start(day: date) -> date:
    """The Monday of the week holding `day`."""
    return day - timedelta(days=day.weekday())


def days_of_week(monday: date) -> list[date]:
    return [monday + timedelta(days=i) for i in range(7)]


def display_name(email: str | None) -> str:
    """How Nearer names a person to their partner: the part of the email before the @."""
    if not email:
        return "Your partner"
    name = email.split("@", 1)[0].replace(".", " ").strip()
    return name[:1].upper() + name[1:] if name else "Your partner"


# --- check-ins ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInDraft:
    closeness: int
    mood: str
    note_kind: str | None
    note: str | None


def check_in_draft(
    closeness: object, mood: object, note_kind: object = None, note: object = None
) -> CheckInDraft:
    """Validate a check-in; every problem is named by its field, all at once."""
    problems: list[Problem] = []
    if (
        not isinstance(closeness, int)
        or isinstance(closeness, bool)
        or not CLOSENESS_MIN <= closeness <= CLOSENESS_MAX
    ):
        problems.append(Problem("closeness", f"should be a whole number from 1 to {CLOSENESS_MAX}"))
    word = mood.strip().lower() if isinstance(mood, str) else ""
    if not word:
        problems.append(Problem("mood", "choose a feeling word"))
    elif family_of(word) is None:
        problems.append(Problem("mood", unknown_message(word)))  # with the closest wheel words
    text = note.strip() if isinstance(note, str) else None
    if text and blank(text):  # only invisible characters: no note at all
        text = ""
    if note is not None and not isinstance(note, str):
        problems.append(Problem("note", "must be text"))
    elif text and len(text) > MAX_NOTE:
        problems.append(Problem("note", f"is over {MAX_NOTE} characters; one line is enough"))
    elif text and (len(text.splitlines()) > 1 or any(ord(ch) < 32 or ord(ch) == 0x7F
                                                      for ch in text)):
        problems.append(Problem("note", "should be one line"))
    kind = note_kind if isinstance(note_kind, str) and note_kind in NOTE_KINDS else None
    if note_kind not in ("", None) and kind is None:
        problems.append(Problem("note_kind", "should be 'appreciated' or 'needed'"))
    if text and kind is None:
        problems.append(Problem("note_kind", "say whether it is something you appreciated or needed"))
    if problems:
        raise InvalidInput(problems)
    assert isinstance(closeness, int)
    return CheckInDraft(closeness, word, kind if text else None, text or None)


def reveal_allowed(*, reader_checked_in: bool, owner_shares: bool, same_couple: bool) -> bool:
    """A partner's answer for a day shows only when they share check-ins with this very couple
    and the reader has checked in that same day too (a reveal: nobody reads first)."""
    return same_couple and owner_shares and reader_checked_in


def trend(days: Sequence[date], values: Mapping[date, int]) -> list[tuple[date, int | None]]:
    """One point per day; a day with no check-in is None (a gap), never zero."""
    return [(day, values.get(day)) for day in days]


# --- bids ---------------------------------------------------------------------------------------


def toward_share(responses: Iterable[str]) -> float | None:
    """The share of bids turned toward (0–1), or None when there were none."""
    seen = list(responses)
    if not seen:
        return None
    return sum(1 for r in seen if r == "toward") / len(seen)


@dataclass(frozen=True)
class WeekOfBids:
    week: date
    total: int
    toward: int

    @property
    def share(self) -> float | None:
        return None if self.total == 0 else self.toward / self.total


def bids_by_week(bids: Iterable[tuple[date, str]], weeks: Sequence[date]) -> list[WeekOfBids]:
    """Counts per Monday-week for the given weeks (oldest first), from (day, response) pairs."""
    totals = {week: [0, 0] for week in weeks}
    for day, response in bids:
        counts = totals.get(week_start(day))
        if counts is not None:
            counts[0] += 1
            counts[1] += response == "toward"
    return [WeekOfBids(week, *totals[week]) for week in weeks]


def bids_movement(this_week: WeekOfBids, last_week: WeekOfBids) -> str:
    """A sentence about how the share of 'our bids' turned toward moved; never a score."""
    if this_week.share is None:
        return "No bids noted this week. Noticing them is a small step of its own."
    now = round(this_week.share * 100)
    if last_week.share is None:
        return f"{now}% of our bids this week were turned toward."
    before = round(last_week.share * 100)
    if now > before:
        return f"{now}% of our bids this week were turned toward, up from {before}%."
    if now == before:
        return f"{now}% of our bids this week were turned toward, as last week."
    return f"{now}% of our bids this week were turned toward ({before}% last week). Every bid noticed counts."


# --- small steps ------------------------------------------------------------------------------


def celebrate(done_this_week: int, done_last_week: int | None) -> str:
    """A celebration of what happened; it never scolds and never asks for more."""
    if done_this_week == 0:
        return "Nothing marked this week, and that is fine. The step is still here when you want it."
    times = "once" if done_this_week == 1 else f"{done_this_week} times"
    if done_last_week and done_this_week > done_last_week:
        last = "once" if done_last_week == 1 else f"{done_last_week}"
        return f"You did this {times} this week, up from {last}."
    return f"You did this {times} this week."


# --- breaks -------------------------------------------------------------------------------------


def break_minutes(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput([Problem("minutes", "should be a whole number of minutes")])
    if value < MIN_BREAK_MINUTES:
        raise InvalidInput(
            [Problem("minutes", f"should be at least {MIN_BREAK_MINUTES}: the body needs that long to calm")]
        )
    if value > MAX_BREAK_MINUTES:
        raise InvalidInput([Problem("minutes", "should be at most 24 hours; come back within a day")])
    return value


def break_state(now: datetime, return_at: datetime, ended_at: datetime | None) -> str:
    """'running' before the return time, 'returning' after it until someone ends it, then 'ended'.
    A break not ended within a day of its return time counts as ended."""
    if ended_at is not None or now >= return_at + timedelta(days=1):
        return "ended"
    return "running" if now < return_at else "returning"
