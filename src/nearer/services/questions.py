"""Closeness questions, graduated in three decks (after Aron et al.'s fast-friends procedure).

Both partners answer the same question; each sees the other's answer only once both have
answered. The couple moves to a deeper deck only when both choose to (a consent bound to this
couple, so it ends with it). Joint questions stay closed after a positive private safety screen,
like the perception gap. Someone not linked may answer alone, privately, from any deck.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nearer.analysis.safety import SafetyResult
from nearer.domain.errors import Conflict, InvalidInput, NotFound, Problem
from nearer.domain.journal import check_text
from nearer.domain.rhythm_content import DECK_ORDER, Deck, Question, decks, get_question
from nearer.services.access import current_couple_id, lock_couple, partner_id, require_user
from nearer.services.safety import joint_message, joint_status
from nearer.services.text_checks import read_text
from nearer.storage.db import Database
from nearer.storage.models import Consent, QuestionAnswer

MAX_ANSWER = 2000


def _scope(deck: str) -> str:
    return f"deck:{deck}"


@dataclass(frozen=True)
class QuestionView:
    id: str
    deck: str
    text: str
    mine: str | None
    partner_state: str  # none / waiting (they answered; answer to see it) / revealed / alone
    partner_answer: str | None


@dataclass(frozen=True)
class DeckView:
    id: str
    title: str
    description: str
    count: int
    unlocked: bool
    chosen: bool  # the caller's own choice to go this deep; the partner's is never shown


@dataclass(frozen=True)
class Questions:
    open: bool
    linked: bool
    message: str
    decks: list[DeckView] = field(default_factory=list)
    current: QuestionView | None = None
    answered: list[QuestionView] = field(default_factory=list)


def _chose(session: Session, user_id: int, deck: str, couple: int | None) -> bool:
    consent = session.get(Consent, (user_id, _scope(deck)))
    return couple is not None and consent is not None and consent.couple_id == couple


def _unlocked(session: Session, user_id: int, other: int | None, couple: int | None) -> list[str]:
    if other is None:
        return list(DECK_ORDER)  # alone: every deck, answered privately
    found = [DECK_ORDER[0]]
    for deck in DECK_ORDER[1:]:
        if not (_chose(session, user_id, deck, couple) and _chose(session, other, deck, couple)):
            break
        found.append(deck)
    return found


def _answers(session: Session, user_id: int, couple: int | None) -> dict[str, str]:
    query = select(QuestionAnswer).where(QuestionAnswer.user_id == user_id)
    query = query.where(
        QuestionAnswer.couple_id == couple if couple is not None else QuestionAnswer.couple_id.is_(None)
    )
    return {a.question_id: a.text for a in session.scalars(query)}


def _view(q: Question, mine: dict[str, str], theirs: dict[str, str] | None) -> QuestionView:
    own = mine.get(q.id)
    if theirs is None:
        return QuestionView(q.id, q.deck, q.text, own, "alone", None)
    if q.id not in theirs:
        return QuestionView(q.id, q.deck, q.text, own, "none", None)
    if own is None:  # the reveal: nothing of theirs before one's own answer
        return QuestionView(q.id, q.deck, q.text, None, "waiting", None)
    return QuestionView(q.id, q.deck, q.text, own, "revealed", theirs[q.id])


def _gate(db: Database, user_id: int) -> tuple[bool, bool, str]:
    """(open, linked, message): open when alone, or when the joint exercises are open."""
    status = joint_status(db, user_id)
    with db.transaction() as session:
        linked = partner_id(session, user_id) is not None
    if not linked:
        return True, False, "You are answering alone; your answers stay private."
    return status.available, True, "" if status.available else joint_message(status)


def overview(db: Database, user_id: int, deck: str | None = None) -> Questions:
    is_open, linked, message = _gate(db, user_id)
    if not is_open:
        return Questions(False, linked, message)
    with db.transaction() as session:
        require_user(session, user_id)
        other = partner_id(session, user_id)
        couple = current_couple_id(session, user_id)
        unlocked = _unlocked(session, user_id, other, couple)
        mine = _answers(session, user_id, couple)
        theirs = _answers(session, other, couple) if other is not None else None
        deck_views = [
            DeckView(d.id, d.title, d.description, len(d.questions), d.id in unlocked,
                     d.id == DECK_ORDER[0] or _chose(session, user_id, d.id, couple))
            for d in decks()
        ]  # fmt: skip
    by_id = {d.id: d for d in decks()}
    if deck is not None and deck not in by_id:
        raise InvalidInput([Problem("deck", f"should be one of {', '.join(DECK_ORDER)}")])
    if deck is not None and deck not in unlocked:
        raise NotFound("deck (it opens when you both choose to go deeper)")
    chosen = [by_id[deck]] if deck is not None else [by_id[d] for d in unlocked]
    current = _current(chosen, mine, theirs)
    answered = [
        _view(q, mine, theirs)
        for d in decks() for q in d.questions
        if q.id in mine and (theirs is None or q.id in theirs)
    ]  # fmt: skip
    return Questions(True, linked, message, deck_views, current, answered)


def _current(
    open_decks: list[Deck], mine: dict[str, str], theirs: dict[str, str] | None
) -> QuestionView | None:
    """The couple's question now: the first in the deepest open deck not yet answered by both
    (so both always see the same one), else the first unanswered in a lighter deck. Alone, the
    decks are taken from the lightest, as a couple would."""

    def done(q: Question) -> bool:
        return q.id in mine and (theirs is None or q.id in theirs)

    for deck in open_decks if theirs is None else reversed(open_decks):
        for q in deck.questions:
            if not done(q):
                return _view(q, mine, theirs)
    return None


def _open_question(db: Database, user_id: int, question_id: str) -> tuple[Question, int | None]:
    try:
        question = get_question(question_id)
    except NotFound:
        raise NotFound("question") from None
    is_open, _, message = _gate(db, user_id)
    if not is_open:
        from nearer.domain.errors import NotAllowed

        raise NotAllowed(message)
    with db.transaction() as session:
        other = partner_id(session, user_id)
        couple = current_couple_id(session, user_id)
        if question.deck not in _unlocked(session, user_id, other, couple):
            raise NotFound("question (its deck opens when you both choose to go deeper)")
    return question, couple


def get(db: Database, user_id: int, question_id: str) -> QuestionView:
    question, _ = _open_question(db, user_id, question_id)
    with db.transaction() as session:
        other = partner_id(session, user_id)
        couple = current_couple_id(session, user_id)
        mine = _answers(session, user_id, couple)
        theirs = _answers(session, other, couple) if other is not None else None
        return _view(question, mine, theirs)


def answer(
    db: Database, user_id: int, question_id: str, text: object
) -> tuple[QuestionView, SafetyResult]:
    """Save the caller's answer; the safety reading of it is for the author alone."""
    problems: list[Problem] = []
    clean = check_text(text, problems)
    if not problems and len(clean) > MAX_ANSWER:
        problems.append(Problem("text", f"is over {MAX_ANSWER:,} characters"))
    if problems:
        raise InvalidInput(problems)
    _open_question(db, user_id, question_id)
    safety = read_text(clean, emotions=False).safety
    with db.transaction() as session:
        couple = lock_couple(session, user_id)
        query = select(QuestionAnswer).where(
            QuestionAnswer.user_id == user_id, QuestionAnswer.question_id == question_id,
            QuestionAnswer.couple_id == couple if couple is not None
            else QuestionAnswer.couple_id.is_(None),
        )  # fmt: skip
        row = session.scalar(query)
        if row is None:
            session.add(QuestionAnswer(user_id=user_id, question_id=question_id,
                                       couple_id=couple, text=clean))  # fmt: skip
        else:
            row.text = clean
    return get(db, user_id, question_id), safety


def choose_deck(db: Database, user_id: int, deck: object, choose: bool) -> Questions:
    """Say (or take back) that you would like to go this deep; it opens when both have chosen."""
    if deck not in DECK_ORDER[1:]:
        raise InvalidInput([Problem("deck", "should be 'deeper' or 'deepest'")])
    is_open, linked, message = _gate(db, user_id)
    if not linked:
        raise Conflict("Alone, every deck is already open to you.")
    if not is_open:
        from nearer.domain.errors import NotAllowed

        raise NotAllowed(message)
    scope = _scope(str(deck))
    try:
        with db.transaction() as session:
            couple = lock_couple(session, user_id)
            consent = session.get(Consent, (user_id, scope))
            if not choose:
                if consent is not None:
                    session.delete(consent)
            elif consent is None:
                session.add(Consent(user_id=user_id, scope=scope, couple_id=couple))
            else:
                consent.couple_id = couple
    except IntegrityError:
        pass
    return overview(db, user_id)

