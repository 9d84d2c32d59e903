"""The service's limits: asked with GetLimits, kept five minutes per service, and checked before uploading
(as the C# client's Internal/Limits)."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Callable, Dict, Optional, Tuple

from ._types import Limits
from .errors import OutOfRangeError, SecretTooLargeError

# What a server without GetLimits enforces: the defaults it shipped with, one view, no attempt limit or receipts.
BEFORE_GET_LIMITS = Limits(
    max_ciphertext_bytes=1024 * 1024,
    min_ttl=timedelta(minutes=1),
    max_ttl=timedelta(days=30),
    default_ttl=timedelta(days=7),
    max_views=1,
    max_wrong_attempts=0,
    read_receipts=False,
)

LIFETIME_SECONDS = 5 * 60
MAX_ENTRIES = 16


def from_response(response) -> Limits:  # secrets_pb2.GetLimitsResponse
    def duration(name: str, default: timedelta) -> timedelta:
        return response.__getattribute__(name).ToTimedelta() if response.HasField(name) else default

    return Limits(
        # proto3 cannot tell 0 from unset, and no server accepts nothing: 0 means it did not say.
        max_ciphertext_bytes=response.max_ciphertext_bytes or BEFORE_GET_LIMITS.max_ciphertext_bytes,
        min_ttl=duration("min_ttl", BEFORE_GET_LIMITS.min_ttl),
        max_ttl=duration("max_ttl", BEFORE_GET_LIMITS.max_ttl),
        default_ttl=duration("default_ttl", BEFORE_GET_LIMITS.default_ttl),
        max_views=max(1, response.max_views),  # 0 (unset) means what max_views 0 means: one view
        max_wrong_attempts=response.max_wrong_attempts,
        read_receipts=response.read_receipts,
    )


def describe(span: timedelta) -> str:
    """"1 minute", "30 days", "90 minutes": the largest whole unit."""
    seconds = span.total_seconds()
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            return _plural(int(seconds // size), unit)
    return _plural(int(-(-seconds // 1)), "second")


def _plural(n: int, unit: str) -> str:
    return f"1 {unit}" if n == 1 else f"{n} {unit}s"


def check(ttl: Optional[timedelta], views: int, limits: Limits) -> None:
    if ttl is not None and not limits.min_ttl <= ttl <= limits.max_ttl:
        raise OutOfRangeError(f"The TTL must be between {describe(limits.min_ttl)} and {describe(limits.max_ttl)} on this service.")
    if views < 1 or views > limits.max_views:
        raise OutOfRangeError(
            "This service allows only 1 view per secret."
            if limits.max_views == 1
            else f"The number of views must be between 1 and {limits.max_views} on this service."
        )


def check_size(ciphertext_bytes: int, limits: Limits) -> None:
    if ciphertext_bytes > limits.max_ciphertext_bytes:
        raise SecretTooLargeError(
            f"The secret is too large: this service accepts at most {limits.max_ciphertext_bytes} bytes once encrypted, "
            f"padding included, and this one is {ciphertext_bytes}. Nothing was sent.",
            limits.max_ciphertext_bytes,
        )


class LimitsCache:
    """Five minutes per service: a burst of sends asks once, a reconfigured server is seen within minutes (and at
    once after a refusal, see forget). Failures are not kept."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: Dict[str, Tuple[Limits, float]] = {}

    def get(self, address: str, fetch: Callable[[], Limits]) -> Limits:
        key = address.rstrip("/")
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and self._clock() - entry[1] < LIFETIME_SECONDS:
                return entry[0]
        limits = fetch()
        with self._lock:
            if len(self._entries) < MAX_ENTRIES or key in self._entries:
                self._entries[key] = (limits, self._clock())
        return limits

    def forget(self, address: str) -> None:
        with self._lock:
            self._entries.pop(address.rstrip("/"), None)
