"""Journal entries: what may be written, and what the author and the partner each read back."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field
from pydantic.config import JsonDict

from nearer.domain.fields import EntryText, Feelings, Intensity, Labels, Visibility
from nearer.web.schemas.common import Public, Strict
from nearer.web.schemas.paging import Paged


class EntryCreate(Strict):
    text: EntryText
    feelings: Feelings = []
    intensity: Intensity | None = None
    tags: Labels = []
    visibility: Visibility = "private"


def _no_default(schema: JsonDict) -> None:
    schema.pop("default", None)


def _unset() -> Any:
    """A field that may be left out but not sent as null (its schema shows no default)."""
    return Field(default=None, json_schema_extra=_no_default)


class EntryUpdate(Strict):
    """Only the fields sent change; `intensity: null` clears the rating."""

    text: EntryText = _unset()
    feelings: Feelings = _unset()
    intensity: Intensity | None = None
    tags: Labels = _unset()
    visibility: Visibility = _unset()


class EmotionSpan(Public):
    start: int
    end: int
    quote: str


class EmotionReading(Public):
    family: str
    word: str | None
    score: float
    evidence: list[EmotionSpan]


class SafetySummary(Public):
    """What the safety check noticed: a level ("none", "concern", …), the kinds it found, and
    who is at risk (`writer_self_harm`, `writer_harmed`, `writer_threatens`): on the answer to a
    write, from the reading just made; null on a stored entry, whose reading keeps no `who`."""

    level: str
    kinds: list[str]
    who: list[str] | None = None


class _EntryFields(Public):
    id: int
    uid: str
    kind: Literal["journal", "reflection"]
    text: str
    feelings: list[str]
    intensity: int | None
    tags: list[str]
    visibility: Visibility
    prompt_id: str | None
    created_at: datetime
    updated_at: datetime


class PartnerEntryPublic(_EntryFields):
    """An entry as a partner reads it: never the author's emotion or safety readings."""

    mine: Literal[False]


class EntryPublic(_EntryFields):
    """The author's own entry, with the private readings only its author ever sees."""

    mine: Literal[True]
    family: str | None
    emotions: list[EmotionReading] | None
    safety: SafetySummary | None


class EntryPage(Paged[EntryPublic]):
    """A page of your own entries, newest first."""


class PartnerEntryPage(Paged[PartnerEntryPublic]):
    """A page of what your partner shared with you, newest first."""
