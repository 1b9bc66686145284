"""Export everything a person owns as versioned JSON, and import such a document back.

Import treats the file as untrusted input: every field passes the same rules as the API, the
whole document is checked before anything is written, and the first problems found are named
in one message. Nothing shared or consented travels: an imported entry is private, and consent
is given again, by the person, to the partner they are with now.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from nearer.analysis.safety import SafetyResult
from nearer.domain.errors import InvalidInput, NearerError, Problem
from nearer.domain.guides import get_guide
from nearer.domain.instruments import AnswerError, score
from nearer.domain.journal import check_text, make_draft
from nearer.domain.prompts import get_prompt
from nearer.domain.safety_screen import ScreenAnswerError, score_screen
from nearer.services.access import require_user
from nearer.services.guides import MAX_NOTE
from nearer.services.instruments import get_instrument
from nearer.services.text_checks import read_text
from nearer.storage.db import Database
from nearer.storage.models import (
    CoachTally,
    Entry,
    GuideRead,
    GuideReflection,
    InstrumentResponse,
    ProfessionalLink,
    SafetyScreen,
    SupportAudit,
    SupportNote,
    SupportSetting,
)

FORMAT: Literal["nearer-export"] = "nearer-export"
VERSION: Literal[1] = 1
MAX_DEPTH = 12  # an export is at most six levels deep; anything deeper is not one
MAX_PROBLEMS = 5
_EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
_LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def _in_range(value: datetime) -> datetime:
    if not _EARLIEST <= value < _LATEST:
        raise ValueError("must be a date between 1970 and 2100")
    return value


When = Annotated[AwareDatetime, AfterValidator(_in_range)]
Name = Annotated[str, Field(min_length=1, max_length=64)]
Uid = Annotated[str, Field(pattern=r"^[A-Za-z0-9-]{1,36}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class EntryOut(_Strict):
    uid: Uid
    kind: Literal["journal", "reflection"] = "journal"
    prompt_id: Name | None = None
    text: Annotated[str, Field(max_length=100_000)]
    feelings: Annotated[list[Annotated[str, Field(max_length=200)]], Field(max_length=200)] = []
    intensity: int | None = None
    tags: Annotated[list[Annotated[str, Field(max_length=200)]], Field(max_length=200)] = []
    visibility: Literal["private", "shared"] = "private"
    created_at: When
    updated_at: When


class ResponseOut(_Strict):
    instrument_id: Name
    instrument_version: Annotated[str, Field(min_length=1, max_length=32)]
    about: Literal["self", "partner"]
    answers: Annotated[dict[Name, int], Field(max_length=200)]
    scores: dict[str, Any]  # recomputed on import, never trusted
    created_at: When


class ScreenOut(_Strict):
    positive: bool  # recomputed on import, never trusted
    answers: Annotated[dict[Name, Annotated[str, Field(max_length=32)]], Field(max_length=50)]
    taken_at: When


class GuideReflectionOut(_Strict):
    guide_id: Name
    text: Annotated[str, Field(max_length=MAX_NOTE * 2)]
    updated_at: When


class ProfileOut(_Strict):
    email: Annotated[str, Field(max_length=320)] | None = None
    country: Annotated[str, Field(max_length=32)] | None = None


class GrantOut(_Strict):
    """A professional the person invited and what they granted. Exported, never imported:
    access belongs to one door, now past, and is given again by the person."""

    professional: Annotated[str, Field(max_length=200)]
    practice: Annotated[str, Field(max_length=400)]
    since: When
    ended_at: When | None = None
    sections: Annotated[list[Name], Field(max_length=20)] = []
    notes: Annotated[list[Annotated[str, Field(max_length=2000)]], Field(max_length=10_000)] = []


class AuditOut(_Strict):
    professional: Annotated[str, Field(max_length=200)]
    section: Name
    at: When


class SupportOut(_Strict):
    """The person's support data: their professionals and grants, the audit log of every
    professional read, the coach tally setting and marks, and their own professional profile."""

    professionals: Annotated[list[GrantOut], Field(max_length=10_000)] = []
    audit: Annotated[list[AuditOut], Field(max_length=1_000_000)] = []
    coach_tally: bool = False
    coach_marks: Annotated[list[When], Field(max_length=1_000_000)] = []
    professional_profile: dict[str, Annotated[str, Field(max_length=400)]] | None = None


class ExportDocument(_Strict):
    format: Literal["nearer-export"]
    version: Literal[1]
    profile: ProfileOut = ProfileOut()
    entries: Annotated[list[EntryOut], Field(max_length=1_000_000)] = []
    instrument_responses: Annotated[list[ResponseOut], Field(max_length=100_000)] = []
    safety_screens: Annotated[list[ScreenOut], Field(max_length=10_000)] = []
    guides_read: Annotated[list[Name], Field(max_length=1_000)] = []
    guide_reflections: Annotated[list[GuideReflectionOut], Field(max_length=1_000)] = []
    # Kept for older files; consent is never imported (it belongs to one couple, now past).
    consents: Annotated[list[Name], Field(max_length=100)] = []
    # Exported for the person to keep; never imported (grants and the log belong to this server).
    support: SupportOut = SupportOut()


def export_data(db: Database, user_id: int) -> dict[str, Any]:
    """Everything the person owns — and nothing of anyone else's."""
    with db.transaction() as session:
        user = require_user(session, user_id)
        mine = session.scalars
        doc = ExportDocument(
            format=FORMAT,
            version=VERSION,
            profile=ProfileOut(email=user.email, country=user.country),
            entries=[
                EntryOut.model_validate(e, from_attributes=True)
                for e in mine(select(Entry).where(Entry.owner_id == user_id).order_by(Entry.id))
            ],
            instrument_responses=[
                ResponseOut.model_validate(r, from_attributes=True)
                for r in mine(
                    select(InstrumentResponse)
                    .where(InstrumentResponse.user_id == user_id)
                    .order_by(InstrumentResponse.id)
                )
            ],
            safety_screens=[
                ScreenOut.model_validate(s, from_attributes=True)
                for s in mine(
                    select(SafetyScreen)
                    .where(SafetyScreen.user_id == user_id)
                    .order_by(SafetyScreen.id)
                )
            ],
            guides_read=sorted(
                mine(select(GuideRead.guide_id).where(GuideRead.user_id == user_id))
            ),
            guide_reflections=[
                GuideReflectionOut.model_validate(g, from_attributes=True)
                for g in mine(
                    select(GuideReflection)
                    .where(GuideReflection.author_id == user_id)
                    .order_by(GuideReflection.guide_id)
                )
            ],
            consents=[],
            support=_support_export(session, user_id),
        )
        return doc.model_dump(mode="json")


