"""Export everything a person owns as versioned JSON, and import such a document back.

Import treats the file as untrusted input: every field passes the same rules as the API, the
whole document is checked before anything is written, and the first problems found are named
in one message. Nothing shared or consented travels: an imported entry is private, and consent
is given again, by the person, to the partner they are with now.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from nearer.domain.errors import InvalidInput, NearerError, Problem
from nearer.domain.guides import get_guide
from nearer.domain.instruments import AnswerError, score
from nearer.domain.journal import check_text, make_draft
from nearer.domain.prompts import get_prompt
from nearer.domain.safety_screen import ScreenAnswerError, score_screen
from nearer.services import day_totals, vault
from nearer.services.access import require_user
from nearer.services.guides import MAX_NOTE
from nearer.services.import_rhythm import Tally, import_rest_of_rhythm, import_steps
from nearer.services.instruments import get_instrument
from nearer.services.text_checks import (
    READ_CHUNK,
    TextReading,
    read_many,
    read_text,
    start_reading,
)
from nearer.storage.db import Database
from nearer.storage.models import (
    Bid,
    BreakRequest,
    CheckIn,
    CoachTally,
    Entry,
    EntryReaction,
    GuideRead,
    GuideReflection,
    InstrumentResponse,
    ProfessionalLink,
    QuestionAnswer,
    QuestionnaireDraft,
    SafetyScreen,
    StepPick,
    SupportAudit,
    SupportNote,
    SupportSetting,
)

if TYPE_CHECKING:
    from nearer.analysis.safety import SafetyResult

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
    time_zone: Annotated[str, Field(max_length=64)] | None = None
    checkin_time: Annotated[str, Field(max_length=5)] | None = None


Day = Annotated[date, AfterValidator(lambda d: _in_range(datetime.combine(d, datetime.min.time(), UTC)).date())]
Line = Annotated[str, Field(max_length=10_000)]


class CheckInOut(_Strict):
    day: Day
    closeness: int
    mood: Annotated[str, Field(max_length=64)]
    note_kind: Literal["appreciated", "needed"] | None = None
    note: Line | None = None
    created_at: When


class BidOut(_Strict):
    day: Day
    direction: Literal["made", "noticed"]
    text: Line
    response: Literal["toward", "away", "against"]
    visibility: Literal["private", "shared"] = "private"
    created_at: When


class StepOut(_Strict):
    week: Day
    step_id: Name | None = None
    text: Line
    visibility: Literal["private", "shared"] = "private"
    days_done: Annotated[list[Day], Field(max_length=7)] = []
    created_at: When


class BreakOut(_Strict):
    started_at: When
    return_at: When
    ended_at: When | None = None


class AnswerOut(_Strict):
    question_id: Name
    text: Line
    created_at: When


class ReactionOut(_Strict):
    """A response the person sent under a shared entry: a warm reaction, a reply, or both.

    `entry_uid` names the entry it answered when that entry is the person's own (so an import
    can put it back under it); None when it answered a partner's entry, which stays theirs and
    is never in this file: such responses are kept in the copy, never imported."""

    uid: Uid | None = None
    entry_uid: Uid | None = None
    kind: Name | None = None
    reply: Annotated[str, Field(max_length=2_000)] | None = None
    created_at: When


class DraftOut(_Strict):
    """Answers given so far to a questionnaire not yet finished (kept screen by screen)."""

    instrument_id: Name
    about: Literal["self", "partner"]
    answers: Annotated[dict[Name, int], Field(max_length=200)]
    updated_at: When


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


PLAIN_COPY = (
    "Your own copy, in plain JSON: it is not encrypted, unlike your text on the server. "
    "Keep it somewhere only you can reach."
)


class ExportDocument(_Strict):
    format: Literal["nearer-export"]
    version: Literal[1]
    # The person's own copy stays plain JSON (see SECURITY.md) and says so.
    encrypted: Literal[False] = False
    notice: Annotated[str, Field(max_length=400)] = PLAIN_COPY
    profile: ProfileOut = ProfileOut()
    entries: Annotated[list[EntryOut], Field(max_length=1_000_000)] = []
    instrument_responses: Annotated[list[ResponseOut], Field(max_length=100_000)] = []
    safety_screens: Annotated[list[ScreenOut], Field(max_length=10_000)] = []
    guides_read: Annotated[list[Name], Field(max_length=1_000)] = []
    guide_reflections: Annotated[list[GuideReflectionOut], Field(max_length=1_000)] = []
    checkins: Annotated[list[CheckInOut], Field(max_length=100_000)] = []
    bids: Annotated[list[BidOut], Field(max_length=100_000)] = []
    small_steps: Annotated[list[StepOut], Field(max_length=10_000)] = []
    breaks: Annotated[list[BreakOut], Field(max_length=10_000)] = []
    question_answers: Annotated[list[AnswerOut], Field(max_length=10_000)] = []
    # Absent from older files: both start empty.
    reactions: Annotated[list[ReactionOut], Field(max_length=1_000_000)] = []
    questionnaire_drafts: Annotated[list[DraftOut], Field(max_length=1_000)] = []
    # Kept for older files; consent is never imported (it belongs to one couple, now past).
    consents: Annotated[list[Name], Field(max_length=100)] = []
    # Exported for the person to keep; never imported (grants and the log belong to this server).
    support: SupportOut = SupportOut()


def export_data(db: Database, user_id: int, *, with_entries: bool = True) -> dict[str, Any]:
    """Everything the person owns — and nothing of anyone else's (`with_entries=False`: all but
    the journal, which `services.export_stream` then reads in chunks)."""
    with db.transaction() as session:
        user = require_user(session, user_id)
        mine = session.scalars
        doc = ExportDocument(
            format=FORMAT,
            version=VERSION,
            profile=ProfileOut(
                email=user.email,
                country=user.country,
                time_zone=user.time_zone,
                checkin_time=user.checkin_time,
            ),
            entries=[
                EntryOut.model_validate(e, from_attributes=True)
                for e in mine(select(Entry).where(Entry.owner_id == user_id).order_by(Entry.id))
            ]
            if with_entries
            else [],
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
            **_rhythm_export(session, user_id),
            **_responses_export(session, user_id),
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
        notes = [
            vault.open_for(session, user_id, n.text, f"support_notes|{link.id}|{n.id}")
            for n in session.scalars(
                select(SupportNote).where(SupportNote.link_id == link.id).order_by(SupportNote.id)
            )
        ]
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
def _rhythm_export(session: Session, user_id: int) -> dict[str, Any]:
    """The person's own check-ins, bids, steps, breaks and answers; never a partner's."""
    mine = session.scalars
    return {
        "checkins": [
            CheckInOut.model_validate(c, from_attributes=True)
            for c in mine(select(CheckIn).where(CheckIn.user_id == user_id).order_by(CheckIn.day))
        ],
        "bids": [
            BidOut.model_validate(b, from_attributes=True)
            for b in mine(select(Bid).where(Bid.author_id == user_id).order_by(Bid.id))
        ],
        "small_steps": [
            StepOut(week=p.week, step_id=p.step_id, text=p.text, visibility=p.visibility,
                    days_done=[d.day for d in p.days_done], created_at=p.created_at)
            for p in mine(select(StepPick).where(StepPick.user_id == user_id).order_by(StepPick.id))
        ],  # fmt: skip
        "breaks": [
            BreakOut.model_validate(b, from_attributes=True)
            for b in mine(
                select(BreakRequest).where(BreakRequest.user_id == user_id).order_by(BreakRequest.id)
            )
        ],
        "question_answers": [
            AnswerOut.model_validate(a, from_attributes=True)
            for a in mine(
                select(QuestionAnswer)
                .where(QuestionAnswer.user_id == user_id)
                .order_by(QuestionAnswer.id)
            )
        ],
    }


def _responses_export(session: Session, user_id: int) -> dict[str, Any]:
    """The responses the person sent (never one their partner sent, even under the person's
    own entries) and their unfinished questionnaires."""
    sent = session.execute(
        select(EntryReaction, Entry.uid, Entry.owner_id)
        .join(Entry, Entry.id == EntryReaction.entry_id)
        .where(EntryReaction.author_id == user_id)
        .order_by(EntryReaction.id)
    )
    return {
        "reactions": [
            ReactionOut(
                uid=row.uid,
                entry_uid=entry_uid if owner == user_id else None,  # a partner's stays theirs
                kind=row.kind,
                reply=row.reply,  # opened as the row loaded: the author's own key
                created_at=row.created_at,
            )
            for row, entry_uid, owner in sent
        ],
        "questionnaire_drafts": [
            DraftOut.model_validate(d, from_attributes=True)
            for d in session.scalars(
                select(QuestionnaireDraft)
                .where(QuestionnaireDraft.user_id == user_id)
                .order_by(QuestionnaireDraft.id)
            )
        ],
    }


def read_document(raw: bytes) -> Any:
    """Parse the bytes of an export file, refusing what no export looks like."""
    if not raw.strip():
        raise InvalidInput([Problem("file", "is empty; choose the file `nearer export` wrote")])
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
    problems += _rhythm_problems(doc)
    problems += _reaction_problems(doc)
    problems += _draft_problems(doc, db, user_id)
    return problems


def _reaction_problems(doc: ExportDocument) -> list[Problem]:
    """The API's rules for a response, and that an entry it names is in the same file."""
    from nearer.domain.reactions import make_reaction

    problems: list[Problem] = []
    entries = {entry.uid for entry in doc.entries}
    seen: set[str] = set()
    for i, r in enumerate(doc.reactions):
        if r.entry_uid is not None and r.entry_uid not in entries:
            problems.append(Problem(f"reactions.{i}.entry_uid", "is not an entry in this file"))
        try:
            make_reaction(r.kind, r.reply, own_entry=r.entry_uid is not None)
        except InvalidInput as error:
            problems += [Problem(f"reactions.{i}.{p.field}", p.message) for p in error.problems]
        if r.uid is not None and r.uid in seen:
            problems.append(Problem(f"reactions.{i}.uid", "appears twice in the file"))
        if r.uid is not None:
            seen.add(r.uid)
    return problems


