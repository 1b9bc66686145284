"""What happens to every piece of text that enters Nearer: a safety check and an emotion reading.

Each text becomes one Doc (nearer.analysis.text): it is split once, and every string the
detectors need embedded (the safety head's sentences, the emotion reader's units) goes to the
encoder in ONE call; many texts read together (import, reanalyze) share that call too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nearer.analysis.safety import SafetyResult, assess
from nearer.analysis.text import Doc

READ_CHUNK = 64  # texts read together by read_many: full encoder batches, bounded memory


@dataclass(frozen=True)
class TextReading:
    safety: SafetyResult
    emotions: list[dict[str, Any]] | None
    family: str | None


def check_safety(text: str) -> SafetyResult:
    return read_text(text, emotions=False).safety


def _prefetch(docs: Sequence[Doc], emotions: bool) -> None:
    """Embed everything every detector will ask of these Docs, in one encoder call."""
    from nearer.analysis import safety
    from nearer.analysis.text import embed_docs

    wanted = [safety.embedding_texts(doc) for doc in docs]
    if emotions:
        from nearer.analysis.emotions import embedding_texts

        wanted = [w + embedding_texts(doc) for w, doc in zip(wanted, docs, strict=True)]
    try:
        embed_docs(docs, wanted)
    except Exception:  # noqa: BLE001 - each detector meets the failure on its own terms below
        return


def read_many(texts: Sequence[str], *, emotions: bool = True) -> list[TextReading]:
    """Safety always; emotions for journal text. Many texts share encoder batches."""
    docs = [Doc(text) for text in texts]
    if not docs:
        return []
    _prefetch(docs, emotions)
    safeties = [assess(doc) for doc in docs]
    if not emotions:
        return [TextReading(s, None, None) for s in safeties]
    from nearer.analysis import emotions as emotion_model

    found = emotion_model.detect_many(docs)
    return [TextReading(s, [e.to_dict() for e in f], emotion_model.dominant(f))
            for s, f in zip(safeties, found, strict=True)]


def read_text(text: str, *, emotions: bool = True) -> TextReading:
    """Safety always; emotions for journal text (the model loads on first use only)."""
    return read_many([text], emotions=emotions)[0]
