"""List-request time with many large added questionnaires: the old per-request parse vs now.

Builds a fresh SQLite database with COUNT questionnaires of about KB kilobytes each, published
to everyone (the worst case: every viewer sees every one), then times in the same run:

- before: the former list path, which parsed each stored YAML text behind an LRU cache of 64
  entries; with more than 64 questionnaires that cache thrashes, so every request parsed all;
- after, cold: the first `GET /api/v1/instruments` of a fresh process (rebuilt from stored JSON);
- after, warm: the following requests (from the per-process cache; no YAML, no JSON).

Usage: python benchmarks/questionnaires_bench.py [--count 70] [--kb 194] [--requests 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select

from nearer.domain.instruments import Instrument, load_instrument
from nearer.services import accounts, admins, instrument_store, instruments
from nearer.storage.db import Database
from nearer.storage.models import CustomInstrument

PASSWORD = "Quiet-harbour-lantern-42"


def big_questionnaire(slug: str, kb: int) -> str:
    head = (
        f"id: {slug}\ntitle: Large questionnaire {slug}\nversion: 1\nsource: benchmark\n"
        "licence: MIT\nabout: [self]\nwhat_it_is: A benchmark.\nwhat_it_is_not: Not a diagnosis.\n"
        "scale: {min: 1, max: 5, labels: {1: never, 5: always}}\nsubscales:\n  - id: all\n"
        "    title: All\n    bands_source: benchmark\n    bands:\n"
        "      - {min: 1, max: 3, label: lower, wording: Lower.}\n"
        "      - {min: 3, max: 5, label: higher, wording: Higher.}\nitems:\n"
    )
    items = 480
    filler = "w" * max(10, (kb * 1024 - len(head)) // items - 60)
    lines = "".join(
        f"  - {{id: i{n:03d}, text: 'Item {n} {filler}', subscale: all}}\n" for n in range(items)
    )
    return head + lines


def build(db: Database, count: int, kb: int) -> int:
    """`count` questionnaires published by admins (20 each, the per-person cap)."""
    viewer = accounts.sign_up(db, "viewer@example.org", PASSWORD).id
    owners: list[int] = []
    for n in range(count):
        if n % instruments.MAX_PER_PERSON == 0:
            email = f"admin{len(owners)}@example.org"
            owners.append(accounts.sign_up(db, email, PASSWORD).id)
            admins.set_admin(db, email, True)
        text = big_questionnaire(f"big{n:03d}", kb)
        instruments.add_instrument(db, owners[-1], text, f"big{n}.yaml", publish=True)
    return viewer


def old_list(db: Database, parsed: object) -> list[Instrument]:
    """The list path before this change: read every definition, parse each behind lru_cache(64)."""
    with db.transaction() as session:
        rows = session.scalars(select(CustomInstrument).order_by(CustomInstrument.created_at)).all()
        files = [(row.definition, f"{row.id}.yaml") for row in rows]
    return [parsed(text, name) for text, name in files]  # type: ignore[operator]


def timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=70)
    parser.add_argument("--kb", type=int, default=194)
    parser.add_argument("--requests", type=int, default=5)
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from nearer.settings import Settings
    from nearer.web.app import create_app

    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        started = time.perf_counter()
        viewer = build(db, args.count, args.kb)
        size = len(big_questionnaire("big000", args.kb).encode()) / 1024
        print(f"{args.count} questionnaires of {size:.0f} KB each, added and published in "
              f"{time.perf_counter() - started:.1f} s (each parsed once, at save time)")  # fmt: skip

        parsed = lru_cache(maxsize=64)(lambda text, name: load_instrument(text, name=name))
        old_list(db, parsed)  # fill the old cache as a running server would have
        before = [timed(lambda: old_list(db, parsed)) for _ in range(min(args.requests, 2))]

        settings = Settings(data_dir=Path(folder), secret_key="bench-secret-key-0123456789",
                            _env_file=None)  # type: ignore[call-arg]  # fmt: skip
        client = TestClient(create_app(db=db, settings=settings), base_url="https://testserver")
        token = client.post(
            "/api/v1/auth/token", data={"username": "viewer@example.org", "password": PASSWORD}
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}

        def request() -> None:
            response = client.get("/api/v1/instruments", headers=headers)
            assert response.status_code == 200 and len(response.json()) == 3 + args.count

        with instrument_store._lock:
            instrument_store._caches.pop(db, None)  # as in a freshly started process
        cold = timed(request)
        warm = sorted(timed(request) for _ in range(args.requests))
        assert len(instruments.list_instruments(db, viewer)) == 3 + args.count
        db.dispose()

    print(
        f"before (parse per request, service only): median {statistics.median(before):8.3f} s"
        f"   (of {len(before)} requests)"
    )
    print(f"after, first request of a process (HTTP):  {cold:8.3f} s")
    print(f"after, warm requests (HTTP):               median {statistics.median(warm):8.3f} s"
          f"   worst {warm[-1]:.3f} s   (of {len(warm)})")  # fmt: skip
    print(
        f"speed-up, warm request vs before: {statistics.median(before) / statistics.median(warm):.0f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
