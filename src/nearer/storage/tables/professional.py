"""Professionals, the doors people open for them, and what they may read."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nearer.storage.tables import people  # noqa: F401 - the tables its foreign keys name
from nearer.storage.tables.base import Base, UTCDateTime, utcnow


class ProfessionalProfile(Base):
    """A professional account: the role, with the name and practice clients see."""

    __tablename__ = "professional_profiles"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(120))
    practice: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ProfessionalInvite(Base):
    """A one-time code a person makes on their Support page for the professional they choose."""

    __tablename__ = "professional_invites"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ProfessionalLink(Base):
    """One person's door for one professional. Ended, never reused: grants name this row, so a
    grant can never reach a later professional (or the same one invited again later)."""

    __tablename__ = "professional_links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    professional_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SupportGrant(Base):
    """What one person lets one professional see, section by section."""

    __tablename__ = "support_grants"
    link_id: Mapped[int] = mapped_column(
        ForeignKey("professional_links.id", ondelete="CASCADE"), primary_key=True
    )
    section: Mapped[str] = mapped_column(String(32), primary_key=True)
    # The couple the person was in when granting; unlinking that couple ends the grant.
    couple_id: Mapped[int | None] = mapped_column(
        ForeignKey("couples.id", ondelete="SET NULL"), index=True
    )
    entry_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class GrantKey(Base):
    """The key a grant's items are sealed under: wrapped for the person (data key) and for the
    professional (public key). Deleted with the grant, so a revoked grant opens nothing."""

    __tablename__ = "grant_keys"
    link_id: Mapped[int] = mapped_column(
        ForeignKey("professional_links.id", ondelete="CASCADE"), primary_key=True
    )
    for_person: Mapped[str] = mapped_column(Text)
    for_professional: Mapped[str] = mapped_column(Text)


class SupportNote(Base):
    """A short note a professional leaves for the person who granted access."""

    __tablename__ = "support_notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    link_id: Mapped[int] = mapped_column(
        ForeignKey("professional_links.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SupportAudit(Base):
    """Every read by a professional of a person's data: who, what, when. It belongs to the person."""

    __tablename__ = "support_audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    professional_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    professional_name: Mapped[str] = mapped_column(String(120))
    section: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    __table_args__ = (Index("ix_support_audit_person_newest", "person_id", "at", "id"),)


class SupportSetting(Base):
    """A person's own choices on the Support page (today: whether to keep the coach tally)."""

    __tablename__ = "support_settings"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    coach_tally: Mapped[bool] = mapped_column(Boolean, default=False)
