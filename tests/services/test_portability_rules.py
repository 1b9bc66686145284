"""Import checks every field with the API's rules, writes all or nothing, and revives no share.

Each case is a probe from issue 13 item 7 or a mutation the old round-trip tests let through.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from support import local_person

from nearer.domain.errors import InvalidInput
from nearer.domain.safety_screen import QUESTION_IDS
from nearer.services import couples, guides, instruments, journal, perception_gap
from nearer.services.portability import export_data, import_data, read_document
from nearer.storage.db import Database
from nearer.storage.models import Entry, GuideReflection, InstrumentResponse

ITEMS = [f"sg{i:02d}" for i in range(1, 13)]


person = local_person


def entry_count(db: Database) -> int:
    with db.transaction() as session:
        return session.query(Entry).count()


def base_document() -> dict[str, Any]:
    return {
        "format": "nearer-export",
        "version": 1,
        "entries": [
            {
                "uid": "11111111-2222-3333-4444-555555555555",
                "text": "Dinner was quiet again",
                "feelings": ["lonely"],
                "intensity": 6,
                "tags": ["home"],
                "visibility": "private",
                "created_at": "2026-11-01T19:00:00+00:00",
                "updated_at": "2026-11-01T19:00:00+00:00",
            }
        ],
    }


def test_export_holds_exactly_what_was_written(db: Database) -> None:
    me = person(db)
    at = datetime(2026, 11, 3, 20, 15, tzinfo=UTC)
    from nearer.domain.journal import make_draft

    draft = make_draft("He worked late again", ["lonely", "hopeful"], 6, ["work", "home"])
    journal.add_entry(db, me, draft, at=at)
    (entry,) = export_data(db, me)["entries"]
    assert entry["text"] == "He worked late again"
    assert entry["feelings"] == ["lonely", "hopeful"]
    assert entry["intensity"] == 6
    assert entry["tags"] == ["work", "home"]
    assert entry["visibility"] == "private"
    assert entry["created_at"] == "2026-11-03T20:15:00Z"


def test_import_stores_exactly_what_the_file_holds(db: Database) -> None:
    me = person(db)
    assert import_data(db, me, base_document()).added == 1
    (entry,) = journal.list_entries(db, me)
    assert (entry.text, entry.feelings, entry.intensity, entry.tags) == (
        "Dinner was quiet again",
        ["lonely"],
        6,
        ["home"],
    )
    assert entry.created_at == datetime(2026, 11, 1, 19, 0, tzinfo=UTC)


def test_import_never_revives_shares_or_consents_under_a_new_partner(db: Database) -> None:
    a, b, c = person(db), person(db), person(db)
    couples.join(db, b, couples.create_invite(db, a))
    journal.write(db, a, text="shared with B — canary", visibility="shared")
    guides.leave_note(db, a, "bids-for-connection", "for B — canary")
    instruments.record_response(db, a, "signs", dict.fromkeys(ITEMS, 2), "partner")
    perception_gap.give_consent(db, a)
    document = export_data(db, a)
    assert document["consents"] == []
    document["consents"] = ["perception_gap"]  # an older file may still carry one
    couples.unlink(db, a)
    couples.join(db, c, couples.create_invite(db, a))
    new_me = person(db)  # A moves to a fresh profile, then links with C there
    couples.unlink(db, a)
    couples.join(db, c, couples.create_invite(db, new_me))
    import_data(db, new_me, document)
    assert journal.partner_entries(db, c) == []
    assert all(e.visibility == "private" for e in journal.list_entries(db, new_me))
    assert not perception_gap.gap_status(db, new_me).consented
    assert guides.read_guide(db, c, "bids-for-connection").partner_note is None
    with db.transaction() as session:
        rows = session.query(InstrumentResponse).filter_by(user_id=new_me).all()
        assert rows and all(r.couple_id is None for r in rows)
        assert session.query(GuideReflection).filter_by(author_id=new_me).one().couple_id is None


def _with(path: str, value: Any) -> dict[str, Any]:
    document = copy.deepcopy(base_document())
    target: Any = document
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if isinstance(target, list) else target[key]
    last = keys[-1]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return document


BAD = {
    "uid of 10,000 characters": _with("entries.0.uid", "x" * 10_000),
    "naive datetime": _with("entries.0.created_at", "2026-11-01T19:00:00"),
    "year 9999": _with("entries.0.updated_at", "9999-12-31T23:59:59+00:00"),
    "lone surrogate in text": _with("entries.0.text", "fine \ud800 text"),
    "lone surrogate in a feeling": _with("entries.0.feelings", ["ok", "\udfff"]),
    "empty text": _with("entries.0.text", "   "),
    "intensity out of range": _with("entries.0.intensity", 99),
    "unknown prompt": _with("entries.0.prompt_id", "no-such-prompt"),
    "junk questionnaire answers": {
        **base_document(),
        "instrument_responses": [
            {
                "instrument_id": "signs",
                "instrument_version": "set-in-the-test",
                "about": "self",
                "answers": {"sg01": 999},
                "scores": {},
                "created_at": "2026-11-01T19:00:00+00:00",
            }
        ],
    },
    "40,000-character note": {
        **base_document(),
        "guide_reflections": [
            {
                "guide_id": "bids-for-connection",
                "text": "x" * 40_000,
                "updated_at": "2026-11-01T19:00:00+00:00",
            }
        ],
    },
    "unknown guide": {**base_document(), "guides_read": ["../../etc/passwd"]},
    "incomplete safety check": {
        **base_document(),
        "safety_screens": [
            {"positive": False, "answers": {"q1": "maybe"}, "taken_at": "2026-11-01T19:00:00Z"}
        ],
    },
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_field_is_refused_with_nothing_written(db: Database, case: str) -> None:
    me = person(db)
    document = BAD[case]
    if case == "junk questionnaire answers":
        version = instruments.get_instrument(db, "signs", None).version
        document["instrument_responses"][0]["instrument_version"] = version
    with pytest.raises(InvalidInput) as error:
        import_data(db, me, document)
    assert len(str(error.value)) < 600  # names the problem, never echoes the file back
    assert entry_count(db) == 0


def test_duplicate_uid_in_the_file_is_refused(db: Database) -> None:
    document = base_document()
    document["entries"].append(dict(document["entries"][0]))
    with pytest.raises(InvalidInput, match="appears twice"):
        import_data(db, person(db), document)


def test_reimporting_the_same_file_says_what_was_already_there(db: Database) -> None:
    me = person(db)
    import_data(db, me, base_document())
    report = import_data(db, me, base_document())
    assert (report.added, report.already_here) == (0, 1)
    assert entry_count(db) == 1


def test_another_persons_uid_gets_a_fresh_one_instead_of_vanishing(db: Database) -> None:
    a, b = person(db), person(db)
    import_data(db, a, base_document())
    assert import_data(db, b, base_document()).added == 1
    assert len(journal.list_entries(db, b)) == 1


@pytest.mark.parametrize("raw", [b"", b"  \n\t "])
def test_an_empty_file_is_called_empty(raw: bytes) -> None:
    with pytest.raises(InvalidInput, match="is empty"):
        read_document(raw)


def test_deep_json_is_refused_clearly() -> None:
    with pytest.raises(InvalidInput, match="nested"):
        read_document(b"[" * 100_000 + b"]" * 100_000)


def test_deep_but_parseable_document_is_refused(db: Database) -> None:
    deep: Any = "x"
    for _ in range(50):
        deep = [deep]
    with pytest.raises(InvalidInput, match="nested"):
        import_data(db, person(db), {**base_document(), "profile": {"email": deep}})


@pytest.mark.parametrize("raw", [b"\xff\xfe not utf8", b"{not json", json.dumps([1]).encode()])
def test_unreadable_files_are_refused(db: Database, raw: bytes) -> None:
    with pytest.raises(InvalidInput):
        import_data(db, person(db), read_document(raw))


def test_screen_answers_are_rescored_not_trusted(db: Database) -> None:
    me = person(db)
    document = {
        **base_document(),
        "safety_screens": [
            {
                "positive": False,
                "answers": dict.fromkeys(QUESTION_IDS, "yes"),
                "taken_at": "2026-11-01T19:00:00Z",
            }
        ],
    }
    import_data(db, me, document)
    assert export_data(db, me)["safety_screens"][0]["positive"] is True
