"""Prototype embeddings are computed once and then read back from the cache file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from nearer.analysis import embeddings


def test_fixed_embeddings_are_cached_and_keyed_by_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEARER_CACHE_DIR", str(tmp_path))
    calls: list[int] = []

    def fake(texts: Any) -> Any:
        calls.append(len(texts))
        return np.full((len(texts), embeddings.DIMENSIONS), len(calls), dtype=np.float32)

    first = embeddings.embed_fixed(["a", "b"], fake)
    second = embeddings.embed_fixed(["a", "b"], fake)
    assert calls == [2] and np.array_equal(first, second)
    assert len(list(tmp_path.glob("prototypes-*.npy"))) == 1
    changed = embeddings.embed_fixed(["a", "c"], fake)
    assert calls == [2, 2] and changed[0, 0] == 2.0


def test_unwritable_cache_still_gives_embeddings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEARER_CACHE_DIR", str(blocker / "sub"))
    result = embeddings.embed_fixed(
        ["x"], lambda t: np.ones((len(t), embeddings.DIMENSIONS), np.float32)
    )
    assert result.shape == (1, embeddings.DIMENSIONS)
