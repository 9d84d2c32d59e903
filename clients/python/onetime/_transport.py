"""Native gRPC with grpcio: one channel per service address, TLS with an optional private CA, and the one place
where a failed call becomes the error callers catch (as the C# client's GrpcStatusMapping.cs).

Messages name the service's address at most: never the link, token or ciphertext.
"""

from __future__ import annotations

import math
import re
import socket
import ssl
import threading
from datetime import timedelta
from typing import Any, Callable, Dict, Optional, Tuple
from urllib.parse import urlsplit

import grpc

from .errors import (
    InvalidSecretRequestError,
    OneTimeError,
    RateLimitedError,
    SecretNotFoundError,
    SecretTooLargeError,
    SecureConnectionError,
    ServiceUnavailableError,
    StoreFullError,
)
from .v1 import secrets_pb2, secrets_pb2_grpc

# Our messages are small (the server caps ciphertext at 1 MiB); anything much larger is not a OneTime server.
MAX_RESPONSE_SIZE = 8 * 1024 * 1024
# Links may name any host; past a handful, a call gets a channel of its own, closed after it.
MAX_CACHED_CHANNELS = 16
# gRFC A6: a non-negative integer of milliseconds. RFC 9110: Retry-After in seconds (or a date, not handled).
PUSHBACK_HEADER = "grpc-retry-pushback-ms"
RETRY_AFTER_HEADER = "retry-after"

_SERVICE = "onetime.v1.SecretService"


def describe_wait(wait: Optional[timedelta]) -> str:
    """"in 3 s", "in 2 min", or "later" when the service gave no time."""
    if wait is None:
        return "later"
    seconds = wait.total_seconds()
    if seconds < 120:
        return f"in {max(1, math.ceil(seconds))} s"
    return f"in {math.ceil(seconds / 60)} min"


def authority(address: str) -> str:
    """scheme://host[:port] of an address, for messages (never a path, query or fragment)."""
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


class _PrefixedStub:
    """The generated stub's five methods under a path prefix (a service published at https://host/onetime/):
    grpcio takes any method path, so the prefix goes in front of "/onetime.v1.SecretService/{Method}"."""

    def __init__(self, channel: grpc.Channel, prefix: str) -> None:
        service = secrets_pb2.DESCRIPTOR.services_by_name["SecretService"]
        for method in service.methods:
            request = getattr(secrets_pb2, method.input_type.name)
            response = getattr(secrets_pb2, method.output_type.name)
            setattr(
                self,
                method.name,
                channel.unary_unary(
                    f"{prefix}/{_SERVICE}/{method.name}",
                    request_serializer=request.SerializeToString,
                    response_deserializer=response.FromString,
                ),
            )


class Transport:
    """Unary calls to the SecretService at an address (http://host:port[/prefix] or https://...)."""

    def __init__(self, timeout: float, ca: Optional[bytes]) -> None:
        self._timeout = timeout
        self._ca = ca
        self._lock = threading.Lock()
        self._channels: Dict[str, Tuple[grpc.Channel, Any]] = {}

    def close(self) -> None:
        with self._lock:
            channels, self._channels = list(self._channels.values()), {}
        for channel, _ in channels:
            channel.close()

    def call(self, address: str, method: str, request: Any, *, storing: bool = False) -> Any:
        key = address.rstrip("/")
        with self._lock:
            cached = self._channels.get(key)
            if cached is None and len(self._channels) < MAX_CACHED_CHANNELS:
                cached = self._channels[key] = self._open(key)
        own = self._open(key) if cached is None else None
        channel, stub = cached or own  # type: ignore[misc]
        try:
            return getattr(stub, method)(request, timeout=self._timeout)
        except grpc.RpcError as error:
            mapped = map_error(error, key, storing)
            if isinstance(mapped, SecureConnectionError) and mapped.message.endswith("the handshake failed."):
                found = self.diagnose_tls(key)
                if found:
                    mapped = tls_error(key, found) or mapped
            raise mapped from None
        finally:
            if own is not None:
                own[0].close()

    def diagnose_tls(self, address: str) -> Optional[str]:
        """grpc-core says only "certificate verify failed"; a second handshake with Python's ssl (OpenSSL), trusting
        the same CA (or the system's roots), names the problem. Only after a failure, and never sends anything."""
        parts = urlsplit(address)
        host, port = parts.hostname or "", parts.port or 443
        try:
            context = ssl.create_default_context(cadata=self._ca.decode("ascii") if self._ca else None)
            context.set_alpn_protocols(["h2"])
            with socket.create_connection((host, port), timeout=5) as raw:
                with context.wrap_socket(raw, server_hostname=host):
                    return None
        except ssl.SSLCertVerificationError as error:
            return error.verify_message or str(error)
        except (OSError, ValueError, UnicodeDecodeError):
            return None

    def _open(self, address: str) -> Tuple[grpc.Channel, Any]:
        parts = urlsplit(address)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"Not a service address: expected an http:// or https:// URL, not {parts.scheme or 'that'}.")
        secure = parts.scheme == "https"
        port = parts.port or (443 if secure else 80)
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        target = f"{host}:{port}"
        options = [("grpc.max_receive_message_length", MAX_RESPONSE_SIZE)]
        if secure:
            channel = grpc.secure_channel(target, grpc.ssl_channel_credentials(root_certificates=self._ca), options=options)
        else:
            channel = grpc.insecure_channel(target, options=options)
        prefix = parts.path.rstrip("/")
        stub = _PrefixedStub(channel, prefix) if prefix else secrets_pb2_grpc.SecretServiceStub(channel)
        return channel, stub


