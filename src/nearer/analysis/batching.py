"""Micro-batching: concurrent callers' texts go to the encoder together.

Every web request that saves text needs its sentences embedded. One ONNX call for 32 sentences
costs far less than 32 calls for one, so requests arriving together are embedded together:
a caller's texts join a queue; a dispatcher takes up to `max_batch` texts from it (at once while
an encoder thread is idle, else gathering for at most `max_wait` seconds), runs ONE encoder call
on a small thread pool (one thread per core; ONNX releases the GIL, so the event loop and the
other requests keep running), and hands each caller exactly its own rows, in its own order.

While every encoder thread is busy, new requests simply gather in the queue, so under load the
batches fill up on their own. A second batcher may share the same threads (`share`): the safety
head's passes over whole texts run on the cores the sentence rows run on. A caller with more than `max_batch` texts is split into several
requests; memory per call stays bounded however many texts arrive. Written for Nearer, MIT.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

Encoder = Callable[[list[str]], Any]  # one result per text, sliceable (an array, a list)


SWITCH_INTERVAL = 0.001  # seconds: how soon a thread waiting for the GIL gets it


def quick_handoff() -> None:
    """Let the encoder threads take the GIL back within 1 ms rather than Python's default 5 ms.
    An encoder thread needs it for a moment before and after each model call (which runs
    without it); while the caller's thread runs the rules in Python, each such moment waited up
    to the whole interval, so a reading waited on its encoder longer than the encoding took
    (keystroke_bench.py: p99 per pause 17.7 -> 15.8 ms). Called where encoder threads are made;
    never lengthens an interval someone set shorter."""
    import sys

    if sys.getswitchinterval() > SWITCH_INTERVAL:
        sys.setswitchinterval(SWITCH_INTERVAL)


def cores() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass
class _Request:
    texts: list[str]
    future: Future[Any] = field(default_factory=Future)


class MicroBatcher:
    """Embeds the texts of concurrent callers in shared encoder calls (see the module docstring)."""

    def __init__(self, encode: Encoder, *, max_batch: int = 32, max_wait: float = 0.005,
                 threads: int | None = None, share: MicroBatcher | None = None) -> None:
        """`share`: another batcher whose encoder threads this one uses too (a second kind of
        work on the same cores: the safety head's passes over whole texts beside the sentence
        rows); closing this one leaves them running."""
        if max_batch < 1:
            raise ValueError("max_batch must be at least 1")
        self.encode = encode
        self.max_batch = max_batch
        self.max_wait = max_wait
        self.pid = os.getpid()  # a forked child must build its own (threads do not survive fork)
        self.calls = 0  # encoder calls made (for tests and benchmarks)
        self._queue: deque[_Request] = deque()
        self._wake = threading.Condition()
        self._owns_pool = share is None
        if share is None:
            quick_handoff()
            self.threads = threads or cores()
            self._free = threading.Semaphore(self.threads)
            self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="nearer-encoder")
        else:
            self.threads, self._free, self._pool = share.threads, share._free, share._pool
        self._closed = False
        self._dispatcher = threading.Thread(target=self._dispatch, name="nearer-batcher",
                                            daemon=True)
        self._dispatcher.start()

    # --- callers ----------------------------------------------------------------------------

    def submit(self, texts: Sequence[str]) -> list[Future[Any]]:
        """Queue the texts (in pieces of at most max_batch); one future per piece."""
        if self._closed:
            raise RuntimeError("the batcher is closed")
        requests = [_Request(list(texts[i:i + self.max_batch]))
                    for i in range(0, len(texts), self.max_batch)]
        with self._wake:
            self._queue.extend(requests)
            self._wake.notify()
        return [r.future for r in requests]

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """The rows for `texts`, in order; blocks this thread (never the event loop's)."""
        import numpy as np

        if not texts:
            from nearer.analysis.embeddings import DIMENSIONS

            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        parts = [f.result() for f in self.submit(texts)]
        rows: NDArray[np.float32] = parts[0] if len(parts) == 1 else np.concatenate(parts)
        return rows

    def close(self) -> None:
        """Finish what is queued, then stop the threads."""
        with self._wake:
            self._closed = True
            self._wake.notify()
        self._dispatcher.join(timeout=5)
        if self._owns_pool:
            self._pool.shutdown(wait=True)

    # --- the dispatcher ---------------------------------------------------------------------

    def _take(self) -> tuple[list[_Request], bool] | None:
        """What is queued, up to max_batch texts, and whether an encoder thread is held for it.
        While a thread is idle the batch goes at once: waiting would only leave a core idle (a
        live coach reading alone waited the whole max_wait for company). While every thread is
        busy, requests gather for at most max_wait, or until the batch is full."""
        with self._wake:
            while not self._queue:
                if self._closed:
                    return None
                self._wake.wait()
            deadline = time.monotonic() + self.max_wait
            batch: list[_Request] = []
            size = 0
            while True:
                while self._queue and size + len(self._queue[0].texts) <= self.max_batch:
                    request = self._queue.popleft()
                    batch.append(request)
                    size += len(request.texts)
                left = deadline - time.monotonic()
                if size >= self.max_batch or (self._queue and batch) or left <= 0 or self._closed:
                    return batch, False
                if self._free.acquire(blocking=False):  # an idle thread: no reason to wait
                    return batch, True
                self._wake.wait(left)

    def _dispatch(self) -> None:
        while True:
            taken = self._take()
            if taken is None:
                return
            batch, held = taken
            # Wait for an idle encoder thread; meanwhile the next requests gather in the queue.
            # A batch is taken before a thread is held, so batchers sharing threads (`share`)
            # never hold one while they have nothing to run.
            if not held:
                self._free.acquire()
            self._pool.submit(self._run, batch)

    def _run(self, batch: list[_Request]) -> None:
        try:
            texts = [t for request in batch for t in request.texts]
            try:
                self.calls += 1
                rows = self.encode(texts)
                if len(rows) != len(texts):
                    raise RuntimeError(f"the encoder gave {len(rows)} rows for {len(texts)} texts")
            except BaseException as error:  # noqa: BLE001 - every waiting caller gets the error
                for request in batch:
                    request.future.set_exception(error)
                return
            at = 0
            for request in batch:
                request.future.set_result(rows[at:at + len(request.texts)])
                at += len(request.texts)
        finally:
            self._free.release()
