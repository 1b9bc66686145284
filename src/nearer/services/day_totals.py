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
- Sealed at rest: `totals` (families, heavy hours, tags per family and the rating sums) reveals
  what entries were about, so for a person with a data key it is stored as one AES-256-GCM
  envelope under that key, with `day_totals|<user id>|<day>` as associated data (a row copied
  to another day or person does not open). `words` (the wheel words the person chose) stays
  plain, as the entries' own `feelings` do (SECURITY.md). Without keys (a person who never set a
  password or passphrase) the totals stay plain, like their entries.
- When a person with keys has no key here (the command line without a passphrase, `nearer admin
  rebuild-aggregates`), their totals can neither be opened nor counted from their sealed
  entries: they are dropped and marked to be rebuilt at the person's next read (no zone row),
  never written plain and never counted with a family missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from copy import deepcopy
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import Text, bindparam, cast, delete, exists, insert, select
from sqlalchemy.orm import Session

from nearer.domain import crypto
from nearer.domain.day_totals import DayTotals, add_up, entry_family, of_entry
from nearer.domain.errors import Locked
from nearer.domain.rhythm import zone
from nearer.storage import keyring
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


class NoKey(Exception):
    """The person has a data key, but it is not here: their totals can be neither read nor
    counted now (only marked to be rebuilt at their next read)."""


def _has_keys(session: Session, user_id: int) -> bool:
    return bool(session.scalar(select(User.key_by_password).where(User.id == user_id)))


def _key(session: Session, user_id: int) -> bytes | None:
    """The person's data key when it is here; None for a person without keys; NoKey otherwise."""
    key = keyring.current().get(keyring.person(user_id))
    if key is None and _has_keys(session, user_id):
        raise NoKey()
    return key


def _aad(user_id: int, day: date) -> bytes:
    return f"day_totals|{user_id}|{day.isoformat()}".encode()


def _sealed(key: bytes | None, user_id: int, day: date, totals: DayTotals) -> Any:
    """The `totals` column's value: the JSON itself without a key, else one envelope."""
    data = totals.to_json()
    if key is None:
        return data
    text = json.dumps(data, separators=(",", ":"))
    text += " " * (-len(text) % 32)  # a day's size says little about what it holds
    return crypto.seal_text(key, crypto.PERSON, text, _aad(user_id, day))


def _opened(key: bytes | None, user_id: int, day: date, stored: Any) -> dict[str, Any]:
    """The totals of one row as JSON; CannotOpen when sealed and the key does not open it."""
    if not crypto.is_sealed(stored):
        return stored  # type: ignore[no-any-return]
    if key is None:
        raise crypto.CannotOpen("sealed, and the key is not here")
    return json.loads(crypto.open_text(key, stored, _aad(user_id, day)))  # type: ignore[no-any-return]


def _mark_for_rebuild(session: Session, user_id: int) -> None:
    """Drop the person's totals and their zone: the next read counts them afresh."""
    session.execute(delete(DayTotal).where(DayTotal.user_id == user_id))
    session.execute(delete(DayTotalsZone).where(DayTotalsZone.user_id == user_id))
    session.flush()


def _insert_ignoring_conflict(session: Session, table: Any, values: dict[str, Any]) -> None:
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(pg_insert(table).values(**values).on_conflict_do_nothing())
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        session.execute(sqlite_insert(table).values(**values).on_conflict_do_nothing())


_LOCKED_ZONE_NAME = (
    select(DayTotalsZone.zone)
    .where(DayTotalsZone.user_id == bindparam("user_id"))
    .with_for_update()
)


def _locked_zone_name(session: Session, user_id: int) -> str | None:
    """The zone the person's totals were built in (None: never built), its row locked. Only
    the name, by a statement built once and run on the transaction's connection (no ORM
    objects come back, so the ORM's execution path is skipped; the flush stands in for its
    autoflush): every journal write runs this while holding the database's write lock."""
    session.flush()  # nothing to do after the caller's own flush
    return session.connection().scalar(_LOCKED_ZONE_NAME, {"user_id": user_id})


