"""Second stage of the safety detector: sentences the rules left alone, compared by meaning.

Rules catch the words people often use; indirect language ("I wear long sleeves in summer now
because of what he does") slips past them. Here each remaining sentence is embedded
(nearer.analysis.embeddings, loaded lazily so importing the detector never loads onnxruntime) and
compared with prototype sentences per kind (safety_prototypes.py). A sentence counts only when it
is close to a kind in absolute terms AND closer to it than to everyday look-alikes, and it can
only ever raise "concern". Thresholds were chosen on the development set (safety_dev.jsonl) so
that its 447 safe lines stay near a 1% false-alarm rate (5 of 447). Written for Nearer, MIT.
"""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from nearer.analysis.safety_prototypes import SAFE, SELF_HARM, VIOLENCE

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

MIN_SIMILARITY = 0.52  # mean cosine to the two nearest prototypes of a kind
MIN_MARGIN = 0.10  # ... minus the cosine to the nearest safe look-alike
_MIN_CHARS = 12  # shorter sentences carry too little meaning to judge
_CACHE_SIZE = 4096
# One sentence costs ~7 ms of CPU to embed, so at most this many NEW sentences are embedded per
# call (p99 within ~60 ms at 2,000 characters). While typing, earlier sentences are already cached;
# a long text pasted at once has its most charged sentences read first.
MAX_NEW_PER_CALL = 6
_CHARGED = re.compile(
    r"\b(?:hurt\w*|pain|die|dead|death|dying|end|ends|gone|tired|alone|scared|afraid|fear\w*|"
    r"terrified|hate|burden|point|kill\w*|hit|push\w*|shov\w*|grab\w*|knife|pills?|meds|tablets|"
    r"bruis\w*|marks|safe|hide|hid|allowed|money|cash|phone|control\w*|angry|mad|rage|lock\w*|"
    r"door|leave|run|escape|nobody|anymore|forever|never|again|worse|breathe|neck|throat|keys|"
    r"sleeves|permission|ready|finish|over|matter|empty|numb|broken|worthless|sorry|goodbye|"
    r"police|blood|bleed\w*|wall|floor|screaming|shouting|watch\w*|check\w*|follow\w*)\b",
    re.IGNORECASE,
)
# Keystroke-debounced requests resend mostly the same sentences; each is embedded once.
_cache: OrderedDict[str, tuple[float, int, float, int]] = OrderedDict()
_KINDS = (("self_harm", SELF_HARM), ("violence", VIOLENCE))


class SemanticHit(NamedTuple):
    kind: str
    start: int
    end: int
    reason: str


def enabled() -> bool:
    """Off when NEARER_SAFETY_SEMANTIC=0 (rules only: faster tests, machines without the model)."""
    return os.environ.get("NEARER_SAFETY_SEMANTIC", "1") != "0"


def clear_cache() -> None:
    """Forget embedded sentences (benchmarks measure the cold case with it)."""
    _cache.clear()


@lru_cache(maxsize=1)
def _prototypes() -> tuple[NDArray[np.float32], NDArray[np.float32], NDArray[np.float32]]:
    from nearer.analysis.embeddings import embed_fixed

    return embed_fixed(SELF_HARM), embed_fixed(VIOLENCE), embed_fixed(SAFE)


def _score(vectors: NDArray[np.float32]) -> list[tuple[float, int, float, int]]:
    """Per sentence: (self-harm margin score, nearest prototype, violence score, nearest)."""
    import numpy as np

    self_harm, violence, safe = _prototypes()
    safe_best = (vectors @ safe.T).max(axis=1)
    rows: list[list[float | int]] = [[] for _ in range(len(vectors))]
    for protos in (self_harm, violence):
        sims = vectors @ protos.T
        top2 = np.sort(sims, axis=1)[:, -2:].mean(axis=1)
        nearest = sims.argmax(axis=1)
        for i in range(len(vectors)):
            passes = top2[i] >= MIN_SIMILARITY and top2[i] - safe_best[i] >= MIN_MARGIN
            rows[i] += [float(top2[i] - safe_best[i]) if passes else -1.0, int(nearest[i])]
    return [(float(r[0]), int(r[1]), float(r[2]), int(r[3])) for r in rows]


def _scores(units: list[str]) -> list[tuple[float, int, float, int]]:
    from nearer.analysis.embeddings import embed

    keys = [u.strip().lower() for u in units]
    todo = sorted({k for k in keys if k not in _cache})
    if todo:
        for key, row in zip(todo, _score(embed(todo)), strict=True):
            _cache[key] = row
            if len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    for key in keys:
        _cache.move_to_end(key)
    return [_cache[k] for k in keys]


def _within_budget(text: str, units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """All cached units, plus the MAX_NEW_PER_CALL most charged new ones (later ones first)."""
    fresh = [(i, u) for i, u in enumerate(units) if text[u[0]:u[1]].strip().lower() not in _cache]
    if len(fresh) <= MAX_NEW_PER_CALL:
        return units
    ranked = sorted(fresh, key=lambda iu: (len(_CHARGED.findall(text, *iu[1])), iu[0]),
                    reverse=True)
    dropped = {i for i, _ in ranked[MAX_NEW_PER_CALL:]}
    return [u for i, u in enumerate(units) if i not in dropped]


def semantic_hits(text: str, units: list[tuple[int, int]]) -> list[SemanticHit]:
    """Sentences (start, end offsets into text) that read like self-harm or violence language."""
    units = [(s, e) for s, e in units if len(text[s:e].strip()) >= _MIN_CHARS]
    units = _within_budget(text, units)
    if not units:
        return []
    hits: list[SemanticHit] = []
    for (start, end), row in zip(units, _scores([text[s:e] for s, e in units]), strict=True):
        for (kind, protos), score, nearest in zip(_KINDS, row[0::2], row[1::2], strict=True):
            if score >= 0:
                reason = f'reads like {kind.replace("_", "-")} language (close to "{protos[nearest]}")'
                hits.append(SemanticHit(kind, start, end, reason))
    return hits
