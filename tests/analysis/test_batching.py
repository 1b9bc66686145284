"""The micro-batcher: concurrent callers share encoder calls and each gets exactly its own rows."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import numpy as np
import pytest

from nearer.analysis import embeddings
from nearer.analysis.batching import MicroBatcher
from nearer.analysis.embeddings import length_groups


def encode_as_numbers(texts: Sequence[str]) -> np.ndarray:
    """Row i holds the number written in text i, so any mix-up of rows shows."""
    time.sleep(0.02)  # long enough for other callers to queue behind a busy encoder
    rows = np.zeros((len(texts), 4), dtype=np.float32)
    rows[:, 0] = [float(t) for t in texts]
    return rows


def test_concurrent_callers_get_their_own_rows_in_order_from_shared_calls() -> None:
    calls: list[int] = []

    def encoder(texts: list[str]) -> np.ndarray:
        calls.append(len(texts))
        return encode_as_numbers(texts)

    batcher = MicroBatcher(encoder, max_batch=32, max_wait=0.01, threads=1)
    results: dict[int, np.ndarray] = {}

    def caller(k: int) -> None:
        texts = [str(k * 100 + j) for j in range(k % 4 + 1)]
        results[k] = batcher.embed(texts)

    threads = [threading.Thread(target=caller, args=(k,)) for k in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    batcher.close()
    for k, rows in results.items():
        assert rows[:, 0].tolist() == [k * 100 + j for j in range(k % 4 + 1)]
    assert sum(calls) == sum(k % 4 + 1 for k in range(24))
    assert len(calls) < 24 and max(calls) <= 32  # shared calls, never over the cap


def test_a_lone_request_goes_at_once_while_a_thread_is_idle() -> None:
    """Nothing is gained by waiting for company while a core sits idle: with max_wait at a
    minute, a lone caller still gets its rows (a live coach reading alone used to wait the
    whole max_wait). Requests that find every thread busy still gather (the test above)."""
    calls: list[int] = []

    def encoder(texts: list[str]) -> np.ndarray:
        calls.append(len(texts))
        return encode_as_numbers(texts)

    batcher = MicroBatcher(encoder, max_batch=32, max_wait=60.0, threads=1)
    try:
        (future,) = batcher.submit(["7"])
        assert future.result(timeout=20)[:, 0].tolist() == [7.0]
        assert calls == [1]
    finally:
        batcher.close()


def test_a_caller_with_more_than_a_batch_is_split_and_reassembled_in_order() -> None:
    sizes: list[int] = []

    def encoder(texts: list[str]) -> np.ndarray:
        sizes.append(len(texts))
        return encode_as_numbers(texts)

    batcher = MicroBatcher(encoder, max_batch=8, max_wait=0.001, threads=2)
    rows = batcher.embed([str(i) for i in range(30)])
    batcher.close()
    assert rows[:, 0].tolist() == list(range(30))
    assert max(sizes) <= 8 and sum(sizes) == 30


def test_an_encoder_error_reaches_every_caller_in_that_call_and_the_batcher_goes_on() -> None:
    def encoder(texts: list[str]) -> np.ndarray:
        if "bad" in texts:
            raise ValueError("encoder broke")
        return encode_as_numbers(texts)

    batcher = MicroBatcher(encoder, max_batch=4, max_wait=0.001, threads=1)
    with pytest.raises(ValueError, match="encoder broke"):
        batcher.embed(["1", "bad"])
    assert batcher.embed(["7"])[:, 0].tolist() == [7.0]
    assert batcher.embed([]).shape[0] == 0
    batcher.close()
    with pytest.raises(RuntimeError):
        batcher.embed(["1"])


def test_a_wrong_number_of_rows_is_an_error_not_a_mix_up() -> None:
    batcher = MicroBatcher(lambda texts: encode_as_numbers(texts[:-1]), threads=1)
    with pytest.raises(RuntimeError, match="rows"):
        batcher.embed(["1", "2"])
    batcher.close()


def test_embed_goes_through_the_batcher_once_serving_and_back_after() -> None:
    batcher = embeddings.serve_batched(threads=1)
    try:
        seen: list[int] = []
        original = batcher.encode
        batcher.encode = lambda texts: (seen.append(len(texts)), encode_as_numbers(texts))[1]
        assert embeddings.embed(["3", "4"])[:, 0].tolist() == [3.0, 4.0]
        assert seen == [2]
        batcher.encode = original
    finally:
        embeddings.stop_batching()
    assert not embeddings._batcher


def test_two_batchers_sharing_one_thread_both_run_and_never_hold_it_idle() -> None:
    """The passes over whole texts share the sentence rows' encoder threads (`share`): with one
    thread, each kind still runs while the other has nothing queued (a batcher that held the
    thread while waiting for work would starve the other for ever)."""
    rows = MicroBatcher(encode_as_numbers, max_batch=4, max_wait=0.001, threads=1)
    passes = MicroBatcher(lambda texts: [f"pass {t}" for t in texts], max_batch=2,
                          max_wait=0.001, share=rows)
    try:
        assert passes.threads == 1
        for round_ in range(3):
            assert [f.result(timeout=5) for f in passes.submit(["a", "b", "c"])] == [
                ["pass a", "pass b"], ["pass c"]]
            assert rows.embed([str(round_)])[:, 0].tolist() == [float(round_)]
    finally:
        passes.close()
        rows.close()


def test_a_server_reads_whole_texts_through_its_batcher_of_passes() -> None:
    text = "We cooked together. Then we argued about money. Then we made up on the sofa."
    direct = embeddings.read_wholes([text])[0]
    embeddings.serve_batched(threads=1)
    try:
        passes = embeddings._passes[-1]
        (served,) = embeddings.read_wholes([text])
        ((future, index),) = embeddings.read_wholes_soon([text])
        assert np.allclose(served.states, direct.states, atol=1e-5)
        assert np.allclose(future.result()[index].states, direct.states, atol=1e-5)
        assert passes.calls == 2 and index == 0
    finally:
        embeddings.stop_batching()
    assert not embeddings._passes and not embeddings._batcher


def test_length_groups_split_on_padding_cost_and_batch_size() -> None:
    assert [list(g) for g in length_groups([5, 5, 6, 30, 31], batch=32, split_cost=12)] == [
        [0, 1, 2], [3, 4]]  # padding three rows from 6 to 30 costs 72 rows: a call is cheaper
    assert [len(g) for g in length_groups([8] * 70, batch=32)] == [32, 32, 6]
    assert length_groups([]) == []


def test_length_groups_cap_the_padded_tokens_of_a_call() -> None:
    groups = length_groups([128] * 20, batch=32, max_tokens=1024)
    assert [len(g) for g in groups] == [8, 8, 4]  # 8 x 128 = 1024 tokens at most per call
    assert [len(g) for g in length_groups([10] * 40, batch=32, max_tokens=1024)] == [32, 8]


def test_a_batcher_hands_the_gil_back_quickly_and_never_slows_a_faster_setting() -> None:
    import sys

    from nearer.analysis.batching import SWITCH_INTERVAL

    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)  # Python's default
        MicroBatcher(encode_as_numbers, threads=1).close()
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL, rel=0.01)
        sys.setswitchinterval(0.0002)  # someone chose shorter: kept
        shorter = sys.getswitchinterval()  # as the interpreter stores it
        MicroBatcher(encode_as_numbers, threads=1).close()
        assert sys.getswitchinterval() == shorter
    finally:
        sys.setswitchinterval(before)
