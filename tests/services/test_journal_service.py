"""Journal use cases on both databases: writing, filtering, sharing, and who sees what."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from nearer.domain.errors import InvalidInput, NotFound
from nearer.domain.journal import make_draft
from nearer.services import accounts, couples, journal
from nearer.services.journal import EntryFilter
from nearer.storage.db import Database


def person(db: Database, name: str) -> int:
    return accounts.sign_up(db, f"{name}@example.org", "long-enough-pw").id


def linked(db: Database) -> tuple[int, int]:
    a, b = person(db, "ana"), person(db, "ben")
    couples.join(db, b, couples.create_invite(db, a))
    return a, b


def test_entry_is_saved_normalised_and_private_by_default(db: Database) -> None:
    me = person(db, "ana")
    saved = journal.write(
        db,
        me,
        text="  Quiet dinner  ",
        feelings=["Lonely", "lonely", "hopeful"],
        intensity=6,
        tags=["Work"],
    )
    entry = journal.get_entry(db, me, saved.entry.id)
    assert entry.text == "Quiet dinner"
    assert entry.feelings == ["lonely", "hopeful"]
    assert entry.tags == ["work"]
    assert entry.visibility == "private"
    assert entry.safety == {"level": "none", "kinds": []}


def test_invalid_entry_writes_nothing(db: Database) -> None:
    me = person(db, "ana")
    for bad in (
        {"text": ""},
        {"text": "x" * 20_001},
        {"text": "ok", "intensity": 11},
        {"text": "ok", "visibility": "public"},
        {"text": 5},
        {"text": "ok", "intensity": "7"},
    ):
        with pytest.raises(InvalidInput):
            journal.write(db, me, **bad)
    assert journal.list_entries(db, me) == []


def test_filters_by_date_feeling_and_tag(db: Database) -> None:
    me = person(db, "ana")
    old = datetime(2026, 10, 20, 9, tzinfo=UTC)
    journal.add_entry(db, me, make_draft("old one", ["lonely"], 5, ["work"]), at=old)
    journal.write(db, me, text="new one", feelings=["hopeful"], tags=["home"])
    assert [e.text for e in journal.list_entries(db, me, EntryFilter(since=date(2026, 11, 1)))] == [
        "new one"
    ]
    assert [e.text for e in journal.list_entries(db, me, EntryFilter(feeling="LONELY"))] == [
        "old one"
    ]
    assert [e.text for e in journal.list_entries(db, me, EntryFilter(tag="home"))] == ["new one"]


def test_partner_sees_only_shared_entries(db: Database) -> None:
    a, b = linked(db)
    private = journal.write(db, a, text="only mine").entry
    shared = journal.write(db, a, text="for us", visibility="shared").entry
    assert [e.text for e in journal.partner_entries(db, b)] == ["for us"]
    assert journal.get_entry(db, b, shared.id).text == "for us"
    with pytest.raises(NotFound):
        journal.get_entry(db, b, private.id)


def test_partner_view_never_carries_safety_or_emotions(db: Database) -> None:
    a, b = linked(db)
    shared = journal.write(db, a, text="for us", visibility="shared").entry
    seen = journal.get_entry(db, b, shared.id).to_dict()
    assert "safety" not in seen and "emotions" not in seen and "family" not in seen


def test_partner_cannot_change_or_delete(db: Database) -> None:
    a, b = linked(db)
    shared = journal.write(db, a, text="for us", visibility="shared").entry
    with pytest.raises(NotFound):
        journal.update_entry(db, b, shared.id, {"text": "hijacked"})
    with pytest.raises(NotFound):
        journal.delete_entry(db, b, shared.id)
    assert journal.get_entry(db, a, shared.id).text == "for us"


def test_stranger_sees_nothing(db: Database) -> None:
    a, _ = linked(db)
    stranger = person(db, "cy")
    shared = journal.write(db, a, text="for us", visibility="shared").entry
    assert journal.partner_entries(db, stranger) == []
    with pytest.raises(NotFound):
        journal.get_entry(db, stranger, shared.id)


def test_unsharing_ends_partner_access(db: Database) -> None:
    a, b = linked(db)
    shared = journal.write(db, a, text="for us", visibility="shared").entry
    journal.set_visibility(db, a, shared.id, "private")
    assert journal.partner_entries(db, b) == []


def test_unlinking_keeps_own_entries_and_ends_access(db: Database) -> None:
    a, b = linked(db)
    shared = journal.write(db, a, text="for us", visibility="shared").entry
    journal.write(db, b, text="b's own")
    couples.unlink(db, b)
    assert journal.partner_entries(db, b) == []
    with pytest.raises(NotFound):
        journal.get_entry(db, b, shared.id)
    assert [e.text for e in journal.list_entries(db, a)] == ["for us"]
    assert [e.text for e in journal.list_entries(db, b)] == ["b's own"]


def test_update_refuses_unknown_fields_and_keeps_entry(db: Database) -> None:
    me = person(db, "ana")
    entry = journal.write(db, me, text="first").entry
    with pytest.raises(InvalidInput):
        journal.update_entry(db, me, entry.id, {"owner_id": 2})
    with pytest.raises(InvalidInput):
        journal.update_entry(db, me, entry.id, {"text": "", "tags": ["x"]})
    assert journal.get_entry(db, me, entry.id).text == "first"
    assert journal.get_entry(db, me, entry.id).tags == []
