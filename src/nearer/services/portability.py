"""Export everything a person owns as versioned JSON, and import such a document back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select

from nearer.analysis.safety import SafetyResult
from nearer.domain.errors import InvalidInput, Problem
from nearer.domain.journal import make_draft
from nearer.services.access import require_user
from nearer.services.text_checks import read_text
from nearer.storage.db import Database
from nearer.storage.models import (
    Consent,
    Entry,
    GuideRead,
    GuideReflection,
    InstrumentResponse,
    SafetyScreen,
)

FORMAT: Literal["nearer-export"] = "nearer-export"
VERSION: Literal[1] = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class EntryOut(_Strict):
    uid: str = Field(min_length=1, max_length=36)
    kind: Literal["journal", "reflection"] = "journal"
    prompt_id: str | None = None
    text: str
    feelings: list[str] = []
    intensity: int | None = None
    tags: list[str] = []
    visibility: Literal["private", "shared"] = "private"
    created_at: datetime
    updated_at: datetime


class ResponseOut(_Strict):
    instrument_id: str
    instrument_version: str
    about: str
    answers: dict[str, int]
    scores: dict[str, Any]
    created_at: datetime


class ScreenOut(_Strict):
    positive: bool
    answers: dict[str, str]
    taken_at: datetime


class GuideReflectionOut(_Strict):
    guide_id: str
    text: str
    updated_at: datetime


class ExportDocument(_Strict):
    format: Literal["nearer-export"]
    version: Literal[1]
    profile: dict[str, Any] = {}
    entries: list[EntryOut] = []
    instrument_responses: list[ResponseOut] = []
    safety_screens: list[ScreenOut] = []
    guides_read: list[str] = []
    guide_reflections: list[GuideReflectionOut] = []
    consents: list[str] = []


def export_data(db: Database, user_id: int) -> dict[str, Any]:
    """Everything the person owns — and nothing of anyone else's."""
    with db.transaction() as session:
        user = require_user(session, user_id)
        mine = session.scalars
        doc = ExportDocument(
            format=FORMAT,
            version=VERSION,
            profile={"email": user.email, "country": user.country},
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
            consents=sorted(mine(select(Consent.scope).where(Consent.user_id == user_id))),
        )
        return doc.model_dump(mode="json")


def parse_document(data: Any) -> ExportDocument:
    try:
        doc = ExportDocument.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(
            [
                Problem(".".join(str(p) for p in e["loc"]) or "document", e["msg"])
                for e in error.errors()[:10]
            ]
        ) from None
    for index, entry in enumerate(doc.entries):
        try:
            make_draft(entry.text, entry.feelings, entry.intensity, entry.tags, entry.visibility)
        except InvalidInput as error:
            raise InvalidInput(
                [Problem(f"entries.{index}.{p.field}", p.message) for p in error.problems]
            ) from None
    return doc


@dataclass(frozen=True)
class ImportReport:
    added: int
    safety: (
        SafetyResult  # the most serious safety reading among imported texts, for the author only
    )


def _worse(a: SafetyResult, b: SafetyResult) -> SafetyResult:
    order = {"none": 0, "concern": 1, "urgent": 2}
    level = a.level if order[a.level] >= order[b.level] else b.level
    return SafetyResult(level, tuple(sorted(set(a.kinds) | set(b.kinds))))


def import_data(db: Database, user_id: int, data: Any) -> ImportReport:
    """Add a document's items to the person's own data; all or nothing."""
    doc = parse_document(data)
    added = 0
    worst = SafetyResult()
    with db.transaction() as session:
        known = set(session.scalars(select(Entry.uid)))
        for item in doc.entries:
            if item.uid in known:
                continue
            entry = Entry(owner_id=user_id, **item.model_dump())
            reading = read_text(item.text)
            worst = _worse(worst, reading.safety)
            entry.safety_level = reading.safety.level
            entry.safety_kinds = list(reading.safety.kinds)
            entry.emotions, entry.family = reading.emotions, reading.family
            session.add(entry)
            known.add(item.uid)
            added += 1
        for response in doc.instrument_responses:
            session.add(InstrumentResponse(user_id=user_id, **response.model_dump()))
        for screen in doc.safety_screens:
            session.add(SafetyScreen(user_id=user_id, **screen.model_dump()))
        have_read = set(
            session.scalars(select(GuideRead.guide_id).where(GuideRead.user_id == user_id))
        )
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
                session.add(
                    GuideReflection(
                        author_id=user_id,
                        safety_level=safety.level,
                        safety_kinds=list(safety.kinds),
                        **note.model_dump(),
                    )
                )
        given = set(session.scalars(select(Consent.scope).where(Consent.user_id == user_id)))
        for scope in set(doc.consents) - given:
            session.add(Consent(user_id=user_id, scope=scope))
    return ImportReport(added, worst)
