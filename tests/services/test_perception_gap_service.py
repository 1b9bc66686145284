"""The perception gap service: nothing crosses between partners without both consents."""

from __future__ import annotations

import pytest
from support import local_person

from nearer.domain.errors import Conflict, NotAllowed, NotFound
from nearer.domain.safety_screen import QUESTION_IDS
from nearer.services import couples, instruments, perception_gap, safety
from nearer.storage.db import Database
from nearer.storage.models import Couple, CoupleMember

ITEMS = [f"sg{i:02d}" for i in range(1, 13)]


person = local_person


def link(db: Database, a: int, b: int) -> None:
    with db.transaction() as session:
        couple = Couple()
        session.add(couple)
        session.flush()
        session.add_all([CoupleMember(user_id=a, couple_id=couple.id),
                         CoupleMember(user_id=b, couple_id=couple.id)])  # fmt: skip


SAFE_SCREEN = {q: "no" for q in QUESTION_IDS}


def answer(db: Database, who: int, about: str, value: int, **overrides: int) -> None:
    answers = {item: value for item in ITEMS} | overrides
    instruments.record_response(db, who, "signs", answers, about)


@pytest.fixture
def couple(db: Database) -> tuple[int, int]:
    a, b = person(db), person(db)
    link(db, a, b)
    answer(db, a, "self", 2, sg01=1)  # A sees themselves rarely steering away
    answer(db, b, "partner", 2, sg01=5)  # B sees A doing it very often
    answer(db, b, "self", 3)
    answer(db, a, "partner", 3, sg02=1)
    for who in (a, b):
        safety.take_screen(db, who, SAFE_SCREEN)
    return a, b


def test_gap_hidden_until_both_consent(db: Database, couple: tuple[int, int]) -> None:
    a, b = couple
    for who in (a, b):
        with pytest.raises(NotFound):
            perception_gap.couple_gap(db, who)
    perception_gap.give_consent(db, a)
    for who in (a, b):
        with pytest.raises(NotFound):
            perception_gap.couple_gap(db, who)
    perception_gap.give_consent(db, b)
    rows_a = perception_gap.couple_gap(db, a).rows()
    rows_b = perception_gap.couple_gap(db, b).rows()
    # Largest difference first: A on sg01 (1 vs 5), then B on sg02 (3 vs 1).
    assert [(r["item_id"], r["whose"], r["difference"]) for r in rows_a] == [
        ("sg01", "you", -4),
        ("sg02", "partner", 2),
    ]
    assert [(r["item_id"], r["whose"]) for r in rows_b] == [("sg01", "partner"), ("sg02", "you")]
    assert rows_a[0]["starter"].startswith("Your partner sees you")
    assert rows_b[0]["starter"].startswith("You see your partner")


def test_withdrawing_consent_hides_it_again(db: Database, couple: tuple[int, int]) -> None:
    a, b = couple
    perception_gap.give_consent(db, a)
    perception_gap.give_consent(db, a)  # giving twice is harmless
    perception_gap.give_consent(db, b)
    assert perception_gap.couple_gap(db, b).rows()
    perception_gap.withdraw_consent(db, b)
    for who in (a, b):
        with pytest.raises(NotFound):
            perception_gap.couple_gap(db, who)


def test_strangers_never_see_it(db: Database, couple: tuple[int, int]) -> None:
    a, b = couple
    perception_gap.give_consent(db, a)
    perception_gap.give_consent(db, b)
    stranger = person(db)
    with pytest.raises(Conflict):
        perception_gap.give_consent(db, stranger)  # consent exists only within a couple
    with pytest.raises(NotFound):
        perception_gap.couple_gap(db, stranger)


def test_missing_answers_keep_it_hidden(db: Database) -> None:
    a, b = person(db), person(db)
    link(db, a, b)
    answer(db, a, "self", 2)
    answer(db, b, "partner", 2)
    answer(db, b, "self", 3)  # A has not answered about B
    perception_gap.give_consent(db, a)
    perception_gap.give_consent(db, b)
    with pytest.raises(NotFound):
        perception_gap.couple_gap(db, a)


def test_status_shows_only_the_callers_own_side(db: Database, couple: tuple[int, int]) -> None:
    a, b = couple
    perception_gap.give_consent(db, b)
    status = perception_gap.gap_status(db, a).to_dict()
    assert status == {
        "linked": True,
        "consented": False,
        "answered_self": True,
        "answered_partner": True,
    }
    loner = person(db)
    assert perception_gap.gap_status(db, loner).to_dict()["answered_self"] is False


def test_a_positive_safety_screen_closes_the_gap_without_saying_why(
    db: Database, couple: tuple[int, int]
) -> None:
    a, b = couple
    perception_gap.give_consent(db, a)
    perception_gap.give_consent(db, b)
    assert perception_gap.couple_gap(db, a).rows()
    safety.take_screen(db, b, {**SAFE_SCREEN, "afraid": "yes"})
    with pytest.raises(NotAllowed, match="both of you have taken your own private check-in"):
        perception_gap.couple_gap(db, a)
    with pytest.raises(NotAllowed, match="turned off for you"):
        perception_gap.couple_gap(db, b)


def test_unlinking_ends_consent(db: Database, couple: tuple[int, int]) -> None:
    a, b = couple
    perception_gap.give_consent(db, a)
    perception_gap.give_consent(db, b)
    couples.unlink(db, a)
    assert not perception_gap.gap_status(db, a).consented
    assert not perception_gap.gap_status(db, b).consented