def _support_export(session: Session, user_id: int) -> SupportOut:
    from nearer.services.access import grants_of, professional_profile

    doors = []
    for link in session.scalars(
        select(ProfessionalLink)
        .where(ProfessionalLink.person_id == user_id)
        .order_by(ProfessionalLink.id)
    ):
        profile = professional_profile(session, link.professional_id)
        notes = session.scalars(
            select(SupportNote.text).where(SupportNote.link_id == link.id).order_by(SupportNote.id)
        ).all()
        doors.append(
            GrantOut(
                professional=profile.name if profile else "(account deleted)",
                practice=profile.practice if profile else "",
                since=link.created_at,
                ended_at=link.ended_at,
                sections=sorted(grants_of(session, link)),
                notes=list(notes),
            )
        )
    audit = [
        AuditOut(professional=a.professional_name, section=a.section, at=a.at)
        for a in session.scalars(
            select(SupportAudit).where(SupportAudit.person_id == user_id).order_by(SupportAudit.id)
        )
    ]
    setting = session.get(SupportSetting, user_id)
    marks = session.scalars(
        select(CoachTally.at).where(CoachTally.user_id == user_id).order_by(CoachTally.id)
    ).all()
    own = professional_profile(session, user_id)
    return SupportOut(
        professionals=doors,
        audit=audit,
        coach_tally=bool(setting and setting.coach_tally),
        coach_marks=list(marks),
        professional_profile={"name": own.name, "practice": own.practice} if own else None,
    )


