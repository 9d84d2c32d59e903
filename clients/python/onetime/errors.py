"""Every error the OneTime client raises, under one base, :class:`OneTimeError`.

Messages are written to be shown to people: they never contain a link, a key, a token, a passphrase or the
secret itself (the link holds the key in its fragment), at most the service's address.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Optional

__all__ = [
    "OneTimeError",
    "InvalidLinkError",
    "OutOfRangeError",
    "SecretNotFoundError",
    "SecretDecryptionError",
    "SecretTooLargeError",
    "RateLimitedError",
    "StoreFullError",
    "ServiceUnavailableError",
    "SecureConnectionError",
    "RequestKeyNotFoundError",
    "InvalidSecretRequestError",
    "ConfirmationError",
]


class OneTimeError(Exception):
    """The base of every error the client reports about the service, a link or a secret.

    ``status_code`` is the gRPC status number (5 for NOT_FOUND, ...) when the service answered with one.
    """

    def __init__(self, message: str, status_code: Optional[int] = None) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class InvalidLinkError(OneTimeError, ValueError):
    """The text is not a OneTime link (secret, request or reply link), or was cut short. Raised before any call."""


class OutOfRangeError(OneTimeError, ValueError):
    """A TTL or a number of views outside the service's limits (:meth:`onetime.Client.get_limits`); nothing was sent."""


class SecretNotFoundError(OneTimeError):
    """Already read, expired, burned, never stored, or the link or passphrase is wrong.

    The service cannot tell these apart, by design. A wrong passphrase deletes nothing, but counts as a wrong
    attempt: ``Limits.max_wrong_attempts`` of them burn the secret.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message, 5)


class SecretDecryptionError(OneTimeError):
    """The ciphertext did not open: corrupted, an unknown format version, or the wrong key.

    ``reason`` is the envelope check that failed, as protos/README.md names it: ``truncated``,
    ``unsupported_version``, ``authentication_failed`` or ``malformed_plaintext``. On a read, the view was taken.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class SecretTooLargeError(OneTimeError):
    """The encrypted secret is larger than the service accepts; found before uploading. Nothing was stored.

    ``max_ciphertext_bytes`` is the service's limit, when known.
    """

    def __init__(self, message: str, max_ciphertext_bytes: Optional[int] = None, status_code: Optional[int] = None) -> None:
        super().__init__(message, status_code)
        self.max_ciphertext_bytes = max_ciphertext_bytes


class RateLimitedError(OneTimeError):
    """Too many calls from this address (RESOURCE_EXHAUSTED with ``grpc-retry-pushback-ms``). Nothing happened.

    ``retry_after`` is how long the service asked to wait, or ``None`` when it did not say.
    """

    def __init__(self, message: str, retry_after: Optional[timedelta] = None, status_code: int = 8) -> None:
        super().__init__(message, status_code)
        self.retry_after = retry_after


class StoreFullError(OneTimeError):
    """The service has no room for the secret now (RESOURCE_EXHAUSTED without a rate limit). Nothing was stored."""

    def __init__(self, message: str, status_code: int = 8) -> None:
        super().__init__(message, status_code)


class ServiceUnavailableError(OneTimeError):
    """The service could not be reached or did not answer in time (UNAVAILABLE, DEADLINE_EXCEEDED)."""

    def __init__(self, message: str, status_code: int = 14) -> None:
        super().__init__(message, status_code)


class SecureConnectionError(OneTimeError):
    """The TLS handshake failed: the certificate is not from a trusted CA, names another host, or has expired."""

    def __init__(self, message: str) -> None:
        super().__init__(message, 14)


class RequestKeyNotFoundError(OneTimeError):
    """A reply link whose request was not made here: its private key is not kept on this machine and account.

    Nothing was read; the reply stays on the server.
    """

    def __init__(self) -> None:
        super().__init__(
            "This reply opens only where the request was made: its key is not kept here "
            "(the request was made on another machine or account, forgotten, or more than 30 days ago). Nothing was read."
        )


class InvalidSecretRequestError(OneTimeError):
    """The service rejected the request (INVALID_ARGUMENT, OUT_OF_RANGE), e.g. limits changed since they were asked."""

    def __init__(self, message: str, status_code: int = 3) -> None:
        super().__init__(message, status_code)


class ConfirmationError(OneTimeError):
    """A read confirmation that does not open (protos/README.md "Read confirmations"): altered, made for another
    secret or with another key or passphrase, or made up. The secret was read all the same, on the server's word.

    ``reason`` is the check that failed, as protos/README.md names it: ``wrong_length``, ``unsupported_version``,
    ``authentication_failed`` or ``malformed_note``.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason
