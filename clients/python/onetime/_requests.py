"""Requests and replies, format 1 (protos/README.md "Requests and replies (format 1)").

P-256 ECDH and HKDF from ``cryptography``; the request and reply links; and the requester's key files, in the
same format and folder as the C# client (OneTime.Client/Internal/Requests/RequestKeyFile.cs), so that a request
made by any language's CLI on an account is answered and read by any other's.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
import struct
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import List, Optional

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from . import _links
from ._envelope import utf8
from .errors import InvalidLinkError, OneTimeError

REQUEST_VERSION = "1"
REPLY_VERSION = "1r"
REQUEST_PATH = "r"  # the web UI's request page; replies use the ordinary reveal page "s"
POINT_SIZE = 65
POINT_LENGTH = 87  # 65 bytes, base64url without padding
KEY_ID_SIZE = 9
KEY_ID_LENGTH = 12
MAX_NOTE_BYTES = 200
REPLY_KEY_SIZE = 32
FINGERPRINT_GROUPS = 5
FINGERPRINT_MODULUS = 10_000
# As long as the longest TTL a reply can have; older keys are deleted when the store is next touched.
KEY_LIFETIME = timedelta(days=30)

FINGERPRINT_LABEL = b"onetime/v1/request-fingerprint"
KEY_ID_LABEL = b"onetime/v1/request-key-id"
REPLY_KEY_INFO = b"onetime/v1/reply-key"

INVALID_REQUEST_LINK = (
    "This is not a valid OneTime request link ({base URL}/r#1.{key}[.{note}]); was it cut short or changed when copied?"
)
INVALID_REPLY_LINK = (
    "This is not a valid OneTime reply link ({base URL}/s#1r.{id}.{key}.{key id}); was it cut short or changed when copied?"
)
REQUEST_GIVEN_TO_READ = "This is a request link: it asks for a secret and holds none. Send a reply to it instead."

_CURVE = ec.SECP256R1()


# --- P-256 -----------------------------------------------------------------------------------------------------


def generate_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(_CURVE)


def key_from_scalar(d: bytes) -> ec.EllipticCurvePrivateKey:
    """A key from its 32-byte big-endian scalar (the vectors' fixed keys)."""
    return ec.derive_private_key(int.from_bytes(d, "big"), _CURVE)


def public_point(key: ec.EllipticCurvePrivateKey) -> bytes:
    """Uncompressed SEC 1 point, 0x04 || X || Y: what WebCrypto's "raw" export writes."""
    return key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)


def import_point(point: bytes) -> Optional[ec.EllipticCurvePublicKey]:
    """The public key, or None unless 65 bytes, uncompressed and on the curve (which stops invalid-curve attacks)."""
    if len(point) != POINT_SIZE or point[0] != 0x04:
        return None
    try:
        return ec.EllipticCurvePublicKey.from_encoded_point(_CURVE, point)
    except ValueError:
        return None


def agree(own: ec.EllipticCurvePrivateKey, other: ec.EllipticCurvePublicKey) -> bytes:
    """Z: the 32-byte x-coordinate of the shared point."""
    return own.exchange(ec.ECDH(), other)


# --- Derivations -----------------------------------------------------------------------------------------------


def fingerprint(requester_key: bytes, note: bytes) -> str:
    """Five groups of 4 decimal digits from SHA-256(label || R || note): about 2^66 values, compared aloud."""
    h = hashlib.sha256(FINGERPRINT_LABEL + requester_key + note).digest()
    return " ".join(f"{struct.unpack_from('>I', h, 4 * i)[0] % FINGERPRINT_MODULUS:04d}" for i in range(FINGERPRINT_GROUPS))


def key_id(requester_key: bytes) -> str:
    """Names the private key among the pending requests; public (every reply link carries it)."""
    return _links.b64url_encode(hashlib.sha256(KEY_ID_LABEL + requester_key).digest()[:KEY_ID_SIZE])


def reply_key(shared_secret: bytes, ephemeral_key: bytes, requester_key: bytes) -> bytes:
    """K = HKDF(Z, salt = empty, info = label || E || R): bound to one ephemeral key and one request."""
    return HKDF(algorithm=hashes.SHA256(), length=REPLY_KEY_SIZE, salt=None, info=REPLY_KEY_INFO + ephemeral_key + requester_key).derive(
        shared_secret
    )


@dataclass(frozen=True, repr=False)
class ReplyKeys:
    """E for the link, Z and K (the envelope's key). Secret: never in repr."""

    ephemeral_key: bytes
    shared_secret: bytes
    key: bytes

    def __repr__(self) -> str:
        return "ReplyKeys(…)"


def for_sender(requester_key: bytes, ephemeral: Optional[ec.EllipticCurvePrivateKey] = None) -> ReplyKeys:
    """The sender's side, with a fresh ephemeral key (or the vectors' fixed one)."""
    requester = import_point(requester_key)
    if requester is None:
        raise ValueError("The requester's key is not a P-256 point.")
    ephemeral = ephemeral or generate_key()
    e = public_point(ephemeral)
    z = agree(ephemeral, requester)
    return ReplyKeys(e, z, reply_key(z, e, requester_key))


