"""'I need a break': a calm notice to the partner with a return time at least twenty minutes
away, soothing suggestions for the one taking it, and a gentle prompt for both to come back.

A break belongs to the couple it was asked in; a later partner never sees it. The notice says
only what the person chose to say (that they need a break, and when they will be back).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from nearer.domain.errors import Conflict, NotFound
from nearer.domain.field_checks import is_row_id
from nearer.domain.rhythm import break_minutes, break_state, zone
from nearer.domain.rhythm_content import soothing
from nearer.services.access import current_couple_id, lock_couple, partner_id, require_user
from nearer.services.profile import name_of
from nearer.storage.db import Database
from nearer.storage.models import BreakRequest, utcnow


@dataclass(frozen=True)
class BreakView:
    id: int
    mine: bool
    state: str  # running / returning / ended
    started_at: datetime
    return_at: datetime
    return_time: str  # HH:MM in the reader's own time zone
    message: str
    suggestions: tuple[str, ...]  # only for the one taking the break
    coach_link: str | None  # offered once it is time to come back

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "suggestions": list(self.suggestions)}


def _message(mine: bool, state: str, name: str, at: str) -> str:
    if state == "running":
        if mine:
            return f"You are taking a break until {at}. Your partner knows you will come back then."
        return f"{name} needs a break to calm down and will come back to this at {at}."
    if state == "returning":
        if mine:
            return f"It is {at} or later: a good moment to come back to each other, gently."
        return f"{name}'s break was until {at}. When you are both ready, come back to each other gently."
    return "This break is over."


def _view(row: BreakRequest, reader: int, reader_zone: str | None, other_name: str,
          now: datetime) -> BreakView:  # fmt: skip
    mine = row.user_id == reader
    state = break_state(now, row.return_at, row.ended_at)
    at = row.return_at.astimezone(zone(reader_zone)).strftime("%H:%M")
    return BreakView(
        row.id, mine, state, row.started_at, row.return_at, at,
        _message(mine, state, other_name, at),
        soothing().suggestions if mine and state == "running" else (),
        "/coach" if state == "returning" else None,
    )  # fmt: skip


def start_break(db: Database, user_id: int, minutes: object, now: datetime | None = None) -> BreakView:
    length = break_minutes(minutes)
    moment = now or utcnow()
    with db.transaction() as session:
        user = require_user(session, user_id)
        couple = lock_couple(session, user_id)
        if couple is None:
            raise Conflict("Link with your partner first; a break is a message to them.")
        for row in session.scalars(
            select(BreakRequest).where(BreakRequest.couple_id == couple, BreakRequest.ended_at.is_(None))
        ):
            if break_state(moment, row.return_at, None) == "running":
                raise Conflict("A break is already running; you can end it and start another.")
        row = BreakRequest(user_id=user_id, couple_id=couple, started_at=moment,
                           return_at=moment + timedelta(minutes=length))  # fmt: skip
        session.add(row)
        session.flush()
        return _view(row, user_id, user.time_zone, "", moment)


def end_break(db: Database, user_id: int, break_id: int, now: datetime | None = None) -> None:
    """Either partner of the couple may close a break: 'we are back'."""
    with db.transaction() as session:
        row = session.get(BreakRequest, break_id) if is_row_id(break_id) else None
        couple = current_couple_id(session, user_id)
        if row is None or row.couple_id is None or row.couple_id != couple:
            raise NotFound("break")
        if row.ended_at is None:
            row.ended_at = now or utcnow()


def current_breaks(db: Database, user_id: int, now: datetime | None = None) -> list[BreakView]:
    """Breaks in the caller's couple that are running or waiting for the return."""
    moment = now or utcnow()
    with db.transaction() as session:
        user = require_user(session, user_id)
        couple = current_couple_id(session, user_id)
        if couple is None:
            return []
        other = partner_id(session, user_id)
        name = name_of(require_user(session, other)) if other else "Your partner"
        rows = session.scalars(
            select(BreakRequest)
            .where(BreakRequest.couple_id == couple, BreakRequest.ended_at.is_(None))
            .order_by(BreakRequest.started_at.desc())
        )
        views = [_view(r, user_id, user.time_zone, name, moment) for r in rows]
        return [v for v in views if v.state != "ended"]


def finished_breaks(db: Database, user_id: int) -> int:
    """How many breaks this couple took and came back from (a count, for the look back)."""
    with db.transaction() as session:
        couple = current_couple_id(session, user_id)
        if couple is None:
            return 0
        rows = session.scalars(select(BreakRequest).where(BreakRequest.couple_id == couple))
        return sum(1 for r in rows if r.ended_at is not None)
