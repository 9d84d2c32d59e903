"""Read confirmations, format 1 (protos/README.md "Read confirmations (format 1)"): after the last view of a secret
link, the reader's client seals an optional note for the sender with a key from K and S, bound to the secret's id;
the sender's client opens it from its own link. The server keeps it and hands it back, and can neither make one,
change one, nor move one to another secret.

The key is the envelope's ``DerivedKeys.confirmation_key``, derived with the other keys from K and S: no second
PBKDF2 for a passphrase.
"""

from __future__ import annotations

import base64
import binascii
import os
import struct
from typing import Optional

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ._envelope import NONCE_SIZE, TAG_SIZE, utf8
from .errors import ConfirmationError

VERSION = 1
ID_SIZE = 16  # StoreResponse.id, base64url-decoded
MAX_NOTE_BYTES = 200
LENGTH_PREFIX_SIZE = 2
# Every confirmation is one size, so the server learns neither whether there is a note nor how long it is.
PADDED_SIZE = 256
SIZE = 1 + NONCE_SIZE + PADDED_SIZE + TAG_SIZE  # 285

# The names of the negative vectors (protos/testdata/confirmation-v1.json "error").
WRONG_LENGTH = "wrong_length"
UNSUPPORTED_VERSION = "unsupported_version"
AUTHENTICATION_FAILED = "authentication_failed"
MALFORMED_NOTE = "malformed_note"

_MESSAGES = {
    WRONG_LENGTH: "The read confirmation does not verify: it has the wrong length.",
    UNSUPPORTED_VERSION: "The read confirmation does not verify: it has a format version this client does not know.",
    AUTHENTICATION_FAILED: "The read confirmation does not verify: altered, made for another secret, or made up.",
    MALFORMED_NOTE: "The read confirmation does not verify: its note is malformed.",
}


def check_note(note: Optional[str]) -> bytes:
    """The note's UTF-8, taken as typed (no normalization, no trimming); empty for none. Over 200 bytes, or an
    unpaired surrogate, is refused with ValueError before anything is made or sent."""
    data = b"" if note is None else utf8(note, "note")
    if len(data) > MAX_NOTE_BYTES:
        raise ValueError(f"The note is longer than {MAX_NOTE_BYTES} bytes (UTF-8).")
    return data


def id_bytes(id_: str) -> bytes:
    """The 16 bytes a secret's 22-character base64url id stands for, as the associated data binds them."""
    try:
        data = base64.urlsafe_b64decode(id_ + "==")
    except (binascii.Error, ValueError):
        data = b""
    if len(data) != ID_SIZE:
        raise ValueError("The id is not a OneTime id.")
    return data


def pad(note: bytes) -> bytes:
    """uint16 big-endian len(note) || note || zero bytes, 256 bytes in all."""
    return struct.pack(">H", len(note)) + note + bytes(PADDED_SIZE - LENGTH_PREFIX_SIZE - len(note))


def seal(key: bytes, id_: str, note: Optional[str], nonce: Optional[bytes] = None) -> bytes:
    """version || nonce || AES-256-GCM(confirmation_key, nonce, padded, aad = version || id_bytes).

    ``key`` is the confirmation key; ``nonce`` is for the test vectors only, a real seal draws a fresh one.
    """
    padded = pad(check_note(note))
    nonce = os.urandom(NONCE_SIZE) if nonce is None else nonce
    header = bytes([VERSION])
    return header + nonce + AESGCM(key).encrypt(nonce, padded, header + id_bytes(id_))


def open_note(confirmation: bytes, key: bytes, id_: str) -> str:
    """The note ("" for none) of a confirmation made for this id with this key; raises ConfirmationError with the
    check that failed, in the spec's order."""
    if len(confirmation) != SIZE:
        raise _error(WRONG_LENGTH)
    if confirmation[0] != VERSION:
        raise _error(UNSUPPORTED_VERSION)
    header = confirmation[:1]
    try:
        padded = AESGCM(key).decrypt(confirmation[1 : 1 + NONCE_SIZE], confirmation[1 + NONCE_SIZE :], header + id_bytes(id_))
    except InvalidTag:
        raise _error(AUTHENTICATION_FAILED) from None
    (length,) = struct.unpack_from(">H", padded)
    note = padded[LENGTH_PREFIX_SIZE : LENGTH_PREFIX_SIZE + length]
    # The tag vouches for these bytes: a long prefix or non-zero padding means a client that does not follow the spec.
    if length > MAX_NOTE_BYTES or any(padded[LENGTH_PREFIX_SIZE + length :]):
        raise _error(MALFORMED_NOTE)
    try:
        return note.decode("utf-8")  # strict: an encoded surrogate is not UTF-8 either
    except UnicodeDecodeError:
        raise _error(MALFORMED_NOTE) from None


def _error(reason: str) -> ConfirmationError:
    return ConfirmationError(_MESSAGES[reason], reason)
