"""Safety use cases: help resources for a person's country, and the private safety screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nearer.domain.errors import InvalidInput, Problem
from nearer.services.access import partner_id, require_user
from nearer.settings import get_settings
from nearer.storage.db import Database
from nearer.storage.models import SafetyScreen

# What a person is told about joint exercises. Whatever the partner's reason, the same words:
# the partner must never learn whether the other screened positive or simply has not screened yet.
JOINT_OPEN = "open"
JOINT_TAKE_SCREEN = "take_screen"
JOINT_NOT_FOR_YOU = "not_for_you"
JOINT_UNAVAILABLE = "unavailable"
JOINT_NOT_LINKED = "not_linked"


@dataclass(frozen=True)
class ScreenOutcome:
    positive: bool
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"positive": self.positive, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class JointStatus:
    state: str

    @property
    def available(self) -> bool:
        return self.state == JOINT_OPEN

    def to_dict(self) -> dict[str, Any]:
        return {"available": self.available, "state": self.state}


def country_of(db: Database, user_id: int | None) -> str:
    if user_id is not None:
        with db.transaction() as session:
            country = require_user(session, user_id).country
            if country:
                return country
    return get_settings().default_country


def help_resources(db: Database, user_id: int | None) -> dict[str, Any]:
    """The help lines for the person's country, or the international fallback."""
    from nearer.domain.help_resources import load_resources

    return load_resources(country_of(db, user_id)).to_dict()


def take_screen(db: Database, user_id: int, answers: Any) -> ScreenOutcome:
    """Score and keep the person's private screen; only they ever see the answers or result."""
    from nearer.domain.safety_screen import ScreenAnswerError, score_screen

    if not isinstance(answers, dict):
        raise InvalidInput([Problem("answers", "must map question ids to yes, no or prefer_not")])
    try:
        result = score_screen(answers)
    except ScreenAnswerError as error:
        raise InvalidInput([Problem("answers", str(error))]) from None
    with db.transaction() as session:
        session.add(
            SafetyScreen(
                user_id=user_id,
                positive=result.positive,
                answers={k: str(v) for k, v in answers.items()},
            )
        )
    return ScreenOutcome(result.positive, result.reasons)


def _latest_positive(session: Session, user_id: int) -> bool | None:
    """None when the person has never taken the screen."""
    return session.scalar(
        select(SafetyScreen.positive)
        .where(SafetyScreen.user_id == user_id)
        .order_by(SafetyScreen.taken_at.desc(), SafetyScreen.id.desc())
        .limit(1)
    )


def latest_screen(db: Database, user_id: int) -> bool | None:
    with db.transaction() as session:
        return _latest_positive(session, user_id)


def joint_status(db: Database, user_id: int) -> JointStatus:
    """Whether joint couple exercises are open for this person, in words safe to show them."""
    with db.transaction() as session:
        other = partner_id(session, user_id)
        mine = _latest_positive(session, user_id)
        if mine is None:
            return JointStatus(JOINT_TAKE_SCREEN)
        if mine:
            return JointStatus(JOINT_NOT_FOR_YOU)
        if other is None:
            return JointStatus(JOINT_NOT_LINKED)
        if _latest_positive(session, other) is not False:
            return JointStatus(JOINT_UNAVAILABLE)
        return JointStatus(JOINT_OPEN)


_JOINT_MESSAGES = {
    JOINT_TAKE_SCREEN: "Before joint exercises, please take the short private safety check.",
    JOINT_NOT_FOR_YOU: "Joint exercises are turned off for you for now. Your private tools still work.",
    # The same words whether the partner has not taken their check or it closed joint work:
    # which of the two is theirs alone to know.
    JOINT_UNAVAILABLE: ("Joint exercises open when both of you have taken your own private "
                        "check-in and both allow them. Until then, your own tools all work."),
    JOINT_NOT_LINKED: "Link with your partner first.",
}


def joint_message(status: JointStatus) -> str:
    return _JOINT_MESSAGES.get(status.state, "")


def require_joint_exercises(db: Database, user_id: int) -> None:
    """Stop a joint couple exercise unless both partners' private checks allow it."""
    from nearer.domain.errors import NotAllowed

    status = joint_status(db, user_id)
    if not status.available:
        raise NotAllowed(joint_message(status))
