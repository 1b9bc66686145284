"""`nearer support` and `nearer report` for the solo profile."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from support import run_cli

from nearer.services import accounts, instruments
from nearer.storage.db import Database


def test_support_says_nothing_points_to_it_on_an_empty_profile(db_file: str) -> None:
    code, out = run_cli(db_file, "support")
    assert code == 0
    assert "Nothing in your own records points to it right now" in out
    assert "not checked" in out and "This is not a diagnosis." in " ".join(out.split())


def test_support_explains_hard_weeks_with_their_data(db_file: str) -> None:
    db = Database(f"sqlite:///{db_file}")
    me = accounts.local_profile(db)
    now = datetime.now(UTC)
    for weeks_ago in (0, 1, 2):
        # sat3 is reverse-keyed: 1, 1, 5, 1 totals 1 + 1 + (6 - 5) + 1 = 4, a hard week.
        answers = {"sat1": 1, "sat2": 1, "sat3": 5, "sat4": 1}
        at = now - timedelta(weeks=weeks_ago)
        instruments.record_response(db, me, "satisfaction", answers, at=at)
    db.dispose()
    code, out = run_cli(db_file, "support", "--json")
    assert code == 0
    data = json.loads(out)
    fired = {r["id"]: r for r in data["rules"] if r["status"] == "fired"}
    assert list(fired) == ["low_satisfaction"]
    assert "below 8 (out of 24) in 3 of the last 4 weeks" in fired["low_satisfaction"]["reasons"][0]
    assert [h["kind"] for h in data["help"]] == ["couples"]


def test_report_writes_a_pdf_with_the_chosen_sections(db_file: str, tmp_path: Path) -> None:
    out_file = tmp_path / "report.pdf"
    code, out = run_cli(
        db_file, "report", "--from", "2026-09-01", "--sections", "scores,patterns",
        "--out", str(out_file),
    )  # fmt: skip
    assert code == 0, out
    assert out_file.read_bytes().startswith(b"%PDF")
    assert shutil.which("pdftotext"), "make test installs poppler-utils"
    text = subprocess.run(
        ["pdftotext", str(out_file), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode()
    assert "Questionnaire scores and their trend" in text and "My patterns" in text
    assert "My reflections" not in text


def test_report_refuses_bad_options_without_a_traceback(db_file: str, tmp_path: Path) -> None:
    out_file = tmp_path / "report.pdf"
    code, out = run_cli(db_file, "report", "--sections", "horoscope", "--out", str(out_file))
    assert code == 2 and "sections" in out and "Traceback" not in out
    code, out = run_cli(db_file, "report", "--out", str(tmp_path / "report.docx"))
    assert code == 2 and "--out must end in .pdf or .html" in out
    assert not out_file.exists()
