"""Housekeeping: delete expired sessions and attempt counters nobody needs any more."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete

from nearer.services.account_throttle import forget_before
from nearer.settings import Settings
from nearer.storage.db import Database
from nearer.storage.models import AuthSession, utcnow


@dataclass(frozen=True)
class Swept:
    sessions: int
    counters: int


def sweep(db: Database, settings: Settings, now: datetime | None = None) -> Swept:
    """Remove sessions past their expiry and counters whose window has long passed."""
    now = now or utcnow()
    longest = max(settings.login_window_minutes, settings.signup_window_minutes)
    with db.transaction() as session:
        ended = session.execute(delete(AuthSession).where(AuthSession.expires_at <= now))
        counters = forget_before(session, now - timedelta(minutes=longest))
        return Swept(int(getattr(ended, "rowcount", 0) or 0), counters)
