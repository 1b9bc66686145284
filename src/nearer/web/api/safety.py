"""API: help resources, the private safety screen, and whether joint exercises are open."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from nearer.domain.help_resources import RIGHT_NOW, load_resources
from nearer.domain.safety_screen import SCREEN_QUESTIONS, WHY_NOT_COUPLES_WORK
from nearer.services import safety
from nearer.services.accounts import Account
from nearer.web.deps import ApiUser, Db, api_user_or_none
from nearer.web.schemas import ScreenAnswers

router = APIRouter(tags=["safety"])
MaybeApiUser = Annotated[Account | None, Depends(api_user_or_none)]


@router.get("/resources")
def resources(db: Db, user: MaybeApiUser, country: str | None = None) -> dict[str, Any]:
    """Help resources for the caller's country (or `?country=`), with what to do right now."""
    chosen = country or safety.country_of(db, user.id if user else None)
    return {**load_resources(chosen).to_dict(), "right_now": RIGHT_NOW}


@router.get("/safety-check")
def screen_questions(user: ApiUser, db: Db) -> dict[str, Any]:
    return {
        "questions": [{"id": q.id, "text": q.text} for q in SCREEN_QUESTIONS],
        "answers": ["yes", "no", "prefer_not"],
        "last_positive": safety.latest_screen(db, user.id),
    }


@router.post("/safety-check", status_code=status.HTTP_201_CREATED)
def take_screen(body: ScreenAnswers, user: ApiUser, db: Db) -> dict[str, Any]:
    outcome = safety.take_screen(db, user.id, body.answers)
    data = outcome.to_dict()
    if outcome.positive:
        data["why"] = WHY_NOT_COUPLES_WORK
        data["resources"] = safety.help_resources(db, user.id)
    return data


@router.get("/couple/joint-status")
def joint_status(user: ApiUser, db: Db) -> dict[str, Any]:
    current = safety.joint_status(db, user.id)
    return {**current.to_dict(), "message": safety.joint_message(current)}
