"""Questionnaire use cases: list and present instruments, record scored answers, add a file."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError

from nearer.domain.attachment import AttachmentPoint
from nearer.domain.errors import Conflict, InvalidInput, NotFound, Problem
from nearer.domain.field_checks import is_row_id
from nearer.domain.instruments import (
    AnswerError,
    Instrument,
    InstrumentError,
    builtin_instruments,
    load_instrument,
    score,
)
from nearer.domain.paging import DEFAULT_LIMIT, Page
from nearer.services import instrument_store
from nearer.services.access import current_couple_id, lock_user, require_user
from nearer.services.paging import keyset_page
from nearer.storage.db import Database
from nearer.storage.models import CustomInstrument, InstrumentResponse, utcnow

MAX_FILE_BYTES = 200 * 1024
MAX_PER_PERSON = 20  # questionnaires one account may add
ATTACHMENT = "attachment"
SATISFACTION = "satisfaction"


@dataclass(frozen=True)
class ResponseView:
    """One completion of a questionnaire by its author, with the score as it was computed then."""

    id: int
    instrument_id: str
    instrument_version: str
    about: str
    answers: dict[str, int]
    result: dict[str, Any]  # Score.to_dict() at the time of answering
    created_at: datetime

    @classmethod
    def of(cls, row: InstrumentResponse) -> ResponseView:
        return cls(
            id=row.id,
            instrument_id=row.instrument_id,
            instrument_version=row.instrument_version,
            about=row.about,
            answers=dict(row.answers),
            result=dict(row.scores),
            created_at=row.created_at,
        )

    def subscales(self) -> dict[str, dict[str, Any]]:
        subs: dict[str, dict[str, Any]] = self.result.get("subscales", {})
        return subs

    def scores(self) -> dict[str, float]:
        return {key: float(sub["value"]) for key, sub in self.subscales().items()}

    def attachment(self) -> AttachmentPoint | None:
        """The point on the anxiety x avoidance plane, for the attachment questionnaire only."""
        subs = self.subscales()
        if self.instrument_id != ATTACHMENT or not {"anxiety", "avoidance"} <= set(subs):
            return None
        anxiety, avoidance = subs["anxiety"], subs["avoidance"]
        return AttachmentPoint(
            float(anxiety["value"]),
            float(avoidance["value"]),
            float(anxiety["min"]),
            float(anxiety["max"]),
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "instrument_id": self.instrument_id,
            "instrument_version": self.instrument_version,
            "about": self.about,
            "answers": self.answers,
            "scores": self.scores(),
            "result": self.result,
            "created_at": self.created_at.isoformat(),
        }
        point = self.attachment()
        if point is not None:
            data["attachment"] = point.to_dict()
        return data


def list_instruments(db: Database, viewer: int | None) -> list[Instrument]:
    """The built-in instruments first, then the added ones `viewer` may see, oldest first."""
    return [*builtin_instruments().values(), *instrument_store.visible(db, viewer)]


def get_instrument(db: Database, instrument_id: str, viewer: int | None) -> Instrument:
    """A built-in instrument, or an added one `viewer` may see; anything else is 'not found'."""
    builtin = builtin_instruments().get(instrument_id)
    if builtin is not None:
        return builtin
    found = instrument_store.find(db, viewer, instrument_id)
    if found is None:
        raise NotFound("questionnaire")
    return found


def definition(
    db: Database, instrument_id: str, viewer: int | None, about: str | None = None
) -> dict[str, Any]:
    """The public definition, with item wording for `about` ("self" or "partner")."""
    instrument = get_instrument(db, instrument_id, viewer)
    if about is not None and about not in instrument.about:
        raise InvalidInput([_about_problem(instrument)])
    return instrument.definition(about)


def _about_problem(instrument: Instrument) -> Problem:
    return Problem("about", f"must be one of: {', '.join(instrument.about)}")


def answer_problems(instrument: Instrument, error: AnswerError) -> list[Problem]:
    """Every faulty answer as a problem naming the item, so a form can mark each one."""
    scale = instrument.scale
    problems = [Problem(f"answers.{item}", "is missing") for item in error.missing]
    problems += [
        Problem(f"answers.{item}", "is not an item of this questionnaire") for item in error.unknown
    ]
    problems += [
        Problem(f"answers.{item}", f"must be a whole number from {scale.min} to {scale.max}")
        for item in error.out_of_scale
    ]
    if error.about is not None:
        problems.append(_about_problem(instrument))
    return problems


def record_response(
    db: Database,
    user_id: int,
    instrument_id: str,
    answers: Mapping[str, Any],
    about: str = "self",
    at: datetime | None = None,
) -> ResponseView:
    """Score a full set of answers and keep them, with the date, in the person's history."""
    instrument = get_instrument(db, instrument_id, user_id)
    try:
        result = score(instrument, dict(answers), about=about)
    except AnswerError as error:
        raise InvalidInput(answer_problems(instrument, error)) from None
    with db.transaction() as session:
        require_user(session, user_id)
        row = InstrumentResponse(
            user_id=user_id,
            instrument_id=instrument.id,
            instrument_version=instrument.version,
            about=result.about,
            answers={key: int(value) for key, value in answers.items()},
            scores=result.to_dict(),
            created_at=at or utcnow(),
            couple_id=current_couple_id(session, user_id),
        )
        session.add(row)
        session.flush()
        return ResponseView.of(row)


