"""Server CPU per request of the analysis-off write and of the bare FastAPI + SQLite insert.

Each app runs in its own uvicorn process (as write_path_bench.py starts them); a few client
threads post entries, and the server process's own CPU time (user + system, from /proc) over
the run is divided by the requests answered. The client's CPU is not counted, so the figure
holds up on a shared machine better than requests per second do. `--before OTHER/src` puts
another checkout's app beside this one's, loaded in turns in the same run. Linux only.
Written for Nearer, MIT.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path

from write_path_bench import HERE, Server, _token, entry_texts, hammer


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system, every thread) of process `pid` so far."""
    user, system = server_user_system(pid)
    return user + system


def server_user_system(pid: int) -> tuple[float, float]:
    """(user, system) CPU seconds of process `pid` so far, every thread."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / ticks, int(fields[12]) / ticks


def cpu_per_request(
    server: Server, path: str, texts: list[str], head: dict[str, str], seconds: float,
    clients: int,
) -> float:
    """Server CPU milliseconds per answered request over one load run."""
    before = server_user_system(server.process.pid)
    rate, _, _ = hammer(server.url, path, texts, clients, seconds, head)
    after = server_user_system(server.process.pid)
    if os.environ.get("SHOW_SPLIT"):
        print(f"  user {(after[0] - before[0]) / (rate * seconds) * 1000:.2f} ms, system "
              f"{(after[1] - before[1]) / (rate * seconds) * 1000:.2f} ms per request")
    return (sum(after) - sum(before)) / (rate * seconds) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each load run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--before", type=Path, help="the src folder of another checkout")
    args = parser.parse_args()
    texts = entry_texts(640)
    apps = [("bare insert", "write_path_apps:bare_app", "/entries", None),
            ("analysis off", "write_path_apps:app_without_analysis", "/api/v1/entries",
             HERE.parent / "src")]
    if args.before:
        apps.append(("[before] analysis off", "write_path_apps:app_without_analysis",
                     "/api/v1/entries", args.before))
    found: dict[str, list[float]] = {name: [] for name, *_ in apps}
    with tempfile.TemporaryDirectory() as folder:
        servers, heads = [], []
        try:
            for k, (_, factory, path, src) in enumerate(apps):
                (Path(folder) / str(k)).mkdir()
                server = Server(factory, Path(folder) / str(k),
                                {"PYTHONPATH": str(src)} if src else None)
                servers.append(server)
                head = {}
                if path.startswith("/api/"):
                    head = {"Authorization": f"Bearer {_token(server.url, f'c{k}@example.org')}"}
                heads.append(head)
                hammer(server.url, path, texts, args.clients, 1.0, head)  # warm
            for _ in range(args.rounds):
                for (name, _, path, _), server, head in zip(apps, servers, heads, strict=True):
                    found[name].append(cpu_per_request(server, path, texts, head, args.seconds,
                                                       args.clients))
        finally:
            for server in servers:
                server.stop()
    bare = statistics.median(found[apps[0][0]])
    for name, values in found.items():
        mid = statistics.median(values)
        print(f"{name:24} server CPU per request: median {mid:5.2f} ms "
              f"(rounds {', '.join(f'{v:.2f}' for v in values)}) = {mid / bare:.1f}x the bare insert")


if __name__ == "__main__":
    main()
