"""Importing the same file again adds nothing: small steps, bids, breaks, questionnaire answers
and safety checks are recognised like entries, and a week never gets more than two steps."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select
from support import local_person

from nearer.domain.errors import InvalidInput
from nearer.domain.safety_screen import QUESTION_IDS
from nearer.services import (
    bids,
    breaks,
    checkins,
    couples,
    instruments,
    portability,
    questions,
    safety,
    steps,
)
from nearer.storage.db import Database
from nearer.storage.models import (
    Bid,
    BreakRequest,
    CheckIn,
    InstrumentResponse,
    QuestionAnswer,
    SafetyScreen,
    StepPick,
)

WED = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
KINDS = {
    StepPick: StepPick.user_id,
    Bid: Bid.author_id,
    BreakRequest: BreakRequest.user_id,
    CheckIn: CheckIn.user_id,
    QuestionAnswer: QuestionAnswer.user_id,
    InstrumentResponse: InstrumentResponse.user_id,
    SafetyScreen: SafetyScreen.user_id,
}


def counts(db: Database, who: int) -> dict[str, int]:
    with db.transaction() as session:
        return {
            model.__name__: session.scalar(
                select(func.count()).select_from(model).where(column == who)
            )
            or 0
            for model, column in KINDS.items()
        }


def rhythm_export(db: Database) -> dict[str, Any]:
    me, partner = local_person(db), local_person(db)
    couples.join(db, partner, couples.create_invite(db, me))  # a break is a message to them
    for who in (me, partner):  # joint exercises open after both took the safety check
        safety.take_screen(db, who, dict.fromkeys(QUESTION_IDS, "no"))
    checkins.check_in(db, me, 4, "warm", "needed", "a walk", now=WED)
    bids.add_bid(db, me, "asked about her day", "made", "toward", now=WED)
    steps.pick_step(db, me, "walk-together", now=WED)
    steps.pick_step(db, me, text="Say thank you", now=WED)
    breaks.start_break(db, me, 30, now=WED)
    questions.answer(db, me, "l01", "the sea")
    instruments.record_response(db, me, "signs", {f"sg{i:02d}": 2 for i in range(1, 13)})
    return portability.export_data(db, me)


def test_importing_the_same_file_six_times_adds_everything_once(db: Database) -> None:
    document = rhythm_export(db)
    me = local_person(db)
    first = portability.import_data(db, me, document)
    assert (first.steps.added, first.steps.skipped) == (2, 0)
    once = counts(db, me)
    assert once == dict.fromkeys(once, 1) | {"StepPick": 2}
    for _ in range(5):
        again = portability.import_data(db, me, document)
        assert (again.steps.added, again.steps.skipped) == (0, 2)
        assert again.others.added == 0 and again.others.skipped == first.others.added
    assert counts(db, me) == once


def test_a_step_listed_six_times_is_imported_once(db: Database) -> None:
    document = rhythm_export(db)
    document["small_steps"] = document["small_steps"][:1] * 6
    me = local_person(db)
    report = portability.import_data(db, me, document)
    assert (report.steps.added, report.steps.skipped) == (1, 5)
    assert counts(db, me)["StepPick"] == 1


def test_a_week_never_gets_more_than_two_steps(db: Database) -> None:
    document = rhythm_export(db)
    third = copy.deepcopy(document["small_steps"][1])
    third["text"] = "Cook together"
    document["small_steps"].append(third)
    me = local_person(db)
    report = portability.import_data(db, me, document)
    assert (report.steps.added, report.steps.skipped) == (2, 1)
    # A week that already holds two steps here takes none from the file.
    other = local_person(db)
    steps.pick_step(db, other, "walk-together", now=WED)
    steps.pick_step(db, other, text="Write a note", now=WED)
    report = portability.import_data(db, other, document)
    assert (report.steps.added, report.steps.skipped) == (0, 3)
    with db.transaction() as session:
        texts = session.scalars(select(StepPick.text).where(StepPick.user_id == other)).all()
    assert sorted(texts) == sorted(["Write a note", steps.get_step("walk-together").text])


@pytest.mark.parametrize("data", [[], [{"format": "nearer-export", "version": 1}], "text", 3])
def test_a_file_that_is_not_an_export_object_is_named_plainly(db: Database, data: Any) -> None:
    with pytest.raises(InvalidInput) as error:
        portability.import_data(db, local_person(db), data)
    message = str(error.value)
    assert "is not a Nearer export" in message and "JSON object" in message
    assert "dictionary" not in message and "ExportDocument" not in message
