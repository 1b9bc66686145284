"""The coach's wording head: one logistic regression per kind over the words a draft is written
with, beside the head of meaning (coach_head.py).

A sentence embedding keeps what a draft is about and blurs how it is put: "you always forget"
and "I always forget" sit close together, as do "fine, whatever" and "fine, thank you". This head
reads the words and each pair of neighbouring words, and the pieces of two to five letters the
words are made of (analysis/tfidf.py `words` and `pieces`, each part scaled on its own), so "you
always", "whatever", "typical" or "so what" count as written, misspellings included. The coach
averages its probability of each kind with the head of meaning's for the same piece of the draft
(`combine`); the kinds' thresholds are chosen on the dev split for that average
(training/train_coach.py, MODEL_CARD.md "Coach: the wording head").

Trained by `make train` on the messages in data/train/, stored in models/coach_wording.npz and
run here in numpy only, no encoder. Written for Nearer, MIT.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nearer.analysis.tfidf import Reader, linear_logits
from nearer.analysis.weights import Packaged, packaged_path, read_tfidf_head, sigmoid, write_weights

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

MODEL_FILE = "coach_wording.npz"
FEATURES = ("pieces", "words")


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: rows are cached per head
class CoachWording:
    vocabulary: tuple[str, ...]  # the pieces, words and pairs of words the head knows
    idf: NDArray[np.float32]  # (V,)
    weights: NDArray[np.float32]  # (7, V), rows in coach_head.KINDS order
    bias: NDArray[np.float32]  # (7,)
    meta: dict[str, Any]
    index: dict[str, int] = field(init=False, repr=False, compare=False)
    reader: Reader = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {w: i for i, w in enumerate(self.vocabulary)})
        object.__setattr__(self, "reader", Reader(FEATURES, self.index, self.idf))

    def features(self, text: str) -> tuple[list[int], list[float]]:
        return self.reader.features(text)

    def probabilities(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Probability of each kind, one row per text, columns in coach_head.KINDS order."""
        import numpy as np

        if not texts:
            return np.zeros((0, len(self.bias)), dtype=np.float32)
        return np.stack([_row(self, text) for text in texts])


@lru_cache(maxsize=4096)
def _row(head: CoachWording, text: str) -> NDArray[np.float32]:
    """One text's probabilities, made once per process (a draft re-read at every pause in typing
    changes one sentence at a time)."""
    out: NDArray[np.float32] = sigmoid(linear_logits([text], head.features, head.weights,
                                                     head.bias))[0]
    return out


def combine(meaning: NDArray[np.float32], words: NDArray[np.float32]) -> NDArray[np.float32]:
    """The coach's probability of each kind for each piece: the mean of the head of meaning's
    (`meaning`) and this head's (`words`, its `probabilities` of the same pieces)."""
    mean: NDArray[np.float32] = ((meaning + words) / 2).astype("float32")
    return mean


def model_path() -> Path:
    return packaged_path(MODEL_FILE)


def save_head(path: Path, head: CoachWording) -> None:
    settings = {"vocabulary": list(head.vocabulary), "meta": head.meta}
    write_weights(path, {"idf": head.idf, "weights": head.weights, "bias": head.bias}, settings)


def read_head(path: Path) -> CoachWording:
    vocabulary, idf, weights, bias, settings = read_tfidf_head(path)
    return CoachWording(vocabulary, idf, weights, bias, dict(settings.get("meta", {})))


_HEAD: Packaged[CoachWording] = Packaged(lambda: read_head(model_path()))


def load_head() -> CoachWording:
    """The packaged head, read once per process, unless a benchmark swapped in another."""
    return _HEAD.load()


def use_head(head: CoachWording) -> AbstractContextManager[None]:
    """Score with another head for a while (benchmarks: the head fitted on the train split)."""
    return _HEAD.use(head)
