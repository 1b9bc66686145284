"""What services hand back: plain data, shaped by who is looking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from nearer.storage.models import Entry


@dataclass(frozen=True)
class EntryView:
    id: int
    uid: str
    kind: str
    text: str
    feelings: list[str]
    intensity: int | None
    tags: list[str]
    visibility: str
    prompt_id: str | None
    created_at: datetime
    updated_at: datetime
    mine: bool
    family: str | None
    emotions: list[dict[str, Any]] | None
    safety: dict[str, Any] | None  # only ever filled for the author

    @classmethod
    def of(cls, entry: Entry, viewer_id: int, *, readings: bool = True) -> EntryView:
        """`readings=False` for lists that never show them (and so never loaded them)."""
        mine = entry.owner_id == viewer_id
        private = mine and readings
        return cls(
            id=entry.id,
            uid=entry.uid,
            kind=entry.kind,
            text=entry.text,
            feelings=list(entry.feelings),
            intensity=entry.intensity,
            tags=list(entry.tags),
            visibility=entry.visibility,
            prompt_id=entry.prompt_id,
            created_at=entry.created_at,
            updated_at=entry.updated_at,
            mine=mine,
            # Emotion analysis and safety are the author's private mirror, never the partner's.
            family=entry.family if private else None,
            emotions=entry.emotions if private else None,
            safety={"level": entry.safety_level, "kinds": list(entry.safety_kinds)}
            if private
            else None,
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "uid": self.uid,
            "kind": self.kind,
            "text": self.text,
            "feelings": self.feelings,
            "intensity": self.intensity,
            "tags": self.tags,
            "visibility": self.visibility,
            "prompt_id": self.prompt_id,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "mine": self.mine,
        }
        if self.mine:
            data["family"] = self.family
            data["emotions"] = self.emotions
            data["safety"] = self.safety
        return data
