"""Whether a text a person wrote shows anything at all (no import beyond the standard library:
the command line's quick paths read it)."""

from __future__ import annotations

import unicodedata

# Characters that draw nothing although Unicode files them as letters, symbols or marks: the
# Hangul fillers, the blank Braille cell, the combining grapheme joiner, the Khmer inherent
# vowels, and the variation selectors (which only pick how the character before them looks).
_SHOWS_NOTHING = frozenset(
    "\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5\u180b\u180c\u180d\u180f"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)


def invisible(ch: str) -> bool:
    """Whether the character `ch` draws nothing: white space, a format character (zero-width
    space and joiner, word joiner, byte-order mark, direction marks, soft hyphen, tags: Unicode
    category Cf), or one of the blank-looking letters and marks above."""
    return ch.isspace() or ch in _SHOWS_NOTHING or unicodedata.category(ch) == "Cf"


def blank(text: str) -> bool:
    """Whether `text` shows nothing: only characters that draw nothing (see `invisible`)."""
    return all(invisible(ch) for ch in text)
