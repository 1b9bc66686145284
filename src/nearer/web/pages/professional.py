"""Pages for professionals: set up the account, enter a client's code, see exactly what each
client granted (every view is written to the client's audit log), and leave a short note."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from nearer.domain.errors import InvalidInput, NearerError, TooManyAttempts
from nearer.domain.paging import Page
from nearer.domain.support_sections import GRANT_SECTIONS
from nearer.services import invite_codes, professionals, report_render
from nearer.services.accounts import Account
from nearer.storage.db import Database
from nearer.web.api.accounts import client_address
from nearer.web.deps import AppSettings, Csrf, Db, PageUser, RowPath
from nearer.web.pages.auth import slowed
from nearer.web.schemas.paging import PageCursor
from nearer.web.templating import redirect, render

router = APIRouter()


def _home(
    request: Request,
    db: Database,
    user: Account,
    code: int = 200,
    cursor: str | None = None,
    **extra: Any,
) -> Response:
    profile = professionals.get_profile(db, user.id)
    clients = professionals.clients_page(db, user.id, cursor=cursor) if profile else Page([], None)
    context = {
        "user": user,
        "profile": profile,
        "clients": clients.items,
        "older": clients.next,
        "paged": bool(cursor),
        "sections": GRANT_SECTIONS,
        "errors": {},
        "form": {},
        **extra,
    }
    return render(request, "professional.html", context, code)


@router.get("/professional")
def professional_page(
    request: Request, user: PageUser, db: Db, cursor: PageCursor = None
) -> Response:
    """The professional's account, and their clients, the newest first, 50 at a time with an
    "Older clients" link (no script needed)."""
    return _home(request, db, user, cursor=cursor or None)


@router.post("/professional/profile", dependencies=[Csrf])
def set_profile(
    request: Request,
    user: PageUser,
    db: Db,
    name: Annotated[str, Form(max_length=400)] = "",
    practice: Annotated[str, Form(max_length=800)] = "",
) -> Response:
    try:
        professionals.set_profile(db, user.id, name, practice)
    except InvalidInput as error:
        errors = {p.field: p.message for p in error.problems}
        form = {"name": name, "practice": practice}
        return _home(request, db, user, 422, errors=errors, form=form)
    return redirect("/professional")


@router.post("/professional/join", dependencies=[Csrf])
def join(
    request: Request,
    user: PageUser,
    db: Db,
    settings: AppSettings,
    code: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    try:
        joined = invite_codes.join_as_professional(
            db, settings, user.id, code, client_address(request)
        )
    except NearerError as error:
        status = 429 if isinstance(error, TooManyAttempts) else 422
        page = _home(request, db, user, status, errors={"code": str(error)}, form={"code": code})
        return slowed(page, error)
    return redirect(f"/clients/{joined.link_id}")


def _client_page(
    request: Request, db: Database, user: Account, link_id: int, code: int = 200, **extra: Any
) -> Response:
    view = professionals.client_view(db, user.id, link_id)
    context = {"user": user, "client": view, "sections": GRANT_SECTIONS, "errors": {}, **extra}
    return render(request, "client.html", context, code)


@router.get("/clients/{link_id}")
def client_page(link_id: RowPath, request: Request, user: PageUser, db: Db) -> Response:
    return _client_page(request, db, user, link_id)


@router.post("/clients/{link_id}/notes", dependencies=[Csrf])
def leave_note(
    link_id: RowPath,
    request: Request,
    user: PageUser,
    db: Db,
    text: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    try:
        professionals.leave_note(db, user.id, link_id, text)
    except InvalidInput as error:
        errors = {p.field: p.message for p in error.problems}
        return _client_page(request, db, user, link_id, 422, errors=errors, note=text)
    return redirect(f"/clients/{link_id}?noted=1")


@router.get("/clients/{link_id}/couple")
def couple_page(link_id: RowPath, request: Request, user: PageUser, db: Db) -> Response:
    view = professionals.couple_view(db, user.id, link_id)
    context = {"user": user, "view": view, "sections": GRANT_SECTIONS}
    return render(request, "client_couple.html", context)


@router.get("/clients/{link_id}/report.pdf")
def client_report(link_id: RowPath, user: PageUser, db: Db) -> Response:
    made = professionals.client_report(db, user.id, link_id)
    return Response(
        report_render.pdf_bytes(made),
        media_type="application/pdf",
        headers={
            "Content-Disposition": 'attachment; filename="nearer-client-report.pdf"',
            "Cache-Control": "no-store",
        },
    )