# --- Status mapping ----------------------------------------------------------------------------------------------

# grpc-core's words for a call that never reached a server (connect refused, DNS, handshake).
_CONNECT_FAILURE = re.compile(
    r"failed to connect to all addresses|connection refused|connect failed|dns resolution failed|name resolution|"
    r"socket closed|connection reset|handshake|network is unreachable|no route to host|empty address list",
    re.IGNORECASE,
)
_TLS_PROBLEMS = [
    (
        re.compile(r"peer name .* is not in peer certificate|hostname mismatch|name mismatch|IP address mismatch", re.I),
        "the certificate is for another host name",
    ),
    (re.compile(r"certificate has expired|certificate is not yet valid|CERTIFICATE_EXPIRED", re.I), "the certificate has expired or is not valid yet"),
    (
        re.compile(r"unable to get local issuer|unable to get issuer|self.signed|unknown ca|untrusted", re.I),
        "the certificate is not issued by a trusted certificate authority",
    ),
    (re.compile(r"certificate revoked", re.I), "the certificate was revoked"),
]
_TLS_MARKERS = re.compile(r"ssl|tls|handshake|certificate|peer name", re.I)


def _text(error: grpc.RpcError) -> str:
    details = error.details() if hasattr(error, "details") else None
    debug = error.debug_error_string() if hasattr(error, "debug_error_string") else None
    return f"{details or ''} {debug or ''}"


def _trailer(error: grpc.RpcError, name: str) -> Optional[str]:
    metadata = (error.trailing_metadata() if hasattr(error, "trailing_metadata") else None) or ()
    for key, value in metadata:
        if key.lower() == name:
            return value.decode("ascii", "replace") if isinstance(value, bytes) else str(value)
    return None


def retry_after(error: grpc.RpcError) -> Tuple[bool, Optional[timedelta]]:
    """(rate limited?, how long to wait): either header marks a rate limit, not the message's words."""
    pushback = _trailer(error, PUSHBACK_HEADER)
    later = _trailer(error, RETRY_AFTER_HEADER)
    if pushback is None and later is None:
        return False, None
    if pushback is not None and pushback.isdigit():
        return True, timedelta(milliseconds=int(pushback))
    if later is not None and later.isdigit():
        return True, timedelta(seconds=int(later))
    return True, None


def _suffix(detail: Optional[str]) -> str:
    return f" ({detail.rstrip('.')})" if detail else ""


def tls_error(address: str, text: str) -> Optional[SecureConnectionError]:
    """The certificate problems named in text, as the C# client's TlsFailure.cs words them; None when none is."""
    problems = [meaning for pattern, meaning in _TLS_PROBLEMS if pattern.search(text)]
    if not problems:
        return None
    return SecureConnectionError(f"TLS with {authority(address)} failed: {'; '.join(dict.fromkeys(problems))}.")


def map_error(error: grpc.RpcError, address: str, storing: bool) -> OneTimeError:
    code: grpc.StatusCode = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN
    detail = error.details() if hasattr(error, "details") else None
    text = _text(error)
    if code == grpc.StatusCode.UNAVAILABLE and _CONNECT_FAILURE.search(text):
        if address.startswith("https:") and _TLS_MARKERS.search(text):
            return tls_error(address, text) or SecureConnectionError(f"TLS with {authority(address)} failed: the handshake failed.")
        detail = "cannot connect to " + authority(address)

    number = code.value[0]
    if code == grpc.StatusCode.RESOURCE_EXHAUSTED:
        limited, wait = retry_after(error)
        if limited:
            return RateLimitedError(f"Rate limited: too many calls from this address; try again {describe_wait(wait)}.", wait, number)
        if not storing:
            # Only this client's own receive limit makes a read answer RESOURCE_EXHAUSTED.
            return OneTimeError(f"The service's answer is larger than this client accepts{_suffix(detail)}.", number)
        if detail and ("exceeds the maximum configured message size" in detail or "larger than max" in detail):
            return SecretTooLargeError("The secret is too large for this service.", None, number)
        return StoreFullError(f"The service has no room for the secret; nothing was stored. Try again later{_suffix(detail)}.", number)
    if code == grpc.StatusCode.NOT_FOUND:
        return SecretNotFoundError("The secret does not exist: it was already read, it expired, or the link or passphrase is wrong.")
    if code == grpc.StatusCode.UNAVAILABLE:
        return ServiceUnavailableError(f"The OneTime service is unavailable{_suffix(detail)}.", number)
    if code == grpc.StatusCode.DEADLINE_EXCEEDED:
        return ServiceUnavailableError("The OneTime service did not answer in time.", number)
    if code in (grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.OUT_OF_RANGE):
        return InvalidSecretRequestError(f"The service rejected the request{_suffix(detail)}.", number)
    return OneTimeError(f"The call failed with gRPC status {_status_name(code)}{_suffix(detail)}.", number)


def _status_name(code: grpc.StatusCode) -> str:
    # As grpc-dotnet's StatusCode names print (NotFound, Unimplemented), for the same message as the C# client.
    return "".join(word.capitalize() for word in code.name.split("_"))
