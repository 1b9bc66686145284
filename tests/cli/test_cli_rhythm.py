"""`nearer checkin|bids|steps|questions|remind` for the solo local profile."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar
from support import run_cli


def test_checkin_and_trend(db_file: str) -> None:
    code, out = run_cli(db_file, "checkin")
    assert code == 0 and "not checked in today" in out
    code, out = run_cli(db_file, "checkin", "-c", "4", "-m", "grateful", "--appreciated", "tea")
    assert code == 0 and "closeness 4 of 5, feeling grateful" in out
    code, out = run_cli(db_file, "checkin")
    assert "Today: closeness 4 of 5" in out and "|" in out
    code, out = run_cli(db_file, "checkin", "-c", "9", "-m", "banana")
    assert code == 2 and "closeness" in out and "mood" in out and "Traceback" not in out


def test_bids_steps_and_questions(db_file: str) -> None:
    code, out = run_cli(db_file, "bids", "add", "showed a photo", "--response", "toward")
    assert code == 0 and "turned toward" in out
    code, out = run_cli(db_file, "bids", "add", "hi", "--response", "sideways")
    assert code == 2 and "response" in out
    code, out = run_cli(db_file, "bids", "list")
    assert "showed a photo" in out and "100% of our bids this week were turned toward." in out
    code, out = run_cli(db_file, "steps", "pick", "walk-together")
    assert code == 0 and "Step 1 for this week" in out
    code, out = run_cli(db_file, "steps", "done", "1")
    assert code == 0 and "You did this once this week." in out
    code, out = run_cli(db_file, "steps", "done", "99")
    assert code == 2 and "No such step" in out
    code, out = run_cli(db_file, "steps", "week")
    assert "●" in out
    code, out = run_cli(db_file, "questions")
    assert code == 0 and "[l01]" in out
    code, out = run_cli(db_file, "questions", "--answer", "A walk by the sea")
    assert code == 0 and "Saved your answer" in out
    code, out = run_cli(db_file, "questions")
    assert "[l02]" in out
    code, out = run_cli(db_file, "questions", "--deck", "deepest")
    assert "[x01]" in out


def test_remind_writes_a_calendar(db_file: str, tmp_path: Path) -> None:
    target = tmp_path / "nearer.ics"
    code, out = run_cli(db_file, "remind", "--ics", str(target))
    assert code == 2 and "check-in time" in out
    code, out = run_cli(db_file, "remind", "--at", "25:00")
    assert code == 2 and "checkin_time" in out
    code, out = run_cli(db_file, "remind", "--at", "21:30", "--time-zone", "Australia/Sydney",
                        "--ics", str(target))  # fmt: skip
    assert code == 0 and "21:30 (Australia/Sydney)" in out
    event = next(iter(Calendar.from_ical(target.read_bytes()).walk("VEVENT")))
    start = event.decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (21, 30, "Australia/Sydney")
    assert event["RRULE"].to_ical() == b"FREQ=DAILY"


def test_unknown_words_get_the_known_ones(db_file: str) -> None:
    code, out = run_cli(db_file, "checkin", "-c", "3", "-m", "lonley")
    assert code == 2 and "did you mean" in out and "lonely" in out
    code, out = run_cli(db_file, "questions", "--deck", "blorp")
    assert code == 2 and "light, deeper, deepest" in out and "Traceback" not in out
