"""The emotion reader's wording head: logistic regression over the words a text is written with.

The embedding head (analysis/emotion_head.py) reads a sentence's meaning; this head reads its
wording, the tf-idf features of analysis/tfidf.py (the same featuriser as the safety wording
head): the kinds of feature it was trained on (`kinds`: pieces of two to five letters within
words, and/or words and pairs of words), only the keys in its vocabulary. One probability per
family (FAMILIES order, they sum to one), with a softmax temperature fitted on the dev sets.

Trained by `make train` (training/train_emotions_wording.py) on the GoEmotions train split mapped
to the families plus Nearer's own journal-style lines, stored in models/emotions_wording.npz
(vocabulary, idf, weights) and run here in numpy only. The reader (analysis/emotion_model.py)
averages its probabilities with the embedding head's per unit, by a weight chosen on dev
(training/tune_emotions_combined.py; MODEL_CARD.md). Written for Nearer, MIT.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nearer.analysis import tfidf
from nearer.analysis.emotion_head import FAMILIES
from nearer.analysis.weights import Packaged, packaged_path, read_tfidf_head, softmax, write_weights

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

MODEL_FILE = "emotions_wording.npz"


@dataclass(frozen=True, eq=False)
class EmotionWordingHead:
    vocabulary: tuple[str, ...]  # the keys the head knows, in column order
    idf: NDArray[np.float32]  # (V,)
    weights: NDArray[np.float32]  # (7, V), rows in FAMILIES order
    bias: NDArray[np.float32]  # (7,)
    temperature: float
    kinds: tuple[str, ...]  # the kinds of feature read (tfidf.KINDS), in this order
    meta: dict[str, Any]
    index: dict[str, int] = field(init=False, repr=False, compare=False)
    reader: tfidf.Reader = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {k: i for i, k in enumerate(self.vocabulary)})
        object.__setattr__(self, "reader", tfidf.Reader(self.kinds, self.index, self.idf))

    def features(self, text: str) -> tuple[list[int], list[float]]:
        """The columns of `text`'s known keys and their tf-idf values (each kind of unit length)."""
        return self.reader.features(text)

    def logits(self, texts: Sequence[str]) -> NDArray[np.float32]:
        return tfidf.linear_logits(texts, self.features, self.weights, self.bias)

    def probabilities(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Calibrated family probabilities, one row per text, columns in FAMILIES order."""
        return softmax(self.logits(texts) / self.temperature)


def model_path() -> Path:
    return packaged_path(MODEL_FILE)


def save_head(path: Path, head: EmotionWordingHead) -> None:
    """Write the vocabulary (in the settings), idf and weights; used by the training script."""
    settings = {"families": list(FAMILIES), "vocabulary": list(head.vocabulary),
                "kinds": list(head.kinds), "temperature": head.temperature, "meta": head.meta}
    write_weights(path, {"idf": head.idf, "weights": head.weights, "bias": head.bias}, settings)


def read_head(path: Path) -> EmotionWordingHead:
    vocabulary, idf, weights, bias, settings = read_tfidf_head(path, len(FAMILIES))
    if tuple(settings.get("families", ())) != FAMILIES:
        raise ValueError(f"{path}: the families differ from {FAMILIES}")
    kinds = tuple(settings["kinds"])
    if not kinds or any(k not in tfidf.KINDS for k in kinds):
        raise ValueError(f"{path}: unknown kinds of feature {kinds}")
    return EmotionWordingHead(vocabulary, idf, weights, bias, float(settings["temperature"]), kinds,
                              dict(settings.get("meta", {})))


_HEAD: Packaged[EmotionWordingHead] = Packaged(lambda: read_head(model_path()))


def load_head() -> EmotionWordingHead:
    """The packaged head, read once per process, unless a benchmark swapped in another."""
    return _HEAD.load()


def use_head(head: EmotionWordingHead) -> AbstractContextManager[None]:
    """Score with another head for a while (tuning and benchmarks: the head fitted on train only)."""
    return _HEAD.use(head)
