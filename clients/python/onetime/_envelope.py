"""Envelope format 1 (protos/README.md "Envelope format 1"): keys, padding, blob, and the Payload inside.

Only SHA-256, HKDF-SHA256, PBKDF2-HMAC-SHA256 and AES-256-GCM, all from ``cryptography`` (OpenSSL).
"""

from __future__ import annotations

import os
import struct
import unicodedata
from dataclasses import dataclass
from typing import Optional

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from google.protobuf.message import DecodeError

from .errors import SecretDecryptionError
from .v1 import payload_pb2

VERSION = 1
KEY_SIZE = 32  # K, only ever in the link's fragment
AUTH_TOKEN_SIZE = 32
NONCE_SIZE = 12
TAG_SIZE = 16
PASSPHRASE_SALT_SIZE = 16
PASSPHRASE_KEY_SIZE = 32
# OWASP's 2023 floor for PBKDF2-HMAC-SHA256; a wrong guess must cost as much as a right one.
PASSPHRASE_ITERATIONS = 600_000
HEADER_SIZE = 1 + NONCE_SIZE
OVERHEAD = HEADER_SIZE + TAG_SIZE

LENGTH_PREFIX_SIZE = 4
MINIMUM_BUCKET = 256
LARGE_BUCKET_STEP = 64 * 1024

# Distinct, versioned HKDF labels: one key never serves two purposes, and format 2 cannot collide with 1.
ENCRYPTION_KEY_INFO = b"onetime/v1/encryption-key"
AUTH_TOKEN_INFO = b"onetime/v1/auth-token"
PASSPHRASE_SALT_INFO = b"onetime/v1/passphrase-salt"
# protos/README.md "Read confirmations (format 1)": the reader's client seals its confirmation with this key.
CONFIRMATION_KEY_INFO = b"onetime/v1/read-confirmation-key"
CONFIRMATION_KEY_SIZE = 32

DEFAULT_MEDIA_TYPE = "application/octet-stream"

# The names of the negative vectors (protos/testdata/envelope-v1.json "error").
TRUNCATED = "truncated"
UNSUPPORTED_VERSION = "unsupported_version"
AUTHENTICATION_FAILED = "authentication_failed"
MALFORMED_PLAINTEXT = "malformed_plaintext"

_MESSAGES = {
    UNSUPPORTED_VERSION: "The secret uses an envelope format this client does not know; it is corrupted or needs a newer client.",
    TRUNCATED: "The secret is corrupted (truncated ciphertext).",
    AUTHENTICATION_FAILED: "The secret is corrupted or the key is wrong: decryption failed.",
    MALFORMED_PLAINTEXT: "The secret is corrupted: its plaintext is malformed.",
}


@dataclass(frozen=True, repr=False)
class DerivedKeys:
    """What HKDF derives from K (with S): the AES key and the read-confirmation key stay here, the token goes to
    the server."""

    encryption_key: bytes
    auth_token: bytes
    confirmation_key: bytes

    def __repr__(self) -> str:
        return "DerivedKeys(…)"


