"""Whether a text a person wrote shows anything at all (no import beyond the standard library:
the command line's quick paths read it)."""

from __future__ import annotations

import unicodedata


def blank(text: str) -> bool:
    """Whether `text` shows nothing: only white space and invisible format characters (zero-width
    space and joiner, word joiner, byte-order mark, direction marks: Unicode category Cf)."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)
