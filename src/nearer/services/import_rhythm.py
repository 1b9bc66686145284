"""Import of the daily rhythm (check-ins, bids, small steps, breaks, answers), idempotent.

An item already here is skipped, so importing the same file twice adds nothing the second
time: a check-in by its day, an answer by its question, a bid by its day, direction and moment,
a break by its start, and a small step by its week and step. A week never gets more small steps
than the app allows (two); the rest are skipped and counted.

Rhythm items arrive private and tied to no couple: they belonged to a couple now past.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from nearer.storage.models import Bid, BreakRequest, CheckIn, QuestionAnswer, StepDay, StepPick

if TYPE_CHECKING:
    from nearer.services.portability import ExportDocument


Item = TypeVar("Item")


@dataclass
class Tally:
    """How many items of a kind an import added, and how many it skipped."""

    added: int = 0
    skipped: int = 0

    def count(self, added: bool) -> None:
        if added:
            self.added += 1
        else:
            self.skipped += 1

    def fresh(self, items: Iterable[Item], key: Callable[[Item], Hashable],
              have: set[Any]) -> Iterator[Item]:
        """The items whose key is not in `have` yet (each then added to it), every item counted
        as added or skipped."""
        for item in items:
            found = key(item)
            self.count(found not in have)
            if found not in have:
                have.add(found)
                yield item

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.added + other.added, self.skipped + other.skipped)


def step_key(step_id: str | None, text: str) -> str:
    """What makes two picks the same step: the catalogue id, or the own words."""
    return step_id or text.strip()


def import_steps(session: Session, user_id: int, doc: ExportDocument) -> Tally:
    """Small steps not yet here for their week, up to the weekly limit."""
    from nearer.services.steps import MAX_PER_WEEK

    tally = Tally()
    weeks: dict[date, set[str]] = defaultdict(set)
    for week, step_id, text in session.execute(
        select(StepPick.week, StepPick.step_id, StepPick.text).where(StepPick.user_id == user_id)
    ):
        weeks[week].add(step_key(step_id, text))
    for p in doc.small_steps:
        have = weeks[p.week]
        key = step_key(p.step_id, p.text)
        fits = key not in have and len(have) < MAX_PER_WEEK
        tally.count(fits)
        if not fits:
            continue
        have.add(key)
        pick = StepPick(user_id=user_id, week=p.week, step_id=p.step_id, text=p.text.strip(),
                        visibility="private", shared_couple_id=None, created_at=p.created_at)  # fmt: skip
        pick.days_done = [StepDay(day=d) for d in sorted(set(p.days_done))]
        session.add(pick)
    return tally


def import_rest_of_rhythm(session: Session, user_id: int, doc: ExportDocument) -> Tally:
    """Check-ins, bids, breaks and answers not yet here."""
    tally = Tally()
    have_days = set(session.scalars(select(CheckIn.day).where(CheckIn.user_id == user_id)))
    for c in tally.fresh(doc.checkins, lambda c: c.day, have_days):
        mood = c.mood.strip().lower()
        note = c.note.strip() if c.note and c.note.strip() else None
        session.add(CheckIn(user_id=user_id, day=c.day, closeness=c.closeness, mood=mood,
                            note_kind=c.note_kind if note else None, note=note,
                            couple_id=None, created_at=c.created_at))  # fmt: skip
    have_bids = {tuple(row) for row in session.execute(
        select(Bid.day, Bid.direction, Bid.created_at).where(Bid.author_id == user_id)
    )}  # fmt: skip
    for b in tally.fresh(doc.bids, lambda b: (b.day, b.direction, b.created_at), have_bids):
        session.add(Bid(author_id=user_id, day=b.day, direction=b.direction, text=b.text.strip(),
                        response=b.response, visibility="private", shared_couple_id=None,
                        created_at=b.created_at))  # fmt: skip
    have_breaks = set(session.scalars(
        select(BreakRequest.started_at).where(BreakRequest.user_id == user_id)
    ))  # fmt: skip
    for br in tally.fresh(doc.breaks, lambda br: br.started_at, have_breaks):
        session.add(BreakRequest(user_id=user_id, couple_id=None, started_at=br.started_at,
                                 return_at=br.return_at, ended_at=br.ended_at or br.return_at))  # fmt: skip
    alone = set(session.scalars(select(QuestionAnswer.question_id).where(
        QuestionAnswer.user_id == user_id, QuestionAnswer.couple_id.is_(None))))  # fmt: skip
    for a in tally.fresh(doc.question_answers, lambda a: a.question_id, alone):
        session.add(QuestionAnswer(user_id=user_id, question_id=a.question_id, couple_id=None,
                                   text=a.text.strip(), created_at=a.created_at))  # fmt: skip
    return tally
