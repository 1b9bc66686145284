"""API: reactions and short replies under an entry shared between the two of you."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response, status

from nearer.domain.fields import MAX_ID
from nearer.services import reactions
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas.common import errors, with_body
from nearer.web.schemas.paging import LIMIT_DEFAULT, Cursor, Limit, link_next, paged_errors
from nearer.web.schemas.reactions import (
    ReactionPage,
    ReactionPublic,
    ReactionWrite,
    SavedReaction,
)

router = APIRouter(tags=["reactions"])
EntryId = Annotated[int, Path(ge=1, le=MAX_ID, description="An entry id (1 .. 2^31 - 1).")]
ReactionId = Annotated[int, Path(ge=1, le=MAX_ID, description="A reaction id (1 .. 2^31 - 1).")]


def public(view: reactions.ReactionView) -> ReactionPublic:
    return ReactionPublic.model_validate(view.__dict__)


@router.get("/entries/{entry_id}/reactions", responses=paged_errors(401, 404))
def list_reactions(
    entry_id: EntryId,
    request: Request,
    response: Response,
    user: ApiUser,
    db: Db,
    limit: Limit = LIMIT_DEFAULT,
    cursor: Cursor = None,
) -> ReactionPage:
    """The thread under an entry you may read, newest first, a page at a time; empty unless it
    is shared between you two now."""
    page = reactions.reactions_page(db, user.id, entry_id, limit=limit, cursor=cursor)
    link_next(request, response, page)
    return ReactionPage(items=[public(v) for v in page.items], next=page.next)


@router.post(
    "/entries/{entry_id}/reactions",
    status_code=status.HTTP_201_CREATED,
    responses=with_body(401, 404, 409),
)
def react(entry_id: EntryId, body: ReactionWrite, user: ApiUser, db: Db) -> SavedReaction:
    """React to your partner's shared entry, or reply in its thread (409 if it is not shared)."""
    done = reactions.react(db, user.id, entry_id, body.kind, body.reply)
    return SavedReaction(**public(done.reaction).model_dump(), safety=done.safety.summary())


@router.delete(
    "/entries/{entry_id}/reactions/{reaction_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=errors(401, 404, 422),
)
def delete_reaction(entry_id: EntryId, reaction_id: ReactionId, user: ApiUser, db: Db) -> Response:
    """Remove a reaction you wrote."""
    reactions.delete_reaction(db, user.id, entry_id, reaction_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
