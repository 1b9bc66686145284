"""Small steps: one or two a week, from the catalogue or in one's own words, marked on the days
they happened, and celebrated at the end of the week. No streaks, nothing that breaks.

A step is private unless its author shares it with the couple they are in now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from nearer.domain.errors import Conflict, InvalidInput, NotFound, Problem
from nearer.domain.field_checks import is_row_id
from nearer.domain.journal import check_text
from nearer.domain.rhythm import celebrate, days_of_week, week_start
from nearer.domain.rhythm_content import Step, get_step, steps_catalogue
from nearer.services.access import current_couple_id, lock_user, partner_id
from nearer.services.rhythm_time import today_of
from nearer.services.sharing import bind_share, check_visibility
from nearer.storage.db import Database
from nearer.storage.models import InstrumentResponse, StepDay, StepPick

MAX_PER_WEEK = 2
MAX_OWN_STEP = 200


@dataclass(frozen=True)
class PickView:
    id: int
    week: date
    step_id: str | None
    text: str
    visibility: str
    mine: bool
    days_done: tuple[date, ...]
    celebration: str

    @property
    def times(self) -> int:
        return len(self.days_done)


@dataclass(frozen=True)
class StepsWeek:
    week: date
    today: date
    days: list[date]
    mine: list[PickView]
    partner: list[PickView]  # only steps the partner shared with this couple
    last_week: list[PickView]  # the caller's own, with last week's celebration


def _same_step(a: StepPick, b: StepPick) -> bool:
    return (a.step_id or a.text) == (b.step_id or b.text)


def pick_view(session: Session, pick: StepPick, reader: int) -> PickView:
    done = tuple(d.day for d in pick.days_done)
    before = session.scalars(
        select(StepPick).where(StepPick.user_id == pick.user_id,
                               StepPick.week == pick.week - timedelta(weeks=1))
    )  # fmt: skip
    last = next((len(p.days_done) for p in before if _same_step(p, pick)), None)
    return PickView(pick.id, pick.week, pick.step_id, pick.text, pick.visibility,
                    pick.user_id == reader, done, celebrate(len(done), last))  # fmt: skip


def pick_step(
    db: Database,
    user_id: int,
    step_id: str | None = None,
    text: str | None = None,
    visibility: object = "private",
    now: datetime | None = None,
) -> PickView:
    """Choose a step for this week: a catalogue id, or one's own words (not both)."""
    shown = check_visibility(visibility)
    if step_id:
        try:
            wording = get_step(step_id).text
        except NotFound:
            raise InvalidInput([Problem("step_id", "is not a step in the catalogue")]) from None
        if text:
            raise InvalidInput([Problem("text", "choose a catalogue step or write your own, not both")])
    else:
        problems: list[Problem] = []
        wording = check_text(text, problems)
        if not problems and len(wording) > MAX_OWN_STEP:
            problems.append(Problem("text", f"is over {MAX_OWN_STEP} characters; keep it small"))
        if problems:
            raise InvalidInput([Problem("text", "choose a step or write your own")] if text is None else problems)
    with db.transaction() as session:
        lock_user(session, user_id)  # two picks sent at once count one after the other
        week = week_start(today_of(session, user_id, now))
        chosen = list(session.scalars(select(StepPick).where(StepPick.user_id == user_id,
                                                              StepPick.week == week)))  # fmt: skip
        if len(chosen) >= MAX_PER_WEEK:
            raise Conflict("Two steps a week is plenty. Remove one to choose another.")
        if any((p.step_id or p.text) == (step_id or wording) for p in chosen):
            raise Conflict("You already chose that step this week.")
        pick = StepPick(user_id=user_id, week=week, step_id=step_id or None, text=wording)
        bind_share(session, user_id, pick, shown)
        session.add(pick)
        session.flush()
        return pick_view(session, pick, user_id)


