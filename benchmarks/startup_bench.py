"""Start-up time of the `nearer` command (`nearer --help` must stay well under 0.3 s)."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 15


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    nearer = shutil.which("nearer") or str(Path(sys.executable).parent / "nearer")
    for label, command in (
        ("nearer --help", [nearer, "--help"]),
        ("nearer journal --help", [nearer, "journal", "--help"]),
        ("python -c pass (floor)", [sys.executable, "-c", "pass"]),
    ):
        timed(command)  # warm the file cache and bytecode
        samples = sorted(timed(command) for _ in range(RUNS))
        print(
            f"{label:28} median {statistics.median(samples) * 1000:6.0f} ms   "
            f"best {samples[0] * 1000:6.0f} ms   worst {samples[-1] * 1000:6.0f} ms"
        )


if __name__ == "__main__":
    main()
