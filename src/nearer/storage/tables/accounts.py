"""What signing in keeps: invitations, sessions, attempt counters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from nearer.storage.tables import people  # noqa: F401 - the tables its foreign keys name
from nearer.storage.tables.base import Base, UTCDateTime, utcnow


class Invite(Base):
    __tablename__ = "invites"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    inviter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AuthSession(Base):
    """A login; only the SHA-256 of the token is kept, so a leaked table logs nobody in."""

    __tablename__ = "auth_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    # What the person sees and revokes a session by; it grants nothing on its own.
    public_id: Mapped[str] = mapped_column(String(22), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    device: Mapped[str] = mapped_column(String(64), default="")
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # The optional app lock of this login (this device): a PIN asked again after idle minutes.
    lock_pin_hash: Mapped[str | None] = mapped_column(String(255))
    lock_minutes: Mapped[int | None] = mapped_column(Integer)
    active_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    locked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    lock_misses: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The person's data key sealed under a key stretched from the session token, which only
    # the browser holds: the table alone opens nothing.
    sealed_key: Mapped[str | None] = mapped_column(Text)


class ThrottleBucket(Base):
    """One attempt counter per bucket (e.g. account+address) and fixed window.

    The key is a SHA-256, so the table never holds the emails or addresses that were tried.
    """

    __tablename__ = "throttle_buckets"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    hits: Mapped[int] = mapped_column(Integer)
