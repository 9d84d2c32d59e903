"""The client: encrypts here, stores ciphertext with the service, reads and opens it (as OneTimeClient.cs)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import List, Optional, Union

from google.protobuf import duration_pb2

from . import _confirmation, _envelope, _limits, _links, _requests
from ._types import ConfirmationDelivery, ConfirmationState, Limits, Secret, SecretReply, SecretRequest, SecretState, SecretStatus, SentLink
from .errors import ConfirmationError, InvalidLinkError, InvalidSecretRequestError, OneTimeError, RequestKeyNotFoundError, SecretTooLargeError
from .v1 import secrets_pb2

SecretInput = Union[str, bytes, bytearray, memoryview, Secret, "os.PathLike[str]"]

DEFAULT_TIMEOUT = 30.0


def _to_secret(secret: SecretInput) -> Secret:
    if isinstance(secret, Secret):
        return secret
    if isinstance(secret, str):
        return Secret.from_text(secret)
    if isinstance(secret, (bytes, bytearray, memoryview)):
        return Secret.from_file(bytes(secret))
    if isinstance(secret, os.PathLike):
        return Secret.from_path(secret)
    raise TypeError("secret must be str (text), bytes (an unnamed file), a Secret, or a path (os.PathLike) to a file")


def _payload(secret: Secret) -> bytes:
    if secret.text is not None:
        return _envelope.encode_payload(secret.text)
    return _envelope.encode_payload(None, secret.content, secret.file_name, secret.media_type)


def _from_payload(payload: bytes) -> Secret:
    message = _envelope.decode_payload(payload)
    if message.WhichOneof("content") == "text":
        return Secret.from_text(message.text)
    f = message.file
    return Secret._received_file(f.data, f.name, f.media_type)


@dataclass(frozen=True)
class _Target:
    """Where a link's calls go and the keys they need. A reply link is never confirmed (protos/README.md "Making one")."""

    address: str
    id: str
    keys: _envelope.DerivedKeys  # its repr shows nothing
    is_reply: bool


_UNIMPLEMENTED = 12  # a server from before ConfirmRead (or GetLimits)


