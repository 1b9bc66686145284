"""The local journal's key when a command opens it: offered at first use, asked for when the
journal is encrypted, optionally kept in the OS keyring. Typer is imported only to ask a person
(every command opens the journal; the quick way, cli/quick.py, never imports Typer)."""

from __future__ import annotations

import base64
import os
import sys
from typing import TYPE_CHECKING

from nearer.cli.common import console, database_url, errors, fail

if TYPE_CHECKING:
    from nearer.storage.db import Database

SERVICE = "nearer"
NOT_ENCRYPTED = (
    "This journal is not encrypted: anyone with the file can read it. "
    "Run `nearer encrypt` to protect it with a passphrase."
)
def _interactive() -> bool:
    return sys.stdin.isatty() and not os.environ.get("NEARER_PASSPHRASE")


def _kept_key() -> bytes | None:
    try:
        import keyring as os_keyring

        kept = os_keyring.get_password(SERVICE, database_url())
    except Exception:  # no keyring package, or no OS keyring on this machine
        return None
    return base64.b64decode(kept) if kept else None


def keep_key(key: bytes) -> str:
    try:
        import keyring as os_keyring

        os_keyring.set_password(SERVICE, database_url(), base64.b64encode(key).decode())
    except Exception as error:  # the OS keyring is optional; say why it was not used
        return f"The key was not kept in an OS keyring ({type(error).__name__}); "
    return ""


def forget_key() -> None:
    try:
        import keyring as os_keyring

        os_keyring.delete_password(SERVICE, database_url())
    except Exception:
        pass  # nothing kept, or no keyring here


def ask(prompt: str, confirm: bool = False) -> str:
    given = os.environ.get("NEARER_PASSPHRASE")
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise fail("This journal is encrypted: set NEARER_PASSPHRASE or run in a terminal.")
    import typer  # only when a person is asked

    return str(typer.prompt(prompt, hide_input=True, confirmation_prompt=confirm))


def open_journal(db: Database, me: int) -> None:
    """Put the journal's key in this process's keyring, if it has one."""
    from nearer.services import vault

    if not vault.local_is_encrypted(db, me):
        return
    kept = _kept_key()
    if kept is not None:
        try:
            vault.open_local(db, me, None, key=kept)
            return
        except Exception:
            forget_key()  # a stale kept key: ask for the passphrase instead
    vault.open_local(db, me, ask("Passphrase"))


def offer_at_first_use(db: Database, me: int) -> None:
    """jrnl-style: a new local journal offers a passphrase; Enter keeps it unencrypted."""
    from nearer.services import vault

    if not _interactive():
        if sys.stderr.isatty():  # a person at a terminal; never mixed into piped output
            errors.print(NOT_ENCRYPTED, markup=False, highlight=False)
        return
    import typer  # only when a person is asked

    chosen = typer.prompt(
        "Choose a passphrase to encrypt this journal (Enter for none)",
        default="",
        show_default=False,
        hide_input=True,
    )
    if not chosen:
        errors.print(NOT_ENCRYPTED, markup=False, highlight=False)
        return
    code, _ = vault.encrypt_local(db, me, str(chosen))
    show_code(code)


def show_code(code: str) -> None:
    console.print(
        "This journal is now encrypted. Your recovery code (shown only this once; it also "
        f"opens the journal):\n  {code}\nIf you lose both the passphrase and this code, "
        "the journal cannot be read by anyone.",
        markup=False,
    )
