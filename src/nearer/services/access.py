"""Who may see what: the single place that answers 'is this person my partner?'.

Everything one partner shares is bound to the couple it was shared in (a couple id is never
reused). A reader sees a shared thing only while both are in that very couple, so nothing
shared with one partner can ever reach a later one, whatever the timing of an unlink.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session, aliased

from nearer.domain.errors import NotFound
from nearer.domain.fields import is_row_id
from nearer.storage.models import CoupleMember, Entry, User


def partner_id(session: Session, user_id: int) -> int | None:
    """The id of the person linked with `user_id`, or None."""
    mine = aliased(CoupleMember)
    theirs = aliased(CoupleMember)
    return session.scalar(
        select(theirs.user_id)
        .join(mine, mine.couple_id == theirs.couple_id)
        .where(mine.user_id == user_id, theirs.user_id != user_id)
    )


def current_couple_id(session: Session, user_id: int) -> int | None:
    """The couple the person is in now, or None (a read; use `lock_couple` before sharing)."""
    return session.scalar(select(CoupleMember.couple_id).where(CoupleMember.user_id == user_id))


def lock_couple(session: Session, user_id: int) -> int | None:
    """The person's couple, held against a concurrent unlink until this transaction ends.

    A no-op UPDATE takes the row lock on PostgreSQL and the write lock on SQLite, so an unlink
    either finishes first (and this sees no couple) or waits until the share is committed.
    """
    session.execute(
        update(CoupleMember)
        .where(CoupleMember.user_id == user_id)
        .values(couple_id=CoupleMember.couple_id)
        .execution_options(synchronize_session=False)
    )
    return current_couple_id(session, user_id)


def shared_in(session: Session, reader_id: int, owner_id: int, couple_id: int | None) -> bool:
    """True when `owner_id` shared something in `couple_id` and the reader is their partner in it."""
    if couple_id is None or reader_id == owner_id:
        return False
    return (
        current_couple_id(session, reader_id) == couple_id
        and current_couple_id(session, owner_id) == couple_id
    )


def require_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id) if is_row_id(user_id) else None
    if user is None:
        raise NotFound("account")
    return user


def own_entry(session: Session, user_id: int, entry_id: int) -> Entry:
    """An entry the caller wrote; anything else is 'not found'."""
    entry = session.get(Entry, entry_id) if is_row_id(entry_id) else None
    if entry is None or entry.owner_id != user_id:
        raise NotFound("entry")
    return entry


def readable_entry(session: Session, user_id: int, entry_id: int) -> Entry:
    """An entry the caller wrote, or one their current partner chose to share."""
    entry = session.get(Entry, entry_id) if is_row_id(entry_id) else None
    if entry is None:
        raise NotFound("entry")
    if entry.owner_id == user_id:
        return entry
    if entry.visibility == "shared" and shared_in(
        session, user_id, entry.owner_id, entry.shared_couple_id
    ):
        return entry
    raise NotFound("entry")
