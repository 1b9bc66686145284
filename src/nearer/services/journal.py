"""Journal use cases: write, read, change, share and delete entries — each in one transaction."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, cast, exists, func, literal, select
from sqlalchemy.orm import Session, defer

from nearer.domain.errors import InvalidInput, Problem
from nearer.domain.journal import EntryDraft, apply_changes, make_draft
from nearer.domain.paging import DEFAULT_LIMIT, Page, check_limit, decode_cursor
from nearer.services import day_totals
from nearer.services.access import current_couple_id, lock_couple, own_entry, readable_entry
from nearer.services.paging import keyset_page
from nearer.services.rhythm_time import zone_of
from nearer.services.text_checks import TextReading, read_text
from nearer.services.views import EntryView
from nearer.storage import sealing
from nearer.storage.db import Database
from nearer.storage.models import Entry, utcnow

if TYPE_CHECKING:
    from nearer.analysis.safety import SafetyResult


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

    def __post_init__(self) -> None:
        """A word to look for is a label: control characters (PostgreSQL cannot even hold a
        NUL) and broken characters name no feeling or tag."""
        problems = [Problem(name, "must be a word without control or broken characters")
                    for name, value in (("feeling", self.feeling), ("tag", self.tag))
                    if value and any(ord(c) < 32 or ord(c) == 0x7F or 0xD800 <= ord(c) <= 0xDFFF
                                     for c in value)]
        if problems:
            raise InvalidInput(problems)

    def admits(self, feelings: Sequence[str], tags: Sequence[str]) -> bool:
        """The feeling and tag rule in plain Python: what the SQL filters must agree with."""
        if self.feeling and self.feeling.lower() not in feelings:
            return False
        return not (self.tag and self.tag.lower() not in tags)


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


class _NewEntry(SimpleNamespace):
    """A new entry's columns before it is written (the write path uses no ORM object)."""


def add_entry(db: Database, user_id: int, draft: EntryDraft, at: datetime | None = None) -> Saved:
    # Read before the transaction opens: no connection or write lock waits on the encoder.
    reading = read_text(draft.text)
    with db.transaction() as session:
        now = at or utcnow()
        entry = _NewEntry(
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
        _bind_share(session, user_id, entry, draft.visibility)  # type: ignore[arg-type]
        safety = _apply_reading(entry, reading)  # type: ignore[arg-type]
        # One INSERT, sealed as a flush would seal it, without the ORM's unit of work.
        written = sealing.insert_sealed(session, Entry, vars(entry))
        day_totals.record(session, user_id, [(None, day_totals.facts_of(written))])
    return Saved(EntryView.of(written, user_id), safety)  # after the commit: the write turn is over


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
        before = day_totals.facts_of(entry)
        draft = apply_changes(_draft_of(entry), changes)
        if draft.text != entry.text:  # read before any write in this transaction
            safety = _apply_reading(entry, read_text(draft.text))
        else:  # the same text is never read again
            from nearer.analysis.safety import SafetyResult

            safety = SafetyResult(entry.safety_level, tuple(entry.safety_kinds))  # type: ignore[arg-type]
        entry.text = draft.text
        entry.feelings = list(draft.feelings)
        entry.intensity = draft.intensity
        entry.tags = list(draft.tags)
        _bind_share(session, user_id, entry, draft.visibility)
        entry.updated_at = utcnow()
        session.flush()
        day_totals.record(session, user_id, [(before, day_totals.facts_of(entry))])
        return Saved(EntryView.of(entry, user_id), safety)


def set_visibility(db: Database, user_id: int, entry_id: int, visibility: str) -> EntryView:
    return update_entry(db, user_id, entry_id, {"visibility": visibility}).entry


def get_entry(db: Database, user_id: int, entry_id: int) -> EntryView:
    with db.transaction() as session:
        return EntryView.of(readable_entry(session, user_id, entry_id), user_id)


def delete_entry(db: Database, user_id: int, entry_id: int) -> None:
    with db.transaction() as session:
        entry = own_entry(session, user_id, entry_id)
        before = day_totals.facts_of(entry)
        session.delete(entry)
        session.flush()
        day_totals.record(session, user_id, [(before, None)])


def _holds(session: Session, labels: Any, word: str) -> ColumnElement[bool]:
    """The JSON list in `labels` contains `word`, decided by the database (its index, not Python)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import JSONB  # only on PostgreSQL

        return cast(labels, JSONB).contains([word])
    each = func.json_each(labels).table_valued("value")
    return exists(select(literal(1)).select_from(each).where(each.c.value == word))


def _filtered(session: Session, query: Any, filters: EntryFilter, zone: tzinfo = UTC) -> Any:
    if filters.since:
        # "Since Monday" means from midnight on the writer's own clock.
        query = query.where(Entry.created_at >= datetime.combine(filters.since, time(), zone))
    if filters.kind:
        query = query.where(Entry.kind == filters.kind)
    if filters.feeling:
        query = query.where(_holds(session, Entry.feelings, filters.feeling.lower()))
    if filters.tag:
        query = query.where(_holds(session, Entry.tags, filters.tag.lower()))
    return query


# A list that does not show the private readings never reads them from the database.
_WITHOUT_READINGS = tuple(
    defer(column, raiseload=True)
    for column in (Entry.emotions, Entry.family, Entry.safety_level, Entry.safety_kinds)
)
_NEWEST_FIRST = (Entry.created_at, Entry.id)


def _own_entries(
    session: Session, user_id: int, filters: EntryFilter | None, readings: bool
) -> Select[Entry]:
    """The query of the caller's own entries that pass the filters (readings left unloaded
    unless asked for)."""
    query: Select[Entry] = _filtered(
        session,
        select(Entry).where(Entry.owner_id == user_id),
        filters or EntryFilter(),
        zone_of(session, user_id),
    )
    return query if readings else query.options(*_WITHOUT_READINGS)


def entries_page(
    db: Database,
    user_id: int,
    filters: EntryFilter | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
    readings: bool = True,
) -> Page[EntryView]:
    """One page of the caller's own entries, newest first, and the cursor to older ones."""
    with db.transaction() as session:
        query = _own_entries(session, user_id, filters, readings)
        page = keyset_page(session, query, _NEWEST_FIRST, limit=limit, cursor=cursor)
        return Page([EntryView.of(e, user_id, readings=readings) for e in page.items], page.next)


