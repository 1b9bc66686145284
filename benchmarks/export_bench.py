"""Export at scale: wall time and peak memory of `nearer export` and of the account page's
download (/account/export.json), for the code before and after, in the same run.

For each size (default 1,000 and 10,000 entries, seeded by direct SQL inserts as in
lists_bench.py) the command runs in a child process per checkout, and its peak resident memory
is read from the kernel's accounting of that child (`os.wait4`, ru_maxrss); the two files must
hold the same document (apart from lists the newer code adds). Growth is the peak over the peak of the same command for the first
size (0 entries: the floor, everything but the journal). The local profile has no passphrase,
so no key derivation (which alone takes ~128 MiB) sets the peak. The page is fetched in a child process per checkout too, which
samples its resident memory every 2 ms during the download (app built, logged in) and reports
the most it reached and the growth over what it held before: what the download itself cost.
Memory is flat when the growth does not follow the number of entries.

    PYTHONPATH=src python benchmarks/export_bench.py --before /work/main/src [--sizes 1000,10000]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PASSWORD = "bench-password-lantern-42"
EMAIL = "bench@example.org"


def _measured(command: list[str], src: str) -> tuple[float, int, str]:
    """Run `command` under a fresh Python parent that reports the child's peak RSS (KiB)."""
    probe = (
        "import os, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
        "_, status, usage = os.wait4(p.pid, 0)\n"
        "took = time.perf_counter() - t\n"
        "out = p.stdout.read().decode(); err = p.stderr.read().decode()\n"
        "print(f'{took} {usage.ru_maxrss} {status}')\n"
        "sys.stdout.write(out); sys.stderr.write(err)\n"
    )
    env = {**os.environ, "PYTHONPATH": src, "COLUMNS": "160"}
    done = subprocess.run(
        [sys.executable, "-c", probe, *command], env=env, capture_output=True, check=True
    )
    head, _, rest = done.stdout.decode().partition("\n")
    took, peak, status = head.split()
    if int(status):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()[-2000:]}")
    return float(took), int(peak) // 1024, rest


def _prepare(db_file: Path, count: int) -> None:
    """(Run in a child with one checkout's code, which migrates the database its own way.)
    Two people with the same `count` entries: one with an account (the page's), and the
    command line's local profile without a passphrase (so no key derivation sets the peak).
    The uids come from a seeded generator, so both checkouts' databases hold the same data."""
    import random
    import uuid

    rng = random.Random(15)
    uuid.uuid4 = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)  # type: ignore[assignment]
    sys.path.insert(0, str(HERE))
    from fastapi.testclient import TestClient
    from lists_bench import seed

    from nearer.settings import Settings
    from nearer.storage.db import Database
    from nearer.storage.models import User
    from nearer.web.app import create_app

    db = Database(f"sqlite:///{db_file}")
    settings = Settings(data_dir=db_file.parent, secret_key="bench-secret-key-0123456789",
                        _env_file=None)  # type: ignore[call-arg]  # fmt: skip
    with TestClient(create_app(db=db, settings=settings), base_url="https://testserver") as c:
        assert c.post("/api/v1/users", json={"email": EMAIL, "password": PASSWORD}).is_success
    with db.transaction() as session:
        session.add(User(is_local=True))
    db.dispose()
    with sqlite3.connect(db_file) as conn:
        (web,) = conn.execute("SELECT id FROM users WHERE email = ?", (EMAIL,)).fetchone()
        (local,) = conn.execute("SELECT id FROM users WHERE is_local = 1").fetchone()
    seed(db_file, web, count)
    seed(db_file, local, count)
    with sqlite3.connect(db_file) as conn:  # seed() makes its person the local profile too
        conn.execute("UPDATE users SET is_local = (id = ?)", (local,))


