"""Day totals stay equal to a fresh count from the entries, whatever is written, changed or deleted.

Runs on SQLite and PostgreSQL. The text reading is replaced by a fixed one (the family is named in
the text), so the checks hang on the bookkeeping, not on the emotion model.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from nearer.analysis.safety import SafetyResult
from nearer.domain.journal import make_draft
from nearer.services import accounts, day_totals, journal, portability, rhythm_time, self_awareness
from nearer.services.text_checks import TextReading
from nearer.storage.db import Database
from nearer.storage.models import DayTotal, User

WORDS = ["lonely", "hurt", "anxious", "worried", "happy", "grateful", "calm", "joy", "sadness"]
FAMILIES = [None, "joy", "sadness", "fear", "neutral"]
START = datetime(2026, 3, 1, 0, 0, tzinfo=UTC)
_people = itertools.count()


def _reading(text: str, *, emotions: bool = True) -> TextReading:
    family = text.split("fam:")[-1] if "fam:" in text else None
    return TextReading(SafetyResult(), [], family or None)


@pytest.fixture(autouse=True)
def fixed_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal, "read_text", _reading)
    monkeypatch.setattr(portability, "read_text", _reading)
    monkeypatch.setattr(
        portability, "read_many", lambda texts, **_: [_reading(text) for text in texts]
    )
    monkeypatch.setattr(portability, "start_reading", lambda texts, **_: list(texts))


def _person(db: Database, time_zone: str | None) -> int:
    with db.transaction() as session:
        user = User(email=f"p{next(_people)}@example.org", time_zone=time_zone)
        session.add(user)
        session.flush()
        return user.id


def _check(db: Database, user_id: int) -> None:
    with db.transaction() as session:
        name = session.scalar(select(User.time_zone).where(User.id == user_id)) or "UTC"
        assert day_totals.stored(session, user_id) == day_totals.count_entries(
            session, user_id, ZoneInfo(name)
        )


entry_fields = st.fixed_dictionaries(
    {
        "feelings": st.lists(st.sampled_from(WORDS), max_size=3, unique=True),
        "intensity": st.none() | st.integers(0, 10),
        "tags": st.lists(st.sampled_from(["work", "home", "kids"]), max_size=2, unique=True),
        "family": st.sampled_from(FAMILIES),
        "kind": st.sampled_from(["journal", "journal", "journal", "reflection"]),
        "minutes": st.integers(0, 60 * 24 * 9),  # nine days, so midnights and weeks are crossed
    }
)
step = st.one_of(
    st.tuples(st.just("add"), entry_fields),
    st.tuples(st.just("edit"), st.integers(0, 20), entry_fields),
    st.tuples(st.just("delete"), st.integers(0, 20)),
)


def _draft(fields: dict[str, Any]) -> Any:
    text = f"an entry fam:{fields['family'] or ''}"
    return make_draft(
        text,
        feelings=fields["feelings"],
        intensity=fields["intensity"],
        tags=fields["tags"],
        kind=fields["kind"],
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    time_zone=st.sampled_from([None, "America/Los_Angeles", "Asia/Kolkata"]),
    steps=st.lists(step, min_size=1, max_size=12),
)
def test_totals_equal_a_fresh_count_after_any_writes(
    db: Database, time_zone: str | None, steps: list[Any]
) -> None:
    me = _person(db, time_zone)
    with db.transaction() as session:
        day_totals.rebuild(session, me)  # built first, so every step below updates them
    ids: list[int] = []
    for action, *args in steps:
        if action == "add":
            fields = args[0]
            at = START + timedelta(minutes=fields["minutes"])
            ids.append(journal.add_entry(db, me, _draft(fields), at=at).entry.id)
        elif ids and action == "edit":
            index, fields = args
            changes = {k: fields[k] for k in ("feelings", "intensity", "tags")}
            changes["text"] = f"changed fam:{fields['family'] or ''}"
            journal.update_entry(db, me, ids[index % len(ids)], changes)
        elif ids and action == "delete":
            journal.delete_entry(db, me, ids.pop(args[0] % len(ids)))
        _check(db, me)


def _add(db: Database, me: int, at: datetime, **fields: Any) -> int:
    draft = make_draft(f"entry fam:{fields.pop('family', '')}", **fields)
    return journal.add_entry(db, me, draft, at=at).entry.id


def test_a_day_is_the_persons_local_day(db: Database) -> None:
    me = _person(db, "America/Los_Angeles")
    with db.transaction() as session:
        day_totals.rebuild(session, me)
    # 05:30 UTC on 3 March is 21:30 on 2 March in Los Angeles (UTC-8 in winter).
    _add(db, me, datetime(2026, 3, 3, 5, 30, tzinfo=UTC), feelings=["lonely"], intensity=7)
    with db.transaction() as session:
        kept = day_totals.stored(session, me)
    assert list(kept) == [date(2026, 3, 2)]
    assert kept[date(2026, 3, 2)].heavy == {21: [1, 7]}
    assert kept[date(2026, 3, 2)].words == {"lonely": 1}


def test_changing_the_time_zone_rebuilds_on_the_next_read(db: Database) -> None:
    me = _person(db, None)
    _add(db, me, datetime(2026, 3, 3, 5, 30, tzinfo=UTC), feelings=["lonely"], intensity=7)
    mine = self_awareness.my_patterns(db, me, 1, today=date(2026, 3, 3))
    assert [b.count for b in mine.patterns.heavy_hours][1] == 1  # 03–06 in UTC
    rhythm_time.set_settings(db, me, "America/Los_Angeles", None)
    mine = self_awareness.my_patterns(db, me, 1, today=date(2026, 3, 3))
    assert mine.timezone == "America/Los_Angeles"
    assert [b.count for b in mine.patterns.heavy_hours][7] == 1  # 21–24 on 2 March
    _check(db, me)


def test_patterns_in_another_zone_are_counted_afresh_and_nothing_is_stored(db: Database) -> None:
    me = _person(db, None)
    _add(db, me, datetime(2026, 3, 3, 5, 30, tzinfo=UTC), feelings=["lonely"], intensity=7)
    there = ZoneInfo("America/Los_Angeles")
    mine = self_awareness.my_patterns(db, me, 1, today=date(2026, 3, 3), zone=there)
    assert [b.count for b in mine.patterns.heavy_hours][7] == 1
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(DayTotal)) == 0


def test_edits_and_deletes_move_and_remove_a_days_totals(db: Database) -> None:
    me = _person(db, None)
    first = _add(db, me, datetime(2026, 3, 2, 9, tzinfo=UTC), feelings=["hurt"], intensity=4)
    self_awareness.my_patterns(db, me, 1, today=date(2026, 3, 2))  # the first read builds them
    second = _add(db, me, datetime(2026, 3, 2, 10, tzinfo=UTC), feelings=["hurt"], intensity=6)
    with db.transaction() as session:
        day = day_totals.stored(session, me)[date(2026, 3, 2)]
    assert (day.entries, day.rated, day.intensity_sum, day.words) == (2, 2, 10, {"hurt": 2})
    journal.update_entry(db, me, first, {"feelings": ["happy"], "intensity": None})
    with db.transaction() as session:
        day = day_totals.stored(session, me)[date(2026, 3, 2)]
    assert (day.rated, day.intensity_sum, day.words) == (1, 6, {"hurt": 1, "happy": 1})
    assert day.families == {"sadness": 1, "joy": 1}
    journal.delete_entry(db, me, first)
    journal.delete_entry(db, me, second)
    with db.transaction() as session:
        assert day_totals.stored(session, me) == {}


def test_import_adds_to_the_totals(db: Database) -> None:
    source = _person(db, None)
    _add(db, source, datetime(2026, 3, 2, 9, tzinfo=UTC), feelings=["hurt"], intensity=4)
    _add(db, source, datetime(2026, 3, 4, 9, tzinfo=UTC), feelings=["calm"], family="joy")
    document = portability.export_data(db, source)
    me = _person(db, None)
    with db.transaction() as session:
        day_totals.rebuild(session, me)
    portability.import_data(db, me, portability.parse_document(document, db, me))
    with db.transaction() as session:
        assert sorted(day_totals.stored(session, me)) == [date(2026, 3, 2), date(2026, 3, 4)]
    _check(db, me)


def test_deleting_the_account_deletes_the_totals(db: Database) -> None:
    me = accounts.sign_up(db, "gone@example.org", "long-enough-pw").id
    _add(db, me, datetime(2026, 3, 2, 9, tzinfo=UTC), feelings=["hurt"], intensity=4)
    self_awareness.my_patterns(db, me, 1, today=date(2026, 3, 2))
    accounts.delete_account(db, me)
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(DayTotal)) == 0


def test_rebuild_everyone_counts_each_person(db: Database) -> None:
    a, b = _person(db, None), _person(db, "Asia/Kolkata")
    _add(db, a, datetime(2026, 3, 2, 9, tzinfo=UTC), feelings=["hurt"], intensity=4)
    _add(db, b, datetime(2026, 3, 2, 20, tzinfo=UTC), feelings=["calm"])  # 3 March in Kolkata
    assert day_totals.rebuild_everyone(db) == day_totals.Rebuilt(2, 2, 0)
    with db.transaction() as session:
        assert list(day_totals.stored(session, b)) == [date(2026, 3, 3)]
    _check(db, a)
    _check(db, b)


def test_reading_entries_again_moves_a_family_in_the_totals(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    me = _person(db, None)
    _add(db, me, datetime(2026, 3, 2, 9, tzinfo=UTC), family="joy")  # no wheel word chosen
    _add(db, me, datetime(2026, 3, 2, 10, tzinfo=UTC), feelings=["hurt"], family="joy")
    with db.transaction() as session:
        day_totals.rebuild(session, me)
    monkeypatch.setattr(
        self_awareness,
        "read_many",
        lambda texts, **_: [TextReading(SafetyResult(), [], "fear") for _ in texts],
    )
    assert self_awareness.reanalyze(db, me) == 2
    with db.transaction() as session:
        kept = day_totals.stored(session, me)
    # The reading decides only where no wheel word was chosen: "hurt" keeps its sadness.
    assert kept[date(2026, 3, 2)].families == {"fear": 1, "sadness": 1}
    _check(db, me)


def test_writers_at_once_never_lose_each_others_sums(db: Database) -> None:
    from concurrent.futures import ThreadPoolExecutor

    me = _person(db, None)
    with db.transaction() as session:
        day_totals.rebuild(session, me)
    at = datetime(2026, 3, 2, 9, tzinfo=UTC)

    def write(i: int) -> int:
        return _add(db, me, at + timedelta(minutes=i), feelings=["hurt"], intensity=i % 11)

    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = list(pool.map(write, range(24)))
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda i: journal.delete_entry(db, me, i), ids[:10]))
    with db.transaction() as session:
        assert day_totals.stored(session, me)[date(2026, 3, 2)].entries == 14
    _check(db, me)


def test_the_api_without_tz_reads_the_persons_own_zone(app: Any) -> None:
    from fastapi.testclient import TestClient
    from support import api_signup

    client = TestClient(app, base_url="https://testserver")
    headers = api_signup(client, "zone@example.org")
    body = {"time_zone": "America/Los_Angeles", "checkin_time": "21:00"}
    assert client.put("/api/v1/me/rhythm", json=body, headers=headers).is_success
    assert client.get("/api/v1/patterns", headers=headers).json()["timezone"] == (
        "America/Los_Angeles"
    )
    asked = client.get("/api/v1/patterns?tz=Asia/Kolkata", headers=headers).json()
    assert asked["timezone"] == "Asia/Kolkata"
