"""The plain checks behind a few field rules: a row id, an email address, a time zone name, a
broken character.

They need no pydantic, so the services (and the command line, which never builds an API schema)
use them from here; `nearer.domain.fields` builds the API's annotated types on the same checks.
"""

from __future__ import annotations

import re
from datetime import date

# Row ids are `integer` columns, signed 32-bit on PostgreSQL: anything outside 1 .. 2^31 - 1
# names no row (and PostgreSQL refuses to compare its ids with a larger number at all).
MAX_ID = 2**31 - 1
# The days Nearer reads or reports on: a week or a range around 0001-01-01 or 9999-12-31 would
# run past the calendar Python can count in.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)
DAY_RANGE = f"must be between {FIRST_DAY.isoformat()} and {LAST_DAY.isoformat()}"


def day_in_range(value: date) -> bool:
    return FIRST_DAY <= value <= LAST_DAY

# An everyday address: a dot-atom local part and a dotted host name, ASCII only.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL_PATTERN = rf"^{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+$"
_EMAIL = re.compile(EMAIL_PATTERN)


def is_row_id(value: int) -> bool:
    """True when `value` could be the id of a stored row (so a lookup cannot overflow)."""
    return 1 <= value <= MAX_ID


def is_email(value: str) -> bool:
    """An address Nearer accepts: at most 320 characters, at most 64 before the @."""
    return len(value) <= 320 and bool(_EMAIL.match(value)) and len(value.split("@")[0]) <= 64


# Files in the zone database that are no place's clock: the server's own (`localtime`), a
# placeholder (`Factory`), the rules a POSIX TZ string borrows (`posixrules`), and the `posix/`
# and `right/` copies of the database (the latter counting leap seconds). A calendar file or a
# person's day must never run on one of them.
_NOT_ZONES = frozenset({"localtime", "factory", "posixrules"})
_NOT_ZONE_FOLDERS = ("posix/", "right/")


def is_place_zone(name: str) -> bool:
    """False for a zone-database name that is not a place's IANA zone (`localtime`, `Factory`,
    `posixrules`, `posix/...`, `right/...`); whether the name exists is checked elsewhere."""
    folded = name.casefold()
    return folded not in _NOT_ZONES and not folded.startswith(_NOT_ZONE_FOLDERS)


_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogate(value: str) -> bool:
    """A lone surrogate cannot be stored as UTF-8 by any database; it is a broken character.
    (One regex search: a Python loop over the characters cost ~20 us for an everyday entry.)"""
    return _SURROGATE.search(value) is not None
