"""OneTime: share secrets as one-time links. Encrypts locally; the server only ever sees ciphertext.

    >>> from onetime import Client
    >>> with Client("http://127.0.0.1:5080", grpc_url="http://127.0.0.1:5081") as client:
    ...     sent = client.send("sk_live_abc123", views=1)
    ...     client.read(sent.link).text
    'sk_live_abc123'

The format every client shares (envelope, links, requests and replies, read confirmations) is protos/README.md.
"""

from ._client import Client, SecretInput
from ._types import ConfirmationDelivery, ConfirmationState, Limits, Secret, SecretReply, SecretRequest, SecretState, SecretStatus, SentLink
from .errors import (
    ConfirmationError,
    InvalidLinkError,
    InvalidSecretRequestError,
    OneTimeError,
    OutOfRangeError,
    RateLimitedError,
    RequestKeyNotFoundError,
    SecretDecryptionError,
    SecretNotFoundError,
    SecretTooLargeError,
    SecureConnectionError,
    ServiceUnavailableError,
    StoreFullError,
)

__version__ = "0.1.0"

__all__ = [
    "Client",
    "SecretInput",
    "Secret",
    "SentLink",
    "SecretState",
    "SecretStatus",
    "ConfirmationState",
    "ConfirmationDelivery",
    "Limits",
    "SecretRequest",
    "SecretReply",
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