def _locked_zone(session: Session, user_id: int) -> DayTotalsZone | None:
    return session.scalar(
        select(DayTotalsZone)
        .where(DayTotalsZone.user_id == user_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def _store(
    session: Session, key: bytes | None, user_id: int, day: date, totals: DayTotals, row: Any
) -> None:
    if totals.empty:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = DayTotal(user_id=user_id, day=day)
        session.add(row)
    row.entries, row.words = totals.entries, dict(totals.words)
    row.totals = _sealed(key, user_id, day, totals)


def record(
    session: Session,
    user_id: int,
    changes: Iterable[tuple[EntryFacts | None, EntryFacts | None]],
) -> None:
    """Entries of `user_id` went from `before` to `after` (None: not there); call after flush."""
    pending = [(b, a) for b, a in changes if b != a]
    if not pending:
        return
    zone_name = _locked_zone_name(session, user_id)
    if zone_name is None:
        return  # never built: the first read builds the totals from the entries as they are
    try:
        key = _key(session, user_id)
    except NoKey:
        _mark_for_rebuild(session, user_id)  # neither opened nor written plain: rebuilt at read
        return
    where = zone(zone_name)
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
    updated: list[tuple[date, DayTotals, Any]] = []
    for day, change in delta.items():
        row = rows.get(day)
        totals = DayTotals()
        if row is not None:  # copies: the row's own dicts must not change before it is written
            try:
                kept = _opened(key, user_id, day, row.totals)
            except crypto.CannotOpen:
                _mark_for_rebuild(session, user_id)  # a changed envelope: counted afresh at read
                return
            totals = DayTotals.from_json(row.entries, deepcopy(row.words), deepcopy(kept))
        totals.add(change)
        updated.append((day, totals, row))
    for day, totals, row in updated:
        _store(session, key, user_id, day, totals, row)


Grants = list[tuple[int, bytes, frozenset[int] | None]]


def _family(key: bytes | None, grants: Grants, user_id: int, row: Any) -> str | None:
    """An entry's family as read from its text: from its envelope when sealed (the `family`
    column then holds nothing), or for a professional from the copy their grant holds; else the
    plain column. NoKey / Locked when it cannot be opened, so a sealed family is never counted
    as "no family"."""
    uid, text, plain, copies = row
    if not crypto.is_sealed(text):
        return plain  # type: ignore[no-any-return]
    from nearer.storage.sealing import field_aad, grant_aad, spec_for

    spec = spec_for(Entry)
    try:
        if key is not None:
            opened = crypto.open_text(key, text, field_aad(spec, uid, user_id, "row"))
            return json.loads(opened).get("family")  # type: ignore[no-any-return]
        for link, grant_key, _ in grants:
            if str(link) in (copies or {}):
                aad = grant_aad(spec, uid, user_id, link)
                opened = crypto.open_text(grant_key, copies[str(link)], aad)
                return json.loads(opened).get("family")  # type: ignore[no-any-return]
    except (crypto.CannotOpen, ValueError, UnicodeDecodeError):
        raise Locked() from None
    raise NoKey()


def count_entries(session: Session, user_id: int, where: tzinfo) -> dict[date, DayTotals]:
    """Day totals counted afresh from the person's entries, in the zone `where`. Sealed families
    are opened with the person's key, or the grant key of the professional asking. NoKey when
    some entry is sealed and neither is here."""
    ring = keyring.current()
    key = ring.get(keyring.person(user_id))
    grants = ring.grants_of(user_id) if key is None else []
    rows = session.execute(
        select(
            Entry.kind,
            Entry.created_at,
            Entry.intensity,
            Entry.feelings,
            Entry.tags,
            Entry.uid,
            Entry.text,
            Entry.family,
            Entry.grant_copies,
        ).where(Entry.owner_id == user_id, Entry.kind == "journal")
    )
    parts = (
        _part(
            EntryFacts(
                r[0],
                r[1],
                r[2],
                tuple(r[3] or ()),
                tuple(r[4] or ()),
                _family(key, grants, user_id, r[5:]),
            ),
            where,
        )
        for r in rows
    )
    return add_up(p for p in parts if p is not None)


def _counted(session: Session, user_id: int, where: tzinfo, since: date, until: date) -> Read:
    """Counted afresh from the entries, nothing stored."""
    counted = count_entries(session, user_id, where)
    earlier = [t.words for d, t in counted.items() if d < since]
    days = {d: t for d, t in counted.items() if since <= d <= until}
    return Read(days, frozenset().union(*earlier))


def rebuild(session: Session, user_id: int) -> int:
    """Count the person's day totals afresh in their current zone; returns the days kept.
    NoKey (after marking them to be rebuilt at the next read) when the person has keys and
    their key is not here."""
    try:
        key = _key(session, user_id)
    except NoKey:
        _mark_for_rebuild(session, user_id)
        raise
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
                    "totals": _sealed(key, user_id, day, totals),
                }
                for day, totals in days.items()
            ],
        )
    session.flush()
    return len(days)


@dataclass(frozen=True)
class Rebuilt:
    people: int  # counted afresh now
    days: int  # days with entries among them
    at_next_read: int  # people with keys not here: marked to be rebuilt at their next read


