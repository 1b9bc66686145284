"""Pages: reacting to a shared entry, replying in its thread, and removing what you sent."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from nearer.domain.errors import InvalidInput
from nearer.services import journal, reactions
from nearer.web.deps import Csrf, Db, PageUser, RowPath
from nearer.web.feedback import plain_errors, redirect_with_toast
from nearer.web.safety_view import safety_context
from nearer.web.templating import render

router = APIRouter()


@router.post("/journal/{entry_id}/reactions", dependencies=[Csrf])
def react(
    entry_id: RowPath,
    request: Request,
    user: PageUser,
    db: Db,
    kind: Annotated[str, Form(max_length=16)] = "",
    reply: Annotated[str, Form(max_length=2_000)] = "",
) -> Response:
    try:
        done = reactions.react(db, user.id, entry_id, kind or None, reply)
    except InvalidInput as error:
        entry = journal.get_entry(db, user.id, entry_id)
        context = {
            "user": user,
            "entry": entry,
            **reactions.page_context(db, user.id, entry),
            "errors": plain_errors(error),
            "reply_text": reply,
        }
        return render(request, "entry.html", context, 422)
    if done.safety.flagged:
        entry = journal.get_entry(db, user.id, entry_id)
        context = {
            "user": user,
            "entry": entry,
            **reactions.page_context(db, user.id, entry),
            **safety_context(db, user.id, done.safety),
        }
        return render(request, "entry.html", context)
    return redirect_with_toast(f"/journal/{entry_id}#reactions", "responded")


@router.post("/journal/{entry_id}/reactions/{reaction_id}/delete", dependencies=[Csrf])
def delete_reaction(entry_id: RowPath, reaction_id: RowPath, user: PageUser, db: Db) -> Response:
    reactions.delete_reaction(db, user.id, entry_id, reaction_id)
    return redirect_with_toast(f"/journal/{entry_id}#reactions", "response-deleted")
