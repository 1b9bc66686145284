"""What happens to every piece of text that enters Nearer: a safety check and an emotion reading.

Each text becomes one Doc (nearer.analysis.text): it is split once, and every string the
detectors need embedded (the safety head's sentences, the emotion reader's units) goes to the
encoder in ONE call; many texts read together (import, reanalyze) share that call too.

Before the safety rules run, the strings the detectors will ask for (the emotion reader's
units, found by its lexicon, and the safety head's sentences) and the one pass over a text of
three or more sentences (the safety head pools its pairs from it, Doc.unit_rows, and the emotion
reader the chunks of a long text, emotions.from_pass) start encoding on the encoder's threads
(Doc.start, text.start_whole); the rules run meanwhile, and whatever else they want is encoded
after them (rarely anything). A caller that goes on to coach the same text passes the Doc
(`read_text(doc)`, then `coach.analyze(doc)`): the sentences are encoded once, and the coach
pools the pairs of a longer text from the same pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the rules and the model load on first read only, never at import
    from nearer.analysis.safety import SafetyResult
    from nearer.analysis.text import Doc

READ_CHUNK = 64  # texts read together by read_many: full encoder batches, bounded memory


@dataclass(frozen=True)
class TextReading:
    safety: SafetyResult
    emotions: list[dict[str, Any]] | None
    family: str | None


def check_safety(text: str) -> SafetyResult:
    return read_text(text, emotions=False).safety


def _likely(doc: Doc, emotions: bool, safety: bool = True) -> list[str]:
    """What the detectors will embed for this Doc, found before the safety rules run: the
    emotion reader's units (its lexicon runs first: it blanks negated feelings), and the safety
    head's sentences not yet scored (the rules may still set one aside; then its row is simply
    not read)."""
    from nearer.analysis.safety import likely_texts

    if not doc.text.strip():
        return []
    wanted: list[str] = []
    if emotions:
        from nearer.analysis.emotions import embedding_texts

        wanted += embedding_texts(doc)
    if safety:
        wanted += likely_texts(doc)
    return wanted


def _needs_pass(doc: Doc, emotions: bool, safety: bool = True) -> bool:
    """Whether a detector will pool rows of this Doc from one pass over it: the safety head
    (pairs of a text of three or more sentences), the emotion reader (chunks of a long text)."""
    from nearer.analysis import safety as safety_reader

    if safety and safety_reader.needs_pass(doc):
        return True
    if emotions:
        from nearer.analysis.emotions import needs_pass

        return needs_pass(doc)
    return False


def _start(docs: Sequence[Doc], emotions: bool, safety: bool = True) -> None:
    """Start encoding what the detectors will likely need, before their rules run: the safety
    head's one pass over each longer text, and every string read alone."""
    from nearer.analysis.text import start_docs, start_whole

    try:
        start_whole([doc for doc in docs if _needs_pass(doc, emotions, safety)])
        start_docs(docs, [_likely(doc, emotions, safety) for doc in docs])
    except Exception:  # noqa: BLE001 - the detectors meet any failure on their own terms
        return


def start_reading(texts: Sequence[str | Doc], *, emotions: bool = True,
                  safety: bool = True) -> list[Doc]:
    """Docs of these texts whose likely strings are already encoding; read them later with
    read_many (or emotions.detect_many when `safety` is off). Batch work starts its next chunk
    this way before reading the current one, so the encoder threads never wait for the rules,
    the heads or the database, and at most two chunks are in memory."""
    from nearer.analysis.text import Doc

    docs = [Doc.of(text) for text in texts]
    _start(docs, emotions, safety)
    return docs


def _prefetch(docs: Sequence[Doc], emotions: bool) -> None:
    """Encode everything every detector will ask of these Docs: the strings read alone in one
    encoder call, the passes over the longer texts in shared calls."""
    from nearer.analysis import safety
    from nearer.analysis.text import embed_docs, read_docs_whole

    wanted = [safety.embedding_texts(doc) for doc in docs]
    if emotions:
        from nearer.analysis.emotions import embedding_texts

        wanted = [w + embedding_texts(doc) for w, doc in zip(wanted, docs, strict=True)]
    try:
        embed_docs(docs, wanted)
        read_docs_whole([doc for doc in docs if _needs_pass(doc, emotions)])
    except Exception:  # noqa: BLE001 - each detector meets the failure on its own terms below
        return


def read_many(texts: Sequence[str | Doc], *, emotions: bool = True) -> list[TextReading]:
    """Safety always; emotions for journal text. Many texts share encoder batches; texts given
    as Docs keep their rows for whatever reads them next (the coach)."""
    from nearer.analysis.safety import assess
    from nearer.analysis.text import Doc

    docs = [Doc.of(text) for text in texts]
    if not docs:
        return []
    _start(docs, emotions)
    _prefetch(docs, emotions)
    safeties = [assess(doc) for doc in docs]
    if not emotions:
        return [TextReading(s, None, None) for s in safeties]
    from nearer.analysis import emotions as emotion_model

    found = emotion_model.detect_many(docs)
    return [TextReading(s, [e.to_dict() for e in f], emotion_model.dominant(f))
            for s, f in zip(safeties, found, strict=True)]


def read_text(text: str | Doc, *, emotions: bool = True) -> TextReading:
    """Safety always; emotions for journal text (the model loads on first use only). A text
    a child process is reading already (services/read_ahead.py) takes that child's reading."""
    if emotions and isinstance(text, str):
        from nearer.services import read_ahead

        ahead = read_ahead.take(text)
        if ahead is not None:
            return ahead
    return read_many([text], emotions=emotions)[0]


# Read once by warm_up: a journal entry of several sentences (so the one pass and the pairs are
# exercised too) and a draft with a coach flag, written for this purpose.
_WARM_ENTRY = ("We talked after dinner and I felt close to you. Work has been loud this week. "
               "I want us to keep Sunday morning for a walk, just the two of us.")
_WARM_DRAFT = "You never listen to me. Can we talk tonight?"


def warm_up() -> None:
    """Make everything that reads text ready, so no reader pays for a first use: the encoder
    and its tokenizer, every head, and every rule and cue compiled (the rules otherwise
    compile when a text first wakes them: about 0.5 s over a process's first readings, which
    lands on whoever types first). A server worker calls this before its port opens; the
    benchmarks call it before timing."""
    from nearer.analysis import coach, rulebook
    from nearer.analysis.coach.detector import all_rules
    from nearer.analysis.safety.detector import rules

    for spec in rulebook.book().cues.values():
        spec.pattern  # noqa: B018 - compiles and keeps the pattern
    rules()
    all_rules()
    read_text(_WARM_ENTRY)
    coach.analyze(_WARM_DRAFT, typing=True)
    coach.analyze(_WARM_DRAFT)
