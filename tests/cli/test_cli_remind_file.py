"""`nearer remind --ics FILE` checks the file can be written before it saves anything, and names
the file the person gave (never the temporary file beside it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import run_cli as run


def files(folder: Path) -> list[str]:
    """What is in the folder, besides the database (and SQLite's own files beside it)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("cli.sqlite3"))


def settings(db_file: str) -> str:
    """What `remind` shows with no options: the saved time and zone (nothing written)."""
    return run(db_file, "remind")[1].strip()


@pytest.mark.parametrize("where", ["missing/dir/x.ics", "folder"])
def test_a_calendar_file_that_cannot_be_written_saves_nothing(
    db_file: str, tmp_path: Path, where: str
) -> None:
    (tmp_path / "folder").mkdir()
    target = tmp_path / where
    before = settings(db_file)
    code, out = run(db_file, "remind", "--at", "20:00", "--time-zone", "Europe/London",
                    "--ics", str(target))  # fmt: skip
    assert code == 2 and out.startswith("Error: ") and out.count("Error") == 1
    flat = " ".join(out.split())
    assert str(target) in flat and ".tmp" not in flat
    assert settings(db_file) == before  # neither the time nor the zone was saved
    assert files(tmp_path) == ["folder"]


def test_refused_settings_leave_no_file_behind(db_file: str, tmp_path: Path) -> None:
    target = tmp_path / "nearer.ics"
    code, out = run(db_file, "remind", "--at", "25:00", "--ics", str(target))
    assert code == 2 and "checkin_time" in out
    assert files(tmp_path) == []
    code, out = run(db_file, "remind", "--at", "20:00", "--ics", str(target))
    assert code == 0 and target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert files(tmp_path) == ["nearer.ics"]
    assert json.dumps(settings(db_file)).count("20:00") == 1
