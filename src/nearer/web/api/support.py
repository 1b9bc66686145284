"""API: the support suggestion, the report, the person's professionals, and the professional's
clients. Thin: each route calls one service and shapes its answer with a typed model."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status

from nearer.domain.fields import MAX_ID, IsoDate
from nearer.domain.support_sections import REPORT_SECTIONS
from nearer.services import (
    invite_codes,
    professionals,
    report,
    report_render,
    rhythm_time,
    support,
)
from nearer.services.report import Report
from nearer.web.api.accounts import client_address
from nearer.web.deps import ApiUser, AppSettings, Db
from nearer.web.schemas.accounts import JoinRequest
from nearer.web.schemas.common import errors, with_body
from nearer.web.schemas.paging import LIMIT_DEFAULT, Cursor, Limit, link_next, paged_errors
from nearer.web.schemas.support import (
    AuditOut,
    AuditPage,
    ClientOut,
    ClientPage,
    ClientSummaryOut,
    CoachTallyIn,
    CoachTallyOut,
    CoupleOut,
    DoorOut,
    GrantsIn,
    InviteOut,
    NoteIn,
    NoteOut,
    ProfileIn,
    ProfileOut,
    ReportOut,
    SuggestionOut,
)

router = APIRouter()
PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {}}, "description": "The report as PDF."}
}
HTML: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "The report as an HTML document."}
}
_SECTION = "(?:" + "|".join(REPORT_SECTIONS) + ")"
Sections = Annotated[
    str | None,
    Query(
        max_length=200,
        pattern=rf"^{_SECTION}(?:,{_SECTION})*$",
        description="Comma-separated: " + ", ".join(REPORT_SECTIONS),
    ),
]
EntryIds = Annotated[
    str | None,
    Query(
        max_length=2000,
        pattern=r"^[0-9]{1,12}(?:,[0-9]{1,12})*$",
        description="Entry ids, comma-separated.",
    ),
]
Day = Annotated[IsoDate | None, Query(description="A day, YYYY-MM-DD.")]
LinkId = Annotated[int, Path(ge=1, le=MAX_ID, description="The id of a professional's door.")]


def _figures(items: Any) -> list[dict[str, Any]]:
    return [{"id": f.id, "title": f.title, "summary": f.summary} for f in items]


# --- the person's own suggestion and report ------------------------------------------------


@router.get("/support", tags=["support"], responses=errors(401))
def get_suggestion(user: ApiUser, db: Db) -> SuggestionOut:
    """Whether the caller's own data suggests talking to a professional now, and why."""
    return SuggestionOut.model_validate(support.suggestion(db, user.id).to_dict())


@router.put("/support/coach-tally", tags=["support"], responses=with_body(401))
def set_coach_tally(body: CoachTallyIn, user: ApiUser, db: Db) -> CoachTallyOut:
    """Opt in to (or out of) the private count of contempt/stonewalling flags in coach drafts."""
    return CoachTallyOut(enabled=support.set_coach_tally(db, user.id, body.enabled))


def _report(
    user: ApiUser,
    db: Db,
    start: Annotated[IsoDate | None, Query(alias="from", description="A day, YYYY-MM-DD.")] = None,
    end: Annotated[IsoDate | None, Query(alias="to", description="A day, YYYY-MM-DD.")] = None,
    sections: Sections = None,
    entries: EntryIds = None,
) -> Report:
    """The caller's own report for the chosen days and sections (the three report routes' input)."""
    opts = report.options(start, end, sections or "scores,patterns", entries,
                          today=rhythm_time.own_today(db, user.id))
    return report.build(db, user.id, opts)


OwnReport = Annotated[Report, Depends(_report)]


@router.get("/report", tags=["report"], responses=errors(401, 422))
def get_report(made: OwnReport) -> ReportOut:
    """The report's content as data: sections are scores, patterns, entries, reflections, gap."""
    return ReportOut.model_validate(made.to_dict())


@router.get(
    "/report/pdf", tags=["report"], response_class=Response, responses={**PDF, **errors(401, 422)}
)
def get_report_pdf(made: OwnReport) -> Response:
    return _pdf(report_render.pdf_bytes(made), "nearer-report.pdf")


@router.get(
    "/report/html", tags=["report"], response_class=Response, responses={**HTML, **errors(401, 422)}
)
def get_report_html(made: OwnReport) -> Response:
    return _html(report_render.standalone_html(made), "nearer-report.html")


