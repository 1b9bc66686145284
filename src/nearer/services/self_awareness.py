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
from dataclasses import dataclass
from datetime import UTC, date, timedelta, tzinfo
from typing import Any

from sqlalchemy import select

from nearer.domain.feelings import Nudge, judgement_nudge
from nearer.domain.granularity import WINDOW_WEEKS, WeekPoint, trend_from_days
from nearer.domain.patterns import Patterns, summarise_days
from nearer.services import day_totals
from nearer.services.text_checks import check_safety
from nearer.storage.db import Database
from nearer.storage.models import Entry, User, utcnow

REANALYZE_BATCH = 32
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


def _entry_ids(db: Database, user_id: int | None) -> list[int]:
    with db.transaction() as session:
        query = select(Entry.id).order_by(Entry.id)
        if user_id is not None:
            query = query.where(Entry.owner_id == user_id)
        return list(session.scalars(query).all())


def _reread_batch(db: Database, ids: Sequence[int]) -> None:
    from nearer.analysis.emotions import detect_many, dominant

    with db.transaction() as session:
        entries = session.scalars(select(Entry).where(Entry.id.in_(ids))).all()
        found = detect_many([e.text for e in entries])
        changes: dict[int, list[tuple[day_totals.EntryFacts, day_totals.EntryFacts]]] = {}
        for entry, emotions in zip(entries, found, strict=True):
            before = day_totals.facts_of(entry)
            safety = check_safety(entry.text)
            entry.safety_level = safety.level
            entry.safety_kinds = list(safety.kinds)
            entry.emotions = [e.to_dict() for e in emotions]
            entry.family = dominant(emotions)
            changes.setdefault(entry.owner_id, []).append((before, day_totals.facts_of(entry)))
        session.flush()
        for owner, changed in changes.items():
            day_totals.record(session, owner, changed)  # a new reading can change a family


def reanalyze(
    db: Database,
    user_id: int | None,
    *,
    batch_size: int = REANALYZE_BATCH,
    progress: Progress | None = None,
) -> int:
    """Recompute emotions and safety for `user_id`'s entries (every entry when None).

    Each batch is its own transaction, so an interruption keeps the batches already done and
    memory stays flat however many entries there are. Returns how many entries were re-read.
    """
    ids = _entry_ids(db, user_id)
    done = 0
    if progress:
        progress(0, len(ids))
    for start in range(0, len(ids), max(1, batch_size)):
        batch = ids[start : start + batch_size]
        _reread_batch(db, batch)
        done += len(batch)
        if progress:
            progress(done, len(ids))
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
