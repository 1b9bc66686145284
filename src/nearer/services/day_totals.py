"""Each person's day totals (nearer.domain.day_totals): kept, read and rebuilt only here.

- Kept: every write, change or deletion of a journal entry calls `record` in its own transaction,
  which takes the entry's old part away from its local day and adds the new part.
- Keyed by the person's local day in their time zone (users.time_zone, UTC when unset). The zone
  the totals were built in is stored; when the person's zone is no longer that one, or nothing
  was built yet (a database from before day totals), the next read rebuilds them from the entries.
- Locking: `record` and `rebuild` first lock the person's zone row, so two writers for the same
  person never lose each other's sums (PostgreSQL: SELECT … FOR UPDATE; SQLite: one writer).
- A person's totals are theirs alone: every function takes the owner's id and nothing here is
  ever read for anyone else. Deleting the account deletes them (foreign keys cascade).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from copy import deepcopy
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import Text, cast, delete, insert, select
from sqlalchemy.orm import Session

from nearer.domain.day_totals import DayTotals, add_up, entry_family, of_entry
from nearer.domain.rhythm import zone
from nearer.storage.db import Database
from nearer.storage.models import DayTotal, DayTotalsZone, Entry, User


@dataclass(frozen=True)
class EntryFacts:
    """What an entry contributes to its day, copied so a later change cannot alter it."""

    kind: str
    created_at: datetime
    intensity: int | None
    feelings: tuple[str, ...]
    tags: tuple[str, ...]
    family: str | None


def facts_of(entry: Entry) -> EntryFacts:
    return EntryFacts(
        entry.kind,
        entry.created_at,
        entry.intensity,
        tuple(entry.feelings or ()),
        tuple(entry.tags or ()),
        entry.family,
    )


def _part(facts: EntryFacts, where: tzinfo) -> tuple[date, DayTotals] | None:
    if facts.kind != "journal":
        return None  # reflections and other kinds are not part of "My patterns"
    return of_entry(
        facts.created_at.astimezone(where),
        facts.intensity,
        facts.feelings,
        facts.tags,
        entry_family(facts.feelings, facts.family),
    )


def _zone_name(session: Session, user_id: int) -> str:
    return session.scalar(select(User.time_zone).where(User.id == user_id)) or "UTC"


def _insert_ignoring_conflict(session: Session, table: Any, values: dict[str, Any]) -> None:
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(pg_insert(table).values(**values).on_conflict_do_nothing())
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        session.execute(sqlite_insert(table).values(**values).on_conflict_do_nothing())


def _locked_zone(session: Session, user_id: int) -> DayTotalsZone | None:
    return session.scalar(
        select(DayTotalsZone)
        .where(DayTotalsZone.user_id == user_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def _store(session: Session, user_id: int, day: date, totals: DayTotals, row: Any) -> None:
    if totals.empty:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = DayTotal(user_id=user_id, day=day)
        session.add(row)
    row.entries, row.words, row.totals = totals.entries, dict(totals.words), totals.to_json()


def record(
    session: Session,
    user_id: int,
    changes: Iterable[tuple[EntryFacts | None, EntryFacts | None]],
) -> None:
    """Entries of `user_id` went from `before` to `after` (None: not there); call after flush."""
    pending = [(b, a) for b, a in changes if b != a]
    if not pending:
        return
    state = _locked_zone(session, user_id)
    if state is None:
        return  # never built: the first read builds the totals from the entries as they are
    where = zone(state.zone)
    delta: dict[date, DayTotals] = {}
    for before, after in pending:
        for sign, facts in ((-1, before), (1, after)):
            part = _part(facts, where) if facts is not None else None
            if part is not None:
                delta.setdefault(part[0], DayTotals()).add(part[1], sign)
    if not delta:
        return
    rows = {
        row.day: row
        for row in session.scalars(
            select(DayTotal).where(DayTotal.user_id == user_id, DayTotal.day.in_(list(delta)))
        )
    }
    for day, change in delta.items():
        row = rows.get(day)
        totals = DayTotals()
        if row is not None:  # copies: the row's own dicts must not change before it is written
            totals = DayTotals.from_json(row.entries, deepcopy(row.words), deepcopy(row.totals))
        totals.add(change)
        _store(session, user_id, day, totals, row)


def count_entries(session: Session, user_id: int, where: tzinfo) -> dict[date, DayTotals]:
    """Day totals counted afresh from the person's entries, in the zone `where`."""
    # Whole rows: a reading (family) is sealed with the text and opens only as the row loads.
    entries = session.scalars(
        select(Entry).where(Entry.owner_id == user_id, Entry.kind == "journal")
    )
    parts = (_part(facts_of(e), where) for e in entries)
    return add_up(p for p in parts if p is not None)


