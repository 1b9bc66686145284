"""Commands that need no model start without loading it: `--help`, `help-now`, `journal list` and
`export` never import onnxruntime, numpy, the tokenizer or the analysis rules — nor Alembic: an
up-to-date database is recognised by one query of its revision.

Each runs in a fresh interpreter (nothing imported by other tests can hide a heavy import), and
the interpreter then reports which of those modules ended up in `sys.modules`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from nearer.storage.db import Database
from nearer.storage.models import Entry, User

HEAVY = ("onnxruntime", "numpy", "tokenizers", "nearer.analysis", "alembic")
RUN = """
import atexit, json, runpy, sys
heavy_names = json.loads(sys.argv[2])
sys.argv = ["nearer", *json.loads(sys.argv[1])]

def report():  # at exit: the quick way ends the process itself, after the exit handlers
    heavy = sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in heavy_names))
    sys.stderr.write("\\nHEAVY " + json.dumps({"heavy": heavy}) + "\\n")
    sys.stderr.flush()

atexit.register(report)
runpy.run_module("nearer", run_name="__main__")
"""


def _run(*args: str, heavy: tuple[str, ...] = HEAVY) -> dict[str, object]:
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run(
        [sys.executable, "-c", RUN, json.dumps(list(args)), json.dumps(heavy)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("HEAVY "))
    found: dict[str, object] = json.loads(line[len("HEAVY ") :])
    found["code"] = done.returncode
    found["out"] = done.stdout
    return found


@pytest.fixture
def with_entry(db_file: str) -> str:
    db = Database(f"sqlite:///{db_file}")
    with db.transaction() as session:
        me = User(is_local=True)
        session.add(me)
        session.flush()
        at = datetime(2026, 3, 2, 9, tzinfo=UTC)
        session.add(
            Entry(
                uid="u-1", owner_id=me.id, text="A quiet dinner", feelings=["lonely"],
                intensity=5, tags=["home"], created_at=at, updated_at=at,
            )
        )  # fmt: skip
    db.dispose()
    return db_file


@pytest.mark.parametrize(
    ("args", "shows"),
    [
        (("--help",), "help-now"),
        (("help-now",), "help"),
        (("help-now", "--country", "gb"), "Samaritans"),
        (("journal", "list"), "Your journal"),
        (("journal", "list", "--json"), "A quiet dinner"),
    ],
)
def test_commands_without_the_model_never_import_it(
    with_entry: str, args: tuple[str, ...], shows: str
) -> None:
    found = _run("--db", with_entry, *args)
    assert found["code"] == 0, found
    assert shows in str(found["out"])
    assert found["heavy"] == []


def test_export_never_imports_the_model(with_entry: str, tmp_path: Path) -> None:
    out = tmp_path / "mine.json"
    found = _run("--db", with_entry, "export", "--out", str(out))
    assert found["code"] == 0, found
    assert json.loads(out.read_text(encoding="utf-8"))["entries"][0]["text"] == "A quiet dinner"
    assert found["heavy"] == []


def test_the_check_sees_a_command_that_does_load_the_rules(with_entry: str) -> None:
    # `journal add` reads the text, so the rules must show up: the check above can fail.
    found = _run("--db", with_entry, "journal", "add", "We talked for an hour")
    assert any(m.startswith("nearer.analysis") for m in found["heavy"])  # type: ignore[attr-defined]


def test_journal_add_imports_only_what_writing_one_entry_needs(with_entry: str) -> None:
    # Not the accounts module, pydantic-settings (with --db), the PostgreSQL dialect on SQLite,
    # click (only `journal edit` opens an editor), nor the nudge panel when no feeling is given.
    unneeded = ("nearer.services.accounts", "pydantic_settings", "sqlalchemy.dialects.postgresql",
                "click", "nearer.cli.emotions", "nearer.services.self_awareness")
    found = _run("--db", with_entry, "journal", "add", "We talked for an hour", heavy=unneeded)
    assert found["code"] == 0, found
    assert "We talked for an hour" in str(found["out"])
    assert found["heavy"] == []


def test_the_command_list_matches_each_commands_own_help() -> None:
    # `nearer --help` lists commands without importing them, from the table in cli/main.py.
    from nearer.cli.main import COMMANDS, app, load_command

    for name, _, first_line in COMMANDS:
        command = load_command(name)
        assert command.name == name
        assert " ".join((command.help or "").split("\n\n")[0].split()) == first_line, name
    from typer.testing import CliRunner

    listed = CliRunner().invoke(app, ["--help"]).output
    assert all(f"  {name} " in listed for name, _, _ in COMMANDS)
    assert CliRunner().invoke(app, ["no-such-command"]).exit_code == 2


@pytest.mark.parametrize("args", [("--help",), ("help-now", "--country", "gb")])
def test_help_never_opens_the_database_machinery(args: tuple[str, ...]) -> None:
    # Static text: neither SQLAlchemy nor the web stack is imported.
    found = _run(*args, heavy=(*HEAVY, "sqlalchemy", "fastapi"))
    assert found["code"] == 0, found
    assert found["heavy"] == []


def test_help_alone_never_imports_typer() -> None:
    # `nearer --help` is printed from the command table; Typer is most of the start-up time.
    found = _run("--help", heavy=("typer", "click", "rich"))
    assert found["code"] == 0, found
    assert found["heavy"] == []
    assert "Usage: nearer [OPTIONS] COMMAND [ARGS]..." in str(found["out"])


@pytest.mark.parametrize(
    ("args", "quick"),
    [
        (["--help"], True),
        (["--db", "x.sqlite3", "--help"], True),
        (["--db=x.sqlite3", "--help"], True),
        (["--db", "--help"], False),  # "--help" would be the file's name: Typer decides
        (["journal", "--help"], False),
        (["--help", "journal"], False),
        ([], False),
    ],
)
def test_only_the_top_level_help_takes_the_quick_way(args: list[str], quick: bool) -> None:
    from nearer.cli.main import _only_help

    assert _only_help(args) is quick


def test_a_command_after_the_quick_help_still_goes_through_typer() -> None:
    found = _run("help-now", "--country", "gb", "--help", heavy=("typer",))
    assert found["code"] == 0, found
    assert "typer" in found["heavy"]  # type: ignore[operator]
    assert "Two-letter country code" in str(found["out"])


@pytest.mark.parametrize(
    "args", [("help-now", "--country", "gb"), ("journal", "add", "We talked for an hour")]
)
def test_the_quick_way_never_imports_typer_or_pydantic(with_entry: str, args: tuple[str, ...]) -> None:
    # Typer's import and its per-option validators (pydantic) cost more than help-now's work.
    found = _run("--db", with_entry, *args, heavy=("typer", "click", "pydantic"))
    assert found["code"] == 0, found
    assert found["heavy"] == []


@pytest.mark.parametrize("width", range(50, 79))
def test_the_quick_help_is_the_text_typer_prints(width: int) -> None:
    import typer
    from typer._click import Context

    from nearer.cli.main import app, help_text

    command = typer.main.get_command(app)
    assert help_text(width) == command.get_help(Context(command, info_name="nearer", terminal_width=width))


@pytest.mark.parametrize(
    ("columns", "width"), [("60", 58), ("120", 78), ("30", 50), ("wide", 78), ("", 78)]
)
def test_the_quick_help_follows_the_terminal_width_as_typer_does(
    columns: str, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nearer.cli.main import help_width

    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr("sys.__stdout__", None)  # no terminal: 80 columns, as click assumes
    assert help_width() == width


def test_short_help_keeps_whole_words_and_sentences() -> None:
    from nearer.cli.main import short_help

    assert short_help("Write and read.", 40) == "Write and read."
    assert short_help("One sentence. And another one that is long.", 20) == "One sentence."
    assert short_help("Show crisis and domestic-violence help lines", 20) == "Show crisis and..."
    assert len(short_help("word " * 30, 25)) <= 25