def for_requester(requester: ec.EllipticCurvePrivateKey, ephemeral_key: bytes) -> ReplyKeys:
    ephemeral = import_point(ephemeral_key)
    if ephemeral is None:
        raise ValueError("The ephemeral key is not a P-256 point.")
    z = agree(requester, ephemeral)
    return ReplyKeys(ephemeral_key, z, reply_key(z, ephemeral_key, public_point(requester)))


# --- Links -----------------------------------------------------------------------------------------------------


def check_note(note: Optional[str]) -> Optional[str]:
    """An empty note is no note; an unpaired surrogate or over 200 UTF-8 bytes is refused."""
    if not note:
        return None
    if len(utf8(note, "note")) > MAX_NOTE_BYTES:
        raise ValueError(f"The note is longer than {MAX_NOTE_BYTES} bytes (UTF-8).")
    return note


@dataclass(frozen=True)
class RequestLink:
    """base-url "/r#" "1" "." R [ "." note ]: only public material."""

    base_url: str
    requester_key: bytes
    note: Optional[str]

    @property
    def note_bytes(self) -> bytes:
        return b"" if self.note is None else self.note.encode("utf-8")

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.requester_key, self.note_bytes)

    @property
    def key_id(self) -> str:
        return key_id(self.requester_key)

    def format(self) -> str:
        link = f"{self.base_url}/{REQUEST_PATH}#{REQUEST_VERSION}.{_links.b64url_encode(self.requester_key)}"
        return link if self.note is None else f"{link}.{_links.b64url_encode(self.note_bytes)}"


def try_parse_request(link: str) -> Optional[RequestLink]:
    """Everything checked, the point on the curve included, so an invalid link is refused before anything else."""
    parts = _links.split(link, REQUEST_PATH)
    if parts is None:
        return None
    base_url, fragment = parts
    fields = fragment.split(".")
    if not 2 <= len(fields) <= 3 or fields[0] != REQUEST_VERSION or len(fields[1]) != POINT_LENGTH:
        return None
    point = _links.b64url_decode_canonical(fields[1])
    if point is None or import_point(point) is None:
        return None
    note = None
    if len(fields) == 3:
        note_bytes = _links.b64url_decode_canonical(fields[2])
        if note_bytes is None or len(note_bytes) > MAX_NOTE_BYTES:
            return None
        try:
            note = note_bytes.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return RequestLink(base_url, point, note)


def parse_request(link: str) -> RequestLink:
    parsed = try_parse_request(link)
    if parsed is None:
        raise InvalidLinkError(INVALID_REQUEST_LINK)
    return parsed


@dataclass(frozen=True)
class ReplyLink:
    """base-url "/s#" "1r" "." id "." E "." key-id: no key; opening needs the requester's private key."""

    base_url: str
    id: str
    ephemeral_key: bytes
    key_id: str

    def format(self) -> str:
        return ".".join(
            [f"{self.base_url}/{_links.REVEAL_PATH}#{REPLY_VERSION}", self.id, _links.b64url_encode(self.ephemeral_key), self.key_id]
        )


def try_parse_reply(link: str) -> Optional[ReplyLink]:
    parts = _links.split(link, _links.REVEAL_PATH)
    if parts is None:
        return None
    base_url, fragment = parts
    f = fragment.split(".")
    if (
        len(f) != 4
        or f[0] != REPLY_VERSION
        or len(f[1]) != _links.ID_LENGTH
        or not _links.is_b64url_alphabet(f[1])
        or len(f[2]) != POINT_LENGTH
        or len(f[3]) != KEY_ID_LENGTH
        or not _links.is_b64url_alphabet(f[3])
    ):
        return None
    point = _links.b64url_decode_canonical(f[2])
    if point is None or import_point(point) is None:
        return None
    return ReplyLink(base_url, f[1], point, f[3])


def looks_like_reply(link: str) -> bool:
    """A link meant as a reply (its fragment starts "1r."), valid or not: it gets the reply link's own error."""
    return isinstance(link, str) and f"#{REPLY_VERSION}." in link


# --- Key files -------------------------------------------------------------------------------------------------

_FILE_FORMAT = 1
_EXTENSION = ".json"


@dataclass(frozen=True, repr=False)
class KeptKey:
    """d as PKCS#8 with R, the note, the base URL and when it was made. The private key never appears in repr."""

    key_id: str
    private_key_pkcs8: bytes
    requester_key: bytes
    note: Optional[str]
    base_url: str
    created_at: datetime

    @property
    def link(self) -> RequestLink:
        return RequestLink(self.base_url, self.requester_key, self.note)

    def __repr__(self) -> str:
        return f"KeptKey(key_id={self.key_id!r}, created_at={self.created_at.isoformat()})"