def _draft_problems(doc: ExportDocument, db: Database, user_id: int) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for i, d in enumerate(doc.questionnaire_drafts):
        try:
            get_instrument(db, d.instrument_id, user_id)
        except NearerError:
            problems.append(
                Problem(f"questionnaire_drafts.{i}.instrument_id", "is not a questionnaire here")
            )
        if (d.instrument_id, d.about) in seen:
            problems.append(Problem(f"questionnaire_drafts.{i}", "appears twice in the file"))
        seen.add((d.instrument_id, d.about))
    return problems


def _rhythm_problems(doc: ExportDocument) -> list[Problem]:
    """The same rules as the API for check-ins, bids, steps, breaks and answers."""
    from nearer.domain.rhythm import MAX_BREAK_MINUTES, check_in_draft
    from nearer.domain.rhythm_content import get_question, get_step
    from nearer.services.bids import _check as check_bid
    from nearer.services.questions import MAX_ANSWER
    from nearer.services.steps import MAX_OWN_STEP

    problems: list[Problem] = []

    def named(where: str, error: InvalidInput) -> None:
        problems.extend(Problem(f"{where}.{p.field}", p.message) for p in error.problems)

    days: set[date] = set()
    for i, c in enumerate(doc.checkins):
        try:
            check_in_draft(c.closeness, c.mood, c.note_kind, c.note)
        except InvalidInput as error:
            named(f"checkins.{i}", error)
        if c.day in days:
            problems.append(Problem(f"checkins.{i}.day", "appears twice in the file"))
        days.add(c.day)
    for i, b in enumerate(doc.bids):
        try:
            check_bid(b.text, b.direction, b.response)
        except InvalidInput as error:
            named(f"bids.{i}", error)
    for i, p in enumerate(doc.small_steps):
        if p.step_id is not None and not _known(get_step, p.step_id):
            problems.append(Problem(f"small_steps.{i}.step_id", "is not a step in the catalogue"))
        text_problems: list[Problem] = []
        words = check_text(p.text, text_problems, f"small_steps.{i}.text")
        if not text_problems and len(words) > MAX_OWN_STEP:
            text_problems.append(Problem(f"small_steps.{i}.text", "is too long for a small step"))
        problems += text_problems
        if p.week.weekday() != 0:
            problems.append(Problem(f"small_steps.{i}.week", "should be a Monday"))
        if any(not p.week <= d < p.week + timedelta(days=7) for d in p.days_done):
            problems.append(Problem(f"small_steps.{i}.days_done", "should be days of that week"))
    for i, br in enumerate(doc.breaks):
        length = br.return_at - br.started_at
        if not timedelta(minutes=20) <= length <= timedelta(minutes=MAX_BREAK_MINUTES):
            problems.append(Problem(f"breaks.{i}.return_at", "should be 20 minutes to a day after the start"))
    for i, a in enumerate(doc.question_answers):
        if not _known(get_question, a.question_id):
            problems.append(Problem(f"question_answers.{i}.question_id", "is not a Nearer question"))
        text_problems = []
        words = check_text(a.text, text_problems, f"question_answers.{i}.text")
        if not text_problems and len(words) > MAX_ANSWER:
            text_problems.append(Problem(f"question_answers.{i}.text", "is too long"))
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


