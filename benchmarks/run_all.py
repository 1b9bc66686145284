"""Run every benchmark in turn and print its figures (`make bench`).

`--before OTHER/src` (make bench BEFORE=OTHER/src) is passed to the scripts that put another
checkout's figures beside this one's, measured in the same run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
SCRIPTS = (
    "safety_bench.py",
    "safety_models.py",
    "safety_amid.py",
    "coach_models.py",
    "emotion_models.py",
    "coach_bench.py",
    "keystroke_bench.py",
    "entry_analysis_bench.py",
    "wording_bench.py",
    "emotions_bench.py",
    "startup_bench.py",
    "journal_add_stages.py",
    "write_path_bench.py",
    "write_path_cpu.py",
    "batch_bench.py",
    "patterns_bench.py",
    "lists_bench.py",
)


# take --before
COMPARED = ("startup_bench.py", "journal_add_stages.py", "write_path_bench.py", "batch_bench.py",
            "keystroke_bench.py", "entry_analysis_bench.py", "write_path_cpu.py")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="the src folder of other code, measured alongside")
    args = parser.parse_args()
    failures = 0
    for name in SCRIPTS:
        script = HERE / name
        if not script.exists():
            continue
        print(f"\n=== {name} ===", flush=True)
        extra = ["--before", args.before] if args.before and name in COMPARED else []
        failures += subprocess.call([sys.executable, str(script), *extra]) != 0
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