def rebuild_everyone(db: Database) -> Rebuilt:
    """Rebuild every person's day totals, one person per transaction. The totals of people with
    keys that are not here are dropped and rebuilt at their next read."""
    with db.transaction() as session:
        ids = list(session.scalars(select(User.id).order_by(User.id)))
    people = days = later = 0
    for user_id in ids:
        try:
            with db.transaction() as session:
                days += rebuild(session, user_id)
                people += 1
        except NoKey:
            with db.transaction() as session:  # the rebuild's own transaction was rolled back
                _mark_for_rebuild(session, user_id)
            later += 1
    return Rebuilt(people, days, later)


@dataclass(frozen=True)
class Read:
    """Day totals from some day on, and the words chosen on any day before it."""

    days: dict[date, DayTotals]
    words_before: frozenset[str]


def _parsed(texts: Iterable[str]) -> list[Any]:
    # Thousands of small JSON objects: one parse of them all is many times faster than one each.
    return list(json.loads("[" + ",".join(texts) + "]"))


def _out_of_step(session: Session, user_id: int, key: bytes | None) -> bool:
    """Some stored row is plain though the key is here (written before the person had keys, or
    while it was away), or sealed though the person has no keys any more (decrypted)."""
    sealed = cast(DayTotal.totals, Text).like(f'"{crypto.PREFIX}%')
    wrong = ~sealed if key is not None else sealed
    return bool(session.scalar(select(exists().where(DayTotal.user_id == user_id, wrong))))


def keep_in_step(session: Session, user_id: int) -> bool:
    """After the person's keys changed (first login since encryption, `nearer encrypt` or
    `decrypt`): rebuild their totals if some are stored the other way; True if rebuilt."""
    try:
        key = _key(session, user_id)
    except NoKey:
        return False
    if session.get(DayTotalsZone, user_id) is None or not _out_of_step(session, user_id, key):
        return False
    rebuild(session, user_id)
    return True


def read(session: Session, user_id: int, where: tzinfo, *, since: date, until: date) -> Read:
    """The person's day totals from `since` to `until` in the zone `where`, and every word they
    chose before `since` (all that vocabulary needs from further back). Locked when the person
    has keys and their key is not here."""
    try:
        return _read(session, user_id, where, since=since, until=until)
    except NoKey:
        raise Locked("Open your journal with its passphrase to see your patterns.") from None


def _read(session: Session, user_id: int, where: tzinfo, *, since: date, until: date) -> Read:
    try:
        key = _key(session, user_id)
    except NoKey:
        if keyring.current().grants_of(user_id):
            # A professional the person granted: their totals are the person's alone, so count
            # afresh from the families the grant's copies hold, and store nothing.
            return _counted(session, user_id, where, since, until)
        raise
    name, wanted = _zone_name(session, user_id), str(where)
    if wanted != name:
        # Asked in a zone other than the person's own: count afresh, store nothing.
        return _counted(session, user_id, where, since, until)
    state = session.get(DayTotalsZone, user_id)
    if state is None or state.zone != name or _out_of_step(session, user_id, key):
        rebuild(session, user_id)
    try:
        return _read_kept(session, user_id, key, since, until)
    except crypto.CannotOpen:
        rebuild(session, user_id)  # an envelope that does not open (changed): count afresh
        try:
            return _read_kept(session, user_id, key, since, until)
        except crypto.CannotOpen:
            raise Locked() from None


def _read_kept(session: Session, user_id: int, key: bytes | None, since: date, until: date) -> Read:
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
    sealed = [
        (totals, _aad(user_id, day))
        for (day, _, _, _), (_, totals) in zip(rows, parsed, strict=True)
        if crypto.is_sealed(totals)
    ]
    if sealed and key is None:
        raise crypto.CannotOpen("sealed, and the key is not here")
    # One cipher for all the days, and one JSON parse of all that it opens.
    opened = iter(_parsed(crypto.open_texts(key, sealed))) if key is not None and sealed else None
    days = {
        day: DayTotals.from_json(
            entries, words, next(opened) if opened and crypto.is_sealed(totals) else totals
        )
        for (day, entries, _, _), (words, totals) in zip(rows, parsed, strict=True)
    }
    return Read(days, frozenset().union(*earlier))


def stored(session: Session, user_id: int) -> dict[date, DayTotals]:
    """Every stored day of the person, as kept and opened (for checks against a fresh count)."""
    key = keyring.current().get(keyring.person(user_id))
    return {
        row.day: DayTotals.from_json(
            row.entries, row.words, _opened(key, user_id, row.day, row.totals)
        )
        for row in session.scalars(
            select(DayTotal).where(DayTotal.user_id == user_id).order_by(DayTotal.day)
        )
    }
