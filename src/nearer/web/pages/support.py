"""Pages: "Getting support" — the suggestion with its reasons, the report for a counsellor, and
the person's professionals (invite, grants, revoke, notes, audit log)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from nearer.domain.errors import Conflict, InvalidInput
from nearer.domain.support_rules import rule_book
from nearer.domain.support_sections import GRANT_SECTIONS, REPORT_SECTIONS
from nearer.services import (
    journal,
    professionals,
    report,
    report_render,
    rhythm_time,
    safety,
    support,
)
from nearer.services.accounts import Account
from nearer.storage.db import Database
from nearer.web.deps import Csrf, Db, PageUser, RowPath
from nearer.web.templating import redirect, render

router = APIRouter()
ENTRIES_SHOWN = 50
Field = Annotated[str, Form(max_length=4000)]
Picked = Annotated[list[str], Form(max_length=200)]


def _errors(error: InvalidInput) -> dict[str, str]:
    return {p.field: p.message for p in error.problems}


def _support_page(
    request: Request, db: Database, user: Account, code: int = 200, **extra: Any
) -> Response:
    suggestion = support.suggestion(db, user.id)
    context = {
        "user": user,
        "suggestion": suggestion,
        # Where safety comes first, the page shows the help lines themselves, not only a link.
        "resources": safety.help_resources(db, user.id) if "crisis" in suggestion.help else None,
        "book": rule_book(),
        "doors": professionals.my_professionals(db, user.id),
        "audit": professionals.audit_log(db, user.id),
        "sections": GRANT_SECTIONS,
        "entries": journal.entries_page(db, user.id, limit=ENTRIES_SHOWN, readings=False).items,
        "is_professional": professionals.get_profile(db, user.id) is not None,
        "errors": {},
        **extra,
    }
    return render(request, "support.html", context, code)


@router.get("/support")
def support_page(request: Request, user: PageUser, db: Db) -> Response:
    return _support_page(request, db, user)


@router.post("/support/coach-tally", dependencies=[Csrf])
def coach_tally(
    user: PageUser, db: Db, enabled: Annotated[str, Form(max_length=8)] = ""
) -> Response:
    support.set_coach_tally(db, user.id, enabled == "on")
    return redirect("/support#coach-tally")


@router.post("/support/invite", dependencies=[Csrf])
def invite(request: Request, user: PageUser, db: Db) -> Response:
    code, expires = professionals.create_invite(db, user.id)
    return _support_page(request, db, user, invite_code=code, invite_expires=expires)


@router.post("/support/professionals/{link_id}/grants", dependencies=[Csrf])
def grants(
    link_id: RowPath,
    request: Request,
    user: PageUser,
    db: Db,
    section: Picked = [],  # noqa: B006 - FastAPI reads the default, never mutates it
    entry: Picked = [],  # noqa: B006
) -> Response:
    try:
        professionals.set_grants(db, user.id, link_id, section, entry)
    except InvalidInput as error:
        return _support_page(request, db, user, 422, errors={link_id: _errors(error)})
    except Conflict as error:
        return _support_page(request, db, user, 409, errors={link_id: {"sections": str(error)}})
    return redirect(f"/support#professional-{link_id}")


@router.post("/support/professionals/{link_id}/revoke", dependencies=[Csrf])
def revoke(link_id: RowPath, user: PageUser, db: Db) -> Response:
    professionals.revoke(db, user.id, link_id)
    return redirect(f"/support#professional-{link_id}")


def _report_form(db: Database, user: Account) -> dict[str, Any]:
    return {
        "report_sections": REPORT_SECTIONS,
        "own_entries": journal.entries_page(db, user.id, limit=ENTRIES_SHOWN, readings=False).items,
        "shared_entries": journal.partner_page(db, user.id, limit=ENTRIES_SHOWN).items,
    }


@router.get("/report")
def report_page(
    request: Request,
    user: PageUser,
    db: Db,
    start: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=10)] = None,
    section: Annotated[list[str] | None, Query(max_length=10)] = None,
    entry: Annotated[list[str] | None, Query(max_length=200)] = None,
    show: Annotated[str | None, Query(max_length=8)] = None,
) -> Response:
    """The form, and (once submitted) the report itself as HTML with a PDF download link."""
    form = {"from": start or "", "to": end or "", "sections": section or [], "entries": entry or []}
    context: dict[str, Any] = {"user": user, "form": form, "errors": {}, **_report_form(db, user)}
    if show:
        try:
            opts = report.options(start, end, section or [], entry or [],
                                  today=rhythm_time.own_today(db, user.id))
            made = report.build(db, user.id, opts)
        except InvalidInput as error:
            return render(request, "report.html", {**context, "errors": _errors(error)}, 422)
        context["body"] = report_render.body_html(made)
        context["pdf_query"] = request.url.query
    return render(request, "report.html", context)


@router.get("/report.pdf")
def report_pdf(
    user: PageUser,
    db: Db,
    start: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=10)] = None,
    section: Annotated[list[str] | None, Query(max_length=10)] = None,
    entry: Annotated[list[str] | None, Query(max_length=200)] = None,
) -> Response:
    opts = report.options(start, end, section or [], entry or [],
                          today=rhythm_time.own_today(db, user.id))
    data = report_render.pdf_bytes(report.build(db, user.id, opts))
    return Response(
        data,
        media_type="application/pdf",
        headers={
            "Content-Disposition": 'attachment; filename="nearer-report.pdf"',
            "Cache-Control": "no-store",
        },
    )
