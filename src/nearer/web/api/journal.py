"""API: the caller's journal entries and the partner's shared ones."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Response, status

from nearer.services import journal
from nearer.web.deps import ApiUser, Db
from nearer.web.schemas import EntryCreate, EntryUpdate

router = APIRouter(tags=["journal"])


@router.post("/entries", status_code=status.HTTP_201_CREATED)
def create_entry(body: EntryCreate, user: ApiUser, db: Db) -> dict[str, Any]:
    return journal.write(db, user.id, **body.model_dump()).entry.to_dict()


@router.get("/entries")
def list_entries(
    user: ApiUser,
    db: Db,
    since: date | None = None,
    feeling: str | None = None,
    tag: str | None = None,
    kind: str | None = None,
) -> list[dict[str, Any]]:
    filters = journal.EntryFilter(since=since, feeling=feeling, tag=tag, kind=kind)
    return [e.to_dict() for e in journal.list_entries(db, user.id, filters)]


@router.get("/entries/{entry_id}")
def get_entry(entry_id: int, user: ApiUser, db: Db) -> dict[str, Any]:
    return journal.get_entry(db, user.id, entry_id).to_dict()


@router.patch("/entries/{entry_id}")
def update_entry(entry_id: int, body: EntryUpdate, user: ApiUser, db: Db) -> dict[str, Any]:
    changes = body.model_dump(exclude_unset=True)
    return journal.update_entry(db, user.id, entry_id, changes).entry.to_dict()


@router.delete("/entries/{entry_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_entry(entry_id: int, user: ApiUser, db: Db) -> Response:
    journal.delete_entry(db, user.id, entry_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/partner/entries")
def partner_entries(user: ApiUser, db: Db) -> list[dict[str, Any]]:
    return [e.to_dict() for e in journal.partner_entries(db, user.id)]
