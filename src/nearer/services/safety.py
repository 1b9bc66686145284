"""Safety use cases: help resources for a person's country (and, later, the private screen)."""

from __future__ import annotations

from typing import Any

from nearer.services.access import require_user
from nearer.settings import get_settings
from nearer.storage.db import Database


def country_of(db: Database, user_id: int | None) -> str:
    if user_id is not None:
        with db.transaction() as session:
            country = require_user(session, user_id).country
            if country:
                return country
    return get_settings().default_country


def help_resources(db: Database, user_id: int | None) -> dict[str, Any]:
    """The help lines for the person's country, or the international fallback."""
    from nearer.domain.help_resources import load_resources

    return load_resources(country_of(db, user_id)).to_dict()
