"""Encryption at rest, pure: AES-256-GCM envelopes, argon2id key derivation, key wrapping.

An envelope is `version (1 byte) | kind (1 byte) | nonce (12 bytes) | ciphertext+tag`. The two
header bytes are also authenticated, with the caller's associated data (which names the record
and its owner), so a ciphertext moved to another row, owner or kind does not open.
Stored text carries it as `nv1.` + URL-safe base64, so sealed and legacy plain values differ.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass

# The `cryptography` package is imported where a key is used, not here: a command on a journal
# without a passphrase (`nearer journal add`) asks only whether stored values are sealed.

VERSION = 1
KEY_BYTES = 32
NONCE_BYTES = 12
PREFIX = "nv1."

# What an envelope was sealed under; part of the header, so a kind cannot be swapped.
PERSON = 1  # a person's own data key
COUPLE = 2  # a couple key
GRANT = 3  # a professional grant key
WRAP = 4  # a key wrapped under another key (password, recovery code, session, data key)
PUBLIC = 5  # a key wrapped for someone's public key (ephemeral X25519)
KINDS = {PERSON, COUPLE, GRANT, WRAP, PUBLIC}


class CannotOpen(Exception):
    """Wrong key, wrong record, or a changed byte: the text is never returned half-read."""


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def seal(key: bytes, kind: int, plain: bytes, aad: bytes) -> bytes:
    if len(key) != KEY_BYTES or kind not in KINDS:
        raise ValueError("a 32-byte key and a known kind are needed")
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header = bytes((VERSION, kind))
    nonce = os.urandom(NONCE_BYTES)
    return header + nonce + AESGCM(key).encrypt(nonce, plain, header + aad)


def open_sealed(key: bytes, blob: bytes, aad: bytes) -> bytes:
    if len(blob) < 2 + NONCE_BYTES + 16 or blob[0] != VERSION or blob[1] not in KINDS:
        raise CannotOpen("not a sealed value of a known version")
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header, nonce, body = blob[:2], blob[2 : 2 + NONCE_BYTES], blob[2 + NONCE_BYTES :]
    try:
        return AESGCM(key).decrypt(nonce, body, header + aad)
    except InvalidTag:
        raise CannotOpen("the key does not open it, or it was changed") from None


def kind_of(blob: bytes) -> int:
    return blob[1] if len(blob) > 1 else 0


def to_text(blob: bytes) -> str:
    return PREFIX + base64.urlsafe_b64encode(blob).decode().rstrip("=")


def from_text(stored: str) -> bytes:
    if not is_sealed(stored):
        raise CannotOpen("not sealed")
    body = stored[len(PREFIX) :]
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError:
        raise CannotOpen("damaged") from None


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def seal_text(key: bytes, kind: int, plain: str, aad: bytes) -> str:
    return to_text(seal(key, kind, plain.encode(), aad))


def open_text(key: bytes, stored: str, aad: bytes) -> str:
    return open_sealed(key, from_text(stored), aad).decode()


def open_texts(key: bytes, items: list[tuple[str, bytes]]) -> list[str]:
    """Many (stored, associated data) under one key, as `open_text` each: one cipher set-up for
    them all (a few microseconds per value saved when a page reads hundreds)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    cipher = AESGCM(key)
    opened = []
    for stored, aad in items:
        blob = from_text(stored)
        if len(blob) < 2 + NONCE_BYTES + 16 or blob[0] != VERSION or blob[1] not in KINDS:
            raise CannotOpen("not a sealed value of a known version")
        header, nonce, body = blob[:2], blob[2 : 2 + NONCE_BYTES], blob[2 + NONCE_BYTES :]
        try:
            opened.append(cipher.decrypt(nonce, body, header + aad).decode())
        except InvalidTag:
            raise CannotOpen("the key does not open it, or it was changed") from None
    return opened


# --- deriving keys from what a person knows ----------------------------------------------------


@dataclass(frozen=True)
class KdfParams:
    """argon2id parameters, stored beside each wrapped key so they can be raised later."""

    time_cost: int = 3
    memory_kib: int = 65536  # 64 MiB
    parallelism: int = 1

    def text(self) -> str:
        return f"argon2id$t={self.time_cost}$m={self.memory_kib}$p={self.parallelism}"

    @classmethod
    def parse(cls, text: str) -> KdfParams:
        try:
            name, *parts = text.split("$")
            values = dict(part.split("=", 1) for part in parts)
            if name != "argon2id":
                raise ValueError(name)
            return cls(int(values["t"]), int(values["m"]), int(values["p"]))
        except (ValueError, KeyError):
            raise CannotOpen("unknown key derivation") from None


DEFAULT_KDF = KdfParams()


def derive_key(secret: str, salt: bytes, params: KdfParams = DEFAULT_KDF) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        secret.encode(),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def new_salt() -> bytes:
    return os.urandom(16)


def stretch(secret: bytes, purpose: str) -> bytes:
    """A key from a long random secret (a session token): HKDF, no need for argon2."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), KEY_BYTES, salt=None, info=purpose.encode()).derive(secret)


def wrap(wrapping_key: bytes, key: bytes, purpose: str) -> str:
    return seal_text(wrapping_key, WRAP, base64.b64encode(key).decode(), purpose.encode())


def unwrap(wrapping_key: bytes, wrapped: str, purpose: str) -> bytes:
    key = base64.b64decode(open_text(wrapping_key, wrapped, purpose.encode()))
    if len(key) != KEY_BYTES:
        raise CannotOpen("not a key")
    return key


# --- keys for someone who is not here: X25519 ---------------------------------------------------


def new_key_pair() -> tuple[bytes, bytes]:
    """(private, public), raw 32 bytes each."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    private = X25519PrivateKey.generate()
    return private.private_bytes_raw(), private.public_key().public_bytes_raw()


def wrap_for(public: bytes, key: bytes, purpose: str) -> str:
    """Wrap `key` so only the holder of `public`'s private key opens it."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

    ephemeral = X25519PrivateKey.generate()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    sender = ephemeral.public_key().public_bytes_raw()
    wrapping = stretch(shared + sender + public, "nearer-public-wrap")
    blob = seal(wrapping, PUBLIC, key, purpose.encode())
    return to_text(sender + blob)


def unwrap_with(private: bytes, wrapped: str, purpose: str) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

    raw = from_text(wrapped)
    sender, blob = raw[:32], raw[32:]
    me = X25519PrivateKey.from_private_bytes(private)
    try:
        shared = me.exchange(X25519PublicKey.from_public_bytes(sender))
    except ValueError:
        raise CannotOpen("damaged") from None
    wrapping = stretch(shared + sender + me.public_key().public_bytes_raw(), "nearer-public-wrap")
    key = open_sealed(wrapping, blob, purpose.encode())
    if len(key) != KEY_BYTES:
        raise CannotOpen("not a key")
    return key
