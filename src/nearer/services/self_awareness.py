"""Self-awareness use cases: re-reading entries for emotions, judgement nudges, my own patterns.

Patterns are built from the caller's OWN journal entries only (kind "journal"); a partner's
entries, shared or not, never count. Entries without an intensity rating count everywhere a
rating is not needed (families, tags, words, vocabulary) and are left out where one is
(weekly mean intensity, heavy hours and weekdays, differentiation of same-valence feelings),
rather than being given an invented rating. An entry's family is the family of the first wheel
word the person chose; the reading of the text decides only when they chose none, because a
person's own word for their feeling outranks any guess about it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import func, select, update

from nearer.domain.feelings import Nudge, family_of, judgement_nudge
from nearer.domain.granularity import WeekPoint, granularity_trend
from nearer.domain.granularity import _message as week_message
from nearer.domain.patterns import EntryFacts, Patterns, summarise
from nearer.services.text_checks import TextReading, read_many
from nearer.storage.db import Database
from nearer.storage.models import Entry, utcnow

REANALYZE_BATCH = 64  # texts analysed together: two full encoder batches
MAX_WEEKS = 104
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class MyPatterns:
    """A person's own patterns over the last `weeks` weeks, and their granularity trend."""

    weeks: int
    timezone: str
    entry_count: int
    patterns: Patterns
    trend: tuple[WeekPoint, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "weeks": self.weeks,
            "timezone": self.timezone,
            "entry_count": self.entry_count,
            **self.patterns.to_dict(),
            "granularity": [
                {
                    **p.__dict__,
                    "week_start": p.week_start.isoformat(),
                    "new_words": list(p.new_words),
                }
                for p in self.trend
            ],
        }


def nudges_for(feelings: Sequence[str]) -> list[Nudge]:
    """The gentle "feeling or judgement?" nudges for the judgement words among `feelings`."""
    found = (judgement_nudge(word) for word in feelings)
    return [nudge for nudge in found if nudge is not None]


