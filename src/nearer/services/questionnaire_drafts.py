"""A questionnaire answered a few items per screen: the answers so far, kept on the server so a
reload, the Back button or a lost connection never loses them (no JavaScript needed)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from nearer.domain.instruments import Instrument
from nearer.storage.db import Database
from nearer.storage.models import QuestionnaireDraft, utcnow

GROUP = 3  # items per screen: enough to keep moving, few enough for a phone


def screens(instrument: Instrument) -> int:
    return max(1, -(-len(instrument.items) // GROUP))


def on_screen(instrument: Instrument, screen: int) -> list[str]:
    """The item ids shown on `screen` (1-based)."""
    ids = [item.id for item in instrument.items]
    return ids[(screen - 1) * GROUP : screen * GROUP]


def screen_of(instrument: Instrument, item_id: str) -> int:
    ids = [item.id for item in instrument.items]
    return ids.index(item_id) // GROUP + 1 if item_id in ids else 1


def fitting_answers(instrument: Instrument, answers: Mapping[str, Any]) -> dict[str, int]:
    """Only answers that are a point on the scale for a known item; anything else is dropped."""
    ids = {item.id for item in instrument.items}
    low, high = instrument.scale.min, instrument.scale.max
    return {
        k: v
        for k, v in answers.items()
        if k in ids and isinstance(v, int) and not isinstance(v, bool) and low <= v <= high
    }


def _row(session: Session, user_id: int, instrument_id: str, about: str) -> QuestionnaireDraft | None:
    return session.scalar(
        select(QuestionnaireDraft).where(
            QuestionnaireDraft.user_id == user_id,
            QuestionnaireDraft.instrument_id == instrument_id,
            QuestionnaireDraft.about == about,
        )
    )


def get_draft(db: Database, user_id: int, instrument: Instrument, about: str) -> dict[str, int]:
    with db.transaction() as session:
        row = _row(session, user_id, instrument.id, about)
        return fitting_answers(instrument, row.answers) if row is not None else {}


def save_draft(
    db: Database, user_id: int, instrument: Instrument, about: str, answers: Mapping[str, Any]
) -> dict[str, int]:
    """Add `answers` to the draft (a later answer replaces an earlier one); returns all so far."""
    with db.transaction() as session:
        row = _row(session, user_id, instrument.id, about)
        if row is None:
            row = QuestionnaireDraft(
                user_id=user_id, instrument_id=instrument.id, about=about, answers={}
            )
            session.add(row)
        merged = {**fitting_answers(instrument, row.answers), **fitting_answers(instrument, answers)}
        row.answers = merged
        row.updated_at = utcnow()
        return dict(merged)


def clear_draft(db: Database, user_id: int, instrument_id: str, about: str) -> None:
    with db.transaction() as session:
        session.execute(
            delete(QuestionnaireDraft).where(
                QuestionnaireDraft.user_id == user_id,
                QuestionnaireDraft.instrument_id == instrument_id,
                QuestionnaireDraft.about == about,
            )
        )
