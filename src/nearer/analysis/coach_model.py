"""Where the coach's learned head meets a draft: the pieces it reads and the flags it adds.

The head (coach_head.py) reads the whole draft and, when the draft has several sentences, each
sentence. Per kind, the piece it scores highest is the one it points at; the kind is flagged when
that probability reaches the kind's threshold. Rules give the spans and reasons where they fire;
where only the head fires, the flag quotes its highest-scoring piece and says "Reads like …" with
the head's confidence, so every flag names what raised it. Embeddings are computed by the caller's
embedder (a Doc's, when there is one) or here, with each piece embedded once per process (drafts
are re-read on every pause in typing). Written for Nearer, MIT.
"""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from nearer.analysis.coach_head import KINDS, CoachHead, load_head

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

Embedder = Callable[[Sequence[str]], "NDArray[np.float32]"]
_PIECE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_MIN_CHARS = 2
_CACHE_SIZE = 2048
MAX_PIECES = 8  # the whole draft plus at most this many sentences (the longest ones)
_cache: OrderedDict[str, NDArray[np.float32]] = OrderedDict()
NAMES = {"blame": "blame", "contempt": "contempt", "criticism": "criticism",
         "defensiveness": "defensiveness", "dismissal": "dismissal",
         "stonewalling": "stonewalling", "threat": "a threat"}


class HeadFlag(NamedTuple):
    kind: str
    start: int
    end: int
    probability: float

    def reason(self, why: str) -> str:
        return f"Reads like {NAMES[self.kind]} (model, {round(100 * self.probability)}% confident). {why}"


def enabled() -> bool:
    """Off when NEARER_COACH_MODEL=0 (rules only: machines without the model, rule tests)."""
    return os.environ.get("NEARER_COACH_MODEL", "1") != "0"


def pieces(text: str) -> list[tuple[int, int]]:
    """The whole draft, then each sentence when there are several (offsets into text)."""
    stripped = text.strip()
    if len(stripped) < _MIN_CHARS:
        return []
    start = text.index(stripped)
    found: list[tuple[int, int]] = []
    for m in _PIECE.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= _MIN_CHARS:
            found.append((s, e))
    whole = (start, start + len(stripped))
    if len(found) <= 1:
        return [whole]
    if len(found) > MAX_PIECES:
        found = sorted(sorted(found, key=lambda p: p[0] - p[1])[:MAX_PIECES])
    return [whole, *found]


def cached_embed(texts: Sequence[str]) -> NDArray[np.float32]:
    """Embeddings with each piece embedded once per process (keyed as the encoder reads it)."""
    import numpy as np

    from nearer.analysis.embeddings import DIMENSIONS, embed

    keys = [t.strip().lower() for t in texts]
    todo = sorted({k for k in keys if k not in _cache})
    if todo:
        for key, row in zip(todo, embed(todo), strict=True):
            _cache[key] = row
            if len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    out = np.zeros((len(keys), DIMENSIONS), dtype=np.float32)
    for i, key in enumerate(keys):
        _cache.move_to_end(key)
        out[i] = _cache[key]
    return out


def head_flags(text: str, embedder: Embedder | None = None,
               head: CoachHead | None = None) -> list[HeadFlag]:
    """Per kind over its threshold, the piece the head scored highest for it (the packaged head
    unless another is given: benchmarks score the dev split with the train-only head)."""
    units = pieces(text)
    if not units:
        return []
    head = head or load_head()
    vectors = (embedder or cached_embed)([text[s:e] for s, e in units])
    probs = head.probabilities(vectors)
    found = []
    for k, kind in enumerate(KINDS):
        best = int(probs[:, k].argmax())
        p = float(probs[best, k])
        if p >= head.thresholds[kind]:
            found.append(HeadFlag(kind, units[best][0], units[best][1], p))
    return found
