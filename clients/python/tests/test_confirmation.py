"""protos/README.md "Read confirmations (format 1)", from the spec's words: the key from K and S, the one size, every
check in its order with its name, and the notes refused before anything is made."""

import struct

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from onetime import ConfirmationError
from onetime import _confirmation, _envelope

KEY = bytes(range(32))
ID = "AAECAwQFBgcICQoLDA0ODw"  # bytes 0..15
OTHER_ID = "AAECAwQFBgcICQoLDA0OEA"
NONCE = bytes(range(100, 112))


def _key(passphrase=None, key=KEY):
    return _envelope.derive(key, passphrase).confirmation_key


def _reason(confirmation, key=None, id_=ID):
    with pytest.raises(ConfirmationError) as raised:
        _confirmation.open_note(confirmation, key or _key(), id_)
    return raised.value.reason


def _seal_padded(padded, key=None, id_=ID):
    """A well-sealed confirmation around any 256 bytes, as a client that does not follow the spec would make."""
    header = b"\x01"  # confirmation version 1
    return header + NONCE + AESGCM(key or _key()).encrypt(NONCE, padded, header + _confirmation.id_bytes(id_))


def test_the_key_is_hkdf_of_k_with_the_envelopes_salt_s():
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    salt = _envelope.passphrase_key(KEY, "pass")
    expected = HKDF(hashes.SHA256(), 32, salt, b"onetime/v1/read-confirmation-key").derive(KEY)
    assert _key("pass") == expected
    assert _key(None) == HKDF(hashes.SHA256(), 32, None, b"onetime/v1/read-confirmation-key").derive(KEY)
    keys = _envelope.derive(KEY, "pass")
    assert _key("pass") not in (keys.encryption_key, keys.auth_token)


def test_layout_version_nonce_then_256_padded_bytes_and_the_tag():
    sealed = _confirmation.seal(_key(), ID, "got it", NONCE)
    assert len(sealed) == 285 == _confirmation.SIZE
    assert sealed[0] == 0x01 and sealed[1:13] == NONCE
    padded = AESGCM(_key()).decrypt(NONCE, sealed[13:], b"\x01" + bytes(range(16)))
    assert padded == struct.pack(">H", 6) + b"got it" + bytes(248)


@pytest.mark.parametrize("note", ["", "got it, rotating now", "ünïcödé 🔑", "x" * 200, "é" * 100, "\ttabs and  spaces "])
def test_seal_then_open_gives_the_note_as_typed(note):
    sealed = _confirmation.seal(_key("pass"), ID, note)
    assert _confirmation.open_note(sealed, _key("pass"), ID) == note


def test_no_note_and_an_empty_note_are_the_same():
    assert _confirmation.seal(_key(), ID, None, NONCE) == _confirmation.seal(_key(), ID, "", NONCE)


def test_every_confirmation_is_one_size_and_a_fresh_nonce_each_time():
    sizes = {len(_confirmation.seal(_key(), ID, note)) for note in ("", "a", "x" * 200)}
    assert sizes == {285}
    assert _confirmation.seal(_key(), ID, "a") != _confirmation.seal(_key(), ID, "a")


@pytest.mark.parametrize("length", [0, 1, 284, 286, 512])
def test_wrong_length(length):
    assert _reason(b"\x01" * length) == "wrong_length"


def test_unsupported_version_before_the_tag():
    sealed = bytearray(_confirmation.seal(_key(), ID, "x"))
    sealed[0] = 0x02
    assert _reason(bytes(sealed)) == "unsupported_version"


def test_another_ids_confirmation_does_not_open():
    sealed = _confirmation.seal(_key(), OTHER_ID, "x")
    assert _reason(sealed, id_=ID) == "authentication_failed"


@pytest.mark.parametrize("index", [1, 12, 13, 200, 284])
def test_a_changed_byte_does_not_open(index):
    sealed = bytearray(_confirmation.seal(_key(), ID, "x"))
    sealed[index] ^= 0x01
    assert _reason(bytes(sealed)) == "authentication_failed"


def test_a_wrong_key_or_passphrase_does_not_open():
    sealed = _confirmation.seal(_key("right"), ID, "x")
    assert _reason(sealed, key=_key("wrong")) == "authentication_failed"
    assert _reason(sealed, key=_key(None)) == "authentication_failed"
    assert _reason(sealed, key=_key("right", key=bytes(32))) == "authentication_failed"


@pytest.mark.parametrize(
    "padded",
    [
        struct.pack(">H", 201) + b"x" * 201 + bytes(53),  # the length prefix exceeds 200
        struct.pack(">H", 0xFFFF) + bytes(254),
        struct.pack(">H", 1) + b"x" + bytes(252) + b"\x01",  # a padding byte is not zero
        struct.pack(">H", 2) + b"\xc3\x28" + bytes(252),  # not UTF-8
        struct.pack(">H", 3) + b"\xed\xa0\x80" + bytes(251),  # an encoded surrogate is not UTF-8 either
    ],
    ids=["over-200", "prefix-ffff", "padding", "not-utf8", "surrogate"],
)
def test_malformed_note(padded):
    assert len(padded) == 256
    assert _reason(_seal_padded(padded)) == "malformed_note"


def test_errors_hold_neither_note_nor_key():
    sealed = bytearray(_confirmation.seal(_key(), ID, "the secret note"))
    sealed[100] ^= 1
    with pytest.raises(ConfirmationError) as raised:
        _confirmation.open_note(bytes(sealed), _key(), ID)
    text = str(raised.value) + repr(raised.value)
    assert "secret note" not in text and _key().hex() not in text and ID not in text


@pytest.mark.parametrize("note", ["x" * 201, "é" * 101, "\ud800", "a\udc00b"], ids=["201-ascii", "202-bytes", "lone-high", "lone-low"])
def test_notes_refused_before_anything_is_made(note):
    with pytest.raises(ValueError):
        _confirmation.check_note(note)
    with pytest.raises(ValueError):
        _confirmation.seal(_key(), ID, note)
