"""What the exercises, check-ins, guides and instruments keep."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nearer.storage.entry_text import WrittenText
from nearer.storage.tables import people  # noqa: F401 - the tables its foreign keys name
from nearer.storage.tables.base import Base, UTCDateTime, utcnow


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


class CoachTally(Base):
    """Opt-in: one mark per coached draft that showed contempt or stonewalling. Never any text."""

    __tablename__ = "coach_tally"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


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
