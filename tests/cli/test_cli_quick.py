"""The quick way (cli/quick.py): `journal add` and `help-now` in their plain forms skip Typer's
parsing, and do exactly what the Typer way does; anything out of the plain goes to Typer.

Each command line here runs both ways, in-process, against databases made alike: the quick way
as `nearer` itself runs it, the Typer way through Typer's test runner.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import pytest
from support import run_cli

from nearer.cli import quick


def _quick(db_file: str, *args: str) -> tuple[int, str, str]:
    """`nearer --db FILE ARGS…` the quick way: exit code, stdout, stderr."""
    found = quick.parse(["--db", db_file, *args])
    assert found is not None, args
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        with pytest.raises(SystemExit) as done:
            quick.run(found)
    code = done.value.code
    return (code if isinstance(code, int) else 0), out.getvalue(), err.getvalue()


def _stored(db_file: str) -> list[dict[str, object]]:
    code, out = run_cli(db_file, "journal", "list", "--json")
    assert code == 0, out
    keep = ("text", "feelings", "intensity", "tags", "visibility", "family", "emotions", "safety")
    return [{k: e.get(k) for k in keep} for e in json.loads(out)]


@pytest.mark.parametrize(
    ("args", "command", "values"),
    [
        (["help-now"], "help-now", {}),
        (["help-now", "--country", "gb"], "help-now", {"country": "gb"}),
        (["--db", "f.sqlite3", "help-now", "--country=ie"], "help-now", {"country": "ie"}),
        (["journal", "add", "Quiet"], "journal add", {"text": "Quiet"}),
        (
            ["--db=f", "journal", "add", "-f", "calm", "Quiet", "--feel=hurt", "-i", "07",
             "--tag", "home", "-t", "work", "--share", "--json"],
            "journal add",
            {"text": "Quiet", "feel": ["calm", "hurt"], "intensity": 7, "tag": ["home", "work"],
             "share": True, "as_json": True},
        ),
    ],
)  # fmt: skip
def test_the_plain_forms_are_read_as_typer_reads_them(
    args: list[str], command: str, values: dict[str, object]
) -> None:
    found = quick.parse(args)
    assert found is not None
    assert " ".join(found.command.words) == command
    assert found.values == values
    assert found.db == ("f.sqlite3" if "f.sqlite3" in args else "f" if "--db=f" in args else None)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["help-now", "--help"],
        ["help-now", "gb"],  # an argument it does not take
        ["help-now", "--country"],  # a value missing
        ["help-now", "--country", "gb", "--country", "ie"],  # given twice
        ["--db", "--help", "help-now"],
        ["--db"],
        ["journal", "add"],  # no text
        ["journal", "add", "one", "two"],
        ["journal", "add", "--", "-dash"],
        ["journal", "add", "-x"],
        ["journal", "add", "Quiet", "--intensity", "six"],
        ["journal", "add", "Quiet", "--intensity", "-1"],
        ["journal", "add", "Quiet", "--intensity", "\u0663"],  # a digit, but not an ASCII one
        ["journal", "add", "Quiet", "-i", "3", "-i", "4"],
        ["journal", "add", "Quiet", "--share", "--share"],
        ["journal", "add", "Quiet", "--share=yes"],
        ["journal", "add", "Quiet", "-fcalm"],
        ["journal", "add", "Quiet", "--feel", "--share"],
        ["journal", "list"],
        ["journal", "--help"],
        ["help", "now"],
    ],
)
def test_anything_out_of_the_plain_goes_to_typer(args: list[str]) -> None:
    assert quick.parse(args) is None


@pytest.mark.parametrize(
    "args",
    [("help-now",), ("help-now", "--country", "gb"), ("help-now", "--country=ie")],
)
def test_help_now_prints_what_typer_prints(db_file: str, args: tuple[str, ...]) -> None:
    code, out, err = _quick(db_file, *args)
    assert (code, out, err) == (0, run_cli(db_file, *args)[1], "")
    assert "help" in out.lower()


def test_an_unknown_country_is_refused_the_same_way(db_file: str) -> None:
    code, out, err = _quick(db_file, "help-now", "--country", "zz")
    typer_code, typer_out = run_cli(db_file, "help-now", "--country", "zz")
    assert (code, out) == (typer_code, "") == (2, "")
    assert err.startswith("Error: No help lines for 'zz'") and err == typer_out


def test_journal_add_writes_and_reads_the_entry_as_the_typer_way_does(
    db_file: str, tmp_path: Path
) -> None:
    other = str(tmp_path / "other.sqlite3")
    shutil.copyfile(db_file, other)
    args = ("journal", "add", "He shouted and I felt scared to go home", "--feel", "scared",
            "-i", "8", "--tag", "home")  # fmt: skip
    code, out, err = _quick(db_file, *args)
    typer_code, typer_out = run_cli(other, *args)
    assert (code, err) == (typer_code, "") == (0, "")
    stored = _stored(db_file)
    assert stored == _stored(other)
    assert stored[0]["feelings"] == ["scared"] and stored[0]["tags"] == ["home"]
    assert "violence" in stored[0]["safety"]["kinds"]  # type: ignore[index]  # read, then saved
    assert out.splitlines()[0] == typer_out.splitlines()[0]
    assert out.startswith("╭─ Entry 1 ")
    assert "You matter" in out and "You matter" in typer_out  # the safety panel under it


def test_journal_add_json_prints_the_entry(db_file: str) -> None:
    code, out, _ = _quick(db_file, "journal", "add", "We walked after dinner", "--json",
                          "--feel", "calm")  # fmt: skip
    assert code == 0
    entry = json.loads(out)
    assert (entry["text"], entry["feelings"]) == ("We walked after dinner", ["calm"])


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--feel", "blorpy"), "Error: feelings: 'blorpy'"),
        (("--share",), "Error: visibility: you can share once you are linked"),
        (("--intensity", "11"), "Error: intensity"),
    ],
)
def test_a_refused_entry_is_refused_the_same_way_and_nothing_is_written(
    db_file: str, args: tuple[str, ...], says: str
) -> None:
    code, out, err = _quick(db_file, "journal", "add", "Quiet", *args)
    typer_code, typer_out = run_cli(db_file, "journal", "add", "Quiet", *args)
    assert (code, out) == (typer_code, "") == (2, "")
    assert err == typer_out and err.startswith(says)
    assert _stored(db_file) == []


def test_main_takes_the_quick_way_only_for_the_plain_forms(
    db_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nearer.cli import main

    taken: list[quick.QuickCall] = []

    def take(call: quick.QuickCall) -> None:
        taken.append(call)
        raise SystemExit(0)

    def leave(code: int) -> None:  # the real one ends the process (see the test below)
        left.append(code)
        raise SystemExit(code)

    left: list[int] = []
    monkeypatch.setattr(quick, "run", take)
    monkeypatch.setattr(quick, "leave", leave)
    monkeypatch.setattr("sys.argv", ["nearer", "--db", db_file, "help-now", "--country", "gb"])
    with pytest.raises(SystemExit):
        main.run()
    assert [call.values for call in taken] == [{"country": "gb"}]
    assert left == [0]
    monkeypatch.setenv("_NEARER_COMPLETE", "complete_bash")  # shell completion: Typer's
    monkeypatch.setenv("COMP_WORDS", "nearer help-now --country gb")
    monkeypatch.setenv("COMP_CWORD", "3")
    with pytest.raises(SystemExit):
        main.run()
    assert len(taken) == 1


LEAVING = """
import atexit, runpy, sys
atexit.register(lambda: sys.stderr.write("exit handlers ran\\n"))
sys.argv = ["nearer", *sys.argv[1:]]
runpy.run_module("nearer", run_name="__main__")
"""


@pytest.mark.parametrize(
    ("text", "code"), [("We walked after dinner and talked.", 0), ("   ", 2)]
)
def test_the_console_command_ends_at_once_with_everything_said_and_saved(
    db_file: str, text: str, code: int
) -> None:
    # `nearer` ends the quick way with os._exit (quick.leave): the whole output must still
    # arrive, the exit code stand, the exit handlers run and the database be closed cleanly.
    import os
    import subprocess
    import sys

    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run(
        [sys.executable, "-c", LEAVING, "--db", db_file, "journal", "add", text, "--json"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == code, done.stderr
    assert done.stderr.endswith("exit handlers ran\n")
    assert not Path(db_file + "-wal").exists()  # the last connection closed: the log folded in
    if code == 0:
        assert json.loads(done.stdout)["text"] == text
        assert [e["text"] for e in _stored(db_file)] == [text]
    else:
        assert done.stdout == ""
        assert "text: is empty" in done.stderr
