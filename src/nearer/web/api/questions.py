"""API: closeness questions in three decks, the mutual reveal, and going deeper together."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from nearer.domain.rhythm_content import questions_source
from nearer.services import questions
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas.common import Strict

router = APIRouter(tags=["closeness questions"])


class QuestionOut(BaseModel):
    id: str
    deck: str
    text: str
    mine: str | None
    partner_state: Literal["none", "waiting", "revealed", "alone"] = Field(
        description="'waiting': your partner answered; answer to see theirs."
    )
    partner_answer: str | None


class SafetyOut(BaseModel):
    level: str
    kinds: list[str]


class AnsweredOut(QuestionOut):
    safety: SafetyOut = Field(description="What the safety check noticed; for you alone.")


class DeckOut(BaseModel):
    id: str
    title: str
    description: str
    count: int
    unlocked: bool
    chosen: bool = Field(description="Your own choice to go this deep (never your partner's).")


class QuestionsOut(BaseModel):
    open: bool
    linked: bool
    message: str
    decks: list[DeckOut]
    current: QuestionOut | None
    answered: list[QuestionOut]
    source: str


class AnswerWrite(Strict):
    text: str = Field(max_length=10_000)


class DeckChoice(Strict):
    deck: Literal["deeper", "deepest"]
    choose: bool = True


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


@router.get("/questions")
def overview(user: ApiUser, db: Db) -> QuestionsOut:
    """Today's question for the two of you, the decks, and what you have both answered."""
    return overview_out(questions.overview(db, user.id))


@router.get("/questions/{question_id}")
def one(question_id: str, user: ApiUser, db: Db) -> QuestionOut:
    return QuestionOut(**questions.get(db, user.id, question_id).__dict__)


@router.put("/questions/{question_id}/answer")
def answer(question_id: str, body: AnswerWrite, user: ApiUser, db: Db) -> AnsweredOut:
    view, safety = questions.answer(db, user.id, question_id, body.text)
    return AnsweredOut(**view.__dict__, safety=SafetyOut(**safety.summary()))


@router.put("/questions-deck")
def choose(body: DeckChoice, user: ApiUser, db: Db) -> QuestionsOut:
    """Choose to go deeper; the deck opens once you have both chosen it."""
    return overview_out(questions.choose_deck(db, user.id, body.deck, body.choose))
