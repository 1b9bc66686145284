"""How people are named to each other: the display-name rule and the fallback from an email."""

from __future__ import annotations

import unicodedata

from nearer.domain.blank import blank

MAX_DISPLAY_NAME = 40
# Letters of any script with their marks (the vowel signs of Hindi or Tamil, a typed accent),
# digits, spaces and the marks names carry: ' - . A name starts with a letter or digit.
_NAME_MARKS = " '.-"


def _name_shape_ok(name: str) -> bool:
    if unicodedata.category(name[0])[0] not in "LN":
        return False
    return all(unicodedata.category(c)[0] in "LNM" or c in _NAME_MARKS for c in name)


def display_name_problem(value: str) -> str | None:
    """What is wrong with `value` as a display name, in plain words (None: it is fine)."""
    name = unicodedata.normalize("NFC", value.strip())
    if blank(name):  # nothing, or only characters that draw nothing (a partner would see a gap)
        return "is empty; write the name your partner knows you by"
    if len(value) > MAX_DISPLAY_NAME:
        return f"is {len(value)} characters; the limit is {MAX_DISPLAY_NAME}"
    if not _name_shape_ok(name):
        return ("should start with a letter or digit and hold letters (of any script), digits, "
                "spaces, ' - or . only")
    return None


def clean_display_name(value: str) -> str:
    """The name as stored: in NFC, outer spaces dropped, inner runs of spaces made one."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def name_for_partner(display_name: str | None, email: str | None) -> str:
    """The chosen display name, else the part of the email before the @ ("Sam")."""
    if display_name:
        return display_name
    if not email:
        return "Your partner"
    name = email.split("@", 1)[0].replace(".", " ").strip()
    return name[:1].upper() + name[1:] if name else "Your partner"
