"""Batch work reads its next chunk ahead (encoding started before the current chunk's rules run);
what it saves is exactly what reading each text on its own gives."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select

from nearer.analysis import row_cache
from nearer.analysis.emotions import detect, dominant
from nearer.analysis.safety import semantic
from nearer.cli.emotions import stream_jsonl
from nearer.domain.journal import make_draft
from nearer.services import accounts, journal, portability, self_awareness
from nearer.services.text_checks import read_many, read_text, start_reading
from nearer.storage.db import Database
from nearer.storage.models import Entry

TEXTS = [
    "We walked to the park after work. It felt like old times for a moment.",
    "I am not angry, just tired of being the one who asks.",
    "He grabbed my phone again and checked my messages. I am scared of him.",
    "Dinner was quiet; I did not know what to say.",
    "I can't do this anymore, I want to disappear.",
    "She laughed at my story for once and I felt close to her again!",
    "ok",
]


def _alone(text: str) -> tuple[str, list[str], object, str | None]:
    semantic.clear_cache()
    row_cache.clear()
    reading = read_text(text)
    return reading.safety.level, list(reading.safety.kinds), reading.emotions, reading.family


@pytest.fixture
def alone() -> dict[str, tuple[str, list[str], object, str | None]]:
    return {text: _alone(text) for text in TEXTS}


def test_started_docs_read_the_same_as_plain_texts(alone: dict[str, tuple[object, ...]]) -> None:
    semantic.clear_cache()
    row_cache.clear()
    docs = start_reading(TEXTS)
    following = start_reading(list(reversed(TEXTS)))  # a second chunk in flight meanwhile
    for text, reading in zip(TEXTS, read_many(docs), strict=True):
        assert (reading.safety.level, list(reading.safety.kinds), reading.emotions,
                reading.family) == alone[text]
    assert [r.family for r in read_many(following)] == [alone[t][3] for t in reversed(TEXTS)]


def test_reanalyze_and_import_ahead_save_what_one_by_one_reading_gives(
    sqlite_db: Database, alone: dict[str, tuple[object, ...]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(portability, "READ_CHUNK", 3)
    me = accounts.local_profile(sqlite_db)
    for text in TEXTS:
        journal.add_entry(sqlite_db, me, make_draft(text, [], None, [], "private"))
    document = portability.export_data(sqlite_db, me)
    with sqlite_db.transaction() as session:
        for entry in session.scalars(select(Entry)):
            entry.family, entry.emotions, entry.safety_level = None, None, "urgent"
    semantic.clear_cache()
    row_cache.clear()
    assert self_awareness.reanalyze(sqlite_db, me, batch_size=3) == len(TEXTS)
    them = accounts.sign_up(sqlite_db, "ahead@example.org", "lantern-harbour-quietly-92").id
    semantic.clear_cache()
    row_cache.clear()
    portability.import_data(sqlite_db, them, document)
    for owner in (me, them):
        with sqlite_db.transaction() as session:
            saved = {e.text: (e.safety_level, list(e.safety_kinds), e.emotions, e.family)
                     for e in session.scalars(select(Entry).where(Entry.owner_id == owner))}
        assert saved == alone


def test_emotions_jsonl_read_ahead_gives_each_line_its_own_reading() -> None:
    lines = [json.dumps({"id": i, "text": t}).encode() + b"\n" for i, t in enumerate(TEXTS)]
    for ahead in (True, False):
        out = io.StringIO()
        assert stream_jsonl(iter(lines), out, batch_size=3, ahead=ahead) == len(TEXTS)
        results = [json.loads(line) for line in out.getvalue().splitlines()]
        assert [r["id"] for r in results] == list(range(len(TEXTS)))
        for text, result in zip(TEXTS, results, strict=True):
            found = detect(text)
            assert result["family"] == dominant(found)
            assert result["emotions"] == [e.to_dict() for e in found]
