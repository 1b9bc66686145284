"""The crypto core: envelopes open only with the right key, record and kind; wraps likewise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.domain import crypto

LIGHT = crypto.KdfParams(1, 1024, 1)


def _flip(stored: str, at: int) -> str:
    blob = bytearray(crypto.from_text(stored))
    blob[at % len(blob)] ^= 0x01
    return crypto.to_text(bytes(blob))


def test_envelope_has_version_kind_nonce_and_opens_back() -> None:
    key = crypto.new_key()
    blob = crypto.seal(key, crypto.PERSON, b"hello", b"entries|u1|7|text")
    assert blob[0] == crypto.VERSION and blob[1] == crypto.PERSON
    assert len(blob) == 2 + 12 + len(b"hello") + 16
    assert crypto.open_sealed(key, blob, b"entries|u1|7|text") == b"hello"
    assert crypto.seal(key, crypto.PERSON, b"hello", b"a") != crypto.seal(
        key, crypto.PERSON, b"hello", b"a"
    )  # a fresh nonce every time


def test_wrong_key_wrong_record_and_changed_kind_fail_cleanly() -> None:
    key = crypto.new_key()
    stored = crypto.seal_text(key, crypto.PERSON, "my words", b"entries|u1|7|text")
    with pytest.raises(crypto.CannotOpen):
        crypto.open_text(crypto.new_key(), stored, b"entries|u1|7|text")
    with pytest.raises(crypto.CannotOpen):
        crypto.open_text(key, stored, b"entries|u2|7|text")  # moved to another row
    with pytest.raises(crypto.CannotOpen):
        crypto.open_text(key, stored, b"entries|u1|8|text")  # or another owner
    blob = bytearray(crypto.from_text(stored))
    blob[1] = crypto.COUPLE
    with pytest.raises(crypto.CannotOpen):
        crypto.open_sealed(key, bytes(blob), b"entries|u1|7|text")


@given(st.integers(min_value=0, max_value=10_000))
@settings(max_examples=60, deadline=None)
def test_any_one_flipped_byte_fails_and_never_returns_garbage(at: int) -> None:
    key = crypto.new_key()
    stored = crypto.seal_text(key, crypto.PERSON, "one flipped byte", b"aad")
    with pytest.raises(crypto.CannotOpen):
        crypto.open_text(key, _flip(stored, at), b"aad")


@given(st.text(min_size=1, max_size=300))
@settings(max_examples=80, deadline=None)
def test_seal_then_open_gives_the_text_back_and_the_stored_form_never_holds_it(
    text: str,
) -> None:
    key = crypto.new_key()
    stored = crypto.seal_text(key, crypto.PERSON, text, b"t|u|1|text")
    assert crypto.open_text(key, stored, b"t|u|1|text") == text
    raw = crypto.from_text(stored)
    encoded = text.encode()
    if len(encoded) >= 4:
        assert encoded not in raw and text not in stored


def test_password_wrap_opens_with_the_password_only() -> None:
    data_key, salt = crypto.new_key(), crypto.new_salt()
    wrapped = crypto.wrap(crypto.derive_key("right password", salt, LIGHT), data_key, "pw")
    assert (
        crypto.unwrap(crypto.derive_key("right password", salt, LIGHT), wrapped, "pw") == data_key
    )
    with pytest.raises(crypto.CannotOpen):
        crypto.unwrap(crypto.derive_key("wrong password", salt, LIGHT), wrapped, "pw")
    with pytest.raises(crypto.CannotOpen):
        crypto.unwrap(crypto.derive_key("right password", salt, LIGHT), wrapped, "recovery")


def test_kdf_parameters_are_stated_and_read_back() -> None:
    assert crypto.DEFAULT_KDF.text() == "argon2id$t=3$m=65536$p=1"
    assert crypto.KdfParams.parse(LIGHT.text()) == LIGHT
    with pytest.raises(crypto.CannotOpen):
        crypto.KdfParams.parse("scrypt$n=1")


def test_public_wrap_opens_with_the_private_key_only() -> None:
    private, public = crypto.new_key_pair()
    other_private, _ = crypto.new_key_pair()
    key = crypto.new_key()
    wrapped = crypto.wrap_for(public, key, "couple|3")
    assert crypto.unwrap_with(private, wrapped, "couple|3") == key
    with pytest.raises(crypto.CannotOpen):
        crypto.unwrap_with(other_private, wrapped, "couple|3")
    with pytest.raises(crypto.CannotOpen):
        crypto.unwrap_with(private, wrapped, "couple|4")
    with pytest.raises(crypto.CannotOpen):
        crypto.unwrap_with(private, _flip(wrapped, 40), "couple|3")


def test_session_stretch_depends_on_the_token() -> None:
    assert crypto.stretch(b"token-a", "s") != crypto.stretch(b"token-b", "s")
    assert crypto.stretch(b"token-a", "s") == crypto.stretch(b"token-a", "s")
