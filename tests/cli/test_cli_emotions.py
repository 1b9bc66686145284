"""`nearer emotions`, `nearer reanalyze`, `nearer patterns` and the nudge, run in-process."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from support import run_cli as run
from typer.testing import CliRunner

from nearer.cli.emotions import stream_jsonl
from nearer.storage.db import Database
from nearer.storage.models import Entry

runner = CliRunner()


def test_emotions_table_and_json(db_file: str) -> None:
    code, out = run(db_file, "emotions", "I am so scared about tomorrow")
    assert code == 0 and "fear" in out and "scared" in out and "evidence" in out
    code, out = run(db_file, "emotions", "I am so scared about tomorrow", "--json")
    data = json.loads(out)
    assert code == 0 and data["family"] == "fear"
    assert data["emotions"][0]["word"] == "scared"
    assert data["emotions"][0]["evidence"][0]["quote"] in "I am so scared about tomorrow"


@pytest.mark.parametrize("args", [[], ["some text", "--jsonl", "-"], ["   "]], ids=str)
def test_emotions_needs_exactly_one_input(db_file: str, args: list[str]) -> None:
    code, out = run(db_file, "emotions", *args)
    assert code == 2 and "Error" in out and "Traceback" not in out


JSONL = (
    '{"id": "a", "text": "I love you so much"}\n'
    "this is not json\n"
    '{"id": "c"}\n'
    "\n"
    '["a", "list"]\n'
    '{"id": 5, "text": "I feel so scared and alone"}\n'
)


def _check_jsonl_output(out: str) -> None:
    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert [line["id"] for line in lines] == ["a", None, "c", None, 5]
    assert lines[0]["family"] == "love" and lines[0]["emotions"][0]["family"] == "love"
    assert "not JSON" in lines[1]["error"] and "line 2" in lines[1]["error"]
    assert "text" in lines[2]["error"]
    assert "not a JSON object" in lines[3]["error"]
    assert lines[4]["family"] in {"fear", "sadness"} and "error" not in lines[4]


def test_emotions_jsonl_file_with_bad_lines(db_file: str, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(JSONL, encoding="utf-8")
    code, out = run(db_file, "emotions", "--jsonl", str(source))
    assert code == 0
    _check_jsonl_output(out)


def test_emotions_jsonl_from_stdin(db_file: str) -> None:
    code, out = run(db_file, "emotions", "--jsonl", "-", stdin=JSONL)
    assert code == 0
    _check_jsonl_output(out)


def test_emotions_jsonl_missing_file(db_file: str, tmp_path: Path) -> None:
    code, out = run(db_file, "emotions", "--jsonl", str(tmp_path / "nope.jsonl"))
    assert code == 2 and "not a file" in out


def test_jsonl_streams_in_small_batches_and_survives_bad_bytes() -> None:
    lines = [b'{"id": %d, "text": "I feel calm"}\n' % i for i in range(5)]
    lines.insert(2, b"\xff\xfe not utf-8\n")
    out = io.StringIO()
    assert stream_jsonl(iter(lines), out, batch_size=2) == 6
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r.get("id") for r in results] == [0, 1, None, 2, 3, 4]
    assert "error" in results[2] and all("family" in r for i, r in enumerate(results) if i != 2)


def test_reanalyze_rereads_the_local_profile(db_file: str) -> None:
    assert run(db_file, "journal", "add", "I am so happy today")[0] == 0
    assert run(db_file, "journal", "add", "I feel scared of tomorrow")[0] == 0
    db = Database(f"sqlite:///{db_file}")
    with db.transaction() as session:
        for row in session.query(Entry).all():
            row.family, row.emotions = None, None
    code, out = run(db_file, "reanalyze")
    assert code == 0 and "Read 2 entries again." in out
    with db.transaction() as session:
        assert sorted(str(r.family) for r in session.query(Entry).all()) == ["fear", "joy"]
    assert "Read 2 entries again." in run(db_file, "reanalyze", "--all")[1]
    db.dispose()


def test_patterns_json_and_tables(db_file: str) -> None:
    run(db_file, "journal", "add", "Dinner alone", "--feel", "lonely", "-i", "6", "-t", "home")
    run(db_file, "journal", "add", "Dinner alone again", "--feel", "lonely", "-i", "6")
    run(db_file, "journal", "add", "Big deadline", "--feel", "anxious", "-i", "8", "-t", "work")
    code, out = run(db_file, "patterns", "--json")
    data = json.loads(out)
    assert code == 0 and data["entry_count"] == 3
    assert data["top_words"] == [["lonely", 2], ["anxious", 1]]
    assert data["intensity_by_week"][-1] == pytest.approx(6.67)  # (6 + 6 + 8) / 3, rounded
    assert data["granularity"][-1]["cumulative_words"] == 2
    code, out = run(db_file, "patterns", "--weeks", "4")
    assert code == 0
    for heading in ("Feelings by week", "Hours that carry", "Tags that come", "a skill that grows"):
        assert heading in out
    assert any(ch in out for ch in "▁▂▃▄▅▆▇█")
    assert run(db_file, "patterns", "--weeks", "0")[0] == 2


def test_judgement_word_gets_a_nudge_after_journal_add(db_file: str) -> None:
    code, out = run(db_file, "journal", "add", "She cancelled again", "--feel", "rejected")
    assert code == 0 and "Feeling or judgement?" in out and "Rejected" in out
    code, out = run(db_file, "journal", "add", "A quiet day", "--feel", "calm")
    assert code == 0 and "Feeling or judgement?" not in out
