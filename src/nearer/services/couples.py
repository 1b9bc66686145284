"""Linking two people with an invite code, and unlinking them again."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nearer.domain.errors import Conflict, InvalidInput, NotFound, Problem
from nearer.services.access import partner_id, require_user
from nearer.storage.db import Database
from nearer.storage.models import Consent, Couple, CoupleMember, Invite, utcnow

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


def join(db: Database, user_id: int, code: Any) -> CoupleStatus:
    wanted = normalise_code(code)
    try:
        with db.transaction() as session:
            invite = session.get(Invite, wanted)
            if invite is None or invite.expires_at <= utcnow():
                raise NotFound("invite code (it may have expired)")
            if invite.inviter_id == user_id:
                raise Conflict("That is your own invite; share it with your partner.")
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
    """End the caller's couple, if any; each keeps their own entries, access to the other's ends."""
    member = session.get(CoupleMember, user_id)
    if member is None:
        return
    couple_id = member.couple_id
    people = list(
        session.scalars(select(CoupleMember.user_id).where(CoupleMember.couple_id == couple_id))
    )
    # Consent to share with a partner is consent for that partner only: it ends with the couple.
    session.execute(delete(Consent).where(Consent.user_id.in_(people)))
    session.execute(delete(CoupleMember).where(CoupleMember.couple_id == couple_id))
    session.execute(delete(Couple).where(Couple.id == couple_id))


def unlink(db: Database, user_id: int) -> None:
    with db.transaction() as session:
        if session.scalar(select(CoupleMember).where(CoupleMember.user_id == user_id)) is None:
            raise NotFound("couple")
        end_couple_in(session, user_id)
