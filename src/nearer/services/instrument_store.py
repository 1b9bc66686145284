"""Added questionnaires: who may see each one, and a cache so none is parsed per request.

A questionnaire someone added is visible to them and to their current partner; one an admin
published is visible to everyone. Anyone else gets "not found", exactly as for an id that does
not exist. The validated definition is stored as JSON when a questionnaire is saved, and each
process keeps the rebuilt instruments in a small cache keyed by (id, created_at): a row is never
changed in place, so that key names one definition for all time. A list request reads two short
columns per visible row and touches no YAML and, once warm, no JSON.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session

from nearer.domain.instruments import (
    Instrument,
    InstrumentError,
    instrument_from_dict,
    load_instrument,
)
from nearer.services.access import partner_id
from nearer.storage.db import Database
from nearer.storage.models import CustomInstrument

CACHE_SIZE = 256  # instruments per database kept rebuilt in memory

Key = tuple[str, datetime]
_caches: weakref.WeakKeyDictionary[Database, OrderedDict[Key, Instrument]] = (
    weakref.WeakKeyDictionary()
)
_lock = threading.Lock()


def visible_to(session: Session, viewer: int | None) -> ColumnElement[bool]:
    """Rows `viewer` may see: published ones, their own, and their current partner's."""
    if viewer is None:
        return CustomInstrument.published.is_(True)
    owners = [viewer]
    partner = partner_id(session, viewer)
    if partner is not None:
        owners.append(partner)
    return or_(CustomInstrument.published.is_(True), CustomInstrument.added_by.in_(owners))


def _cached(db: Database, key: Key) -> Instrument | None:
    with _lock:
        cache = _caches.get(db)
        if cache is None or key not in cache:
            return None
        cache.move_to_end(key)
        return cache[key]


def _remember(db: Database, key: Key, instrument: Instrument) -> None:
    with _lock:
        cache = _caches.setdefault(db, OrderedDict())
        cache[key] = instrument
        cache.move_to_end(key)
        while len(cache) > CACHE_SIZE:
            cache.popitem(last=False)


def cache_size(db: Database) -> int:
    with _lock:
        return len(_caches.get(db, ()))


def _rebuild(session: Session, row_id: str, parsed: Any, definition: str) -> Instrument | None:
    """The instrument from its stored JSON; a row saved before JSON was kept is parsed once."""
    name = f"{row_id}.yaml"
    if isinstance(parsed, dict):
        try:
            return instrument_from_dict(parsed, name)
        except (KeyError, TypeError, ValueError):
            pass  # a damaged JSON copy: fall back to the YAML it was made from
    try:
        instrument = load_instrument(definition, name=name)
    except InstrumentError:
        return None  # checked when added; a stricter loader must not break every list
    session.execute(
        update(CustomInstrument)
        .where(CustomInstrument.id == row_id)
        .values(parsed=instrument.to_dict())
        .execution_options(synchronize_session=False)
    )
    return instrument


def _load(db: Database, session: Session, keys: Sequence[Key]) -> list[Instrument]:
    found: dict[Key, Instrument] = {}
    missing = []
    for key in keys:
        hit = _cached(db, key)
        if hit is None:
            missing.append(key)
        else:
            found[key] = hit
    if missing:
        rows = session.execute(
            select(
                CustomInstrument.id,
                CustomInstrument.created_at,
                CustomInstrument.parsed,
                CustomInstrument.definition,
            ).where(CustomInstrument.id.in_([key[0] for key in missing]))
        ).all()
        for row_id, created_at, parsed, definition in rows:
            instrument = _rebuild(session, row_id, parsed, definition)
            if instrument is not None:
                found[(row_id, created_at)] = instrument
                _remember(db, (row_id, created_at), instrument)
    return [found[key] for key in keys if key in found]


def visible(db: Database, viewer: int | None) -> list[Instrument]:
    """Every added questionnaire `viewer` may see, in the order they were added."""
    with db.transaction() as session:
        keys = session.execute(
            select(CustomInstrument.id, CustomInstrument.created_at)
            .where(visible_to(session, viewer))
            .order_by(CustomInstrument.created_at, CustomInstrument.id)
        ).all()
        return _load(db, session, [(row_id, at) for row_id, at in keys])


def find(db: Database, viewer: int | None, instrument_id: str) -> Instrument | None:
    """One added questionnaire `viewer` may see, or None (missing and hidden alike)."""
    if len(instrument_id) > 64:
        return None
    with db.transaction() as session:
        key = session.execute(
            select(CustomInstrument.id, CustomInstrument.created_at).where(
                CustomInstrument.id == instrument_id, visible_to(session, viewer)
            )
        ).first()
        if key is None:
            return None
        loaded = _load(db, session, [(key[0], key[1])])
        return loaded[0] if loaded else None