def _own(session: Session, user_id: int, pick_id: int) -> StepPick:
    pick = session.get(StepPick, pick_id) if is_row_id(pick_id) else None
    if pick is None or pick.user_id != user_id:
        raise NotFound("step")
    return pick


def mark_day(
    db: Database,
    user_id: int,
    pick_id: int,
    day: date | None = None,
    done: bool = True,
    now: datetime | None = None,
) -> PickView:
    """Mark (or unmark) a day of the step's week on which you did it; never a future day."""
    with db.transaction() as session:
        pick = _own(session, user_id, pick_id)
        today = today_of(session, user_id, now)
        chosen = day or today
        if chosen not in days_of_week(pick.week) or chosen > today:
            raise InvalidInput([Problem("day", "should be a day of that step's week, up to today")])
        have = session.get(StepDay, (pick.id, chosen))
        if done and have is None:
            session.add(StepDay(pick_id=pick.id, day=chosen))
        elif not done and have is not None:
            session.delete(have)
        session.flush()
        session.refresh(pick)
        return pick_view(session, pick, user_id)


def set_visibility(db: Database, user_id: int, pick_id: int, visibility: object) -> PickView:
    shown = check_visibility(visibility)
    with db.transaction() as session:
        pick = _own(session, user_id, pick_id)
        bind_share(session, user_id, pick, shown)
        return pick_view(session, pick, user_id)


def remove_pick(db: Database, user_id: int, pick_id: int) -> None:
    with db.transaction() as session:
        session.delete(_own(session, user_id, pick_id))


def picks_in_weeks(session: Session, reader: int, first: date, last: date) -> list[StepPick]:
    """The reader's own picks and those their partner shared with this very couple."""
    other = partner_id(session, reader)
    couple = current_couple_id(session, reader)
    readable = StepPick.user_id == reader
    if other is not None and couple is not None:
        readable = or_(readable, and_(StepPick.user_id == other, StepPick.visibility == "shared",
                                      StepPick.shared_couple_id == couple))  # fmt: skip
    query = select(StepPick).where(readable, StepPick.week >= first, StepPick.week <= last)
    return list(session.scalars(query.order_by(StepPick.week, StepPick.id)))


def this_week(db: Database, user_id: int, now: datetime | None = None) -> StepsWeek:
    with db.transaction() as session:
        today = today_of(session, user_id, now)
        week = week_start(today)
        picks = picks_in_weeks(session, user_id, week - timedelta(weeks=1), week)
        views = [pick_view(session, p, user_id) for p in picks]
        return StepsWeek(
            week,
            today,
            days_of_week(week),
            [v for v in views if v.mine and v.week == week],
            [v for v in views if not v.mine and v.week == week],
            [v for v in views if v.mine and v.week < week],
        )


def suggestions(db: Database, user_id: int) -> list[Step]:
    """The catalogue, the steps that answer what the person rated highest coming first.

    Only the person's own answers count (about themselves, and about their partner in the couple
    they are in now); a reverse-worded sign counts from the other end of the scale."""
    from nearer.domain.instruments import builtin_instruments

    signs = builtin_instruments()["signs"]
    reverse = {item.id for item in signs.items if item.reverse}
    weight: dict[str, int] = {}
    with db.transaction() as session:
        couple = current_couple_id(session, user_id)
        rows = session.scalars(
            select(InstrumentResponse)
            .where(InstrumentResponse.user_id == user_id, InstrumentResponse.instrument_id == "signs")
            .order_by(InstrumentResponse.created_at.desc(), InstrumentResponse.id.desc())
        )
        seen: set[str] = set()
        for row in rows:
            if row.about in seen or (row.about == "partner" and row.couple_id != couple):
                continue
            seen.add(row.about)
            for item, value in row.answers.items():
                score = 6 - value if item in reverse else value
                weight[item] = max(weight.get(item, 0), score)
    catalogue = list(steps_catalogue())
    return sorted(catalogue, key=lambda s: -max((weight.get(x, 0) for x in s.signs), default=0))
