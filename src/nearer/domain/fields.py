"""Field rules shared by the JSON API and import: one declaration, the same checks everywhere.

Each type below is a pydantic annotated type whose JSON schema states exactly what the app
accepts, so /openapi.json tells the truth: a value that fits the schema passes these checks,
and one that does not is refused with a 422 naming the field. Patterns are checked with
Python's `re` (the engine the domain rules in `nearer.domain.journal` use, so `\\w` means the
same thing in both places), by plain functions that run in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from nearer.domain.blank import blank
from nearer.domain.field_checks import (
    DAY_RANGE,
    EMAIL_PATTERN,
    day_in_range,
    has_surrogate,
    is_place_zone,
)
from nearer.domain.field_checks import MAX_ID as MAX_ID  # the plain checks, named here too
from nearer.domain.field_checks import is_email as is_email
from nearer.domain.field_checks import is_row_id as is_row_id
from nearer.domain.journal import MAX_LABEL_LENGTH, MAX_LABELS, MAX_TEXT

# Control characters the journal refuses (tab, newline and carriage return are fine).
_CONTROL_CLASS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_CONTROL = re.compile(f"[{_CONTROL_CLASS}]")
TEXT_PATTERN = rf"^[^{_CONTROL_CLASS}]*[^\s{_CONTROL_CLASS}][^{_CONTROL_CLASS}]*$"
LABEL_PATTERN = r"^\w[\w '\-]*$"
INVITE_PATTERN = r"^[A-Za-z0-9]{4}[- ]?[A-Za-z0-9]{4}$"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _problem(message: str) -> PydanticCustomError:
    return PydanticCustomError("value_error", message)


def _checked(rule: Callable[[str], str | None]) -> BeforeValidator:
    """A validator for text: refuses broken characters, then applies `rule` (None = fine)."""

    def check(value: Any) -> Any:
        if not isinstance(value, str):
            return value  # the strict str check that follows names the wrong type
        if has_surrogate(value):
            raise _problem("contains broken characters (a lone surrogate), not readable text")
        problem = rule(value)
        if problem:
            raise _problem(problem)
        return value

    return BeforeValidator(check)


def _matches(pattern: str, message: str) -> Callable[[str], str | None]:
    compiled = re.compile(pattern)
    return lambda value: None if compiled.match(value) else message


def _schema(**schema: Any) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", **schema})


def _text_rule(limit: int) -> Callable[[str], str | None]:
    def rule(value: str) -> str | None:
        if blank(value):
            return "is empty; write at least a word"
        if len(value) > limit:
            return f"is {len(value):,} characters; the limit is {limit:,}"
        if _CONTROL.search(value):
            return "contains control characters; it looks like binary junk, not text"
        return None

    return rule


def text_rules(limit: int) -> BeforeValidator:
    """Text a person wrote: at least one visible character, at most `limit`, no control codes."""
    return _checked(_text_rule(limit))


def text_schema(limit: int) -> WithJsonSchema:
    return _schema(minLength=1, maxLength=limit, pattern=TEXT_PATTERN)


def _label_rule(value: str) -> str | None:
    if len(value) > MAX_LABEL_LENGTH:
        return f"is over {MAX_LABEL_LENGTH} characters"
    return _matches(LABEL_PATTERN, "must be a plain word: letters, digits, spaces, ' or -")(value)


def _zone_rule(value: str) -> str | None:
    return None if value in time_zones() else "is not a known time zone, e.g. Europe/London"


def _iso_date(value: Any) -> Any:
    # Without this, pydantic would read "0" or 1700000000 as a Unix time.
    if not isinstance(value, date):
        if not isinstance(value, str) or not re.match(DATE_PATTERN, value):
            raise _problem("must be a date written YYYY-MM-DD")
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise _problem("is not a real date") from None
    if not day_in_range(value):
        raise _problem(DAY_RANGE)
    return value


@cache
def time_zones() -> frozenset[str]:
    """Every IANA time zone name this host knows (the packaged tzdata), without the names that
    are no place's clock (`localtime`, `Factory`: see `is_place_zone`)."""
    from zoneinfo import available_timezones

    return frozenset(name for name in available_timezones() if is_place_zone(name))


