"""Export at scale: wall time and peak memory of `nearer export` and of the account page's
download (/account/export.json), for the code before and after, in the same run.

For each size (default 1,000 and 10,000 entries, seeded by direct SQL inserts as in
lists_bench.py) the command runs in a child process per checkout, and its peak resident memory
is read from the kernel's accounting of that child (`os.wait4`, ru_maxrss); the two files must
be byte for byte the same. Growth is the peak over the peak of the same command for the first
size (0 entries: the floor, everything but the journal). The page is fetched in a child process per checkout too, which
reports its peak resident memory before the download (app built, logged in) and after it, so
the growth is what the download itself cost.
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
import time
from pathlib import Path
from typing import Any

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
    env = {**os.environ, "PYTHONPATH": src, "COLUMNS": "160", "NEARER_PASSPHRASE": PASSWORD}
    done = subprocess.run(
        [sys.executable, "-c", probe, *command], env=env, capture_output=True, check=True
    )
    head, _, rest = done.stdout.decode().partition("\n")
    took, peak, status = head.split()
    if int(status):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()[-2000:]}")
    return float(took), int(peak) // 1024, rest


def _prepare(tmp: Path, count: int) -> Path:
    """A database with one person (also the command line's local profile) and `count` entries."""
    sys.path.insert(0, str(HERE))
    from fastapi.testclient import TestClient
    from lists_bench import seed

    from nearer.settings import Settings
    from nearer.storage.db import Database
    from nearer.web.app import create_app

    db_file = tmp / f"export-{count}.sqlite3"
    db = Database(f"sqlite:///{db_file}")
    settings = Settings(data_dir=tmp, secret_key="bench-secret-key-0123456789",
                        _env_file=None)  # type: ignore[call-arg]  # fmt: skip
    with TestClient(create_app(db=db, settings=settings), base_url="https://testserver") as c:
        assert c.post("/api/v1/users", json={"email": EMAIL, "password": PASSWORD}).is_success
    db.dispose()
    with sqlite3.connect(db_file) as conn:
        (owner,) = conn.execute("SELECT id FROM users WHERE email = ?", (EMAIL,)).fetchone()
    seed(db_file, owner, count)
    return db_file


PAGE_CHILD = r"""
import re, resource, sys, tempfile, time
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
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
size = 0
with client.stream("GET", "/account/export.json") as response:
    assert response.status_code == 200, response.status_code
    for piece in response.iter_bytes():
        size += len(piece)
took = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(took, before, after, size)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", required=True, help="the src directory of the code before")
    parser.add_argument("--sizes", default="0,1000,10000", help="the first is the floor")
    args = parser.parse_args()
    after_src = os.environ.get("PYTHONPATH") or str(HERE.parent / "src")
    codes = (("before", args.before), ("after", after_src))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        floor: dict[str, int] = {}  # per checkout: the peak of the same run over no entries
        print(f"{'case':44} {'code':6} {'wall s':>7} {'peak MiB':>9} {'growth MiB':>11}")
        for count in (int(s) for s in args.sizes.split(",")):
            db_file = _prepare(tmp, count)
            files = {}
            for name, src in codes:
                out = tmp / f"{name}-{count}.json"
                out.unlink(missing_ok=True)
                command = [sys.executable, "-m", "nearer", "--db", str(db_file), "export",
                           "--out", str(out)]  # fmt: skip
                took, peak, _ = _measured(command, src)
                files[name] = out.read_bytes()
                floor.setdefault(f"cli {name}", peak)
                print(f"{f'nearer export, {count:,} entries':44} {name:6} {took:7.2f} {peak:9d} "
                      f"{peak - floor[f'cli {name}']:11d}")  # fmt: skip
            same = files["before"] == files["after"]
            entries = len(json.loads(files["after"])["entries"])
            print(f"  files byte for byte the same: {same}; {entries:,} entries, "
                  f"{len(files['after']) / 1e6:.2f} MB")  # fmt: skip
            for name, src in codes:
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