def _download(body: bytes | str, media_type: str, name: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    return Response(body, media_type=media_type, headers=headers)


def _pdf(data: bytes, name: str) -> Response:
    return _download(data, "application/pdf", name)


def _html(text: str, name: str) -> Response:
    return _download(text, "text/html; charset=utf-8", name)


# --- the person's professionals ----------------------------------------------------------------


@router.post(
    "/professionals/invites",
    tags=["professionals"],
    status_code=status.HTTP_201_CREATED,
    responses=errors(401),
)
def invite_professional(user: ApiUser, db: Db) -> InviteOut:
    """A one-time code to give the professional you choose; nothing is shared until you grant it."""
    code, expires = professionals.create_invite(db, user.id)
    return InviteOut(code=code, expires_at=expires)


@router.get("/professionals", tags=["professionals"], responses=errors(401))
def list_professionals(user: ApiUser, db: Db) -> list[DoorOut]:
    return [
        DoorOut.model_validate(d.to_dict()) for d in professionals.my_professionals(db, user.id)
    ]


@router.get("/professionals/audit", tags=["professionals"], responses=paged_errors(401))
def audit_log(
    request: Request,
    response: Response,
    user: ApiUser,
    db: Db,
    limit: Limit = LIMIT_DEFAULT,
    cursor: Cursor = None,
) -> AuditPage:
    """Every read of your data by a professional: who, what and when, newest first."""
    page = professionals.audit_page(db, user.id, limit=limit, cursor=cursor)
    link_next(request, response, page)
    return AuditPage(
        items=[AuditOut.model_validate(a.to_dict()) for a in page.items], next=page.next
    )


@router.put(
    "/professionals/{link_id:int}/grants", tags=["professionals"], responses=with_body(401, 404)
)
def set_grants(link_id: LinkId, body: GrantsIn, user: ApiUser, db: Db) -> DoorOut:
    """Replace what this professional may see: scores, patterns, entries, report, safety."""
    door = professionals.set_grants(db, user.id, link_id, body.sections, body.entry_ids)
    return DoorOut.model_validate(door.to_dict())


@router.delete(
    "/professionals/{link_id:int}",
    tags=["professionals"],
    status_code=status.HTTP_204_NO_CONTENT,
    responses=errors(401, 404, 422),
)
def revoke(link_id: LinkId, user: ApiUser, db: Db) -> Response:
    """End this professional's access at once."""
    professionals.revoke(db, user.id, link_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- the professional's side -------------------------------------------------------------------


@router.put("/clients/profile", tags=["clients"], responses=with_body(401))
def set_profile(body: ProfileIn, user: ApiUser, db: Db) -> ProfileOut:
    """Make this a professional account, with the name and practice clients see."""
    return ProfileOut.model_validate(
        professionals.set_profile(db, user.id, body.name, body.practice).to_dict()
    )


@router.get("/clients/profile", tags=["clients"], responses=errors(401, 404))
def get_profile(user: ApiUser, db: Db) -> ProfileOut:
    from nearer.domain.errors import NotFound

    profile = professionals.get_profile(db, user.id)
    if profile is None:
        raise NotFound("professional account")
    return ProfileOut.model_validate(profile.to_dict())


@router.post(
    "/clients/join",
    tags=["clients"],
    status_code=status.HTTP_201_CREATED,
    responses=with_body(401, 404, 409, 429),
)
def join(
    body: JoinRequest, request: Request, user: ApiUser, db: Db, settings: AppSettings
) -> ClientSummaryOut:
    """Enter a person's one-time code; you see nothing until they grant it. Wrong codes are
    limited like failed logins."""
    joined = invite_codes.join_as_professional(
        db, settings, user.id, body.code, client_address(request)
    )
    return ClientSummaryOut.model_validate(joined.to_dict())


@router.get("/clients", tags=["clients"], responses=paged_errors(401, 404))
def list_clients(
    request: Request,
    response: Response,
    user: ApiUser,
    db: Db,
    limit: Limit = LIMIT_DEFAULT,
    cursor: Cursor = None,
) -> ClientPage:
    """Your current clients, the newest first, a page at a time (404 for an account that is
    not a professional's)."""
    page = professionals.clients_page(db, user.id, limit=limit, cursor=cursor)
    link_next(request, response, page)
    return ClientPage(
        items=[ClientSummaryOut.model_validate(c.to_dict()) for c in page.items], next=page.next
    )


@router.get("/clients/{link_id:int}", tags=["clients"], responses=errors(401, 404, 422))
def get_client(link_id: LinkId, user: ApiUser, db: Db) -> ClientOut:
    """Exactly what this client granted; every section read is written to their audit log."""
    return ClientOut.model_validate(professionals.client_view(db, user.id, link_id).to_dict())


@router.get("/clients/{link_id:int}/couple", tags=["clients"], responses=errors(401, 404, 422))
def get_couple(link_id: LinkId, user: ApiUser, db: Db) -> CoupleOut:
    """Both partners' items, only for sections each of them granted you."""
    view = professionals.couple_view(db, user.id, link_id)
    sections = {}
    for name, sides in view["sections"].items():
        sections[name] = {side: _plain(name, sides[side]) for side in ("client", "partner")}
    return CoupleOut.model_validate({**view, "sections": sections})


def _plain(section: str, items: Any) -> list[dict[str, Any]]:
    if section == "patterns":
        return _figures(items)
    return [item if isinstance(item, dict) else item.to_dict() for item in items]


@router.get(
    "/clients/{link_id:int}/report/pdf",
    tags=["clients"],
    response_class=Response,
    responses={**PDF, **errors(401, 404, 422)},
)
def client_report_pdf(link_id: LinkId, user: ApiUser, db: Db) -> Response:
    made = professionals.client_report(db, user.id, link_id)
    return _pdf(report_render.pdf_bytes(made), "nearer-client-report.pdf")


@router.get(
    "/clients/{link_id:int}/report/html",
    tags=["clients"],
    response_class=Response,
    responses={**HTML, **errors(401, 404, 422)},
)
def client_report_html(link_id: LinkId, user: ApiUser, db: Db) -> Response:
    made = professionals.client_report(db, user.id, link_id)
    return _html(report_render.standalone_html(made), "nearer-client-report.html")


@router.post(
    "/clients/{link_id:int}/notes",
    tags=["clients"],
    status_code=status.HTTP_201_CREATED,
    responses=with_body(401, 404),
)
def leave_note(link_id: LinkId, body: NoteIn, user: ApiUser, db: Db) -> NoteOut:
    """A short note for the person (at most 1,000 characters); nothing else can be written."""
    return NoteOut.model_validate(
        professionals.leave_note(db, user.id, link_id, body.text).to_dict()
    )
