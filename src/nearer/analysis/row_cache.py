"""One bounded, thread-safe cache of sentence embeddings per process, shared by every Doc.

A row is what the encoder gives for a string keyed as it reads it (`text.embedding_key`); it does
not depend on which other strings shared its encoder call, so a cached row is the row. The coach
re-reads a draft on every pause in typing, and the journal then saves the same words: each string
is encoded once. Least recently used rows go first; at most ROWS rows (384 float32 each, about
1.5 KiB) are kept, so the cache stays near 6 MiB however much text passes through.

Rows belong to the encoder that made them: when another encoder is asked (a test swapping in a
fake), the cache empties rather than hand back another encoder's rows. Written for Nearer, MIT.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

ROWS = 4096


class RowCache:
    """Rows by key, least recently used first out, at most `size` of them."""

    def __init__(self, size: int = ROWS) -> None:
        if size < 1:
            raise ValueError("size must be at least 1")
        self.size = size
        self.hits = 0
        self.misses = 0
        self._rows: OrderedDict[str, Any] = OrderedDict()
        self._owner: Any = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._rows)

    def _adopt(self, encoder: Any) -> None:
        if encoder is not self._owner:
            self._rows.clear()
            self._owner = encoder

    def get(self, keys: Iterable[str], encoder: Any) -> dict[str, Any]:
        """The rows this cache holds for any of `keys`, made by `encoder`."""
        found: dict[str, Any] = {}
        with self._lock:
            self._adopt(encoder)
            for key in keys:
                row = self._rows.get(key)
                if row is None:
                    self.misses += 1
                    continue
                self._rows.move_to_end(key)
                found[key] = row
                self.hits += 1
        return found

    def put(self, keys: Sequence[str], rows: Iterable[Any], encoder: Any) -> dict[str, Any]:
        """Keep these rows (copies: a row must not hold its whole encoder batch in memory) and
        return them by key."""
        import numpy as np

        kept = {key: np.array(row, dtype=np.float32, copy=True)
                for key, row in zip(keys, rows, strict=True)}
        with self._lock:
            self._adopt(encoder)
            for key, row in kept.items():
                self._rows[key] = row
                self._rows.move_to_end(key)
            while len(self._rows) > self.size:
                self._rows.popitem(last=False)
        return kept

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()
            self.hits = self.misses = 0


SHARED = RowCache()


def clear() -> None:
    """Forget every shared row (benchmarks measure the cold case with it)."""
    SHARED.clear()
