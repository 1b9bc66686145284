"""App factories for write_path_bench.py: Nearer with analysis switched off, and the bare baseline."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel


class Body(BaseModel):
    text: str
    feelings: list[str] = []
    tags: list[str] = []


def app_without_analysis() -> Any:
    """Nearer's own app, with the text reading replaced by an empty one (no model, no rules)."""
    from nearer.analysis.safety import SafetyResult
    from nearer.services import journal, text_checks
    from nearer.web.app import create_app

    def no_reading(text: str, *, emotions: bool = True) -> text_checks.TextReading:
        return text_checks.TextReading(SafetyResult(), None, None)

    for module in (journal, text_checks):
        if hasattr(module, "read_text"):
            module.read_text = no_reading  # type: ignore[attr-defined]
    return create_app()


def bare_app() -> Any:
    """One FastAPI route inserting the same row into SQLite: the floor for any web write."""
    from fastapi import FastAPI

    path = os.path.join(os.environ["NEARER_DATA_DIR"], "bare.sqlite3")
    local = threading.local()

    def connection() -> sqlite3.Connection:
        if not hasattr(local, "db"):
            local.db = sqlite3.connect(path, timeout=30, isolation_level=None)
            local.db.execute("PRAGMA journal_mode=WAL")
            local.db.execute(
                "CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, uid TEXT UNIQUE, "
                "owner_id INT, text TEXT, feelings TEXT, tags TEXT, visibility TEXT, "
                "created_at TEXT, updated_at TEXT)")
        db: sqlite3.Connection = local.db
        return db

    app = FastAPI()

    @app.get("/api/v1/resources")
    def ready() -> dict[str, str]:
        return {}

    @app.post("/entries", status_code=201)
    def insert(body: Body) -> dict[str, Any]:
        now = datetime.now(UTC).isoformat()
        cursor = connection().execute(
            "INSERT INTO entries (uid, owner_id, text, feelings, tags, visibility, created_at, "
            "updated_at) VALUES (?, 1, ?, ?, ?, 'private', ?, ?)",
            (str(uuid.uuid4()), body.text, json.dumps(body.feelings), json.dumps(body.tags),
             now, now))
        return {"id": cursor.lastrowid, "text": body.text, "created_at": now}

    return app
