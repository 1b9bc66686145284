"""The one seam through which every piece of written text is stored and read back.

Journal entries, reflections and guide notes all use the `WrittenText` column type, so
encryption at rest can be added here later without touching any service.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


def seal(text: str) -> str:
    """Turn user text into its stored form (today: unchanged)."""
    return text


def unseal(stored: str) -> str:
    """Turn the stored form back into user text."""
    return stored


class WrittenText(TypeDecorator[str]):
    """A text column whose every read and write passes through `seal` / `unseal`."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else seal(str(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else unseal(str(value))
