"""Journal use cases: write, read, change, share and delete entries — each in one transaction."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nearer.analysis.safety import SafetyResult
from nearer.domain.errors import InvalidInput, Problem
from nearer.domain.journal import EntryDraft, apply_changes, make_draft
from nearer.services.access import current_couple_id, lock_couple, own_entry, readable_entry
from nearer.services.rhythm_time import zone_of
from nearer.services.text_checks import TextReading, read_text
from nearer.services.views import EntryView
from nearer.storage.db import Database
from nearer.storage.models import Entry, utcnow


@dataclass(frozen=True)
class Saved:
    """A saved entry and, for its author only, what the safety check noticed."""

    entry: EntryView
    safety: SafetyResult


@dataclass(frozen=True)
class EntryFilter:
    since: date | None = None
    feeling: str | None = None
    tag: str | None = None
    kind: str | None = None


def _apply_reading(entry: Entry, reading: TextReading) -> SafetyResult:
    entry.safety_level = reading.safety.level
    entry.safety_kinds = list(reading.safety.kinds)
    entry.emotions = reading.emotions
    entry.family = reading.family
    return reading.safety


NOT_LINKED = Problem(
    "visibility", "you can share once you are linked with your partner; until then it stays private"
)


def _bind_share(session: Session, user_id: int, entry: Entry, visibility: str) -> None:
    """Set who may read the entry; 'shared' means shared with the couple the author is in now."""
    if visibility != "shared":
        entry.visibility, entry.shared_couple_id = visibility, None
        return
    couple = lock_couple(session, user_id)
    if couple is None:
        raise InvalidInput([NOT_LINKED])
    entry.visibility, entry.shared_couple_id = "shared", couple


def add_entry(db: Database, user_id: int, draft: EntryDraft, at: datetime | None = None) -> Saved:
    # Read before the transaction opens: no connection or write lock waits on the encoder.
    reading = read_text(draft.text)
    with db.transaction() as session:
        now = at or utcnow()
        entry = Entry(
            uid=str(uuid.uuid4()),
            owner_id=user_id,
            kind=draft.kind,
            prompt_id=draft.prompt_id,
            text=draft.text,
            feelings=list(draft.feelings),
            intensity=draft.intensity,
            tags=list(draft.tags),
            created_at=now,
            updated_at=now,
        )
        _bind_share(session, user_id, entry, draft.visibility)
        safety = _apply_reading(entry, reading)
        session.add(entry)
        session.flush()
        return Saved(EntryView.of(entry, user_id), safety)


def write(db: Database, user_id: int, **fields: Any) -> Saved:
    """Validate raw fields and save them as a new entry."""
    return add_entry(db, user_id, make_draft(**fields, keep_feelings=()))


def _draft_of(entry: Entry) -> EntryDraft:
    return EntryDraft(
        text=entry.text,
        feelings=tuple(entry.feelings),
        intensity=entry.intensity,
        tags=tuple(entry.tags),
        visibility=entry.visibility,
        kind=entry.kind,
        prompt_id=entry.prompt_id,
    )


def update_entry(db: Database, user_id: int, entry_id: int, changes: dict[str, Any]) -> Saved:
    with db.transaction() as session:
        entry = own_entry(session, user_id, entry_id)
        draft = apply_changes(_draft_of(entry), changes)
        if draft.text != entry.text:  # read before any write in this transaction
            safety = _apply_reading(entry, read_text(draft.text))
        else:  # the same text is never read again
            safety = SafetyResult(entry.safety_level, tuple(entry.safety_kinds))  # type: ignore[arg-type]
        entry.text = draft.text
        entry.feelings = list(draft.feelings)
        entry.intensity = draft.intensity
        entry.tags = list(draft.tags)
        _bind_share(session, user_id, entry, draft.visibility)
        entry.updated_at = utcnow()
        return Saved(EntryView.of(entry, user_id), safety)


def set_visibility(db: Database, user_id: int, entry_id: int, visibility: str) -> EntryView:
    return update_entry(db, user_id, entry_id, {"visibility": visibility}).entry


def get_entry(db: Database, user_id: int, entry_id: int) -> EntryView:
    with db.transaction() as session:
        return EntryView.of(readable_entry(session, user_id, entry_id), user_id)


def delete_entry(db: Database, user_id: int, entry_id: int) -> None:
    with db.transaction() as session:
        session.delete(own_entry(session, user_id, entry_id))


def _filtered(query: Any, filters: EntryFilter, zone: tzinfo = UTC) -> Any:
    if filters.since:
        # "Since Monday" means from midnight on the writer's own clock.
        query = query.where(Entry.created_at >= datetime.combine(filters.since, time(), zone))
    if filters.kind:
        query = query.where(Entry.kind == filters.kind)
    return query


def _matches(entry: Entry, filters: EntryFilter) -> bool:
    # JSON list membership differs between SQLite and PostgreSQL; filtering here keeps one rule.
    if filters.feeling and filters.feeling.lower() not in entry.feelings:
        return False
    return not (filters.tag and filters.tag.lower() not in entry.tags)


def list_entries(db: Database, user_id: int, filters: EntryFilter | None = None) -> list[EntryView]:
    """The caller's own entries, newest first."""
    filters = filters or EntryFilter()
    with db.transaction() as session:
        zone = zone_of(session, user_id)
        query = _filtered(select(Entry).where(Entry.owner_id == user_id), filters, zone)
        rows: Sequence[Entry] = session.scalars(query.order_by(Entry.created_at.desc())).all()
        return [EntryView.of(e, user_id) for e in rows if _matches(e, filters)]


def partner_entries(db: Database, user_id: int) -> list[EntryView]:
    """The entries the caller's partner chose to share — nothing else, ever."""
    with db.transaction() as session:
        couple = current_couple_id(session, user_id)
        if couple is None:
            return []
        rows = session.scalars(
            select(Entry)
            .where(
                Entry.owner_id != user_id,
                Entry.visibility == "shared",
                Entry.shared_couple_id == couple,
            )
            .order_by(Entry.created_at.desc())
        ).all()
        return [EntryView.of(e, user_id) for e in rows]
