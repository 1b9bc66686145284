"""The weekly look back: counts of what happened, the reveal honoured, only what was shared."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from nearer.domain.safety_screen import QUESTION_IDS
from nearer.services import (
    accounts,
    bids,
    breaks,
    checkins,
    couples,
    instruments,
    questions,
    safety,
    steps,
    week,
)
from nearer.storage.db import Database

WED = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)  # the week of Monday 30 November 2026


def person(db: Database, name: str) -> int:
    return accounts.sign_up(db, f"{name}@example.org", "long-enough-pw").id


def test_week_counts_and_the_reveal(db: Database) -> None:
    sam, alex = person(db, "sam"), person(db, "alex")
    couples.join(db, alex, couples.create_invite(db, sam))
    checkins.set_sharing(db, alex, True)
    for day in (0, 1, 2):  # Sam checks in Monday to Wednesday
        checkins.check_in(db, sam, 3 + (day == 2), "calm", now=WED - timedelta(days=2 - day))
    for day in (1, 2):  # Alex on Tuesday and Wednesday; they shared
        checkins.check_in(db, alex, 5, "close", now=WED - timedelta(days=2 - day))
    checkins.check_in(db, alex, 1, "lonely", now=WED - timedelta(days=2))  # Monday, too
    bids.add_bid(db, sam, "photo", "made", "toward", now=WED)
    bids.add_bid(db, alex, "a joke", "made", "away", "shared", now=WED)
    bids.add_bid(db, alex, "private one", "made", "toward", now=WED)
    bids.add_bid(db, sam, "last week", "made", "away", now=WED - timedelta(weeks=1))
    pick = steps.pick_step(db, sam, "walk-together", now=WED)
    steps.mark_day(db, sam, pick.id, date(2026, 12, 1), now=WED)
    found = week.look_back(db, sam, now=WED)
    assert found.week == date(2026, 11, 30)
    assert (found.my_checkins, found.my_closeness) == (3, 3.3)  # (3 + 3 + 4) / 3
    # Alex checked in on all three days, and Sam did too: all three are revealed to Sam.
    assert (found.partner_checkins, found.partner_closeness) == (3, 3.7)  # (1 + 5 + 5) / 3
    assert (found.bids_total, found.bids_toward) == (2, 1)
    assert found.bids_sentence == "50% of our bids this week were turned toward, up from 0%."
    assert [(p.text, p.times) for p in found.my_steps] == [(pick.text, 1)]
    # Alex does not share with... Sam does not share check-ins: Alex's week shows none of Sam's.
    theirs = week.look_back(db, alex, now=WED)
    assert theirs.partner_checkins == 0 and theirs.partner_closeness is None
    assert (theirs.bids_total, theirs.bids_toward) == (2, 1)  # their own two; Sam's is private
    assert "streak" not in " ".join(found.highlights).lower()


def test_week_counts_questions_breaks_and_own_satisfaction(db: Database) -> None:
    sam, alex = person(db, "sam"), person(db, "alex")
    couples.join(db, alex, couples.create_invite(db, sam))
    for who in (sam, alex):
        safety.take_screen(db, who, dict.fromkeys(QUESTION_IDS, "no"))
    questions.answer(db, sam, "l01", "one")
    questions.answer(db, alex, "l01", "two")
    questions.answer(db, sam, "l02", "only me so far")
    started = breaks.start_break(db, sam, 20)
    breaks.end_break(db, alex, started.id)
    instruments.record_response(db, alex, "satisfaction", {"sat1": 3, "sat2": 4, "sat3": 2, "sat4": 5})
    found = week.look_back(db, sam)
    assert (found.questions_together, found.breaks_returned) == (1, 1)
    assert found.satisfaction is None  # Alex's check is Alex's alone
    own = week.look_back(db, alex).satisfaction
    assert own is not None
    # 3 + 4 + (6 - 2, sat3 is reverse-worded) + 5 = 16 of 24, the top third
    assert (own["value"], own["max"], own["label"]) == (16.0, 24.0, "a good week")
    quiet = week.look_back(db, sam, date(2020, 1, 6))
    assert quiet.highlights == [
        "A quiet week. That is allowed; the rhythm is here whenever you want it."]