def list_responses(
    db: Database, user_id: int, instrument_id: str, about: str | None = None
) -> list[ResponseView]:
    """The caller's own completions of one instrument, oldest first (a history)."""
    get_instrument(db, instrument_id, user_id)
    with db.transaction() as session:
        query = _own_responses(user_id, instrument_id, about)
        rows = session.scalars(
            query.order_by(InstrumentResponse.created_at, InstrumentResponse.id)
        ).all()
        return [ResponseView.of(row) for row in rows]


def _own_responses(user_id: int, instrument_id: str, about: str | None) -> Select[InstrumentResponse]:
    """The query of the caller's completions of one instrument (about one person, if given)."""
    query = select(InstrumentResponse).where(
        InstrumentResponse.user_id == user_id,
        InstrumentResponse.instrument_id == instrument_id,
    )
    if about is not None:
        query = query.where(InstrumentResponse.about == about)
    return query


def responses_page(
    db: Database,
    user_id: int,
    instrument_id: str,
    about: str | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
) -> Page[ResponseView]:
    """One page of the caller's completions of one instrument, oldest first (a history)."""
    get_instrument(db, instrument_id, user_id)
    with db.transaction() as session:
        query = _own_responses(user_id, instrument_id, about)
        keys = (InstrumentResponse.created_at, InstrumentResponse.id)
        page = keyset_page(session, query, keys, limit=limit, cursor=cursor, newest_first=False)
        return Page([ResponseView.of(row) for row in page.items], page.next)


def latest_responses(db: Database, user_id: int) -> dict[tuple[str, str], ResponseView]:
    """The caller's newest completion per (instrument, about)."""
    with db.transaction() as session:
        rows = session.scalars(
            select(InstrumentResponse)
            .where(InstrumentResponse.user_id == user_id)
            .order_by(InstrumentResponse.created_at, InstrumentResponse.id)
        ).all()
        return {(row.instrument_id, row.about): ResponseView.of(row) for row in rows}


def get_response(db: Database, user_id: int, response_id: int) -> ResponseView:
    """One of the caller's own completions; anyone else's is 'not found'."""
    with db.transaction() as session:
        row = session.get(InstrumentResponse, response_id) if is_row_id(response_id) else None
        if row is None or row.user_id != user_id:
            raise NotFound("result")
        return ResponseView.of(row)


