"""Where the local database lives, found without the settings machinery when nothing is set.

Loading the settings (pydantic-settings) takes a noticeable part of a command's start, yet a
command on this machine usually needs only the database's place: `NEARER_DATABASE_URL`, else
`nearer.sqlite3` in the data folder. When the environment sets no other setting, that is read
here directly; when it sets any (its value must be checked, and a bad one refused), or names
one in another case, the settings decide as before.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

# Variables named NEARER_… that are not settings: each is read by the code that needs it.
NOT_SETTINGS = frozenset({
    "NEARER_CACHE_DIR", "NEARER_PASSPHRASE", "NEARER_PASSWORD", "NEARER_KDF",
    "NEARER_SAFETY_SEMANTIC", "NEARER_EMOTION_MODEL", "NEARER_COACH_MODEL", "NEARER_GOEMOTIONS",
})  # fmt: skip
DATABASE_URL = "NEARER_DATABASE_URL"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("nearer", appauthor=False))


def default_database_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'nearer.sqlite3'}"


def database_url_without_settings(environ: Mapping[str, str] = os.environ) -> str | None:
    """The URL the settings would give, or None when the settings must be loaded to know it."""
    named = [k for k in environ if k.upper().startswith("NEARER_") and k not in NOT_SETTINGS]
    if not named:
        return default_database_url(default_data_dir())
    if named == [DATABASE_URL]:
        return environ[DATABASE_URL] or default_database_url(default_data_dir())
    return None
