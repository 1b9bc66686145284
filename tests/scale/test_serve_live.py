"""A live `nearer serve`: --workers starts that many processes; only a named proxy is believed."""

from __future__ import annotations

import re
import time
from pathlib import Path

import httpx
import pytest
from server_support import server_env, start_server

pytestmark = pytest.mark.scale

FORWARDED = {"X-Forwarded-For": "203.0.113.9"}


def _access_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if '"GET /login?probe' in line]


def test_workers_share_the_port_and_no_proxy_is_trusted_by_default(tmp_path: Path) -> None:
    env = server_env(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'a.sqlite3'}")
    trusting_env = server_env(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'b.sqlite3'}",
        FORWARDED_ALLOW_IPS="127.0.0.1",
    )
    workers = start_server(env, tmp_path / "workers.log", "--workers", "2", ready=False)
    trusting = start_server(trusting_env, tmp_path / "trusting.log", ready=False)
    try:
        workers.wait_ready()
        trusting.wait_ready()
        deadline = time.monotonic() + 40
        while workers.output().count("Application startup complete.") < 2:
            assert time.monotonic() < deadline, workers.output()
            time.sleep(0.1)
        pids = set(re.findall(r"Started server process \[(\d+)\]", workers.output()))
        assert len(pids) == 2 and str(workers.process.pid) not in pids

        for server in (workers, trusting):
            for n in range(6):
                response = httpx.get(f"{server.url}/login?probe={n}", headers=FORWARDED, timeout=10)
                assert response.status_code == 200
    finally:
        workers.stop()
        trusting.stop()
    # uvicorn's access log names the client address each request was seen from.
    untrusted = _access_lines(workers.output())
    believed = _access_lines(trusting.output())
    assert len(untrusted) == len(believed) == 6
    assert all(line.split()[1].startswith("127.0.0.1:") for line in untrusted), untrusted
    assert all(line.split()[1].startswith("203.0.113.9:") for line in believed), believed
