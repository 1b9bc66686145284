"""The private safety screen gates joint exercises, and tells the partner nothing but 'unavailable'."""

from __future__ import annotations

import pytest

from nearer.domain.errors import InvalidInput, NotAllowed
from nearer.domain.safety_screen import QUESTION_IDS
from nearer.services import accounts, couples, safety
from nearer.storage.db import Database

SAFE = {q: "no" for q in QUESTION_IDS}
AFRAID = {**SAFE, "afraid": "yes"}
QUIET = {**SAFE, "controlled": "prefer_not"}


def pair(db: Database) -> tuple[int, int]:
    a = accounts.sign_up(db, "a@example.org", "long-enough-pw").id
    b = accounts.sign_up(db, "b@example.org", "long-enough-pw").id
    couples.join(db, b, couples.create_invite(db, a))
    return a, b


def test_joint_exercises_wait_for_both_screens(db: Database) -> None:
    a, b = pair(db)
    assert safety.joint_status(db, a).state == "take_screen"
    safety.take_screen(db, a, SAFE)
    assert (
        safety.joint_status(db, a).state == "unavailable"
    )  # b has not screened; a is not told why
    safety.take_screen(db, b, SAFE)
    assert safety.joint_status(db, a).available and safety.joint_status(db, b).available
    safety.require_joint_exercises(db, a)


@pytest.mark.parametrize("answers", [AFRAID, QUIET])
def test_positive_screen_turns_joint_exercises_off_for_both(
    db: Database, answers: dict[str, str]
) -> None:
    a, b = pair(db)
    safety.take_screen(db, a, SAFE)
    outcome = safety.take_screen(db, b, answers)
    assert outcome.positive and outcome.reasons
    assert safety.joint_status(db, b).state == "not_for_you"
    partner_view = safety.joint_status(db, a)
    assert partner_view.state == "unavailable"
    assert partner_view.to_dict() == {"available": False, "state": "unavailable"}
    with pytest.raises(NotAllowed, match="both of you have taken your own private check-in"):
        safety.require_joint_exercises(db, a)


def test_partner_sees_the_same_words_whether_unscreened_or_positive(db: Database) -> None:
    a, b = pair(db)
    safety.take_screen(db, a, SAFE)
    unscreened = safety.joint_message(safety.joint_status(db, a))
    safety.take_screen(db, b, AFRAID)
    positive = safety.joint_message(safety.joint_status(db, a))
    assert unscreened == positive


def test_retaking_the_screen_reopens_joint_exercises(db: Database) -> None:
    a, b = pair(db)
    safety.take_screen(db, a, SAFE)
    safety.take_screen(db, b, AFRAID)
    safety.take_screen(db, b, SAFE)
    assert safety.joint_status(db, a).available


@pytest.mark.parametrize("answers", [{}, {"afraid": "maybe"}, {**SAFE, "extra": "no"}, ["no"]])
def test_bad_screen_answers_are_refused_and_not_stored(db: Database, answers: object) -> None:
    a, _ = pair(db)
    with pytest.raises(InvalidInput):
        safety.take_screen(db, a, answers)
    assert safety.latest_screen(db, a) is None