def read_document(raw: bytes) -> Any:
    """Parse the bytes of an export file, refusing what no export looks like."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidInput([Problem("file", "is not UTF-8 text")]) from None
    except json.JSONDecodeError as error:
        raise InvalidInput([Problem("file", f"is not valid JSON (line {error.lineno})")]) from None
    except RecursionError:
        raise InvalidInput([Problem("file", "is nested far too deeply to be an export")]) from None
    return data


def _check_shape(value: Any, path: str, depth: int, problems: list[Problem]) -> None:
    """Depth and text that no database can store (lone surrogates), before any model sees it."""
    if len(problems) >= MAX_PROBLEMS:
        return
    if depth > MAX_DEPTH:
        problems.append(Problem(path or "document", "is nested too deeply to be an export"))
    elif isinstance(value, str):
        if any("\ud800" <= ch <= "\udfff" for ch in value):
            problems.append(Problem(path, "contains a broken character (a lone surrogate)"))
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_shape(key, path, depth + 1, problems)
            _check_shape(item, f"{path}.{key}" if path else str(key), depth + 1, problems)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_shape(item, f"{path}.{index}", depth + 1, problems)


def _field_problems(doc: ExportDocument, db: Database, user_id: int) -> list[Problem]:
    """The rules every field meets through the API, applied to the whole file at once."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, entry in enumerate(doc.entries):
        try:
            make_draft(entry.text, entry.feelings, entry.intensity, entry.tags, "private")
        except InvalidInput as error:
            problems += [Problem(f"entries.{i}.{p.field}", p.message) for p in error.problems]
        if entry.uid in seen:
            problems.append(Problem(f"entries.{i}.uid", "appears twice in the file"))
        seen.add(entry.uid)
        if entry.prompt_id is not None and not _known(get_prompt, entry.prompt_id):
            problems.append(Problem(f"entries.{i}.prompt_id", "is not a Nearer prompt"))
    for i, response in enumerate(doc.instrument_responses):
        problems += _response_problems(db, user_id, f"instrument_responses.{i}", response)
    for i, screen in enumerate(doc.safety_screens):
        try:
            score_screen(screen.answers)
        except ScreenAnswerError:
            problems.append(Problem(f"safety_screens.{i}.answers", "are not a complete check"))
    for i, guide_id in enumerate(doc.guides_read):
        if not _known(get_guide, guide_id):
            problems.append(Problem(f"guides_read.{i}", "is not a Nearer guide"))
    for i, note in enumerate(doc.guide_reflections):
        if not _known(get_guide, note.guide_id):
            problems.append(Problem(f"guide_reflections.{i}.guide_id", "is not a Nearer guide"))
        text_problems: list[Problem] = []
        words = check_text(note.text, text_problems, f"guide_reflections.{i}.text")
        if not text_problems and len(words) > MAX_NOTE:
            text_problems.append(
                Problem(f"guide_reflections.{i}.text", f"is over {MAX_NOTE:,} characters")
            )
        problems += text_problems
    return problems


def _known(lookup: Any, key: str) -> bool:
    try:
        lookup(key)
    except (KeyError, NearerError):
        return False
    return True


def _response_problems(
    db: Database, user_id: int, where: str, response: ResponseOut
) -> list[Problem]:
    try:
        instrument = get_instrument(db, response.instrument_id, user_id)
    except NearerError:
        return [Problem(f"{where}.instrument_id", "is not a questionnaire here")]
    if response.instrument_version != instrument.version:
        return []  # an older version's answers are history; they are kept as they were
    try:
        score(instrument, response.answers, about=response.about)
    except AnswerError:
        return [Problem(f"{where}.answers", "do not fit the questionnaire")]
    return []


def parse_document(data: Any, db: Database, user_id: int) -> ExportDocument:
    """Validate a whole document, or raise InvalidInput naming the first problems found."""
    problems: list[Problem] = []
    _check_shape(data, "", 0, problems)
    if problems:
        raise InvalidInput(problems[:MAX_PROBLEMS])
    try:
        doc = ExportDocument.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(
            [
                Problem(".".join(str(p) for p in e["loc"]) or "document", e["msg"])
                for e in error.errors()[:MAX_PROBLEMS]
            ]
        ) from None
    problems = _field_problems(doc, db, user_id)
    if problems:
        raise InvalidInput(problems[:MAX_PROBLEMS])
    return doc


