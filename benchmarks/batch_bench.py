"""Batch work against the bare encoder on the same texts, in the same run.

- `nearer emotions --jsonl` (N lines) vs embedding the same texts in batches of 32;
- `nearer import` of an export with N entries, and `nearer reanalyze` of them, vs the same;
- peak memory (max RSS) of `nearer emotions --jsonl` for a small and a 10x larger file of
  short lines: streaming means the two peaks stay about equal.

Each command runs in its own process (start-up included, as a person would see it); the bare
encoder runs in this process after a warm-up. Short runs; read the ratios. Written for Nearer, MIT.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from write_path_bench import bare_encoder_rate, entry_texts  # noqa: E402


def _run(args: list[str], env: dict[str, str], stdin: Path | None = None) -> tuple[float, int]:
    """(seconds, peak RSS in MiB) of one `nearer` command."""
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as feed:
        process = subprocess.Popen([sys.executable, "-m", "nearer", *args], env=env,
                                   stdin=feed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, _, usage = os.wait4(process.pid, 0)
    took = time.perf_counter() - start
    return took, usage.ru_maxrss // 1024


def _jsonl(path: Path, texts: list[str]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(texts):
            out.write(json.dumps({"id": i, "text": text}) + "\n")


def _export(folder: Path, env: dict[str, str], texts: list[str]) -> Path:
    """An export file holding `texts` as entries, made from a real export of one entry."""
    db = str(folder / "source.sqlite3")
    subprocess.run([sys.executable, "-m", "nearer", "--db", db, "journal", "add", "seed entry"],
                   env=env, check=True, capture_output=True)
    template = folder / "template.json"
    subprocess.run([sys.executable, "-m", "nearer", "--db", db, "export", "--out", str(template)],
                   env=env, check=True, capture_output=True)
    doc = json.loads(template.read_text(encoding="utf-8"))
    seed = doc["entries"][0]
    doc["entries"] = [{**seed, "uid": f"00000000-0000-4000-8000-{i:012d}", "text": text}
                      for i, text in enumerate(texts)]
    path = folder / "many.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400, help="texts per run")
    args = parser.parse_args()
    texts = entry_texts(args.count, seed=11)
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env.update({"NEARER_DATA_DIR": str(folder), "NEARER_DATABASE_URL": ""})
        env.pop("NEARER_DATABASE_URL")
        lines = folder / "texts.jsonl"
        _jsonl(lines, texts)
        _run(["emotions", "--jsonl", str(lines)], env)  # warm the prototype cache and bytecode
        rate = bare_encoder_rate(texts)
        print(f"bare encoder, batches of 32, one core: {rate:7.1f} texts/s on {len(texts)} texts")
        took, _ = _run(["emotions", "--jsonl", str(lines)], env)
        print(f"nearer emotions --jsonl          {len(texts) / took:7.1f} texts/s"
              f"  = {len(texts) / took / rate:.2f}x bare encoder (target >= 0.9x)")
        export = _export(folder, env, texts)
        db = str(folder / "target.sqlite3")
        subprocess.run([sys.executable, "-m", "nearer", "--db", db, "journal", "list"],
                       env=env, check=True, capture_output=True)
        took, _ = _run(["--db", db, "import", str(export)], env)
        print(f"nearer import                    {len(texts) / took:7.1f} entries/s"
              f"  = {len(texts) / took / rate:.2f}x bare encoder (target >= 0.8x)")
        took, _ = _run(["--db", db, "reanalyze"], env)
        print(f"nearer reanalyze                 {len(texts) / took:7.1f} entries/s"
              f"  = {len(texts) / took / rate:.2f}x bare encoder (target >= 0.8x)")
        peaks = []
        for count in (500, 5_000):
            short = folder / f"short{count}.jsonl"
            _jsonl(short, [f"i felt {w} today" for w in ("calm", "sad", "close", "tired") * (count // 4)])
            took, peak = _run(["emotions", "--jsonl", str(short)], env)
            peaks.append(peak)
            print(f"emotions --jsonl, {count:6,} short lines: {took:6.1f} s, peak RSS {peak} MiB")
        print(f"peak memory 10x the lines: {peaks[1] / peaks[0]:.2f}x (flat means about 1.0x)")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
