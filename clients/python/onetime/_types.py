"""The values the client hands out and takes: secrets, links, statuses, limits, requests and replies.

None of them shows a secret, a key or a link's fragment in its repr.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Optional, Union

from ._envelope import DEFAULT_MEDIA_TYPE, utf8


def _hide_fragment(link: str) -> str:
    base, hash_, _ = link.partition("#")
    return base + ("#…" if hash_ else "")


class Secret:
    """The content of a one-time secret: text or a file.

    ``content`` is always the bytes (the text as UTF-8); ``text`` is the text, or ``None`` for a file;
    ``file_name`` and ``media_type`` describe a file. ``views_left`` is set on a secret returned by
    :meth:`onetime.Client.read`: how many more times the link can be read (0 once this was the last view).
    ``confirmation_delivery`` says whether the sender was told of the read (only the last view of a secret link
    sends a confirmation). ``bytes(secret)`` gives ``content``. ``repr`` and ``str`` never show the content.
    """

    __slots__ = ("_text", "_content", "_file_name", "_media_type", "views_left", "confirmation_delivery")

    def __init__(self, *, text: Optional[str], content: bytes, file_name: Optional[str], media_type: Optional[str]) -> None:
        self._text = text
        self._content = content
        self._file_name = file_name
        self._media_type = media_type
        self.views_left: Optional[int] = None
        self.confirmation_delivery = ConfirmationDelivery.NONE

    @classmethod
    def from_text(cls, text: str) -> "Secret":
        """A text secret. Text with an unpaired surrogate (which UTF-8 cannot carry) is refused with ValueError."""
        if not isinstance(text, str):
            raise TypeError("text must be a str")
        return cls(text=text, content=utf8(text, "text"), file_name=None, media_type=None)

    @classmethod
    def from_file(cls, data: bytes, file_name: Optional[str] = None, media_type: Optional[str] = None) -> "Secret":
        """A file secret. Only the last component of ``file_name`` is sent, split at both "/" and "\\" on every
        platform (protos/README.md "File names"); ``media_type`` None means application/octet-stream."""
        name = None
        if file_name is not None:
            utf8(file_name, "file name")
            name = file_name[max(file_name.rfind("/"), file_name.rfind("\\")) + 1 :]
        return cls(text=None, content=bytes(data), file_name=name, media_type=media_type or DEFAULT_MEDIA_TYPE)

    @classmethod
    def from_path(cls, path: Union[str, "os.PathLike[str]"], media_type: Optional[str] = None) -> "Secret":
        """The file at ``path``, byte for byte, under its own name (without directories)."""
        with open(path, "rb") as f:
            data = f.read()
        return cls.from_file(data, os.path.basename(os.fspath(path)), media_type)

    @classmethod
    def _received_file(cls, data: bytes, file_name: str, media_type: str) -> "Secret":
        # As received: the name exactly as the sender wrote it (readers never use it as a path).
        return cls(text=None, content=data, file_name=file_name or None, media_type=media_type or DEFAULT_MEDIA_TYPE)

    @property
    def text(self) -> Optional[str]:
        """The text, or ``None`` when the secret is a file."""
        return self._text

    @property
    def content(self) -> bytes:
        """The secret's bytes: the file's content, or the text as UTF-8."""
        return self._content

    @property
    def is_file(self) -> bool:
        """True for a file (or raw bytes) rather than text."""
        return self._text is None

    @property
    def file_name(self) -> Optional[str]:
        """The sender's file name, or ``None``. Chosen by the sender: never use it as a path as it is."""
        return self._file_name

    @property
    def media_type(self) -> Optional[str]:
        """The file's media type (application/octet-stream when the sender gave none); ``None`` for text."""
        return self._media_type

    def __bytes__(self) -> bytes:
        return self._content

    def __len__(self) -> int:
        return len(self._content)

    def __repr__(self) -> str:
        kind = "file" if self.is_file else "text"
        views = "" if self.views_left is None else f", views_left={self.views_left}"
        return f"<Secret {kind}, {len(self._content)} bytes{views}>"

    __str__ = __repr__


@dataclass(frozen=True)
class SentLink:
    """The link to a stored secret and when it expires unread. ``str(sent)`` is the link itself: anyone holding it
    can read the secret, so give it only to the reader. ``repr`` hides the fragment (the key)."""

    link: str = field(repr=False)
    expires_at: datetime

    def __str__(self) -> str:
        return self.link

    def __repr__(self) -> str:
        return f"SentLink(link={_hide_fragment(self.link)!r}, expires_at={self.expires_at.isoformat()!r})"


