"""My patterns from the service: hand-computed aggregates, only my own journal, and re-reading."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from nearer.domain.errors import InvalidInput
from nearer.domain.journal import make_draft
from nearer.services import accounts, couples, journal, self_awareness
from nearer.storage.db import Database
from nearer.storage.models import Entry


def person(db: Database, email: str) -> int:
    return accounts.sign_up(db, email, "long-enough-pw").id


def add(
    db: Database,
    owner: int,
    at: datetime,
    feelings: tuple[str, ...] = (),
    intensity: int | None = None,
    tags: tuple[str, ...] = (),
    family: str | None = None,
    **extra: str,
) -> int:
    draft = make_draft(
        "an entry", feelings=list(feelings), intensity=intensity, tags=list(tags), **extra
    )
    entry_id = journal.add_entry(db, owner, draft, at=at).entry.id
    # Fix the detected family, so the expected values do not hang on the emotion model.
    with db.transaction() as session:
        row = session.get(Entry, entry_id)
        assert row is not None
        row.family = family
    return entry_id


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def owner_with_entries(db: Database) -> int:
    """Three journal entries in two weeks (one unrated), an old one, and a reflection.

    2026-03-02 is a Monday. e1 Mon 21:30 lonely+hurt 6 home (sadness); e2 Wed 09:00 anxious 8
    work (fear); e3 Tue 10 Mar 22:00 grateful, no rating, home (family from the word: love).
    """
    me = person(db, "me@example.org")
    add(db, me, at(2, 21, 30), ("lonely", "hurt"), 6, ("home",), "sadness")
    add(db, me, at(4, 9), ("anxious",), 8, ("work",), "fear")
    add(db, me, at(10, 22), ("grateful",), None, ("home",), None)
    add(db, me, at(2, 12, month=2), ("calm",), 3, (), "neutral")  # before the window
    add(db, me, at(5, 12), ("furious",), 9, ("work",), "anger", kind="reflection")
    return me


def test_weekly_counts_means_and_heavy_times_by_hand(db: Database, owner_with_entries: int) -> None:
    mine = self_awareness.my_patterns(db, owner_with_entries, 2, today=date(2026, 3, 12))
    p = mine.patterns
    assert mine.entry_count == 3  # the old entry and the reflection are not counted
    assert p.weeks == (date(2026, 3, 2), date(2026, 3, 9))
    assert p.family_by_week["sadness"] == (1, 0)
    assert p.family_by_week["fear"] == (1, 0)
    assert p.family_by_week["love"] == (0, 1)
    assert p.family_by_week["anger"] == (0, 0)
    # week 1: (6 + 8) / 2 = 7; week 2 has only the unrated entry, so no mean at all.
    assert p.intensity_by_week == (7.0, None)
    hours = {b.label: (b.count, b.mean_intensity) for b in p.heavy_hours if b.count}
    assert hours == {"21–24": (1, 6.0), "09–12": (1, 8.0)}
    days = {b.label: (b.count, b.mean_intensity) for b in p.heavy_weekdays if b.count}
    assert days == {"Monday": (1, 6.0), "Wednesday": (1, 8.0)}
    tags = {f: [(t.tag, t.count, t.share) for t in s] for f, s in p.tags_by_family.items()}
    assert tags == {
        "sadness": [("home", 1, 1.0)],
        "fear": [("work", 1, 1.0)],
        "love": [("home", 1, 1.0)],
    }
    assert p.top_words == (("anxious", 1), ("grateful", 1), ("hurt", 1), ("lonely", 1))
    assert p.summaries["intensity"] == "Average intensity in the week of 2 Mar was 7 out of 10."


def test_vocabulary_counts_words_from_before_the_window(
    db: Database, owner_with_entries: int
) -> None:
    trend = self_awareness.my_patterns(db, owner_with_entries, 2, today=date(2026, 3, 12)).trend
    assert [t.week_start for t in trend] == [date(2026, 3, 2), date(2026, 3, 9)]
    # "calm" (February) was already known; week 1 adds anxious, hurt, lonely; week 2 grateful.
    assert [(t.distinct_words, t.cumulative_words) for t in trend] == [(3, 4), (1, 5)]
    assert trend[0].new_words == ("anxious", "hurt", "lonely")
    assert trend[1].new_words == ("grateful",)


def test_hours_and_weekdays_follow_the_persons_time_zone(
    db: Database, owner_with_entries: int
) -> None:
    tokyo = ZoneInfo("Asia/Tokyo")  # UTC+9: Mon 21:30 UTC is Tue 06:30; Wed 09:00 is Wed 18:00
    p = self_awareness.my_patterns(
        db, owner_with_entries, 2, today=date(2026, 3, 12), zone=tokyo
    ).patterns
    assert {b.label: b.count for b in p.heavy_hours if b.count} == {"06–09": 1, "18–21": 1}
    assert {b.label: b.count for b in p.heavy_weekdays if b.count} == {"Tuesday": 1, "Wednesday": 1}


def test_differentiation_uses_rated_entries_only(db: Database) -> None:
    """Rated negative occasions (columns hurt, lonely): [8,8], [2,2], [6,0], [4,4].

    grand mean 34/8 = 4.25; row means 8, 2, 3, 4 -> SSR = 2·(3.75² + 2.25² + 1.25² + 0.25²) = 41.5;
    column means 5 and 3.5 -> SSC = 4·(0.75² + 0.75²) = 4.5; SST = 59.5; SSE = 13.5.
    MSR = 41.5/3, MSE = 13.5/3 = 4.5; ICC(3,1) = (41.5/3 − 4.5)/(41.5/3 + 4.5) = 28/55,
    so granularity = 27/55. The unrated entries (hurt+lonely, ashamed) would add a row of zeros
    if their missing rating were read as 0; they must count for vocabulary only.
    """
    me = person(db, "rated@example.org")
    add(db, me, at(2, 10), ("hurt", "lonely"), 8, (), "sadness")
    add(db, me, at(3, 10), ("hurt", "lonely"), 2, (), "sadness")
    add(db, me, at(4, 10), ("hurt",), 6, (), "sadness")
    add(db, me, at(5, 10), ("hurt", "lonely"), 4, (), "sadness")
    add(db, me, at(6, 10), ("hurt", "lonely"), None, (), "sadness")
    add(db, me, at(6, 11), ("ashamed",), None, (), "shame")
    point = self_awareness.my_patterns(db, me, 1, today=date(2026, 3, 6)).trend[-1]
    assert point.negative == pytest.approx(27 / 55)
    assert point.positive is None
    assert point.granularity == pytest.approx(27 / 55)
    assert point.distinct_words == 3  # hurt, lonely, ashamed
    assert "skill" in point.message and "grade" not in point.message


def test_partner_entries_never_count_in_my_patterns(db: Database) -> None:
    me = person(db, "me@example.org")
    partner = person(db, "partner@example.org")
    code = couples.create_invite(db, me)
    couples.join(db, partner, code)
    add(db, me, at(2, 10), ("hurt",), 5, ("home",), "sadness")
    add(db, partner, at(3, 10), ("furious",), 9, ("work",), "anger")
    add(db, partner, at(4, 10), ("happy",), 7, ("walk",), "joy", visibility="shared")
    mine = self_awareness.my_patterns(db, me, 1, today=date(2026, 3, 6))
    assert mine.entry_count == 1
    assert mine.patterns.top_words == (("hurt", 1),)
    assert mine.patterns.family_by_week["anger"] == (0,)
    assert mine.patterns.family_by_week["joy"] == (0,)
    theirs = self_awareness.my_patterns(db, partner, 1, today=date(2026, 3, 6))
    assert theirs.patterns.top_words == (("furious", 1), ("happy", 1))


def test_weeks_and_time_zone_are_checked(db: Database) -> None:
    me = person(db, "me@example.org")
    with pytest.raises(InvalidInput):
        self_awareness.my_patterns(db, me, 0)
    with pytest.raises(InvalidInput):
        self_awareness.zone_named("Not/AZone")
    assert self_awareness.zone_named(None) is UTC


def test_no_entries_gives_empty_patterns_and_a_kind_trend(db: Database) -> None:
    me = person(db, "me@example.org")
    mine = self_awareness.my_patterns(db, me, 3, today=date(2026, 3, 6))
    assert mine.entry_count == 0 and mine.patterns.weeks == ()
    assert [t.cumulative_words for t in mine.trend] == [0, 0, 0]
    assert mine.to_dict()["granularity"][0]["week_start"] == "2026-02-16"


def test_nudges_only_for_judgement_words() -> None:
    found = self_awareness.nudges_for(["sad", "ignored", "Abandoned"])
    assert [n.word for n in found] == ["ignored", "abandoned"]
    assert self_awareness.nudges_for(["lonely", "calm"]) == []


def test_reanalyze_rereads_mine_or_everyone_in_batches(db: Database) -> None:
    me = person(db, "me@example.org")
    other = person(db, "other@example.org")
    ids = [
        journal.write(db, me, text="I am so happy and proud today").entry.id,
        journal.write(db, me, text="I feel scared about tomorrow").entry.id,
        journal.write(db, me, text="Thank you for the walk").entry.id,
        journal.write(db, other, text="I feel furious").entry.id,
    ]
    with db.transaction() as session:
        for entry_id in ids:
            row = session.get(Entry, entry_id)
            assert row is not None
            row.emotions, row.family, row.safety_level = None, None, "urgent"
    seen: list[tuple[int, int]] = []
    count = self_awareness.reanalyze(
        db, me, batch_size=2, progress=lambda d, t: seen.append((d, t))
    )
    assert count == 3 and seen == [(0, 3), (2, 3), (3, 3)]
    with db.transaction() as session:
        rows = {i: session.get(Entry, i) for i in ids}
        assert all(r is not None for r in rows.values())
        assert [rows[i].family for i in ids[:3]] == ["joy", "fear", "love"]  # type: ignore[union-attr]
        assert all(rows[i].safety_level == "none" for i in ids[:3])  # type: ignore[union-attr]
        assert rows[ids[3]].family is None  # type: ignore[union-attr]  # someone else's: untouched
    assert self_awareness.reanalyze(db, None) == 4
    with db.transaction() as session:
        other_row = session.get(Entry, ids[3])
        assert other_row is not None and other_row.family == "anger" and other_row.emotions


def test_the_persons_own_word_outranks_the_reading_of_the_text(db: Database) -> None:
    me = person(db, "me@example.org")
    add(db, me, at(2, 10), ("lonely",), 5, (), "anger")  # chose lonely; the text read as anger
    add(db, me, at(3, 10), (), 5, (), "fear")  # chose nothing; the reading decides
    add(db, me, at(4, 10), ("ignored",), 5, (), "anger")  # not a wheel word; the reading decides
    p = self_awareness.my_patterns(db, me, 1, today=date(2026, 3, 6)).patterns
    assert {f: c[0] for f, c in p.family_by_week.items() if c[0]} == {
        "sadness": 1,
        "fear": 1,
        "anger": 1,
    }
