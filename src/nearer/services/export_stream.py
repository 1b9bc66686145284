"""The export as a stream of JSON text: the journal read a chunk at a time, never all at once.

The document is the same as `portability.export_data` gives (same keys, same order, same
values); only the entries, the part that grows, are read in chunks of `CHUNK` by id, each chunk
in its own short transaction, so a slow download never holds the database open.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import select

from nearer.services.portability import EntryOut, export_data
from nearer.storage.db import Database
from nearer.storage.models import Entry

CHUNK = 500
_ENTRIES = TypeAdapter(list[EntryOut])


def export_stream(db: Database, user_id: int, *, chunk: int = CHUNK) -> Iterator[str]:
    """Pieces of the export document, in order. Everything but the journal is read here, so
    an unknown person fails before the first byte is sent."""
    head = export_data(db, user_id, with_entries=False)
    return _pieces(db, user_id, head, chunk)


def _pieces(db: Database, user_id: int, head: dict[str, Any], chunk: int) -> Iterator[str]:
    yield "{"
    for n, (key, value) in enumerate(head.items()):
        yield ("," if n else "") + json.dumps(key) + ":"
        if key == "entries":
            yield from _entries(db, user_id, chunk)
        else:
            yield json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    yield "}"


def _entries(db: Database, user_id: int, chunk: int) -> Iterator[str]:
    """The JSON array of the person's entries, oldest id first, `chunk` rows per read."""
    yield "["
    after, first = 0, True
    while True:
        with db.transaction() as session:
            # Whole rows: sealed text and readings open only as a row loads (storage/sealing.py).
            rows = session.scalars(
                select(Entry)
                .where(Entry.owner_id == user_id, Entry.id > after)
                .order_by(Entry.id)
                .limit(chunk)
            ).all()
            items = _ENTRIES.validate_python(rows, from_attributes=True)
        if not rows:
            break
        after = rows[-1].id
        body = _ENTRIES.dump_json(items).decode("utf-8")[1:-1]  # without the brackets
        yield body if first else "," + body
        first = False
        if len(rows) < chunk:
            break
    yield "]"