PAGE_CHILD = r"""
import re, resource, sys, tempfile, threading, time
from pathlib import Path
from fastapi.testclient import TestClient
from nearer.settings import Settings
from nearer.storage.db import Database
from nearer.web.app import create_app

db_file, email, password = sys.argv[1:4]
tmp = Path(tempfile.mkdtemp())
db = Database(f"sqlite:///{db_file}")
settings = Settings(data_dir=tmp, secret_key="bench-secret-key-0123456789", _env_file=None)
client = TestClient(create_app(db=db, settings=settings), base_url="https://testserver")
csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
client.post("/login", data={"email": email, "password": password, "csrf_token": csrf},
            follow_redirects=False)
assert client.get("/account").status_code == 200

def resident():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() // 1024

peak, done = [0], threading.Event()

def sample():  # resident memory now, every 2 ms (the login's key derivation is over)
    while not done.is_set():
        peak[0] = max(peak[0], resident())
        time.sleep(0.002)

before = resident()
watcher = threading.Thread(target=sample)
watcher.start()
start = time.perf_counter()
size = 0
with client.stream("GET", "/account/export.json") as response:
    assert response.status_code == 200, response.status_code
    for piece in response.iter_bytes():
        size += len(piece)
took = time.perf_counter() - start
done.set()
watcher.join()
print(took, before, max(peak[0], resident()), size)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", help="the src directory of the code before")
    parser.add_argument("--prepare", help=argparse.SUPPRESS)  # child: seed this database
    parser.add_argument("--sizes", default="0,1000,10000", help="the first is the floor")
    args = parser.parse_args()
    after_src = os.environ.get("PYTHONPATH") or str(HERE.parent / "src")
    codes = (("before", args.before), ("after", after_src))
    if args.prepare:
        _prepare(Path(args.prepare), int(args.sizes))
        return
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        floor: dict[str, int] = {}  # per checkout: the peak of the same run over no entries
        print(f"{'case':44} {'code':6} {'wall s':>7} {'peak MiB':>9} {'growth MiB':>11}")
        for count in (int(s) for s in args.sizes.split(",")):
            files = {}
            for name, src in codes:
                db_file = tmp / f"{name}-{count}.sqlite3"
                subprocess.run([sys.executable, __file__, "--prepare", str(db_file), "--sizes",
                                str(count)], env={**os.environ, "PYTHONPATH": src}, check=True)  # fmt: skip
                out = tmp / f"{name}-{count}.json"
                out.unlink(missing_ok=True)
                command = [sys.executable, "-m", "nearer", "--db", str(db_file), "export",
                           "--out", str(out)]  # fmt: skip
                took, peak, _ = _measured(command, src)
                files[name] = out.read_bytes()
                floor.setdefault(f"cli {name}", peak)
                print(f"{f'nearer export, {count:,} entries':44} {name:6} {took:7.2f} {peak:9d} "
                      f"{peak - floor[f'cli {name}']:11d}")  # fmt: skip
            old, new = json.loads(files["before"]), json.loads(files["after"])
            added = sorted(set(new) - set(old))  # lists the newer code adds (reactions, ...)
            same = old == {k: v for k, v in new.items() if k not in added}
            print(f"  the same document: {same} (new in after: {', '.join(added) or 'none'}); "
                  f"{len(new['entries']):,} entries, {len(files['after']) / 1e6:.2f} MB")  # fmt: skip
            for name, src in codes:
                db_file = tmp / f"{name}-{count}.sqlite3"
                env = {**os.environ, "PYTHONPATH": src}
                done = subprocess.run(
                    [sys.executable, "-c", PAGE_CHILD, str(db_file), EMAIL, PASSWORD],
                    env=env, capture_output=True, check=False,
                )  # fmt: skip
                if done.returncode:
                    print(f"  page ({name}) failed: {done.stderr.decode()[-400:]}")
                    continue
                took, before_kib, after_kib, size = done.stdout.decode().split()
                peak, growth = int(after_kib) // 1024, (int(after_kib) - int(before_kib)) // 1024
                print(f"{f'GET /account/export.json, {count:,} entries':44} {name:6} "
                      f"{float(took):7.2f} {peak:9d} {growth:11d}")  # fmt: skip


if __name__ == "__main__":
    main()
