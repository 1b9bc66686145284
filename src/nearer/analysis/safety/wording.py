"""The wording head: logistic regression over the pieces of letters a text is written with.

The meaning head (model.py) reads a sentence embedding, which blurs the few words that make a
disclosure ("pills", "rope", "not wake up", "won't be around"). This head reads those words
directly, as overlapping pieces of two to five letters of each word ("rope" -> " r", "ro", "rop",
"rope", "rope ", ...), so it also reads misspellings, plurals and words it never saw whole.

Features (`pieces` and `weighted`, in analysis/tfidf.py, shared with the emotion wording head):
the text normalised as the text layer does (curly quotes, coded spellings), lower case, split at
white space; each word padded with one space either side; every run of LOW..HIGH letters of it
counted. A piece's weight is (1 + ln count) times its inverse
document frequency from training, and the row is scaled to unit length (tf-idf). Only pieces seen
in training (the vocabulary) count.

Trained by `make train` (training/train_safety_wording.py) on the same lines as the meaning head,
stored in models/safety_wording.npz (vocabulary, idf, weights) and run here in numpy only. A text
is scored per unit (each sentence and each pair of neighbouring sentences, as the meaning head
reads it); a kind fires when its calibrated probability reaches the threshold chosen on the dev
split (MODEL_CARD.md, "The wording head"). Written for Nearer, MIT.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nearer.analysis.tfidf import HIGH, LOW, Reader, linear_logits, pieces
from nearer.analysis.weights import Packaged, packaged_path, read_tfidf_head, softmax, write_weights

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["CLASSES", "HIGH", "KINDS", "LOW", "MODEL_FILE", "WordingHead", "clear_cache", "load_head",
           "model_path", "pieces", "read_head", "save_head", "use_head"]

CLASSES = ("none", "self_harm", "violence")
KINDS = CLASSES[1:]
MODEL_FILE = "safety_wording.npz"


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: rows are cached per head
class WordingHead:
    vocabulary: tuple[str, ...]  # the pieces the head knows, in column order
    idf: NDArray[np.float32]  # (V,)
    weights: NDArray[np.float32]  # (3, V), rows in CLASSES order
    bias: NDArray[np.float32]  # (3,)
    temperature: float
    thresholds: dict[str, float]  # per kind: flag when its probability reaches this
    meta: dict[str, Any]
    # per kind: the wording head's flag counts only where the meaning head, reading the same
    # unit, gives that kind at least this probability (the two must roughly agree)
    meaning_floor: dict[str, float] = field(default_factory=lambda: dict.fromkeys(KINDS, 0.0))
    index: dict[str, int] = field(init=False, repr=False, compare=False)
    reader: Reader = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {p: i for i, p in enumerate(self.vocabulary)})
        object.__setattr__(self, "reader", Reader(("pieces",), self.index, self.idf))

    def features(self, text: str) -> tuple[list[int], list[float]]:
        """The columns of `text`'s known pieces and their tf-idf values (unit length)."""
        return self.reader.features(text)

    def logits(self, texts: Sequence[str]) -> NDArray[np.float32]:
        return linear_logits(texts, self.features, self.weights, self.bias)

    def probabilities(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Calibrated class probabilities, one row per text, columns in CLASSES order."""
        return softmax(self.logits(texts) / self.temperature)

    def unit_probabilities(self, texts: Sequence[str]) -> list[tuple[float, float, float]]:
        """`probabilities`, one tuple per text, each text's row computed once per process (a
        draft re-read at every pause in typing changes one sentence at a time)."""
        return [_row(self, text) for text in texts]


def clear_cache() -> None:
    """Forget the rows computed so far."""
    _row.cache_clear()


@lru_cache(maxsize=4096)
def _row(head: WordingHead, text: str) -> tuple[float, float, float]:
    p = head.probabilities([text])[0]
    return float(p[0]), float(p[1]), float(p[2])


def model_path() -> Path:
    return packaged_path(MODEL_FILE)


def save_head(path: Path, head: WordingHead) -> None:
    """Write the vocabulary (in the settings), idf and weights; used by the training script."""
    settings = {"vocabulary": list(head.vocabulary), "temperature": head.temperature,
                "thresholds": head.thresholds, "meaning_floor": head.meaning_floor,
                "meta": head.meta}
    write_weights(path, {"idf": head.idf, "weights": head.weights, "bias": head.bias}, settings)


def read_head(path: Path) -> WordingHead:
    vocabulary, idf, weights, bias, settings = read_tfidf_head(path, len(CLASSES))
    thresholds = {k: float(settings["thresholds"][k]) for k in KINDS}
    floor = {k: float(settings.get("meaning_floor", {}).get(k, 0.0)) for k in KINDS}
    return WordingHead(vocabulary, idf, weights, bias, float(settings["temperature"]),
                       thresholds, dict(settings.get("meta", {})), floor)


_HEAD: Packaged[WordingHead] = Packaged(lambda: read_head(model_path()))


def load_head() -> WordingHead:
    """The packaged head, read once per process, unless a benchmark swapped in another."""
    return _HEAD.load()


def use_head(head: WordingHead) -> AbstractContextManager[None]:
    """Score with another head for a while (benchmarks: the head fitted on the train split)."""
    return _HEAD.use(head)
