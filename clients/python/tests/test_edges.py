"""protos/README.md "Text, names and other edges every client settles the same way", and padding's edges."""

import pytest

from onetime import Secret, SecretDecryptionError
from onetime import _envelope
from onetime._client import _from_payload, _payload
from onetime.v1 import payload_pb2

KEY = bytes(range(32))


def _open(payload: bytes) -> Secret:
    keys = _envelope.derive(KEY, None)
    return _from_payload(_envelope.open_blob(_envelope.seal_blob(payload, keys.encryption_key), keys.encryption_key))


def test_text_round_trips_as_utf8():
    assert _open(_payload(Secret.from_text("pässwörd 🔑"))).text == "pässwörd 🔑"


def test_text_field_that_is_not_utf8_is_malformed_not_repaired():
    bad = b"\x0a\x02\xc3\x28"  # field 1, 2 bytes, an invalid UTF-8 sequence
    with pytest.raises(SecretDecryptionError) as raised:
        _open(bad)
    assert raised.value.reason == "malformed_plaintext"


def test_an_encoded_surrogate_is_not_utf8():
    with pytest.raises(SecretDecryptionError) as raised:
        _open(b"\x0a\x03\xed\xa0\x80")
    assert raised.value.reason == "malformed_plaintext"


def test_empty_text_and_empty_file_are_valid_secrets():
    assert _open(_payload(Secret.from_text(""))).text == ""
    empty_file = _open(_payload(Secret.from_file(b"")))
    assert empty_file.is_file and empty_file.content == b""


@pytest.mark.parametrize("payload", [b"", payload_pb2.Payload().SerializeToString(), b"\x18\x01"], ids=["zero-bytes", "no-content", "unknown-field-only"])
def test_a_payload_with_neither_text_nor_file_is_malformed(payload):
    with pytest.raises(SecretDecryptionError) as raised:
        _open(payload)
    assert raised.value.reason == "malformed_plaintext"


def test_garbage_payload_is_malformed():
    with pytest.raises(SecretDecryptionError) as raised:
        _open(b"\xff\xff\xff")
    assert raised.value.reason == "malformed_plaintext"


@pytest.mark.parametrize("other", ["pass", "pass ", " pass\t", "Pass\t", "pass\t\n"])
def test_passphrases_are_taken_as_typed_tab_included(other):
    # Tab kept, no trimming, no case folding: every one of these is another key.
    assert _envelope.derive(KEY, "pass\t").auth_token != _envelope.derive(KEY, other).auth_token


def test_passphrases_are_nfc_normalized_and_nothing_else():
    assert _envelope.derive(KEY, "A\u030angstro\u0308m") == _envelope.derive(KEY, "\u00c5ngstr\u00f6m")


def test_an_empty_passphrase_is_refused():
    with pytest.raises(ValueError, match="cannot be empty"):
        _envelope.derive(KEY, "")


def test_file_names_are_kept_as_received_by_the_reader():
    # A sender that does not follow the spec may put a path in the name: the reader keeps it as text, never a path.
    payload = payload_pb2.Payload(file=payload_pb2.FileContent(name="../etc/passwd", data=b"x")).SerializeToString()
    assert _open(payload).file_name == "../etc/passwd"


def test_file_names_split_at_both_separators():
    assert Secret.from_file(b"", "a\\b/c\\d.txt").file_name == "d.txt"


@pytest.mark.parametrize(
    "length, bucket",
    [(0, 256), (252, 256), (253, 512), (65532, 65536), (65533, 131072), (983036, 983040), (983037, 1048576)],
)
def test_buckets(length, bucket):
    assert _envelope.bucket_size(length) == bucket


def test_the_largest_payload_fits_one_mebibyte():
    # protos/README.md: with the default 1 MiB limit the largest M is 983036 bytes.
    assert _envelope.bucket_size(983036) + _envelope.OVERHEAD <= 1024 * 1024
    assert _envelope.bucket_size(983037) + _envelope.OVERHEAD > 1024 * 1024


def test_nonzero_padding_is_malformed():
    keys = _envelope.derive(KEY, None)
    padded = _envelope.pad(_payload(Secret.from_text("x")))
    padded = padded[:-1] + b"\x01"
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = bytes(12)
    blob = b"\x01" + nonce + AESGCM(keys.encryption_key).encrypt(nonce, padded, b"\x01")
    with pytest.raises(SecretDecryptionError) as raised:
        _envelope.open_blob(blob, keys.encryption_key)
    assert raised.value.reason == "malformed_plaintext"


def test_a_fresh_nonce_and_key_every_seal():
    keys = _envelope.derive(KEY, None)
    assert _envelope.seal_blob(b"\x0a\x00", keys.encryption_key) != _envelope.seal_blob(b"\x0a\x00", keys.encryption_key)
