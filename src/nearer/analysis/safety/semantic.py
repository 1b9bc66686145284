"""Second stage of the safety detector: every sentence read by the learned head.

Rules catch the words people often use; indirect language ("I wear long sleeves in summer now
because of what he does") slips past them. Here each sentence (and a short entry as a whole) is
embedded (nearer.analysis.embeddings, loaded lazily so importing the detector never loads
onnxruntime) and scored by the logistic-regression head in safety_model.py. A sentence counts when
a kind's calibrated probability reaches that kind's threshold (chosen on the dev split; see
MODEL_CARD.md). Written for Nearer, MIT.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from nearer.analysis.safety.model import KINDS, load_head

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

_MIN_CHARS = 12  # shorter sentences carry too little meaning to judge
_MIN_WORDS = 2  # nor does one word alone (a code, a name, a made-up token: "canaryPAGEBIDqz")
_CACHE_SIZE = 4096
# One sentence costs ~7 ms of CPU to embed, so at most this many NEW units (sentences and pairs of
# neighbouring sentences) are embedded per call: a text of up to six sentences is read in full
# on a cold cache, so the coach reads a draft typed pause by pause (two new units a pause) the
# same as the finished draft. A long text pasted at once has its most charged units read first.
MAX_NEW_PER_CALL = 12
# Sentences with more charged words are read first: cue.safety_head.charged
# (content/rules/safety_head.yaml).
# Keystroke-debounced requests resend mostly the same sentences; each is embedded once.
_cache: OrderedDict[str, tuple[float, float, float]] = OrderedDict()
_cache_lock = threading.Lock()


class SemanticHit(NamedTuple):
    kind: str
    start: int
    end: int
    probability: float  # calibrated probability of this kind
    threatens: float  # for violence: probability the writer is the one threatening


@cache
def _charged() -> re.Pattern[str]:
    from nearer.analysis.rulebook import cue

    return cue("cue.safety_head.charged")


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


def _score(vectors: NDArray[np.float32]) -> list[tuple[float, float, float]]:
    """Per sentence: (p self_harm, p violence, p the writer threatens)."""
    head = load_head()
    probs = head.probabilities(vectors)
    who = head.threatens(vectors)
    return [(float(p[1]), float(p[2]), float(w)) for p, w in zip(probs, who, strict=True)]


Embedder = Callable[[Sequence[str]], Any]


def _scores(units: list[str], embedder: Embedder | None = None) -> list[tuple[float, float, float]]:
    from nearer.analysis.embeddings import embed

    keys = [u.strip().lower() for u in units]
    with _cache_lock:
        known = {k: _cache[k] for k in keys if k in _cache}
    todo = sorted(set(keys) - known.keys())
    if todo:  # embedded outside the lock: other requests' sentences go to the encoder meanwhile
        known.update(zip(todo, _score((embedder or embed)(todo)), strict=True))
    with _cache_lock:  # server threads share the cache; a key evicted meanwhile is just re-added
        for key in keys:
            _cache[key] = known[key]
            _cache.move_to_end(key)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return [known[k] for k in keys]


def _within_budget(text: str, units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """All cached units, plus the MAX_NEW_PER_CALL most charged new ones (later ones first)."""
    fresh = [(i, u) for i, u in enumerate(units) if text[u[0]:u[1]].strip().lower() not in _cache]
    if len(fresh) <= MAX_NEW_PER_CALL:
        return units
    ranked = sorted(fresh, key=lambda iu: (len(_charged().findall(text, *iu[1])), iu[0]),
                    reverse=True)
    dropped = {i for i, _ in ranked[MAX_NEW_PER_CALL:]}
    return [u for i, u in enumerate(units) if i not in dropped]


class Scored(NamedTuple):
    start: int
    end: int
    self_harm: float
    violence: float
    threatens: float

    def probability(self, kind: str) -> float:
        return self.self_harm if kind == "self_harm" else self.violence


def long_enough(piece: str) -> bool:
    """Whether a unit carries enough to judge (both heads skip shorter ones)."""
    return len(piece.strip()) >= _MIN_CHARS and len(piece.split()) >= _MIN_WORDS


def _readable(text: str, units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    units = [(s, e) for s, e in units if long_enough(text[s:e])]
    return _within_budget(text, units)


def unembedded(text: str, units: list[tuple[int, int]]) -> list[str]:
    """The units score_units would have to embed now (not yet scored, within the budget)."""
    return [text[s:e] for s, e in _readable(text, units)
            if text[s:e].strip().lower() not in _cache]


def score_units(text: str, units: list[tuple[int, int]],
                embedder: Embedder | None = None) -> list[Scored]:
    """Head probabilities for each unit (start, end offsets into text) within the budget.
    `embedder` (a Doc's `embed`) supplies rows already computed for this text."""
    units = _readable(text, units)
    if not units:
        return []
    rows = _scores([text[s:e] for s, e in units], embedder)
    return [Scored(s, e, *row) for (s, e), row in zip(units, rows, strict=True)]


def semantic_hits(text: str, units: list[tuple[int, int]]) -> list[SemanticHit]:
    """Units whose probability of a kind reaches that kind's threshold."""
    thresholds = load_head().thresholds
    return [SemanticHit(kind, u.start, u.end, u.probability(kind), u.threatens)
            for u in score_units(text, units) for kind in KINDS
            if u.probability(kind) >= thresholds[kind]]