NOT_AN_EXPORT = (
    'is not a Nearer export: an export is a JSON object, { ... }, holding "format": '
    '"nearer-export", as `nearer export` (or Download everything in Account) writes it'
)


def parse_document(data: Any, db: Database, user_id: int) -> ExportDocument:
    """Validate a whole document, or raise InvalidInput naming the first problems found."""
    already_read = isinstance(data, ExportDocument)  # parsed once (parse, then import_data)
    if not already_read and (not isinstance(data, dict) or data.get("format") != FORMAT):
        raise InvalidInput([Problem("file", NOT_AN_EXPORT)])
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
    steps: Tally = field(default_factory=Tally)  # skipped: already here, or past two a week
    others: Tally = field(default_factory=Tally)  # everything else; skipped: already here


def _worse(a: SafetyResult, b: SafetyResult) -> SafetyResult:
    from nearer.analysis.safety import SafetyResult

    order = {"none": 0, "concern": 1, "urgent": 2}
    level = a.level if order[a.level] >= order[b.level] else b.level
    return SafetyResult(level, tuple(sorted(set(a.kinds) | set(b.kinds))))


UID_CHUNK = 500  # uids checked per `WHERE uid IN (...)` query
Progress = Callable[[int, int], None]


def _owners_of(session: Session, uids: list[str]) -> dict[str, int]:
    """Who owns each of these uids already (absent: nobody), one IN query per chunk, so the
    database's other uids are never loaded."""
    owners: dict[str, int] = {}
    for start in range(0, len(uids), UID_CHUNK):
        chunk = uids[start : start + UID_CHUNK]
        owners.update(
            {
                uid: owner
                for uid, owner in session.execute(
                    select(Entry.uid, Entry.owner_id).where(Entry.uid.in_(chunk))
                )
            }
        )
    return owners


