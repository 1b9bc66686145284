"""Typed request and response bodies of the support, report, professionals and clients API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from nearer.domain.fields import text_rules, text_schema
from nearer.web.schemas.common import Strict
from nearer.web.schemas.paging import Paged


class RuleOut(BaseModel):
    id: str
    title: str
    status: Literal["fired", "silent", "skipped"]
    help: Literal["crisis", "individual", "couples"]
    reasons: list[str]
    explanation: str
    sources: list[str]


class HelpOut(BaseModel):
    kind: Literal["crisis", "individual", "couples"]
    title: str
    what: str


class DirectoryOut(BaseModel):
    name: str
    url: str
    kinds: list[str]
    what: str
    source: str


class SuggestionOut(BaseModel):
    suggested: bool
    not_a_diagnosis: str
    rules: list[RuleOut]
    help: list[HelpOut]
    country: str
    directories: list[DirectoryOut]
    first_session: list[str]
    coach_tally: bool


class CoachTallyIn(Strict):
    enabled: bool


class CoachTallyOut(BaseModel):
    enabled: bool


class PointOut(BaseModel):
    date: str
    value: float


class ScoreOut(BaseModel):
    instrument: str
    about: str
    subscale: str
    points: list[PointOut]
    latest_band: str


class FigureOut(BaseModel):
    id: str
    title: str
    summary: str


class ReportEntryOut(BaseModel):
    id: int
    written: str
    kind: str
    whose: Literal["mine", "partner-shared"]
    feelings: list[str]
    intensity: int | None
    text: str
    prompt: str | None


class GapRowOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    item_id: str
    whose: str
    text: str
    self_view: int
    partner_view: int
    size: int


class ReportOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    title: str
    from_: str = Field(alias="from")
    to: str
    sections: list[str]
    made_on: str
    scores: list[ScoreOut]
    patterns: list[FigureOut]
    entries: list[ReportEntryOut]
    reflections: list[ReportEntryOut]
    gap: list[GapRowOut]
    gap_available: bool
    notes: list[str]


class InviteOut(BaseModel):
    code: str
    expires_at: datetime


class NoteOut(BaseModel):
    id: int
    text: str
    created_at: datetime


class DoorOut(BaseModel):
    id: int
    name: str
    practice: str
    since: datetime
    open: bool
    ended_at: datetime | None
    sections: list[str]
    entry_ids: list[int]
    notes: list[NoteOut]


class GrantsIn(Strict):
    sections: list[str] = Field(max_length=10)
    entry_ids: list[int] = Field(default=[], max_length=200)


class AuditOut(BaseModel):
    professional: str
    section: str
    at: datetime


class ProfileIn(Strict):
    name: Annotated[str, text_rules(120), text_schema(120)]
    practice: Annotated[str, text_rules(200), text_schema(200)]


class ProfileOut(BaseModel):
    name: str
    practice: str


class ClientSummaryOut(BaseModel):
    link_id: int
    email: str | None
    since: datetime
    sections: list[str]


class ScreenOut(BaseModel):
    taken_at: datetime
    positive: bool
    answers: dict[str, str]


class ClientOut(BaseModel):
    link_id: int
    email: str | None
    sections: list[str]
    couple_sections: list[str]
    notes: list[NoteOut]
    scores: list[ScoreOut] | None = None
    patterns: list[FigureOut] | None = None
    entries: list[ReportEntryOut] | None = None
    safety: list[ScreenOut] | None = None


class CoupleSectionOut(BaseModel):
    client: list[dict[str, Any]]
    partner: list[dict[str, Any]]


class CoupleOut(BaseModel):
    link_id: int
    partner_link_id: int
    client: str | None
    partner: str | None
    sections: dict[str, CoupleSectionOut]


class NoteIn(Strict):
    text: Annotated[str, text_rules(1000), text_schema(1000)]


class AuditPage(Paged[AuditOut]):
    """A page of the audit log, newest first."""


class ClientPage(Paged[ClientSummaryOut]):
    """A page of a professional's current clients, the newest first."""
