"""Fixtures for the command-line tests: a migrated SQLite file of their own."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db_file(tmp_path: Path, sqlite_template: Path) -> str:
    target = tmp_path / "cli.sqlite3"
    target.write_bytes(sqlite_template.read_bytes())
    return str(target)
