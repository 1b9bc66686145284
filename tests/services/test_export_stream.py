"""The streamed export is the same document as the one built in memory, read in chunks."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from nearer.domain.errors import NearerError
from nearer.services import accounts, journal, portability
from nearer.services.export_stream import export_stream
from nearer.storage.db import Database
from nearer.storage.models import Entry


def _person_with_entries(db: Database, count: int) -> int:
    me = accounts.sign_up(db, "ana@example.org", "long-enough-pw").id
    journal.write(db, me, text="Ünïcode “quotes” and a \\ backslash", feelings=["hurt"], tags=["home"])
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with db.transaction() as session:
        for i in range(count):
            at = start + timedelta(hours=i)
            session.add(Entry(uid=str(uuid.uuid4()), owner_id=me, text=f"entry {i}", intensity=i % 11,
                              feelings=["calm"], tags=[], created_at=at, updated_at=at))  # fmt: skip
    other = accounts.sign_up(db, "ben@example.org", "long-enough-pw").id
    journal.write(db, other, text="not ana's")
    return me


@pytest.mark.parametrize("chunk", [1, 7, 500])
def test_the_stream_equals_the_document_in_memory(db: Database, chunk: int) -> None:
    me = _person_with_entries(db, 20)
    pieces = list(export_stream(db, me, chunk=chunk))
    streamed = json.loads("".join(pieces))
    assert streamed == portability.export_data(db, me)
    assert list(streamed) == list(portability.export_data(db, me))  # same keys, same order
    assert len(streamed["entries"]) == 21 and "not ana's" not in "".join(pieces)
    if chunk == 7:
        assert sum(p.startswith('{"uid"') or p.startswith(',{"uid"') for p in pieces) == 3


def test_a_person_with_no_entries_streams_an_empty_list(db: Database) -> None:
    me = accounts.sign_up(db, "ana@example.org", "long-enough-pw").id
    assert json.loads("".join(export_stream(db, me)))["entries"] == []


def test_an_unknown_person_fails_before_anything_is_sent(db: Database) -> None:
    with pytest.raises(NearerError):
        export_stream(db, 999_999)


def _old_download(db: Database, me: int) -> str:
    """What the account page and `nearer export` wrote before they streamed."""
    return json.dumps(portability.export_data(db, me), ensure_ascii=False, indent=2)


@pytest.mark.parametrize("chunk", [1, 7, 500])
def test_the_indented_stream_is_byte_for_byte_the_old_download(db: Database, chunk: int) -> None:
    me = _person_with_entries(db, 20)
    stream = export_stream(db, me, chunk=chunk, indent=2)
    text = "".join(stream)
    assert text == _old_download(db, me)
    assert stream.entries == 21 and len(json.loads(text)["entries"]) == 21


def test_the_indented_stream_of_an_empty_journal_is_the_old_download(db: Database) -> None:
    me = accounts.sign_up(db, "ana@example.org", "long-enough-pw").id
    stream = export_stream(db, me, indent=2)
    assert "".join(stream) == _old_download(db, me) and stream.entries == 0


def test_line_breaks_and_nested_values_in_text_keep_their_place(db: Database) -> None:
    me = accounts.sign_up(db, "ana@example.org", "long-enough-pw").id
    journal.write(db, me, text="first line\nsecond line\n\n  indented {\"a\": [1]}", tags=["x"])
    text = "".join(export_stream(db, me, indent=2))
    assert text == _old_download(db, me)
    assert json.loads(text)["entries"][0]["text"].startswith("first line\nsecond line")
