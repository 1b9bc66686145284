"""Real `nearer serve` processes for tests: a free port, start, wait until ready, stop or kill -9."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

SRC = Path(__file__).resolve().parents[1] / "src"
START_TIMEOUT = 60.0  # seconds for a server to load its models and answer a first request
STOP_TIMEOUT = 10.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(folder: Path, **settings: str) -> dict[str, str]:
    """The environment of a server process: this checkout's code, its own data folder, no proxy
    trusted unless a test says so, and the NEARER_ settings given (e.g. DATABASE_URL=...)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEARER_")}
    env["NEARER_CACHE_DIR"] = os.environ.get("NEARER_CACHE_DIR", str(folder / "cache"))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), os.environ.get("PYTHONPATH")) if p)
    env["NEARER_DATA_DIR"] = str(folder)
    env.update({f"NEARER_{name}": value for name, value in settings.items()})
    return env


@dataclass
class Server:
    """One `nearer serve` process; everything it prints goes to `log`."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"server exited with {self.process.returncode}:\n{self.output()}"
                )
            try:
                if httpx.get(f"{self.url}/login", timeout=2.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"server did not answer within {timeout} s:\n{self.output()}")

    def kill(self) -> None:
        """kill -9 the server and any workers it started: no shutdown, exactly like a crash."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # its own process group (see start_server)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=STOP_TIMEOUT)

    def stop(self) -> None:
        """Ask politely (SIGTERM, which also stops workers); kill -9 what is left after a while."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                pass
        self.kill()


def start_server(
    env: dict[str, str], log: Path, *args: str, port: int | None = None, ready: bool = True
) -> Server:
    """Start `python -m nearer serve --port PORT ARGS` (a free port if None)."""
    port = port or free_port()
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "nearer", "serve", "--port", str(port), *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # one process group, so kill() also reaches worker processes
        )
    server = Server(process, port, log)
    if ready:
        server.wait_ready()
    return server


PASSWORD = "harbour-lantern-quietly-7391"  # long and uncommon, whatever the password policy


def sign_up(
    http: httpx.Client, email: str, headers: dict[str, str] | None = None
) -> dict[str, str]:
    """Create an account (one sign-up, one login) and return headers that act as it."""
    headers = headers or {}
    created = http.post(
        "/api/v1/users", json={"email": email, "password": PASSWORD}, headers=headers
    )
    assert created.status_code == 201, created.text
    login = http.post(
        "/api/v1/auth/token", data={"username": email, "password": PASSWORD}, headers=headers
    )
    assert login.status_code == 200, login.text
    return {**headers, "Authorization": f"Bearer {login.json()['access_token']}"}
