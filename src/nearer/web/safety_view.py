"""What a page needs to show the calm safety panel."""

from __future__ import annotations

from typing import Any

from nearer.analysis.safety import SafetyResult
from nearer.services.safety import help_resources
from nearer.storage.db import Database


def safety_context(db: Database, user_id: int, result: SafetyResult) -> dict[str, Any]:
    from nearer.domain.help_resources import RIGHT_NOW, STEP_AWAY, load_resources

    resources = help_resources(db, user_id)
    if result.threatens and not resources["own_behaviour"]:
        resources["own_behaviour"] = load_resources(None).to_dict()["own_behaviour"]
    return {"safety": result, "resources": resources, "right_now": RIGHT_NOW,
            "step_away": STEP_AWAY}
