"""Where the emotion heads meet the emotion reader: per analysis unit, the heads' family
probabilities are mixed with the prototype probabilities, then joined with the lexicon as before.

The reader embeds each unit (with negated phrases blanked) and, when the unit turns on a contrast,
the clause after the turn. The same rows feed the prototypes and the embedding head, so nothing is
embedded twice: the head's probabilities for a unit with a tail are the mean of the two rows' (as
the prototype similarities are). The wording head (emotions/wording.py) reads the same strings,
tails averaged in the same way, and its probabilities are averaged with the embedding head's:
(1 - wording_weight) * embedding + wording_weight * wording. That is the heads' share; it is mixed
with the prototypes by head_weight, and a family is reported from min_score. The three settings
come from the packaged embedding head's `combine` (chosen on dev by
training/tune_emotions_combined.py; see MODEL_CARD.md). Written for Nearer, MIT.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from nearer.analysis.emotion_head import EmotionHead, load_head

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from nearer.analysis.emotions.wording import EmotionWordingHead

Embedder = Callable[[Sequence[str]], Any]


def enabled() -> bool:
    """Off when NEARER_EMOTION_MODEL=0 (prototypes and lexicon only, as before the head)."""
    return os.environ.get("NEARER_EMOTION_MODEL", "1") != "0"


class Recorder:
    """Hands rows through from an embedder and keeps the last batch, so the head can read the
    rows the prototypes were compared with."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.rows: NDArray[np.float32] | None = None

    def __call__(self, texts: Sequence[str]) -> Any:
        self.rows = self.inner(texts)
        return self.rows


def head_probabilities(rows: NDArray[np.float32], tails: Sequence[str | None],
                       head: EmotionHead | None = None, texts: Sequence[str] | None = None
                       ) -> NDArray[np.float64]:
    """Per unit, the heads' family probabilities. `rows` holds one row per unit, then one per
    unit with a tail (in unit order), as similarities() embeds them; `texts` are the units' strings
    (as embedded): given, and with a wording weight above 0, the wording head's probabilities are
    averaged in by that weight."""
    import numpy as np

    head = head or load_head()
    count = len(tails)
    probs = head.probabilities(rows[:count]).astype(np.float64)
    extra = [i for i, tail in enumerate(tails) if tail]
    if extra:
        probs[extra] = 0.5 * probs[extra] + 0.5 * head.probabilities(rows[count:]).astype(np.float64)
    share = head.combine.get("wording_weight", 0.0)
    if texts is not None and share > 0:
        probs = (1.0 - share) * probs + share * wording_probabilities(texts, tails)
    return probs


def wording_probabilities(texts: Sequence[str], tails: Sequence[str | None],
                          wording: EmotionWordingHead | None = None) -> NDArray[np.float64]:
    """Per unit, the wording head's family probabilities; a unit with a contrast tail averages the
    unit's and the tail's, as the embedding head does."""
    import numpy as np

    from nearer.analysis.emotions.wording import load_head as load_wording

    wording = wording or load_wording()
    probs = wording.probabilities(texts).astype(np.float64)
    extra = [i for i, tail in enumerate(tails) if tail]
    if extra:
        tail_probs = wording.probabilities([tails[i] or "" for i in extra]).astype(np.float64)
        probs[extra] = 0.5 * probs[extra] + 0.5 * tail_probs
    return probs


def mix(prototypes: NDArray[np.float64], head_probs: NDArray[np.float64],
        head: EmotionHead | None = None) -> NDArray[np.float64]:
    weight = (head or load_head()).combine["head_weight"]
    out: NDArray[np.float64] = weight * head_probs + (1.0 - weight) * prototypes
    return out


def min_score(head: EmotionHead | None = None) -> float:
    return (head or load_head()).combine["min_score"]
