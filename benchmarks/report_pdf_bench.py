"""PDF report build time: the demo couple's report (every section) made into a PDF, for the
code before and after, in the same run.

Each checkout runs in a child process of its own: it seeds the demo into a fresh SQLite file,
builds the report once, then times `report_render.pdf_bytes` (the first call apart, since it
loads the fonts) and prints the median, the first call and the PDF's size.

    PYTHONPATH=src python benchmarks/report_pdf_bench.py [--before /work/main/src] [--runs 10]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = """
import json, statistics, sys, tempfile, time
from pathlib import Path
from nearer.services import demo, report, report_render
from nearer.storage.db import Database

runs = int(sys.argv[1])
with tempfile.TemporaryDirectory() as folder:
    db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
    sam, _ = demo.seed_demo(db)
    made = report.build(db, sam, report.options(None, None, "scores,patterns,entries,gap"))
    t = time.perf_counter()
    data = report_render.pdf_bytes(made)
    first = time.perf_counter() - t
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        report_render.pdf_bytes(made)
        times.append(time.perf_counter() - t)
    db.dispose()
print(json.dumps({"first": first, "median": statistics.median(times), "bytes": len(data)}))
"""


def _measure(src: str, runs: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": src}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(runs)], env=env, capture_output=True, check=True
    )
    figures: dict[str, float] = json.loads(done.stdout.decode().strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="another checkout's src folder to compare with")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    here = str(Path(__file__).resolve().parent.parent / "src")
    rows = [("this", here)] + ([("before", args.before)] if args.before else [])
    print(f"{'code':8} {'first call':>11} {'median':>9} {'PDF size':>10}")
    for name, src in rows:
        f = _measure(src, args.runs)
        print(f"{name:8} {f['first'] * 1000:9.0f}ms {f['median'] * 1000:7.0f}ms "
              f"{f['bytes'] / 1024:8.0f}KiB")


if __name__ == "__main__":
    main()
