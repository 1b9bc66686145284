"""API: closeness questions in three decks, the mutual reveal, and going deeper together."""

from __future__ import annotations

from fastapi import APIRouter

from nearer.domain.fields import Slug
from nearer.domain.rhythm_content import questions_source
from nearer.services import questions
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas.common import errors, with_body
from nearer.web.schemas.rhythm import (
    AnsweredOut,
    AnswerWrite,
    DeckChoice,
    DeckOut,
    QuestionOut,
    QuestionsOut,
    SafetyOut,
)

router = APIRouter(tags=["closeness questions"])


def overview_out(found: questions.Questions) -> QuestionsOut:
    return QuestionsOut(
        open=found.open,
        linked=found.linked,
        message=found.message,
        decks=[DeckOut(**d.__dict__) for d in found.decks],
        current=None if found.current is None else QuestionOut(**found.current.__dict__),
        answered=[QuestionOut(**q.__dict__) for q in found.answered],
        source=questions_source(),
    )


@router.get("/questions", responses=errors(401))
def overview(user: ApiUser, db: Db) -> QuestionsOut:
    """Today's question for the two of you, the decks, and what you have both answered."""
    return overview_out(questions.overview(db, user.id))


@router.get("/questions/{question_id}", responses=errors(401, 403, 404, 422))
def one(question_id: Slug, user: ApiUser, db: Db) -> QuestionOut:
    return QuestionOut(**questions.get(db, user.id, question_id).__dict__)


@router.put("/questions/{question_id}/answer", responses=with_body(401, 403, 404))
def answer(question_id: Slug, body: AnswerWrite, user: ApiUser, db: Db) -> AnsweredOut:
    view, safety = questions.answer(db, user.id, question_id, body.text)
    return AnsweredOut(**view.__dict__, safety=SafetyOut(**safety.summary()))


@router.put("/questions-deck", responses=with_body(401, 403, 409))
def choose(body: DeckChoice, user: ApiUser, db: Db) -> QuestionsOut:
    """Choose to go deeper; the deck opens once you have both chosen it."""
    return overview_out(questions.choose_deck(db, user.id, body.deck, body.choose))
