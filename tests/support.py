"""Small helpers for tests that act as people through the API and the pages."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

SRC = str(Path(__file__).resolve().parent.parent / "src")


def api_signup(client: Any, email: str, password: str = "long-enough-pw") -> dict[str, str]:
    """Create an account and return the Authorization header for it."""
    assert (
        client.post("/api/v1/users", json={"email": email, "password": password}).status_code == 201
    )
    token = client.post(
        "/api/v1/auth/token", data={"username": email, "password": password}
    ).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}


def api_link(client: Any, a: dict[str, str], b: dict[str, str]) -> None:
    code = client.post("/api/v1/couple/invite", headers=a).json()["code"]
    assert client.post("/api/v1/couple/join", json={"code": code}, headers=b).status_code == 200


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "page has no CSRF token"
    return found.group(1)


def page_login(client: Any, email: str, password: str = "long-enough-pw") -> None:
    """Log `client` in through the login form (cookie session)."""
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def run_cli(db_file: str, *args: str, stdin: str | None = None) -> tuple[int, str]:
    """Run `nearer --db FILE ARGS…` in-process; returns the exit code and everything printed."""
    from typer.testing import CliRunner

    from nearer.cli.main import app

    result = CliRunner().invoke(app, ["--db", db_file, *args], input=stdin)
    return result.exit_code, result.output


def browser_sign_up(page: Any, server: str, email: str) -> None:
    """Create an account through the real sign-up form, log in, skip the welcome, land on Today."""
    page.goto(f"{server}/signup")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", "long-enough-pw")
    page.click("form[action='/signup'] button[type=submit]")
    page.wait_for_selector("#recovery-code")  # sign-up never logs in: log in next
    page.goto(f"{server}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", "long-enough-pw")
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(f"{server}/welcome")  # a new person is welcomed first
    page.click("text=Skip the welcome")
    page.wait_for_url(f"{server}/welcome/start")
    page.goto(f"{server}/")


def local_person(db: Any) -> int:
    """A person without an account (like the CLI's local profile), straight in the database."""
    from nearer.storage.models import User

    with db.transaction() as session:
        user = User(is_local=True)
        session.add(user)
        session.flush()
        return int(user.id)


def unlock(db: Any, email: str, password: str = "long-enough-pw") -> int:
    """Open a person's keys in this process's keyring, as their logged-in request would
    (encryption at rest: their text opens only with them)."""
    from sqlalchemy import select

    from nearer.services import vault
    from nearer.storage.models import User

    with db.transaction() as session:
        user = session.scalar(select(User).where(User.email == email))
        assert user is not None, email
        vault.unlock(session, user, vault.open_with_password(user, password))
        return int(user.id)


def run_fresh(body: str, timeout: float = 180) -> dict[str, object]:
    """Run `body` (which fills the dict `out`) in a fresh interpreter on this checkout's code, for
    what only a new process shows (imports, mapping, forks); what it found, as JSON."""
    code = "import json, os, sys\nout = {}\n" + body + "\nprint(json.dumps(out))\n"
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def training_rows(name: str) -> list[dict[str, Any]]:
    """Every line of a data/train split (all its parts), as the training scripts read it
    (training/splits.py)."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "training" / "splits.py"
    spec = importlib.util.spec_from_file_location("nearer_training_splits", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows: list[dict[str, Any]] = module.rows(name)
    return rows


def training_texts(*names: str) -> set[str]:
    """The lower-cased texts of these data/train splits (a test sentence must not be one)."""
    return {row["text"].lower() for name in names for row in training_rows(name)}


def app_with(db: Any, data_dir: Path, **settings: Any) -> Any:
    """The web app over `db` with the test secret and the settings given (tighter limits)."""
    from nearer.settings import Settings
    from nearer.web.app import create_app

    chosen = Settings(data_dir=data_dir, secret_key="test-secret-key-0123456789",
                      _env_file=None, **settings)  # type: ignore[call-arg]
    return create_app(db=db, settings=chosen)
