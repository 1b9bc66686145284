"""The people and couples every command touches: accounts, pairings, couple keys, settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nearer.storage.tables.base import Base, UTCDateTime, utcnow


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    # May publish questionnaires to everyone; the first account on a host, or `nearer admin grant`.
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    country: Mapped[str | None] = mapped_column(String(32))
    last_prompt_id: Mapped[str | None] = mapped_column(String(64))
    # IANA name (e.g. "Europe/Paris"): "today" is the person's own local day.
    time_zone: Mapped[str | None] = mapped_column(String(64))
    checkin_time: Mapped[str | None] = mapped_column(String(5))  # "HH:MM", local
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # SHA-256 of the one-time recovery code; the code itself is shown once and never stored.
    recovery_hash: Mapped[str | None] = mapped_column(String(64))
    # Encryption at rest (see SECURITY.md): the data key, only ever wrapped. Under a key derived
    # from the password (argon2id with `key_kdf`, salt `key_salt`) and under one derived from the
    # recovery code; an X25519 pair lets others wrap keys for this person (couple, grants).
    key_kdf: Mapped[str | None] = mapped_column(String(64))
    key_salt: Mapped[str | None] = mapped_column(String(64))
    key_by_password: Mapped[str | None] = mapped_column(Text)
    recovery_salt: Mapped[str | None] = mapped_column(String(64))
    key_by_recovery: Mapped[str | None] = mapped_column(Text)
    public_key: Mapped[str | None] = mapped_column(String(64))
    private_key: Mapped[str | None] = mapped_column(Text)  # sealed under the data key
    # What the partner sees instead of the email; None means "use the email".
    display_name: Mapped[str | None] = mapped_column(String(40))
    onboarded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # "Leave quickly" also logs this person out (a beacon), unless they choose otherwise.
    exit_logs_out: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class Couple(Base):
    """A pairing. Ended, never deleted: its id names it for all time, so what was shared in it
    can never be confused with a later couple."""

    __tablename__ = "couples"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    members: Mapped[list[CoupleMember]] = relationship(
        back_populates="couple", cascade="all, delete-orphan"
    )


class CoupleMember(Base):
    """One row per linked person: the primary key makes 'one couple at a time' a database rule."""

    __tablename__ = "couple_members"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    couple_id: Mapped[int] = mapped_column(ForeignKey("couples.id", ondelete="CASCADE"), index=True)
    couple: Mapped[Couple] = relationship(back_populates="members")


class CoupleKey(Base):
    """The couple key, wrapped for one partner: under their data key ('data') or, until they
    next come by, for their public key ('public'). Deleted when the couple ends."""

    __tablename__ = "couple_keys"
    couple_id: Mapped[int] = mapped_column(
        ForeignKey("couples.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    wrapped: Mapped[str] = mapped_column(Text)
    how: Mapped[str] = mapped_column(String(8))


class AppSetting(Base):
    __tablename__ = "app_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
