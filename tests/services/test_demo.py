"""The demo couple gives a newcomer something in every step to look at."""

from __future__ import annotations

from support import unlock

from nearer.services import (
    breaks,
    checkins,
    demo,
    instruments,
    journal,
    perception_gap,
    questions,
    safety,
    steps,
    week,
)
from nearer.storage.db import Database


def test_demo_couple_has_something_in_every_step(db: Database) -> None:
    assert demo.seed_demo_if_new(db) is True
    sam, alex = demo.seed_demo(db)  # a second call finds the same couple
    for email in demo.DEMO_ACCOUNTS:  # the server kept no key: open them as a login would
        unlock(db, email, demo.DEMO_PASSWORD)
    assert len(journal.list_entries(db, sam)) == 8  # 7 journal entries and 1 reflection
    assert len(journal.list_entries(db, alex)) == 6
    assert {e.text[:5] for e in journal.partner_entries(db, sam)} == {"Cooke", "The t"}
    assert safety.joint_status(db, sam).available
    assert perception_gap.couple_gap(db, sam).rows()
    assert len(instruments.list_responses(db, sam, "satisfaction")) == 3
    assert demo.seed_demo_if_new(db) is False


def test_demo_couple_has_the_daily_rhythm(db: Database) -> None:
    sam, alex = demo.seed_demo(db)
    trend = checkins.closeness_trend(db, sam, 21)
    assert sum(v is not None for v in trend.mine) == 18  # eighteen of 21 days, with gaps
    assert trend.partner is not None and None in trend.partner  # Alex's missed days are gaps
    assert len(steps.this_week(db, sam).mine) == 1 and steps.this_week(db, sam).last_week
    assert breaks.finished_breaks(db, sam) == 1
    assert len(questions.overview(db, alex).answered) == 4
    look = week.look_back(db, sam)
    assert look.highlights and look.my_steps


def test_demo_couple_has_day_totals_for_my_patterns(db: Database) -> None:
    from zoneinfo import ZoneInfo

    from nearer.services import day_totals, self_awareness

    sam, _ = demo.seed_demo(db)
    with db.transaction() as session:
        kept = day_totals.stored(session, sam)
        assert kept == day_totals.count_entries(session, sam, ZoneInfo("Europe/London"))
    assert sum(t.entries for t in kept.values()) == 7  # the reflection is not a journal entry
    assert self_awareness.my_patterns(db, sam, 8).timezone == "Europe/London"


def test_demo_couple_answers_each_others_shared_entries(db: Database) -> None:
    from nearer.services import reactions

    sam, alex = demo.seed_demo(db)
    talk = next(e for e in journal.partner_entries(db, sam) if e.text.startswith("The talk"))
    thread = reactions.reactions_page(db, sam, talk.id).items  # newest first
    assert [(r.words, r.mine) for r in thread] == [(None, False), ("I hear you", True)]
    assert thread[0].reply == "It helped that you just listened."
    walk = next(e for e in journal.partner_entries(db, alex) if e.text.startswith("We laughed"))
    [thanks] = reactions.reactions_page(db, sam, walk.id).items
    assert thanks.words == "Thank you for sharing" and not thanks.mine
