"""The command line alone: a journal with a passphrase is sealed on disk, opens only with it,
and `nearer encrypt` / `nearer decrypt` convert an existing journal."""

from __future__ import annotations

import glob
import sqlite3
from pathlib import Path

import pytest
from support import run_cli

SECRET = "the quiet canoe trip I never mention"


def _on_disk(db_file: str) -> bytes:
    return b"".join(Path(f).read_bytes() for f in glob.glob(db_file + "*"))


def _plain_texts(db_file: str) -> list[str]:
    with sqlite3.connect(db_file) as conn:
        return [r[0] for r in conn.execute("SELECT text FROM entries")]


def test_a_journal_without_passphrase_works_and_says_so(tmp_path: Path) -> None:
    db_file = str(tmp_path / "j.sqlite3")
    code, out = run_cli(db_file, "journal", "add", SECRET)
    assert code == 0, out
    code, out = run_cli(db_file, "encrypt", "--status")
    assert code == 0 and "not encrypted" in out
    assert _plain_texts(db_file) == [SECRET]


def test_encrypt_seals_the_journal_and_decrypt_turns_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_file = str(tmp_path / "j.sqlite3")
    assert run_cli(db_file, "journal", "add", SECRET)[0] == 0
    monkeypatch.setenv("NEARER_PASSPHRASE", "paddle across the lake")
    code, out = run_cli(db_file, "encrypt")
    assert code == 0, out
    assert "recovery code" in out and "Encrypted" in out
    stored = _plain_texts(db_file)
    assert stored[0].startswith("nv1.")
    code, out = run_cli(db_file, "journal", "add", "a second private line")
    assert code == 0, out
    with sqlite3.connect(db_file) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"canoe" not in _on_disk(db_file) and b"second private" not in _on_disk(db_file)
    code, out = run_cli(db_file, "journal", "list", "--json")
    assert code == 0 and "canoe" in out and "second private" in out

    monkeypatch.setenv("NEARER_PASSPHRASE", "not the right passphrase")
    code, out = run_cli(db_file, "journal", "list")
    assert code == 2 and "does not open this journal" in out and "canoe" not in out

    monkeypatch.setenv("NEARER_PASSPHRASE", "paddle across the lake")
    code, out = run_cli(db_file, "decrypt")
    assert code == 0, out
    assert sorted(_plain_texts(db_file)) == sorted([SECRET, "a second private line"])
    monkeypatch.delenv("NEARER_PASSPHRASE")
    code, out = run_cli(db_file, "encrypt", "--status")
    assert "not encrypted" in out


def test_encrypting_needs_a_long_enough_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_file = str(tmp_path / "j.sqlite3")
    monkeypatch.setenv("NEARER_PASSPHRASE", "short")
    code, out = run_cli(db_file, "encrypt")
    assert code == 2 and "at least 10 characters" in out


def test_admin_encryption_status_counts_who_remains(tmp_path: Path) -> None:
    import json

    from sqlalchemy import select

    from nearer.services import accounts
    from nearer.storage.db import Database
    from nearer.storage.models import User

    db_file = str(tmp_path / "j.sqlite3")
    assert run_cli(db_file, "journal", "add", SECRET)[0] == 0  # the local journal, plain
    db = Database(f"sqlite:///{db_file}")
    accounts.sign_up(db, "ana@example.org", "correct horse battery 9")
    accounts.sign_up(db, "ben@example.org", "correct horse battery 9")
    with db.transaction() as session:  # Ben's account is from before encryption
        ben = session.scalar(select(User).where(User.email == "ben@example.org"))
        assert ben is not None
        ben.key_by_password = None
    db.dispose()
    code, out = run_cli(db_file, "admin", "encryption-status", "--json")
    assert code == 0, out
    assert json.loads(out) == {
        "accounts": 2,
        "with_keys": 1,
        "remaining": 1,
        "local_journal_plain": True,
    }
    code, out = run_cli(db_file, "admin", "encryption-status")
    assert "1 still have text unencrypted" in out and "nearer encrypt" in out