def zone_named(name: str | None) -> tzinfo:
    """The IANA time zone `name` (e.g. "Europe/London"); UTC when not given."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from nearer.domain.errors import InvalidInput, Problem

    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            [Problem("tz", "is not a known time zone, e.g. Europe/London")]
        ) from None


# --- re-reading stored entries -------------------------------------------------------------


def _count(db: Database, user_id: int | None) -> int:
    with db.transaction() as session:
        query = select(func.count(Entry.id))
        if user_id is not None:
            query = query.where(Entry.owner_id == user_id)
        return int(session.scalar(query) or 0)


def _next_batch(db: Database, user_id: int | None, after: int, size: int
                ) -> list[tuple[int, str]]:
    """(id, text) of the next `size` entries after id `after`: only the columns read."""
    with db.transaction() as session:
        query = select(Entry.id, Entry.text).where(Entry.id > after)
        if user_id is not None:
            query = query.where(Entry.owner_id == user_id)
        rows = session.execute(query.order_by(Entry.id).limit(size)).all()
        return [(int(row[0]), str(row[1])) for row in rows]


def _save_readings(db: Database, rows: Sequence[tuple[int, str]],
                   readings: Sequence[TextReading]) -> None:
    with db.transaction() as session:
        for (entry_id, text), reading in zip(rows, readings, strict=True):
            # An entry edited meanwhile (the server may be running) keeps its newer reading.
            session.execute(
                update(Entry)
                .where(Entry.id == entry_id, Entry.text == text)
                .values(safety_level=reading.safety.level,
                        safety_kinds=list(reading.safety.kinds),
                        emotions=reading.emotions, family=reading.family)
                .execution_options(synchronize_session=False)
            )


def reanalyze(
    db: Database,
    user_id: int | None,
    *,
    batch_size: int = REANALYZE_BATCH,
    progress: Progress | None = None,
) -> int:
    """Recompute emotions and safety for `user_id`'s entries (every entry when None).

    Entries are read `batch_size` at a time, in id order (never all at once); each batch's texts
    go through the shared batched analysis together (one encoder pass) while no transaction is
    open, and each batch is saved in its own transaction, so an interruption keeps the batches
    already done and memory stays flat however many entries there are. Returns how many
    entries were re-read.
    """
    total = _count(db, user_id)
    done = after = 0
    if progress:
        progress(0, total)
    while True:
        rows = _next_batch(db, user_id, after, max(1, batch_size))
        if not rows:
            return done
        _save_readings(db, rows, read_many([text for _, text in rows]))
        after = rows[-1][0]
        done += len(rows)
        if progress:
            progress(done, max(total, done))


# --- my patterns -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    created_at: datetime
    intensity: int | None
    feelings: tuple[str, ...]
    tags: tuple[str, ...]
    family: str | None


def _own_rows(db: Database, user_id: int, zone: tzinfo) -> list[_Row]:
    with db.transaction() as session:
        entries = session.scalars(
            select(Entry)
            .where(Entry.owner_id == user_id, Entry.kind == "journal")
            .order_by(Entry.created_at)
        ).all()
        return [
            _Row(
                # Hours and weekdays mean something only in the person's own clock.
                e.created_at.astimezone(zone),
                e.intensity,
                tuple(e.feelings),
                tuple(e.tags),
                None if any(family_of(w) for w in e.feelings) else e.family,
            )
            for e in entries
        ]


def _facts(rows: Sequence[_Row]) -> list[EntryFacts]:
    # The placeholder 0 is never read: rating-based aggregates use the rated entries only.
    return [EntryFacts(r.created_at, r.intensity or 0, r.feelings, r.tags, r.family) for r in rows]


def _rated(rows: Sequence[_Row]) -> list[EntryFacts]:
    return _facts([r for r in rows if r.intensity is not None])


def _merge_patterns(everything: Patterns, rated: Patterns) -> Patterns:
    by_week = dict(zip(rated.weeks, rated.intensity_by_week, strict=True))
    summaries = dict(everything.summaries)
    for key in ("intensity", "hours", "weekdays"):
        summaries[key] = rated.summaries[key]
    return replace(
        everything,
        intensity_by_week=tuple(by_week.get(w) for w in everything.weeks),
        heavy_hours=rated.heavy_hours,
        heavy_weekdays=rated.heavy_weekdays,
        summaries=summaries,
    )


def _merge_trend(words: Sequence[WeekPoint], ratings: Sequence[WeekPoint]) -> list[WeekPoint]:
    merged = []
    for vocabulary, rated in zip(words, ratings, strict=True):
        point = replace(
            vocabulary,
            negative=rated.negative,
            positive=rated.positive,
            granularity=rated.granularity,
        )
        message = week_message(point.distinct_words, point.new_words, point.granularity)
        merged.append(replace(point, message=message))
    return merged


def my_patterns(
    db: Database,
    user_id: int,
    weeks: int = 8,
    *,
    today: date | None = None,
    zone: tzinfo | None = None,
) -> MyPatterns:
    """The caller's own patterns over the last `weeks` weeks (ending with `today`'s week)."""
    from nearer.domain.errors import InvalidInput, Problem

    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput([Problem("weeks", f"must be from 1 to {MAX_WEEKS}")])
    zone = zone or UTC
    rows = _own_rows(db, user_id, zone)
    today = today or utcnow().astimezone(zone).date()
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    recent = [r for r in rows if first <= r.created_at.date() <= today]
    patterns = _merge_patterns(summarise(_facts(recent)), summarise(_rated(recent)))
    # Vocabulary counts every earlier entry as "words you already knew", so the trend sees all.
    known = [r for r in rows if r.created_at.date() <= today]
    trend = _merge_trend(
        granularity_trend(_facts(known), weeks, today=today),
        granularity_trend(_rated(known), weeks, today=today),
    )
    return MyPatterns(weeks, str(zone), len(recent), patterns, tuple(trend))
