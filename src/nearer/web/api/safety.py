"""API: help resources, the private safety screen, and whether joint exercises are open."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from nearer.domain.help_resources import load_resources
from nearer.domain.safety_screen import SCREEN_QUESTIONS, WHY_NOT_COUPLES_WORK
from nearer.services import safety
from nearer.services.accounts import Account
from nearer.web.deps import ApiUser, Db, api_user_or_none
from nearer.web.schemas.common import errors, with_body
from nearer.web.schemas.safety import (
    HelpResources,
    JointStatus,
    ScreenAnswers,
    ScreenForm,
    ScreenQuestion,
    ScreenResult,
)

router = APIRouter(tags=["safety"])
MaybeApiUser = Annotated[Account | None, Depends(api_user_or_none)]


@router.get("/resources", responses=errors(422))
def resources(
    db: Db,
    user: MaybeApiUser,
    country: Annotated[str | None, Query(max_length=32, description="e.g. gb")] = None,
) -> HelpResources:
    """Help resources for the caller's country (or `?country=`), open to anyone; unknown → international."""
    chosen = country or safety.country_of(db, user.id if user else None)
    return HelpResources.model_validate(load_resources(chosen).to_dict())


@router.get("/safety-check", responses=errors(401))
def screen_questions(user: ApiUser, db: Db) -> ScreenForm:
    return ScreenForm(
        questions=[ScreenQuestion(id=q.id, text=q.text) for q in SCREEN_QUESTIONS],
        answers=["yes", "no", "prefer_not"],
        last_positive=safety.latest_screen(db, user.id),
    )


@router.post("/safety-check", status_code=status.HTTP_201_CREATED, responses=with_body(401))
def take_screen(body: ScreenAnswers, user: ApiUser, db: Db) -> ScreenResult:
    """Your private safety check; only you ever see the answers or the result."""
    outcome = safety.take_screen(db, user.id, body.answers.model_dump())
    result = ScreenResult.model_validate(outcome.to_dict())
    if outcome.positive:
        result.why = WHY_NOT_COUPLES_WORK
        result.resources = HelpResources.model_validate(safety.help_resources(db, user.id))
    return result


@router.get("/couple/joint-status", responses=errors(401))
def joint_status(user: ApiUser, db: Db) -> JointStatus:
    current = safety.joint_status(db, user.id)
    return JointStatus.model_validate(
        {**current.to_dict(), "message": safety.joint_message(current)}
    )
