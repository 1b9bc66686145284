"""The write path against the encoder's limit: every figure printed beside a baseline from the same run.

- bare encoder: texts/s of nearer.analysis.embeddings.embed on the same texts, batches of 32, one core;
- whole analysis of one entry (safety + coach + emotions, warm, caches cleared) vs one bare encoding;
- web writes with full analysis (POST /api/v1/entries, 8 and 32 clients) vs the bare encoder;
- web writes with analysis switched off vs a bare FastAPI + SQLite insert of the same row.

Short runs (about a minute in all); the machine is shared, so read the ratios, not the absolutes.
`--before OTHER/src` puts another checkout's one-entry figures beside this one's (each in its own
process, alternating rounds) and its analysis-off app in the same rounds as this one's and the
bare insert; the whole analysis is timed as wall time (the encoder may run on
every core while the rules run) and as CPU time (all threads counted).
Written for Nearer, MIT.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
_OPENERS = ("Dinner was quiet again tonight", "We walked to the park after work",
            "He looked at his phone all evening", "She laughed at my story for once",
            "I tried to bring up the holiday plans", "We argued about money in the car",
            "The kids were asleep early so we talked", "I felt invisible at the party")
_MIDDLES = ("and I did not know what to say.", "and it felt like old times for a moment.",
            "and I went to bed feeling lonely.", "and I noticed I was holding my breath.",
            "and he said he was just tired from the week.", "and I wanted to reach for her hand.",
            "and I kept thinking about what my mother used to say.",
            "and neither of us mentioned the letter.")
_ENDINGS = ("Tomorrow I will ask how his day really was.", "I am hopeful, a little.",
            "Maybe we need a proper weekend away.", "I do not want to keep pretending it is fine.",
            "It was small but it mattered to me.", "I am tired of being the one who asks.",
            "I will write to her about it on Sunday.", "I want us to feel close again.")


def entry_texts(count: int, seed: int = 7) -> list[str]:
    """Journal entries of about 120-300 characters, varied, the same on every run."""
    rng = random.Random(seed)
    texts = []
    for i in range(count):
        parts = [rng.choice(_OPENERS), rng.choice(_MIDDLES), rng.choice(_ENDINGS)]
        if rng.random() < 0.5:
            parts.append(rng.choice(_ENDINGS))
        texts.append(f"{' '.join(parts)} ({i})")
    return texts


def bare_encoder_rate(texts: list[str]) -> float:
    """Texts per second of the bare encoder on one core, in batches of 32."""
    from nearer.analysis.embeddings import embed

    embed(texts[:32])
    start = time.perf_counter()
    for begin in range(0, len(texts), 32):
        embed(texts[begin:begin + 32])
    return len(texts) / (time.perf_counter() - start)


def _clear_caches() -> None:
    """Forget every embedded sentence (the cold case), in whichever checkout is measured."""
    import importlib

    for name, call in (("nearer.analysis.safety.semantic", "clear_cache"),
                       ("nearer.analysis.safety_semantic", "clear_cache"),
                       ("nearer.analysis.row_cache", "clear")):
        try:
            getattr(importlib.import_module(name), call)()
        except (ImportError, AttributeError):
            continue
    try:
        importlib.import_module("nearer.analysis.coach_model")._cache.clear()  # older checkouts
    except (ImportError, AttributeError):
        pass


def _cpu() -> float:
    """CPU seconds of this process so far, every thread counted."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def one_entry_samples(texts: list[str]) -> dict[str, list[float]]:
    """Per entry: wall and CPU seconds of one bare encoding, and of the whole analysis (safety and
    emotions as saving an entry runs them, plus the coach), warm, caches cleared before each.
    A checkout whose read_text takes a Doc reads the text through ONE Doc; older ones as they
    could (read_text, then the coach on the plain text)."""
    from nearer.analysis import text as text_layer
    from nearer.analysis.coach import analyze
    from nearer.analysis.embeddings import embed
    from nearer.services.text_checks import read_text

    one_doc = hasattr(text_layer, "start_docs")

    def whole(text: str) -> None:
        if one_doc:
            doc = text_layer.Doc(text)
            read_text(doc)  # type: ignore[arg-type]
            analyze(doc)
        else:
            read_text(text)
            analyze(text)

    whole(texts[0])
    embed([texts[0]])
    found: dict[str, list[float]] = {"bare": [], "bare_cpu": [], "whole": [], "whole_cpu": []}
    for text in texts[1:]:
        start, cpu = time.perf_counter(), _cpu()
        embed([text])
        found["bare"].append(time.perf_counter() - start)
        found["bare_cpu"].append(_cpu() - cpu)
        _clear_caches()
        start, cpu = time.perf_counter(), _cpu()
        whole(text)
        found["whole"].append(time.perf_counter() - start)
        found["whole_cpu"].append(_cpu() - cpu)
    return found


