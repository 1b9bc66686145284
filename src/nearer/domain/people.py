"""How people are named to each other: the display-name rule and the fallback from an email."""

from __future__ import annotations

import re

from nearer.domain.blank import blank

MAX_DISPLAY_NAME = 40
# Letters (any script), digits, spaces and the marks names carry: ' - .
DISPLAY_NAME_PATTERN = r"^\w[\w '.\-]*$"
_DISPLAY_NAME = re.compile(DISPLAY_NAME_PATTERN)


def display_name_problem(value: str) -> str | None:
    """What is wrong with `value` as a display name, in plain words (None: it is fine)."""
    name = value.strip()
    if blank(name):  # nothing, or only characters that draw nothing (a partner would see a gap)
        return "is empty; write the name your partner knows you by"
    if len(value) > MAX_DISPLAY_NAME:
        return f"is {len(value)} characters; the limit is {MAX_DISPLAY_NAME}"
    if not _DISPLAY_NAME.match(name):
        return "should start with a letter or digit and hold letters, digits, spaces, ' - or . only"
    return None


def clean_display_name(value: str) -> str:
    """The name as stored: outer spaces dropped, inner runs of spaces made one."""
    return " ".join(value.split())


def name_for_partner(display_name: str | None, email: str | None) -> str:
    """The chosen display name, else the part of the email before the @ ("Sam")."""
    if display_name:
        return display_name
    if not email:
        return "Your partner"
    name = email.split("@", 1)[0].replace(".", " ").strip()
    return name[:1].upper() + name[1:] if name else "Your partner"
