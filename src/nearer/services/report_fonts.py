"""The fonts a PDF report is printed in: Noto, shipped by the `manimgx-fonts` package (OFL-1.1).

Noto Sans sets Latin, Greek, Cyrillic and combining marks; the other faces are fallbacks that
fpdf2 picks character by character (Arabic, Hebrew, Devanagari and the other scripts Noto Sans
lacks, symbols, emoji). Chinese, Japanese and Korean are not among them (the Noto CJK faces
alone would add some 20 MB to an install): a character that no face has is printed as MISSING,
and the report says so at its end.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    from fpdf import FPDF

FAMILY = "noto-sans"
MISSING = "\ufffd"  # REPLACEMENT CHARACTER, which Noto Sans has
_BOLD = 700
_MAIN = "NotoSans[wght].ttf"
_MAIN_ITALIC = "NotoSans-Italic[wght].ttf"


def _folder() -> Path:
    return Path(str(resources.files("manimgx_fonts")))


@cache
def _fallbacks() -> tuple[Path, ...]:
    """Every other face in the package, in name order (so every PDF is built the same way)."""
    return tuple(
        sorted(p for p in _folder().glob("*.ttf") if p.name not in (_MAIN, _MAIN_ITALIC))
    )


@cache
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


@cache
def _covered() -> frozenset[int]:
    """Every code point some face can print."""
    return frozenset().union(*(_cmap(p) for p in (_folder() / _MAIN, *_fallbacks())))


@cache
def _bold() -> Path:
    """Noto Sans at bold weight, made from the variable face once and kept in the user's cache
    (making it takes seconds; fpdf2 would make it again for every PDF)."""
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    version = metadata.version("manimgx-fonts")
    try:
        folder = Path(platformdirs.user_cache_dir("nearer")) / "fonts" / version
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = Path(tempfile.mkdtemp(prefix="nearer-fonts-"))
    path = folder / "NotoSans-Bold.ttf"
    if not path.exists():
        with TTFont(_folder() / _MAIN) as font:
            instancer.instantiateVariableFont(font, {"wght": _BOLD}, inplace=True, static=True)
            partial = folder / f".{path.name}.{os.getpid()}"
            font.save(partial)
        os.replace(partial, path)
    return path


def _printable(char: str) -> bool:
    # Joiners, variation selectors and other format characters are read by the shaper, not drawn.
    point = ord(char)
    return (
        point in _covered()
        or unicodedata.category(char) in ("Cf", "Cc")
        or 0xFE00 <= point <= 0xFE0F
        or 0xE0100 <= point <= 0xE01EF
    )


def printable(text: str) -> tuple[str, bool]:
    """The text in NFC with MISSING for each character no face has, and whether any was."""
    text = unicodedata.normalize("NFC", text)
    out = "".join(c if c.isascii() or _printable(c) else MISSING for c in text)
    return out, out.count(MISSING) > text.count(MISSING)


def use(pdf: FPDF, text: str) -> None:
    """Add the faces `text` needs to `pdf`, set Noto Sans with the others as fallbacks, and
    shape text (Arabic joined and set right to left, Devanagari clusters formed)."""
    folder = _folder()
    pdf.add_font(FAMILY, "", folder / _MAIN)  # the variable faces' default: regular weight
    pdf.add_font(FAMILY, "I", folder / _MAIN_ITALIC)
    pdf.add_font(FAMILY, "B", _bold())
    pdf.add_font(FAMILY, "BI", _bold())  # the report sets no bold italic; upright stands in
    used = {ord(c) for c in text} - _cmap(folder / _MAIN)
    names = []
    for path in _fallbacks():
        if used & _cmap(path):
            name = path.name.split("[")[0].lower()
            pdf.add_font(name, fname=path)
            names.append(name)
    if names:
        pdf.set_fallback_fonts(names, exact_match=False)
    pdf.set_text_shaping(use_shaping_engine=True)
