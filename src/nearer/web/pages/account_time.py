"""Page: the person's own time zone, chosen in Account (the browser can fill it in)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from nearer.domain.errors import InvalidInput
from nearer.services import rhythm_time
from nearer.web.deps import Csrf, Db, PageUser
from nearer.web.feedback import plain_errors, redirect_with_toast
from nearer.web.templating import render

router = APIRouter()


@router.post("/account/time-zone", dependencies=[Csrf])
def set_time_zone(
    request: Request, user: PageUser, db: Db, time_zone: Annotated[str, Form(max_length=64)] = ""
) -> Response:
    from nearer.web.pages.account_choices import account_context

    try:
        rhythm_time.set_time_zone(db, user.id, time_zone.strip() or None)
    except InvalidInput as error:
        context = {
            "user": user,
            **account_context(request, db, user),
            "errors": plain_errors(error),
            "typed_zone": time_zone,
            "toast": None,
        }
        return render(request, "account.html", context, 422)
    return redirect_with_toast("/account", "time-zone")
