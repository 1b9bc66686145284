"""Help resources, the private safety screen, joint-exercise status and safety readings."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, create_model

from nearer.domain.safety_screen import SCREEN_QUESTIONS
from nearer.web.schemas.common import Public, Strict

Answer = Literal["yes", "no", "prefer_not"]


Who = Literal["writer_self_harm", "writer_harmed", "writer_threatens"]


class SafetyMatch(Public):
    kind: str
    start: int
    end: int
    quote: str
    reason: str
    source: Literal["rule", "model"] = "rule"
    who: Who | Literal[""] = ""
    rule: str = ""  # the id of the rule that matched; "" for the model


class SafetyReading(Public):
    """What the safety check found in a text, with the words that made it think so."""

    level: Literal["none", "concern", "urgent"]
    kinds: list[str]
    matches: list[SafetyMatch]
    who: list[Who] = []
    fired: list[str] = []


class HelpLine(Public):
    name: str
    how: str
    hours: str
    note: str
    source: str


class HelpResources(Public):
    country: str
    country_name: str
    emergency_number: str
    is_fallback: bool
    right_now: str
    crisis: list[HelpLine]
    domestic_violence: list[HelpLine]
    own_behaviour: list[HelpLine] = Field(
        description="Services for people worried about their own behaviour towards a partner.")


class ScreenQuestion(Public):
    id: str
    text: str


class ScreenForm(Public):
    questions: list[ScreenQuestion]
    answers: list[Answer]
    last_positive: bool | None


# One required answer per question of the screen, so the schema lists exactly what to send.
ScreenAnswerSet = create_model(  # type: ignore[call-overload]
    "ScreenAnswerSet",
    __base__=Strict,
    **{q.id: (Answer, ...) for q in SCREEN_QUESTIONS},
)


class ScreenAnswers(Strict):
    answers: ScreenAnswerSet


class ScreenResult(Public):
    """Only ever shown to the person who answered; `why` and `resources` when it was positive."""

    positive: bool
    reasons: list[str]
    why: str | None = None
    resources: HelpResources | None = None


class JointStatus(Public):
    available: bool
    state: Literal["open", "take_screen", "not_for_you", "unavailable", "not_linked"]
    message: str