def write_key_file(key: KeptKey) -> bytes:
    """The JSON the C# client writes (RequestKeyFile.cs): same fields, same spellings, indented by two."""
    created = key.created_at.astimezone(timezone.utc)
    return json.dumps(
        {
            "format": _FILE_FORMAT,
            "key_id": key.key_id,
            "private_key_pkcs8": base64.b64encode(key.private_key_pkcs8).decode("ascii"),
            "requester_key": _links.b64url_encode(key.requester_key),
            "note": key.note,
            "base_url": key.base_url,
            # .NET's round-trip ("O") form, seven fractional digits, so either client parses the other's.
            "created_at": created.strftime("%Y-%m-%dT%H:%M:%S.%f") + "0+00:00",
        },
        indent=2,
    ).encode("utf-8")


def read_key_file(data: bytes) -> Optional[KeptKey]:
    """None when the file is not a key file this version can use; the store then leaves it alone."""
    try:
        node = json.loads(data)
        if not isinstance(node, dict) or node.get("format") != _FILE_FORMAT:
            return None
        requester_key = base64.urlsafe_b64decode(node["requester_key"] + "=" * (-len(node["requester_key"]) % 4))
        key = KeptKey(
            node["key_id"],
            base64.b64decode(node["private_key_pkcs8"], validate=True),
            requester_key,
            node.get("note"),
            node["base_url"],
            _parse_time(node["created_at"]),
        )
        return key if key.key_id == key_id(key.requester_key) else None
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _parse_time(text: str) -> datetime:
    # .NET writes seven fractional digits; datetime takes at most six.
    if "." in text:
        head, rest = text.split(".", 1)
        digits = len(rest) - len(rest.lstrip("0123456789"))
        text = head + "." + rest[: min(digits, 6)].ljust(6, "0") + rest[digits:]
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def default_directory() -> Path:
    """$XDG_CONFIG_HOME/onetime/requests, else ~/.config/onetime/requests (as .NET's ApplicationData on Unix)."""
    config = os.environ.get("XDG_CONFIG_HOME")
    if config and os.path.isabs(config):
        return Path(config) / "onetime" / "requests"
    home = os.environ.get("HOME") or os.path.expanduser("~")
    if not home or home == "~":
        raise OneTimeError("No place to keep the request's key: neither XDG_CONFIG_HOME nor HOME is set.")
    return Path(home) / ".config" / "onetime" / "requests"


def is_key_id(text: str) -> bool:
    # Key ids come from links: only the 12 base64url characters the format allows ever reach a path.
    return len(text) == KEY_ID_LENGTH and _links.is_b64url_alphabet(text)


class KeyStore:
    """{directory}/{key_id}.json: the folder 0700, each file 0600 and created exclusively; a file others may read
    or write is refused (whoever reads it opens the replies); keys older than 30 days are deleted on every use."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def path_of(self, key_id_: str) -> Path:
        return self.directory / (key_id_ + _EXTENSION)

    def save(self, key: KeptKey) -> None:
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.prune()
        # O_EXCL: never overwrite, never follow a planted symlink; 0600 whatever the umask.
        fd = os.open(self.path_of(key.key_id), os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, write_key_file(key))
            os.fsync(fd)
        finally:
            os.close(fd)

    def find(self, key_id_: str) -> Optional[KeptKey]:
        if not is_key_id(key_id_):
            return None
        self.prune()
        path = self.path_of(key_id_)
        if not path.is_file():
            return None
        if os.name != "nt" and stat.S_IMODE(path.stat().st_mode) & 0o077:
            raise OneTimeError(
                f"The request's key file {path} is open to other users, so it is not used; make it private (chmod 600) or forget the request."
            )
        key = read_key_file(path.read_bytes())
        return key if key is not None and key.key_id == key_id_ else None

    def list(self) -> List[KeptKey]:
        self.prune()
        keys = [k for k in (self._try_read(p) for p in self._files()) if k is not None]
        return sorted(keys, key=lambda k: k.created_at)

    def forget(self, key_id_: str) -> bool:
        path = self.path_of(key_id_)
        if not is_key_id(key_id_) or not path.is_file():
            return False
        path.unlink()
        return True

    def prune(self) -> None:
        """Deletes keys made more than 30 days ago: no reply to them can still be on the server."""
        oldest = datetime.now(timezone.utc) - KEY_LIFETIME
        for path in self._files():
            key = self._try_read(path)
            if key is not None and key.created_at < oldest:
                try:
                    path.unlink()
                except OSError:
                    pass  # another process pruned it first, or it is not ours

    def _files(self) -> List[Path]:
        if not self.directory.is_dir():
            return []
        return [p for p in self.directory.glob("*" + _EXTENSION) if is_key_id(p.stem)]

    @staticmethod
    def _try_read(path: Path) -> Optional[KeptKey]:
        try:
            return read_key_file(path.read_bytes())
        except OSError:
            return None


def private_key_from_pkcs8(data: bytes) -> ec.EllipticCurvePrivateKey:
    try:
        key = serialization.load_der_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise OneTimeError("The request's key file holds no usable private key; forget the request and make a new one.") from None
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise OneTimeError("The request's key file holds no usable private key; forget the request and make a new one.")
    return key


def pkcs8(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
