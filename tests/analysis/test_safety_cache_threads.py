"""The safety head's sentence cache is shared by a server's request threads: evictions by one
thread never cost another its scores."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
import pytest

from nearer.analysis.safety import semantic


def test_threads_sharing_a_small_cache_each_get_all_their_scores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fake_score(texts: list[str], vectors: np.ndarray) -> list[tuple[float, float, float]]:
        return [(float(v[0]), 0.0, 0.0) for v in vectors]

    class FakeDoc:  # Doc.unit_rows: the start of each span as its row
        norm = "x" * 50_000

        @staticmethod
        def unit_rows(spans: Sequence[tuple[int, int]]) -> np.ndarray:
            rows = np.zeros((len(spans), 4), dtype=np.float32)
            rows[:, 0] = [float(start) for start, _ in spans]
            return rows

    monkeypatch.setattr(semantic, "_score", fake_score)
    monkeypatch.setattr(semantic, "_CACHE_SIZE", 3)  # smaller than one call: evicts its own keys
    semantic.clear_cache()
    failures: list[BaseException] = []

    def worker(k: int) -> None:
        try:
            for round_ in range(40):
                starts = [k * 1000 + round_ * 10 + j for j in range(4)]
                spans = [(start, start + 1) for start in starts]
                rows = semantic._cached(FakeDoc(), [f"sentence {s}" for s in starts],  # type: ignore[arg-type]
                                        spans)
                assert [r[0] for r in rows] == [float(start) for start in starts]
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(semantic._cache) <= 3
    semantic.clear_cache()
