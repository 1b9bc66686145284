"""`nearer coach`, run in-process: the Rich reading, --json, the --jsonl stream and its bad lines."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nearer.analysis.coach import analyze
from nearer.cli.coach import read_lines
from nearer.cli.main import app
from nearer.services.coach import coach_lines

runner = CliRunner()
HARSH = "You never listen to me, you're so selfish, and I'm not discussing it."
ALARMING = "I can't do this anymore, I want to die. You never even notice."
LINE_KEYS = {"id", "kinds", "flags", "gentle", "rewrite", "safety"}


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["coach", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_text_form_shows_draft_reasons_and_rewrite() -> None:
    code, out, _ = run(HARSH)
    assert code == 0
    assert "Your draft" in out and HARSH in out
    for name in ("Blame", "Criticism", "Stonewalling"):
        assert name in out
    assert "“You never”" in out and "A gentler way to say it" in out
    assert "Nothing you typed was saved." in out
    assert "You matter" not in out


def test_gentle_draft_says_so_and_offers_no_rewrite() -> None:
    code, out, _ = run("I always feel calm when you're around.")
    assert code == 0 and "Nothing here is likely to put your partner on the defensive" in out
    assert "A gentler way to say it" not in out


def test_alarming_draft_shows_the_safety_panel_first() -> None:
    code, out, _ = run(ALARMING)
    assert code == 0 and "You matter" in out and "Blame" in out
    assert out.index("You matter") < out.index("Your draft") < out.index("Blame")


def test_rich_markup_in_the_draft_is_shown_literally() -> None:
    code, out, _ = run("[bold]you never[/bold] listen")
    assert code == 0 and "[bold]you never[/bold] listen" in out


def test_json_form_prints_the_full_result() -> None:
    code, out, _ = run("--json", HARSH)
    assert code == 0
    assert json.loads(out) == analyze(HARSH).to_dict()


@pytest.mark.parametrize(
    "text,words",
    [("", "empty"), ("   ", "empty"), ("x" * 20_001, "20,000"), ("\x00\x01 hi", "binary")],
)
def test_bad_single_draft_is_one_line_and_exit_2(text: str, words: str) -> None:
    code, out, err = run(text)
    assert code == 2 and out == ""
    # One message (Rich may wrap it at the terminal width), never a traceback.
    assert err.startswith("Error:") and err.count("Error") == 1 and "Traceback" not in err
    assert words in " ".join(err.split())


def test_draft_and_jsonl_together_or_neither_is_exit_2() -> None:
    assert run(HARSH, "--jsonl", "-", stdin="")[0] == 2
    code, _, err = run()
    assert code == 2 and "Give a draft" in err


def test_missing_jsonl_file_is_exit_2(tmp_path: Path) -> None:
    code, _, err = run("--jsonl", str(tmp_path / "nope.jsonl"))
    assert code == 2 and "nope.jsonl" in err and "Traceback" not in err


def jsonl_input() -> bytes:
    lines = [
        json.dumps({"id": 1, "text": HARSH}),
        "",
        "{not json",
        json.dumps({"id": "two"}),
        json.dumps({"id": 3, "text": ""}),
        json.dumps({"id": 4, "text": "x" * 20_001}),
        json.dumps([1, 2]),
        json.dumps({"id": 5, "text": 12}),
        json.dumps({"id": 6, "text": ALARMING}),
        json.dumps({"id": 7, "text": "\x00\x01\x02 junk"}),
    ]
    return (
        ("\n".join(lines) + "\n").encode()
        + b'{"id": 8, "text": "\xff\xfe\xfa\xfb\xfc hi"}\n'
        + (json.dumps({"id": 9, "text": "I always feel calm when you're around."}) + "\n").encode()
    )


def check_jsonl_output(out: str) -> None:
    answers = [json.loads(line) for line in out.splitlines()]
    assert [a["id"] for a in answers] == [1, None, "two", 3, 4, None, 5, 6, 7, 8, 9]
    first = answers[0]
    assert set(first) == LINE_KEYS
    expected = analyze(HARSH).to_dict()
    assert first["flags"] == expected["flags"] and first["rewrite"] == expected["rewrite"]
    assert first["safety"] == {"level": "none", "kinds": [], "who": []}
    errors = {a["id"]: a["error"] for a in answers if "error" in a}
    assert set(errors) == {None, "two", 3, 4, 5, 7, 8}
    assert 'no "text"' in errors["two"] and "empty" in errors[3] and "20,000" in errors[4]
    assert "text" in errors[5] and "binary" in errors[7] and "binary" in errors[8]
    assert answers[7]["safety"]["kinds"] == ["self_harm"]
    assert answers[10]["gentle"] is True and answers[10]["kinds"] == []


def test_jsonl_file_answers_every_line_and_survives_bad_ones(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl_input())
    code, out, _ = run("--jsonl", str(source))
    assert code == 0
    check_jsonl_output(out)


def test_jsonl_from_stdin() -> None:
    code, out, _ = run("--jsonl", "-", stdin=jsonl_input())
    assert code == 0
    check_jsonl_output(out)


def test_jsonl_streams_one_answer_per_line_as_it_arrives() -> None:
    def lines() -> Iterator[str]:
        yield json.dumps({"id": 1, "text": HARSH})
        raise AssertionError("the second line was read before the first was answered")

    answers = coach_lines(lines())
    assert next(answers)["id"] == 1


def test_read_lines_bounds_an_over_long_line_and_goes_on() -> None:
    stream = io.BytesIO(b'{"id": 1}\n' + b"y" * 100 + b"\n" + b'{"id": 2}\n' + b"z" * 50)
    got = list(read_lines(stream, limit=32))
    assert got == ['{"id": 1}\n', None, '{"id": 2}\n', None]


def test_over_long_line_answers_with_an_error() -> None:
    answers = list(coach_lines([None, json.dumps({"id": 1, "text": "hello"})]))
    assert "too long" in answers[0]["error"] and answers[1]["gentle"] is True


def test_lone_surrogate_id_is_escaped_not_a_crash() -> None:
    code, out, _ = run("--jsonl", "-", stdin='{"id": "\\ud800", "text": "you never call"}\n')
    assert code == 0
    answer = json.loads(out)
    assert answer["id"] == "\ud800" and answer["kinds"] == ["blame"]


def test_a_safety_note_without_flags_is_not_called_gentle() -> None:
    from nearer.analysis.coach import analyze
    from nearer.cli.coach import _reasons

    result = analyze("honestly i just want to stop existing")
    (line,) = _reasons(result)
    assert "safety note above" in str(line) and "Nothing here" not in str(line)
