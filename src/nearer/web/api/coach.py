"""API: the message coach reads a draft and answers; nothing is stored."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from nearer.services.coach import coach_draft
from nearer.services.support import count_coached
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas import Strict

router = APIRouter(tags=["coach"])


class CoachDraft(Strict):
    # No max_length here: the service answers an over-long draft with a clearer message.
    text: str


@router.post("/coach")
def coach(body: CoachDraft, user: ApiUser, db: Db) -> dict[str, Any]:
    """Flags, feeling check, rewrite and safety for one draft. The draft is not kept anywhere;
    if the caller opted in to the private tally, a contempt or stonewalling flag adds one mark."""
    result = coach_draft(body.text)
    count_coached(db, user.id, result.kinds)
    return result.to_dict()
