"""Run every benchmark in turn and print its figures (`make bench`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
SCRIPTS = ("safety_bench.py", "safety_models.py", "coach_bench.py", "emotions_bench.py", "startup_bench.py",
           "write_path_bench.py", "batch_bench.py")


def main() -> int:
    failures = 0
    for name in SCRIPTS:
        script = HERE / name
        if not script.exists():
            continue
        print(f"\n=== {name} ===", flush=True)
        failures += subprocess.call([sys.executable, str(script)]) != 0
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
