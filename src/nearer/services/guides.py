"""The guides library: reading a guide (counted once per person) and a couple's notes on it.

A note is written by one partner for the other. Only the current linked partner ever sees it; a
note the safety check flags stays with its author, because it may speak of the very person it
would be shown to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nearer.domain.errors import Conflict, InvalidInput, NotFound, Problem
from nearer.domain.guides import Guide, all_guides, get_guide, related_guides
from nearer.domain.journal import check_text
from nearer.services.access import current_couple_id, lock_couple, partner_id, require_user
from nearer.services.text_checks import check_safety
from nearer.storage.db import Database
from nearer.storage.models import GuideRead, GuideReflection, utcnow

if TYPE_CHECKING:
    from nearer.analysis.safety import SafetyResult

MAX_NOTE = 4_000


@dataclass(frozen=True)
class GuideNote:
    text: str
    updated_at: datetime
    mine: bool
    held_back: bool  # flagged by the safety check, so not shown to the partner

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text": self.text,
            "updated_at": self.updated_at.isoformat(),
            "mine": self.mine,
        }
        if self.mine:
            data["shown_to_partner"] = not self.held_back
        return data


@dataclass(frozen=True)
class GuideSummary:
    guide: Guide
    read_count: int

    def to_dict(self) -> dict[str, Any]:
        return {**self.guide.to_dict(with_body=False), "read_count": self.read_count}


@dataclass(frozen=True)
class GuidePage:
    guide: Guide
    related: tuple[Guide, ...]
    read_count: int
    linked: bool
    my_note: GuideNote | None
    partner_note: GuideNote | None

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.guide.to_dict(),
            "related": [{"id": g.id, "title": g.title} for g in self.related],
            "read_count": self.read_count,
            "linked": self.linked,
            "my_note": self.my_note.to_dict() if self.my_note else None,
            "partner_note": self.partner_note.to_dict() if self.partner_note else None,
        }


def _guide(guide_id: str) -> Guide:
    try:
        return get_guide(guide_id)
    except KeyError:
        raise NotFound("guide") from None


def _read_counts(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(GuideRead.guide_id, func.count()).group_by(GuideRead.guide_id)
    ).all()
    return {guide_id: int(count) for guide_id, count in rows}


def list_guides(db: Database) -> list[GuideSummary]:
    """Every guide in reading order, with how many people have read it."""
    with db.transaction() as session:
        counts = _read_counts(session)
    return [GuideSummary(guide, counts.get(guide.id, 0)) for guide in all_guides()]


def _mark_read(db: Database, user_id: int, guide_id: str) -> None:
    try:
        with db.transaction() as session:
            require_user(session, user_id)
            if session.get(GuideRead, (user_id, guide_id)) is None:
                session.add(GuideRead(user_id=user_id, guide_id=guide_id))
    except IntegrityError:
        pass  # the same person opened it twice at once; one read is what counts


def _note(row: GuideReflection | None, viewer_id: int, couple: int | None) -> GuideNote | None:
    """A note as the viewer sees it; it reaches a partner only in the couple it was written in."""
    if row is None:
        return None
    held_back = row.safety_level != "none" or couple is None or row.couple_id != couple
    return GuideNote(row.text, row.updated_at, row.author_id == viewer_id, held_back)


def _note_row(session: Session, author_id: int, guide_id: str) -> GuideReflection | None:
    return session.scalar(
        select(GuideReflection).where(
            GuideReflection.author_id == author_id, GuideReflection.guide_id == guide_id
        )
    )


def read_guide(db: Database, user_id: int, guide_id: str) -> GuidePage:
    """Open a guide: counts the person's first read, and gathers both partners' notes."""
    guide = _guide(guide_id)
    _mark_read(db, user_id, guide.id)
    with db.transaction() as session:
        other = partner_id(session, user_id)
        couple = current_couple_id(session, user_id)
        partner_note = None
        if other is not None:
            note = _note(_note_row(session, other, guide.id), user_id, couple)
            partner_note = note if note is not None and not note.held_back else None
        return GuidePage(
            guide=guide,
            related=related_guides(guide.id),
            read_count=_read_counts(session).get(guide.id, 0),
            linked=other is not None,
            my_note=_note(_note_row(session, user_id, guide.id), user_id, couple),
            partner_note=partner_note,
        )


def leave_note(
    db: Database, user_id: int, guide_id: str, text: Any
) -> tuple[GuideNote, SafetyResult]:
    """Write (or rewrite) the caller's note on a guide for their partner; safety-checked."""
    guide = _guide(guide_id)
    problems: list[Problem] = []
    words = check_text(text, problems)
    if not problems and len(words) > MAX_NOTE:
        problems.append(Problem("text", f"is {len(words):,} characters; the limit is {MAX_NOTE:,}"))
    if problems:
        raise InvalidInput(problems)
    safety = check_safety(words)
    try:
        with db.transaction() as session:
            couple = lock_couple(session, user_id)
            if couple is None:
                raise Conflict("Link with your partner first; these notes are for the two of you.")
            row = _note_row(session, user_id, guide.id)
            if row is None:
                row = GuideReflection(author_id=user_id, guide_id=guide.id, text=words)
                session.add(row)
            row.text = words
            row.couple_id = couple
            row.safety_level = safety.level
            row.safety_kinds = list(safety.kinds)
            row.updated_at = utcnow()
            session.flush()
            note = _note(row, user_id, couple)
    except IntegrityError:
        raise Conflict("That note was saved twice at once; reload the page.") from None
    assert note is not None
    return note, safety
