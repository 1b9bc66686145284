"""API: the message coach reads a draft and answers; nothing is stored."""

from __future__ import annotations

from fastapi import APIRouter

from nearer.services.coach import coach_draft
from nearer.services.support import count_coached
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas.coach import CoachDraft, CoachResult
from nearer.web.schemas.common import with_body

router = APIRouter(tags=["coach"])


@router.post("/coach", responses=with_body(401))
def coach(body: CoachDraft, user: ApiUser, db: Db) -> CoachResult:
    """Flags, feeling check, rewrite and safety for one draft. The draft is not kept anywhere;
    if the caller opted in to the private tally, a contempt or stonewalling flag adds one mark."""
    result = coach_draft(body.text)
    count_coached(db, user.id, result.kinds)
    return CoachResult.model_validate(result.to_named_dict())
