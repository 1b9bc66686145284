"""Who may see what: the single place that answers 'is this person my partner?'."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from nearer.domain.errors import NotFound
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


def require_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("account")
    return user


def own_entry(session: Session, user_id: int, entry_id: int) -> Entry:
    """An entry the caller wrote; anything else is 'not found'."""
    entry = session.get(Entry, entry_id)
    if entry is None or entry.owner_id != user_id:
        raise NotFound("entry")
    return entry


def readable_entry(session: Session, user_id: int, entry_id: int) -> Entry:
    """An entry the caller wrote, or one their current partner chose to share."""
    entry = session.get(Entry, entry_id)
    if entry is None:
        raise NotFound("entry")
    if entry.owner_id == user_id:
        return entry
    if entry.visibility == "shared" and partner_id(session, user_id) == entry.owner_id:
        return entry
    raise NotFound("entry")