def _read_new_entries(db: Database, user_id: int, doc: ExportDocument,
                      progress: Progress | None) -> dict[str, TextReading]:
    """Readings of the entries this person does not have yet, READ_CHUNK texts at a time through
    the shared batched analysis, before any write transaction opens."""
    with db.transaction() as session:
        owners = _owners_of(session, [item.uid for item in doc.entries])
    todo = [item for item in doc.entries if owners.get(item.uid) != user_id]
    readings: dict[str, TextReading] = {}
    if progress:
        progress(0, len(todo))
    chunks = [todo[start : start + READ_CHUNK] for start in range(0, len(todo), READ_CHUNK)]
    ahead = start_reading([i.text for i in chunks[0]]) if chunks else []
    done = 0
    for index, chunk in enumerate(chunks):
        docs = ahead
        if index + 1 < len(chunks):  # the next chunk encodes while this one is read
            ahead = start_reading([i.text for i in chunks[index + 1]])
        for item, reading in zip(chunk, read_many(docs), strict=True):
            readings[item.uid] = reading
        done += len(chunk)
        if progress:
            progress(done, len(todo))
    return readings


def _import_entries(
    session: Session,
    user_id: int,
    doc: ExportDocument,
    readings: dict[str, TextReading],
    placed: dict[str, str],
) -> tuple[int, int, SafetyResult]:
    """Add the entries this person does not have yet; `placed` gets, for every entry of the
    file, the uid it has here (another person's copy of the same file gets new uids)."""
    owners = _owners_of(session, [item.uid for item in doc.entries])
    from nearer.analysis.safety import SafetyResult

    added = already = 0
    worst = SafetyResult()
    new: list[Entry] = []
    for item in doc.entries:
        owner = owners.get(item.uid)
        if owner == user_id:
            already += 1
            placed[item.uid] = item.uid
            continue
        fields = item.model_dump()
        # Another person's copy of the same file keeps its own identity; shares never travel.
        fields["uid"] = item.uid if owner is None else str(uuid.uuid4())
        placed[item.uid] = fields["uid"]
        fields["visibility"] = "private"
        entry = Entry(owner_id=user_id, **fields)
        reading = readings.get(item.uid) or read_text(item.text)  # written meanwhile: read now
        worst = _worse(worst, reading.safety)
        entry.safety_level = reading.safety.level
        entry.safety_kinds = list(reading.safety.kinds)
        entry.emotions, entry.family = reading.emotions, reading.family
        session.add(entry)
        new.append(entry)
        added += 1
        if added % UID_CHUNK == 0:
            session.flush()  # rows go to the database in chunks; the commit stays all or nothing
    session.flush()
    day_totals.record(session, user_id, [(None, day_totals.facts_of(e)) for e in new])
    return added, already, worst


