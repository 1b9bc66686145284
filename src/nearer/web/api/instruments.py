"""API: questionnaires, the caller's own answers, and the couple's perception gap."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response, status

from nearer.domain.fields import Slug
from nearer.services import instruments, perception_gap
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas.common import errors, with_body
from nearer.web.schemas.instruments import (
    About,
    GapStatus,
    InstrumentDefinition,
    InstrumentSummary,
    PerceptionGap,
    ResponseCreate,
    ResponsePage,
    ResponsePublic,
)
from nearer.web.schemas.paging import LIMIT_DEFAULT, Cursor, Limit, link_next, paged_errors

router = APIRouter(tags=["instruments"])
InstrumentId = Annotated[Slug, Path()]


@router.get("/instruments", responses=errors(401))
def list_instruments(user: ApiUser, db: Db) -> list[InstrumentSummary]:
    return [
        InstrumentSummary.model_validate(
            {
                "id": i.id,
                "title": i.title,
                "version": i.version,
                "source": i.source,
                "about": list(i.about),
                "items": len(i.items),
            }
        )
        for i in instruments.list_instruments(db, user.id)
    ]


@router.get("/instruments/{instrument_id}", responses=errors(401, 404, 422))
def get_instrument(
    instrument_id: InstrumentId, user: ApiUser, db: Db, about: About | None = None
) -> InstrumentDefinition:
    """Item wording is for `about` (422 when the questionnaire is not asked that way)."""
    return InstrumentDefinition.model_validate(
        instruments.definition(db, instrument_id, user.id, about)
    )


@router.post(
    "/instruments/{instrument_id}/responses",
    status_code=status.HTTP_201_CREATED,
    responses=with_body(401, 404),
)
def answer(
    instrument_id: InstrumentId, body: ResponseCreate, user: ApiUser, db: Db
) -> ResponsePublic:
    """Answer every item; 422 names each missing, unknown or out-of-scale item."""
    saved = instruments.record_response(db, user.id, instrument_id, body.answers, body.about)
    return ResponsePublic.model_validate(saved.to_dict())


@router.get("/instruments/{instrument_id}/responses", responses=paged_errors(401, 404))
def history(
    instrument_id: InstrumentId,
    request: Request,
    response: Response,
    user: ApiUser,
    db: Db,
    about: About | None = None,
    limit: Limit = LIMIT_DEFAULT,
    cursor: Cursor = None,
) -> ResponsePage:
    """Your completions of this questionnaire, oldest first, a page at a time."""
    page = instruments.responses_page(db, user.id, instrument_id, about, limit=limit, cursor=cursor)
    link_next(request, response, page)
    items = [ResponsePublic.model_validate(r.to_dict()) for r in page.items]
    return ResponsePage(items=items, next=page.next)


@router.get("/couple/perception-gap", responses=errors(401, 403, 404))
def couple_gap(user: ApiUser, db: Db) -> PerceptionGap:
    """404 until both answered about themselves and each other, and both consented."""
    return PerceptionGap.model_validate(perception_gap.couple_gap(db, user.id).to_dict())


@router.get("/couple/perception-gap/consent", responses=errors(401))
def consent_status(user: ApiUser, db: Db) -> GapStatus:
    return GapStatus.model_validate(perception_gap.gap_status(db, user.id).to_dict())


@router.put("/couple/perception-gap/consent", responses=errors(401, 409))
def give_consent(user: ApiUser, db: Db) -> GapStatus:
    return GapStatus.model_validate(perception_gap.give_consent(db, user.id).to_dict())


@router.delete(
    "/couple/perception-gap/consent",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=errors(401),
)
def withdraw_consent(user: ApiUser, db: Db) -> Response:
    perception_gap.withdraw_consent(db, user.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
