"""The message coach: one draft in, flags, feeling check, rewrite and safety out."""

from __future__ import annotations

from typing import Annotated

from nearer.analysis.coach import MAX_CHARS
from nearer.domain.fields import text_rules, text_schema
from nearer.web.schemas.common import Public, Strict
from nearer.web.schemas.safety import SafetyReading


class CoachDraft(Strict):
    text: Annotated[str, text_rules(MAX_CHARS), text_schema(MAX_CHARS)]


class CoachFlag(Public):
    kind: str
    start: int
    end: int
    quote: str
    why: str
    rule: str = ""  # what raised it: a rule id ("coach.blame.your_fault"), "model.coach_head", a safety rule id


class FeelingCheck(Public):
    word: str
    start: int
    end: int
    feelings: list[str]
    needs: list[str]
    note: str


class CoachResult(Public):
    text: str
    flags: list[CoachFlag]
    kinds: list[str]
    gentle: bool
    feeling_check: list[FeelingCheck]
    rewrite: str | None
    safety: SafetyReading
    fired: list[str] = []  # every rule id and model that raised a flag, once each, in flag order
