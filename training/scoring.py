"""What the training scripts score with: one label's figures (precision, recall, F1, support, as
they print and store them), a softmax with a temperature, and the wording heads' vocabulary and
tf-idf rows.

Written for Nearer, MIT.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray


def figures(pred: NDArray[np.bool_], truth: NDArray[np.bool_]) -> dict[str, float]:
    """One label's figures (rounded to 3 places) from its predicted and true marks per line."""
    tp = int((pred & truth).sum())
    fp = int((pred & ~truth).sum())
    fn = int((~pred & truth).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
            "support": int(truth.sum())}


def softmax(logits: NDArray[np.float64], temperature: float) -> NDArray[np.float64]:
    """Each row's probabilities from its logits, divided by the temperature first."""
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: NDArray[np.float64] = e / e.sum(axis=1, keepdims=True)
    return out


def vocabulary(keys_per_text: list[set[str]], min_lines: int) -> tuple[tuple[str, ...], NDArray[np.float32]]:
    """A wording head's vocabulary (every key in at least `min_lines` texts, sorted) and its
    smoothed idf: ln((1 + N) / (1 + texts holding the key)) + 1."""
    import math
    from collections import Counter

    holding: Counter[str] = Counter(key for keys in keys_per_text for key in keys)
    words = tuple(sorted(key for key, n in holding.items() if n >= min_lines))
    n = len(keys_per_text)
    idf = np.array([math.log((1 + n) / (1 + holding[w])) + 1 for w in words], dtype=np.float32)
    return words, idf


def sparse_rows(features: Callable[[str], tuple[list[int], list[float]]], texts: list[str],
                width: int) -> Any:
    """One sparse row per text of a wording head's tf-idf features (the app's own `features`, so
    training reads as the app does)."""
    from scipy.sparse import csr_matrix

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r, text in enumerate(texts):
        columns, values = features(text)
        rows += [r] * len(columns)
        cols += columns
        vals += values
    return csr_matrix((vals, (rows, cols)), shape=(len(texts), width))
