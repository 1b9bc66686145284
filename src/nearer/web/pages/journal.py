"""Pages: my journal, one entry, editing and sharing it, and my partner's shared entries."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from nearer.domain.errors import InvalidInput
from nearer.domain.paging import MAX_CURSOR
from nearer.services import couples, journal
from nearer.web.deps import Csrf, Db, PageUser
from nearer.web.feelings_view import merged_feelings, picker_context, saved_feelings
from nearer.web.safety_view import safety_context
from nearer.web.templating import redirect, render

router = APIRouter()
Text = Annotated[str, Form(max_length=40_000)]
Words = Annotated[str, Form(max_length=2_000)]


def words(raw: str) -> list[str]:
    return [w.strip() for w in raw.replace(";", ",").split(",") if w.strip()]


def intensity_of(raw: str) -> int | str | None:
    raw = raw.strip()
    if not raw:
        return None
    return int(raw) if raw.lstrip("-").isdigit() else raw


Cursor = Annotated[str | None, Query(max_length=MAX_CURSOR)]


def _journal_page(
    request: Request,
    db: Any,
    user: Any,
    extra: dict[str, Any] | None = None,
    code: int = 200,
    cursor: str | None = None,
) -> Response:
    page = journal.entries_page(db, user.id, cursor=cursor, readings=False)
    context = {
        "user": user,
        "entries": page.items,
        "older": page.next,
        "paged": bool(cursor),
        "couple": couples.status(db, user.id),
        "form": {},
        **picker_context(),
        **(extra or {}),
    }
    return render(request, "journal.html", context, code)


@router.get("/journal")
def journal_page(
    request: Request, user: PageUser, db: Db, saved: int | None = None, cursor: Cursor = None
) -> Response:
    # After a save, a gentle "feeling or judgement?" note for the words just chosen.
    extra = picker_context(saved_feelings(db, user.id, saved))
    return _journal_page(request, db, user, extra, cursor=cursor or None)


@router.post("/journal", dependencies=[Csrf])
def write_entry(
    request: Request,
    user: PageUser,
    db: Db,
    text: Text = "",
    feelings: Words = "",
    intensity: Annotated[str, Form(max_length=10)] = "",
    tags: Words = "",
    visibility: Annotated[str, Form(max_length=20)] = "private",
    feeling_pick: Annotated[list[str] | None, Form(max_length=40)] = None,
) -> Response:
    feelings = merged_feelings(feelings, feeling_pick or [])
    form = {"text": text, "feelings": feelings, "intensity": intensity, "tags": tags}
    try:
        saved = journal.write(
            db,
            user.id,
            text=text,
            feelings=words(feelings),
            intensity=intensity_of(intensity),
            tags=words(tags),
            visibility=visibility,
        )
    except InvalidInput as error:
        # Give the text back so nothing the person wrote is lost.
        return _journal_page(request, db, user, {"error": str(error), "form": form}, 422)
    if saved.safety.flagged:
        shown = {"saved": saved.entry, **safety_context(db, user.id, saved.safety)}
        return _journal_page(request, db, user, {**shown, **picker_context(saved.entry.feelings)})
    return redirect(f"/journal?saved={saved.entry.id}")


@router.get("/journal/{entry_id}")
def entry_page(entry_id: int, request: Request, user: PageUser, db: Db) -> Response:
    entry = journal.get_entry(db, user.id, entry_id)
    return render(request, "entry.html", {"user": user, "entry": entry})


@router.get("/journal/{entry_id}/edit")
def edit_page(entry_id: int, request: Request, user: PageUser, db: Db) -> Response:
    entry = journal.get_entry(db, user.id, entry_id)
    if not entry.mine:
        return render(request, "error.html", {"message": "No such entry."}, 404)
    return render(request, "entry_edit.html", {"user": user, "entry": entry, "form": None})


@router.post("/journal/{entry_id}/edit", dependencies=[Csrf])
def edit_entry(
    entry_id: int,
    request: Request,
    user: PageUser,
    db: Db,
    text: Text = "",
    feelings: Words = "",
    intensity: Annotated[str, Form(max_length=10)] = "",
    tags: Words = "",
) -> Response:
    changes = {
        "text": text,
        "feelings": words(feelings),
        "intensity": intensity_of(intensity),
        "tags": words(tags),
    }
    try:
        saved = journal.update_entry(db, user.id, entry_id, changes)
    except InvalidInput as error:
        entry = journal.get_entry(db, user.id, entry_id)
        form = {"text": text, "feelings": feelings, "intensity": intensity, "tags": tags}
        context = {"user": user, "entry": entry, "form": form, "error": str(error)}
        return render(request, "entry_edit.html", context, 422)
    if saved.safety.flagged:
        context = {"user": user, "entry": saved.entry, **safety_context(db, user.id, saved.safety)}
        return render(request, "entry.html", context)
    return redirect(f"/journal/{entry_id}")


@router.post("/journal/{entry_id}/visibility", dependencies=[Csrf])
def change_visibility(
    entry_id: int,
    user: PageUser,
    db: Db,
    visibility: Annotated[str, Form(max_length=20)] = "private",
) -> Response:
    journal.set_visibility(db, user.id, entry_id, visibility)
    return redirect(f"/journal/{entry_id}")


@router.post("/journal/{entry_id}/delete", dependencies=[Csrf])
def delete(entry_id: int, user: PageUser, db: Db) -> Response:
    journal.delete_entry(db, user.id, entry_id)
    return redirect("/journal")


@router.get("/partner")
def partner_page(request: Request, user: PageUser, db: Db, cursor: Cursor = None) -> Response:
    page = journal.partner_page(db, user.id, cursor=cursor or None)
    context = {
        "user": user,
        "entries": page.items,
        "older": page.next,
        "paged": bool(cursor),
        "couple": couples.status(db, user.id),
    }
    return render(request, "partner.html", context)
