"""SQLAlchemy tables: people, couples, sessions, entries and what later steps store."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from nearer.storage.entry_text import WrittenText

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC, returns aware UTC, so SQLite and PostgreSQL round-trip alike."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stored: datetime = value
        return stored.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


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


class ThrottleBucket(Base):
    """One attempt counter per bucket (e.g. account+address) and fixed window.

    The key is a SHA-256, so the table never holds the emails or addresses that were tried.
    """

    __tablename__ = "throttle_buckets"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    hits: Mapped[int] = mapped_column(Integer)


class Entry(Base):
    __tablename__ = "entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="journal")
    prompt_id: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(WrittenText)
    feelings: Mapped[list[str]] = mapped_column(JSON, default=list)
    intensity: Mapped[int | None] = mapped_column(Integer)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    visibility: Mapped[str] = mapped_column(String(16), default="private")
    # The couple a shared entry was shared with; only that couple's partner may read it.
    shared_couple_id: Mapped[int | None] = mapped_column(
        ForeignKey("couples.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    emotions: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    family: Mapped[str | None] = mapped_column(Text)
    safety_level: Mapped[str] = mapped_column(Text, default="none")
    safety_kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    shared_copy: Mapped[str | None] = mapped_column(Text)  # the partner's sealed copy
    # {link id: sealed copy} for each professional the owner granted, under that grant's key.
    grant_copies: Mapped[dict[str, str] | None] = mapped_column(JSON)
    # Lists read a person's (or a couple's shared) entries newest first, a page at a time.
    __table_args__ = (
        Index("ix_entries_owner_newest", "owner_id", "created_at", "id"),
        Index("ix_entries_shared_newest", "shared_couple_id", "created_at", "id"),
    )


class AppSetting(Base):
    __tablename__ = "app_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SafetyScreen(Base):
    __tablename__ = "safety_screens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    positive: Mapped[bool] = mapped_column(Boolean)
    answers: Mapped[dict[str, str]] = mapped_column(JSON)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class InstrumentResponse(Base):
    __tablename__ = "instrument_responses"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    instrument_id: Mapped[str] = mapped_column(String(64), index=True)
    instrument_version: Mapped[str] = mapped_column(String(32))
    about: Mapped[str] = mapped_column(String(16), default="self")
    answers: Mapped[dict[str, int]] = mapped_column(JSON)
    scores: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The couple the person was in when answering; only that couple's perception gap uses it.
    couple_id: Mapped[int | None] = mapped_column(
        ForeignKey("couples.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CustomInstrument(Base):
    """An added questionnaire: seen by its owner and their partner, or by everyone if published.

    `definition` is the YAML as given; `parsed` is the validated instrument (`to_dict()`), written
    when it is saved so that no request ever parses YAML again. Rows are never changed in place.
    """

    __tablename__ = "custom_instruments"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    added_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    definition: Mapped[str] = mapped_column(Text)
    parsed: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    published: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Consent(Base):
    """A person's own, revocable yes to one kind of sharing (e.g. 'perception_gap')."""

    __tablename__ = "consents"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    scope: Mapped[str] = mapped_column(String(64), primary_key=True)
    couple_id: Mapped[int | None] = mapped_column(
        ForeignKey("couples.id", ondelete="SET NULL"), index=True
    )
    given_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class GuideRead(Base):
    __tablename__ = "guide_reads"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    guide_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    first_read_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class GuideReflection(Base):
    __tablename__ = "guide_reflections"
    __table_args__ = (UniqueConstraint("author_id", "guide_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    guide_id: Mapped[str] = mapped_column(String(64), index=True)
    # The couple the note was written for; a later partner never sees it.
    couple_id: Mapped[int | None] = mapped_column(
        ForeignKey("couples.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(WrittenText)
    safety_level: Mapped[str] = mapped_column(Text, default="none")
    safety_kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    uid: Mapped[str | None] = mapped_column(String(36), unique=True)
    shared_copy: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


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


class CoachTally(Base):
    """Opt-in: one mark per coached draft that showed contempt or stonewalling. Never any text."""

    __tablename__ = "coach_tally"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class SupportSetting(Base):
    """A person's own choices on the Support page (today: whether to keep the coach tally)."""

    __tablename__ = "support_settings"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    coach_tally: Mapped[bool] = mapped_column(Boolean, default=False)


# --- the daily rhythm: check-ins, bids, small steps, breaks, closeness questions ---------------


class CheckIn(Base):
    """One person's check-in for one local day; `couple_id` is the couple they were in then."""

    __tablename__ = "checkins"
    __table_args__ = (UniqueConstraint("user_id", "day"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    closeness: Mapped[int] = mapped_column(Integer)
    mood: Mapped[str] = mapped_column(String(64))
    note_kind: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    couple_id: Mapped[int | None] = mapped_column(
        ForeignKey("couples.id", ondelete="SET NULL"), index=True
    )
    uid: Mapped[str | None] = mapped_column(String(36), unique=True)
    shared_copy: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Bid(Base):
    """A bid for connection, written from the author's side; private unless shared."""

    __tablename__ = "bids"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    direction: Mapped[str] = mapped_column(String(16))  # made / noticed
    text: Mapped[str] = mapped_column(Text)
    response: Mapped[str] = mapped_column(String(16))  # toward / away / against
    visibility: Mapped[str] = mapped_column(String(16), default="private")
    shared_couple_id: Mapped[int | None] = mapped_column(
        ForeignKey("couples.id", ondelete="SET NULL"), index=True
    )
    uid: Mapped[str | None] = mapped_column(String(36), unique=True)
    shared_copy: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class StepPick(Base):
    """A small step a person chose for one week (from the catalogue or their own words)."""

    __tablename__ = "step_picks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    week: Mapped[date] = mapped_column(Date, index=True)  # the Monday of the local week
    step_id: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(16), default="private")
    shared_couple_id: Mapped[int | None] = mapped_column(
        ForeignKey("couples.id", ondelete="SET NULL"), index=True
    )
    uid: Mapped[str | None] = mapped_column(String(36), unique=True)
    shared_copy: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    days_done: Mapped[list[StepDay]] = relationship(
        back_populates="pick", cascade="all, delete-orphan", order_by="StepDay.day"
    )


class StepDay(Base):
    __tablename__ = "step_days"
    pick_id: Mapped[int] = mapped_column(
        ForeignKey("step_picks.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    pick: Mapped[StepPick] = relationship(back_populates="days_done")


class BreakRequest(Base):
    """'I need a break': the notice goes to the partner of the couple it was asked in."""

    __tablename__ = "breaks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    couple_id: Mapped[int | None] = mapped_column(
        ForeignKey("couples.id", ondelete="SET NULL"), index=True
    )
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    return_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class QuestionAnswer(Base):
    """One person's answer to a closeness question, in the couple they answered it in."""

    __tablename__ = "question_answers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(64), index=True)
    couple_id: Mapped[int | None] = mapped_column(
        ForeignKey("couples.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    uid: Mapped[str | None] = mapped_column(String(36), unique=True)
    shared_copy: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# --- day totals: a person's journal added up per local day, for "My patterns" ---------------


class DayTotal(Base):
    """One person's journal entries of one local day, added up (nearer.domain.day_totals).

    Read and written only by nearer.services.day_totals; no text, only counts and sums.
    """

    __tablename__ = "day_totals"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    entries: Mapped[int] = mapped_column(Integer)
    words: Mapped[dict[str, int]] = mapped_column(JSON)
    totals: Mapped[dict[str, Any]] = mapped_column(JSON)


class DayTotalsZone(Base):
    """The time zone a person's day totals are kept in; no row means they are not built yet."""

    __tablename__ = "day_totals_zones"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    zone: Mapped[str] = mapped_column(String(64))
class EntryReaction(Base):
    """A partner's warm reaction and/or short reply to a shared entry (or its author's reply).

    Bound to the couple the entry was shared in: only while both are in that couple and the entry
    stays shared do the two of them see it; its author may delete it.
    """

    __tablename__ = "entry_reactions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # None: brought back by an import, its couple past; kept for its author, shown to nobody.
    couple_id: Mapped[int | None] = mapped_column(
        ForeignKey("couples.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str | None] = mapped_column(String(16))
    reply: Mapped[str | None] = mapped_column(WrittenText)
    uid: Mapped[str | None] = mapped_column(String(36), unique=True)
    shared_copy: Mapped[str | None] = mapped_column(Text)  # the reply under the couple's key
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class QuestionnaireDraft(Base):
    """Answers given so far, screen by screen, so a reload or a lost connection keeps them.

    The person's own, like their responses; removed once the questionnaire is finished.
    """

    __tablename__ = "questionnaire_drafts"
    __table_args__ = (UniqueConstraint("user_id", "instrument_id", "about"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    instrument_id: Mapped[str] = mapped_column(String(64))
    about: Mapped[str] = mapped_column(String(16))
    answers: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
