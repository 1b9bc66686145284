"""Import and reanalyze read texts in chunks through the shared batched analysis.

The reading itself is replaced by a counting fake here (the real one is tested in
tests/analysis); what is checked is how the work is cut up, reported and written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy import event, select

from nearer.analysis.safety import SafetyResult
from nearer.domain.journal import make_draft
from nearer.services import accounts, journal, portability, self_awareness
from nearer.services.text_checks import TextReading
from nearer.storage.db import Database
from nearer.storage.models import Entry


class FakeReader:
    """read_many stand-in: records each chunk; a text holding 'alarm' reads as a concern."""

    def __init__(self, fail_on_call: int | None = None) -> None:
        self.chunks: list[list[str]] = []
        self.fail_on_call = fail_on_call

    def __call__(self, texts: Sequence[str], *, emotions: bool = True) -> list[TextReading]:
        self.chunks.append(list(texts))
        if self.fail_on_call == len(self.chunks):
            raise RuntimeError("the model broke")
        return [TextReading(SafetyResult("concern", ("self_harm",)) if "alarm" in t
                            else SafetyResult(), [{"family": "joy", "word": None,
                                                  "score": 0.5, "evidence": []}], "joy")
                for t in texts]


@pytest.fixture(autouse=True)
def no_encoding_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """The next chunk is started ahead as plain texts here: no encoder runs behind the fake."""
    for module in (portability, self_awareness):
        monkeypatch.setattr(module, "start_reading", lambda texts, **_: list(texts))


def _document(db: Database, me: int, count: int) -> dict[str, Any]:
    for i in range(count):
        text = f"entry number {i}" + (" alarm" if i == 5 else "")
        journal.add_entry(db, me, make_draft(text, [], None, [], "private"))
    return portability.export_data(db, me)


def test_import_reads_new_entries_in_chunks_and_reports_progress(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    me = accounts.local_profile(sqlite_db)
    document = _document(sqlite_db, me, 7)
    them = accounts.sign_up(sqlite_db, "chunks@example.org", "lantern-harbour-quietly-92").id
    reader = FakeReader()
    monkeypatch.setattr(portability, "read_many", reader)
    monkeypatch.setattr(portability, "READ_CHUNK", 3)
    seen: list[tuple[int, int]] = []
    report = portability.import_data(sqlite_db, them, document,
                                     progress=lambda done, total: seen.append((done, total)))
    assert [len(c) for c in reader.chunks] == [3, 3, 1]
    assert seen == [(0, 7), (3, 7), (6, 7), (7, 7)]
    assert report.added == 7 and report.safety.level == "concern"
    with sqlite_db.transaction() as session:
        # Whole rows, so the sealed readings are opened as they load (a bare column is sealed).
        families = [e.family for e in session.scalars(select(Entry).where(Entry.owner_id == them))]
    assert families == ["joy"] * 7
    # The file back into its author's profile: every entry is already there, so none is read.
    reader.chunks.clear()
    again = portability.import_data(sqlite_db, me, document)
    assert again.added == 0 and again.already_here == 7 and reader.chunks == []


def test_import_checks_duplicate_uids_with_in_queries_never_loading_every_uid(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    me = accounts.local_profile(sqlite_db)
    document = _document(sqlite_db, me, 5)
    monkeypatch.setattr(portability, "read_many", FakeReader())
    monkeypatch.setattr(portability, "UID_CHUNK", 2)
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(sqlite_db.engine, "before_cursor_execute", record)
    try:
        portability.import_data(sqlite_db, me, document)
    finally:
        event.remove(sqlite_db.engine, "before_cursor_execute", record)
    uid_reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")
                 and "entries.uid" in s]
    assert uid_reads and all(" IN (" in s for s in uid_reads)
    assert len(uid_reads) == 2 * 3  # 5 uids in chunks of 2, checked before reading and when writing


def test_import_that_fails_midway_writes_nothing(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    me = accounts.local_profile(sqlite_db)
    document = _document(sqlite_db, me, 6)
    for item in document["entries"]:
        item["uid"] = item["uid"][:-4] + "ffff"  # new uids: all six are new entries
    monkeypatch.setattr(portability, "read_many", FakeReader(fail_on_call=2))
    monkeypatch.setattr(portability, "READ_CHUNK", 3)
    with pytest.raises(RuntimeError):
        portability.import_data(sqlite_db, me, document)
    with sqlite_db.transaction() as session:
        assert len(session.scalars(select(Entry.id)).all()) == 6  # only the originals


def test_reanalyze_reads_in_batches_and_saves_each_batch(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    me = accounts.local_profile(sqlite_db)
    _document(sqlite_db, me, 7)
    reader = FakeReader()
    monkeypatch.setattr(self_awareness, "read_many", reader)
    seen: list[tuple[int, int]] = []
    count = self_awareness.reanalyze(sqlite_db, me, batch_size=3,
                                     progress=lambda done, total: seen.append((done, total)))
    assert count == 7 and [len(c) for c in reader.chunks] == [3, 3, 1]
    assert seen == [(0, 7), (3, 7), (6, 7), (7, 7)]
    with sqlite_db.transaction() as session:
        rows = session.execute(select(Entry.text, Entry.family, Entry.safety_level)).all()
    assert {r.family for r in rows} == {"joy"}
    assert [r.text for r in rows if r.safety_level == "concern"] == ["entry number 5 alarm"]


def test_reanalyze_keeps_the_reading_of_an_entry_edited_meanwhile(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    me = accounts.local_profile(sqlite_db)
    _document(sqlite_db, me, 2)
    with sqlite_db.transaction() as session:
        first = session.scalars(select(Entry.id).order_by(Entry.id)).first()

    def edit_then_read(texts: Sequence[str], *, emotions: bool = True) -> list[TextReading]:
        with sqlite_db.transaction() as session:
            entry = session.get(Entry, first)
            assert entry is not None
            entry.text, entry.family = "edited while reading", "sadness"
        return FakeReader()(texts)

    monkeypatch.setattr(self_awareness, "read_many", edit_then_read)
    self_awareness.reanalyze(sqlite_db, me)
    with sqlite_db.transaction() as session:
        families = {r.text: r.family for r in session.execute(select(Entry.text, Entry.family))}
    assert families == {"edited while reading": "sadness", "entry number 1": "joy"}
