"""Start-up time of `nearer` commands, with `python -c pass` as the floor, in the same run.

Targets (issue 15): `nearer --help` <= 5x `python -c pass`; `help-now` <= 0.3 s; `journal add`
<= 0.4 s on a warm cache (the model is on disk and the file cache is warm).

    python benchmarks/startup_bench.py                       # this checkout only
    python benchmarks/startup_bench.py --before OTHER/src    # also an older checkout, interleaved

Each command runs as `python -m nearer` with PYTHONPATH set to the code measured, against a
database of its own (made and migrated by that code) holding 50 entries. Beside the wall time,
each line gives the command's CPU time (every thread, and the child process that reads the text
of `journal add`, which the command waits for): on a busy machine the wall time swells with the
load, the CPU time much less; a command that loads the model on a thread or in a process of its
own while it imports the rest gains wall time, not CPU time.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
SLOW_RUNS = 3  # commands that load the model
HERE = Path(__file__).resolve().parent.parent / "src"


def _env(src: Path) -> dict[str, str]:
    # Bytecode is written and reused, as for an installed Nearer (pip compiles it on install).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(src)}


_fresh = itertools.count()


_cpu: dict[tuple[str, ...], list[float]] = {}  # CPU seconds (every thread) per command run


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    # An export goes to a new file each time, so no run is asked whether to overwrite one.
    command = [a.replace("{n}", str(next(_fresh))) for a in command]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=env)
    _, status, usage = os.wait4(process.pid, 0)
    took = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"{' '.join(command)} failed")
    key = tuple(a for a in command if "export-" not in a)
    _cpu.setdefault(key, []).append(usage.ru_utime + usage.ru_stime)
    return took


def _database(src: Path, folder: Path) -> str:
    path = str(folder / f"startup-{abs(hash(str(src)))}.sqlite3")
    nearer = [sys.executable, "-m", "nearer", "--db", path]
    subprocess.run([*nearer, "journal", "list"], check=True, capture_output=True, env=_env(src))
    seed = (
        "import sys, uuid; from datetime import UTC, datetime, timedelta\n"
        "from nearer.storage.db import Database\n"
        "from nearer.storage.models import Entry, User\n"
        "db = Database('sqlite:///' + sys.argv[1])\n"
        "with db.transaction() as s:\n"
        "    me = s.query(User).filter(User.is_local.is_(True)).one()\n"
        "    now = datetime.now(UTC)\n"
        "    for i in range(50):\n"
        "        at = now - timedelta(days=i)\n"
        "        s.add(Entry(uid=str(uuid.uuid4()), owner_id=me.id, text='A quiet day ' + str(i),\n"
        "                    feelings=['calm'], intensity=4, tags=['home'], created_at=at,\n"
        "                    updated_at=at))\n"
    )
    subprocess.run([sys.executable, "-c", seed, path], check=True, env=_env(src))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="the src folder of the code to compare with")
    args = parser.parse_args()
    versions = [("after", HERE)] + ([("before", args.before.resolve())] if args.before else [])
    with tempfile.TemporaryDirectory() as folder:
        dbs = {label: _database(src, Path(folder)) for label, src in versions}
        out = str(Path(folder) / "export-{n}.json")
        floor = [sys.executable, "-c", "pass"]
        commands: list[tuple[str, list[str], int]] = [
            ("nearer --help", ["--help"], RUNS),
            ("nearer journal --help", ["journal", "--help"], RUNS),
            ("nearer help-now", ["help-now", "--country", "gb"], RUNS),
            ("nearer journal list (50)", ["journal", "list"], RUNS),
            ("nearer export (50)", ["export", "--out", out], RUNS),
            ("nearer journal add", ["journal", "add", "We walked after dinner"], SLOW_RUNS),
        ]
        samples: dict[tuple[str, str], list[float]] = {}
        timed(floor)
        for label, argv, runs in commands:
            for version, src in versions:  # warm the file cache, bytecode and model cache
                command = [sys.executable, "-m", "nearer", "--db", dbs[version], *argv]
                timed(command, _env(src))
            for _ in range(runs):  # interleaved, so both see the same load on the machine
                samples.setdefault(("floor", label), []).append(timed(floor))
                for version, src in versions:
                    command = [sys.executable, "-m", "nearer", "--db", dbs[version], *argv]
                    samples.setdefault((version, label), []).append(timed(command, _env(src)))
        print(f"{'command':28} {'version':8} {'median':>9} {'best':>9} {'x pass':>7} "
              f"{'CPU median':>11}")
        for label, _, _ in commands:
            floor_ms = statistics.median(samples[("floor", label)]) * 1000
            print(f"{'python -c pass (floor)':28} {'':8} {floor_ms:7.0f}ms")
            for version, _ in versions:
                found = sorted(samples[(version, label)])
                median = statistics.median(found) * 1000
                argv = next(a for lbl, a, _ in commands if lbl == label)
                key = tuple(a for a in [sys.executable, "-m", "nearer", "--db", dbs[version],
                                        *argv] if "export-" not in a)
                cpu = statistics.median(_cpu[key]) * 1000
                print(
                    f"{label:28} {version:8} {median:7.0f}ms {found[0] * 1000:7.0f}ms "
                    f"{median / floor_ms:6.1f}x {cpu:9.0f}ms",
                    flush=True,
                )


if __name__ == "__main__":
    main()