def one_entry(texts: list[str], before: Path | None = None, rounds: int = 3) -> None:
    """Whole analysis of one entry vs one bare encoding of it, this checkout and (with `before`)
    another, each in its own process, alternating rounds so both see the same load."""
    versions = [("after", HERE.parent / "src")] + ([("before", before)] if before else [])
    samples: dict[str, dict[str, list[float]]] = {v: {} for v, _ in versions}
    per_round = max(2, 80 // rounds)
    for k in range(rounds):
        chunk = json.dumps(texts[1 + k * per_round: 1 + (k + 1) * per_round])
        for version, src in versions:
            env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), str(HERE)])}
            out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--one-entry-child"],
                                 input=chunk, env=env, check=True, capture_output=True, text=True)
            for key, values in json.loads(out.stdout).items():
                samples[version].setdefault(key, []).extend(values)
    for version, _ in versions:
        found = samples[version]
        b, w = statistics.median(found["bare"]) * 1000, statistics.median(found["whole"]) * 1000
        bc = statistics.median(found["bare_cpu"]) * 1000
        wc = statistics.median(found["whole_cpu"]) * 1000
        print(f"[{version}] one entry, whole analysis   median {w:6.1f} ms  p99 "
              f"{_p(found['whole'], 99) * 1000:6.1f} ms  CPU {wc:6.1f} ms")
        print(f"[{version}] one entry, bare encoding    median {b:6.1f} ms               "
              f"CPU {bc:6.1f} ms")
        print(f"[{version}]   -> wall: analysis reaches {b / w:.2f}x the bare encoding (target >= "
              f"0.9x); CPU: {bc / wc:.2f}x")


