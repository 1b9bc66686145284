"""Detect emotion families in journal text: our own lexicon plus sentence-embedding prototypes.

How a text is scored (all offline, pure):
1. The text is cut into units: short texts (≤ 400 characters) are one unit; longer ones are split
   into sentences grouped into chunks of ≤ 300 characters. At most MAX_UNITS evenly spaced units
   are analysed, so a 20,000-character entry costs at most MAX_UNITS chunk embeddings (plus one
   per contrast clause, see 3).
2. Lexicon (emotions_lexicon): matches of our own word list, with negation scope ("not angry"
   counts for nothing, and a negated pleasant feeling leans to sadness) and intensifiers. When a
   unit turns on a contrast ("…, but …", "not angry, just …"), hits before the turn weigh
   BEFORE_TURN and hits after it AFTER_TURN: the clause after "but" is usually the point.
   Situations (two cues in order, e.g. the writer's own wrongdoing then a regret cue) count as
   one firmer hit; one that spans the turn keeps its weight.
   Per family, lexical evidence L = 1 − exp(−Σ weights) (one plain word ≈ 0.63).
3. Embeddings: the unit, with negated phrases blanked, is embedded with all-MiniLM-L6-v2 and
   compared with our prototype sentences (content/emotions/prototypes.yaml, ~110 per family,
   after Shaver et al. 1987 emotion prototypes). With a contrast, the clause after the turn is
   embedded too and the two similarity rows are averaged. A family's similarity is the mean
   cosine of its TOP_K nearest prototypes (nearest neighbours, not a centroid, because a family
   is many situations); a softmax with temperature TEMPERATURE turns these into P.
4. Per unit the two are joined as a noisy-OR, c = 1 − (1 − P)(1 − L). When a wheel word is named
   and not negated, the lexicon wins: P of every family with no named word is scaled by
   (1 − NAMED_DAMP · the strongest named L). Neutral's P is scaled by (1 − the strongest L of
   the feeling families), and its lexical weight is halved because "fine" and "okay" often sit
   in emotional sentences.
5. Over units, a family's score = ½·max + ½·mean. Families scoring ≥ MIN_SCORE are returned,
   best first; when no feeling family does, the answer is neutral.
TOP_K, TEMPERATURE, NAMED_DAMP, BEFORE_TURN, AFTER_TURN and MIN_SCORE were chosen by 5-fold
cross-validation on the development set only (benchmarks/emotions_bench.py --tune).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from nearer.analysis.emotions import lexicon
from nearer.analysis.text import Doc, embed_docs

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

FAMILIES = ("joy", "love", "sadness", "anger", "fear", "shame", "neutral")
SHORT_TEXT = 400
CHUNK_CHARS = 300
MAX_UNITS = 16
BATCH = 32
NEUTRAL_LEXICAL_FACTOR = 0.5
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


@dataclass(frozen=True)
class Params:
    """The tunable constants of the combination (see the module docstring)."""

    top_k: int = 3
    temperature: float = 0.05
    named_damp: float = 0.5
    before_turn: float = 0.5
    after_turn: float = 1.3
    min_score: float = 0.25


PARAMS = Params()


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

    raw = (resources.files("nearer.content") / "emotions" / "prototypes.yaml").read_text("utf-8")
    # A file we ship: libyaml's safe loader reads it ~10x faster than the pure-Python one.
    data: dict[str, list[str]] = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    sentences: list[str] = []
    labels: list[int] = []
    for index, family in enumerate(FAMILIES):
        sentences.extend(data[family])
        labels.extend([index] * len(data[family]))
    from nearer.analysis.embeddings import embed_fixed

    return embed_fixed(sentences, _embed_sorted), np.asarray(labels, dtype=np.int64)


def _embed_sorted(texts: Sequence[str]) -> NDArray[np.float32]:
    """Embeddings in batches of similar length, which waste less work on padding."""
    import numpy as np

    from nearer.analysis.embeddings import DIMENSIONS, embed

    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    embedded = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for begin in range(0, len(order), BATCH):
        batch = order[begin : begin + BATCH]
        embedded[batch] = embed([texts[i] for i in batch])
    return embedded


def similarities(texts: Sequence[str], tails: Sequence[str | None],
                 embedder: Callable[[Sequence[str]], NDArray[np.float32]] | None = None
                 ) -> NDArray[np.float32]:
    """Cosine of each text to every prototype; a text with a contrast tail averages the two.
    `embedder` (default: the encoder) may hand back rows already computed."""
    vectors, _ = _prototypes()
    extra = [i for i, tail in enumerate(tails) if tail]
    embedded = (embedder or _embed_sorted)(list(texts) + [tails[i] or "" for i in extra])
    result = embedded[: len(texts)] @ vectors.T
    if extra:
        result[extra] = 0.5 * result[extra] + 0.5 * (embedded[len(texts) :] @ vectors.T)
    return result


def family_probabilities(sims: NDArray[np.float32], params: Params) -> NDArray[np.float64]:
    """Per row, a probability per family from the mean of its top-k prototype similarities."""
    import numpy as np

    _, labels = _prototypes()
    k = params.top_k
    per_family = np.stack(
        [np.sort(sims[:, labels == f], axis=1)[:, -k:].mean(axis=1) for f in range(len(FAMILIES))],
        axis=1,
    ).astype(np.float64)
    logits = per_family / params.temperature
    logits -= logits.max(axis=1, keepdims=True)
    weights = np.exp(logits)
    result: NDArray[np.float64] = weights / weights.sum(axis=1, keepdims=True)
    return result


@dataclass(frozen=True)
class Prepared:
    """A text cut into units, with lexicon hits (offsets relative to each unit)."""

    units: list[_Unit]
    hits: list[list[lexicon.Hit]]
    masked: list[str]  # per unit, the text the embedding sees
    tails: list[str | None]  # per unit, the clause after a contrast, if any
    turns: list[int | None]  # per unit with a tail, where the tail begins in the unit


def prepare(text: str, params: Params = PARAMS) -> Prepared:
    units = _units(text)
    all_hits, masked, tails, turns = [], [], [], []
    for unit in units:
        hits = lexicon.find_hits(unit.text)
        turn = lexicon.contrast_turn(unit.text, hits)
        if turn is not None:
            hits = [replace(h, weight=h.weight * _turn_factor(h, turn, params)) for h in hits]
        all_hits.append(hits)
        masked.append(lexicon.masked_for_embedding(unit.text, hits))
        tail = None
        if turn is not None:
            tail = lexicon.masked_for_embedding(unit.text[turn:], _shift(hits, turn))
            tail = tail if len(tail.split()) >= 2 else None
        tails.append(tail)
        turns.append(turn if tail else None)
    return Prepared(units, all_hits, masked, tails, turns)


def _turn_factor(hit: lexicon.Hit, turn: int, params: Params) -> float:
    """Weight factor of a hit in a unit that turns at `turn`; a situation that spans the turn
    ("I said I was working late, but I was at the bar") is the whole point and keeps its weight."""
    if hit.start >= turn:
        return params.after_turn
    return 1.0 if hit.word is None and hit.end > turn else params.before_turn


def _shift(hits: list[lexicon.Hit], offset: int) -> list[lexicon.Hit]:
    return [
        replace(
            h, start=h.start - offset, end=h.end - offset, negation_start=h.negation_start - offset
        )
        for h in hits
        if h.negation_start >= offset
    ]


def unit_scores(
    hits: list[lexicon.Hit], probabilities: Sequence[float], params: Params = PARAMS
) -> list[float]:
    """Per family, the noisy-OR of embedding and lexicon evidence for one unit."""
    weights = lexicon.family_weights(hits)
    lexical = {f: 1.0 - math.exp(-weights.get(f, 0.0)) for f in FAMILIES}
    lexical["neutral"] = 1.0 - math.exp(-NEUTRAL_LEXICAL_FACTOR * weights.get("neutral", 0.0))
    feelings = [f for f in FAMILIES if f != "neutral"]
    named = {h.family for h in hits if h.word and not h.negated and h.weight >= 0.5} - {"neutral"}
    strongest_named = max((lexical[f] for f in named), default=0.0)
    # Neutral means "no feeling applies", so a named feeling counts against it.
    strongest_feeling = max(lexical[f] for f in feelings)
    scores = []
    for index, family in enumerate(FAMILIES):
        embedded = float(probabilities[index])
        if family == "neutral":
            embedded *= 1.0 - strongest_feeling
        elif family not in named:
            embedded *= 1.0 - params.named_damp * strongest_named
        scores.append(1.0 - (1.0 - embedded) * (1.0 - lexical[family]))
    return scores


def _best_word(hits: list[lexicon.Hit], family: str) -> str | None:
    named = [h for h in hits if h.family == family and not h.negated and h.word is not None]
    return max(named, key=lambda h: h.weight).word if named else None


def _evidence(
    text: str, prepared: Prepared, family: str, scores: list[list[float]]
) -> tuple[Span, ...]:
    spans: list[Span] = []
    for unit, hits in zip(prepared.units, prepared.hits, strict=True):
        for hit in hits:
            if hit.family == family and not hit.negated:
                start, end = unit.start + hit.start, unit.start + hit.end
                spans.append(Span(start, end, text[start:end]))
    if not spans:
        index = FAMILIES.index(family)
        best = max(range(len(prepared.units)), key=lambda u: scores[u][index])
        unit = prepared.units[best]
        spans.append(Span(unit.start, unit.end, unit.text))
    return tuple(spans[:5])


def assemble(
    text: str, prepared: Prepared, scores: list[list[float]], params: Params = PARAMS
) -> list[Emotion]:
    """The emotions of a text from its per-unit scores (see step 5 of the module docstring)."""
    if not prepared.units:
        return [Emotion("neutral", None, 1.0, ())]
    all_hits = [h for hits in prepared.hits for h in hits]
    found: list[Emotion] = []
    for index, family in enumerate(FAMILIES):
        column = [row[index] for row in scores]
        score = round(0.5 * max(column) + 0.5 * sum(column) / len(column), 4)
        if score >= params.min_score:
            evidence = _evidence(text, prepared, family, scores)
            found.append(Emotion(family, _best_word(all_hits, family), score, evidence))
    found.sort(key=lambda e: (-e.score, FAMILIES.index(e.family)))
    if not found or all(e.family == "neutral" for e in found):
        column = [row[FAMILIES.index("neutral")] for row in scores]
        score = round(0.5 * max(column) + 0.5 * sum(column) / len(column), 4)
        evidence = _evidence(text, prepared, "neutral", scores)
        return [Emotion("neutral", _best_word(all_hits, "neutral"), score, evidence)]
    return found


def _prepared(doc: Doc) -> Prepared:
    return doc.memo("emotions.prepared", lambda: prepare(doc.text))


def from_pass(item: Prepared) -> list[int]:
    """The units read from the text's one pass rather than encoded alone: in a long text (cut
    into chunks), each chunk of two or more sentences with nothing blanked. Its row is the mean
    of its own tokens' states in one encoder pass over the whole text (Doc.pooled), the pass the
    safety head makes for such a text anyway, so a saved entry of 500 characters is encoded
    about twice rather than three times. A sentence, a short text and a blanked unit are still
    encoded alone. Measured on 97 dev texts of 420+ characters (MODEL_CARD.md, "Long texts"):
    the main family changed in 2."""
    if len(item.units) < 2:  # a short text is one unit, encoded alone
        return []
    return [i for i, (unit, masked) in enumerate(zip(item.units, item.masked, strict=True))
            if masked == unit.text and _SENTENCE_END.search(unit.text)]


def needs_pass(text: str | Doc) -> bool:
    """Whether this reader pools a unit of this text from one pass over it (from_pass)."""
    return bool(from_pass(_prepared(Doc.of(text))))


def tails_from_pass(item: Prepared) -> dict[int, tuple[int, int]]:
    """The contrast tails read from the text's one pass rather than encoded alone, by unit: the
    tail of a chunk read from the pass (from_pass) when nothing in it was blanked or spelled out
    (the tail is then the chunk's own words from the turn on), as the span of those words.
    Session 19: a 500-character entry with a "but" in a chunk no longer encodes its tail
    alone beside the pass (MODEL_CARD.md, "Contrast tails from the pass")."""
    found: dict[int, tuple[int, int]] = {}
    for i in from_pass(item):
        tail, turn, unit = item.tails[i], item.turns[i], item.units[i]
        if tail is None or turn is None:
            continue
        rest = unit.text[turn:]
        if rest.strip() != tail:
            continue
        start = unit.start + turn + len(rest) - len(rest.lstrip())
        found[i] = (start, start + len(tail))
    return found


def _alone(item: Prepared) -> list[str]:
    """The strings this reader encodes alone for a text: its units not read from the pass, and
    each contrast tail not read from it (tails_from_pass)."""
    pooled = set(from_pass(item))
    tails = tails_from_pass(item)
    units = [m for i, m in enumerate(item.masked) if i not in pooled]
    return [*units, *(t for i, t in enumerate(item.tails) if t and i not in tails)]


def embedding_texts(text: str | Doc) -> list[str]:
    """The strings this reader embeds alone for a text (its units but those read from the
    text's one pass, and each contrast tail)."""
    return _alone(_prepared(Doc.of(text)))


def _rows(docs: Sequence[Doc], prepared: Sequence[Prepared]) -> Callable[[Sequence[str]], Any]:
    """An embedder over the Docs' rows, called as similarities() calls it: with every unit of
    every Doc in order, then the tails. Everything missing is encoded in one call first; the
    units read from a pass (from_pass) take their pooled rows, by position."""
    import numpy as np

    embed_docs(docs, [_alone(p) for p in prepared])
    pooled: dict[int, Any] = {}
    at, tail_at = 0, sum(len(item.units) for item in prepared)  # the tails follow every unit
    for doc, item in zip(docs, prepared, strict=True):
        picked = from_pass(item)
        tails = tails_from_pass(item)
        spans = [(item.units[i].start, item.units[i].end) for i in picked] + list(tails.values())
        places = [at + i for i in picked]
        places += [tail_at + sum(1 for t in item.tails[:i] if t) for i in tails]
        if spans:
            pooled.update(zip(places, doc.pooled(spans), strict=True))
        at += len(item.units)
        tail_at += sum(1 for t in item.tails if t)
    owner = {key: doc for doc, p in zip(docs, prepared, strict=True)
             for key in map(str.lower, map(str.strip, _alone(p)))}

    def rows(strings: Sequence[str]) -> Any:
        return np.stack([pooled[i] if i in pooled else owner[s.strip().lower()].embed([s])[0]
                         for i, s in enumerate(strings)])

    return rows


def detect_many(texts: Sequence[str | Doc]) -> list[list[Emotion]]:
    """Emotions for each text; every unit of every text is embedded in one shared pass (texts
    given as Docs keep their rows, so other detectors reading the same words reuse them)."""
    from nearer.analysis.text import read_docs_whole

    docs = [Doc.of(t) for t in texts]
    prepared = [_prepared(doc) for doc in docs]
    read_docs_whole([doc for doc, item in zip(docs, prepared, strict=True) if from_pass(item)])
    from nearer.analysis import emotion_model

    masked = [m for item in prepared for m in item.masked]
    tails = [t for item in prepared for t in item.tails]
    params, probabilities = PARAMS, None
    if masked and emotion_model.enabled():  # the head reads the rows the prototypes are compared with
        rows = emotion_model.Recorder(_rows(docs, prepared))
        prototypes = family_probabilities(similarities(masked, tails, rows), PARAMS)
        assert rows.rows is not None
        heads = emotion_model.head_probabilities(rows.rows, tails, texts=masked)
        probabilities = emotion_model.mix(prototypes, heads)
        params = replace(PARAMS, min_score=emotion_model.min_score())
    elif masked:
        probabilities = family_probabilities(similarities(masked, tails, _rows(docs, prepared)), PARAMS)
    results: list[list[Emotion]] = []
    row = 0
    for text, item in zip((d.text for d in docs), prepared, strict=True):
        scores = []
        for hits in item.hits:
            assert probabilities is not None
            scores.append(unit_scores(hits, probabilities[row].tolist(), params))
            row += 1
        results.append(assemble(text, item, scores, params))
    return results


def detect(text: str | Doc) -> list[Emotion]:
    """Emotion families in `text`, best first; [neutral] when none applies."""
    return detect_many([text])[0]


def dominant(emotions: Sequence[Emotion]) -> str:
    """The family of the top emotion, or "neutral" when there is none."""
    if not emotions:
        return "neutral"
    return max(emotions, key=lambda e: e.score).family
