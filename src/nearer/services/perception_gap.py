"""The couple's perception gap: each person's consent, and the gap once both have agreed.

Nothing of one partner's answers reaches the other unless both are linked, both answered the
signs questionnaire about themselves and about the other, and both consented. Otherwise the gap
is "not found" — and the status a person sees holds only their own side, never the partner's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nearer.domain.errors import Conflict, NotFound
from nearer.domain.instruments import AnswerError, Instrument, builtin_instruments
from nearer.domain.perception_gap import GapItem, perception_gap
from nearer.services.access import current_couple_id, lock_couple, partner_id, require_user
from nearer.services.safety import require_joint_exercises
from nearer.storage.db import Database
from nearer.storage.models import Consent, InstrumentResponse

SCOPE = "perception_gap"
SIGNS = "signs"


@dataclass(frozen=True)
class GapStatus:
    """Only the caller's own side: linked or not, their consent, and what they have answered."""

    linked: bool
    consented: bool
    answered_self: bool
    answered_partner: bool

    def to_dict(self) -> dict[str, bool]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class GapView:
    """The gap as the caller reads it: 'you' for their own behaviour, 'your partner' for theirs."""

    items: tuple[GapItem, ...]
    scale_labels: dict[int, str]

    def rows(self) -> list[dict[str, Any]]:
        rows = []
        for item in self.items:
            mine = item.subject == "a"
            rows.append(
                {
                    "item_id": item.item_id,
                    "whose": "you" if mine else "partner",
                    "text": item.text_self if mine else item.text_partner,
                    "self_view": item.self_view,
                    "partner_view": item.partner_view,
                    "self_view_label": self.scale_labels.get(item.self_view),
                    "partner_view_label": self.scale_labels.get(item.partner_view),
                    "difference": item.difference,
                    "size": item.size,
                    "starter": item.starter if mine else item.starter_for_partner,
                }
            )
        return rows

    def to_dict(self) -> dict[str, Any]:
        return {"instrument": SIGNS, "items": self.rows()}


def signs() -> Instrument:
    return builtin_instruments()[SIGNS]


def _consented(session: Session, user_id: int, couple: int | None) -> bool:
    """Consent counts only for the couple it was given in."""
    consent = session.get(Consent, (user_id, SCOPE))
    return couple is not None and consent is not None and consent.couple_id == couple


def _latest_answers(
    session: Session, user_id: int, about: str, couple: int | None
) -> dict[str, int] | None:
    # Only answers to the current version, given while in this very couple, are compared:
    # what someone answered about a former partner never reaches the next one.
    if couple is None:
        return None
    row = session.scalar(
        select(InstrumentResponse)
        .where(
            InstrumentResponse.user_id == user_id,
            InstrumentResponse.couple_id == couple,
            InstrumentResponse.instrument_id == SIGNS,
            InstrumentResponse.instrument_version == signs().version,
            InstrumentResponse.about == about,
        )
        .order_by(InstrumentResponse.created_at.desc(), InstrumentResponse.id.desc())
        .limit(1)
    )
    return None if row is None else dict(row.answers)


def give_consent(db: Database, user_id: int) -> GapStatus:
    try:
        with db.transaction() as session:
            require_user(session, user_id)
            couple = lock_couple(session, user_id)
            if couple is None:
                raise Conflict("Link with your partner first; this consent is for the two of you.")
            consent = session.get(Consent, (user_id, SCOPE))
            if consent is None:
                session.add(Consent(user_id=user_id, scope=SCOPE, couple_id=couple))
            else:
                consent.couple_id = couple
    except IntegrityError:
        pass  # a concurrent request gave the same consent
    return gap_status(db, user_id)


def withdraw_consent(db: Database, user_id: int) -> GapStatus:
    with db.transaction() as session:
        consent = session.get(Consent, (user_id, SCOPE))
        if consent is not None:
            session.delete(consent)
    return gap_status(db, user_id)


def gap_status(db: Database, user_id: int) -> GapStatus:
    with db.transaction() as session:
        require_user(session, user_id)
        couple = current_couple_id(session, user_id)
        return GapStatus(
            linked=couple is not None,
            consented=_consented(session, user_id, couple),
            answered_self=_latest_answers(session, user_id, "self", couple) is not None,
            answered_partner=_latest_answers(session, user_id, "partner", couple) is not None,
        )


def couple_gap(db: Database, user_id: int) -> GapView:
    """The gap for the caller's couple, or NotFound until every condition holds."""
    with db.transaction() as session:
        other = partner_id(session, user_id)
        couple = current_couple_id(session, user_id)
        if other is None or not (
            _consented(session, user_id, couple) and _consented(session, other, couple)
        ):
            raise NotFound("perception gap")
        sets = [
            _latest_answers(session, person, about, couple)
            for person, about in ((user_id, "self"), (other, "partner"), (other, "self"),
                                  (user_id, "partner"))
        ]  # fmt: skip
    if any(answers is None for answers in sets):
        raise NotFound("perception gap")
    a_self, b_about_a, b_self, a_about_b = (answers or {} for answers in sets)
    try:
        items = perception_gap(a_self, b_about_a, b_self, a_about_b, signs())
    except AnswerError:
        raise NotFound("perception gap") from None
    # A joint exercise: closed unless both partners' private safety checks allow it.
    require_joint_exercises(db, user_id)
    return GapView(tuple(items), dict(signs().scale.labels))
