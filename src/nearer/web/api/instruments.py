"""API: questionnaires, the caller's own answers, and the couple's perception gap."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, ConfigDict, Field

from nearer.services import instruments, perception_gap
from nearer.web.deps import ApiUser, Db

router = APIRouter(tags=["instruments"])


class ResponseCreate(BaseModel):
    """Answers by item id; strict, so "3" or true is refused rather than read as a number."""

    model_config = ConfigDict(strict=True, extra="forbid")
    answers: dict[str, int] = Field(max_length=500)
    about: str = Field("self", max_length=16)


@router.get("/instruments")
def list_instruments(user: ApiUser, db: Db) -> list[dict[str, Any]]:
    return [
        {
            "id": i.id,
            "title": i.title,
            "version": i.version,
            "source": i.source,
            "about": list(i.about),
            "items": len(i.items),
        }
        for i in instruments.list_instruments(db, user.id)
    ]


@router.get("/instruments/{instrument_id}")
def get_instrument(
    instrument_id: str, user: ApiUser, db: Db, about: str | None = None
) -> dict[str, Any]:
    return instruments.definition(db, instrument_id, user.id, about)


@router.post("/instruments/{instrument_id}/responses", status_code=status.HTTP_201_CREATED)
def answer(instrument_id: str, body: ResponseCreate, user: ApiUser, db: Db) -> dict[str, Any]:
    return instruments.record_response(
        db, user.id, instrument_id, body.answers, body.about
    ).to_dict()


@router.get("/instruments/{instrument_id}/responses")
def history(
    instrument_id: str, user: ApiUser, db: Db, about: str | None = None
) -> list[dict[str, Any]]:
    return [r.to_dict() for r in instruments.list_responses(db, user.id, instrument_id, about)]


@router.get("/couple/perception-gap")
def couple_gap(user: ApiUser, db: Db) -> dict[str, Any]:
    return perception_gap.couple_gap(db, user.id).to_dict()


@router.get("/couple/perception-gap/consent")
def consent_status(user: ApiUser, db: Db) -> dict[str, bool]:
    return perception_gap.gap_status(db, user.id).to_dict()


@router.put("/couple/perception-gap/consent")
def give_consent(user: ApiUser, db: Db) -> dict[str, bool]:
    return perception_gap.give_consent(db, user.id).to_dict()


@router.delete("/couple/perception-gap/consent", status_code=status.HTTP_204_NO_CONTENT)
def withdraw_consent(user: ApiUser, db: Db) -> Response:
    perception_gap.withdraw_consent(db, user.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
