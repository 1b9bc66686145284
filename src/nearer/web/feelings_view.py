"""What the journal form needs for the feelings picker and the "feeling or judgement?" nudge."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nearer.domain.errors import NotFound
from nearer.services import journal
from nearer.services.self_awareness import nudges_for
from nearer.storage.db import Database


def picker_context(feelings: Sequence[str] = ()) -> dict[str, Any]:
    """The wheel (family → words), every word for the datalist, nudges for `feelings`, and
    every judgement word's nudge (so the page can show one while the person types)."""
    from nearer.domain.feelings import all_words, judgement_words, wheel

    library = {n.word: n.message for n in nudges_for(judgement_words())}
    return {
        "wheel": wheel(),
        "feeling_words": all_words(),
        "nudges": nudges_for(feelings),
        "nudge_library": library,
    }


def saved_feelings(db: Database, user_id: int, entry_id: int | None) -> list[str]:
    """The feelings of the caller's own just-saved entry; nothing for anyone else's."""
    if entry_id is None:
        return []
    try:
        entry = journal.get_entry(db, user_id, entry_id)
    except NotFound:
        return []
    return entry.feelings if entry.mine else []


def merged_feelings(typed: str, picked: Sequence[str]) -> str:
    """Typed words plus the wheel picks, as one comma-separated field (duplicates go later)."""
    extra = [p.strip() for p in picked if p.strip()]
    return ", ".join(part for part in [typed.strip(), *extra] if part)
