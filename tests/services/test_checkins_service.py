"""Check-ins in the service layer, on SQLite and PostgreSQL: local days and the reveal."""

from __future__ import annotations

from datetime import UTC, date, datetime

from nearer.services import accounts, checkins, couples, rhythm_time
from nearer.storage.db import Database


def person(db: Database, name: str) -> int:
    return accounts.sign_up(db, f"{name}@example.org", "long-enough-pw").id


def test_check_in_lands_on_the_persons_own_local_day(db: Database) -> None:
    sam = person(db, "sam")
    rhythm_time.set_settings(db, sam, "America/Los_Angeles", "21:00")
    late_evening = datetime(2026, 12, 3, 5, 30, tzinfo=UTC)  # 21:30 on 2 December in LA
    saved = checkins.check_in(db, sam, 3, "calm", now=late_evening)
    assert saved.day == date(2026, 12, 2)
    assert checkins.today(db, sam, now=late_evening).mine == saved
    assert checkins.prompt_open(db, sam, now=late_evening) is False  # already done
    next_evening = datetime(2026, 12, 4, 5, 30, tzinfo=UTC)
    assert checkins.prompt_open(db, sam, now=next_evening) is True
    before_time = datetime(2026, 12, 3, 20, 0, tzinfo=UTC)  # 12:00 in LA, before 21:00
    assert checkins.prompt_open(db, sam, now=before_time) is False
    # Changing today's answer keeps one check-in for the day.
    checkins.check_in(db, sam, 5, "close", now=late_evening)
    assert [c.closeness for c in checkins.history(db, sam, 3, now=late_evening)] == [5]


def test_partners_in_different_zones_reveal_by_their_own_days(db: Database) -> None:
    sam, alex = person(db, "sam"), person(db, "alex")
    couples.join(db, alex, couples.create_invite(db, sam))
    rhythm_time.set_settings(db, sam, "Asia/Tokyo", None)
    checkins.set_sharing(db, sam, True)
    moment = datetime(2026, 12, 2, 16, 0, tzinfo=UTC)  # 3 Dec 01:00 in Tokyo, 2 Dec in UTC
    checkins.check_in(db, sam, 4, "warm", now=moment)
    checkins.check_in(db, alex, 2, "tired", now=moment)
    # Alex's day is 2 December; Sam's check-in is for 3 December: nothing to reveal yet.
    assert checkins.today(db, alex, now=moment).partner.state == "none"  # type: ignore[union-attr]
    later = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    assert checkins.today(db, alex, now=later).partner.state == "waiting"  # type: ignore[union-attr]
    checkins.check_in(db, alex, 3, "calm", now=later)
    shown = checkins.today(db, alex, now=later).partner
    assert shown is not None and shown.state == "revealed" and shown.answer is not None
    assert shown.answer.closeness == 4


def test_a_later_partner_never_sees_the_old_couples_check_ins(db: Database) -> None:
    a, b, c = person(db, "a"), person(db, "b"), person(db, "c")
    moment = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    couples.join(db, b, couples.create_invite(db, a))
    checkins.set_sharing(db, a, True)
    checkins.check_in(db, a, 5, "close", "appreciated", "the old couple", now=moment)
    couples.unlink(db, a)
    couples.join(db, c, couples.create_invite(db, a))
    checkins.set_sharing(db, a, True)
    checkins.check_in(db, c, 3, "calm", now=moment)
    assert checkins.today(db, c, now=moment).partner.state == "none"  # type: ignore[union-attr]
    assert checkins.closeness_trend(db, c, 7, now=moment).partner == [None] * 7
