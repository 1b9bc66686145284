"""The command line, run in-process: journal, export/import, and clean errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from support import run_cli as run

from nearer.cli.main import app


def test_add_list_show_edit_delete(db_file: str) -> None:
    code, out = run(
        db_file,
        "journal",
        "add",
        "Dinner was quiet",
        "--feel",
        "lonely",
        "--feel",
        "hopeful",
        "--intensity",
        "6",
        "--tag",
        "work",
    )
    assert code == 0 and "Dinner was quiet" in out
    code, out = run(db_file, "journal", "list", "--json")
    entries = json.loads(out)
    assert [(e["id"], e["feelings"], e["intensity"], e["tags"]) for e in entries] == [
        (1, ["lonely", "hopeful"], 6, ["work"])
    ]
    assert run(db_file, "journal", "list", "--feel", "angry", "--json")[1].strip() == "[]"
    assert len(json.loads(run(db_file, "journal", "list", "--tag", "work", "--json")[1])) == 1
    assert (
        len(json.loads(run(db_file, "journal", "list", "--since", "2999-01-01", "--json")[1])) == 0
    )
    code, out = run(db_file, "journal", "edit", "1", "--text", "Dinner was quiet, then we talked")
    assert code == 0
    assert json.loads(run(db_file, "journal", "show", "1", "--json")[1])["text"].endswith("talked")
    assert run(db_file, "journal", "delete", "1", "--yes")[0] == 0
    assert run(db_file, "journal", "show", "1")[0] == 2


@pytest.mark.parametrize(
    "args,message",
    [
        (["journal", "add", ""], "empty"),
        (["journal", "add", "x", "--intensity", "11"], "0 to 10"),
        (["journal", "add", "x" * 20_001], "20,000"),
        (["journal", "show", "42"], "No such entry"),
        (["journal", "add", "\u200b\u2060"], "empty"),
        (["journal", "list", "--limit", "99999999999999999999"], "less than or equal to 1000000"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(db_file: str, args: list[str], message: str) -> None:
    code, out = run(db_file, *args)
    assert code == 2 and message in out and "Traceback" not in out
    assert json.loads(run(db_file, "journal", "list", "--json")[1]) == []


def test_export_then_import_into_a_new_database(
    db_file: str, tmp_path: Path, sqlite_template: Path
) -> None:
    run(db_file, "journal", "add", "one", "--feel", "calm")
    run(db_file, "journal", "add", "two", "--tag", "home")
    out_file = tmp_path / "export.json"
    assert run(db_file, "export", "--out", str(out_file))[0] == 0
    other = tmp_path / "other.sqlite3"
    other.write_bytes(sqlite_template.read_bytes())
    code, out = run(str(other), "import", str(out_file))
    assert code == 0 and "Imported 2" in out
    again = tmp_path / "again.json"
    run(str(other), "export", "--out", str(again))
    assert json.loads(again.read_text())["entries"] == json.loads(out_file.read_text())["entries"]
    assert (
        "Imported 0" in run(str(other), "import", str(out_file))[1]
    )  # importing twice adds nothing


def test_export_writes_the_same_bytes_as_before_it_streamed(db_file: str, tmp_path: Path) -> None:
    from nearer.services.portability import export_data
    from nearer.storage.db import Database
    from nearer.storage.models import User

    for text in ("one", "two\nlines", "Ünïcode “quotes”"):
        run(db_file, "journal", "add", text, "--feel", "calm")
    out_file = tmp_path / "export.json"
    code, out = run(db_file, "export", "--out", str(out_file))
    assert code == 0 and "Exported 3 entries" in out
    assert not (tmp_path / "export.json.tmp").exists()
    db = Database(f"sqlite:///{db_file}")
    with db.transaction() as session:
        [me] = session.scalars(select(User.id).where(User.is_local.is_(True))).all()
    expected = json.dumps(export_data(db, me), ensure_ascii=False, indent=2)
    db.dispose()
    assert out_file.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\x00\x01\x02\xff",
        b'{"format": "other"}',
        b'{"format": "nearer-export", "version": 1, "entries": [{"uid": "a"}]}',
    ],
)
def test_import_of_bad_files_is_refused_whole(db_file: str, tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, out = run(db_file, "import", str(bad))
    assert code == 2 and "Error" in out and "Traceback" not in out
    assert json.loads(run(db_file, "journal", "list", "--json")[1]) == []


def test_every_command_is_documented_with_an_example() -> None:
    import typer.main

    group = typer.main.get_command(app)
    pending = [group]
    while pending:
        command = pending.pop()
        for sub in getattr(command, "commands", {}).values():
            pending.append(sub)
            if not getattr(sub, "commands", None):
                assert sub.help and "Example:" in sub.help, f"{sub.name} lacks a docstring example"


def _seed_local(db_file: str, count: int, text: str = "entry {i:03d}") -> None:
    """`count` entries for the local profile, a minute apart, straight in the table."""
    import uuid
    from datetime import UTC, datetime, timedelta

    from nearer.services.accounts import local_profile
    from nearer.storage.db import Database
    from nearer.storage.models import Entry

    db = Database(f"sqlite:///{db_file}")
    me = local_profile(db)
    start = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    with db.transaction() as session:
        for i in range(count):
            at = start + timedelta(minutes=i)
            session.add(Entry(uid=str(uuid.uuid4()), owner_id=me, text=text.format(i=i),
                              feelings=[], tags=[], created_at=at, updated_at=at))  # fmt: skip
    db.dispose()


def test_list_shows_the_newest_fifty_unless_asked(db_file: str) -> None:
    _seed_local(db_file, 60)
    listed = json.loads(run(db_file, "journal", "list", "--json")[1])
    assert [e["text"] for e in listed] == [f"entry {i:03d}" for i in range(59, 9, -1)]
    five = json.loads(run(db_file, "journal", "list", "--limit", "5", "--json")[1])
    assert [e["text"] for e in five] == [f"entry {i:03d}" for i in range(59, 54, -1)]
    assert len(json.loads(run(db_file, "journal", "list", "--all", "--json")[1])) == 60
    code, out = run(db_file, "journal", "list")
    assert code == 0 and "entry 059" in out and "entry 010" in out and "entry 009" not in out
    assert "older ones with --limit N or --all" in " ".join(out.split())
    code, out = run(db_file, "journal", "list", "--all")
    assert "entry 000" in out and "older ones" not in out


def test_list_refuses_a_limit_below_one(db_file: str) -> None:
    code, out = run(db_file, "journal", "list", "--limit", "0")
    assert code == 2 and "--limit" in out


def test_the_table_wraps_long_text_instead_of_cutting_it(db_file: str) -> None:
    words = " ".join(f"word{i}" for i in range(60))
    _seed_local(db_file, 1, text=words)
    code, out = run(db_file, "journal", "list")
    assert code == 0 and "…" not in out
    # The text column is the last cell of each table line: read it down the lines.
    cells = [line.split("│")[-2].strip() for line in out.splitlines() if line.count("│") >= 7]
    assert " ".join(" ".join(cells).split()) == words
    assert len(cells) > 2  # it did wrap, over several lines
