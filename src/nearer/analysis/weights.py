"""Weight files of the learned heads: float32 arrays plus a JSON settings string in one .npz.

Each head (safety, coach, emotions) says which arrays and settings it keeps; reading and writing
the file is the same for all of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


def write_weights(path: Path, arrays: dict[str, NDArray[Any]], settings: dict[str, Any]) -> None:
    """Write `arrays` as float32, in the order given, and `settings` as sorted JSON."""
    import numpy as np

    payload: dict[str, Any] = {name: array.astype(np.float32) for name, array in arrays.items()}
    payload["settings"] = np.array(json.dumps(settings, sort_keys=True))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        np.savez_compressed(handle, **payload)


def read_weights(path: Path, names: tuple[str, ...]) -> tuple[list[NDArray[np.float32]], dict[str, Any]]:
    """The arrays called `names` (float32, in that order) and the settings of a weight file."""
    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        settings: dict[str, Any] = json.loads(str(data["settings"]))
        arrays = [data[name].astype(np.float32) for name in names]
    return arrays, settings


def read_tfidf_head(path: Path, rows: int | None = None) -> tuple[
        tuple[str, ...], NDArray[np.float32], NDArray[np.float32], NDArray[np.float32],
        dict[str, Any]]:
    """A wording head's file (tfidf.py): its vocabulary, idf, weights (`rows` x vocabulary; as
    many rows as biases when None), bias and settings, the shapes checked against each other."""
    (idf, weights, bias), settings = read_weights(path, ("idf", "weights", "bias"))
    vocabulary = tuple(settings["vocabulary"])
    rows = len(bias) if rows is None else rows
    if weights.shape != (rows, len(vocabulary)) or idf.shape != (len(vocabulary),) \
            or bias.shape != (rows,):
        raise ValueError(f"{path}: weights do not match the vocabulary")
    return vocabulary, idf, weights, bias, settings


def packaged_path(file_name: str) -> Path:
    """Where a head's weight file ships: nearer/analysis/models/<file_name>."""
    return Path(str(resources.files("nearer.analysis") / "models" / file_name))


def softmax(logits: NDArray[np.float32]) -> NDArray[np.float32]:
    """Each row's probabilities (float32), from its logits."""
    import numpy as np

    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    out: NDArray[np.float32] = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
    return out


def sigmoid(z: NDArray[np.float32]) -> NDArray[np.float32]:
    """The logistic function of each value (float32)."""
    import numpy as np

    out: NDArray[np.float32] = (1.0 / (1.0 + np.exp(-z))).astype(np.float32)
    return out


Head = TypeVar("Head")


class Packaged(Generic[Head]):
    """A packaged head: read on first use, once per process, unless a benchmark or a tuning run
    swaps in another for a while (`use`)."""

    def __init__(self, read: Callable[[], Head]) -> None:
        self._read = cache(read)
        self._swapped: list[Head] = []

    def load(self) -> Head:
        return self._swapped[-1] if self._swapped else self._read()

    @contextmanager
    def use(self, head: Head) -> Iterator[None]:
        self._swapped.append(head)
        try:
            yield
        finally:
            self._swapped.pop()
