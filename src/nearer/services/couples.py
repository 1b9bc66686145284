"""Linking two people with an invite code, and unlinking them again."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nearer.domain.errors import Conflict, InvalidInput, NotFound, Problem
from nearer.services.access import lock_couple, partner_id, require_user
from nearer.storage.db import Database
from nearer.storage.models import (
    Bid,
    Consent,
    Couple,
    CoupleMember,
    Entry,
    Invite,
    StepPick,
    User,
    utcnow,
)

INVITE_DAYS = 7
_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no look-alikes (0/O, 1/I/L, U/V)


@dataclass(frozen=True)
class CoupleStatus:
    linked: bool
    partner_email: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"linked": self.linked, "partner_email": self.partner_email}


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
            return CoupleStatus(False, None)
        return CoupleStatus(True, require_user(session, other).email)


def create_invite(db: Database, user_id: int) -> str:
    with db.transaction() as session:
        if partner_id(session, user_id) is not None:
            raise Conflict("You are already linked with a partner.")
        code = _new_code()
        session.add(
            Invite(code=code, inviter_id=user_id, expires_at=utcnow() + timedelta(days=INVITE_DAYS))
        )
        return code


def _lock_people(session: Session, people: list[int]) -> None:
    """Hold both accounts, always in id order, so two people joining each other's invite at
    the same moment queue up instead of deadlocking."""
    session.execute(
        update(User)
        .where(User.id.in_(sorted(people)))
        .values(is_local=User.is_local)
        .execution_options(synchronize_session=False)
    )


def join(db: Database, user_id: int, code: Any) -> CoupleStatus:
    wanted = normalise_code(code)
    try:
        with db.transaction() as session:
            invite = session.get(Invite, wanted)
            if invite is None or invite.expires_at <= utcnow():
                raise NotFound("invite code (it may have expired)")
            if invite.inviter_id == user_id:
                raise Conflict("That is your own invite; share it with your partner.")
            _lock_people(session, [user_id, invite.inviter_id])
            if session.scalar(select(Invite.code).where(Invite.code == wanted)) is None:
                raise NotFound("invite code (it may have expired)")
            for person in (user_id, invite.inviter_id):
                if session.get(CoupleMember, person) is not None:
                    raise Conflict("One of you is already linked with someone.")
            couple = Couple()
            session.add(couple)
            session.flush()
            session.add_all(
                [
                    CoupleMember(user_id=user_id, couple_id=couple.id),
                    CoupleMember(user_id=invite.inviter_id, couple_id=couple.id),
                ]
            )
            session.execute(
                delete(Invite).where(Invite.inviter_id.in_([user_id, invite.inviter_id]))
            )
    except IntegrityError:
        raise Conflict("One of you is already linked with someone.") from None
    return status(db, user_id)


def end_couple_in(session: Session, user_id: int) -> None:
    """End the caller's couple, if any; each keeps their own entries, access to the other's ends.

    The couple row stays, marked ended, so its id is never given to another couple; what was
    shared in it is bound to that id and so can never reach a later partner.
    """
    couple_id = lock_couple(session, user_id)
    if couple_id is None:
        return
    # Sharing with a partner is sharing with that partner only: it ends with the couple.
    for table in (Entry, Bid, StepPick):
        session.execute(
            update(table)
            .where(table.shared_couple_id == couple_id)
            .values(visibility="private", shared_couple_id=None)
            .execution_options(synchronize_session=False)
        )
    session.execute(delete(Consent).where(Consent.couple_id == couple_id))
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