def _time(message, name: str) -> Optional[datetime]:
    if not message.HasField(name):
        return None
    value = getattr(message, name)
    return datetime.fromtimestamp(value.seconds, timezone.utc) + timedelta(microseconds=value.nanos // 1000)


class Client:
    """Sends and reads one-time secrets over native gRPC. Secrets are encrypted here, before anything is sent:
    the service stores only ciphertext, and the key travels only in the link's fragment.

    ``url`` is the service's public base URL, on which links are built (``{url}/s#...``) and to which calls go.
    ``grpc_url`` sends every call there instead, when native gRPC is served elsewhere (a plain-HTTP server serves
    pages on 5080 and gRPC on 5081); by default calls go to the base URL of the link (or of ``url`` for sends),
    which works where TLS serves both through ALPN. ``ca`` is a PEM CA certificate (bytes, or a path) to trust,
    and only it, for https. ``timeout`` is each call's deadline in seconds. ``request_keys_dir`` is where requests'
    private keys are kept (default ``$XDG_CONFIG_HOME/onetime/requests``, else ``~/.config/onetime/requests``).

    Use it as a context manager, or call :meth:`close`, to close its channels. Thread-safe.
    """

    def __init__(
        self,
        url: str,
        *,
        grpc_url: Optional[str] = None,
        ca: Union[bytes, str, "os.PathLike[str]", None] = None,
        timeout: float = DEFAULT_TIMEOUT,
        request_keys_dir: Union[str, "os.PathLike[str]", None] = None,
    ) -> None:
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ValueError("url must be an http:// or https:// URL")
        if grpc_url is not None and not grpc_url.startswith(("http://", "https://")):
            raise ValueError("grpc_url must be an http:// or https:// URL")
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        if ca is not None and not isinstance(ca, bytes):
            with open(ca, "rb") as f:
                ca = f.read()
        self._base_url = _links.trim_base(url)
        self._grpc_url = None if grpc_url is None else _links.trim_base(grpc_url)
        # grpc is imported with the first client, not with the package: the CLI first quiets grpc-core's own
        # logging (GRPC_VERBOSITY), which is read once, at import, so that a failure is one line on stderr.
        from ._transport import Transport

        self._transport = Transport(timeout, ca)
        self._limits = _limits.LimitsCache()
        self._keys_dir = None if request_keys_dir is None else Path(request_keys_dir)
        self._key_store: Optional[_requests.KeyStore] = None

    def __repr__(self) -> str:
        return f"Client({self._base_url!r}, grpc_url={self._grpc_url!r})"

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Closes the gRPC channels."""
        self._transport.close()

    @property
    def _send_address(self) -> str:
        return self._grpc_url or self._base_url

    # --- Secrets -------------------------------------------------------------------------------------------

    def send(
        self,
        secret: SecretInput,
        *,
        ttl: Optional[timedelta] = None,
        views: int = 1,
        passphrase: Optional[str] = None,
    ) -> SentLink:
        """Encrypts and stores a secret; returns the link (``str(result)``) and when it expires.

        ``secret`` is text (``str``), an unnamed file (``bytes``), a :class:`Secret`, or a path (``pathlib.Path``)
        to a file sent under its name. ``ttl`` defaults to the service's; ``views`` is 1 to the service's
        ``max_views``; ``passphrase`` (never empty) must also be given by the reader and never leaves this process.

        The service's limits are checked first: :class:`OutOfRangeError` for a TTL or views out of range and
        :class:`SecretTooLargeError` before anything is uploaded. Also :class:`RateLimitedError`,
        :class:`StoreFullError`, :class:`InvalidSecretRequestError`, :class:`SecureConnectionError`,
        :class:`ServiceUnavailableError`.
        """
        content = _to_secret(secret)
        if passphrase is not None and passphrase == "":
            raise ValueError("A passphrase cannot be empty; pass None for none.")
        address = self._send_address
        limits = self.get_limits()
        _limits.check(ttl, views, limits)
        key = os.urandom(_envelope.KEY_SIZE)
        keys = _envelope.derive(key, passphrase)
        blob = _envelope.seal_blob(_payload(content), keys.encryption_key)
        _limits.check_size(len(blob), limits)
        response = self._store(address, blob, keys.auth_token, ttl, views)
        link = _links.build(self._base_url, response.id, key, passphrase is not None)
        expires = _time(response, "expires_at") or datetime.now(timezone.utc) + (ttl or limits.default_ttl)
        return SentLink(link, expires)

    def read(self, link: str, passphrase: Optional[str] = None, *, note: Optional[str] = None) -> Secret:
        """Reads a secret, taking one of its views; after the last one the link fails.

        Works for secret links and for reply links to requests made here. Returns a :class:`Secret`
        (``.content`` bytes, ``.text``, ``.file_name``, ``.views_left``). Raises :class:`InvalidLinkError`,
        :class:`SecretNotFoundError` (read, expired, burned, wrong link or passphrase; a wrong passphrase counts
        toward ``max_wrong_attempts``), :class:`SecretDecryptionError`, :class:`RequestKeyNotFoundError` (a reply
        whose request was not made here; nothing read), and the transport errors.

        After the last view of a secret link, tells the sender's client that it was read: a read confirmation that
        only a holder of the key can make, with ``note`` (at most 200 UTF-8 bytes, for the sender) sealed inside.
        Its failure never fails the read: ``.confirmation_delivery`` says whether it went through. A note that is
        too long, or given with a reply link (replies are not confirmed), is refused with ValueError before
        anything is read.
        """
        target = self._prepare(link, passphrase)
        if note and target.is_reply:
            raise ValueError("A reply link sends no read confirmation, so a note cannot go with it.")
        _confirmation.check_note(note)  # before Retrieve: a refused note must not cost the secret
        keys = target.keys
        response = self._transport.call(target.address, "Retrieve", secrets_pb2.RetrieveRequest(id=target.id, auth_token=keys.auth_token))
        secret = _from_payload(_envelope.open_blob(response.ciphertext, keys.encryption_key))
        secret.views_left = response.views_left
        if response.views_left == 0 and not target.is_reply:
            secret.confirmation_delivery = self._confirm(target, note)
        return secret

    def status(self, link: str, passphrase: Optional[str] = None) -> SecretStatus:
        """Waiting (views left, expiry), read (when) or gone, without taking a view. A wrong passphrase counts as a
        wrong attempt here too."""
        target = self._prepare(link, passphrase)
        response = self._transport.call(target.address, "Exists", secrets_pb2.ExistsRequest(id=target.id, auth_token=target.keys.auth_token))
        if response.state == secrets_pb2.SECRET_STATE_WAITING:
            state = SecretState.WAITING
        elif response.state == secrets_pb2.SECRET_STATE_READ:
            state = SecretState.READ
        else:
            # A server older than SecretState says only `exists`: then it has exactly one view.
            state = SecretState.WAITING if response.exists else SecretState.GONE
        gone = state is SecretState.GONE
        confirmation, note = ConfirmationState.NONE, None
        if state is SecretState.READ:
            confirmation, note = _check_confirmation(target, response.read_confirmation)
        return SecretStatus(
            state,
            None if gone else _time(response, "expires_at"),
            max(1, response.views_left) if state is SecretState.WAITING else 0,
            None if gone else _time(response, "read_at"),
            confirmation,
            note,
        )

    def burn(self, link: str, passphrase: Optional[str] = None) -> None:
        """Deletes a secret now, whatever views it has left, without reading it. :class:`SecretNotFoundError`
        when already gone or the link or passphrase is wrong (which burns nothing, but counts as a wrong attempt)."""
        target = self._prepare(link, passphrase)
        self._transport.call(target.address, "Burn", secrets_pb2.BurnRequest(id=target.id, auth_token=target.keys.auth_token))

    def get_limits(self) -> Limits:
        """The limits of the service this client sends to; kept five minutes. A server from before GetLimits gets
        the defaults it shipped with (1 MiB, 1 minute to 30 days, one view)."""
        return self._get_limits(self._send_address)

    def get_limits_for_link(self, link: str) -> Limits:
        """The limits of the service a link points to (e.g. how many wrong passphrases burn it)."""
        if self._grpc_url:
            return self._get_limits(self._grpc_url)
        for parse in (_requests.try_parse_reply, _requests.try_parse_request, _links.try_parse):
            parsed = parse(link)
            if parsed is not None:
                return self._get_limits(parsed.base_url)
        raise InvalidLinkError(_links.INVALID_LINK)

    @staticmethod
    def requires_passphrase(link: str) -> bool:
        """True when a secret link was sent with a passphrase, which the reader must then give."""
        if _requests.try_parse_reply(link) is not None or _requests.try_parse_request(link) is not None:
            return False
        return _links.parse(link).passphrase_required

    # --- Requests and replies ------------------------------------------------------------------------------

    def create_request(self, note: Optional[str] = None) -> SecretRequest:
        """Makes a request for a secret: a fresh P-256 key pair whose private key is kept here for 30 days, and a
        link holding the public key and ``note`` (at most 200 UTF-8 bytes, not encrypted). Nothing is sent."""
        checked = _requests.check_note(note)
        key = _requests.generate_key()
        link = _requests.RequestLink(self._base_url, _requests.public_point(key), checked)
        kept = _requests.KeptKey(link.key_id, _requests.pkcs8(key), link.requester_key, checked, link.base_url, datetime.now(timezone.utc))
        self._keys.save(kept)
        return SecretRequest(link.format(), link.fingerprint, link.key_id, link.note, kept.created_at)

    def list_requests(self) -> List[SecretRequest]:
        """The requests whose keys are kept here, oldest first (those over 30 days old are deleted first)."""
        return [SecretRequest(k.link.format(), k.link.fingerprint, k.key_id, k.note, k.created_at) for k in self._keys.list()]

    def forget_request(self, key_id: str) -> bool:
        """Deletes a request's private key: its replies can then no longer be opened. False when none is kept."""
        return self._keys.forget(key_id)

    @staticmethod
    def parse_request(request_link: str) -> SecretRequest:
        """What a request link asks for and its fingerprint, for the sender to compare. :class:`InvalidLinkError`."""
        link = _requests.parse_request(request_link)
        return SecretRequest(link.format(), link.fingerprint, link.key_id, link.note)

    @staticmethod
    def is_reply_link(link: str) -> bool:
        """True for a reply link (which opens only with the requester's key)."""
        return _requests.try_parse_reply(link) is not None

    def reply(self, request_link: str, secret: SecretInput, *, ttl: Optional[timedelta] = None) -> SecretReply:
        """Encrypts a secret to the requester of ``request_link`` and stores it on the request's service (or
        ``grpc_url``). Nobody but the requester can open the reply, this client included."""
        content = _to_secret(secret)
        request = _requests.parse_request(request_link)  # an invalid link is refused before anything else
        address = self._grpc_url or request.base_url
        limits = self._get_limits(address)
        _limits.check(ttl, 1, limits)
        agreed = _requests.for_sender(request.requester_key)
        keys = _envelope.derive(agreed.key, None)
        blob = _envelope.seal_blob(_payload(content), keys.encryption_key)
        _limits.check_size(len(blob), limits)
        response = self._store(address, blob, keys.auth_token, ttl, 0)
        if not _links.is_b64url_alphabet(response.id):
            raise OneTimeError("The service returned a malformed id.")
        reply = _requests.ReplyLink(request.base_url, response.id, agreed.ephemeral_key, request.key_id)
        expires = _time(response, "expires_at") or datetime.now(timezone.utc) + (ttl or limits.default_ttl)
        return SecretReply(reply.format(), expires, request.fingerprint, request.note)

    # --- Internals -----------------------------------------------------------------------------------------

    @property
    def _keys(self) -> _requests.KeyStore:
        if self._key_store is None:
            self._key_store = _requests.KeyStore(self._keys_dir or _requests.default_directory())
        return self._key_store

    def _get_limits(self, address: str) -> Limits:
        def fetch() -> Limits:
            try:
                return _limits.from_response(self._transport.call(address, "GetLimits", secrets_pb2.GetLimitsRequest()))
            except OneTimeError as error:
                if error.status_code == 12:  # UNIMPLEMENTED: a server from before GetLimits
                    return _limits.BEFORE_GET_LIMITS
                raise

        return self._limits.get(address, fetch)

    def _store(self, address: str, blob: bytes, token: bytes, ttl: Optional[timedelta], views: int):
        request = secrets_pb2.StoreRequest(ciphertext=blob, auth_token=token, max_views=views)
        if ttl is not None:  # unset: the service's default
            request.ttl.CopyFrom(duration_pb2.Duration(seconds=int(ttl.total_seconds()), nanos=ttl.microseconds * 1000))
        try:
            response = self._transport.call(address, "Store", request, storing=True)
        except (InvalidSecretRequestError, SecretTooLargeError):
            self._limits.forget(address)  # refused within the limits we had: they changed
            raise
        if len(response.id) != _links.ID_LENGTH:
            raise OneTimeError("The service returned a malformed id.")
        return response

    def _confirm(self, target: _Target, note: Optional[str]) -> ConfirmationDelivery:
        """ConfirmRead after the last view. The read has already succeeded and the secret is gone from the service,
        so nothing here may raise: whatever goes wrong (an older server, receipts off, the network) only means the
        sender was not told."""
        try:
            confirmation = _confirmation.seal(target.keys.confirmation_key, target.id, note)
            request = secrets_pb2.ConfirmReadRequest(id=target.id, auth_token=target.keys.auth_token, confirmation=confirmation)
            self._transport.call(target.address, "ConfirmRead", request)
        except OneTimeError as error:
            if error.status_code == _UNIMPLEMENTED:
                return ConfirmationDelivery.UNSUPPORTED  # a server from before ConfirmRead
            return ConfirmationDelivery.FAILED
        except Exception:  # noqa: BLE001 - the secret in hand is worth more than the sender's receipt
            return ConfirmationDelivery.FAILED
        return ConfirmationDelivery.DELIVERED

    def _prepare(self, link: str, passphrase: Optional[str]) -> _Target:
        """Where to call and the keys, for any readable link; a request link gets its own error."""
        if not isinstance(link, str):
            raise TypeError("link must be a str")
        if _requests.try_parse_request(link) is not None:
            raise InvalidLinkError(_requests.REQUEST_GIVEN_TO_READ)
        reply = _requests.try_parse_reply(link)
        if reply is None and _requests.looks_like_reply(link):
            raise InvalidLinkError(_requests.INVALID_REPLY_LINK)
        if reply is not None:
            kept = self._keys.find(reply.key_id)
            if kept is None:
                raise RequestKeyNotFoundError()
            agreed = _requests.for_requester(_requests.private_key_from_pkcs8(kept.private_key_pkcs8), reply.ephemeral_key)
            return _Target(self._grpc_url or reply.base_url, reply.id, _envelope.derive(agreed.key, None), True)
        parsed = _links.parse(link)
        if parsed.passphrase_required and not passphrase:
            raise ValueError("This link requires a passphrase.")
        keys = _envelope.derive(parsed.key, passphrase if parsed.passphrase_required else None)
        return _Target(self._grpc_url or parsed.base_url, parsed.id, keys, False)


def _check_confirmation(target: _Target, confirmation: bytes) -> "tuple[ConfirmationState, Optional[str]]":
    """protos/README.md "Checking one": empty is unconfirmed; one that does not open against this link is invalid,
    whichever check failed (wrong length, version, tag, malformed note): to the sender it does not verify."""
    if not confirmation:
        return ConfirmationState.UNCONFIRMED, None
    try:
        note = _confirmation.open_note(confirmation, target.keys.confirmation_key, target.id)
    except ConfirmationError:
        return ConfirmationState.INVALID, None
    return ConfirmationState.CONFIRMED, note or None
