"""Small steps: one or two a week, marked by day, celebrated, never streaked."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from nearer.domain.errors import Conflict, InvalidInput
from nearer.domain.rhythm_content import steps_catalogue
from nearer.services import accounts, couples, instruments, steps
from nearer.storage.db import Database

# Wednesday 2 December 2026, noon UTC; the week began on Monday 30 November.
WED = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def person(db: Database, name: str) -> int:
    return accounts.sign_up(db, f"{name}@example.org", "long-enough-pw").id


def test_celebrates_this_week_against_last_without_streaks(db: Database) -> None:
    sam = person(db, "sam")
    last_week = WED - timedelta(weeks=1)
    old = steps.pick_step(db, sam, "ask-about-their-day", now=last_week)
    steps.mark_day(db, sam, old.id, date(2026, 11, 24), now=last_week)
    now = steps.pick_step(db, sam, "ask-about-their-day", now=WED)
    for day in (date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2)):
        view = steps.mark_day(db, sam, now.id, day, now=WED)
    assert view.times == 3
    assert view.celebration == "You did this 3 times this week, up from once."
    week = steps.this_week(db, sam, now=WED)
    assert [p.id for p in week.mine] == [now.id] and [p.id for p in week.last_week] == [old.id]
    assert week.last_week[0].celebration == "You did this once this week."
    # Unmarking is allowed; a future day or a day of another week is not.
    assert steps.mark_day(db, sam, now.id, date(2026, 12, 2), done=False, now=WED).times == 2
    for bad in (date(2026, 12, 3), date(2026, 11, 29)):
        with pytest.raises(InvalidInput) as error:
            steps.mark_day(db, sam, now.id, bad, now=WED)
        assert error.value.problems[0].field == "day"


def test_at_most_two_a_week_and_own_words(db: Database) -> None:
    sam = person(db, "sam")
    steps.pick_step(db, sam, None, "Text her at lunch", now=WED)
    with pytest.raises(Conflict):
        steps.pick_step(db, sam, None, "Text her at lunch", now=WED)
    steps.pick_step(db, sam, "walk-together", now=WED)
    with pytest.raises(Conflict):
        steps.pick_step(db, sam, "one-appreciation", now=WED)
    with pytest.raises(InvalidInput) as error:
        steps.pick_step(db, sam, "no-such-step", now=WED + timedelta(weeks=1))
    assert error.value.problems[0].field == "step_id"
    with pytest.raises(InvalidInput) as error:
        steps.pick_step(db, sam, None, "x" * 201, now=WED + timedelta(weeks=1))
    assert error.value.problems[0].field == "text"


def test_suggestions_follow_the_signs_rated(db: Database) -> None:
    sam = person(db, "sam")
    assert [s.id for s in steps.suggestions(db, sam)] == [s.id for s in steps_catalogue()]
    answers = {f"sg{i:02d}": 1 for i in range(1, 13)}
    answers["sg09"] = 5  # reverse-worded: "I put my feelings into words" often, so low weight
    answers["sg12"] = 5
    answers["sg07"] = 5  # "I find it hard to say 'I need you'": the strongest sign
    instruments.record_response(db, sam, "signs", answers, "self")
    first = steps.suggestions(db, sam)[0]
    assert "sg07" in first.signs and first.id == "say-i-need-you"


def test_partner_sees_only_shared_steps_of_this_couple(db: Database) -> None:
    a, b, c = person(db, "a"), person(db, "b"), person(db, "c")
    couples.join(db, b, couples.create_invite(db, a))
    steps.pick_step(db, a, None, "private step", now=WED)
    shared = steps.pick_step(db, a, None, "shared step", "shared", now=WED)
    steps.mark_day(db, a, shared.id, now=WED)
    seen = steps.this_week(db, b, now=WED).partner
    assert [(p.text, p.times) for p in seen] == [("shared step", 1)]
    couples.unlink(db, a)
    couples.join(db, c, couples.create_invite(db, a))
    assert steps.this_week(db, c, now=WED).partner == []
    assert steps.this_week(db, b, now=WED).partner == []