def _import_rest(
    session: Session, db: Database, user_id: int, doc: ExportDocument, tally: Tally
) -> SafetyResult:
    """Questionnaire answers, safety checks and guides not yet here (an answer set by its
    questionnaire, who it is about and its moment; a check by its moment; a guide by its id)."""
    from nearer.analysis.safety import SafetyResult

    worst = SafetyResult()
    have_responses = {tuple(row) for row in session.execute(
        select(InstrumentResponse.instrument_id, InstrumentResponse.about,
               InstrumentResponse.created_at).where(InstrumentResponse.user_id == user_id)
    )}  # fmt: skip
    for response in tally.fresh(doc.instrument_responses,
                                lambda r: (r.instrument_id, r.about, r.created_at),
                                have_responses):
        fields = response.model_dump()
        instrument = get_instrument(db, response.instrument_id, user_id)
        if response.instrument_version == instrument.version:
            fields["scores"] = score(instrument, response.answers, about=response.about).to_dict()
        session.add(InstrumentResponse(user_id=user_id, couple_id=None, **fields))
    have_screens = set(
        session.scalars(select(SafetyScreen.taken_at).where(SafetyScreen.user_id == user_id))
    )
    for screen in tally.fresh(doc.safety_screens, lambda s: s.taken_at, have_screens):
        positive = score_screen(screen.answers).positive
        session.add(
            SafetyScreen(
                user_id=user_id, positive=positive, answers=screen.answers, taken_at=screen.taken_at
            )
        )
    have_read = set(session.scalars(select(GuideRead.guide_id).where(GuideRead.user_id == user_id)))
    for guide_id in tally.fresh(dict.fromkeys(doc.guides_read), lambda g: g, have_read):
        session.add(GuideRead(user_id=user_id, guide_id=guide_id))
    noted: set[str] = set()
    for note in doc.guide_reflections:
        existing = note.guide_id in noted or session.scalar(
            select(GuideReflection.id).where(
                GuideReflection.author_id == user_id, GuideReflection.guide_id == note.guide_id
            )
        ) is not None
        tally.count(not existing)
        noted.add(note.guide_id)
        if not existing:
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