def _no_rule(value: str) -> str | None:
    return None


# Any text that must only be readable (no lone surrogates); length limits are added per use.
PlainText = Annotated[str, _checked(_no_rule)]
EntryText = Annotated[str, text_rules(MAX_TEXT), text_schema(MAX_TEXT)]
# A feeling or tag word, lower-cased and with spaces collapsed by the app.
Label = Annotated[
    str,
    _checked(_label_rule),
    _schema(minLength=1, maxLength=MAX_LABEL_LENGTH, pattern=LABEL_PATTERN),
]
Labels = Annotated[list[Label], Field(max_length=MAX_LABELS)]


def _feeling_rule(value: str) -> str | None:
    from nearer.domain.feelings import known_words, unknown_message

    return None if value in known_words() else unknown_message(value)


def _feeling_words() -> list[str]:
    from nearer.domain.feelings import known_words

    return sorted(known_words())


# A feeling: a word from the feelings wheel (or a family or judgement word), lower-case.
Feeling = Annotated[str, _checked(_feeling_rule), _schema(enum=_feeling_words())]
Feelings = Annotated[list[Feeling], Field(max_length=MAX_LABELS)]
# JSON Schema counts 3.0 as an integer, so a whole-number float is read as that integer.
Intensity = Annotated[int, Field(ge=0, le=10), BeforeValidator(lambda v: _whole(v))]
Visibility = Literal["private", "shared"]
Email = Annotated[
    str,
    _checked(
        lambda v: (
            None if len(v) <= 320 and re.match(EMAIL_PATTERN, v) else "is not a valid email address"
        )
    ),
    _schema(format="email", maxLength=320, pattern=EMAIL_PATTERN),
]
InviteCode = Annotated[
    str,
    _checked(_matches(INVITE_PATTERN, "should look like ABCD-EFGH")),
    _schema(minLength=8, maxLength=9, pattern=INVITE_PATTERN),
]
Slug = Annotated[
    str,
    _checked(_matches(SLUG_PATTERN, "must be 1-64 of a-z, 0-9, '_' or '-'")),
    _schema(minLength=1, maxLength=64, pattern=SLUG_PATTERN),
]
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]
IsoDate = Annotated[
    date, BeforeValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})
]
TimeZone = Annotated[str, _checked(_zone_rule), _schema(enum=sorted(time_zones()))]

# One line a person wrote: may be empty (the app then treats it as left out), no line breaks
# and no control codes.
ONE_LINE_PATTERN = rf"^[^{_CONTROL_CLASS}\n\r\x85\u2028\u2029]*$"
_ONE_LINE = re.compile(ONE_LINE_PATTERN)


def one_line(limit: int) -> tuple[BeforeValidator, WithJsonSchema]:
    """Rules and schema for one optional line of at most `limit` characters."""

    def rule(value: str) -> str | None:
        if len(value) > limit:
            return f"is {len(value):,} characters; the limit is {limit:,}"
        return None if _ONE_LINE.match(value) else "should be one line, without control characters"

    return _checked(rule), _schema(maxLength=limit, pattern=ONE_LINE_PATTERN)


def one_of(
    values: tuple[str, ...], message: str | Callable[[str], str]
) -> tuple[BeforeValidator, WithJsonSchema]:
    """Rules and schema for a word from a list the app reads from its data files; `message`
    may be made from the word given (to suggest the closest known ones)."""
    known = frozenset(values)

    def rule(value: str) -> str | None:
        if value in known:
            return None
        return message(value) if callable(message) else message

    return _checked(rule), _schema(enum=sorted(known))


def _whole(value: Any) -> Any:
    # JSON Schema counts 20.0 as an integer, so a whole-number float is read as that integer.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# A whole number in a request body; bounds are added per use with Field(ge=..., le=...).
Whole = BeforeValidator(_whole)


def _display_name_rule(value: str) -> str | None:
    from nearer.domain.people import display_name_problem

    return display_name_problem(value)


# The name a person's partner sees instead of their email.
DisplayName = Annotated[
    str,
    _checked(_display_name_rule),
    _schema(minLength=1, maxLength=40),  # letters of any script: more than a JSON \w says
]
