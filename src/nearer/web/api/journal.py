"""API: the caller's journal entries and the partner's shared ones."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response, status
from starlette.concurrency import run_in_threadpool

from nearer.domain.fields import MAX_ID, IsoDate
from nearer.domain.journal import MAX_LABEL_LENGTH
from nearer.services import journal
from nearer.services.views import EntryView
from nearer.storage.db import Database
from nearer.web.deps import ApiUser, Db, SentToken, api_user
from nearer.web.schemas.common import errors, with_body
from nearer.web.schemas.journal import (
    EntryCreate,
    EntryPage,
    EntryPublic,
    EntryUpdate,
    PartnerEntryPage,
    PartnerEntryPublic,
)
from nearer.web.schemas.paging import LIMIT_DEFAULT, Cursor, Limit, link_next, paged_errors

router = APIRouter(tags=["journal"])
EntryId = Annotated[int, Path(ge=1, le=MAX_ID, description="An entry id (1 .. 2^31 - 1).")]
Filter = Annotated[str | None, Query(min_length=1, max_length=MAX_LABEL_LENGTH)]


def own(view: EntryView) -> EntryPublic:
    return EntryPublic.model_validate(view.to_dict())


def readable(view: EntryView) -> EntryPublic | PartnerEntryPublic:
    """The author's view with its readings, or the partner's view without them."""
    if view.mine:
        return own(view)
    return PartnerEntryPublic.model_validate(view.to_dict())


@router.post("/entries", status_code=status.HTTP_201_CREATED, responses=with_body(401, 409))
async def create_entry(body: EntryCreate, token: SentToken, db: Db) -> EntryPublic:
    """Write an entry. `shared` needs a partner (422 naming `visibility` until you are linked)."""
    # One hop to the thread pool for the login, the write and its answer: with `ApiUser` and a
    # plain `def`, FastAPI would hop there for the login, the write and the returned model.
    return await run_in_threadpool(_create, db, token, body)


def _create(db: Database, token: str, body: EntryCreate) -> EntryPublic:
    user = api_user(db, token)
    saved = journal.write(db, user.id, **body.model_dump())
    # The reading just made, with who is at risk (the stored one keeps only level and kinds).
    return EntryPublic.model_validate({**saved.entry.to_dict(), "safety": saved.safety.summary()})


@router.get("/entries", responses=paged_errors(401))
def list_entries(
    request: Request,
    response: Response,
    user: ApiUser,
    db: Db,
    since: Annotated[
        IsoDate | None, Query(description="Entries written on or after this day.")
    ] = None,
    feeling: Filter = None,
    tag: Filter = None,
    kind: Literal["journal", "reflection"] | None = None,
    limit: Limit = LIMIT_DEFAULT,
    cursor: Cursor = None,
) -> EntryPage:
    """Your own entries, newest first, a page at a time (`next` and `Link` lead to older ones)."""
    filters = journal.EntryFilter(since=since, feeling=feeling, tag=tag, kind=kind)
    page = journal.entries_page(db, user.id, filters, limit=limit, cursor=cursor)
    link_next(request, response, page)
    return EntryPage(items=[own(e) for e in page.items], next=page.next)


@router.get("/entries/{entry_id}", responses=errors(401, 404, 422))
def get_entry(entry_id: EntryId, user: ApiUser, db: Db) -> EntryPublic | PartnerEntryPublic:
    """Your own entry, or one your current partner shared with you (never their readings)."""
    return readable(journal.get_entry(db, user.id, entry_id))


@router.patch("/entries/{entry_id}", responses=with_body(401, 404, 409))
def update_entry(entry_id: EntryId, body: EntryUpdate, user: ApiUser, db: Db) -> EntryPublic:
    changes = body.model_dump(exclude_unset=True)
    return own(journal.update_entry(db, user.id, entry_id, changes).entry)


@router.delete(
    "/entries/{entry_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=errors(401, 404, 422),
)
def delete_entry(entry_id: EntryId, user: ApiUser, db: Db) -> Response:
    journal.delete_entry(db, user.id, entry_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/partner/entries", responses=paged_errors(401))
def partner_entries(
    request: Request,
    response: Response,
    user: ApiUser,
    db: Db,
    limit: Limit = LIMIT_DEFAULT,
    cursor: Cursor = None,
) -> PartnerEntryPage:
    """The entries your current partner chose to share with you — nothing else, ever."""
    page = journal.partner_page(db, user.id, limit=limit, cursor=cursor)
    link_next(request, response, page)
    items = [PartnerEntryPublic.model_validate(e.to_dict()) for e in page.items]
    return PartnerEntryPage(items=items, next=page.next)
