"""Batch work against the bare encoder on the same texts, in the same run.

- `nearer emotions --jsonl` (N lines) vs embedding the same texts in batches of 32;
- `nearer import` of an export with N entries, and `nearer reanalyze` of them, vs the same;
- peak memory (max RSS) of `nearer emotions --jsonl` for a small and a 10x larger file of
  short lines: streaming means the two peaks stay about equal.

Each command runs in its own process (start-up and model load included, as a person would see
them: about a second, a visible share of a 200-text run, so the ratios rise with longer inputs);
the bare encoder runs in this process after a warm-up. Short runs; read the ratios.
Each line also gives the command's CPU time (every thread) per text against the bare encoder's:
batch work encodes on every core, so its wall-time ratio can pass what one core could do.
`--before OTHER/src` runs another checkout's commands alongside, each right after this one's.
Written for Nearer, MIT.
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
    took, peak, _ = _run_cpu(args, env, stdin)
    return took, peak


def _run_cpu(args: list[str], env: dict[str, str],
             stdin: Path | None = None) -> tuple[float, int, float]:
    """(seconds, peak RSS in MiB, CPU seconds of every thread) of one `nearer` command."""
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as feed:
        process = subprocess.Popen([sys.executable, "-m", "nearer", *args], env=env,
                                   stdin=feed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
    took = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"nearer {' '.join(args)} failed")
    return took, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


def bare_encoder_cpu(texts: list[str]) -> float:
    """CPU seconds per text of the bare encoder in batches of 32 (after a warm-up)."""
    import resource

    from nearer.analysis.embeddings import embed

    embed(texts[:32])
    before = resource.getrusage(resource.RUSAGE_SELF)
    for begin in range(0, len(texts), 32):
        embed(texts[begin:begin + 32])
    after = resource.getrusage(resource.RUSAGE_SELF)
    return ((after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)) / len(texts)


def _line(label: str, count: int, took: float, cpu: float, rate: float, bare_cpu: float,
          target: str) -> None:
    print(f"{label:34} {count / took:7.1f} texts/s  = {count / took / rate:.2f}x bare encoder "
          f"(target >= {target});  CPU {cpu / count * 1000:5.1f} ms/text = "
          f"{bare_cpu * count / cpu:.2f}x the bare encoder's", flush=True)


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
    parser.add_argument("--count", type=int, default=200, help="texts per run")
    parser.add_argument("--before", type=Path, help="the src folder of other code, run alongside")
    parser.add_argument("--skip-memory", action="store_true", help="no peak-memory runs")
    args = parser.parse_args()
    texts = entry_texts(args.count, seed=11)
    here = Path(__file__).resolve().parent.parent / "src"
    versions = [("after", here)] + ([("before", args.before.resolve())] if args.before else [])
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        envs = {}
        for version, src in versions:
            env = {k: v for k, v in os.environ.items() if k != "NEARER_DATABASE_URL"}
            data = folder / version
            data.mkdir()
            env.update({"NEARER_DATA_DIR": str(data), "PYTHONPATH": str(src)})
            envs[version] = env
        lines = folder / "texts.jsonl"
        _jsonl(lines, texts)
        for version, _ in versions:  # warm the prototype cache and bytecode
            _run(["emotions", "--jsonl", str(lines)], envs[version])
        rate = bare_encoder_rate(texts)
        bare_cpu = bare_encoder_cpu(texts)
        print(f"bare encoder, batches of 32, one core: {rate:7.1f} texts/s on {len(texts)} texts,"
              f" CPU {bare_cpu * 1000:.1f} ms/text")
        for version, _ in versions:
            took, _, cpu = _run_cpu(["emotions", "--jsonl", str(lines)], envs[version])
            _line(f"[{version}] nearer emotions --jsonl", len(texts), took, cpu, rate, bare_cpu,
                  "0.9x")
        exports = {v: _export(folder / v, envs[v], texts) for v, _ in versions}
        dbs = {}
        for version, _ in versions:
            dbs[version] = str(folder / version / "target.sqlite3")
            subprocess.run([sys.executable, "-m", "nearer", "--db", dbs[version], "journal",
                            "list"], env=envs[version], check=True, capture_output=True)
        for version, _ in versions:
            took, _, cpu = _run_cpu(["--db", dbs[version], "import", str(exports[version])],
                                    envs[version])
            _line(f"[{version}] nearer import", len(texts), took, cpu, rate, bare_cpu, "0.8x")
        for version, _ in versions:
            took, _, cpu = _run_cpu(["--db", dbs[version], "reanalyze"], envs[version])
            _line(f"[{version}] nearer reanalyze", len(texts), took, cpu, rate, bare_cpu, "0.8x")
        if args.skip_memory:
            return
        for version, _ in versions:
            peaks = []
            for count in (500, 5_000):
                short = folder / f"short{count}.jsonl"
                _jsonl(short, [f"i felt {w} today"
                               for w in ("calm", "sad", "close", "tired") * (count // 4)])
                took, peak = _run(["emotions", "--jsonl", str(short)], envs[version])
                peaks.append(peak)
                print(f"[{version}] emotions --jsonl, {count:6,} short lines: {took:6.1f} s, "
                      f"peak RSS {peak} MiB")
            print(f"[{version}] peak memory 10x the lines: {peaks[1] / peaks[0]:.2f}x "
                  "(flat means about 1.0x)")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