class ConfirmationDelivery(enum.Enum):
    """Whether the sender was told of a read (:attr:`Secret.confirmation_delivery`). A confirmation that cannot be
    delivered never fails the read: the secret is returned all the same."""

    NONE = "none"
    """Nothing to confirm: views remain, a reply link, or a secret made here to be sent."""
    DELIVERED = "delivered"
    """The service kept the confirmation: the sender's status shows the read as confirmed (with the note)."""
    UNSUPPORTED = "unsupported"
    """The service does not take read confirmations (a server from before them); its receipt still says "read"."""
    FAILED = "failed"
    """The confirmation did not reach the receipt: unreachable, read receipts off, the receipt gone, or one already
    there. The sender sees the read as unconfirmed, or not at all."""


class SecretState(enum.Enum):
    """What the service knows about a secret."""

    GONE = "gone"
    """No such secret: expired, burned, read (without read receipts), never stored, or a wrong link or passphrase."""
    WAITING = "waiting"
    """It can still be read: it has views left."""
    READ = "read"
    """Every view was taken; ``read_at`` says when the last one was."""


class ConfirmationState(enum.Enum):
    """What the reader's confirmation of a read secret shows (protos/README.md "Read confirmations").

    A confirmation proves that someone holding the link's key (and passphrase) read the secret: the service cannot
    make one, change its note, or copy one from another secret. It does not prove who (anyone with the link can make
    one, the sender included), nor when (``read_at`` is the service's clock, and a service can hold a confirmation
    back, though it cannot make an unread secret look confirmed). Only the last view of a secret is confirmed.
    """

    NONE = "none"
    """Not read yet (or gone): there is nothing to confirm."""
    CONFIRMED = "confirmed"
    """Read, and the reader's client confirmed it with the key; ``reader_note`` holds its note, if any."""
    UNCONFIRMED = "unconfirmed"
    """Read on the service's word only: an older reader's client, a confirmation that could not be delivered, or a
    service that dropped it."""
    INVALID = "invalid"
    """Read on the service's word, with a confirmation that does not verify against this link: altered, made for
    another secret, or made up. Treat it as unconfirmed."""


@dataclass(frozen=True)
class SecretStatus:
    """What :meth:`onetime.Client.status` reports, without taking a view. ``repr`` never shows the note."""

    state: SecretState
    expires_at: Optional[datetime]
    """When the secret (or, once read, its receipt) expires; ``None`` when gone."""
    views_left: int
    """How many more times it can be read; 0 unless waiting."""
    read_at: Optional[datetime]
    """When it was last read: once read, and while waiting after a view of a multi-view secret was taken."""
    confirmation: ConfirmationState = ConfirmationState.NONE
    """Once read, whether the reader's client confirmed the read with the link's key, checked here against this link."""
    reader_note: Optional[str] = field(default=None, repr=False)
    """The reader's note, only when confirmed and the reader wrote one. Text someone else typed: show it without
    control or bidirectional characters."""

    @property
    def exists(self) -> bool:
        """True while the secret can be read."""
        return self.state is SecretState.WAITING


@dataclass(frozen=True)
class Limits:
    """A service's limits, as :meth:`onetime.Client.get_limits` reports them."""

    max_ciphertext_bytes: int
    """The largest encrypted secret accepted, in bytes, padding included."""
    min_ttl: timedelta
    max_ttl: timedelta
    default_ttl: timedelta
    """The lifetime a secret sent without one gets."""
    max_views: int
    max_wrong_attempts: int
    """How many wrong tokens (a wrong passphrase) burn a secret, from any reader; 0 when the service does not say."""
    read_receipts: bool
    """Whether status can report READ after the last view."""


@dataclass(frozen=True)
class SecretRequest:
    """A request for a secret: its link holds only the requester's public key and an optional note.

    ``fingerprint`` is five groups of four digits, read out to the sender over another channel; ``key_id`` names the
    private key kept here; ``created_at`` is set for requests kept here, ``None`` for a parsed link. ``note`` was
    chosen by whoever made the link: show it as text only. ``str(request)`` is the link.
    """

    link: str
    fingerprint: str
    key_id: str
    note: Optional[str]
    created_at: Optional[datetime] = None

    def __str__(self) -> str:
        return self.link


@dataclass(frozen=True)
class SecretReply:
    """A secret sent in reply to a request: ``link`` opens only with the requester's private key (not the sender's).

    ``fingerprint`` and ``note`` are the request's, to compare with what the requester reads out. ``str(reply)`` is
    the link.
    """

    link: str
    expires_at: datetime
    fingerprint: str
    note: Optional[str]

    def __str__(self) -> str:
        return self.link
