"""Benchmark encryption at rest: key unwrap at login, opening 100 entries per request, and
journal write latency under load, each with a same-run baseline without keys.

Run: .venv/bin/python benchmarks/crypto_bench.py [--writes 60] [--threads 2]
Budgets (issue 12): unwrap <= 0.5 s; 100 entries <= 5 ms overhead; write p99 <= +10 %.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ.pop("NEARER_KDF", None)  # the real argon2id parameters

from sqlalchemy import select  # noqa: E402

from nearer.domain import crypto  # noqa: E402
from nearer.services import accounts, journal, vault  # noqa: E402
from nearer.storage import keyring  # noqa: E402
from nearer.storage.db import Database  # noqa: E402
from nearer.storage.models import User  # noqa: E402

PASSWORD = "benchmark passphrase 42"
TEXTS = [
    "Dinner was quiet again and I felt far away from you.",
    "We laughed on the walk; it felt like us again.",
    "I keep wondering whether I matter as much as the job does.",
    "Small thing: a kiss goodbye this morning without being asked.",
]


def timed(
    fn: Callable[[], object], runs: int, clock: Callable[[], float] = time.perf_counter
) -> list[float]:
    found = []
    for _ in range(runs):
        start = clock()
        fn()
        found.append(clock() - start)
    return found


def cpu_ms(fn: Callable[[], object], runs: int) -> float:
    """Median CPU time of this process: what the work costs when the machine is not shared."""
    return statistics.median(timed(fn, runs, time.process_time)) * 1000


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]


def bench_unwrap() -> None:
    data_key, salt = crypto.new_key(), crypto.new_salt()
    params = crypto.DEFAULT_KDF
    wrapped = crypto.wrap(crypto.derive_key(PASSWORD, salt, params), data_key, "pw")

    def unwrap() -> bytes:
        return crypto.unwrap(crypto.derive_key(PASSWORD, salt, params), wrapped, "pw")

    runs = timed(unwrap, 5)
    print(f"key unwrap at login ({params.text()}): wall median {statistics.median(runs) * 1000:.0f}"
          f" ms, max {max(runs) * 1000:.0f} ms; CPU {cpu_ms(unwrap, 5):.0f} ms"
          "  (budget 500 ms)")  # fmt: skip


def _people(db: Database) -> tuple[int, int]:
    """One person with keys, and one like an account from before encryption (no keys)."""
    sealed = accounts.sign_up(db, "sealed@bench.test", PASSWORD).id
    plain = accounts.sign_up(db, "plain@bench.test", PASSWORD).id
    with db.transaction() as session:
        user = session.get(User, plain)
        assert user is not None
        user.key_kdf = user.key_salt = user.key_by_password = None
        user.recovery_salt = user.key_by_recovery = user.public_key = user.private_key = None
    keyring.current().drop(keyring.person(plain))
    return sealed, plain


def _unlock(db: Database, user_id: int) -> None:
    with db.transaction() as session:
        user = session.scalar(select(User).where(User.id == user_id))
        assert user is not None
        if vault.has_keys(user):
            vault.unlock(session, user, vault.open_with_password(user, PASSWORD))


def bench_reads(db: Database, sealed: int, plain: int) -> None:
    for person in (sealed, plain):
        for n in range(100):
            journal.write(db, person, text=f"{TEXTS[n % len(TEXTS)]} ({n})", feelings=["lonely"])
    _unlock(db, sealed)
    journal.list_entries(db, sealed), journal.list_entries(db, plain)  # warm up
    with_keys = timed(lambda: journal.list_entries(db, sealed), 30)
    without = timed(lambda: journal.list_entries(db, plain), 30)
    overhead = statistics.median(with_keys) - statistics.median(without)
    cpu_sealed = cpu_ms(lambda: journal.list_entries(db, sealed), 30)
    cpu_plain = cpu_ms(lambda: journal.list_entries(db, plain), 30)
    print(f"list 100 entries: sealed median {statistics.median(with_keys) * 1000:.1f} ms, "
          f"plain median {statistics.median(without) * 1000:.1f} ms, "
          f"overhead {overhead * 1000:.1f} ms wall, {cpu_sealed - cpu_plain:.1f} ms CPU"
          "  (budget 5 ms)")  # fmt: skip


def bench_writes(db: Database, sealed: int, plain: int, writes: int, threads: int) -> None:
    def load(person: int) -> list[float]:
        latencies: list[float] = []
        lock = threading.Lock()
        ring = keyring.current()  # every thread writes with the same keyring (one "server")

        def worker(count: int) -> None:
            from nearer.storage.keyring import _CURRENT

            _CURRENT.set(ring)
            for n in range(count):
                start = time.perf_counter()
                journal.write(db, person, text=f"{TEXTS[n % len(TEXTS)]} [{n}]")
                with lock:
                    latencies.append(time.perf_counter() - start)

        pool = [threading.Thread(target=worker, args=(writes // threads,)) for _ in range(threads)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        return latencies

    load(plain)  # warm up the analysis models
    base, enc = [], []
    for _ in range(2):  # interleaved, so drift on a shared machine hits both alike
        base += load(plain)
        enc += load(sealed)
    ratio = p99(enc) / p99(base) - 1
    print(f"journal write p99 under {threads} threads: plain {p99(base) * 1000:.0f} ms, "
          f"sealed {p99(enc) * 1000:.0f} ms ({ratio:+.1%}; budget +10 %); "
          f"medians {statistics.median(base) * 1000:.0f} / {statistics.median(enc) * 1000:.0f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--writes", type=int, default=60)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    bench_unwrap()
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        sealed, plain = _people(db)
        bench_reads(db, sealed, plain)
        bench_writes(db, sealed, plain, args.writes, args.threads)
        db.dispose()


if __name__ == "__main__":
    main()
