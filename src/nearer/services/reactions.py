"""Responding to a shared entry: a bid turned toward, seen only by the two people in the couple.

The thread under an entry is open only while the entry is shared and its author and the reader
are both still in the couple it was shared in. Anyone else — a former partner, a stranger, a
professional — gets "No such entry", exactly as for the entry itself. A response belongs to that
couple: after an unlink neither side sees the other's responses again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nearer.analysis.safety import SafetyResult
from nearer.domain.errors import Conflict, NotFound
from nearer.domain.field_checks import is_row_id
from nearer.domain.paging import DEFAULT_LIMIT, Page, check_limit, decode_cursor
from nearer.domain.reactions import kinds, make_reaction, words_of
from nearer.services.access import current_couple_id, lock_couple, readable_entry
from nearer.services.paging import keyset_page
from nearer.services.text_checks import check_safety
from nearer.storage.db import Database
from nearer.storage.models import Entry, EntryReaction


@dataclass(frozen=True)
class ReactionView:
    id: int
    entry_id: int
    kind: str | None
    words: str | None  # the reaction as shown ("Thank you for sharing")
    reply: str | None
    mine: bool
    created_at: datetime

    @classmethod
    def of(cls, row: EntryReaction, reader: int) -> ReactionView:
        return cls(row.id, row.entry_id, row.kind, words_of(row.kind), row.reply,
                   row.author_id == reader, row.created_at)  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "created_at": self.created_at.isoformat()}


@dataclass(frozen=True)
class Reacted:
    """A saved reaction and, for its author only, what the safety check noticed in the reply."""

    reaction: ReactionView
    safety: SafetyResult


def _open_couple(session: Session, reader: int, entry: Entry) -> int | None:
    """The couple whose thread the reader may see on this entry, or None (no thread)."""
    couple = entry.shared_couple_id
    if entry.visibility != "shared" or couple is None:
        return None
    if current_couple_id(session, reader) != couple:
        return None
    if current_couple_id(session, entry.owner_id) != couple:
        return None
    return couple


_NEWEST_FIRST = (EntryReaction.created_at, EntryReaction.id)


def _page(
    session: Session, reader: int, entry: Entry, limit: int, cursor: str | None
) -> tuple[Page[ReactionView], bool]:
    """A page of the thread the reader may see on this entry, newest first, and whether the
    thread is open (a closed one is an empty last page)."""
    check_limit(limit)
    couple = _open_couple(session, reader, entry)
    if couple is None:
        if cursor is not None:
            decode_cursor(cursor, (datetime, int))  # a broken cursor is refused either way
        return Page([], None), False
    query = select(EntryReaction).where(
        EntryReaction.entry_id == entry.id, EntryReaction.couple_id == couple
    )
    page = keyset_page(session, query, _NEWEST_FIRST, limit=limit, cursor=cursor)
    return Page([ReactionView.of(r, reader) for r in page.items], page.next), True


def reactions_page(
    db: Database,
    user_id: int,
    entry_id: int,
    *,
    limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
) -> Page[ReactionView]:
    """One page of the thread under an entry the caller may read, newest first, and the cursor
    to older responses; empty while the entry is not shared between the two of them."""
    with db.transaction() as session:
        entry = readable_entry(session, user_id, entry_id)
        return _page(session, user_id, entry, limit, cursor)[0]


def react(db: Database, user_id: int, entry_id: int, kind: Any, reply: Any) -> Reacted:
    """Add a reaction and/or a short reply under a shared entry."""
    with db.transaction() as session:
        entry = readable_entry(session, user_id, entry_id)
        draft = make_reaction(kind, reply, own_entry=entry.owner_id == user_id)
        lock_couple(session, user_id)  # an unlink either finishes first or waits for this
        couple = _open_couple(session, user_id, entry)
        if couple is None:
            raise Conflict("Only an entry shared between the two of you can be answered.")
        row = EntryReaction(
            entry_id=entry.id, author_id=user_id, couple_id=couple, kind=draft.kind,
            reply=draft.reply,
        )  # fmt: skip
        session.add(row)
        session.flush()
        view = ReactionView.of(row, user_id)
    safety = check_safety(draft.reply) if draft.reply else SafetyResult("none", ())
    return Reacted(view, safety)


def delete_reaction(db: Database, user_id: int, entry_id: int, reaction_id: int) -> None:
    """Its author removes a reaction, always: also once the entry is no longer theirs to read
    (unshared, or the couple has ended), since what they wrote stays theirs to take back. For
    anyone else it does not exist, and nothing about the entry is read or told."""
    with db.transaction() as session:
        row = session.get(EntryReaction, reaction_id) if is_row_id(reaction_id) else None
        if row is None or row.entry_id != entry_id or row.author_id != user_id:
            raise NotFound("reaction")
        session.delete(row)


def page_context(
    db: Database, user_id: int, entry: Any, cursor: str | None = None
) -> dict[str, Any]:
    """What the entry page needs for the thread: the newest responses (or those before
    `cursor`) in the order they were written, the cursor to older ones, and whether it is open."""
    with db.transaction() as session:
        row = readable_entry(session, user_id, entry.id)
        page, thread_open = _page(session, user_id, row, DEFAULT_LIMIT, cursor)
    return {
        "responses": page.items[::-1],  # read top to bottom, as a conversation
        "older_responses": page.next,
        "responses_paged": bool(cursor),
        "thread_open": thread_open,
        "reaction_kinds": kinds(),
    }