def trend_points(
    history: Sequence[ResponseView], subscale: str, zone: tzinfo = UTC
) -> list[tuple[str, float | None]]:
    """(date label, score) per completion for a trend line, dated in the reader's zone; the
    label carries the time if needed."""
    dates = [view.created_at.astimezone(zone).strftime("%d %b") for view in history]
    points: list[tuple[str, float | None]] = []
    for view, label in zip(history, dates, strict=True):
        if dates.count(label) > 1:
            label = view.created_at.astimezone(zone).strftime("%d %b %H:%M")
        points.append((label, view.scores().get(subscale)))
    return points


def add_instrument(
    db: Database,
    user_id: int,
    content: str | bytes,
    file_name: str = "upload.yaml",
    *,
    publish: bool = False,
) -> Instrument:
    """Validate a questionnaire's text and keep it for its owner and their partner.

    `content` is always the file's text (pasted, or read from an upload), never a path: text
    that looks like a path is refused without looking at any file. Only an admin may `publish`
    to everyone. Errors name the file and every faulty field. An id already in use (built in or
    added) is a conflict: changing a questionnaire would change the meaning of stored scores.
    """
    instrument, text = _checked(content, file_name)
    if instrument.id in builtin_instruments():
        raise Conflict(f"{file_name}: id: {instrument.id!r} is a built-in questionnaire.")
    taken = f"{file_name}: id: {instrument.id!r} is already in use on this Nearer; choose another."
    try:
        with db.transaction() as session:
            user = lock_user(session, user_id)
            if publish and not user.is_admin:
                raise InvalidInput([Problem("publish", "only an admin can publish to everyone")])
            owned = session.scalar(
                select(func.count())
                .select_from(CustomInstrument)
                .where(CustomInstrument.added_by == user_id)
            )
            if (owned or 0) >= MAX_PER_PERSON:
                raise InvalidInput([Problem("definition", CAP_MESSAGE)])
            if session.get(CustomInstrument, instrument.id) is not None:
                raise Conflict(taken)
            session.add(
                CustomInstrument(
                    id=instrument.id,
                    added_by=user_id,
                    definition=text,
                    parsed=instrument.to_dict(),
                    published=publish,
                )
            )
    except IntegrityError:
        raise Conflict(taken) from None
    return instrument


def _checked(content: str | bytes, file_name: str) -> tuple[Instrument, str]:
    """The validated instrument and its text, or InvalidInput naming the field and each fault."""
    data = content.encode("utf-8", errors="surrogatepass") if isinstance(content, str) else content
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024
        raise InvalidInput([Problem(file_name, f"is larger than {limit} KB, the limit")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput([Problem(file_name, "is not UTF-8 text")]) from None
    if not text.strip():
        raise InvalidInput([Problem("definition", "paste a questionnaire's YAML or upload a file")])
    if looks_like_a_path(text):
        raise InvalidInput([Problem("definition", PATH_MESSAGE)])
    try:
        return load_instrument(text, name=file_name), text
    except InstrumentError as error:
        raise InvalidInput(
            [Problem(f"{error.file}: {where}", what) for where, what in error.problems]
        ) from None


CAP_MESSAGE = f"you have added {MAX_PER_PERSON} questionnaires, the most one person may add"
PATH_MESSAGE = (
    "looks like a file name or path, and Nearer never opens files named in a form: "
    "paste the questionnaire's text, or upload the file"
)
_PATH_LIKE = re.compile(r"^(?:[~/\\.]|[A-Za-z]:[\\/]|file:)|\.ya?ml$|[/\\\x00]", re.IGNORECASE)


def looks_like_a_path(text: str) -> bool:
    """One short line with no `key: value` in it that names a file (absolute, relative, or .yaml)."""
    line = text.strip()
    if "\n" in line or len(line) > 4096:
        return False
    if ": " in line or line.endswith(":") or line.startswith(("{", "[")):
        return "\x00" in line
    return _PATH_LIKE.search(line) is not None
