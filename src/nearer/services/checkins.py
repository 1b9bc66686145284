"""Daily check-ins: one per person per local day, shared only by the person's own choice, and a
partner's answer revealed only once the reader has checked in that day too.

Sharing is a consent (scope 'checkins') bound to the couple it was given in, and every check-in
keeps the couple its author was in; so nothing from one couple ever reaches a later partner.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nearer.domain.errors import Conflict
from nearer.domain.paging import DEFAULT_LIMIT, Page
from nearer.domain.rhythm import check_in_draft, reveal_allowed, trend
from nearer.services.access import current_couple_id, lock_couple, partner_id, require_user
from nearer.services.paging import keyset_page
from nearer.services.profile import name_of
from nearer.services.rhythm_time import today_of
from nearer.services.text_checks import read_text
from nearer.storage.db import Database
from nearer.storage.models import CheckIn, Consent, utcnow

if TYPE_CHECKING:
    from nearer.analysis.safety import SafetyResult

SCOPE = "checkins"
TREND_DAYS = 56  # eight weeks


@dataclass(frozen=True)
class CheckInView:
    day: date
    closeness: int
    mood: str
    note_kind: str | None
    note: str | None
    # What the safety check noticed in the note, only on the author's own just-saved check-in.
    safety: SafetyResult | None = field(default=None, compare=False)

    @classmethod
    def of(cls, row: CheckIn) -> CheckInView:
        return cls(row.day, row.closeness, row.mood, row.note_kind, row.note)

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "safety"}
        return {**data, "day": self.day.isoformat()}


@dataclass(frozen=True)
class PartnerDay:
    """What the caller may know of the partner's day: 'none' (nothing to show), 'waiting' (the
    partner has checked in; answer yours to see theirs) or 'revealed' with the answer."""

    name: str | None
    state: str
    answer: CheckInView | None = None


@dataclass(frozen=True)
class Today:
    day: date
    mine: CheckInView | None
    partner: PartnerDay | None  # None when not linked
    sharing: bool
    partner_shares: bool


def sharing_on(session: Session, user_id: int, couple: int | None) -> bool:
    """The person shares their check-ins with this very couple."""
    consent = session.get(Consent, (user_id, SCOPE))
    return couple is not None and consent is not None and consent.couple_id == couple


def set_sharing(db: Database, user_id: int, on: bool) -> bool:
    """Turn one's own sharing on (for the couple one is in now) or off (at any time)."""
    try:
        with db.transaction() as session:
            require_user(session, user_id)
            consent = session.get(Consent, (user_id, SCOPE))
            if not on:
                if consent is not None:
                    session.delete(consent)
                return False
            couple = lock_couple(session, user_id)
            if couple is None:
                raise Conflict("Link with your partner first; sharing is with the two of you.")
            if consent is None:
                session.add(Consent(user_id=user_id, scope=SCOPE, couple_id=couple))
            else:
                consent.couple_id = couple
    except IntegrityError:
        pass  # the same switch pressed twice at once
    return True


def check_in(
    db: Database,
    user_id: int,
    closeness: object,
    mood: object,
    note_kind: object = None,
    note: object = None,
    now: datetime | None = None,
) -> CheckInView:
    """Save (or change) today's check-in, today being the person's own local day."""
    draft = check_in_draft(closeness, mood, note_kind, note)
    with db.transaction() as session:
        require_user(session, user_id)
        couple = lock_couple(session, user_id)
        day = today_of(session, user_id, now)
        row = session.scalar(select(CheckIn).where(CheckIn.user_id == user_id, CheckIn.day == day))
        if row is None:
            row = CheckIn(user_id=user_id, day=day)
            session.add(row)
        row.closeness, row.mood = draft.closeness, draft.mood
        row.note_kind, row.note, row.couple_id = draft.note_kind, draft.note, couple
        row.created_at = utcnow()
        session.flush()
        view = CheckInView.of(row)
    if not draft.note:
        return view
    # The one line is read like every other text a person writes: help shows when it should.
    return replace(view, safety=read_text(draft.note, emotions=False).safety)


def own_checkins(session: Session, user_id: int, first: date, last: date) -> dict[date, CheckIn]:
    rows = session.scalars(
        select(CheckIn).where(CheckIn.user_id == user_id, CheckIn.day >= first, CheckIn.day <= last)
    )
    return {row.day: row for row in rows}


