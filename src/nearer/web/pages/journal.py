"""Pages: my journal, one entry, editing and sharing it, and my partner's shared entries."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from nearer.domain.errors import InvalidInput
from nearer.domain.paging import MAX_CURSOR
from nearer.services import couples, journal
from nearer.web.deps import Csrf, Db, PageUser, RowPath
from nearer.web.feedback import plain_errors, redirect_with_toast
from nearer.web.feelings_view import merged_feelings, picker_context, saved_feelings
from nearer.web.safety_view import safety_context
from nearer.web.templating import render

router = APIRouter()
Text = Annotated[str, Form(max_length=40_000)]
Words = Annotated[str, Form(max_length=2_000)]
Choice = Annotated[str, Form(max_length=20)]
Picks = Annotated[list[str] | None, Form(max_length=40)]


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
        "errors": {},
        **picker_context(),
        **(extra or {}),
    }
    return render(request, "journal.html", context, code)


def _typed(
    text: str, feelings: str, intensity: str, tags: str, visibility: str, picks: list[str] | None
) -> dict[str, Any]:
    """The form as the person left it (wheel picks folded into the feelings words)."""
    merged = merged_feelings(feelings, picks or [])
    return {
        "text": text,
        "feelings": merged,
        "intensity": intensity,
        "tags": tags,
        "visibility": visibility,
    }


def _fields(form: dict[str, Any]) -> dict[str, Any]:
    return {
        "text": form["text"],
        "feelings": words(form["feelings"]),
        "intensity": intensity_of(form["intensity"]),
        "tags": words(form["tags"]),
        "visibility": form["visibility"],
    }


def _checked(form: dict[str, Any]) -> dict[str, Any]:
    """The form back, unsaved, with the "feeling or judgement?" notes for its words."""
    return {"form": form, **picker_context(words(form["feelings"]))}


@router.get("/journal")
def journal_page(
    request: Request, user: PageUser, db: Db, saved: int | None = None, cursor: Cursor = None
) -> Response:
    # After a save, the "feeling or judgement?" note for the words just chosen stays in view.
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
    visibility: Choice = "private",
    feeling_pick: Picks = None,
    check: Annotated[str, Form(max_length=60)] = "",
) -> Response:
    form = _typed(text, feelings, intensity, tags, visibility, feeling_pick)
    if check:
        return _journal_page(request, db, user, _checked(form))
    try:
        saved = journal.write(db, user.id, **_fields(form))
    except InvalidInput as error:
        # Give the text back so nothing the person wrote is lost; each problem beside its field.
        extra = {**_checked(form), "errors": plain_errors(error)}
        return _journal_page(request, db, user, extra, 422)
    if saved.safety.flagged:
        shown = {"saved": saved.entry, **safety_context(db, user.id, saved.safety)}
        return _journal_page(request, db, user, {**shown, **picker_context(saved.entry.feelings)})
    toast = "saved-shared" if saved.entry.visibility == "shared" else "saved"
    return redirect_with_toast(f"/journal?saved={saved.entry.id}", toast)


@router.get("/journal/{entry_id}")
def entry_page(
    entry_id: RowPath, request: Request, user: PageUser, db: Db, cursor: Cursor = None
) -> Response:
    """One entry and, while it is shared between the two of you, the newest 50 responses in
    its thread, with an "Older responses" link (no script needed)."""
    from nearer.services import reactions

    entry = journal.get_entry(db, user.id, entry_id)
    thread = reactions.page_context(db, user.id, entry, cursor or None)
    return render(request, "entry.html", {"user": user, "entry": entry, **thread})


def _edit_page(
    request: Request, db: Any, user: Any, entry: Any, extra: dict[str, Any], code: int = 200
) -> Response:
    context = {
        "user": user,
        "entry": entry,
        "couple": couples.status(db, user.id),
        "errors": {},
        **picker_context(),
        **extra,
    }
    return render(request, "entry_edit.html", context, code)


@router.get("/journal/{entry_id}/edit")
def edit_page(entry_id: RowPath, request: Request, user: PageUser, db: Db) -> Response:
    entry = journal.get_entry(db, user.id, entry_id)
    if not entry.mine:
        return render(request, "error.html", {"message": "No such entry."}, 404)
    form = {
        "text": entry.text,
        "feelings": ", ".join(entry.feelings),
        "intensity": entry.intensity,
        "tags": ", ".join(entry.tags),
        "visibility": entry.visibility,
    }
    return _edit_page(request, db, user, entry, {"form": form})


@router.post("/journal/{entry_id}/edit", dependencies=[Csrf])
def edit_entry(
    entry_id: RowPath,
    request: Request,
    user: PageUser,
    db: Db,
    text: Text = "",
    feelings: Words = "",
    intensity: Annotated[str, Form(max_length=10)] = "",
    tags: Words = "",
    visibility: Choice = "",
    feeling_pick: Picks = None,
    check: Annotated[str, Form(max_length=60)] = "",
) -> Response:
    entry = journal.get_entry(db, user.id, entry_id)
    if not entry.mine:
        return render(request, "error.html", {"message": "No such entry."}, 404)
    form = _typed(text, feelings, intensity, tags, visibility or entry.visibility, feeling_pick)
    if check:
        return _edit_page(request, db, user, entry, _checked(form))
    try:
        saved = journal.update_entry(db, user.id, entry_id, _fields(form))
    except InvalidInput as error:
        extra = {**_checked(form), "errors": plain_errors(error)}
        return _edit_page(request, db, user, entry, extra, 422)
    if saved.safety.flagged:
        context = {"user": user, "entry": saved.entry, **safety_context(db, user.id, saved.safety)}
        return render(request, "entry.html", context)
    return redirect_with_toast(f"/journal/{entry_id}", "changed")


@router.post("/journal/{entry_id}/visibility", dependencies=[Csrf])
def change_visibility(entry_id: RowPath, user: PageUser, db: Db, visibility: Choice = "private") -> Response:
    changed = journal.set_visibility(db, user.id, entry_id, visibility)
    return redirect_with_toast(f"/journal/{entry_id}", changed.visibility)


@router.post("/journal/{entry_id}/delete", dependencies=[Csrf])
def delete(entry_id: RowPath, user: PageUser, db: Db) -> Response:
    journal.delete_entry(db, user.id, entry_id)
    return redirect_with_toast("/journal", "deleted")


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
