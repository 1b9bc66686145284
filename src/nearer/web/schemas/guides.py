"""The guides library and a couple's notes on a guide."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from nearer.domain.fields import text_rules, text_schema
from nearer.services.guides import MAX_NOTE
from nearer.web.schemas.common import Public, Strict
from nearer.web.schemas.journal import SafetySummary


class NoteWrite(Strict):
    text: Annotated[str, text_rules(MAX_NOTE), text_schema(MAX_NOTE)]


class GuideSummary(Public):
    id: str
    title: str
    summary: str
    related: list[str]
    sources: list[str]
    read_count: int


class GuideLink(Public):
    id: str
    title: str


class PartnerNote(Public):
    text: str
    updated_at: datetime
    mine: bool


class MyNote(PartnerNote):
    """The caller's own note; `shown_to_partner` is false when the safety check held it back."""

    shown_to_partner: bool


class GuidePage(Public):
    id: str
    title: str
    summary: str
    related: list[GuideLink]
    sources: list[str]
    html: str
    read_count: int
    linked: bool
    my_note: MyNote | None
    partner_note: PartnerNote | None


class NoteSaved(MyNote):
    """The note as saved, with what the safety check noticed (for its author only)."""

    safety: SafetySummary
