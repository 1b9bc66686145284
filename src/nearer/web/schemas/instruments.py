"""Questionnaires, the caller's own answers and scores, and the couple's perception gap."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from nearer.domain.fields import Slug
from nearer.web.schemas.common import Public, Strict
from nearer.web.schemas.paging import Paged

About = Literal["self", "partner"]


class ResponseCreate(Strict):
    """Answers by item id, each a whole number on the questionnaire's scale (see its definition).

    Strict: "3" or true is refused rather than read as a number. Every item must be answered.
    """

    answers: Annotated[dict[Slug, int], Field(min_length=1, max_length=500)]
    about: About = "self"


class InstrumentSummary(Public):
    id: str
    title: str
    version: str
    source: str
    about: list[About]
    items: int


class ScaleInfo(Public):
    min: int
    max: int
    labels: dict[str, str]


class ItemInfo(Public):
    id: str
    text: str
    subscale: str
    reverse: bool


class InstrumentDefinition(Public):
    id: str
    title: str
    version: str
    source: str
    scale: ScaleInfo
    items: list[ItemInfo]
    about: list[About]


class BandInfo(Public):
    min: float
    max: float
    label: str
    wording: str


class Driver(Public):
    item_id: str
    text: str
    answer: int
    keyed: int
    reverse: bool


class SubscaleScore(Public):
    id: str
    title: str
    scoring: Literal["mean", "sum"]
    value: float
    min: float
    max: float
    band: BandInfo
    bands_source: str
    drivers: list[Driver]


class ScoreResult(Public):
    instrument: str
    version: str
    about: About
    subscales: dict[str, SubscaleScore]
    source: str
    what_it_is: str
    what_it_is_not: str


class AttachmentPoint(Public):
    anxiety: float
    avoidance: float
    scale_min: float
    scale_max: float
    quadrant: str
    wording: str


class ResponsePublic(Public):
    """One of the caller's own completions, scored as it was when answered."""

    id: int
    instrument_id: str
    instrument_version: str
    about: About
    answers: dict[str, int]
    scores: dict[str, float]
    result: ScoreResult
    created_at: datetime
    attachment: AttachmentPoint | None = None


class GapRow(Public):
    item_id: str
    whose: Literal["you", "partner"]
    text: str
    self_view: int
    partner_view: int
    self_view_label: str | None
    partner_view_label: str | None
    difference: int
    size: int
    starter: str


class PerceptionGap(Public):
    instrument: str
    items: list[GapRow]


class GapStatus(Public):
    """Only the caller's own side: linked or not, their consent, and what they have answered."""

    linked: bool
    consented: bool
    answered_self: bool
    answered_partner: bool


class ResponsePage(Paged[ResponsePublic]):
    """A page of your completions of one questionnaire, oldest first (a history)."""