def latest_entries(
    db: Database,
    user_id: int,
    filters: EntryFilter | None = None,
    *,
    count: int | None = None,
    readings: bool = True,
) -> tuple[list[EntryView], bool]:
    """The caller's newest `count` entries (all if None), newest first, and whether more exist."""
    if count is not None and count < 1:
        raise InvalidInput([Problem("limit", "should be 1 or more")])
    with db.transaction() as session:
        query = _own_entries(session, user_id, filters, readings)
        query = query.order_by(*(c.desc() for c in _NEWEST_FIRST))
        if count is not None:
            query = query.limit(count + 1)
        rows = session.scalars(query).all()
        more = count is not None and len(rows) > count
        shown = rows[:count] if count is not None else rows
        return [EntryView.of(e, user_id, readings=readings) for e in shown], more


def list_entries(db: Database, user_id: int, filters: EntryFilter | None = None) -> list[EntryView]:
    """All of the caller's own entries, newest first."""
    return latest_entries(db, user_id, filters)[0]


def _shared_with(session: Session, user_id: int) -> Any | None:
    """The query for what the caller's current partner shared with this couple, or None."""
    couple = current_couple_id(session, user_id)
    if couple is None:
        return None
    return (
        select(Entry)
        .where(
            Entry.owner_id != user_id,
            Entry.visibility == "shared",
            Entry.shared_couple_id == couple,
        )
        .options(*_WITHOUT_READINGS)
    )


def partner_page(
    db: Database, user_id: int, *, limit: int = DEFAULT_LIMIT, cursor: str | None = None,
    since: datetime | None = None,
) -> Page[EntryView]:  # fmt: skip
    """One page of the entries the caller's partner chose to share — nothing else, ever."""
    check_limit(limit)
    with db.transaction() as session:
        query = _shared_with(session, user_id)
        if query is None:
            if cursor is not None:
                decode_cursor(cursor, (datetime, int))  # a bad cursor is named even then
            return Page([], None)
        if since is not None:
            query = query.where(Entry.created_at >= since)
        page = keyset_page(session, query, _NEWEST_FIRST, limit=limit, cursor=cursor)
        return Page([EntryView.of(e, user_id, readings=False) for e in page.items], page.next)


def partner_entries(db: Database, user_id: int) -> list[EntryView]:
    """All the entries the caller's partner chose to share — nothing else, ever."""
    with db.transaction() as session:
        query = _shared_with(session, user_id)
        if query is None:
            return []
        rows: Sequence[Entry] = session.scalars(
            query.order_by(*(c.desc() for c in _NEWEST_FIRST))
        ).all()
        return [EntryView.of(e, user_id, readings=False) for e in rows]
