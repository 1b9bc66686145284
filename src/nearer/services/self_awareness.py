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
from datetime import UTC, date, timedelta, tzinfo
from typing import Any

from sqlalchemy import func, select

from nearer.domain.feelings import Nudge, judgement_nudge
from nearer.domain.granularity import WINDOW_WEEKS, WeekPoint, trend_from_days
from nearer.domain.patterns import Patterns, summarise_days
from nearer.services import day_totals
from nearer.services.collector import collector_paused
from nearer.services.text_checks import TextReading, read_many, start_reading
from nearer.storage.db import Database
from nearer.storage.models import Entry, User, utcnow

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
    from nearer.domain.field_checks import is_place_zone

    if not name:
        return UTC
    try:
        if not is_place_zone(name):
            raise ValueError(name)
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
                ) -> tuple[int, list[tuple[int, str]]]:
    """The last id looked at, and (id, text) of the next `size` entries after id `after` whose
    text opens with the keys here (text is sealed at rest, so it is opened row by row; an
    entry whose owner's key is not here is left as it is)."""
    from nearer.storage.sealing import can_open

    with db.transaction() as session:
        query = select(Entry).where(Entry.id > after)
        if user_id is not None:
            query = query.where(Entry.owner_id == user_id)
        rows = session.scalars(query.order_by(Entry.id).limit(size)).all()
        last = rows[-1].id if rows else after
        return last, [(e.id, e.text) for e in rows if can_open(e)]


def _save_readings(db: Database, rows: Sequence[tuple[int, str]],
                   readings: Sequence[TextReading]) -> None:
    from nearer.storage.sealing import can_open

    with db.transaction() as session:
        now = {
            e.id: e
            for e in session.scalars(
                select(Entry).where(Entry.id.in_([i for i, _ in rows])).with_for_update()
            )
        }
        changes: dict[int, list[tuple[day_totals.EntryFacts, day_totals.EntryFacts]]] = {}
        for (entry_id, text), reading in zip(rows, readings, strict=True):
            # An entry edited meanwhile (the server may be running) keeps its newer reading.
            entry = now.get(entry_id)
            if entry is None or not can_open(entry) or entry.text != text:
                continue
            before = day_totals.facts_of(entry)  # a new reading can move the day's family
            entry.safety_level = reading.safety.level  # sealed again as it is written
            entry.safety_kinds = list(reading.safety.kinds)
            entry.emotions = reading.emotions
            entry.family = reading.family
            if before.family != reading.family:
                after = replace(before, family=reading.family)
                changes.setdefault(entry.owner_id, []).append((before, after))
        for owner, changed in changes.items():
            day_totals.record(session, owner, changed)


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
    open, the next batch already encoding while this one is read and saved; each batch is saved
    in its own transaction, so an interruption keeps the batches already done and memory stays
    flat however many entries there are. Returns how many
    entries were re-read: only those whose key is in this process's keyring (each person's own,
    once unlocked).
    """
    total = _count(db, user_id)
    done = after = 0
    if progress:
        progress(0, total)
    size = max(1, batch_size)
    last, rows = _next_batch(db, user_id, after, size)
    docs = start_reading([text for _, text in rows])
    while last != after:
        after = last
        # The next batch encodes on the encoder's threads while this one is read and saved.
        last, following = _next_batch(db, user_id, after, size)
        ahead = start_reading([text for _, text in following])
        if rows:
            _save_readings(db, rows, read_many(docs))
        done += len(rows)
        if progress:
            progress(done, max(total, done))
        rows, docs = following, ahead
    return done


# --- my patterns -----------------------------------------------------------------------------


def my_patterns(
    db: Database,
    user_id: int,
    weeks: int = 8,
    *,
    today: date | None = None,
    zone: tzinfo | None = None,
) -> MyPatterns:
    """The caller's own patterns over the last `weeks` weeks (ending with `today`'s week).

    Read from the person's day totals (nearer.services.day_totals), in their own time zone
    unless `zone` names another; vocabulary counts every earlier day as words already known.
    """
    from nearer.domain.errors import InvalidInput, Problem

    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput([Problem("weeks", f"must be from 1 to {MAX_WEEKS}")])
    with collector_paused():  # thousands of short-lived small objects (services/collector.py)
        return _my_patterns(db, user_id, weeks, today, zone)


def _my_patterns(
    db: Database, user_id: int, weeks: int, today: date | None, zone: tzinfo | None
) -> MyPatterns:
    with db.transaction() as session:
        where = zone or zone_named(session.scalar(select(User.time_zone).where(User.id == user_id)))
        today = today or utcnow().astimezone(where).date()
        first = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
        since = first - timedelta(weeks=WINDOW_WEEKS - 1)  # the first point's window
        found = day_totals.read(session, user_id, where, since=since, until=today)
    recent = {d: t for d, t in found.days.items() if d >= first}
    patterns = summarise_days(recent)
    trend = trend_from_days(found.days, weeks, today=today, words_before=found.words_before)
    count = sum(t.entries for t in recent.values())
    return MyPatterns(weeks, str(where), count, patterns, tuple(trend))
