"""`nearer encrypt` and `nearer decrypt`: the local journal's passphrase (opening the journal,
and offering one at first use, are in cli/journal_key.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from nearer.cli.common import console, fail, friendly_errors, local_user
from nearer.cli.journal_key import NOT_ENCRYPTED, ask, forget_key, keep_key, show_code

KeepIt = Annotated[
    bool,
    typer.Option("--keyring", help="Keep the key in your OS keyring, so you are not asked again."),
]


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
    code, sealed = vault.encrypt_local(db, me, ask("New passphrase", confirm=True))
    show_code(code)
    console.print(f"Encrypted {sealed} item{'s' if sealed != 1 else ''}.", markup=False)
    if keep:
        key = keyring.current().get(keyring.person(me))
        note = keep_key(key) if key else "No key to keep; "
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
    forget_key()
    console.print(
        f"Decrypted {count} item{'s' if count != 1 else ''}. {NOT_ENCRYPTED}", markup=False
    )
