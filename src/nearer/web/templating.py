"""Rendering pages: one Jinja2 environment, and the cookies every page response needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from nearer.domain.instruments import whole
from nearer.web.deps import CSRF_COOKIE, SESSION_COOKIE, csrf_seed, csrf_token
from nearer.web.feedback import sentence, take_toast, toast_of
from nearer.web.local_time import local_time, time_zone_names
from nearer.web.shell import install_helpers, shell_context

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
install_helpers(templates.env)
templates.env.filters["local_time"] = local_time
templates.env.filters["whole"] = whole
templates.env.filters["sentence"] = sentence
templates.env.globals["time_zone_names"] = time_zone_names


def _secure(request: Request) -> bool:
    return bool(request.app.state.settings.cookie_secure)


def _set_csrf_cookie(request: Request, response: Any) -> None:
    if CSRF_COOKIE not in request.cookies:
        response.set_cookie(
            CSRF_COOKIE,
            csrf_seed(request),
            httponly=True,
            samesite="strict",
            secure=_secure(request),
        )


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    settings = request.app.state.settings
    full = {
        "csrf_token": csrf_token(request),
        "quick_exit_url": settings.quick_exit_url,
        "user": None,
        **(context or {}),
    }
    user = full.get("user")
    full = {**shell_context(request, user), **full}
    if user is not None and "checkin_prompt" not in full and request.url.path not in ("/", "/checkin"):
        from nearer.services.checkins import prompt_open

        full["checkin_prompt"] = prompt_open(request.app.state.db, user.id)
    if user is not None and "breaks" not in full:
        from nearer.services.breaks import current_breaks

        full["banner_breaks"] = current_breaks(request.app.state.db, user.id)
    if not full.get("toast"):  # a page's own message first, else the one a redirect carried
        full["toast"] = toast_of(request)
    if user is not None and "time_zone" not in full:
        from nearer.services.rhythm_time import get_settings

        full["time_zone"] = get_settings(request.app.state.db, user.id).time_zone
    response = templates.TemplateResponse(request, name, full, status_code=status_code)
    take_toast(request, response)
    _set_csrf_cookie(request, response)
    response.headers["Cache-Control"] = "no-store"  # private pages must not linger in caches
    return response


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def set_session(request: Request, response: Any, token: str) -> None:
    days = request.app.state.settings.session_days
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=days * 86400,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
    )


def clear_session(response: Any) -> None:
    response.delete_cookie(SESSION_COOKIE)