@dataclass(frozen=True)
class ImportReport:
    added: int
    already_here: int  # entries whose uid this person already has: the same entry, kept once
    safety: SafetyResult  # the most serious reading among imported texts, for the author only


def _worse(a: SafetyResult, b: SafetyResult) -> SafetyResult:
    order = {"none": 0, "concern": 1, "urgent": 2}
    level = a.level if order[a.level] >= order[b.level] else b.level
    return SafetyResult(level, tuple(sorted(set(a.kinds) | set(b.kinds))))


def _owners_of(session: Session, uids: list[str]) -> dict[str, int]:
    owners: dict[str, int] = {}
    for start in range(0, len(uids), 500):
        chunk = uids[start : start + 500]
        owners.update(
            {
                uid: owner
                for uid, owner in session.execute(
                    select(Entry.uid, Entry.owner_id).where(Entry.uid.in_(chunk))
                )
            }
        )
    return owners


def _import_entries(
    session: Session, user_id: int, doc: ExportDocument
) -> tuple[int, int, SafetyResult]:
    owners = _owners_of(session, [item.uid for item in doc.entries])
    added = already = 0
    worst = SafetyResult()
    for item in doc.entries:
        owner = owners.get(item.uid)
        if owner == user_id:
            already += 1
            continue
        fields = item.model_dump()
        # Another person's copy of the same file keeps its own identity; shares never travel.
        fields["uid"] = item.uid if owner is None else str(uuid.uuid4())
        fields["visibility"] = "private"
        entry = Entry(owner_id=user_id, **fields)
        reading = read_text(item.text)
        worst = _worse(worst, reading.safety)
        entry.safety_level = reading.safety.level
        entry.safety_kinds = list(reading.safety.kinds)
        entry.emotions, entry.family = reading.emotions, reading.family
        session.add(entry)
        added += 1
    return added, already, worst


def _import_rest(session: Session, db: Database, user_id: int, doc: ExportDocument) -> SafetyResult:
    worst = SafetyResult()
    for response in doc.instrument_responses:
        fields = response.model_dump()
        instrument = get_instrument(db, response.instrument_id, user_id)
        if response.instrument_version == instrument.version:
            fields["scores"] = score(instrument, response.answers, about=response.about).to_dict()
        session.add(InstrumentResponse(user_id=user_id, couple_id=None, **fields))
    for screen in doc.safety_screens:
        positive = score_screen(screen.answers).positive
        session.add(
            SafetyScreen(
                user_id=user_id, positive=positive, answers=screen.answers, taken_at=screen.taken_at
            )
        )
    have_read = set(session.scalars(select(GuideRead.guide_id).where(GuideRead.user_id == user_id)))
    for guide_id in set(doc.guides_read) - have_read:
        session.add(GuideRead(user_id=user_id, guide_id=guide_id))
    for note in doc.guide_reflections:
        existing = session.scalar(
            select(GuideReflection).where(
                GuideReflection.author_id == user_id, GuideReflection.guide_id == note.guide_id
            )
        )
        if existing is None:
            safety = read_text(note.text, emotions=False).safety
            worst = _worse(worst, safety)
            fields = {**note.model_dump(), "text": note.text.strip()}
            session.add(
                GuideReflection(
                    author_id=user_id,
                    couple_id=None,  # written for a partner of the past: it stays with its author
                    safety_level=safety.level,
                    safety_kinds=list(safety.kinds),
                    **fields,
                )
            )
    return worst


def import_data(db: Database, user_id: int, data: Any) -> ImportReport:
    """Add a document's items to the person's own data; all or nothing."""
    doc = parse_document(data, db, user_id)
    with db.transaction() as session:
        require_user(session, user_id)
        added, already, worst = _import_entries(session, user_id, doc)
        worst = _worse(worst, _import_rest(session, db, user_id, doc))
    return ImportReport(added, already, worst)