def _import_responses(
    session: Session,
    db: Database,
    user_id: int,
    doc: ExportDocument,
    placed: dict[str, str],
    tally: Tally,
) -> SafetyResult:
    """Responses under the person's own entries come back bound to no couple (kept for their
    author, shown to nobody); those under a partner's entry stay in the file only. Unfinished
    questionnaires come back unless one for the same questionnaire is already here."""
    from nearer.analysis.safety import SafetyResult
    from nearer.domain.reactions import make_reaction
    from nearer.services.questionnaire_drafts import fitting_answers

    worst = SafetyResult()
    mine = [r for r in doc.reactions if r.entry_uid is not None]
    wanted = sorted({placed[r.entry_uid] for r in mine if r.entry_uid in placed})
    entry_ids: dict[str, int] = {}
    known: dict[str | None, int] = {}
    for start in range(0, len(wanted), UID_CHUNK):
        chunk = wanted[start : start + UID_CHUNK]
        query = select(Entry.uid, Entry.id).where(Entry.owner_id == user_id, Entry.uid.in_(chunk))
        entry_ids.update((uid, entry_id) for uid, entry_id in session.execute(query))
    uids = [r.uid for r in mine if r.uid is not None]
    for start in range(0, len(uids), UID_CHUNK):
        chunk = uids[start : start + UID_CHUNK]
        taken = select(EntryReaction.uid, EntryReaction.author_id).where(
            EntryReaction.uid.in_(chunk)
        )
        known.update((uid, author) for uid, author in session.execute(taken))
    for r in mine:
        entry_id = entry_ids.get(placed.get(r.entry_uid or "", ""))
        author = known.get(r.uid) if r.uid is not None else None
        if entry_id is None or author == user_id:
            tally.count(False)
            continue  # already here (the same file imported twice)
        tally.count(True)
        draft = make_reaction(r.kind, r.reply, own_entry=True)
        if draft.reply:
            worst = _worse(worst, read_text(draft.reply, emotions=False).safety)
        session.add(EntryReaction(
            entry_id=entry_id, author_id=user_id, couple_id=None, kind=draft.kind,
            reply=draft.reply, uid=r.uid if author is None else None, created_at=r.created_at,
        ))  # fmt: skip
    have = {
        (instrument_id, about)
        for instrument_id, about in session.execute(
            select(QuestionnaireDraft.instrument_id, QuestionnaireDraft.about).where(
                QuestionnaireDraft.user_id == user_id
            )
        )
    }
    for d in doc.questionnaire_drafts:
        instrument = get_instrument(db, d.instrument_id, user_id)
        answers = fitting_answers(instrument, d.answers)  # as every read of a draft keeps them
        tally.count((d.instrument_id, d.about) not in have and bool(answers))
        if (d.instrument_id, d.about) in have or not answers:
            continue
        session.add(QuestionnaireDraft(user_id=user_id, instrument_id=d.instrument_id,
                                       about=d.about, answers=answers, updated_at=d.updated_at))  # fmt: skip
    return worst


def import_data(db: Database, user_id: int, data: Any,
                progress: Progress | None = None) -> ImportReport:
    """Add a document's items to the person's own data; all or nothing.

    The slow part, reading each new entry's text, runs first, in chunks through the shared
    batched analysis (`progress(done, total)` after each); then one transaction writes it all,
    so an import that fails leaves nothing behind.
    """
    doc = parse_document(data, db, user_id)
    readings = _read_new_entries(db, user_id, doc, progress)
    rhythm = _rhythm_reading(doc)
    with db.transaction() as session:
        require_user(session, user_id)
        placed: dict[str, str] = {}
        added, already, worst = _import_entries(session, user_id, doc, readings, placed)
        others = Tally()
        worst = _worse(worst, _import_rest(session, db, user_id, doc, others))
        steps = import_steps(session, user_id, doc)
        others += import_rest_of_rhythm(session, user_id, doc)
        worst = _worse(worst, _import_responses(session, db, user_id, doc, placed, others))
    return ImportReport(added, already, _worse(worst, rhythm), steps, others)


def _rhythm_reading(doc: ExportDocument) -> SafetyResult:
    """The most serious safety reading of the rhythm's own words in the file (check-in notes,
    bids, small steps in one's own words, question answers), read together in shared encoder
    batches, so the import shows help for them as for entries, notes and replies."""
    from nearer.analysis.safety import SafetyResult
    from nearer.services.text_checks import read_many

    texts = [*(c.note for c in doc.checkins if c.note), *(b.text for b in doc.bids),
             *(p.text for p in doc.small_steps if p.text), *(a.text for a in doc.question_answers)]
    worst = SafetyResult()
    for reading in read_many(texts, emotions=False) if texts else ():
        worst = _worse(worst, reading.safety)
    return worst
