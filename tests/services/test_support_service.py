"""The suggestion reads the person's own rows only; the coach tally is opt-in and keeps no text."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from nearer.domain.safety_screen import QUESTION_IDS
from nearer.services import accounts, checkins, couples, instruments, safety, support
from nearer.storage.db import Database
from nearer.storage.models import CoachTally

PW = "long-enough-pw"
TODAY = date(2026, 12, 2)


def weekly(db: Database, user: int, day: int, month: int, value: int) -> None:
    # sat3 is reverse-keyed: all answers `value` except sat3 at 6 - value give a total of 4 x value.
    answers = {"sat1": value, "sat2": value, "sat3": 6 - value, "sat4": value}
    at = datetime(2026, month, day, 12, tzinfo=UTC)
    instruments.record_response(db, user, "satisfaction", answers, at=at)


def statuses(db: Database, user: int) -> dict[str, str]:
    return {o.rule.id: o.status for o in support.suggestion(db, user, TODAY).outcomes}


def test_hard_weeks_of_one_partner_never_fire_for_the_other(db: Database) -> None:
    ana = accounts.sign_up(db, "ana@example.org", PW).id
    ben = accounts.sign_up(db, "ben@example.org", PW).id
    couples.join(db, ben, couples.create_invite(db, ana))
    for day, month in ((10, 11), (17, 11), (24, 11)):
        weekly(db, ana, day, month, 1)  # total 4: a hard week
    mine = support.suggestion(db, ana, TODAY)
    assert mine.suggested and statuses(db, ana)["low_satisfaction"] == "fired"
    assert mine.help == ("couples",)
    reasons = next(o for o in mine.outcomes if o.rule.id == "low_satisfaction").reasons
    assert "4 on 10 Nov 2026, 4 on 17 Nov 2026, 4 on 24 Nov 2026" in reasons[0]
    assert not support.suggestion(db, ben, TODAY).suggested


def test_a_positive_screen_suggests_crisis_help_not_couples_counselling(db: Database) -> None:
    ana = accounts.sign_up(db, "ana@example.org", PW).id
    for day in (10, 17, 24):
        weekly(db, ana, day, 11, 1)
    safety.take_screen(db, ana, {**dict.fromkeys(QUESTION_IDS, "no"), QUESTION_IDS[0]: "yes"})
    found = support.suggestion(db, ana, TODAY)
    assert statuses(db, ana)["safety"] == "fired"
    assert found.help == ("crisis", "individual")


def test_the_coach_tally_counts_only_when_on_and_forgets_when_off(db: Database) -> None:
    ana = accounts.sign_up(db, "ana@example.org", PW).id
    assert support.count_coached(db, ana, ("contempt",)) is False  # off by default
    assert statuses(db, ana)["coach_contempt"] == "skipped"
    support.set_coach_tally(db, ana, True)
    assert support.count_coached(db, ana, ("criticism",)) is False  # not a tallied kind
    for _ in range(4):
        assert support.count_coached(db, ana, ("contempt", "stonewalling")) is True
    today = datetime.now(UTC).date()
    assert {o.rule.id: o.status for o in support.suggestion(db, ana, today).outcomes}[
        "coach_contempt"
    ] == "silent"  # four drafts: one under the five needed
    support.count_coached(db, ana, ("stonewalling",))
    assert {o.rule.id: o.status for o in support.suggestion(db, ana, today).outcomes}[
        "coach_contempt"
    ] == "fired"
    with db.transaction() as session:
        kinds = sorted(session.scalars(select(CoachTally.kind)).all())
    assert kinds == ["both", "both", "both", "both", "stonewalling"]
    support.set_coach_tally(db, ana, False)
    with db.transaction() as session:
        assert session.scalars(select(CoachTally)).all() == []


def test_the_closeness_rule_reads_only_the_persons_own_check_ins(db: Database) -> None:
    ana = accounts.sign_up(db, "ana@example.org", PW).id
    ben = accounts.sign_up(db, "ben@example.org", PW).id
    assert statuses(db, ana)["low_closeness"] == "silent"  # no check-ins yet
    noon = datetime.combine(TODAY, datetime.min.time(), UTC).replace(hour=12)
    # Ben, not Ana, has seven distant days in a row; Ana's days are fine.
    for back in range(7):
        checkins.check_in(db, ben, 1, "lonely", now=noon - timedelta(days=back))
        checkins.check_in(db, ana, 4, "warm", now=noon - timedelta(days=back))
    assert statuses(db, ana)["low_closeness"] == "silent"
    assert statuses(db, ben)["low_closeness"] == "fired"
    # Six low days are one short of the rule's run of seven.
    with db.transaction() as session:
        points = support.recent_closeness(session, ben, TODAY)
    assert [p.value for p in points] == [1.0] * 7
    checkins.check_in(db, ben, 3, "calm", now=noon - timedelta(days=3))
    assert statuses(db, ben)["low_closeness"] == "silent"
