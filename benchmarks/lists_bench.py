"""Lists at scale: the entries API, the /journal page, check-ins and bids, export and `nearer
journal list`.

For a person with 3,650 entries (ten years of daily writing) and with 10,000, seeded by direct
SQL inserts, this prints p50 / p95 of `GET /api/v1/entries` (first page), `GET /journal`,
`GET /api/v1/export` (read to the end), each with the size of what was sent, and the wall time
of `nearer journal list` (Rich table and `--json`) next to a bare sqlite3 -> JSON dump of the same
rows in the same run. The same person also gets one check-in a day (up to ten years) and as many
bids as entries; their first API pages print beside a bare sqlite3 read of the same 50 rows. Run with `python benchmarks/lists_bench.py [--sizes 3650,10000]`.
`--sealed` seals the seeded rows under the person's key first, as their next login does, so
every page opens its rows' envelopes as it would for a person with an account (without it the
rows stay plain, like a command-line profile without a passphrase).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if "PYTHONPATH" not in os.environ:
    sys.path.insert(0, str(ROOT / "src"))

PASSWORD = "bench-password-lantern-42"
CLI_RUNS = 3  # median of three runs of each command
FEELINGS = ("lonely", "hopeful", "hurt", "calm", "grateful", "anxious", "frustrated", "close")
TAGS = ("work", "home", "weekend", "family", "money")
WORDS = (
    "dinner was quiet again and I wanted to say something about the week but the words stayed "
    "in my throat while the dishes piled up and the television filled the room with noise"
).split()


def _text(i: int) -> str:
    start = i % len(WORDS)
    words = (WORDS[start:] + WORDS[:start]) * 2
    return f"Day {i}: " + " ".join(words)[: 160 + i % 140]


def _emotions(i: int) -> str:
    reading = [
        {
            "family": family,
            "word": FEELINGS[(i + k) % len(FEELINGS)],
            "score": round(0.3 + 0.1 * k, 2),
            "evidence": [{"start": 4, "end": 20, "quote": "dinner was quiet"}],
        }
        for k, family in enumerate(("sadness", "fear", "joy"))
    ]
    return json.dumps(reading)


def seed(db_file: Path, owner_id: int, count: int) -> None:
    """`count` daily entries, oldest first, straight into the table (no analysis, no ORM)."""
    start = datetime(2016, 1, 1, 8, 0, tzinfo=UTC).replace(tzinfo=None)
    rows = []
    for i in range(count):
        at = (start + timedelta(hours=24 * i * 3650 / max(count, 1))).isoformat(" ")
        rows.append(
            (
                str(uuid.uuid4()),
                owner_id,
                "journal",
                None,
                _text(i),
                json.dumps([FEELINGS[i % 8], FEELINGS[(i * 3) % 8]]),
                i % 11,
                json.dumps([TAGS[i % 5]]),
                "private",
                None,
                at,
                at,
                _emotions(i),
                "sadness",
                "none",
                "[]",
            )
        )
    with sqlite3.connect(db_file) as conn:
        conn.executemany(
            "INSERT INTO entries (uid, owner_id, kind, prompt_id, text, feelings, intensity, tags,"
            " visibility, shared_couple_id, created_at, updated_at, emotions, family,"
            " safety_level, safety_kinds) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        # The same person is the command line's local profile, so `journal list` reads them too.
        conn.execute("UPDATE users SET is_local = 1 WHERE id = ?", (owner_id,))


def seed_rhythm(db_file: Path, owner_id: int, count: int) -> None:
    """One check-in a day for `min(count, 3650)` days and `count` bids, three a day."""
    today = datetime.now(UTC).date()
    checkins = [
        (owner_id, (today - timedelta(days=k)).isoformat(), 1 + k % 5, FEELINGS[k % 8],
         f"note {k}", datetime.now(UTC).replace(tzinfo=None).isoformat(" "))
        for k in range(min(count, 3650))
    ]  # fmt: skip
    bids = [
        (owner_id, (today - timedelta(days=k // 3)).isoformat(), "made", _text(k)[:120],
         "toward", "private", datetime.now(UTC).replace(tzinfo=None).isoformat(" "))
        for k in range(count)
    ]  # fmt: skip
    with sqlite3.connect(db_file) as conn:
        conn.executemany(
            "INSERT INTO checkins (user_id, day, closeness, mood, note, created_at)"
            " VALUES (?,?,?,?,?,?)",
            checkins,
        )
        conn.executemany(
            "INSERT INTO bids (author_id, day, direction, text, response, visibility, created_at)"
            " VALUES (?,?,?,?,?,?,?)",
            bids,
        )


def bare_page(
    db_file: Path, table: str, owner: str, owner_id: int, key: str, runs: int
) -> tuple[float, float]:
    """The floor for a first page: its 50 rows straight from sqlite3 to JSON (p50, p95 ms)."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        with sqlite3.connect(db_file) as conn:
            conn.row_factory = sqlite3.Row
            rows = conn.execute(
                f"SELECT * FROM {table} WHERE {owner} = ? ORDER BY {key} DESC, id DESC LIMIT 51",
                (owner_id,),
            ).fetchall()
            json.dumps([dict(r) for r in rows[:50]])
        samples.append(time.perf_counter() - start)
    return percentiles(samples)


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed_get(client: Any, url: str, runs: int, **kwargs: Any) -> tuple[float, float, int]:
    client.get(url, **kwargs)  # warm caches and compiled queries
    samples, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, **kwargs)
        body = response.content  # streamed bodies are read to the end
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
        size = len(body)
    p50, p95 = percentiles(samples)
    return p50, p95, size


