"""Who is at risk, read from the words: for violence language, whether the writer is the one who
threatens or hurt someone ("I slapped her", "touch my phone again and you'll see") or the one
being hurt ("he slapped me", "he said touch my phone again and you'll see").

The meaning head's who half (model.py) reads a sentence embedding, which keeps what happened and
blurs who did it to whom: "I shoved him" and "he shoved me" sit close together. This head reads
the words and each pair of neighbouring words (analysis/tfidf.py `words`: "i slapped",
"slapped me", "you will", "my phone"), where the direction is written. A unit's probability that
the writer threatens is the mean of the two heads'; the writer is called the one threatening when
that mean reaches `threshold` and the sentence says what the writer will do (detector._threatens),
or when it reaches `sure` with no such words ("I slapped her", "took her keys and her card"). Both
are chosen on the dev split so that few writers being hurt are called threatening, and so that
reading without words of intent adds none (MODEL_CARD.md, "Round 18: who is at risk, read from the words too").

Trained by `make train` (training/train_safety_who.py) on the violence lines of data/train/,
stored in models/safety_who.npz and run here in numpy only, no encoder. Written for Nearer, MIT.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nearer.analysis.tfidf import Reader, linear_logits
from nearer.analysis.weights import Packaged, packaged_path, read_tfidf_head, sigmoid, write_weights

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

MODEL_FILE = "safety_who.npz"


@dataclass(frozen=True, eq=False)
class WhoWords:
    vocabulary: tuple[str, ...]  # the words and pairs of words the head knows, in column order
    idf: NDArray[np.float32]  # (V,)
    weights: NDArray[np.float32]  # (1, V)
    bias: NDArray[np.float32]  # (1,)
    threshold: float  # the writer threatens when the mean of both heads reaches this
    sure: float  # ... and needs no word of intent in the sentence when it reaches this
    meta: dict[str, Any]
    index: dict[str, int] = field(init=False, repr=False, compare=False)
    reader: Reader = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {w: i for i, w in enumerate(self.vocabulary)})
        object.__setattr__(self, "reader", Reader(("words",), self.index, self.idf))

    def features(self, text: str) -> tuple[list[int], list[float]]:
        return self.reader.features(text)

    def probabilities(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Per text, the probability that its violence language is the writer's doing."""
        return sigmoid(linear_logits(texts, self.features, self.weights, self.bias)[:, 0])

    def combined(self, texts: Sequence[str], meaning: NDArray[np.float32]) -> NDArray[np.float32]:
        """The mean of this head's probability and the meaning head's (`meaning`, per text)."""
        mean: NDArray[np.float32] = ((self.probabilities(texts) + meaning) / 2).astype("float32")
        return mean


def model_path() -> Path:
    return packaged_path(MODEL_FILE)


def save_head(path: Path, head: WhoWords) -> None:
    settings = {"vocabulary": list(head.vocabulary), "threshold": head.threshold,
                "sure": head.sure, "meta": head.meta}
    write_weights(path, {"idf": head.idf, "weights": head.weights, "bias": head.bias}, settings)


def read_head(path: Path) -> WhoWords:
    vocabulary, idf, weights, bias, settings = read_tfidf_head(path, 1)
    return WhoWords(vocabulary, idf, weights, bias, float(settings["threshold"]),
                    float(settings["sure"]), dict(settings.get("meta", {})))


_HEAD: Packaged[WhoWords] = Packaged(lambda: read_head(model_path()))


def load_head() -> WhoWords:
    """The packaged head, read once per process, unless a benchmark swapped in another."""
    return _HEAD.load()


def use_head(head: WhoWords) -> AbstractContextManager[None]:
    """Score with another head for a while (benchmarks: the head fitted on the train split). The
    caller clears safety_semantic's cache, which holds the readings."""
    return _HEAD.use(head)


def threatens(texts: Sequence[str], meaning: NDArray[np.float32]) -> NDArray[np.float32]:
    """Per unit, the probability that the writer is the one threatening: both heads' mean."""
    return load_head().combined(texts, meaning)


def threshold() -> float:
    return load_head().threshold


def sure() -> float:
    return load_head().sure
