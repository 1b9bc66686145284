"""Linking two people with an invite code, and unlinking them again."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from nearer.domain.errors import Conflict, InvalidInput, NotFound, Problem
from nearer.services.access import lock_couple, partner_id, require_user
from nearer.services.profile import name_of
from nearer.services.vault import end_couple_key, end_grant_key, make_couple_key
from nearer.storage.db import Database
from nearer.storage.models import (
    Bid,
    CheckIn,
    Consent,
    Couple,
    CoupleMember,
    Entry,
    GuideReflection,
    Invite,
    QuestionAnswer,
    StepPick,
    SupportGrant,
    User,
    utcnow,
)

INVITE_DAYS = 7
ALREADY_LINKED = "You are already linked with a partner."
_ATTEMPTS = 3
_RETRYABLE = frozenset({"40P01", "40001"})  # PostgreSQL: deadlock detected, serialization failure
_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no look-alikes (0/O, 1/I/L, U/V)


@dataclass(frozen=True)
class CoupleStatus:
    """Whether you are linked, and the partner's name as they chose to be seen: their display
    name, else their email's first part. Never their whole email: a display name is what the
    partner sees instead of it (README, "Welcome and names")."""

    linked: bool
    partner_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"linked": self.linked, "partner_name": self.partner_name}


def _new_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(code: Any) -> str:
    if not isinstance(code, str):
        raise InvalidInput([Problem("code", "must be text")])
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    if len(raw) != 8:
        raise InvalidInput([Problem("code", "should look like ABCD-EFGH")])
    return f"{raw[:4]}-{raw[4:]}"


def status(db: Database, user_id: int) -> CoupleStatus:
    with db.transaction() as session:
        other = partner_id(session, user_id)
        if other is None:
            return CoupleStatus(False)
        partner = require_user(session, other)
        return CoupleStatus(True, name_of(partner))


def create_invite(db: Database, user_id: int) -> str:
    with db.transaction() as session:
        if partner_id(session, user_id) is not None:
            raise Conflict(ALREADY_LINKED)
        code = _new_code()
        session.add(
            Invite(code=code, inviter_id=user_id, expires_at=utcnow() + timedelta(days=INVITE_DAYS))
        )
        return code


def _lock_people(session: Session, people: list[int]) -> None:
    """Hold both accounts, one row at a time in id order, so two people joining each other's
    invite at the same moment queue up instead of deadlocking. (One UPDATE … IN (a, b) locks rows
    in whatever order the scan meets them, which PostgreSQL does not promise to be id order.)
    A no-op UPDATE takes the row lock on PostgreSQL and the write lock on SQLite."""
    for person in sorted(set(people)):
        session.execute(
            update(User)
            .where(User.id == person)
            .values(is_local=User.is_local)
            .execution_options(synchronize_session=False)
        )


def _refuse_if_linked(session: Session, user_id: int, inviter_id: int | None = None) -> None:
    if session.get(CoupleMember, user_id) is not None:
        raise Conflict(ALREADY_LINKED)
    if inviter_id is not None and session.get(CoupleMember, inviter_id) is not None:
        raise Conflict("One of you is already linked with someone.")


def join(db: Database, user_id: int, code: Any) -> CoupleStatus:
    wanted = normalise_code(code)
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            _join_once(db, user_id, wanted)
            break
        except IntegrityError:
            raise Conflict("One of you is already linked with someone.") from None
        except OperationalError as error:
            # The locks above make a deadlock unexpected; should the database still pick this
            # transaction as a victim, it was rolled back whole and is safe to run again.
            if getattr(error.orig, "sqlstate", None) not in _RETRYABLE or attempt == _ATTEMPTS:
                raise
    return status(db, user_id)


def _join_once(db: Database, user_id: int, wanted: str) -> None:
    with db.transaction() as session:
        invite = session.get(Invite, wanted)
        if invite is None or invite.expires_at <= utcnow():
            # Read after the invite: if the other person's join used it up, their couple (made
            # in the same commit) is visible now, and this person is told they are linked.
            _refuse_if_linked(session, user_id)
            raise NotFound("invite code (it may have expired or been used)")
        if invite.inviter_id == user_id:
            raise Conflict("That is your own invite; share it with your partner.")
        _lock_people(session, [user_id, invite.inviter_id])
        # Checked under the locks, and before the invite: when two people join each other's
        # invite at once, the one who waited finds the couple made and is told so (409).
        _refuse_if_linked(session, user_id, invite.inviter_id)
        if session.scalar(select(Invite.code).where(Invite.code == wanted)) is None:
            raise NotFound("invite code (it may have expired or been used)")
        couple = Couple()
        session.add(couple)
        session.flush()
        session.add_all(
            [
                CoupleMember(user_id=user_id, couple_id=couple.id),
                CoupleMember(user_id=invite.inviter_id, couple_id=couple.id),
            ]
        )
        session.flush()
        make_couple_key(session, couple.id)  # wrapped for both; what they share is sealed in it
        session.execute(delete(Invite).where(Invite.inviter_id.in_([user_id, invite.inviter_id])))


def end_couple_in(session: Session, user_id: int) -> None:
    """End the caller's couple, if any; each keeps their own entries, access to the other's ends.

    The couple row stays, marked ended, so its id is never given to another couple; what was
    shared in it is bound to that id and so can never reach a later partner.
    """
    # Both accounts first, in id order as `join` does: two partners unlinking at once would
    # otherwise each hold their own membership row and wait for the other's (a deadlock).
    partner = partner_id(session, user_id)
    _lock_people(session, [user_id] if partner is None else [user_id, partner])
    couple_id = lock_couple(session, user_id)
    if couple_id is None:
        return
    # Sharing with a partner is sharing with that partner only: it ends with the couple.
    for table in (Entry, Bid, StepPick):
        session.execute(
            update(table)
            .where(table.shared_couple_id == couple_id)
            .values(visibility="private", shared_couple_id=None, shared_copy=None)
            .execution_options(synchronize_session=False)
        )
    for kept in (GuideReflection, CheckIn, QuestionAnswer):  # the partner's sealed copies go
        session.execute(
            update(kept)
            .where(kept.couple_id == couple_id)
            .values(shared_copy=None)
            .execution_options(synchronize_session=False)
        )
    end_couple_key(session, couple_id)
    session.execute(delete(Consent).where(Consent.couple_id == couple_id))
    # What either shared with a professional while in this couple ends with it too.
    for link_id in session.scalars(
        select(SupportGrant.link_id).where(SupportGrant.couple_id == couple_id).distinct()
    ).all():
        end_grant_key(session, link_id)  # those grants end, and their keys with them
    session.execute(delete(SupportGrant).where(SupportGrant.couple_id == couple_id))
    session.execute(delete(CoupleMember).where(CoupleMember.couple_id == couple_id))
    session.execute(
        update(Couple)
        .where(Couple.id == couple_id)
        .values(ended_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def unlink(db: Database, user_id: int) -> None:
    with db.transaction() as session:
        if session.scalar(select(CoupleMember).where(CoupleMember.user_id == user_id)) is None:
            raise NotFound("couple")
        end_couple_in(session, user_id)
