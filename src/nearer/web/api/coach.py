"""API: the message coach reads a draft and answers; nothing is stored."""

from __future__ import annotations

from fastapi import APIRouter

from nearer.services.coach import coach_draft
from nearer.web.deps import ApiUser
from nearer.web.schemas.coach import CoachDraft, CoachResult
from nearer.web.schemas.common import with_body

router = APIRouter(tags=["coach"])


@router.post("/coach", responses=with_body(401))
def coach(body: CoachDraft, user: ApiUser) -> CoachResult:
    """Flags, feeling check, rewrite and safety for one draft. The draft is not kept anywhere."""
    return CoachResult.model_validate(coach_draft(body.text).to_dict())
