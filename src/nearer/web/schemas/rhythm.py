"""Request and response models of the daily rhythm: check-ins, bids, small steps, breaks,
closeness questions, the weekly look back and the person's own clock.

Request fields carry the rules the services apply (limits from nearer.domain.rhythm and the
services), so a body that fits the published schema is accepted unless the state forbids it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from nearer.domain.feelings import FAMILIES, all_words, unknown_message
from nearer.domain.fields import (
    IsoDate,
    TimeZone,
    Whole,
    one_line,
    one_of,
    text_rules,
    text_schema,
)
from nearer.domain.rhythm import (
    CLOSENESS_MAX,
    CLOSENESS_MIN,
    MAX_BID,
    MAX_BREAK_MINUTES,
    MAX_NOTE,
    MIN_BREAK_MINUTES,
)
from nearer.domain.rhythm_content import steps_catalogue
from nearer.services.questions import MAX_ANSWER
from nearer.services.steps import MAX_OWN_STEP
from nearer.web.schemas.common import Strict
from nearer.web.schemas.journal import SafetySummary
from nearer.web.schemas.paging import Paged

Visibility = Literal["private", "shared"]
CLOCK_PATTERN = r"^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9])?$"
_MOOD_RULES, _MOOD_SCHEMA = one_of((*FAMILIES, *all_words()), unknown_message)
Mood = Annotated[str, _MOOD_RULES, _MOOD_SCHEMA]
_NOTE_RULES, _NOTE_SCHEMA = one_line(MAX_NOTE)
Note = Annotated[str, _NOTE_RULES, _NOTE_SCHEMA]
BidText = Annotated[str, text_rules(MAX_BID), text_schema(MAX_BID)]
StepText = Annotated[str, text_rules(MAX_OWN_STEP), text_schema(MAX_OWN_STEP)]
AnswerText = Annotated[str, text_rules(MAX_ANSWER), text_schema(MAX_ANSWER)]
_STEP_RULES, _STEP_SCHEMA = one_of(
    tuple(s.id for s in steps_catalogue()), "is not a step in the catalogue"
)
StepId = Annotated[str, _STEP_RULES, _STEP_SCHEMA]


SafetyOut = SafetySummary  # one shape for what the safety check noticed, everywhere


# --- check-ins and the person's own clock ------------------------------------------------------


class CheckInWrite(Strict):
    closeness: Annotated[int, Whole] = Field(
        ge=CLOSENESS_MIN, le=CLOSENESS_MAX, description="How close you felt today, 1–5."
    )
    mood: Mood = Field(description="A feelings-wheel word.")
    note_kind: Literal["appreciated", "needed"] | None = Field(
        None, description="Required with a note: something you appreciated, or needed."
    )
    note: Note | None = Field(None, description="One line; empty means no note.")


class CheckInOut(BaseModel):
    day: date
    closeness: int
    mood: str
    note_kind: str | None
    note: str | None


class CheckInPage(Paged[CheckInOut]):
    """A page of your own check-ins, newest first."""


class PartnerDayOut(BaseModel):
    name: str | None
    state: Literal["none", "waiting", "revealed"] = Field(
        description="'waiting': your partner has checked in; check in to see their answer."
    )
    answer: CheckInOut | None


class TodayOut(BaseModel):
    day: date
    mine: CheckInOut | None
    partner: PartnerDayOut | None
    sharing: bool
    partner_shares: bool


class SavedTodayOut(TodayOut):
    """Today after your check-in, with what the safety check noticed in your note."""

    safety: SafetyOut = Field(description="What the safety check noticed; for you alone.")


class SharingWrite(Strict):
    sharing: bool


class SharingOut(BaseModel):
    sharing: bool


class TrendOut(BaseModel):
    days: list[date]
    mine: list[int | None]
    partner: list[int | None] | None = Field(
        description="Only days your partner shared and you both checked in; missed days are null."
    )


class SettingsWrite(Strict):
    time_zone: TimeZone | None = Field(None, description="An IANA name; left out means UTC.")
    checkin_time: str | None = Field(
        None, pattern=CLOCK_PATTERN, description="HH:MM, your local time; empty means none."
    )


class SettingsOut(BaseModel):
    time_zone: str
    checkin_time: str | None


# --- bids ------------------------------------------------------------------------------------


class BidWrite(Strict):
    text: BidText
    direction: Literal["made", "noticed"]
    response: Literal["toward", "away", "against"]
    visibility: Visibility = "private"


class VisibilityWrite(Strict):
    visibility: Visibility


class BidOut(BaseModel):
    id: int
    day: date
    direction: str
    text: str
    response: str
    visibility: str
    mine: bool


class BidPage(Paged[BidOut]):
    """A page of our bids (yours, and those your partner shares with you), newest first."""


class SavedBidOut(BidOut):
    safety: SafetyOut = Field(description="What the safety check noticed; for you alone.")


class BidWeekOut(BaseModel):
    week: date
    total: int
    toward: int
    share_toward: float | None


class BidWeeksOut(BaseModel):
    weeks: list[BidWeekOut]
    sentence: str = Field(description="How the share of our bids turned toward moved.")


# --- small steps -----------------------------------------------------------------------------


class StepOut(BaseModel):
    id: str
    text: str
    why: str
    signs: list[str]


class PickWrite(Strict):
    step_id: StepId | None = Field(None, description="A catalogue step…")
    text: StepText | None = Field(None, description="…or your own words (one of the two).")
    visibility: Visibility = "private"


class DoneWrite(Strict):
    day: IsoDate | None = Field(
        None, description="A day of that step's week, up to your local today; today when left out."
    )
    done: bool = True


class PickOut(BaseModel):
    id: int
    week: date
    step_id: str | None
    text: str
    visibility: str
    mine: bool
    days_done: list[date]
    times: int
    celebration: str


class StepsWeekOut(BaseModel):
    week: date
    today: date
    mine: list[PickOut]
    partner: list[PickOut] = Field(description="Steps your partner shared with you.")
    last_week: list[PickOut]


# --- breaks ----------------------------------------------------------------------------------


class BreakWrite(Strict):
    minutes: Annotated[int, Whole] = Field(
        ge=MIN_BREAK_MINUTES,
        le=MAX_BREAK_MINUTES,
        description="At least 20 (the body needs that long to calm), at most a day.",
    )


class BreakOut(BaseModel):
    id: int
    mine: bool
    state: Literal["running", "returning", "ended"]
    started_at: datetime
    return_at: datetime
    return_time: str = Field(description="HH:MM in your own time zone.")
    message: str
    suggestions: list[str] = Field(description="Soothing ideas, for the one taking the break.")
    coach_link: str | None


# --- closeness questions ---------------------------------------------------------------------


class QuestionOut(BaseModel):
    id: str
    deck: str
    text: str
    mine: str | None
    partner_state: Literal["none", "waiting", "revealed", "alone"] = Field(
        description="'waiting': your partner answered; answer to see theirs."
    )
    partner_answer: str | None


class AnsweredOut(QuestionOut):
    safety: SafetyOut = Field(description="What the safety check noticed; for you alone.")


class DeckOut(BaseModel):
    id: str
    title: str
    description: str
    count: int
    unlocked: bool
    chosen: bool = Field(description="Your own choice to go this deep (never your partner's).")


class QuestionsOut(BaseModel):
    open: bool
    linked: bool
    message: str
    decks: list[DeckOut]
    current: QuestionOut | None
    answered: list[QuestionOut]
    source: str


class AnswerWrite(Strict):
    text: AnswerText


class DeckChoice(Strict):
    deck: Literal["deeper", "deepest"]
    choose: bool = True


# --- the weekly look back --------------------------------------------------------------------


class SatisfactionOut(BaseModel):
    value: float | None
    max: float | None
    label: str | None
    wording: str | None


class WeekOut(BaseModel):
    week: date = Field(description="The Monday of the week, in your own time zone.")
    is_current: bool
    my_checkins: int
    my_closeness: float | None
    partner_checkins: int = Field(description="Days you both checked in and your partner shared.")
    partner_closeness: float | None
    bids_total: int
    bids_toward: int
    bids_sentence: str
    my_steps: list[PickOut]
    partner_steps: list[PickOut]
    questions_together: int
    breaks_returned: int
    satisfaction: SatisfactionOut | None = Field(description="Your own check, if you took it.")
    highlights: list[str]
