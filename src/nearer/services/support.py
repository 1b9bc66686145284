"""The Support page's suggestion: explainable rules over the person's own data, and the opt-in
coach tally those rules may read.

Only the caller's own rows are read here. The suggestion never diagnoses; it names the data
behind each reason and says the person decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from nearer.domain.support_rules import (
    FIRED,
    Dated,
    Directory,
    History,
    Outcome,
    directories_for,
    evaluate,
    help_needed,
    rule_book,
)
from nearer.services.access import require_user
from nearer.storage.db import Database
from nearer.storage.models import (
    CheckIn,
    CoachTally,
    Entry,
    InstrumentResponse,
    SafetyScreen,
    SupportSetting,
    utcnow,
)

TALLY_KINDS = ("contempt", "stonewalling")
NOT_A_DIAGNOSIS = (
    "This is not a diagnosis. It is a pointer drawn from what you recorded, with the reasons "
    "shown. You decide whether and when to reach out."
)


@dataclass(frozen=True)
class Suggestion:
    suggested: bool
    outcomes: tuple[Outcome, ...]
    help: tuple[str, ...]
    country: str
    directories: tuple[Directory, ...]
    coach_tally_on: bool

    def to_dict(self) -> dict[str, Any]:
        book = rule_book()
        return {
            "suggested": self.suggested,
            "not_a_diagnosis": NOT_A_DIAGNOSIS,
            "rules": [o.to_dict() for o in self.outcomes],
            "help": [
                {"kind": k, "title": book.help[k].title, "what": book.help[k].what}
                for k in self.help
            ],
            "country": self.country,
            "directories": [d.to_dict() for d in self.directories],
            "first_session": list(book.first_session),
            "coach_tally": self.coach_tally_on,
        }


def recent_closeness(session: Session, user_id: int, today: date, days: int = 90) -> list[Dated]:
    """The person's own daily closeness check-ins of the last `days` days, oldest first.

    Only their own answers: a partner's check-ins never feed this person's suggestion."""
    rows = session.execute(
        select(CheckIn.day, CheckIn.closeness)
        .where(
            CheckIn.user_id == user_id,
            CheckIn.day > today - timedelta(days=days),
            CheckIn.day <= today,
        )
        .order_by(CheckIn.day)
    ).all()
    return [Dated(datetime.combine(day, time(12), UTC), float(value)) for day, value in rows]


CLOSENESS_AVAILABLE = True


def _tally_on(session: Session, user_id: int) -> bool:
    setting = session.get(SupportSetting, user_id)
    return bool(setting and setting.coach_tally)


def _satisfaction(session: Session, user_id: int) -> tuple[Dated, ...]:
    rows = session.scalars(
        select(InstrumentResponse)
        .where(
            InstrumentResponse.user_id == user_id,
            InstrumentResponse.instrument_id == "satisfaction",
            InstrumentResponse.about == "self",
        )
        .order_by(InstrumentResponse.created_at, InstrumentResponse.id)
    ).all()
    points = []
    for row in rows:
        value = row.scores.get("subscales", {}).get("satisfaction", {}).get("value")
        if isinstance(value, int | float):
            points.append(Dated(row.created_at, float(value)))
    return tuple(points)


def _attachment(session: Session, user_id: int) -> tuple[float, float, datetime] | None:
    row = session.scalar(
        select(InstrumentResponse)
        .where(
            InstrumentResponse.user_id == user_id,
            InstrumentResponse.instrument_id == "attachment",
        )
        .order_by(InstrumentResponse.created_at.desc(), InstrumentResponse.id.desc())
        .limit(1)
    )
    if row is None:
        return None
    subs = row.scores.get("subscales", {})
    try:
        return float(subs["anxiety"]["value"]), float(subs["avoidance"]["value"]), row.created_at
    except (KeyError, TypeError, ValueError):
        return None


def history(db: Database, user_id: int, today: date | None = None) -> History:
    """Everything the rules read, from the caller's own rows only."""
    today = today or utcnow().date()
    with db.transaction() as session:
        require_user(session, user_id)
        screen = session.execute(
            select(SafetyScreen.positive, SafetyScreen.taken_at)
            .where(SafetyScreen.user_id == user_id)
            .order_by(SafetyScreen.taken_at.desc(), SafetyScreen.id.desc())
            .limit(1)
        ).first()
        # The safety level is sealed, so it is read (and opened) row by row, not filtered in SQL.
        flagged = [
            e.created_at
            for e in session.scalars(select(Entry).where(Entry.owner_id == user_id))
            if e.safety_level != "none"
        ]
        tally_on = _tally_on(session, user_id)
        marks = (
            session.scalars(select(CoachTally.at).where(CoachTally.user_id == user_id)).all()
            if tally_on
            else []
        )
        return History(
            today=today,
            screen_positive=None if screen is None else bool(screen[0]),
            screen_taken=None if screen is None else screen[1],
            flagged_writing=tuple(flagged),
            satisfaction=_satisfaction(session, user_id),
            attachment=_attachment(session, user_id),
            coach_tally_on=tally_on,
            coach_marks=tuple(marks),
            closeness=tuple(recent_closeness(session, user_id, today)),
            closeness_available=CLOSENESS_AVAILABLE,
        )


def suggestion(db: Database, user_id: int, today: date | None = None) -> Suggestion:
    from nearer.services.safety import country_of

    mine = history(db, user_id, today)
    outcomes = evaluate(rule_book(), mine)
    kinds = help_needed(outcomes)
    country, found = directories_for(country_of(db, user_id))
    return Suggestion(
        suggested=any(o.status == FIRED for o in outcomes),
        outcomes=tuple(outcomes),
        help=tuple(kinds),
        country=country,
        directories=found,
        coach_tally_on=mine.coach_tally_on,
    )


def set_coach_tally(db: Database, user_id: int, enabled: bool) -> bool:
    """Turn the private tally on or off; off also forgets every mark kept so far."""
    with db.transaction() as session:
        require_user(session, user_id)
        setting = session.get(SupportSetting, user_id)
        if setting is None:
            session.add(SupportSetting(user_id=user_id, coach_tally=enabled))
        else:
            setting.coach_tally = enabled
        if not enabled:
            session.execute(delete(CoachTally).where(CoachTally.user_id == user_id))
    return enabled


def coach_tally_on(db: Database, user_id: int) -> bool:
    with db.transaction() as session:
        return _tally_on(session, user_id)


def count_coached(db: Database, user_id: int, kinds: list[str] | tuple[str, ...]) -> bool:
    """Add one mark for a coached draft that showed contempt or stonewalling, if opted in.

    Only the kind and the time are kept; the draft's text never is. Returns whether it counted.
    """
    found = [k for k in TALLY_KINDS if k in set(kinds)]
    if not found:
        return False
    with db.transaction() as session:
        if not _tally_on(session, user_id):
            return False
        # One mark per draft, whichever of the two it showed.
        session.add(
            CoachTally(user_id=user_id, kind=found[0] if len(found) == 1 else "both", at=utcnow())
        )
    return True
