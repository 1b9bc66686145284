"""Shared fixtures: a fresh database on SQLite and PostgreSQL, the web app, signed-up people."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy import create_engine, text

from nearer.settings import Settings
from nearer.storage.db import Database
from nearer.storage.models import Base

# No wall-clock limits in tests: speed is measured in benchmarks/, and a shared machine's load
# must not fail a property test (hypothesis' default deadline is 200 ms per example).
hypothesis_settings.register_profile("nearer", deadline=None)
hypothesis_settings.load_profile("nearer")

# Keep the prototype-embedding cache inside the test run, never in the user's home.
os.environ.setdefault("NEARER_CACHE_DIR", tempfile.mkdtemp(prefix="nearer-cache-"))
# Cheap argon2id for keys made in tests (the same code path; the cost is stored with each key).
# benchmarks/crypto_bench.py measures the real parameters.
os.environ.setdefault("NEARER_KDF", "argon2id$t=1$m=1024$p=1")

POSTGRES_URL = os.environ.get(
    "NEARER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _postgres_reachable() -> bool:
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture(autouse=True)
def _no_keys_from_earlier_tests() -> None:
    """Each test starts with an empty process keyring, as each command-line run does."""
    from nearer.storage import keyring

    keyring.forget_process_keys()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test instead of migrating again."""
    path = tmp_path_factory.mktemp("template") / "nearer.sqlite3"
    Database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A private schema in the test PostgreSQL, migrated once, dropped at the end."""
    if not _postgres_reachable():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_URL}; CI must start it.")
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_URL}")
    schema = f"nearer_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    Database(url).dispose()
    yield url
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def _sqlite_db(template: Path, tmp_path: Path) -> Database:
    path = tmp_path / "nearer.sqlite3"
    shutil.copy(template, path)
    return Database(f"sqlite:///{path}")


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated, empty database — once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        database = _sqlite_db(request.getfixturevalue("sqlite_template"), tmp_path)
        yield database
        database.dispose()
        return
    database = Database(request.getfixturevalue("postgres_url"))
    yield database
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with database.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    database.dispose()


@pytest.fixture
def sqlite_db(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    database = _sqlite_db(sqlite_template, tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path,
        secret_key="test-secret-key-0123456789",
        quick_exit_url="/static/neutral.html",
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
def app(sqlite_db: Database, settings: Settings) -> Any:
    from nearer.web.app import create_app

    return create_app(db=sqlite_db, settings=settings)


@pytest.fixture
def client(app: Any) -> Any:
    from fastapi.testclient import TestClient

    with TestClient(app, base_url="https://testserver") as c:
        yield c
