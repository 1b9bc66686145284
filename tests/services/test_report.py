"""The report for a counsellor: chosen sections and dates, the partner's private text never in it.

The PDF's text is read back with pdftotext (Debian's poppler-utils; `make test` installs it).
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from nearer.domain.errors import InvalidInput
from nearer.services import (
    accounts,
    couples,
    demo,
    instruments,
    journal,
    report,
    report_fonts,
    report_render,
)
from nearer.storage.db import Database

PW = "long-enough-pw"


def pdf_text(data: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: `make test` installs Debian's poppler-utils.")
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return " ".join(done.stdout.decode("utf-8").split())


def test_the_demo_couples_report_reads_back_from_the_pdf(
    sqlite_db: Database, tmp_path: Path
) -> None:
    sam, alex = demo.seed_demo(sqlite_db)
    shared_by_alex = next(
        e for e in journal.partner_entries(sqlite_db, sam) if e.text.startswith("Cooked")
    )
    opts = report.options(None, None, "scores,patterns,entries,gap", [shared_by_alex.id])
    text = pdf_text(report_render.pdf_bytes(report.build(sqlite_db, sam, opts)), tmp_path)
    assert text.startswith("Report prepared for a counsellor")
    assert "What this is, and what it is not" in text
    assert "It is not a diagnosis or an assessment." in text
    assert "Relationship satisfaction check: Satisfaction this week" in text
    assert "Feelings by week" in text  # a patterns chart title, drawn from its SVG
    assert "Cooked dinner for both of us" in text and "shared with me by my partner" in text
    assert "Our perception gap" in text
    # Nothing Alex kept private is anywhere in it.
    for private in journal.list_entries(sqlite_db, alex):
        if private.visibility == "private":
            assert private.text[:30] not in text


def test_the_partners_private_text_never_appears_even_when_asked_for(
    db: Database, tmp_path: Path
) -> None:
    ana = accounts.sign_up(db, "ana@example.org", PW).id
    ben = accounts.sign_up(db, "ben@example.org", PW).id
    couples.join(db, ben, couples.create_invite(db, ana))
    secret = journal.write(db, ben, text="benPRIVATEcanary stays with Ben").entry.id
    journal.write(db, ben, text="benPRIVATEreflection", kind="reflection")
    shared = journal.write(db, ben, text="benSHAREDcanary for Ana", visibility="shared").entry.id
    mine = journal.write(db, ana, text="anaOWNcanary").entry.id
    every = "scores,patterns,entries,reflections,gap"
    with pytest.raises(InvalidInput) as caught:
        report.build(db, ana, report.options(None, None, every, [mine, secret]))
    assert caught.value.problems[0].field == "entries"
    made = report.build(db, ana, report.options(None, None, every, [mine, shared]))
    text = pdf_text(report_render.pdf_bytes(made), tmp_path)
    html = report_render.standalone_html(made)
    for body in (text, html):
        assert "anaOWNcanary" in body and "benSHAREDcanary" in body
        assert "benPRIVATE" not in body
    # Once Ben unshares, the same choice is refused rather than printed.
    journal.set_visibility(db, ben, shared, "private")
    with pytest.raises(InvalidInput):
        report.build(db, ana, report.options(None, None, every, [mine, shared]))


def test_dates_and_sections_choose_what_is_in(db: Database) -> None:
    ana = accounts.sign_up(db, "ana@example.org", PW).id
    for day, value in ((1, 2), (15, 3), (29, 4)):
        answers = {f"sat{n}": value for n in range(1, 5)}
        at = datetime(2026, 9, day, 12, tzinfo=UTC)
        instruments.record_response(db, ana, "satisfaction", answers, at=at)
    made = report.build(db, ana, report.options("2026-09-10", "2026-09-30", "scores"))
    (series,) = made.scores
    # Only 15 and 29 Sep fall in the range. sat3 is reverse-keyed (6 - answer), so all-3s
    # total 3+3+3+3 = 12 and all-4s total 4+4+2+4 = 14.
    assert [v for _, v in series.points] == [12.0, 14.0]
    assert made.figures == () and made.entries == () and made.reflections == ()
    html = report_render.standalone_html(made)
    assert "Questionnaire scores" in html and "My patterns" not in html


def test_days_and_dates_are_the_readers_own(db: Database) -> None:
    from nearer.domain.journal import make_draft
    from nearer.services import rhythm_time

    ana = accounts.sign_up(db, "ana.nz@example.org", PW).id
    rhythm_time.set_time_zone(db, ana, "Pacific/Auckland")  # UTC+12 in September (NZST)
    late = datetime(2026, 9, 9, 12, 30, tzinfo=UTC)  # 10 Sep 00:30 in Auckland
    answers = {f"sat{n}": 3 for n in range(1, 5)}
    instruments.record_response(db, ana, "satisfaction", answers, at=late)
    entry = journal.add_entry(db, ana, make_draft("A walk at midnight."), at=late).entry.id
    opts = report.options("2026-09-10", "2026-09-30", "scores,entries", [str(entry)])
    made = report.build(db, ana, opts)
    (series,) = made.scores  # 10 Sep in Auckland: inside the range (in UTC it was 9 Sep)
    assert series.points == ((("10 Sep", 12.0)),)
    assert [e.written for e in made.entries] == ["10 Sep 2026"]
    # The same data read in UTC: the answer falls on 9 Sep, outside the range.
    in_utc = report.build(db, ana, opts, zone=UTC)
    assert in_utc.scores == () and [e.written for e in in_utc.entries] == ["09 Sep 2026"]


@pytest.mark.parametrize(
    ("start", "end", "sections", "field"),
    [
        ("2026-13-01", None, "scores", "from"),
        ("2026-09-10", "2026-09-01", "scores", "from"),
        (None, None, "scores,horoscope", "sections"),
        (None, None, "", "sections"),
        ("2020-01-01", "2026-01-01", "scores", "from"),
    ],
)
def test_bad_options_name_the_field(
    start: str | None, end: str | None, sections: str, field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        report.options(start, end, sections, today=date(2026, 12, 2))
    assert caught.value.problems[0].field == field


def test_the_same_data_gives_the_same_pdf(sqlite_db: Database) -> None:
    sam, _ = demo.seed_demo(sqlite_db)
    opts = report.options(None, None, "scores,patterns")
    first = report_render.pdf_bytes(report.build(sqlite_db, sam, opts))
    second = report_render.pdf_bytes(report.build(sqlite_db, sam, opts))
    assert first.startswith(b"%PDF") and first == second


WRITTEN = {
    "hindi": "मैं आज अकेला महसूस कर रहा हूँ",
    "arabic": "أشعر بالوحدة اليوم مع شريكي",
    "hebrew": "אני מרגיש בודד",
    "emoji": "Dinner was quiet 😔❤️",
    "marks": "e\u0301\u0301 a\u0308 Tiếng Việt",
}


def test_every_script_the_fonts_have_prints_and_the_rest_is_marked(
    db: Database, tmp_path: Path
) -> None:
    ana = accounts.sign_up(db, "ana@example.org", PW).id
    texts = [*WRITTEN.values(), "我今天觉得很孤单"]
    ids = [str(journal.write(db, ana, text=t).entry.id) for t in texts]
    made = report.build(db, ana, report.options(None, None, "entries", ids))
    text = pdf_text(report_render.pdf_bytes(made), tmp_path)
    assert "?" not in text
    assert WRITTEN["hindi"] in text  # Devanagari clusters come back whole
    assert "Dinner was quiet 😔❤" in text
    assert "Tiếng Việt" in text and "ä" in text and "é\u0301" in text  # in NFC
    # Shaped right-to-left text comes back in visual order, so compare the letters.
    for script in ("arabic", "hebrew"):
        assert set(WRITTEN[script].replace(" ", "")) <= set(text), script
    # No face has Chinese: each character is marked, and the end of the PDF says so.
    assert report_fonts.MISSING * 8 in text
    assert text.endswith("The HTML report shows them.")
    assert "我今天觉得很孤单" in report_render.standalone_html(made)
