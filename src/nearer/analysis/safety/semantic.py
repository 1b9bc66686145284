"""Second stage of the safety detector: every sentence read by the learned head.

Rules catch the words people often use; indirect language ("I wear long sleeves in summer now
because of what he does") slips past them. Here each sentence is embedded alone, and each pair
of neighbouring sentences of a longer text gets a row pooled from one encoder pass over the whole
text (Doc.unit_rows; nearer.analysis.embeddings, loaded lazily so importing the detector never
loads onnxruntime); each is scored by the logistic-regression head in model.py. A unit counts
when a kind's calibrated probability reaches that kind's threshold (chosen on the dev split; see
MODEL_CARD.md). Written for Nearer, MIT.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, NamedTuple

from nearer.analysis.safety.model import KINDS, load_head

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from nearer.analysis.text import Doc

_MIN_CHARS = 12  # shorter sentences carry too little meaning to judge
_MIN_WORDS = 2  # nor does one word alone (a code, a name, a made-up token: "canaryPAGEBIDqz")
_CACHE_SIZE = 4096
# The head's readings of units: a unit read alone is keyed by its words (what the encoder reads),
# so the same sentence in another text is read once; a pair pooled from its text's pass by
# (text, start, end). Keystroke-debounced requests resend the same draft; each reading is made once.
_Key = str | tuple[str, int, int]
_Row = tuple[float, float, float, float, float]
_cache: OrderedDict[_Key, _Row] = OrderedDict()
_cache_lock = threading.Lock()


class SemanticHit(NamedTuple):
    kind: str
    start: int
    end: int
    probability: float  # calibrated probability of this kind
    threatens: float  # for violence: probability the writer is the one threatening


def enabled() -> bool:
    """Off when NEARER_SAFETY_SEMANTIC=0 (rules only: faster tests, machines without the model)."""
    return os.environ.get("NEARER_SAFETY_SEMANTIC", "1") != "0"


def clear_cache() -> None:
    """Forget the safety heads' readings of sentences, the wording head's too (benchmarks
    measure the cold case with it)."""
    from nearer.analysis.safety import wording

    with _cache_lock:
        _cache.clear()
    wording.clear_cache()


def _score(texts: list[str], vectors: NDArray[np.float32]) -> list[_Row]:
    """Per unit: (p self_harm, p violence, p the writer threatens: the meaning head's who half
    and the words' (who.py), averaged; then how much nearer the unit sits to training lines of
    self-harm and of violence than to safe ones (neighbours.py))."""
    from nearer.analysis.safety import neighbours
    from nearer.analysis.safety import who as who_words

    head = load_head()
    probs = head.probabilities(vectors)
    who = who_words.threatens(texts, head.threatens(vectors))
    near = _nearness(neighbours.load(), probs, vectors, texts)
    return [(float(p[1]), float(p[2]), float(w), float(n[0]), float(n[1]))
            for p, w, n in zip(probs, who, near, strict=True)]


def _nearness(index: Any, probs: NDArray[np.float32], vectors: NDArray[np.float32],
              texts: list[str]) -> NDArray[np.float32]:
    """The nearest lines' scores of the units the reader could speak on (the meaning head gives a
    kind at least its floor, and the unit is long enough: Neighbours.long_enough); -inf for the
    rest, so no unit is compared with 31,000 lines for nothing."""
    import numpy as np

    out = np.full((len(vectors), 2), -np.inf, dtype=np.float32)
    open_ = (probs[:, 1:].max(axis=1) >= index.meaning_floor) & np.array(
        [index.long_enough(t) for t in texts], dtype=bool)
    if open_.any():
        out[open_] = index.scores(vectors[open_])
    return out


def _cached(doc: Doc, keys: list[_Key], spans: list[tuple[int, int]]) -> list[_Row]:
    """The head's reading of each unit, from the cache or of the rows the Doc gives
    (Doc.unit_rows) for the spans it does not hold."""
    with _cache_lock:
        known = {k: _cache[k] for k in keys if k in _cache}
    todo = {k: span for k, span in zip(keys, spans, strict=True) if k not in known}
    if todo:  # read outside the lock: other requests' texts go to the encoder meanwhile
        spans = list(todo.values())
        rows = _score([doc.norm[s:e] for s, e in spans], doc.unit_rows(spans))
        known.update(zip(todo, rows, strict=True))
    with _cache_lock:  # server threads share the cache; a key evicted meanwhile is just re-added
        for key in keys:
            _cache[key] = known[key]
            _cache.move_to_end(key)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return [known[k] for k in keys]


class Scored(NamedTuple):
    start: int
    end: int
    self_harm: float
    violence: float
    threatens: float
    near_self_harm: float = 0.0  # neighbours.py: nearer to self-harm lines than to safe ones by
    near_violence: float = 0.0  # ... and to violence lines

    def probability(self, kind: str) -> float:
        return self.self_harm if kind == "self_harm" else self.violence

    def nearness(self, kind: str) -> float:
        return self.near_self_harm if kind == "self_harm" else self.near_violence


def long_enough(piece: str) -> bool:
    """Whether a unit carries enough to judge (both heads skip shorter ones)."""
    return len(piece.strip()) >= _MIN_CHARS and len(piece.split()) >= _MIN_WORDS


def unit_key(doc: Doc, span: tuple[int, int]) -> _Key:
    """What a unit's reading is cached under: its words when read alone, else its place in its
    text (Doc.unit_rows)."""
    from nearer.analysis.text import embedding_key

    if doc.reads_alone(span):
        return embedding_key(doc.norm[span[0]:span[1]])
    return (doc.norm, *span)


def unscored(doc: Doc, units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The units score_units would have to read now (long enough, not read yet)."""
    with _cache_lock:
        return [u for u in units if long_enough(doc.norm[u[0]:u[1]])
                and unit_key(doc, u) not in _cache]


def score_units(doc: Doc, units: list[tuple[int, int]]) -> list[Scored]:
    """Head probabilities for each unit (start, end offsets into the Doc's `norm`) long enough
    to judge, read as Doc.unit_rows reads it."""
    units = [(s, e) for s, e in units if long_enough(doc.norm[s:e])]
    rows = _cached(doc, [unit_key(doc, u) for u in units], units) if units else []
    return [Scored(s, e, *row) for (s, e), row in zip(units, rows, strict=True)]


def semantic_hits(text: str, units: list[tuple[int, int]]) -> list[SemanticHit]:
    """Units whose probability of a kind reaches that kind's threshold."""
    from nearer.analysis.text import Doc

    thresholds = load_head().thresholds
    return [SemanticHit(kind, u.start, u.end, u.probability(kind), u.threatens)
            for u in score_units(Doc(text), units) for kind in KINDS
            if u.probability(kind) >= thresholds[kind]]
