"""The account-less local profile the command line writes to: does it exist yet, and which is it.

Kept apart from the accounts module (sign-up, login, sessions), which a command that only writes
to the local journal never needs to import.
"""

from __future__ import annotations

from sqlalchemy import select

from nearer.storage.db import Database
from nearer.storage.models import User


def local_profile_exists(db: Database) -> bool:
    with db.transaction() as session:
        return session.scalar(select(User.id).where(User.is_local.is_(True)).limit(1)) is not None


def local_profile(db: Database) -> int:
    """The account-less profile the command line writes to, created on first use."""
    with db.transaction() as session:
        found = session.scalar(select(User.id).where(User.is_local.is_(True)).order_by(User.id))
        if found is not None:
            return found
        user = User(is_local=True)
        session.add(user)
        session.flush()
        return user.id