def utf8(text: str, what: str) -> bytes:
    """UTF-8 of text that survives both ways; an unpaired surrogate is refused (protos/README.md "Text")."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"The {what} contains an unpaired UTF-16 surrogate, which UTF-8 cannot carry.") from None


def _hkdf(ikm: bytes, salt: Optional[bytes], info: bytes, length: int) -> bytes:
    # salt None is RFC 5869's default, HashLen zero bytes: what WebCrypto and .NET do with an empty salt.
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt or None, info=info).derive(ikm)


def passphrase_key(key: bytes, passphrase: str) -> bytes:
    """S = PBKDF2-HMAC-SHA256(NFC(passphrase), HKDF(K, "onetime/v1/passphrase-salt"), 600000, 32)."""
    if passphrase == "":
        raise ValueError("A passphrase cannot be empty.")
    utf8(passphrase, "passphrase")
    # NFC first: "Å" typed on two keyboards can be one code point or two, and both must open the secret.
    password = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    salt = _hkdf(key, None, PASSPHRASE_SALT_INFO, PASSPHRASE_SALT_SIZE)
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=PASSPHRASE_KEY_SIZE, salt=salt, iterations=PASSPHRASE_ITERATIONS)
    return kdf.derive(password)


def derive(key: bytes, passphrase: Optional[str]) -> DerivedKeys:
    """enc_key, auth_token and confirmation_key from K, with S (the passphrase key) as the HKDF salt when there is
    a passphrase: one PBKDF2 for all three."""
    if len(key) != KEY_SIZE:
        raise ValueError(f"The key must be {KEY_SIZE} bytes.")
    salt = None if passphrase is None else passphrase_key(key, passphrase)
    return DerivedKeys(
        _hkdf(key, salt, ENCRYPTION_KEY_INFO, 32),
        _hkdf(key, salt, AUTH_TOKEN_INFO, AUTH_TOKEN_SIZE),
        _hkdf(key, salt, CONFIRMATION_KEY_INFO, CONFIRMATION_KEY_SIZE),
    )


def bucket_size(payload_length: int) -> int:
    """Powers of two from 256 bytes to 64 KiB, then multiples of 64 KiB (a large file must not double)."""
    needed = payload_length + LENGTH_PREFIX_SIZE
    if needed <= LARGE_BUCKET_STEP:
        return max(MINIMUM_BUCKET, 1 << (needed - 1).bit_length())
    return -(-needed // LARGE_BUCKET_STEP) * LARGE_BUCKET_STEP


def pad(payload: bytes) -> bytes:
    """uint32 big-endian len(M) || M || zero bytes, to the bucket size."""
    size = bucket_size(len(payload))
    return struct.pack(">I", len(payload)) + payload + bytes(size - LENGTH_PREFIX_SIZE - len(payload))


def unpad(padded: bytes) -> Optional[bytes]:
    if len(padded) < LENGTH_PREFIX_SIZE:
        return None
    (length,) = struct.unpack_from(">I", padded)
    if length > len(padded) - LENGTH_PREFIX_SIZE:
        return None
    # The tag already vouches for these bytes; non-zero padding means a client that does not follow the spec.
    if any(padded[LENGTH_PREFIX_SIZE + length :]):
        return None
    return padded[LENGTH_PREFIX_SIZE : LENGTH_PREFIX_SIZE + length]


def seal_blob(payload: bytes, encryption_key: bytes, nonce: Optional[bytes] = None) -> bytes:
    """version || nonce || AES-256-GCM(padded) || tag, the version byte as associated data.

    ``nonce`` is for the test vectors only; a real seal draws a fresh one.
    """
    nonce = os.urandom(NONCE_SIZE) if nonce is None else nonce
    header = bytes([VERSION])
    return header + nonce + AESGCM(encryption_key).encrypt(nonce, pad(payload), header)


def open_blob(blob: bytes, encryption_key: bytes) -> bytes:
    """The serialized Payload; raises SecretDecryptionError with the check that failed, in the spec's order."""
    if len(blob) < 1:
        raise _error(TRUNCATED)
    # The version before the length, so that a future format with another layout reports as such.
    if blob[0] != VERSION:
        raise _error(UNSUPPORTED_VERSION)
    if len(blob) < OVERHEAD + LENGTH_PREFIX_SIZE:
        raise _error(TRUNCATED)
    try:
        padded = AESGCM(encryption_key).decrypt(blob[1:HEADER_SIZE], blob[HEADER_SIZE:], blob[:1])
    except InvalidTag:
        raise _error(AUTHENTICATION_FAILED) from None
    payload = unpad(padded)
    if payload is None:
        raise _error(MALFORMED_PLAINTEXT)
    return payload


def encode_payload(text: Optional[str], data: bytes = b"", name: Optional[str] = None, media_type: Optional[str] = None) -> bytes:
    """M: one Payload, text or file; the default media type is written as empty (protos/README.md)."""
    if text is not None:
        return payload_pb2.Payload(text=text).SerializeToString()
    kind = "" if media_type in (None, DEFAULT_MEDIA_TYPE) else media_type
    return payload_pb2.Payload(file=payload_pb2.FileContent(name=name or "", media_type=kind, data=data)).SerializeToString()


def decode_payload(payload: bytes) -> payload_pb2.Payload:
    """A Payload holding text (valid UTF-8) or a file; anything else is malformed_plaintext, never repaired."""
    if not _text_field_is_utf8(payload):
        raise _error(MALFORMED_PLAINTEXT)
    message = payload_pb2.Payload()
    try:
        message.ParseFromString(payload)
    except (DecodeError, RuntimeWarning, ValueError):
        raise _error(MALFORMED_PLAINTEXT) from None
    if message.WhichOneof("content") is None:
        raise _error(MALFORMED_PLAINTEXT)
    return message


def _text_field_is_utf8(payload: bytes) -> bool:
    """Checked on the wire bytes, as the C# client does: protobuf runtimes differ in how strictly they decode."""
    i = 0
    n = len(payload)
    while i < n:
        tag, i = _varint(payload, i)
        if tag is None:
            return False
        wire = tag & 7
        if wire == 0:
            _, i = _varint(payload, i)
            if _ is None:
                return False
        elif wire == 1 and n - i >= 8:
            i += 8
        elif wire == 5 and n - i >= 4:
            i += 4
        elif wire == 2:
            length, i = _varint(payload, i)
            if length is None or length > n - i:
                return False
            if tag >> 3 == 1:
                try:
                    payload[i : i + length].decode("utf-8")
                except UnicodeDecodeError:
                    return False
            i += length
        else:
            return False  # groups or a cut-off field: the parser rejects these anyway
    return True


def _varint(data: bytes, i: int) -> "tuple[Optional[int], int]":
    value = 0
    for shift in range(10):
        if i + shift >= len(data):
            return None, i
        byte = data[i + shift]
        value |= (byte & 0x7F) << (7 * shift)
        if byte < 0x80:
            return value, i + shift + 1
    return None, i


def _error(reason: str) -> SecretDecryptionError:
    return SecretDecryptionError(_MESSAGES[reason], reason)
