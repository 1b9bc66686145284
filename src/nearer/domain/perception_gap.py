"""The perception gap: item by item, how each partner sees themselves versus how the other sees them.

Pure: it compares four complete answer sets. Whether both partners consented to share is checked
by the caller (services) before this is ever called.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from nearer.domain.instruments import Instrument, Item, check_answers

Subject = Literal["a", "b"]

_LISTEN = "Ask each other for one recent example, and listen before explaining."
_SHARE_OWN = "Tell your partner about one moment when it happened that they may not have noticed."
_ASK_THEM = "Ask them about one moment when it happened that you may have missed."


@dataclass(frozen=True)
class GapItem:
    """One behaviour on which a partner's self-view and the other's view of them differ."""

    item_id: str
    subject: Subject  # whose behaviour this is: "a" or "b"
    self_view: int  # the subject's answer about themselves
    partner_view: int  # the other partner's answer about the subject
    text_self: str
    text_partner: str
    starter: str  # addressed to the subject ("You see yourself ...")
    starter_for_partner: str  # addressed to the other partner ("Your partner sees themselves ...")

    @property
    def difference(self) -> int:
        """Self-view minus the partner's view; positive means the subject sees more of it."""
        return self.self_view - self.partner_view

    @property
    def size(self) -> int:
        return abs(self.difference)

    def to_dict(self) -> dict[str, Any]:
        return {
            "item_id": self.item_id,
            "subject": self.subject,
            "self_view": self.self_view,
            "partner_view": self.partner_view,
            "difference": self.difference,
            "size": self.size,
            "text_self": self.text_self,
            "text_partner": self.text_partner,
            "starter": self.starter,
            "starter_for_partner": self.starter_for_partner,
        }


def perception_gap(
    self_answers_a: Mapping[str, int],
    partner_answers_by_b: Mapping[str, int],
    self_answers_b: Mapping[str, int],
    partner_answers_by_a: Mapping[str, int],
    instrument: Instrument,
    *,
    min_difference: int = 1,
) -> list[GapItem]:
    """Gaps between self-view and partner-view for both partners, largest first.

    `partner_answers_by_b` are B's answers about A; `partner_answers_by_a` are A's about B.
    Items whose views differ by less than `min_difference` scale points are left out (pass 0 to
    keep agreements too). Ties: questionnaire order, then partner A before B.
    Raises `AnswerError` if any answer set is incomplete or off the scale.
    """
    if not {"self", "partner"} <= set(instrument.about):
        raise ValueError(f"{instrument.id}: needs answers about self and partner for a gap")
    for answers in (self_answers_a, partner_answers_by_b, self_answers_b, partner_answers_by_a):
        check_answers(instrument, answers)
    rows: list[tuple[int, int, int, GapItem]] = []
    for index, item in enumerate(instrument.items):
        pairs: tuple[tuple[Subject, Mapping[str, int], Mapping[str, int]], ...] = (
            ("a", self_answers_a, partner_answers_by_b),
            ("b", self_answers_b, partner_answers_by_a),
        )
        for order, (subject, own, other) in enumerate(pairs):
            gap = _gap_item(instrument, item, subject, own[item.id], other[item.id])
            if gap.size >= min_difference:
                rows.append((-gap.size, index, order, gap))
    rows.sort(key=lambda row: row[:3])
    return [row[3] for row in rows]


def _gap_item(
    instrument: Instrument, item: Item, subject: Subject, own: int, other: int
) -> GapItem:
    starter, for_partner = _starters(instrument, item, own, other)
    return GapItem(
        item_id=item.id,
        subject=subject,
        self_view=own,
        partner_view=other,
        text_self=item.text_for("self"),
        text_partner=item.text_for("partner"),
        starter=starter,
        starter_for_partner=for_partner,
    )


def _starters(instrument: Instrument, item: Item, own: int, other: int) -> tuple[str, str]:
    """Two conversation starters in plain words: one for the subject, one for the other partner."""
    own_label = instrument.scale.label(own) or str(own)
    other_label = instrument.scale.label(other) or str(other)
    to_subject = f'(you: "{own_label}", your partner: "{other_label}")'
    to_other = f'(they: "{own_label}", you: "{other_label}")'
    if own == other:
        same = f'You both answered "{own_label}"'
        return f"{same}; a shared view worth naming.", f"{same}; a shared view worth naming."
    gist = item.gist or f'doing what "{item.text_for("self")}" describes'
    if own < other:
        return (
            f"Your partner sees you {gist} more often than you see it in yourself "
            f"{to_subject}. {_LISTEN}",
            f"You see your partner {gist} more often than they see it in themselves "
            f"{to_other}. {_LISTEN}",
        )
    return (
        f"You see yourself {gist} more often than your partner sees it in you "
        f"{to_subject}. {_SHARE_OWN}",
        f"Your partner sees themselves {gist} more often than you see it in them "
        f"{to_other}. {_ASK_THEM}",
    )
