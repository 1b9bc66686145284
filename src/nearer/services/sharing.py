"""Sharing a rhythm item (a bid, a small step) with the couple its author is in now."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.orm import Session

from nearer.domain.errors import InvalidInput, Problem
from nearer.services.access import lock_couple

VISIBILITIES = ("private", "shared")


class Shareable(Protocol):
    visibility: str
    shared_couple_id: int | None


def check_visibility(value: object) -> str:
    if value not in VISIBILITIES:
        raise InvalidInput([Problem("visibility", "should be 'private' or 'shared'")])
    assert isinstance(value, str)
    return value


def bind_share(session: Session, user_id: int, item: Shareable, visibility: str) -> None:
    """'shared' means shared with the couple the author is in at this moment, and no other."""
    if visibility != "shared":
        item.visibility, item.shared_couple_id = "private", None
        return
    couple = lock_couple(session, user_id)
    if couple is None:
        raise InvalidInput(
            [Problem("visibility", "you can share once you are linked with your partner")]
        )
    item.visibility, item.shared_couple_id = "shared", couple
