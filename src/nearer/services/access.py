"""Who may see what: the single place that answers 'is this person my partner?'.

A professional sees a person's data only through that person's own door for them (a
`ProfessionalLink`) and only the sections the person granted on it, while the door is open.

Everything one partner shares is bound to the couple it was shared in (a couple id is never
reused). A reader sees a shared thing only while both are in that very couple, so nothing
shared with one partner can ever reach a later one, whatever the timing of an unlink.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, aliased

from nearer.domain.errors import NotFound
from nearer.domain.field_checks import is_row_id
from nearer.storage import models
from nearer.storage.models import CoupleMember, Entry, User

if TYPE_CHECKING:  # the professional tables are mapped only where a professional is asked about
    from nearer.storage.models import ProfessionalLink, ProfessionalProfile, SupportGrant


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


def _hold(session: Session, column: Any, key: Any, value: int) -> None:
    """Hold the rows where `key` is `value` until the transaction ends: a no-op UPDATE (`column`
    set to itself) takes the row lock on PostgreSQL and the write lock on SQLite."""
    session.execute(
        update(column.class_)
        .where(key == value)
        .values({column.key: column})
        .execution_options(synchronize_session=False)
    )


def lock_couple(session: Session, user_id: int) -> int | None:
    """The person's couple, held against a concurrent unlink until this transaction ends: an
    unlink either finishes first (and this sees no couple) or waits until the share is committed.
    """
    _hold(session, CoupleMember.couple_id, CoupleMember.user_id, user_id)
    return current_couple_id(session, user_id)


def lock_user(session: Session, user_id: int) -> User:
    """The account, its row held until the transaction ends, so two writes that count what the
    person already has (two steps a week, 20 questionnaires) count one after another instead of
    both reading the count before either writes."""
    _hold(session, User.id, User.id, user_id)
    return require_user(session, user_id)


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


# --- professionals ----------------------------------------------------------------------------


def professional_profile(session: Session, user_id: int) -> ProfessionalProfile | None:
    return session.get(models.ProfessionalProfile, user_id)


def require_professional(session: Session, user_id: int) -> ProfessionalProfile:
    profile = professional_profile(session, user_id)
    if profile is None:
        raise NotFound("professional account (set one up on the Professional page first)")
    return profile


def person_link(session: Session, person_id: int, link_id: int) -> ProfessionalLink:
    """One of the person's own doors (open or ended); anyone else's is 'not found'."""
    link = session.get(models.ProfessionalLink, link_id)
    if link is None or link.person_id != person_id:
        raise NotFound("professional")
    return link


def professional_link(session: Session, professional_id: int, link_id: int) -> ProfessionalLink:
    """An open door to a client for this professional; ended or anyone else's is 'not found'."""
    link = session.get(models.ProfessionalLink, link_id)
    if (
        link is None
        or link.professional_id != professional_id
        or link.ended_at is not None
        or professional_profile(session, professional_id) is None
    ):
        raise NotFound("client")
    return link


def grants_of(session: Session, link: ProfessionalLink) -> dict[str, SupportGrant]:
    """The sections a door shows now: none once it has ended."""
    if link.ended_at is not None:
        return {}
    grant = models.SupportGrant
    rows = session.scalars(select(grant).where(grant.link_id == link.id)).all()
    return {row.section: row for row in rows}


def require_grant(
    session: Session, professional_id: int, link_id: int, section: str
) -> tuple[ProfessionalLink, SupportGrant]:
    """The open door and the person's grant of `section` on it, or 'not found'."""
    link = professional_link(session, professional_id, link_id)
    grant = grants_of(session, link).get(section)
    if grant is None:
        raise NotFound("section (not shared with you)")
    return link, grant


def own_entry_ids(session: Session, person_id: int, ids: list[int] | tuple[int, ...]) -> set[int]:
    """Which of `ids` the person wrote: only those may be granted to a professional."""
    if not ids:
        return set()
    return set(
        session.scalars(select(Entry.id).where(Entry.id.in_(ids), Entry.owner_id == person_id))
    )


def granted_entries(session: Session, link: ProfessionalLink, grant: SupportGrant) -> list[Entry]:
    """The entries the person chose for this professional that are still theirs, oldest first.

    Only the person's own entries: a partner's entry never reaches a professional this way.
    """
    wanted = [i for i in grant.entry_ids if isinstance(i, int)]
    if not wanted:
        return []
    rows = session.scalars(
        select(Entry)
        .where(Entry.id.in_(wanted), Entry.owner_id == link.person_id)
        .order_by(Entry.created_at, Entry.id)
    ).all()
    return list(rows)


def couple_links(
    session: Session, professional_id: int, link_id: int, section: str
) -> tuple[ProfessionalLink, ProfessionalLink] | None:
    """Both partners' doors when each granted `section` to this professional, in the couple they
    are both in now; otherwise None. Neither grant carries over to a later partner."""
    link = professional_link(session, professional_id, link_id)
    grant = grants_of(session, link).get(section)
    couple = current_couple_id(session, link.person_id)
    other = partner_id(session, link.person_id)
    if grant is None or couple is None or other is None or grant.couple_id != couple:
        return None
    for theirs in session.scalars(
        select(models.ProfessionalLink).where(
            models.ProfessionalLink.person_id == other,
            models.ProfessionalLink.professional_id == professional_id,
            models.ProfessionalLink.ended_at.is_(None),
        )
    ):
        their_grant = grants_of(session, theirs).get(section)
        if their_grant is not None and their_grant.couple_id == couple:
            return link, theirs
    return None
