"""Where the emotion head meets the emotion reader: per analysis unit, the head's family
probabilities are mixed with the prototype probabilities, then joined with the lexicon as before.

The reader embeds each unit (with negated phrases blanked) and, when the unit turns on a contrast,
the clause after the turn. The same rows feed the prototypes and the head, so nothing is embedded
twice: the head's probabilities for a unit with a tail are the mean of the two rows' (as the
prototype similarities are). The mixing weight and the reporting threshold come from the packaged
head (chosen on dev by training/tune_emotions_combined.py; see MODEL_CARD.md).
Written for Nearer, MIT.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from nearer.analysis.emotion_head import EmotionHead, load_head

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

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
                       head: EmotionHead | None = None) -> NDArray[np.float64]:
    """Per unit, the head's family probabilities. `rows` holds one row per unit, then one per
    unit with a tail (in unit order), as similarities() embeds them."""
    import numpy as np

    head = head or load_head()
    count = len(tails)
    probs = head.probabilities(rows[:count]).astype(np.float64)
    extra = [i for i, tail in enumerate(tails) if tail]
    if extra:
        probs[extra] = 0.5 * probs[extra] + 0.5 * head.probabilities(rows[count:]).astype(np.float64)
    return probs


def mix(prototypes: NDArray[np.float64], head_probs: NDArray[np.float64],
        head: EmotionHead | None = None) -> NDArray[np.float64]:
    weight = (head or load_head()).combine["head_weight"]
    out: NDArray[np.float64] = weight * head_probs + (1.0 - weight) * prototypes
    return out


def min_score(head: EmotionHead | None = None) -> float:
    return (head or load_head()).combine["min_score"]