def rebuild(session: Session, user_id: int) -> int:
    """Count the person's day totals afresh in their current zone; returns the days kept."""
    name = _zone_name(session, user_id)
    _insert_ignoring_conflict(session, DayTotalsZone, {"user_id": user_id, "zone": name})
    state = _locked_zone(session, user_id)
    assert state is not None
    state.zone = name
    session.execute(delete(DayTotal).where(DayTotal.user_id == user_id))
    days = count_entries(session, user_id, zone(name))
    if days:
        session.execute(
            insert(DayTotal),
            [
                {
                    "user_id": user_id,
                    "day": day,
                    "entries": totals.entries,
                    "words": dict(totals.words),
                    "totals": totals.to_json(),
                }
                for day, totals in days.items()
            ],
        )
    session.flush()
    return len(days)


def rebuild_everyone(db: Database) -> tuple[int, int]:
    """Rebuild every person's day totals, one person per transaction: (people, days)."""
    with db.transaction() as session:
        ids = list(session.scalars(select(User.id).order_by(User.id)))
    days = 0
    for user_id in ids:
        with db.transaction() as session:
            days += rebuild(session, user_id)
    return len(ids), days


@dataclass(frozen=True)
class Read:
    """Day totals from some day on, and the words chosen on any day before it."""

    days: dict[date, DayTotals]
    words_before: frozenset[str]


def _parsed(texts: Iterable[str]) -> list[Any]:
    # Thousands of small JSON objects: one parse of them all is many times faster than one each.
    return list(json.loads("[" + ",".join(texts) + "]"))


def read(session: Session, user_id: int, where: tzinfo, *, since: date, until: date) -> Read:
    """The person's day totals from `since` to `until` in the zone `where`, and every word they
    chose before `since` (all that vocabulary needs from further back)."""
    name, wanted = _zone_name(session, user_id), str(where)
    if wanted != name:
        # Asked in a zone other than the person's own: count afresh, store nothing.
        counted = count_entries(session, user_id, where)
        earlier = [t.words for d, t in counted.items() if d < since]
        days = {d: t for d, t in counted.items() if since <= d <= until}
        return Read(days, frozenset().union(*earlier))
    state = session.get(DayTotalsZone, user_id)
    if state is None or state.zone != name:
        rebuild(session, user_id)
    earlier = _parsed(
        session.scalars(
            select(cast(DayTotal.words, Text)).where(
                DayTotal.user_id == user_id, DayTotal.day < since
            )
        )
    )
    rows = session.execute(
        select(
            DayTotal.day, DayTotal.entries, cast(DayTotal.words, Text), cast(DayTotal.totals, Text)
        )
        .where(DayTotal.user_id == user_id, DayTotal.day >= since, DayTotal.day <= until)
        .order_by(DayTotal.day)
    ).all()
    parsed = _parsed(f"[{words},{totals}]" for _, _, words, totals in rows)
    days = {
        day: DayTotals.from_json(entries, words, totals)
        for (day, entries, _, _), (words, totals) in zip(rows, parsed, strict=True)
    }
    return Read(days, frozenset().union(*earlier))


def stored(session: Session, user_id: int) -> dict[date, DayTotals]:
    """Every stored day of the person, as kept (for checks against a fresh count)."""
    return {
        row.day: DayTotals.from_json(row.entries, row.words, row.totals)
        for row in session.scalars(
            select(DayTotal).where(DayTotal.user_id == user_id).order_by(DayTotal.day)
        )
    }
