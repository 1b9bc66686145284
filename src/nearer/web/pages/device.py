"""Pages for this device: leaving quickly, the app lock's PIN screen, and installing the app."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from nearer.domain.errors import InvalidInput
from nearer.services import accounts, app_lock
from nearer.web.deps import SESSION_COOKIE, Csrf, Db
from nearer.web.feedback import field_errors
from nearer.web.templating import clear_session, redirect, render

router = APIRouter()
STATIC = Path(__file__).resolve().parents[1] / "static"

# The installed app's card: its name, colours and icons, opening on Today.
MANIFEST = {
    "name": "Nearer",
    "short_name": "Nearer",
    "description": "A private companion for couples moving from distance to closeness.",
    "id": "/",
    "start_url": "/",
    "scope": "/",
    "display": "standalone",
    "background_color": "#faf7f2",
    "theme_color": "#2c6a64",
    "icons": [
        {"src": "/static/icon-192.png", "sizes": "192x192", "type": "image/png"},
        {"src": "/static/icon-512.png", "sizes": "512x512", "type": "image/png"},
        {
            "src": "/static/icon-maskable-192.png",
            "sizes": "192x192",
            "type": "image/png",
            "purpose": "maskable",
        },
        {
            "src": "/static/icon-maskable-512.png",
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": "/static/icon.svg", "sizes": "any", "type": "image/svg+xml"},
    ],
}


@router.post("/leave", dependencies=[Csrf])
def leave(request: Request, db: Db, go: Annotated[str, Form(max_length=1)] = "") -> Response:
    """"Leave quickly" logs this browser out: sent as a beacon by quick-exit.js (204, nothing
    waits for it), or, without JavaScript, as the button's own form (`go`), answered with the
    way out."""
    accounts.log_out(db, request.cookies.get(SESSION_COOKIE))
    response = Response(status_code=204)
    if go:
        response = RedirectResponse("/left", status_code=303)
    clear_session(response)
    return response


@router.get("/left")
def left(request: Request) -> Response:
    """The way out after "Leave quickly" without JavaScript: a blank page that moves on to the
    quick-exit site at once. A refresh, not a redirect, because the form's redirect would be
    held to `form-action 'self'` (the security headers) and stopped there."""
    return render(request, "left.html", {"bare": True,
                                         "url": request.app.state.settings.quick_exit_url})


def _lock_page(request: Request, db: Db, error: str | None = None, code: int = 200) -> Response:
    """The PIN screen: no menu and nothing of the person's, but "Leave quickly" still logs the
    locked login out when the person chose that (the beacon and the button's own form)."""
    context: dict[str, object] = {"bare": True, "error": error}
    logs_out = app_lock.leave_logs_out(db, request.cookies.get(SESSION_COOKIE))
    if logs_out is not None:
        context["exit_logs_out"] = logs_out
    return render(request, "lock.html", context, code)


@router.get("/lock")
def lock_page(request: Request, db: Db) -> Response:
    """The PIN screen. Opening it locks this login at once (the idle timer sends people here)."""
    token = request.cookies.get(SESSION_COOKIE)
    if not app_lock.lock_now(db, token).on:
        return redirect("/")
    return _lock_page(request, db)


@router.post("/lock", dependencies=[Csrf])
def unlock(
    request: Request, db: Db, pin: Annotated[str, Form(max_length=64)] = ""
) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    try:
        outcome = app_lock.unlock(db, token, pin)
    except InvalidInput as error:
        return _lock_page(request, db, field_errors(error)["pin"], 422)
    if outcome in (app_lock.UNLOCKED, app_lock.NO_LOCK):
        return redirect("/")
    if outcome == app_lock.ENDED:
        response = redirect("/login")
        clear_session(response)
        return response
    return _lock_page(request, db, "That PIN is not right. Try again, or log out and log in with your password.", 422)


@router.get("/manifest.webmanifest")
def manifest() -> Response:
    return Response(json.dumps(MANIFEST), media_type="application/manifest+json")


@router.get("/sw.js")
def service_worker() -> Response:
    """Served from the root so it may look after every page; it caches only /static/ files."""
    body = (STATIC / "sw.js").read_text(encoding="utf-8")
    return Response(
        body,
        media_type="text/javascript",
        headers={"Service-Worker-Allowed": "/"},
    )
