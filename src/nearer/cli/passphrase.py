"""The local journal's passphrase: offered at first use, asked for when the journal is
encrypted, optionally kept in the OS keyring; `nearer encrypt` and `nearer decrypt`."""

from __future__ import annotations

import base64
import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from nearer.cli.common import console, database_url, errors, fail, friendly_errors, local_user

if TYPE_CHECKING:
    from nearer.storage.db import Database

SERVICE = "nearer"
NOT_ENCRYPTED = (
    "This journal is not encrypted: anyone with the file can read it. "
    "Run `nearer encrypt` to protect it with a passphrase."
)
KeepIt = Annotated[
    bool,
    typer.Option("--keyring", help="Keep the key in your OS keyring, so you are not asked again."),
]


def _interactive() -> bool:
    return sys.stdin.isatty() and not os.environ.get("NEARER_PASSPHRASE")


def _kept_key() -> bytes | None:
    try:
        import keyring as os_keyring

        kept = os_keyring.get_password(SERVICE, database_url())
    except Exception:  # no keyring package, or no OS keyring on this machine
        return None
    return base64.b64decode(kept) if kept else None


def _keep_key(key: bytes) -> str:
    try:
        import keyring as os_keyring

        os_keyring.set_password(SERVICE, database_url(), base64.b64encode(key).decode())
    except Exception as error:  # the OS keyring is optional; say why it was not used
        return f"The key was not kept in an OS keyring ({type(error).__name__}); "
    return ""


def _forget_key() -> None:
    try:
        import keyring as os_keyring

        os_keyring.delete_password(SERVICE, database_url())
    except Exception:
        pass  # nothing kept, or no keyring here


def _ask(prompt: str, confirm: bool = False) -> str:
    given = os.environ.get("NEARER_PASSPHRASE")
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise fail("This journal is encrypted: set NEARER_PASSPHRASE or run in a terminal.")
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
            _forget_key()  # a stale kept key: ask for the passphrase instead
    vault.open_local(db, me, _ask("Passphrase"))


def offer_at_first_use(db: Database, me: int) -> None:
    """jrnl-style: a new local journal offers a passphrase; Enter keeps it unencrypted."""
    from nearer.services import vault

    if not _interactive():
        if sys.stderr.isatty():  # a person at a terminal; never mixed into piped output
            errors.print(NOT_ENCRYPTED, markup=False, highlight=False)
        return
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
    _show_code(code)


def _show_code(code: str) -> None:
    console.print(
        "This journal is now encrypted. Your recovery code (shown only this once; it also "
        f"opens the journal):\n  {code}\nIf you lose both the passphrase and this code, "
        "the journal cannot be read by anyone.",
        markup=False,
    )


Status = Annotated[
    bool, typer.Option("--status", help="Only say whether the journal is encrypted.")
]


@friendly_errors
def encrypt(keep: KeepIt = False, status: Status = False) -> None:
    """Encrypt the local journal with a passphrase (existing entries included).

    Example: nearer encrypt --keyring
    """
    from nearer.services import vault
    from nearer.storage import keyring

    db, me = local_user()
    if status:
        encrypted = vault.local_is_encrypted(db, me)
        console.print("This journal is encrypted." if encrypted else NOT_ENCRYPTED, markup=False)
        return
    if vault.local_is_encrypted(db, me):
        raise fail("This journal is already encrypted.")
    code, sealed = vault.encrypt_local(db, me, _ask("New passphrase", confirm=True))
    _show_code(code)
    console.print(f"Encrypted {sealed} item{'s' if sealed != 1 else ''}.", markup=False)
    if keep:
        key = keyring.current().get(keyring.person(me))
        note = _keep_key(key) if key else "No key to keep; "
        console.print(note or "The key is kept in your OS keyring.", markup=False)


@friendly_errors
def decrypt() -> None:
    """Turn the local journal back into plain text and remove its passphrase.

    Example: nearer decrypt
    """
    from nearer.services import vault

    db, me = local_user()  # asks for the passphrase
    if not vault.local_is_encrypted(db, me):
        raise fail("This journal is not encrypted.")
    count = vault.decrypt_local(db, me)
    _forget_key()
    console.print(
        f"Decrypted {count} item{'s' if count != 1 else ''}. {NOT_ENCRYPTED}", markup=False
    )
