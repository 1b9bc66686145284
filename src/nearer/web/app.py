"""The web app: JSON API and server-rendered pages over the same services."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from nearer.domain.errors import (
    Conflict,
    InvalidInput,
    Locked,
    LoginFailed,
    NearerError,
    NotAllowed,
    NotFound,
    TooManyAttempts,
)
from nearer.services.accounts import secret_key
from nearer.settings import Settings, get_settings
from nearer.storage.db import Database
from nearer.web import api, pages
from nearer.web.deps import UNLOCKED_PATHS, AppLocked, LoginRequired, page_user_or_none
from nearer.web.headers import SecurityHeaders, apply_headers
from nearer.web.keyring_scope import KeyringPerRequest
from nearer.web.lifespan import housekeeping_lifespan
from nearer.web.limits import LimitBodySize
from nearer.web.routing import allowed_methods
from nearer.web.templating import redirect, render

log = logging.getLogger("nearer.web")
STATUS = {
    InvalidInput: 422,
    NotFound: 404,
    Conflict: 409,
    NotAllowed: 403,
    LoginFailed: 401,
    TooManyAttempts: 429,
    Locked: 423,
}


def _status_of(error: NearerError) -> int:
    return next((code for kind, code in STATUS.items() if isinstance(error, kind)), 400)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path.endswith(".json")


def _error_page(request: Request, message: str, code: int) -> Response:
    """The error page, with the bar of whoever is logged in (the logged-out bar for nobody, a
    locked app, or when the login cannot be read at all: the error may be the database's)."""
    viewer = None
    try:
        if request.url.path not in UNLOCKED_PATHS:  # there the app lock is not asked: no bar
            viewer = page_user_or_none(request, request.app.state.db)
    except Exception:  # noqa: BLE001 - an error page must render whatever else is broken
        viewer = None
    return render(request, "error.html", {"message": message, "user": viewer}, status_code=code)


def _detail(error: NearerError, query: Any = ()) -> Any:
    if isinstance(error, InvalidInput):
        return [
            {"loc": _where(p.field, query), "msg": p.message, "type": "value_error"}
            for p in error.problems
        ]
    return str(error)


def _where(field: str, query: Any = ()) -> list[str]:
    """A problem's place: a query option ("query.cursor", or a name the request's query string
    holds: `?from=`) or else a field of the body."""
    if field.startswith("query."):
        return ["query", field.removeprefix("query.")]
    if field in query:
        return ["query", field]
    return ["body", field]


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NearerError)
    async def nearer_error(request: Request, error: NearerError) -> Response:
        code = _status_of(error)
        if _wants_json(request):
            response: Response = JSONResponse({"detail": _detail(error, request.query_params)},
                                              status_code=code)
        else:
            response = _error_page(request, str(error), code)
        if isinstance(error, TooManyAttempts):
            response.headers["Retry-After"] = str(error.retry_after)
        return response

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _: LoginRequired) -> Response:
        return redirect("/login")

    @app.exception_handler(AppLocked)
    async def app_locked(request: Request, _: AppLocked) -> Response:
        return redirect("/lock")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        headers = dict(error.headers or {})
        if error.status_code == 400 and _wants_json(request):
            # FastAPI's answer to a body it cannot decode; bad input is a 422 everywhere else.
            problem = {"loc": ["body"], "msg": "is not valid JSON text", "type": "json_invalid"}
            return JSONResponse({"detail": [problem]}, status_code=422)
        if error.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        if _wants_json(request):
            return JSONResponse(
                {"detail": error.detail}, status_code=error.status_code, headers=headers
            )
        message = error.detail if error.status_code != 404 else "That page does not exist."
        page = _error_page(request, message, error.status_code)
        page.headers.update(headers)
        return page

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        details = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in error.errors()
        ]
        if _wants_json(request):
            return JSONResponse({"detail": details}, status_code=422)
        if details and all(d["loc"][:1] == ["path"] for d in details):  # /journal/abc
            return _error_page(request, "That page does not exist.", 404)
        text = "; ".join(f"{d['loc'][-1]}: {d['msg']}" for d in details)
        return _error_page(request, text, 422)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        message = "Something went wrong on our side. Nothing you wrote was lost."
        response: Response
        if _wants_json(request):
            response = JSONResponse({"detail": message}, status_code=500)
        else:
            response = _error_page(request, message, 500)
        # A crash is answered from outside every middleware, so the headers are added here.
        apply_headers(response.headers, request.url.path)
        return response


def create_app(db: Database | None = None, settings: Settings | None = None) -> FastAPI:
    from nearer.domain.rhythm_content import validate_all

    validate_all()  # a broken content file stops the app here, not in front of a person
    settings = settings or get_settings()
    db = db or Database(settings.resolved_database_url())
    # No /docs or /redoc: both load scripts from a public CDN and need inline script, which the
    # CSP forbids. The schema itself is at /openapi.json (see README).
    app = FastAPI(
        title="Nearer",
        version="0.1.0",
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=housekeeping_lifespan,
    )
    app.state.db = db
    app.state.settings = settings
    app.state.secret_key = secret_key(db, settings)
    app.add_middleware(KeyringPerRequest)  # innermost: keys live only while the route runs
    app.add_middleware(LimitBodySize)
    app.add_middleware(SecurityHeaders)  # added last, so it wraps the body limit's 413 too
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    for router in api.ROUTERS:
        app.include_router(router, prefix=api.PREFIX)
    app.include_router(pages.router)
    _install_error_handlers(app)
    return app
