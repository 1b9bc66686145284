"""Pages: "Before you say it" — the message coach, live as the person types; nothing is stored."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from nearer.analysis.coach import CoachResult
from nearer.domain.errors import InvalidInput
from nearer.services.accounts import Account
from nearer.services.coach import KIND_NAMES, MAX_CHARS, coach_draft, noticed_by, segments
from nearer.services.support import count_coached
from nearer.storage.db import Database
from nearer.web.deps import Csrf, Db, MaybeUser, PageUser, check_csrf
from nearer.web.safety_view import safety_context
from nearer.web.templating import render, templates

router = APIRouter()
# Generous on purpose: a draft a little over the limit gets the coach's own clear message.
MAX_BODY_BYTES = MAX_CHARS * 12 + 4096
TOO_LONG = f"The draft is too long; the coach reads at most {MAX_CHARS:,} characters."


def _result_context(db: Database, user: Account, result: CoachResult) -> dict[str, Any]:
    context: dict[str, Any] = {
        "result": result,
        "segments": segments(result.text, result.flags),
        "names": KIND_NAMES,
        "noticed_by": noticed_by,
    }
    if result.safety.flagged:
        context.update(safety_context(db, user.id, result.safety))
        context["saved"] = False  # coach drafts are never stored
    return context


def _page(request: Request, user: Account, extra: dict[str, Any], code: int = 200) -> Response:
    context = {"user": user, "text": "", "result": None, "names": KIND_NAMES, **extra}
    return render(request, "coach.html", context, code)


@router.get("/coach")
def coach_page(request: Request, user: PageUser) -> Response:
    return _page(request, user, {})


@router.post("/coach", dependencies=[Csrf])
def coach_form(
    request: Request,
    user: PageUser,
    db: Db,
    text: Annotated[str, Form(max_length=MAX_BODY_BYTES)] = "",
) -> Response:
    """The same reading without JavaScript: the form posts and the server renders it."""
    try:
        result = coach_draft(text)
    except InvalidInput as error:
        # Give the draft back so nothing the person wrote is lost.
        return _page(request, user, {"text": text, "error": error.problems[0].message}, 422)
    # A sent draft counts once in the private tally (if opted in); the live reading never does.
    count_coached(db, user.id, result.kinds)
    return _page(request, user, {"text": text, **_result_context(db, user, result)})


def _problem(message: str, code: int) -> JSONResponse:
    return JSONResponse(
        {"detail": message}, status_code=code, headers={"Cache-Control": "no-store"}
    )


async def _read_body(request: Request) -> tuple[str, bool]:
    """The draft, and whether it is being typed (a pause: the quick reading) or at rest."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise ValueError(TOO_LONG)
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError('Send JSON like {"text": "…"}.') from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise ValueError('Send JSON like {"text": "…"}.')
    typing = data.get("typing", False)
    if not isinstance(typing, bool):
        raise ValueError('"typing" must be true or false.')
    text: str = data["text"]
    return text, typing


def _safety_html(db: Database, user: Account, result: CoachResult) -> str | None:
    # The panel is rendered from our own autoescaped template and holds no draft text, so the
    # page may insert it as markup; everything from the draft travels as plain data.
    if not result.safety.flagged:
        return None
    return templates.get_template("_safety.html").render(
        {**safety_context(db, user.id, result.safety), "saved": False}
    )


def _answer(db: Database, user: Account, text: str, typing: bool) -> dict[str, Any]:
    result = coach_draft(text, typing=typing)
    data = result.to_named_dict()
    for row in data["flags"]:
        row["noticed_by"] = noticed_by(row["rule"])
    data["segments"] = [s.to_dict() for s in segments(result.text, result.flags)]
    data["names"] = KIND_NAMES
    data["safety_html"] = _safety_html(db, user, result)
    return data


@router.post("/coach/analyze")
async def coach_analyze(request: Request, user: MaybeUser, db: Db) -> Response:
    """The page's live reading. Login is checked before CSRF so a logged-out page is told why."""
    if user is None:
        return _problem("Log in to use the coach.", 401)
    try:
        await check_csrf(request)
    except HTTPException as error:
        return _problem(str(error.detail), error.status_code)
    try:
        text, typing = await _read_body(request)
        # A long draft takes a moment to read; keep the event loop free for other requests.
        data = await run_in_threadpool(_answer, db, user, text, typing)
    except InvalidInput as error:
        return _problem(error.problems[0].message, 422)
    except ValueError as error:
        return _problem(str(error), 422)
    return JSONResponse(data, headers={"Cache-Control": "no-store"})
