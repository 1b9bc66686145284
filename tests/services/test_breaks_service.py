"""Breaks: at least twenty minutes, a calm notice in the partner's own time, the way back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from nearer.domain.errors import Conflict, InvalidInput, NotFound
from nearer.services import accounts, breaks, couples, rhythm_time
from nearer.storage.db import Database

AT = datetime(2026, 7, 1, 19, 55, tzinfo=UTC)


def person(db: Database, name: str) -> int:
    return accounts.sign_up(db, f"{name}@example.org", "long-enough-pw").id


def test_notice_return_prompt_and_end(db: Database) -> None:
    sam, alex = person(db, "sam"), person(db, "alex")
    couples.join(db, alex, couples.create_invite(db, sam))
    rhythm_time.set_settings(db, sam, "Europe/London", None)  # BST in July: UTC+1
    rhythm_time.set_settings(db, alex, "Europe/Paris", None)  # CEST: UTC+2
    with pytest.raises(InvalidInput):
        breaks.start_break(db, sam, 19, now=AT)
    started = breaks.start_break(db, sam, 20, now=AT)
    assert started.return_time == "21:15" and started.suggestions
    with pytest.raises(Conflict):
        breaks.start_break(db, alex, 30, now=AT + timedelta(minutes=5))
    seen = breaks.current_breaks(db, alex, now=AT + timedelta(minutes=5))
    assert [b.message for b in seen] == [
        "Sam needs a break to calm down and will come back to this at 22:15."]
    assert seen[0].suggestions == () and seen[0].coach_link is None
    due = breaks.current_breaks(db, alex, now=AT + timedelta(minutes=20))
    assert due[0].state == "returning" and due[0].coach_link == "/coach"
    assert breaks.current_breaks(db, sam, now=AT + timedelta(minutes=21))[0].coach_link == "/coach"
    breaks.end_break(db, alex, started.id, now=AT + timedelta(minutes=25))
    assert breaks.current_breaks(db, sam, now=AT + timedelta(minutes=26)) == []
    assert breaks.finished_breaks(db, sam) == 1


def test_breaks_need_a_partner_and_stay_in_their_couple(db: Database) -> None:
    a, b, c, d = (person(db, n) for n in "abcd")
    with pytest.raises(Conflict):
        breaks.start_break(db, a, 30, now=AT)
    couples.join(db, b, couples.create_invite(db, a))
    started = breaks.start_break(db, a, 60, now=AT)
    couples.join(db, d, couples.create_invite(db, c))
    with pytest.raises(NotFound):
        breaks.end_break(db, c, started.id, now=AT)
    assert breaks.current_breaks(db, c, now=AT) == []
    couples.unlink(db, a)
    couples.unlink(db, c)
    couples.join(db, c, couples.create_invite(db, a))
    assert breaks.current_breaks(db, c, now=AT + timedelta(minutes=1)) == []
    assert breaks.current_breaks(db, a, now=AT + timedelta(minutes=1)) == []
