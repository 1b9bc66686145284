"""API: the guides library and a couple's notes on a guide."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from nearer.services import guides
from nearer.web.deps import ApiUser, Db

router = APIRouter(tags=["guides"])


class NoteWrite(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    text: str = Field(max_length=40_000)


@router.get("/guides")
def list_guides(user: ApiUser, db: Db) -> list[dict[str, Any]]:
    return [summary.to_dict() for summary in guides.list_guides(db)]


@router.get("/guides/{guide_id}")
def read_guide(guide_id: str, user: ApiUser, db: Db) -> dict[str, Any]:
    """The guide as HTML with related guides; opening it counts one read for the caller."""
    return guides.read_guide(db, user.id, guide_id).to_dict()


@router.put("/guides/{guide_id}/note")
def leave_note(guide_id: str, body: NoteWrite, user: ApiUser, db: Db) -> dict[str, Any]:
    """Write the caller's note for their partner; `safety` is for the author only."""
    note, safety = guides.leave_note(db, user.id, guide_id, body.text)
    return {**note.to_dict(), "safety": safety.summary()}
