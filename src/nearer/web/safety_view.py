"""What a page needs to show the calm safety panel."""

from __future__ import annotations

from typing import Any

from nearer.analysis.safety import SafetyResult
from nearer.services.safety import help_resources
from nearer.storage.db import Database


def safety_context(db: Database, user_id: int, result: SafetyResult) -> dict[str, Any]:
    from nearer.domain.help_resources import RIGHT_NOW

    return {"safety": result, "resources": help_resources(db, user_id), "right_now": RIGHT_NOW}
