"""Command-line polish: unknown words and countries named with the valid ones, no false claims,
a clean stop when input ends, and no silent overwrite on export."""

from __future__ import annotations

import json
from pathlib import Path

from support import run_cli


def run(db_file: str, *args: str, stdin: str | None = None) -> tuple[int, str]:
    """As run_cli, with the console's line wrapping undone so sentences can be matched."""
    code, out = run_cli(db_file, *args, stdin=stdin)
    return code, " ".join(out.split(" \n"))


def test_unknown_feeling_is_refused_with_suggestions_and_the_wheel(db_file: str) -> None:
    code, out = run(db_file, "journal", "add", "Quiet dinner", "--feel", "blorpy", "--feel", "lonley")
    assert code == 2
    assert "'blorpy' is not a feeling word Nearer knows" in out
    assert "did you mean lonely" in out
    assert "sadness: sad, lonely, hurt" in out  # the valid words are listed by family
    assert json.loads(run(db_file, "journal", "list", "--json")[1]) == []


def test_edit_refuses_a_new_unknown_feeling_and_keeps_the_entry(db_file: str) -> None:
    assert run(db_file, "journal", "add", "Quiet dinner", "--feel", "lonely")[0] == 0
    code, out = run(db_file, "journal", "edit", "1", "--feel", "blorpy")
    assert code == 2 and "blorpy" in out
    entry = json.loads(run(db_file, "journal", "show", "1", "--json")[1])
    assert entry["feelings"] == ["lonely"]


def test_judgement_words_are_known_and_still_nudged(db_file: str) -> None:
    code, out = run(db_file, "journal", "add", "He left early", "--feel", "ignored")
    assert code == 0 and "Underneath it" in out


def test_unknown_country_is_refused_with_the_list(db_file: str) -> None:
    code, out = run(db_file, "help-now", "--country", "zz")
    assert code == 2
    assert "No help lines for 'zz'" in out
    assert "gb (United Kingdom)" in out and "us (United States)" in out
    assert run(db_file, "help-now", "--country", "UK")[0] == 0  # an alias still works
    assert run(db_file, "help-now")[0] == 0  # no country: the lines that work anywhere


def test_share_without_a_partner_is_refused_not_claimed(db_file: str) -> None:
    assert run(db_file, "journal", "add", "Quiet dinner")[0] == 0
    code, out = run(db_file, "journal", "edit", "1", "--share")
    assert code == 2 and "shared with your partner" not in out
    assert "once you are linked with your partner" in out
    assert json.loads(run(db_file, "journal", "show", "1", "--json")[1])["visibility"] == "private"


def test_input_ending_at_a_question_stops_cleanly(db_file: str) -> None:
    assert run(db_file, "journal", "add", "Quiet dinner")[0] == 0
    code, out = run(db_file, "journal", "delete", "1", stdin="")
    assert code == 1 and "Aborted" not in out
    assert "Stopped before an answer was given; nothing was changed." in out
    assert run(db_file, "journal", "show", "1")[0] == 0  # still there
    code, out = run(db_file, "instruments", "take", "signs", stdin="3\n")
    assert code == 1 and "Aborted" not in out and "nothing was changed" in out


def test_export_refuses_to_overwrite_without_force(db_file: str, tmp_path: Path) -> None:
    out_file = tmp_path / "mine.json"
    out_file.write_text("keep me", encoding="utf-8")
    code, out = run(db_file, "export", "--out", str(out_file))
    assert code == 2 and "already exists" in out and "--force" in out
    assert out_file.read_text(encoding="utf-8") == "keep me"
    assert run(db_file, "export", "--out", str(out_file), "--force")[0] == 0
    assert json.loads(out_file.read_text(encoding="utf-8"))["format"] == "nearer-export"
