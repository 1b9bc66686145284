"""Where `nearer journal add` spends its time, stage by stage, CPU and wall, beside an older checkout.

    python benchmarks/journal_add_stages.py                     # this checkout only
    python benchmarks/journal_add_stages.py --before OTHER/src  # also an older one, interleaved

Each run is a fresh interpreter that goes through the command's stages one after another (the
command itself reads the text in a child process, services/read_ahead.py, while it imports
SQLAlchemy and opens the database, or loads the model on a thread where it cannot fork; here
each stage is timed alone): the
imports (of Typer, or of the quick way where the checkout has it: cli/quick.py), opening the database and checking its schema, the local profile, the ONNX session, the
tokenizer, the rule files, the safety rules' index, the first reading (the detectors' own set-up
included), and one more write of the same text (its rows cached: the rules and the commit). The
last line is the whole command, `python -m nearer journal add ...`, as startup_bench runs it.
Both checkouts use one warmed cache folder and a database each (made by their own code); the
machine is shared, so read the CPU medians and the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 7
HERE = Path(__file__).resolve().parent.parent / "src"
TEXT = "We walked after dinner"

STAGES = r"""
import json, resource, sys, time

def cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime

out = {}
wall, used = time.perf_counter(), cpu()

def mark(name):
    global wall, used
    now, now_cpu = time.perf_counter(), cpu()
    out[name] = [(now - wall) * 1000, (now_cpu - used) * 1000]
    wall, used = now, now_cpu

out["interpreter start"] = [0.0, used * 1000]
try:  # the quick way: the command line read without Typer (a checkout that has it)
    from nearer.cli import quick
    quick.parse(["--db", sys.argv[1], "journal", "add", sys.argv[2]])
    import nearer.cli.journal_add
except ImportError:  # an older checkout: every command through Typer
    from nearer.cli.root import app
mark("import the CLI (Typer or the quick way)")
from nearer.services.journal import write
mark("import the journal service")
from nearer.cli import common
common.state.db_option = sys.argv[1]
common.open_database()
mark("open the database + schema check")
db, me = common.local_user()
mark("the local profile")
from nearer.analysis import embeddings
embeddings._session()
mark("ONNX Runtime import + session")
embeddings._model()
mark("tokenizer")
from nearer.analysis import rulebook
rulebook.book()
mark("rule files (YAML, keys)")
from nearer.analysis.safety import detector
detector._index()
mark("safety rules' index")
from nearer.services.text_checks import read_text
read_text(sys.argv[2])
mark("first reading (detector set-up)")
write(db, me, text=sys.argv[2], feelings=None, intensity=None, tags=None, visibility="private")
mark("write again (rules + commit)")
print(json.dumps(out))
"""


def _env(src: Path, cache: str) -> dict[str, str]:
    # Bytecode is written and reused, as for an installed Nearer (pip compiles it on install).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(src), "NEARER_CACHE_DIR": cache}


def _database(src: Path, folder: Path, cache: str) -> str:
    path = str(folder / f"stages-{abs(hash(str(src)))}.sqlite3")
    subprocess.run([sys.executable, "-m", "nearer", "--db", path, "journal", "list"], check=True,
                   capture_output=True, env=_env(src, cache))
    return path


def _stages(src: Path, db: str, cache: str) -> dict[str, list[float]]:
    done = subprocess.run([sys.executable, "-c", STAGES, db, TEXT], check=True,
                          capture_output=True, text=True, env=_env(src, cache))
    found: dict[str, list[float]] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def _command(src: Path, db: str, cache: str) -> list[float]:
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "nearer", "--db", db, "journal", "add", TEXT],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=_env(src, cache))
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise RuntimeError(f"journal add failed with {src}")
    return [(time.perf_counter() - start) * 1000, (usage.ru_utime + usage.ru_stime) * 1000]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="the src folder of the code to compare with")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    versions = [("after", HERE)] + ([("before", args.before.resolve())] if args.before else [])
    samples: dict[tuple[str, str], list[list[float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        cache = str(Path(folder) / "cache")
        dbs = {label: _database(src, Path(folder), cache) for label, src in versions}
        for label, src in versions:  # warm the file cache, bytecode and the cache folder
            _stages(src, dbs[label], cache)
            _command(src, dbs[label], cache)
        for _ in range(args.runs):  # interleaved, so both see the same load on the machine
            for label, src in versions:
                for stage, figures in _stages(src, dbs[label], cache).items():
                    samples.setdefault((label, stage), []).append(figures)
                samples.setdefault((label, "the whole command"), []).append(
                    _command(src, dbs[label], cache))
    stages = list(dict.fromkeys(stage for _, stage in samples))
    labels = [label for label, _ in versions]
    head = "".join(f" {label + ' CPU':>11} {label + ' wall':>12}" for label in labels)
    print(f"{'stage (medians of ' + str(args.runs) + ' runs, ms)':40}{head}")
    totals = {label: [0.0, 0.0] for label in labels}
    for stage in stages:
        line = f"{stage:40}"
        for label in labels:
            runs = samples.get((label, stage), [[0.0, 0.0]])
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            if stage != "the whole command":
                totals[label][0] += wall
                totals[label][1] += cpu
            line += f" {cpu:11.0f} {wall:12.0f}"
        if stage == "the whole command":
            print(f"{'sum of the stages':40}" + "".join(
                f" {totals[label][1]:11.0f} {totals[label][0]:12.0f}" for label in labels))
        print(line, flush=True)


if __name__ == "__main__":
    main()
