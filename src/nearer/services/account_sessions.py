"""A person's own sessions: where they are logged in, and ending any of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import delete, select

from nearer.domain.errors import NotFound
from nearer.domain.paging import DEFAULT_LIMIT, Page
from nearer.services.accounts import _digest, end_sessions
from nearer.services.paging import keyset_page
from nearer.storage.db import Database
from nearer.storage.models import AuthSession, utcnow


@dataclass(frozen=True)
class SessionInfo:
    id: str
    device: str
    created_at: datetime
    last_seen_at: datetime
    current: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "device": self.device,
            "created_at": self.created_at.isoformat(),
            "last_seen_at": self.last_seen_at.isoformat(),
            "current": self.current,
        }


def list_sessions(
    db: Database, user_id: int, current_token: str | None, zone: tzinfo
) -> list[SessionInfo]:
    """Live sessions, most recently seen first, with times in the person's own zone."""
    mine = _digest(current_token) if current_token else None
    with db.transaction() as session:
        rows = session.scalars(
            select(AuthSession)
            .where(AuthSession.user_id == user_id, AuthSession.expires_at > utcnow())
            .order_by(AuthSession.last_seen_at.desc(), AuthSession.created_at.desc())
        ).all()
        return [_info(row, zone, mine) for row in rows]


def sessions_page(
    db: Database,
    user_id: int,
    current_token: str | None,
    zone: tzinfo,
    *,
    limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
) -> Page[SessionInfo]:
    """One page of the person's live sessions, most recently seen first (then by id), and the
    cursor to the rest. A session used while the pages are walked moves to the front, so it
    may be missed further on; the first page is always current."""
    mine = _digest(current_token) if current_token else None
    with db.transaction() as session:
        query = select(AuthSession).where(
            AuthSession.user_id == user_id, AuthSession.expires_at > utcnow()
        )
        keys = (AuthSession.last_seen_at, AuthSession.public_id)
        page = keyset_page(session, query, keys, limit=limit, cursor=cursor)
        return Page([_info(row, zone, mine) for row in page.items], page.next)


def _info(row: AuthSession, zone: tzinfo, mine: str | None) -> SessionInfo:
    return SessionInfo(
        row.public_id,
        row.device or "Unknown device",
        row.created_at.astimezone(zone),
        row.last_seen_at.astimezone(zone),
        row.token_hash == mine,
    )


def end_session(db: Database, user_id: int, session_id: str) -> None:
    """End one of your own sessions; someone else's is "No such session"."""
    with db.transaction() as session:
        result = session.execute(
            delete(AuthSession).where(
                AuthSession.user_id == user_id, AuthSession.public_id == session_id[:22]
            )
        )
        if not getattr(result, "rowcount", 0):
            raise NotFound("session")


def end_other_sessions(db: Database, user_id: int, current_token: str | None) -> int:
    """Log out everywhere else; how many sessions ended."""
    with db.transaction() as session:
        return end_sessions(session, user_id, current_token)