def timed_run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    return time.perf_counter() - start


def bare_json(db_file: Path, owner_id: int) -> float:
    """The floor: every row of the person's entries, straight from sqlite3 to JSON."""
    start = time.perf_counter()
    with sqlite3.connect(db_file) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            "SELECT * FROM entries WHERE owner_id = ? ORDER BY created_at DESC", (owner_id,)
        ).fetchall()
        json.dumps([dict(r) for r in rows], indent=2)
    return time.perf_counter() - start


def run_size(count: int, runs: int, cli: bool, sealed: bool = False) -> None:
    from fastapi.testclient import TestClient

    from nearer.settings import Settings
    from nearer.storage.db import Database
    from nearer.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db_file = Path(tmp) / "bench.sqlite3"
        db = Database(f"sqlite:///{db_file}")
        settings = Settings(
            data_dir=Path(tmp),
            secret_key="bench-secret-key-0123456789",
            _env_file=None,  # type: ignore[call-arg]
        )
        app = create_app(db=db, settings=settings)
        with TestClient(app, base_url="https://testserver") as client:
            email = "bench@example.org"
            client.post("/api/v1/users", json={"email": email, "password": PASSWORD})
            token = client.post(
                "/api/v1/auth/token", data={"username": email, "password": PASSWORD}
            ).json()["access_token"]
            with sqlite3.connect(db_file) as conn:
                (owner_id,) = conn.execute(
                    "SELECT id FROM users WHERE email = ?", (email,)
                ).fetchone()
            start = time.perf_counter()
            seed(db_file, owner_id, count)
            print(f"  seeded {count:,} entries in {time.perf_counter() - start:.2f} s")
            if sealed:
                from nearer.services import accounts
                from nearer.storage import keyring

                start = time.perf_counter()
                with keyring.scoped() as ring:
                    key = accounts.open_keys(db, owner_id, PASSWORD)[0]
                    ring.put(keyring.person(owner_id), key)
                    done = accounts.seal_remaining(db, owner_id)
                print(f"  sealed {done:,} rows in {time.perf_counter() - start:.2f} s")
            api = {"Authorization": f"Bearer {token}"}
            figures = [("GET /api/v1/entries (first page)", "/api/v1/entries", api)]
            pages = TestClient(app, base_url="https://testserver")
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', pages.get("/login").text)
            assert csrf
            pages.post(
                "/login",
                data={"email": email, "password": PASSWORD, "csrf_token": csrf.group(1)},
                follow_redirects=False,
            )
            for label, url, headers in figures:
                p50, p95, size = timed_get(client, url, runs, headers=headers)
                print(f"  {label:36} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {size / 1e6:6.2f} MB")
            p50, p95, size = timed_get(pages, "/journal", runs)
            print(
                f"  {'GET /journal':36} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {size / 1e6:6.2f} MB"
            )
            seed_rhythm(db_file, owner_id, count)
            for label, url, table, owner, key in (
                ("GET /api/v1/checkins (first page)", "/api/v1/checkins", "checkins", "user_id", "day"),
                ("GET /api/v1/bids (first page)", "/api/v1/bids", "bids", "author_id", "day"),
            ):
                p50, p95, size = timed_get(client, url, runs, headers=api)
                f50, f95 = bare_page(db_file, table, owner, owner_id, key, runs)
                print(f"  {label:36} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {size / 1e6:6.2f} MB"
                      f"  (bare sqlite3 page: p50 {f50:.1f} ms, p95 {f95:.1f} ms)")  # fmt: skip
            p50, p95, size = timed_get(pages, "/bids", runs)
            print(f"  {'GET /bids (page)':36} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {size / 1e6:6.2f} MB")
            p50, p95, size = timed_get(client, "/api/v1/export", max(3, runs // 3), headers=api)
            print(
                f"  {'GET /api/v1/export':36} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {size / 1e6:6.2f} MB"
            )
            pages.close()
        db.dispose()
        if cli:
            floor = statistics.median(bare_json(db_file, owner_id) for _ in range(CLI_RUNS))
            print(f"  {'bare sqlite3 -> JSON, all (floor)':36} {floor * 1000:8.0f} ms")
            # The page login above sealed the journal under the account password.
            env = {**os.environ, "COLUMNS": "160", "NEARER_DATA_DIR": tmp, "NEARER_PASSPHRASE": PASSWORD}
            base = [sys.executable, "-m", "nearer", "--db", str(db_file), "journal", "list"]
            for label, command in (
                ("nearer journal list", base),
                ("nearer journal list --json", [*base, "--json"]),
                ("nearer journal list --all", [*base, "--all"]),
                ("nearer journal list --all --json", [*base, "--all", "--json"]),
            ):
                try:
                    took = statistics.median(timed_run(command, env) for _ in range(CLI_RUNS))
                except subprocess.CalledProcessError as error:
                    print(f"  {label:36} (not available: {error.stderr.decode()[-60:].strip()})")
                    continue
                print(f"  {label:36} {took * 1000:8.0f} ms  {took / floor:5.2f}x the floor")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="3650,10000")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-cli", action="store_true")
    parser.add_argument("--sealed", action="store_true", help="seal the rows (implies --no-cli)")
    args = parser.parse_args()
    for count in (int(s) for s in args.sizes.split(",")):
        print(f"\n{count:,} entries")
        run_size(count, args.runs, cli=not (args.no_cli or args.sealed), sealed=args.sealed)


if __name__ == "__main__":
    main()