def _p(samples: list[float], pct: int) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A uvicorn process serving one app factory on a fresh SQLite database."""

    def __init__(self, factory: str, folder: Path, extra_env: dict[str, str] | None = None) -> None:
        self.port = _free_port()
        env = dict(os.environ)
        env.update({"NEARER_DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
                    "NEARER_DATA_DIR": str(folder), "NEARER_COOKIE_SECURE": "false",
                    "NEARER_SIGNUPS_PER_ADDRESS": "1000"})
        env.update(extra_env or {})
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH", "")]))
        if factory.startswith("nearer."):
            subprocess.run([sys.executable, "-m", "nearer", "--db",
                            str(folder / "bench.sqlite3"), "journal", "list", "--json"],
                           env=env, check=True, capture_output=True)  # creates and migrates it
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", factory, "--port", str(self.port),
             "--log-level", "warning", "--no-access-log"], env=env)
        self.url = f"http://127.0.0.1:{self.port}"
        import httpx

        for _ in range(600):
            try:
                httpx.get(self.url + "/api/v1/resources", timeout=1.0)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError(f"{factory} did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def _token(url: str, email: str) -> str:
    import httpx

    password = "lantern-harbour-quietly-92"
    httpx.post(url + "/api/v1/users", json={"email": email, "password": password}, timeout=30)
    answer = httpx.post(url + "/api/v1/auth/token",
                        data={"username": email, "password": password}, timeout=30)
    answer.raise_for_status()
    return str(answer.json()["access_token"])


def hammer(url: str, path: str, texts: list[str], clients: int, seconds: float,
           headers: dict[str, str]) -> tuple[float, float, float]:
    """(requests/s, p50 s, p99 s) of `clients` threads posting entries for `seconds`."""
    import httpx

    latencies: list[float] = []
    errors: list[int] = []
    stop = time.perf_counter() + seconds
    lock = threading.Lock()

    def run(offset: int) -> None:
        with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
            i = offset
            while time.perf_counter() < stop:
                body = {"text": texts[i % len(texts)], "feelings": [], "tags": []}
                start = time.perf_counter()
                answer = client.post(path, json=body)
                took = time.perf_counter() - start
                with lock:
                    (latencies if answer.status_code in (200, 201) else errors).append(
                        took if answer.status_code in (200, 201) else answer.status_code)
                i += clients

    began = time.perf_counter()
    threads = [threading.Thread(target=run, args=(k,)) for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if errors:
        print(f"  ({len(errors)} failed requests: {sorted(set(errors))})")
    return len(latencies) / elapsed, _p(latencies, 50), _p(latencies, 99)


def _line(label: str, figures: tuple[float, float, float], base: float, base_label: str) -> None:
    rate, p50, p99 = figures
    print(f"{label:34} {rate:7.1f} req/s  p50 {p50 * 1000:6.0f} ms  p99 {p99 * 1000:6.0f} ms"
          f"  = {rate / base:.2f}x {base_label}")


def web_writes(
    texts: list[str], seconds: float, bare_rate: float, analysed: bool = True, rounds: int = 3,
    before: Path | None = None,
) -> None:
    if analysed:
        analysed_writes(texts, seconds, bare_rate)
    unanalysed_writes(texts, seconds, rounds, before)


def analysed_writes(texts: list[str], seconds: float, bare_rate: float) -> None:
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as folder:
        server = Server("nearer.web.serving:app_from_settings", Path(folder))
        try:
            token = _token(server.url, "bench@example.org")
            headers = {"Authorization": f"Bearer {token}"}
            hammer(server.url, "/api/v1/entries", texts, 4, 2.0, headers)  # warm
            for clients in (8, 32):
                figures = hammer(server.url, "/api/v1/entries", texts, clients, seconds, headers)
                _line(f"writes, full analysis, {clients} clients", figures, bare_rate,
                      "bare encoder (1 core)")
                print(f"{'':34} per core used ({cores}): {figures[0] / cores / bare_rate:.2f}x "
                      "(target >= 0.8x; p99 <= 250 ms at 8 clients)")
        finally:
            server.stop()


def unanalysed_writes(
    texts: list[str], seconds: float, rounds: int = 3, before: Path | None = None,
    clients: int = 32,
) -> None:
    """The servers run side by side and are loaded in turn, `rounds` times: on a shared machine
    the load of other work changes from minute to minute, so each round's ratio compares runs
    a few seconds apart, and the median ratio is the figure. With `before` (another checkout's
    src folder) that checkout's app is loaded in the same rounds."""
    apps = [("bare FastAPI + SQLite insert", "write_path_apps:bare_app", "/entries", None),
            ("writes, analysis off", "write_path_apps:app_without_analysis", "/api/v1/entries",
             HERE.parent / "src")]
    if before:
        apps.append(("[before] writes, analysis off", "write_path_apps:app_without_analysis",
                     "/api/v1/entries", before))
    with tempfile.TemporaryDirectory() as folder:
        servers, heads = [], []
        try:
            for k, (_, factory, path, src) in enumerate(apps):
                (Path(folder) / str(k)).mkdir()
                extra = {"PYTHONPATH": str(src)} if src else None
                server = Server(factory, Path(folder) / str(k), extra)
                servers.append(server)
                head = {}
                if path.startswith("/api/"):
                    head = {"Authorization": f"Bearer {_token(server.url, f'b{k}@example.org')}"}
                heads.append(head)
                hammer(server.url, path, texts, 4, 1.0, head)  # warm
            rows: dict[str, list[tuple[float, float, float]]] = {a[0]: [] for a in apps}
            for _ in range(rounds):
                for (name, _, path, _), server, head in zip(apps, servers, heads, strict=True):
                    rows[name].append(hammer(server.url, path, texts, clients, seconds, head))
        finally:
            for server in servers:
                server.stop()
    bare = rows[apps[0][0]]
    for name, figures in rows.items():
        for k, one in enumerate(figures):
            _line(f"{name}, {clients} clients, round {k + 1}", one, bare[k][0], "bare insert")
    for name, _, _, _ in apps[1:]:
        ratios = sorted(w[0] / b[0] for w, b in zip(rows[name], bare, strict=True))
        print(f"{name + ' / bare insert':34} median of {rounds} rounds: "
              f"{statistics.median(ratios):.2f}x (target >= 0.5x; rounds "
              f"{', '.join(f'{r:.2f}' for r in ratios)})")
        p99 = statistics.median(f[2] for f in rows[name])
        print(f"{'':34} p99 {p99 * 1000:.0f} ms "
              f"(bare {statistics.median(f[2] for f in bare) * 1000:.0f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="length of each load run")
    parser.add_argument("--rounds", type=int, default=3, help="turns of the analysis-off pair")
    parser.add_argument("--skip-web", action="store_true")
    parser.add_argument("--only-bare-web", action="store_true",
                        help="only the analysis-off rows (with --before, that checkout's too)")
    parser.add_argument("--clients", type=int, default=32, help="clients of the analysis-off rows")
    parser.add_argument("--only-analysed-web", action="store_true",
                        help="only the bare encoder and the writes with analysis")
    parser.add_argument("--before", type=Path,
                        help="the src folder of other code: one-entry figures for both, side by side")
    parser.add_argument("--only-one-entry", action="store_true",
                        help="only the whole analysis of one entry against one bare encoding")
    parser.add_argument("--one-entry-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_entry_child:  # texts on stdin, samples as JSON on stdout
        print(json.dumps(one_entry_samples(json.loads(sys.stdin.read()))))
        return
    texts = entry_texts(640)
    if args.only_one_entry:
        one_entry(texts, args.before)
        return
    if args.only_bare_web:
        unanalysed_writes(texts, args.seconds, args.rounds, args.before, args.clients)
        return
    rate = bare_encoder_rate(texts[:320])
    print(f"bare encoder, batches of 32, one core: {rate:7.1f} texts/s")
    if args.only_analysed_web:
        analysed_writes(texts, args.seconds, rate)
        return
    one_entry(texts, args.before)
    if not args.skip_web:
        web_writes(texts, args.seconds, rate, rounds=args.rounds, before=args.before)


if __name__ == "__main__":
    main()