def revealed_partner_days(
    session: Session, reader: int, first: date, last: date
) -> tuple[int | None, dict[date, CheckIn], set[date]]:
    """The partner's id, their check-ins the reader may read, and the days the partner checked
    in (shared) that stay hidden until the reader checks in too."""
    other = partner_id(session, reader)
    couple = current_couple_id(session, reader)
    if other is None or not sharing_on(session, other, couple):
        return other, {}, set()
    mine = own_checkins(session, reader, first, last)
    shown: dict[date, CheckIn] = {}
    waiting: set[date] = set()
    for day, row in own_checkins(session, other, first, last).items():
        if reveal_allowed(
            reader_checked_in=day in mine,
            owner_shares=True,
            same_couple=row.couple_id == couple,
        ):
            shown[day] = row
        elif row.couple_id == couple:
            waiting.add(day)
    return other, shown, waiting


def today(db: Database, user_id: int, now: datetime | None = None) -> Today:
    with db.transaction() as session:
        day = today_of(session, user_id, now)
        couple = current_couple_id(session, user_id)
        mine = own_checkins(session, user_id, day, day).get(day)
        other, shown, waiting = revealed_partner_days(session, user_id, day, day)
        partner = None
        partner_shares = False
        if other is not None:
            name = name_of(require_user(session, other))
            partner_shares = sharing_on(session, other, couple)
            if day in shown:
                partner = PartnerDay(name, "revealed", CheckInView.of(shown[day]))
            elif day in waiting:
                partner = PartnerDay(name, "waiting")
            else:
                partner = PartnerDay(name, "none")
        return Today(
            day,
            None if mine is None else CheckInView.of(mine),
            partner,
            sharing_on(session, user_id, couple),
            partner_shares,
        )


@dataclass(frozen=True)
class Trend:
    days: list[date]
    mine: list[int | None]
    partner: list[int | None] | None  # None when there is no partner sharing with the caller


def closeness_trend(
    db: Database, user_id: int, days: int = TREND_DAYS, now: datetime | None = None
) -> Trend:
    with db.transaction() as session:
        last = today_of(session, user_id, now)
        first = last - timedelta(days=days - 1)
        span = [first + timedelta(days=i) for i in range(days)]
        mine = {d: r.closeness for d, r in own_checkins(session, user_id, first, last).items()}
        other, shown, _ = revealed_partner_days(session, user_id, first, last)
        couple = current_couple_id(session, user_id)
        theirs = None
        if other is not None and sharing_on(session, other, couple):
            theirs = [v for _, v in trend(span, {d: r.closeness for d, r in shown.items()})]
        return Trend(span, [v for _, v in trend(span, mine)], theirs)


def history(db: Database, user_id: int, days: int = 28, now: datetime | None = None) -> list[CheckInView]:
    """The caller's own check-ins, newest first."""
    with db.transaction() as session:
        last = today_of(session, user_id, now)
        rows = own_checkins(session, user_id, last - timedelta(days=days - 1), last)
        return [CheckInView.of(rows[d]) for d in sorted(rows, reverse=True)]


def history_page(
    db: Database,
    user_id: int,
    *,
    days: int | None = None,
    limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
    now: datetime | None = None,
) -> Page[CheckInView]:
    """One page of the caller's own check-ins (of the last `days` local days, or all), newest
    first, and the cursor to older ones. Nobody else's, whatever the cursor says."""
    with db.transaction() as session:
        last = today_of(session, user_id, now)
        query = select(CheckIn).where(CheckIn.user_id == user_id, CheckIn.day <= last)
        if days is not None:
            query = query.where(CheckIn.day >= last - timedelta(days=days - 1))
        page = keyset_page(session, query, (CheckIn.day, CheckIn.id), limit=limit, cursor=cursor)
        return Page([CheckInView.of(row) for row in page.items], page.next)


def prompt_open(db: Database, user_id: int, now: datetime | None = None) -> bool:
    """True when the person's check-in for their local today is open and not yet done: from their
    chosen check-in time on (or all day when they chose none). It is for them alone."""
    from nearer.domain.rhythm import clock, zone

    moment = now or utcnow()
    with db.transaction() as session:
        user = require_user(session, user_id)
        local = moment.astimezone(zone(user.time_zone))
        at = clock(user.checkin_time)
        if at is not None and local.time() < at:
            return False
        done = session.scalar(
            select(CheckIn.id).where(CheckIn.user_id == user_id, CheckIn.day == local.date())
        )
        return done is None
