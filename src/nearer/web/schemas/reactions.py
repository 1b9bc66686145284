"""Reactions to a shared entry: what may be sent, and what the two of them read back."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import ConfigDict

from nearer.domain.fields import one_of, text_rules, text_schema
from nearer.domain.reactions import MAX_REPLY, kind_ids
from nearer.web.schemas.common import Public, Strict
from nearer.web.schemas.journal import SafetySummary
from nearer.web.schemas.paging import Paged

ReactionKindField = Annotated[str, *one_of(kind_ids(), f"must be one of: {', '.join(kind_ids())}")]
Reply = Annotated[str, text_rules(MAX_REPLY), text_schema(MAX_REPLY)]


class ReactionWrite(Strict):
    """A warm reaction (`kind`), a short reply, or both; at least one. On your own entry only a
    reply (reactions answer your partner)."""

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        json_schema_extra={"anyOf": [{"required": ["kind"]}, {"required": ["reply"]}]},
    )
    kind: ReactionKindField | None = None
    reply: Reply | None = None


SafetySummaryOut = SafetySummary  # one shape for what the safety check noticed, everywhere


class ReactionPublic(Public):
    """One reaction in the thread under a shared entry; `mine` when you wrote it."""

    id: int
    entry_id: int
    kind: str | None
    words: str | None
    reply: str | None
    mine: bool
    created_at: datetime


class ReactionPage(Paged[ReactionPublic]):
    """A page of the thread under a shared entry, newest first (`next`: older responses)."""


class SavedReaction(ReactionPublic):
    """Your new reaction, with what the safety check noticed in your reply (for you alone)."""

    safety: SafetySummaryOut
