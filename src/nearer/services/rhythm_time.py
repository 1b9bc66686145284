"""A person's own clock: their time zone and check-in time, and what 'today' means for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from nearer.domain.rhythm import clock, local_day, zone
from nearer.services.access import require_user
from nearer.storage.db import Database
from nearer.storage.models import utcnow


@dataclass(frozen=True)
class RhythmSettings:
    time_zone: str
    checkin_time: str | None

    def to_dict(self) -> dict[str, str | None]:
        return {"time_zone": self.time_zone, "checkin_time": self.checkin_time}


def zone_of(session: Session, user_id: int) -> ZoneInfo:
    return zone(require_user(session, user_id).time_zone)


def today_of(session: Session, user_id: int, now: datetime | None = None) -> date:
    """The person's own local day: someone eight hours from UTC never checks in on the wrong day."""
    return local_day(now or utcnow(), zone_of(session, user_id))


def own_zone(db: Database, user_id: int) -> ZoneInfo:
    """The person's own time zone (UTC when they have not chosen one)."""
    with db.transaction() as session:
        return zone_of(session, user_id)


def chosen_zone(db: Database, user_id: int) -> str | None:
    """The zone the person chose in Account, or None when they have not chosen one."""
    with db.transaction() as session:
        return require_user(session, user_id).time_zone or None


def own_today(db: Database, user_id: int) -> date:
    """The person's own local day, for what defaults to "today" (a report's last day)."""
    return local_day(utcnow(), own_zone(db, user_id))


def get_settings(db: Database, user_id: int) -> RhythmSettings:
    with db.transaction() as session:
        user = require_user(session, user_id)
        return RhythmSettings(user.time_zone or "UTC", user.checkin_time)


def set_settings(
    db: Database, user_id: int, time_zone: str | None, checkin_time: str | None
) -> RhythmSettings:
    """Both fields are checked before either is written; an empty check-in time means none."""
    from nearer.domain.errors import InvalidInput

    problems = []
    for check in (lambda: zone(time_zone), lambda: clock(checkin_time)):
        try:
            check()
        except InvalidInput as error:
            problems += error.problems
    if problems:
        raise InvalidInput(problems)
    at = clock(checkin_time)
    with db.transaction() as session:
        user = require_user(session, user_id)
        user.time_zone = time_zone or None
        user.checkin_time = at.strftime("%H:%M") if at else None
    return get_settings(db, user_id)


def set_time_zone(db: Database, user_id: int, time_zone: str | None) -> RhythmSettings:
    """Change only the time zone (empty means UTC); the check-in time stays as it was."""
    return set_settings(db, user_id, time_zone or None, get_settings(db, user_id).checkin_time)


def adopt_browser_zone(db: Database, user_id: int, time_zone: str | None) -> bool:
    """Take the zone a browser reported, only for someone who has never chosen one.

    A name that is not a real zone is ignored: it came from a script, not from the person.
    """
    from nearer.domain.errors import InvalidInput

    if not time_zone:
        return False
    try:
        zone(time_zone)
    except InvalidInput:
        return False
    with db.transaction() as session:
        user = require_user(session, user_id)
        if user.time_zone:
            return False
        user.time_zone = time_zone
    return True
