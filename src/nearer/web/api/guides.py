"""API: the guides library and a couple's notes on a guide."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from nearer.domain.fields import Slug
from nearer.services import guides
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas.common import errors, with_body
from nearer.web.schemas.guides import GuidePage, GuideSummary, NoteSaved, NoteWrite

router = APIRouter(tags=["guides"])
GuideId = Annotated[Slug, Path()]


@router.get("/guides", responses=errors(401))
def list_guides(user: ApiUser, db: Db) -> list[GuideSummary]:
    return [GuideSummary.model_validate(s.to_dict()) for s in guides.list_guides(db)]


@router.get("/guides/{guide_id}", responses=errors(401, 404, 422))
def read_guide(guide_id: GuideId, user: ApiUser, db: Db) -> GuidePage:
    """The guide as HTML with related guides; opening it counts one read for the caller."""
    return GuidePage.model_validate(guides.read_guide(db, user.id, guide_id).to_dict())


@router.put("/guides/{guide_id}/note", responses=with_body(401, 404, 409))
def leave_note(guide_id: GuideId, body: NoteWrite, user: ApiUser, db: Db) -> NoteSaved:
    """Write the caller's note for their partner (409 until linked); `safety` is the author's."""
    note, safety = guides.leave_note(db, user.id, guide_id, body.text)
    return NoteSaved.model_validate({**note.to_dict(), "safety": safety.summary()})
