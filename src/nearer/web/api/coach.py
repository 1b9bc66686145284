"""API: the message coach reads a draft and answers; nothing is stored."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from nearer.services.coach import coach_draft
from nearer.web.deps import ApiUser
from nearer.web.schemas import Strict

router = APIRouter(tags=["coach"])


class CoachDraft(Strict):
    # No max_length here: the service answers an over-long draft with a clearer message.
    text: str


@router.post("/coach")
def coach(body: CoachDraft, user: ApiUser) -> dict[str, Any]:
    """Flags, feeling check, rewrite and safety for one draft. The draft is not kept anywhere."""
    return coach_draft(body.text).to_dict()
