"""Sharing is bound to the couple it was made in: nothing reaches a former or a next partner.

Each test reproduces a probe from issue 13 (A shares with B, unlinks, links with C).
"""

from __future__ import annotations

import threading
from functools import partial

import pytest
from support import local_person

from nearer.domain.errors import Conflict, InvalidInput, NearerError, NotFound
from nearer.domain.safety_screen import QUESTION_IDS
from nearer.services import couples, guides, instruments, journal, perception_gap, safety
from nearer.storage.db import Database
from nearer.storage.models import Couple

CANARY = "I'm scared of him — canary-7f3a"
ITEMS = [f"sg{i:02d}" for i in range(1, 13)]
GUIDE = "bids-for-connection"


person = local_person


def link(db: Database, a: int, b: int) -> None:
    couples.join(db, b, couples.create_invite(db, a))


def test_next_partner_cannot_read_an_entry_shared_with_the_last(db: Database) -> None:
    a, b, c = person(db), person(db), person(db)
    link(db, a, b)
    shared = journal.write(db, a, text=CANARY, visibility="shared").entry
    assert [e.text for e in journal.partner_entries(db, b)] == [CANARY]
    couples.unlink(db, a)
    link(db, a, c)
    assert journal.partner_entries(db, c) == []
    with pytest.raises(NotFound):
        journal.get_entry(db, c, shared.id)
    with pytest.raises(NotFound):
        journal.get_entry(db, b, shared.id)  # the former partner sees nothing either


def test_unlinking_makes_shared_entries_private_again(db: Database) -> None:
    a, b = person(db), person(db)
    link(db, a, b)
    entry = journal.write(db, a, text=CANARY, visibility="shared").entry
    couples.unlink(db, b)  # either partner may end it
    assert journal.get_entry(db, a, entry.id).visibility == "private"


def test_sharing_while_single_is_refused_and_nothing_is_saved(db: Database) -> None:
    a = person(db)
    with pytest.raises(InvalidInput) as error:
        journal.write(db, a, text=CANARY, visibility="shared")
    assert error.value.problems[0].field == "visibility"
    assert journal.list_entries(db, a) == []


def test_relinking_with_the_same_person_starts_empty(db: Database) -> None:
    a, b = person(db), person(db)
    link(db, a, b)
    journal.write(db, a, text=CANARY, visibility="shared")
    couples.unlink(db, a)
    link(db, b, a)
    assert journal.partner_entries(db, b) == []


def test_guide_note_for_one_partner_never_reaches_the_next(db: Database) -> None:
    a, b, c = person(db), person(db), person(db)
    link(db, a, b)
    guides.leave_note(db, a, GUIDE, "Thank you for the walk — canary-note")
    assert guides.read_guide(db, b, GUIDE).partner_note is not None
    couples.unlink(db, a)
    link(db, a, c)
    assert guides.read_guide(db, c, GUIDE).partner_note is None
    assert guides.read_guide(db, b, GUIDE).partner_note is None
    mine = guides.read_guide(db, a, GUIDE).my_note
    assert mine is not None and mine.held_back  # the author keeps it, shown to no one


def test_guide_note_while_single_is_refused(db: Database) -> None:
    with pytest.raises(Conflict):
        guides.leave_note(db, person(db), GUIDE, "hello")


def _answer(db: Database, who: int, about: str, value: int) -> None:
    instruments.record_response(db, who, "signs", dict.fromkeys(ITEMS, value), about)


def _ready_for_gap(db: Database, a: int, b: int) -> None:
    for who in (a, b):
        _answer(db, who, "self", 2)
        _answer(db, who, "partner", 4)
        safety.take_screen(db, who, dict.fromkeys(QUESTION_IDS, "no"))
        perception_gap.give_consent(db, who)


def test_perception_gap_from_answers_about_b_never_reaches_c(db: Database) -> None:
    a, b, c = person(db), person(db), person(db)
    link(db, a, b)
    _ready_for_gap(db, a, b)
    assert perception_gap.couple_gap(db, b).items
    couples.unlink(db, a)
    link(db, a, c)
    _answer(db, c, "self", 3)
    _answer(db, c, "partner", 3)
    safety.take_screen(db, c, dict.fromkeys(QUESTION_IDS, "no"))
    for who in (a, c):
        perception_gap.give_consent(db, who)
    with pytest.raises(NotFound):  # A's answers about B belong to A and B's couple only
        perception_gap.couple_gap(db, c)
    status = perception_gap.gap_status(db, a)
    assert status.linked and not status.answered_self and not status.answered_partner


def test_consent_given_while_single_is_refused(db: Database) -> None:
    a = person(db)
    with pytest.raises(Conflict):
        perception_gap.give_consent(db, a)
    assert not perception_gap.gap_status(db, a).consented


def test_consent_ends_with_the_couple(db: Database) -> None:
    a, b, c = person(db), person(db), person(db)
    link(db, a, b)
    perception_gap.give_consent(db, a)
    couples.unlink(db, b)
    link(db, a, c)
    assert not perception_gap.gap_status(db, a).consented


def test_ended_couple_is_kept_and_its_id_never_reused(db: Database) -> None:
    a, b, c = person(db), person(db), person(db)
    link(db, a, b)
    couples.unlink(db, a)
    link(db, a, c)
    with db.transaction() as session:
        rows = session.query(Couple).order_by(Couple.id).all()
        assert [r.ended_at is not None for r in rows] == [True, False]
        assert rows[0].id != rows[1].id


def _race(*actions: object) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(actions))

    def run(action: object) -> None:
        barrier.wait()
        try:
            action()  # type: ignore[operator]
        except NearerError:
            pass
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_share_and_consent_racing_an_unlink_never_reach_the_next_partner(db: Database) -> None:
    for round_ in range(8):
        a, b, c = person(db), person(db), person(db)
        link(db, a, b)
        entry = journal.write(db, a, text=f"{CANARY} {round_}").entry
        errors = _race(
            partial(journal.set_visibility, db, a, entry.id, "shared"),
            partial(perception_gap.give_consent, db, a),
            partial(guides.leave_note, db, a, GUIDE, f"note {round_}"),
            partial(couples.unlink, db, b),
        )
        assert errors == []
        link(db, a, c)
        assert journal.partner_entries(db, c) == []
        with pytest.raises(NotFound):
            journal.get_entry(db, c, entry.id)
        assert not perception_gap.gap_status(db, a).consented
        assert guides.read_guide(db, c, GUIDE).partner_note is None


def test_two_people_joining_each_others_invite_at_once_link_once(db: Database) -> None:
    for _ in range(6):
        a, b = person(db), person(db)
        code_a, code_b = couples.create_invite(db, a), couples.create_invite(db, b)
        errors = _race(partial(couples.join, db, b, code_a), partial(couples.join, db, a, code_b))
        assert errors == []  # a Conflict or NotFound for the slower one, never a deadlock
        assert couples.status(db, a).linked and couples.status(db, b).linked
        with db.transaction() as session:
            assert session.query(Couple).filter(Couple.ended_at.is_(None)).count() == 1
        couples.unlink(db, a)
