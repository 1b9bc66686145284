"""Pages of a list that can grow: how many per page, and the opaque cursor to the next one.

A cursor is the sort key of the last item shown (for entries: when it was written and its id),
as JSON in URL-safe base64. It is a position, not a permission: every page is read again with
the reader's own rights, so a cursor made up or taken from someone else shows nothing new.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

from nearer.domain.errors import InvalidInput, Problem

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_CURSOR = 200  # characters; a real cursor is well under 100
CURSOR_PATTERN = r"^[A-Za-z0-9_-]+$"
CURSOR_FIELD = "query.cursor"

Key = str | int | datetime | date
T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """Some items of a list, newest first, and the cursor to the rest (None: this is the last)."""

    items: list[T]
    next: str | None


def bad_cursor() -> InvalidInput:
    return InvalidInput(
        [Problem(CURSOR_FIELD, "is not a cursor from this list; start again from the first page")]
    )


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput([Problem("query.limit", f"should be between 1 and {MAX_LIMIT}")])
    return limit


def _plain(value: Key) -> str | int:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def encode_cursor(keys: tuple[Key, ...]) -> str:
    raw = json.dumps([_plain(k) for k in keys], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, kinds: tuple[type, ...]) -> tuple[Key, ...]:
    """The sort key a cursor names, each part converted to the type the list sorts by."""
    if not cursor or len(cursor) > MAX_CURSOR:
        raise bad_cursor()
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        parts = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise bad_cursor() from None
    if not isinstance(parts, list) or len(parts) != len(kinds):
        raise bad_cursor()
    return tuple(_typed(part, kind) for part, kind in zip(parts, kinds, strict=True))


def _typed(part: object, kind: type) -> Key:
    try:
        if kind is int and type(part) is int and -(2**31) <= part < 2**31:  # integer columns
            return part
        if kind is str and isinstance(part, str) and len(part) <= MAX_CURSOR:
            return part
        if kind is datetime and isinstance(part, str):
            moment = datetime.fromisoformat(part)
            if moment.tzinfo is not None:
                return moment
        if kind is date and isinstance(part, str):
            return date.fromisoformat(part)
    except ValueError:
        pass
    raise bad_cursor()
