"""The export as a stream of JSON text: the journal read a chunk at a time, never all at once.

The document is the same as `portability.export_data` gives (same keys, same order, same
values); only the entries, the part that grows, are read in chunks of `CHUNK` by id, each chunk
in its own short transaction, so a slow download never holds the database open.

Two layouts: compact (the API), and `indent=2`, byte for byte what
`json.dumps(export_data(...), ensure_ascii=False, indent=2)` writes (the account page's download
and `nearer export`). JSON text never holds a raw line break inside a value (the encoder writes
them as `\\n`), so a value dumped on its own is nested by indenting each of its lines.
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


class ExportStream:
    """Pieces of the export document, in order, as it is iterated; `entries` counts the
    entries sent so far. Everything but the journal is read when it is made, so an unknown
    person fails before the first byte is sent."""

    def __init__(self, db: Database, user_id: int, *, chunk: int, indent: int | None) -> None:
        self.db, self.user_id, self.chunk, self.indent = db, user_id, chunk, indent
        self.head = export_data(db, user_id, with_entries=False)
        self.entries = 0

    def __iter__(self) -> Iterator[str]:
        return self._indented() if self.indent else self._compact()

    def _rows(self) -> Iterator[list[EntryOut]]:
        """The person's entries, oldest id first, `chunk` rows per read."""
        after = 0
        while True:
            with self.db.transaction() as session:
                # Whole rows: sealed text and readings open only as a row loads (storage/sealing.py).
                rows = session.scalars(
                    select(Entry)
                    .where(Entry.owner_id == self.user_id, Entry.id > after)
                    .order_by(Entry.id)
                    .limit(self.chunk)
                ).all()
                items = _ENTRIES.validate_python(rows, from_attributes=True)
            if not rows:
                return
            after = rows[-1].id
            self.entries += len(items)
            yield items
            if len(rows) < self.chunk:
                return

    def _compact(self) -> Iterator[str]:
        yield "{"
        for n, (key, value) in enumerate(self.head.items()):
            yield ("," if n else "") + json.dumps(key) + ":"
            if key == "entries":
                yield "["
                for i, items in enumerate(self._rows()):
                    body = _ENTRIES.dump_json(items).decode("utf-8")[1:-1]  # without brackets
                    yield body if i == 0 else "," + body
                yield "]"
            else:
                yield json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        yield "}"

    def _indented(self) -> Iterator[str]:
        step = " " * (self.indent or 0)

        def nested(value: Any, level: int) -> str:
            text = json.dumps(value, ensure_ascii=False, indent=self.indent)
            return text.replace("\n", "\n" + step * level)

        yield "{"
        for n, (key, value) in enumerate(self.head.items()):
            yield ("," if n else "") + "\n" + step + json.dumps(key, ensure_ascii=False) + ": "
            if key != "entries":
                yield nested(value, 1)
                continue
            sent = 0
            for items in self._rows():
                yield "".join(
                    ("[" if sent + i == 0 else ",") + "\n" + step * 2 + nested(item, 2)
                    for i, item in enumerate(_ENTRIES.dump_python(items, mode="json"))
                )
                sent += len(items)
            yield "\n" + step + "]" if sent else "[]"
        yield "\n}" if self.head else "}"


def export_stream(
    db: Database, user_id: int, *, chunk: int = CHUNK, indent: int | None = None
) -> ExportStream:
    """The export document as pieces of text: compact, or indented by `indent` spaces."""
    return ExportStream(db, user_id, chunk=chunk, indent=indent)
