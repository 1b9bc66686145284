"""Journal entries, the day totals kept from them, and the replies to shared entries."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nearer.storage.entry_text import WrittenText
from nearer.storage.tables import people  # noqa: F401 - the tables its foreign keys name
from nearer.storage.tables.base import Base, UTCDateTime, utcnow


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
