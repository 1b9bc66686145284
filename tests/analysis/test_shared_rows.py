"""One encoding per string: the shared row cache, encoding started before the rules run, and one
Doc read by safety, emotions and the coach."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
import pytest

from nearer.analysis import embeddings, row_cache
from nearer.analysis.row_cache import RowCache
from nearer.analysis.text import Doc, embed_shared, start_docs
from nearer.services import text_checks


class CountingEncoder:
    """A fake encoder: a row per text (its length in column 0), counting what it encodes."""

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[list[str]] = []
        self.fail = fail

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        if self.fail:
            raise RuntimeError("no model here")
        rows = np.zeros((len(texts), embeddings.DIMENSIONS), dtype=np.float32)
        rows[:, 0] = [len(t) for t in texts]
        return rows

    @property
    def texts(self) -> list[str]:
        return [t for call in self.calls for t in call]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> CountingEncoder:
    encoder = CountingEncoder()
    monkeypatch.setattr(embeddings, "embed", encoder)
    row_cache.clear()
    return encoder


def test_the_cache_keeps_the_latest_rows_up_to_its_size() -> None:
    cache = RowCache(size=2)
    owner = object()
    cache.put(["a", "b"], np.eye(2, dtype=np.float32), owner)
    assert set(cache.get(["a"], owner)) == {"a"}  # "a" is now the most recently used
    cache.put(["c"], np.ones((1, 2), dtype=np.float32), owner)
    assert set(cache.get(["a", "b", "c"], owner)) == {"a", "c"} and len(cache) == 2
    assert cache.hits == 3 and cache.misses == 1


def test_the_cache_copies_rows_and_forgets_them_when_another_encoder_asks() -> None:
    cache = RowCache()
    first, second = object(), object()
    batch = np.zeros((2, 3), dtype=np.float32)
    kept = cache.put(["a", "b"], batch, first)
    batch[0, 0] = 9.0  # the caller's batch changes; the kept row does not
    assert kept["a"][0] == 0.0 and cache.get(["a"], first)["a"][0] == 0.0
    assert kept["a"].base is None  # its own memory, not a view holding the whole batch
    assert cache.get(["a", "b"], second) == {}  # rows of another encoder are never handed out
    assert cache.get(["a"], first) == {}


def test_the_cache_stays_bounded_and_consistent_under_threads() -> None:
    cache = RowCache(size=50)
    owner = object()
    errors: list[str] = []

    def work(k: int) -> None:
        for i in range(200):
            key = f"{(k * 7 + i) % 120}"
            rows = cache.get([key], owner)
            if key in rows and rows[key][0] != float(key):
                errors.append(key)
            cache.put([key], np.full((1, 4), float(key), dtype=np.float32), owner)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(cache) == 50


def test_separate_docs_of_the_same_words_encode_them_once(fake: CountingEncoder) -> None:
    first = Doc("We talked after dinner.").embed(["We talked after dinner", "It was nice"])
    second = Doc("we talked AFTER dinner").embed([" We talked after dinner "])
    assert fake.texts == ["we talked after dinner", "it was nice"]
    assert second[0, 0] == first[0, 0] == len("we talked after dinner")
    assert embed_shared(["It was nice", "it was nice"])[:, 0].tolist() == [11.0, 11.0]
    assert len(fake.calls) == 1
    own = CountingEncoder()  # a Doc with its own embedder never reads or fills the shared rows
    Doc("x", embedder=own).embed(["We talked after dinner", "brand new"])
    assert own.texts == ["we talked after dinner", "brand new"]
    assert embed_shared(["brand new"])[0, 0] == 9.0 and fake.texts[-1] == "brand new"


def test_started_rows_are_the_rows_embed_gives_and_nothing_is_encoded_twice(
    fake: CountingEncoder,
) -> None:
    docs = [Doc("one"), Doc("two")]
    assert start_docs(docs, [["alpha", "beta"], ["beta", "gamma"]]) == 3
    assert docs[0].start(["alpha"]) == 0  # already on its way
    rows = docs[1].embed(["gamma", "beta", "delta"])
    assert rows[:, 0].tolist() == [5.0, 4.0, 5.0]
    assert fake.calls == [["alpha", "beta", "gamma"], ["delta"]]  # one started job, one more
    assert docs[0].embed(["beta", "alpha"])[:, 0].tolist() == [4.0, 5.0]
    assert len(fake.calls) == 2
    assert Doc("three").start(["alpha", "delta"]) == 0  # the shared rows hold them already


def test_a_started_job_that_fails_raises_where_the_rows_are_needed_then_retries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = CountingEncoder(fail=True)
    monkeypatch.setattr(embeddings, "embed", broken)
    row_cache.clear()
    doc = Doc("text")
    doc.start(["a sentence"])
    with pytest.raises(RuntimeError, match="no model here"):
        doc.embed(["a sentence"])
    working = CountingEncoder()
    monkeypatch.setattr(embeddings, "embed", working)
    assert doc.embed(["a sentence"])[0, 0] == 10.0  # forgotten, so encoded again
    assert working.texts == ["a sentence"]


def test_embed_soon_gives_exactly_the_rows_of_embed_with_calls_shared_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(embeddings, "_spare_cores", lambda: 2)  # an idle two-core machine
    texts = ["We walked to the park after work", "I am tired", "ok",
             "She laughed at my story for once and I did not know what to say to her"]
    pending = embeddings.embed_soon(texts)
    assert np.array_equal(pending.result(), embeddings.embed(texts))
    assert len(pending.parts) >= 2  # side by side, even for one entry's few strings
    assert embeddings.shared_out([range(0, 4)], 2) == [range(0, 2), range(2, 4)]
    assert embeddings.shared_out([range(0, 1), range(1, 5)], 3) == [
        range(0, 1), range(1, 3), range(3, 5)]
    assert embeddings.shared_out([range(0, 1)], 4) == [range(0, 1)]
    monkeypatch.setattr(embeddings, "_spare_cores", lambda: 1)  # a busy machine: no extra calls
    alone = embeddings.embed_soon(["We walked to the park after work", "We walked to the park"])
    assert len(alone.parts) == 1


def test_one_doc_read_for_safety_emotions_and_the_coach_encodes_each_string_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from nearer.analysis.coach import analyze
    from nearer.analysis.emotions import detector
    from nearer.analysis.safety import semantic

    monkeypatch.setenv("NEARER_SAFETY_SEMANTIC", "1")
    monkeypatch.setenv("NEARER_COACH_MODEL", "1")
    detector._prototypes()  # a fixed list, embedded (and cached) apart
    text = ("You never listen to me when I talk about work. I am not angry, just tired of it. "
            "Can we talk tonight?")
    semantic.clear_cache()
    row_cache.clear()
    alone = (text_checks.read_text(text), analyze(text))
    real = embeddings.embed
    encoded: list[str] = []

    def counting(texts: Sequence[str]) -> np.ndarray:
        encoded.extend(texts)
        return real(texts)

    monkeypatch.setattr(embeddings, "embed", counting)
    semantic.clear_cache()
    row_cache.clear()
    doc = Doc(text)
    together = (text_checks.read_text(doc), analyze(doc))
    assert encoded and len(encoded) == len(set(encoded))  # nothing encoded twice
    assert together == alone  # the same readings as each detector on its own
    semantic.clear_cache()


def test_in_a_server_started_rows_join_the_micro_batcher_queue() -> None:
    texts = [f"Sentence number {i} about the garden" for i in range(40)]
    direct = embeddings.embed(texts)
    batcher = embeddings.serve_batched(threads=1, max_batch=16)
    try:
        pending = embeddings.embed_soon(texts)
        assert np.array_equal(pending.result(), direct)
        assert len(pending.parts) == 3 and batcher.calls >= 1  # pieces of at most max_batch
    finally:
        embeddings.stop_batching()


def test_the_model_can_start_loading_in_the_background_and_numpy_keeps_to_one_thread() -> None:
    import os
    import subprocess
    import sys

    script = (
        "import os\n"
        "from nearer.analysis import embeddings\n"
        "assert os.environ['OPENBLAS_NUM_THREADS'] == '1'\n"
        "assert not embeddings.is_loaded()\n"
        "thread = embeddings.load_soon()\n"
        "assert thread is not None and thread.name == 'nearer-model-load'\n"
        "assert embeddings.load_soon() is None  # called again while it loads: no second load\n"
        "thread.join()\n"
        "assert embeddings.is_loaded() and embeddings.load_soon() is None\n"
        "assert len(embeddings._spare) == 1  # a tokenizer made ahead, for the caller\n"
        "assert embeddings.embed(['hello there']).shape == (1, embeddings.DIMENSIONS)\n"
        "assert embeddings._spare == []  # taken by the thread that encoded\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    kept = subprocess.run([sys.executable, "-c", "import os, nearer.analysis; "
                           "print(os.environ['OPENBLAS_NUM_THREADS'])"],
                          env={**env, "OPENBLAS_NUM_THREADS": "2"}, capture_output=True, text=True)
    assert kept.stdout.strip() == "2"  # a value someone set is kept


def test_the_session_alone_can_start_loading_and_the_caller_makes_its_own_tokenizer() -> None:
    import subprocess
    import sys

    script = (
        "from nearer.analysis import embeddings\n"
        "thread = embeddings.load_soon(tokenizer=False)\n"
        "assert thread is not None\n"
        "thread.join()\n"
        "assert embeddings.is_loaded() and embeddings._spare == []  # no tokenizer made ahead\n"
        "rows = embeddings.embed(['hello there'])\n"
        "assert rows.shape == (1, embeddings.DIMENSIONS)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
