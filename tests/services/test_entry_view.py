"""What a partner's view of a shared entry may hold: the words, never the author's readings."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from rich.console import Console

from nearer.cli.render import entry_panel
from nearer.services.views import EntryView
from nearer.storage.models import Entry

AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def analysed_entry() -> Entry:
    return Entry(
        id=7,
        uid="u-7",
        owner_id=1,
        kind="journal",
        text="He grabbed my arm and I am frightened",
        feelings=["scared"],
        intensity=8,
        tags=["home"],
        visibility="shared",
        shared_couple_id=3,
        created_at=AT,
        updated_at=AT,
        emotions=[{"family": "fear", "score": 0.9}],
        family="fear",
        safety_level="urgent",
        safety_kinds=["violence"],
    )


def test_partner_view_of_an_analysed_entry_has_no_readings() -> None:
    view = EntryView.of(analysed_entry(), viewer_id=2)
    assert not view.mine
    assert (view.family, view.emotions, view.safety) == (None, None, None)
    body = view.to_dict()
    assert {"family", "emotions", "safety"}.isdisjoint(body)
    assert "fear" not in repr(body) and "violence" not in repr(body) and "urgent" not in repr(body)


def test_author_view_keeps_the_readings() -> None:
    view = EntryView.of(analysed_entry(), viewer_id=1)
    assert view.family == "fear"
    assert view.safety == {"level": "urgent", "kinds": ["violence"]}
    assert view.to_dict()["emotions"] == [{"family": "fear", "score": 0.9}]


def test_cli_entry_panel_never_prints_a_reading_to_someone_else() -> None:
    # Even a view built wrongly (reading present, not the author's) must not print it.
    view = dataclasses.replace(EntryView.of(analysed_entry(), viewer_id=2), family="fear")
    console = Console(record=True, width=300)
    console.print(entry_panel(view))
    assert "fear" not in console.export_text()
    mine = EntryView.of(analysed_entry(), viewer_id=1)
    console = Console(record=True, width=300)
    console.print(entry_panel(mine))
    assert "the words read as: fear" in console.export_text()
