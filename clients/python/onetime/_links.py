"""Links in their one spelling (protos/README.md "Link"): base-url "/s#" version [p] "." id "." key.

Parsers check the raw string and never repair it: a URL library would quietly turn ``HTTPS://``, ``:443``,
``//s``, ``%73`` or ``127.1`` into a link that works, so the base URL is matched against the grammar instead
(as the C# client's BaseUrlGrammar.cs does), and the forms a WHATWG URL serializer would rewrite (IPv4, IPv6,
punycode labels) are checked by writing them back.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from .errors import InvalidLinkError

LINK_VERSION = "1"
PASSPHRASE_FLAG = "p"
SEPARATOR = "."
REVEAL_PATH = "s"  # the web UI's reveal page; holds nothing secret
ID_LENGTH = 22  # 16 bytes, base64url without padding (StoreResponse.id)
KEY_LENGTH = 43  # 32 bytes, base64url without padding

INVALID_LINK = "This is not a valid OneTime link ({base URL}/s#1.{id}.{key}); was it cut short when copied?"

_ALPHABET = re.compile(r"[A-Za-z0-9_-]+\Z")
_HEX_NUMBER = re.compile(r"0x[0-9a-f]*\Z")
_MAX_LABEL_LENGTH = 63  # RFC 1035 2.3.4, as DNS carries a name
_MAX_NAME_LENGTH = 253  # in text, without the final "."
_UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_BASE_URL = re.compile(
    r"(?P<scheme>https|http)://(?P<host>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?|\[[0-9a-f:]+\])"
    r"(?::(?P<port>[1-9][0-9]{0,4}))?(?P<path>(?:/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-F]{2})+)*)\Z"
)


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def is_b64url_alphabet(text: str) -> bool:
    return bool(_ALPHABET.match(text))


def b64url_decode_canonical(text: str) -> Optional[bytes]:
    """base64url without padding in its one spelling (spare bits zero), else None: one value, one link."""
    if not text or not is_b64url_alphabet(text):
        return None
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
    return data if b64url_encode(data) == text else None


def is_canonical_base_url(base_url: str) -> bool:
    """The base URL exactly as a WHATWG URL serializer writes it, within the grammar of protos/README.md."""
    match = _BASE_URL.match(base_url)
    if not match:
        return False
    port = match.group("port")
    if port is not None and (int(port) > 65535 or int(port) == (443 if match.group("scheme") == "https" else 80)):
        return False
    host = match.group("host")
    host_ok = _is_canonical_ipv6(host[1:-1]) if host.startswith("[") else _is_canonical_name(host)
    return host_ok and all(_is_canonical_segment(s) for s in match.group("path").split("/")[1:])


def _is_canonical_name(host: str) -> bool:
    # WHATWG URL: a host whose last label is a number (decimal, or "0x" and hex digits) is an IPv4 address, written
    # as four decimal parts; "0xg" is no number, so a name. A name DNS cannot carry (RFC 1035 2.3.4) opens nowhere.
    labels = host.split(".")
    last = labels[-2] if labels[-1] == "" and len(labels) > 1 else labels[-1]
    if len(host.rstrip(".")) > _MAX_NAME_LENGTH or any(len(label) > _MAX_LABEL_LENGTH for label in labels):
        return False
    if last and (last.isdigit() or _HEX_NUMBER.match(last)):
        try:
            return str(ipaddress.IPv4Address(host)) == host
        except ValueError:
            return False
    return all(_is_idn_label(label) for label in labels if label.startswith("xn--"))


def _is_right_to_left(c: str) -> bool:
    n = ord(c)
    return (
        0x590 <= n <= 0x8FF or 0xFB1D <= n <= 0xFDFF or 0xFE70 <= n <= 0xFEFF or 0x10800 <= n <= 0x10FFF or 0x1E800 <= n <= 0x1EFFF
    )


def _is_unlike_uts46(c: str) -> bool:
    # UTS #46 maps or disallows these; also the symbols it disallows among the specials and ideographic description.
    n = ord(c)
    return (
        unicodedata.category(c)[0] in "CZ"
        or unicodedata.normalize("NFKC", c) != c
        or c.lower() != c
        or 0x2FF0 <= n <= 0x2FFF
        or 0xFFF0 <= n <= 0xFFFF
    )


def _is_idn_label(label: str) -> bool:
    """protos/README.md "Link", the rules for an xn-- label: canonical Punycode of a U-label with a non-ASCII
    character, in NFC, not beginning with a mark, without the hyphens RFC 5891 forbids, right-to-left only as a whole;
    for rule 5 (no UTS #46 table in the standard library) each character unchanged by NFKC and lower-casing and of no
    General_Category C or Z."""
    try:
        u = label[4:].encode("ascii").decode("punycode")
        if u.encode("punycode").decode("ascii") != label[4:]:
            return False
    except (UnicodeError, ValueError):
        return False
    if u.isascii() or not unicodedata.is_normalized("NFC", u) or unicodedata.category(u[0]).startswith("M"):
        return False
    if u.startswith("-") or u.endswith("-") or u[2:4] == "--":
        return False
    if any(_is_unlike_uts46(c) for c in u):
        return False
    if not any(_is_right_to_left(c) for c in u):
        return True
    body = u.rstrip("".join(c for c in u if unicodedata.category(c).startswith("M")))
    return (
        all(_is_right_to_left(c) for c in u)
        and unicodedata.category(u[0]).startswith("L")
        and body != ""
        and unicodedata.category(body[-1]) in ("Lu", "Ll", "Lt", "Lm", "Lo", "Nd")
        and not (any("\u0660" <= c <= "\u0669" for c in u) and any("\u06f0" <= c <= "\u06f9" for c in u))
    )


def _is_canonical_ipv6(text: str) -> bool:
    # RFC 5952 as the URL standard writes it: lower-case hex without leading zeros, the first longest run of two or
    # more zero pieces as "::", never an embedded IPv4 form. Written here, not by ipaddress, whose form has varied.
    try:
        packed = ipaddress.IPv6Address(text).packed
    except ValueError:
        return False
    pieces = [packed[2 * i] << 8 | packed[2 * i + 1] for i in range(8)]
    start, length = -1, 1
    i = 0
    while i < 8:
        run = 0
        while i + run < 8 and pieces[i + run] == 0:
            run += 1
        if run > length:
            start, length = i, run
        i += max(run, 1)
    if start < 0:
        written = ":".join(f"{p:x}" for p in pieces)
    else:
        head = ":".join(f"{p:x}" for p in pieces[:start])
        tail = ":".join(f"{p:x}" for p in pieces[start + length :])
        written = head + "::" + tail
    return written == text


def _is_canonical_segment(segment: str) -> bool:
    # RFC 3986 6.2.2: escapes upper case and never of an unreserved character ("%73" is "s"); no dot segments.
    if segment in (".", ".."):
        return False
    for m in re.finditer(r"%([0-9A-F]{2})", segment):
        if chr(int(m.group(1), 16)) in _UNRESERVED:
            return False
    return True


def split(link: str, page: str) -> Optional["tuple[str, str]"]:
    """(base URL, fragment) of "{base URL}/{page}#{fragment}" with a canonical base URL, else None."""
    if not isinstance(link, str):
        return None
    hash_at = link.find("#")
    suffix = "/" + page
    if hash_at < 0 or not link[:hash_at].endswith(suffix):
        return None
    base_url = link[: hash_at - len(suffix)]
    return (base_url, link[hash_at + 1 :]) if is_canonical_base_url(base_url) else None


@dataclass(frozen=True, repr=False)
class SecretLink:
    """A parsed secret link. The key is secret: it never appears in repr."""

    base_url: str
    id: str
    key: bytes
    passphrase_required: bool

    def format(self) -> str:
        return build(self.base_url, self.id, self.key, self.passphrase_required)

    def __repr__(self) -> str:
        return f"SecretLink(base_url={self.base_url!r}, passphrase_required={self.passphrase_required})"


def parse_fragment(fragment: str) -> Optional["tuple[str, bytes, bool]"]:
    parts = fragment.split(SEPARATOR)
    if len(parts) != 3:
        return None
    head, id_, key_text = parts
    if head == LINK_VERSION:
        passphrase = False
    elif head == LINK_VERSION + PASSPHRASE_FLAG:
        passphrase = True
    else:
        return None
    if len(id_) != ID_LENGTH or not is_b64url_alphabet(id_) or len(key_text) != KEY_LENGTH:
        return None
    # 43 characters carry 258 bits: only the canonical spelling (low 2 bits zero) is accepted.
    key = b64url_decode_canonical(key_text)
    return None if key is None else (id_, key, passphrase)


def try_parse(link: str) -> Optional[SecretLink]:
    parts = split(link, REVEAL_PATH)
    if parts is None:
        return None
    fragment = parse_fragment(parts[1])
    return None if fragment is None else SecretLink(parts[0], *fragment)


def parse(link: str) -> SecretLink:
    parsed = try_parse(link)
    if parsed is None:
        raise InvalidLinkError(INVALID_LINK)
    return parsed


def trim_base(url: str) -> str:
    """"http://host/", "http://host" and "http://host/prefix/" all name the same base."""
    return url.split("#", 1)[0].split("?", 1)[0].rstrip("/")


def build(base_url: str, id_: str, key: bytes, passphrase_required: bool) -> str:
    head = LINK_VERSION + (PASSPHRASE_FLAG if passphrase_required else "")
    return f"{trim_base(base_url)}/{REVEAL_PATH}#{head}{SEPARATOR}{id_}{SEPARATOR}{b64url_encode(key)}"
