"""Check-ins, bids, steps, breaks and answers in export, import and account deletion."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from nearer.domain.errors import InvalidInput
from nearer.domain.safety_screen import QUESTION_IDS
from nearer.services import (
    accounts,
    bids,
    breaks,
    checkins,
    couples,
    portability,
    questions,
    safety,
    steps,
)
from nearer.storage.db import Database
from nearer.storage.models import Bid, BreakRequest, CheckIn, QuestionAnswer, StepDay, StepPick

WED = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def person(db: Database, name: str) -> int:
    return accounts.sign_up(db, f"{name}@example.org", "long-enough-pw").id


def couple_with_rhythm(db: Database) -> tuple[int, int]:
    a, b = person(db, "a"), person(db, "b")
    couples.join(db, b, couples.create_invite(db, a))
    for who in (a, b):
        safety.take_screen(db, who, dict.fromkeys(QUESTION_IDS, "no"))
    checkins.set_sharing(db, a, True)
    checkins.check_in(db, a, 4, "warm", "needed", "canaryEXPORTqz", now=WED)
    bids.add_bid(db, a, "canaryBIDEXPORTqz", "made", "toward", "shared", now=WED)
    pick = steps.pick_step(db, a, "walk-together", visibility="shared", now=WED)
    steps.mark_day(db, a, pick.id, now=WED)
    started = breaks.start_break(db, a, 30, now=WED)
    breaks.end_break(db, b, started.id, now=WED)
    questions.answer(db, a, "l01", "canaryANSWEREXPORTqz")
    return a, b


def test_export_holds_only_ones_own_rhythm(db: Database) -> None:
    a, b = couple_with_rhythm(db)
    mine = portability.export_data(db, a)
    assert [c["note"] for c in mine["checkins"]] == ["canaryEXPORTqz"]
    assert mine["checkins"][0]["day"] == "2026-12-02"
    assert [x["text"] for x in mine["bids"]] == ["canaryBIDEXPORTqz"]
    assert mine["small_steps"][0]["days_done"] == ["2026-12-02"]
    assert len(mine["breaks"]) == 1 and mine["question_answers"][0]["question_id"] == "l01"
    # B has not checked in nor answered: nothing of A's reaches B's export (the reveal holds).
    theirs = json.dumps(portability.export_data(db, b))
    for canary in ("canaryEXPORTqz", "canaryBIDEXPORTqz", "canaryANSWEREXPORTqz"):
        assert canary not in theirs


def test_import_is_validated_and_private(db: Database) -> None:
    a, _ = couple_with_rhythm(db)
    document = portability.export_data(db, a)
    c, d = person(db, "c"), person(db, "d")
    couples.join(db, d, couples.create_invite(db, c))
    safety.take_screen(db, d, dict.fromkeys(QUESTION_IDS, "no"))
    portability.import_data(db, c, document)  # brings c's screen along, too
    with db.transaction() as session:
        bid = session.scalars(select(Bid).where(Bid.author_id == c)).one()
        assert (bid.visibility, bid.shared_couple_id) == ("private", None)
        pick = session.scalars(select(StepPick).where(StepPick.user_id == c)).one()
        assert pick.visibility == "private" and len(pick.days_done) == 1
        assert session.scalars(select(CheckIn).where(CheckIn.user_id == c)).one().couple_id is None
    # The partner of the importer sees none of it.
    assert bids.our_bids(db, d, days=3650) == []
    assert questions.get(db, d, "l01").partner_state == "none"
    # Importing the same file again keeps one check-in for the day and one answer.
    portability.import_data(db, c, document)
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(CheckIn).where(CheckIn.user_id == c)) == 1
    broken = json.loads(json.dumps(document))
    broken["checkins"][0]["closeness"] = 8
    broken["bids"][0]["response"] = "sideways"
    broken["small_steps"][0]["step_id"] = "not-a-step"
    broken["question_answers"][0]["question_id"] = "zz99"
    with pytest.raises(InvalidInput) as error:
        portability.import_data(db, c, broken)
    # The bid's response fails the file's shape first, and is named on its own.
    assert [p.field for p in error.value.problems] == ["bids.0.response"]
    broken["bids"][0]["response"] = "toward"
    with pytest.raises(InvalidInput) as error:
        portability.import_data(db, c, broken)
    fields = {p.field for p in error.value.problems}
    assert fields == {"checkins.0.closeness", "small_steps.0.step_id",
                      "question_answers.0.question_id"}  # fmt: skip


def test_deleting_an_account_removes_every_rhythm_row(db: Database) -> None:
    a, b = couple_with_rhythm(db)
    accounts.delete_account(db, a)
    with db.transaction() as session:
        for model, column in ((CheckIn, CheckIn.user_id), (Bid, Bid.author_id),
                              (StepPick, StepPick.user_id), (BreakRequest, BreakRequest.user_id),
                              (QuestionAnswer, QuestionAnswer.user_id)):  # fmt: skip
            assert session.scalar(select(func.count()).select_from(model).where(column == a)) == 0
        assert session.scalar(select(func.count()).select_from(StepDay)) == 0
    assert bids.our_bids(db, b, days=3650) == []
