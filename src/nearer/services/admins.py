"""Who administers this Nearer: the first account on the host, and anyone granted since.

An admin may publish a questionnaire to everyone on the host; nothing else depends on it.
The first account claims the role once, through a row whose key is unique, so two sign-ups
racing to be first cannot both become admin, and a later sign-up never does.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from nearer.domain.errors import NotFound
from nearer.storage.db import Database
from nearer.storage.models import AppSetting, User

FIRST_ADMIN = "first_admin"


@dataclass(frozen=True)
class AdminChange:
    email: str
    is_admin: bool
    changed: bool  # False when the account already was (or was not) an admin


def claim_first_admin(session: Session, user: User) -> bool:
    """Make `user` admin if no account has claimed the role yet; True when it did."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    claimed = (
        session.execute(
            insert(AppSetting)
            .values(key=FIRST_ADMIN, value=str(user.id))
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(AppSetting.key)
        ).first()
        is not None
    )
    if claimed:
        user.is_admin = True
    return claimed


def release_first_admin(db: Database, user_ids: tuple[int, ...]) -> None:
    """Undo the first-admin claim if one of `user_ids` (e.g. the public demo accounts) holds it,
    so that the first real account becomes admin instead."""
    with db.transaction() as session:
        claim = session.get(AppSetting, FIRST_ADMIN)
        if claim is None or claim.value not in {str(user_id) for user_id in user_ids}:
            return
        session.delete(claim)
        for user_id in user_ids:
            user = session.get(User, user_id)
            if user is not None:
                user.is_admin = False


def is_admin(db: Database, user_id: int) -> bool:
    with db.transaction() as session:
        return bool(session.scalar(select(User.is_admin).where(User.id == user_id)))


def _by_email(session: Session, email: str) -> User:
    address = email.strip().lower()
    user = session.scalar(select(User).where(func.lower(User.email) == address))
    if user is None or not address:
        raise NotFound("account with that email")
    return user


def set_admin(db: Database, email: str, admin: bool) -> AdminChange:
    """Grant or revoke the admin role of the account with `email`."""
    with db.transaction() as session:
        user = _by_email(session, email)
        changed = user.is_admin != admin
        user.is_admin = admin
        return AdminChange(str(user.email), admin, changed)


def list_admins(db: Database) -> list[str]:
    """The emails of every admin, in the order the accounts were made."""
    with db.transaction() as session:
        found = session.scalars(
            select(User.email).where(User.is_admin.is_(True)).order_by(User.id)
        ).all()
        return [str(email) for email in found if email]
