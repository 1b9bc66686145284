"""Pages: questionnaires (list, form, result with plot or trend), adding a file, the perception gap."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from nearer.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound
from nearer.domain.instruments import Instrument
from nearer.services import admins, couples, instruments, perception_gap
from nearer.services import questionnaire_drafts as drafts
from nearer.services.gap_figure import gap_svg
from nearer.services.rhythm_time import own_zone
from nearer.web.deps import Csrf, Db, PageUser, RowPath
from nearer.web.templating import redirect, render

router = APIRouter()


@router.get("/instruments")
def instruments_page(request: Request, user: PageUser, db: Db) -> Response:
    context = {
        "user": user,
        "instruments": instruments.list_instruments(db, user.id),
        "latest": instruments.latest_responses(db, user.id),
    }
    return render(request, "instruments.html", context)


def _about(instrument: Instrument, about: str | None) -> str:
    if about not in instrument.about:
        return instrument.about[0]
    return str(about)


def _form_page(
    request: Request,
    user: Any,
    instrument: Instrument,
    about: str,
    extra: dict[str, Any],
    code: int,
    screen: int = 1,
) -> Response:
    given: dict[str, Any] = extra.pop("given", {})
    showing = set(drafts.on_screen(instrument, screen))
    items = [i for i in instrument.definition(about)["items"] if i["id"] in showing]
    total = len(instrument.items)
    answered = sum(1 for item in instrument.items if isinstance(given.get(item.id), int))
    context = {
        "user": user,
        "instrument": instrument,
        "about": about,
        "items": items,
        "first_number": (screen - 1) * drafts.GROUP + 1,
        "labels": dict(instrument.scale.labels),
        "values": range(instrument.scale.min, instrument.scale.max + 1),
        "given": given,
        "bad": {},
        "screen": screen,
        "screens": drafts.screens(instrument),
        "answered": answered,
        "total": total,
        **extra,
    }
    return render(request, "instrument_form.html", context, code)


def _screen_to_resume(instrument: Instrument, given: dict[str, int]) -> int:
    missing = [item.id for item in instrument.items if item.id not in given]
    return drafts.screen_of(instrument, missing[0]) if missing else drafts.screens(instrument)


@router.get("/instruments/{instrument_id}")
def form_page(
    instrument_id: str,
    request: Request,
    user: PageUser,
    db: Db,
    about: str | None = None,
    screen: Annotated[int | None, Query(ge=1, le=1000)] = None,
) -> Response:
    instrument = instruments.get_instrument(db, instrument_id, user.id)
    chosen = _about(instrument, about)
    given = drafts.get_draft(db, user.id, instrument, chosen)
    shown = min(screen, drafts.screens(instrument)) if screen else _screen_to_resume(instrument, given)
    return _form_page(request, user, instrument, chosen, {"given": given}, 200, shown)


def _answers_of(form: Any) -> dict[str, Any]:
    """Form fields `answer-<item>` as numbers; anything else is passed on for the engine to name."""
    answers: dict[str, Any] = {}
    for key, value in form.multi_items():
        if key.startswith("answer-") and isinstance(value, str):
            text = value.strip()
            answers[key[7:]] = int(text) if text.lstrip("-").isdigit() and len(text) < 6 else text
    return answers


def _screen_field(form: Any) -> int | None:
    raw = str(form.get("screen") or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 5 else None


@router.post("/instruments/{instrument_id}", dependencies=[Csrf])
async def submit(instrument_id: str, request: Request, user: PageUser, db: Db) -> Response:
    """One screen of answers: kept in the draft, then the next screen, the one before, or the
    result. A form without `screen` sends every answer at once and goes straight to the result."""
    form = await request.form()
    instrument = await run_in_threadpool(instruments.get_instrument, db, instrument_id, user.id)
    about = _about(instrument, str(form.get("about") or ""))
    posted = _answers_of(form)
    screen = _screen_field(form)
    go = str(form.get("go") or "finish")
    answers = posted
    if screen is not None:
        answers = await run_in_threadpool(
            drafts.save_draft, db, user.id, instrument, about, posted
        )
        last = drafts.screens(instrument)
        if go in ("next", "back"):
            to = max(1, min(last, screen + (1 if go == "next" else -1)))
            return redirect(f"/instruments/{instrument.id}?about={about}&screen={to}")
    try:
        saved = await run_in_threadpool(
            instruments.record_response, db, user.id, instrument.id, answers, about
        )
    except InvalidInput as error:
        bad = {p.field.removeprefix("answers."): _plain(p.message) for p in error.problems}
        first = next((i.id for i in instrument.items if i.id in bad), None)
        shown = drafts.screen_of(instrument, first) if first else (screen or 1)
        missing = sum(1 for i in instrument.items if i.id in bad)
        extra = {
            "error": f"{missing} of the items still need an answer; they are marked below.",
            "given": answers,
            "bad": bad,
        }
        return _form_page(request, user, instrument, about, extra, 422, shown)
    await run_in_threadpool(drafts.clear_draft, db, user.id, instrument.id, about)
    return redirect(f"/instruments/results/{saved.id}")


def _plain(message: str) -> str:
    text = message.strip()
    if text.startswith(("is ", "must ")):
        text = "This " + text
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _trend_svg(db: Db, user_id: int, instrument: Instrument, subscale: str) -> str | None:
    from nearer.domain.charts import line_chart

    history = instruments.list_responses(db, user_id, instrument.id, "self")
    if not history:
        return None
    low, high = instrument.score_range(subscale)
    return line_chart(
        f"{instrument.title} over time",
        instruments.trend_points(history, subscale, own_zone(db, user_id)),
        y_label="score",
        x_label="date answered",
        y_min=low,
        y_max=high,
    )


@router.get("/instruments/results/{response_id}")
def result_page(response_id: RowPath, request: Request, user: PageUser, db: Db) -> Response:
    result = instruments.get_response(db, user.id, response_id)
    try:
        instrument: Instrument | None = instruments.get_instrument(db, result.instrument_id, user.id)
    except NotFound:
        instrument = None
    trend = None
    if instrument is not None and result.instrument_id == instruments.SATISFACTION:
        trend = _trend_svg(db, user.id, instrument, instrument.subscales[0].id)
    context = {
        "user": user,
        "result": result,
        "instrument": instrument,
        "point": result.attachment(),
        "trend": trend,
        "says_not_a_diagnosis": True,  # the page says it once, so the footer does not repeat it
    }
    return render(request, "instrument_result.html", context)


def _add_page(request: Request, user: Any, db: Db, extra: dict[str, Any], code: int) -> Response:
    context = {
        "user": user,
        "instruments": instruments.list_instruments(db, user.id),
        "limit_kb": instruments.MAX_FILE_BYTES // 1024,
        "per_person": instruments.MAX_PER_PERSON,
        "is_admin": admins.is_admin(db, user.id),
        "problems": [],
        "bad": {},
        **extra,
    }
    return render(request, "admin_instruments.html", context, code)


@router.get("/instruments-admin")
def admin_page(request: Request, user: PageUser, db: Db) -> Response:
    return _add_page(request, user, db, {}, 200)


@router.post("/instruments-admin", dependencies=[Csrf])
async def add_instrument(
    request: Request,
    user: PageUser,
    db: Db,
    definition: Annotated[str, Form(max_length=1_000_000)] = "",
    publish: Annotated[str, Form(max_length=10)] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    # Only text reaches the service: the pasted YAML, or the bytes of an uploaded file. A file
    # name is a label for messages, never opened.
    name, content = "pasted.yaml", definition.encode("utf-8", errors="surrogatepass")
    if file is not None and file.filename:
        name = _label(file.filename)
        content = await file.read(instruments.MAX_FILE_BYTES + 1)  # one byte over is enough
    try:
        added = await run_in_threadpool(
            instruments.add_instrument, db, user.id, content, name, publish=publish == "yes"
        )
    except (InvalidInput, Conflict) as error:
        problems = error.problems if isinstance(error, InvalidInput) else []
        extra = {
            "problems": [p for p in problems if p.field not in ("definition", "publish")],
            "bad": {p.field: p.message for p in problems if p.field in ("definition", "publish")},
            "error": None if problems else str(error),
            "definition": definition[:2000] if len(definition) > 200_000 else definition,
        }
        return await run_in_threadpool(_add_page, request, user, db, extra, 422)
    return redirect(f"/instruments-admin?added={added.id}")


def _label(file_name: str) -> str:
    """A shown name for an upload: its last part, printable, short; never used as a path."""
    last = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    shown = "".join(ch for ch in last if ch.isprintable())[:100]
    return shown or "upload.yaml"


def _gap_page(request: Request, user: Any, db: Db, code: int = 200) -> Response:
    status = perception_gap.gap_status(db, user.id)
    joint = None
    chart = None
    try:
        found = perception_gap.couple_gap(db, user.id)
        gap = found.rows()
        chart = gap_svg(gap, found.scale_labels) if gap else None
    except NotFound:
        gap = None
    except NotAllowed as closed:
        gap, joint = None, str(closed)
    context = {
        "user": user,
        "joint": joint,
        "status": status,
        "gap": gap,
        "gap_chart": chart,
        "scale_labels": found.scale_labels if gap else {},
        "couple": couples.status(db, user.id),
    }
    return render(request, "perception_gap.html", context, code)


@router.get("/perception-gap")
def gap_page(request: Request, user: PageUser, db: Db) -> Response:
    return _gap_page(request, user, db)


@router.post("/perception-gap/consent", dependencies=[Csrf])
def set_consent(
    user: PageUser, db: Db, share: Annotated[str, Form(max_length=10)] = "no"
) -> Response:
    if share == "yes":
        perception_gap.give_consent(db, user.id)
    else:
        perception_gap.withdraw_consent(db, user.id)
    return redirect("/perception-gap")
