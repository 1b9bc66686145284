"""Detect emotion families in journal text: our own lexicon plus sentence-embedding prototypes.

How a text is scored (all offline, pure):
1. The text is cut into units: short texts (≤ 400 characters) are one unit; longer ones are split
   into sentences grouped into chunks of ≤ 300 characters. At most MAX_UNITS evenly spaced units
   are analysed, so a 20,000-character entry costs at most MAX_UNITS chunk embeddings.
2. Lexicon (emotions_lexicon): matches of our own word list, with negation scope ("not angry"
   counts for nothing, and a negated pleasant feeling leans to sadness) and intensifiers. Per
   family, lexical evidence L = 1 − exp(−Σ weights) (one plain word ≈ 0.63).
3. Embeddings: the unit, with negated phrases blanked, is embedded with all-MiniLM-L6-v2 and
   compared with our prototype sentences per family (content/emotions/prototypes.yaml, after
   Shaver et al. 1987 emotion prototypes). A family's similarity is the mean cosine of its
   TOP_K nearest prototypes; a softmax with temperature TEMPERATURE turns these into P.
4. Per unit the two are joined as a noisy-OR, c = 1 − (1 − P)(1 − L). For neutral, P is first
   scaled by (1 − the strongest L of the other families), since a named feeling argues against
   "no feeling", and its lexical weight is halved because "fine" and "okay" often sit in
   emotional sentences.
5. Over units, a family's score = ½·max + ½·mean, so a feeling that runs through an entry
   outranks one mentioned in passing. Families scoring ≥ MIN_SCORE are returned, best first;
   when none does, the answer is neutral.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from nearer.analysis import emotions_lexicon as lexicon

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

FAMILIES = ("joy", "love", "sadness", "anger", "fear", "shame", "neutral")
SHORT_TEXT = 400
CHUNK_CHARS = 300
MAX_UNITS = 16
TOP_K = 5
BATCH = 32
TEMPERATURE = 0.03
MIN_SCORE = 0.35
NEUTRAL_LEXICAL_FACTOR = 0.5
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


@dataclass(frozen=True)
class Span:
    """A stretch of the original text that supports a finding."""

    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Emotion:
    """One emotion family found in a text, with the wheel word it names (if any) and evidence."""

    family: str
    word: str | None
    score: float
    evidence: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "word": self.word,
            "score": self.score,
            "evidence": [{"start": s.start, "end": s.end, "quote": s.quote} for s in self.evidence],
        }


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    text: str


def _units(text: str) -> list[_Unit]:
    """Analysis units with offsets into `text` (see the module docstring)."""
    stripped = text.strip()
    if not stripped:
        return []
    if len(text) <= SHORT_TEXT:
        offset = text.index(stripped)
        return [_Unit(offset, offset + len(stripped), stripped)]
    units: list[_Unit] = []
    pos = 0
    chunk_start: int | None = None
    chunk_end = 0
    for piece_end in [m.start() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        piece = text[pos:piece_end]
        if piece.strip():
            begin = pos + (len(piece) - len(piece.lstrip()))
            if chunk_start is not None and piece_end - chunk_start > CHUNK_CHARS:
                units.append(_Unit(chunk_start, chunk_end, text[chunk_start:chunk_end]))
                chunk_start = None
            chunk_start = begin if chunk_start is None else chunk_start
            chunk_end = pos + len(piece.rstrip())
        match = _SENTENCE_END.match(text, piece_end)
        pos = match.end() if match else piece_end
    if chunk_start is not None:
        units.append(_Unit(chunk_start, chunk_end, text[chunk_start:chunk_end]))
    if len(units) > MAX_UNITS:
        step = len(units) / MAX_UNITS
        units = [units[int(k * step)] for k in range(MAX_UNITS)]
    return units


@lru_cache(maxsize=1)
def _prototypes() -> tuple[NDArray[np.float32], NDArray[np.int64]]:
    """Prototype embeddings and their family indices, computed once on first use."""
    import numpy as np

    from nearer.analysis.embeddings import embed

    raw = (resources.files("nearer.content") / "emotions" / "prototypes.yaml").read_text("utf-8")
    data: dict[str, list[str]] = yaml.safe_load(raw)
    sentences: list[str] = []
    labels: list[int] = []
    for index, family in enumerate(FAMILIES):
        sentences.extend(data[family])
        labels.extend([index] * len(data[family]))
    return embed(sentences), np.asarray(labels, dtype=np.int64)


def _embedding_probabilities(texts: Sequence[str]) -> NDArray[np.float64]:
    """Per text, a probability per family from top-k prototype similarity (rows sum to 1)."""
    import numpy as np

    from nearer.analysis.embeddings import embed

    vectors, labels = _prototypes()
    # Batches of similar length waste less work on padding.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    embedded = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
    for begin in range(0, len(order), BATCH):
        batch = order[begin : begin + BATCH]
        embedded[batch] = embed([texts[i] for i in batch])
    similarity = embedded @ vectors.T
    per_family = np.stack(
        [
            np.sort(similarity[:, labels == k], axis=1)[:, -TOP_K:].mean(axis=1)
            for k in range(len(FAMILIES))
        ],
        axis=1,
    ).astype(np.float64)
    logits = per_family / TEMPERATURE
    logits -= logits.max(axis=1, keepdims=True)
    weights = np.exp(logits)
    result: NDArray[np.float64] = weights / weights.sum(axis=1, keepdims=True)
    return result


@dataclass(frozen=True)
class _Prepared:
    units: list[_Unit]
    hits: list[list[lexicon.Hit]]  # per unit, offsets relative to the unit


def _prepare(text: str) -> _Prepared:
    units = _units(text)
    return _Prepared(units, [lexicon.find_hits(u.text) for u in units])


def _unit_scores(hits: list[lexicon.Hit], probabilities: Sequence[float]) -> list[float]:
    weights = lexicon.family_weights(hits)
    lexical = {f: 1.0 - math.exp(-weights.get(f, 0.0)) for f in FAMILIES}
    lexical["neutral"] = 1.0 - math.exp(-NEUTRAL_LEXICAL_FACTOR * weights.get("neutral", 0.0))
    # Neutral means "no feeling applies", so a named feeling counts against it.
    strongest_feeling = max(lexical[f] for f in FAMILIES if f != "neutral")
    scores = []
    for index, family in enumerate(FAMILIES):
        embedded = float(probabilities[index])
        if family == "neutral":
            embedded *= 1.0 - strongest_feeling
        scores.append(1.0 - (1.0 - embedded) * (1.0 - lexical[family]))
    return scores


def _best_word(hits: list[lexicon.Hit], family: str) -> str | None:
    named = [h for h in hits if h.family == family and not h.negated and h.word is not None]
    return max(named, key=lambda h: h.weight).word if named else None


def _evidence(
    text: str, prepared: _Prepared, family: str, unit_scores: list[list[float]]
) -> tuple[Span, ...]:
    spans: list[Span] = []
    for unit, hits in zip(prepared.units, prepared.hits, strict=True):
        for hit in hits:
            if hit.family == family and not hit.negated:
                start, end = unit.start + hit.start, unit.start + hit.end
                spans.append(Span(start, end, text[start:end]))
    if not spans:
        index = FAMILIES.index(family)
        best = max(range(len(prepared.units)), key=lambda u: unit_scores[u][index])
        unit = prepared.units[best]
        spans.append(Span(unit.start, unit.end, unit.text))
    return tuple(spans[:5])


def _assemble(text: str, prepared: _Prepared, unit_scores: list[list[float]]) -> list[Emotion]:
    if not prepared.units:
        return [Emotion("neutral", None, 1.0, ())]
    all_hits = [h for hits in prepared.hits for h in hits]
    found: list[Emotion] = []
    for index, family in enumerate(FAMILIES):
        column = [scores[index] for scores in unit_scores]
        score = round(0.5 * max(column) + 0.5 * sum(column) / len(column), 4)
        if score >= MIN_SCORE:
            evidence = _evidence(text, prepared, family, unit_scores)
            found.append(Emotion(family, _best_word(all_hits, family), score, evidence))
    found.sort(key=lambda e: (-e.score, FAMILIES.index(e.family)))
    if not found or all(e.family == "neutral" for e in found):
        column = [scores[FAMILIES.index("neutral")] for scores in unit_scores]
        score = round(0.5 * max(column) + 0.5 * sum(column) / len(column), 4)
        evidence = _evidence(text, prepared, "neutral", unit_scores)
        return [Emotion("neutral", _best_word(all_hits, "neutral"), score, evidence)]
    return found


def detect_many(texts: Sequence[str]) -> list[list[Emotion]]:
    """Emotions for each text, with all their units embedded in shared batches."""
    prepared = [_prepare(text) for text in texts]
    masked = [
        lexicon.masked_for_embedding(unit.text, hits)
        for item in prepared
        for unit, hits in zip(item.units, item.hits, strict=True)
    ]
    probabilities = _embedding_probabilities(masked) if masked else None
    results: list[list[Emotion]] = []
    row = 0
    for text, item in zip(texts, prepared, strict=True):
        unit_scores = []
        for hits in item.hits:
            assert probabilities is not None
            unit_scores.append(_unit_scores(hits, probabilities[row].tolist()))
            row += 1
        results.append(_assemble(text, item, unit_scores))
    return results


def detect(text: str) -> list[Emotion]:
    """Emotion families in `text`, best first; [neutral] when none applies."""
    return detect_many([text])[0]


def dominant(emotions: Sequence[Emotion]) -> str:
    """The family of the top emotion, or "neutral" when there is none."""
    if not emotions:
        return "neutral"
    return max(emotions, key=lambda e: e.score).family
