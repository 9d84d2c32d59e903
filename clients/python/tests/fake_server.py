"""An in-process SecretService (grpcio, from the generated servicer) that keeps secrets in a dict, as the real
server's memory store does, so the client and CLI can be tested without a OneTime server. ``fail`` makes the
next calls of a method answer a chosen status (with trailers), as a rate limiter or a full store would; failing
ConfirmRead with UNIMPLEMENTED is a server from before it."""

from __future__ import annotations

import datetime
import hashlib
import os
import base64
import threading
import time
from concurrent import futures
from typing import Dict, Optional, Tuple

import grpc
from google.protobuf import duration_pb2, timestamp_pb2

from onetime.v1 import secrets_pb2, secrets_pb2_grpc


class FakeService(secrets_pb2_grpc.SecretServiceServicer):
    def __init__(self) -> None:
        self.entries: Dict[str, dict] = {}
        self.failures: Dict[str, Tuple[grpc.StatusCode, str, tuple]] = {}
        self.calls = []
        self.max_views = 100
        self.delays: Dict[str, float] = {}
        self.lock = threading.Lock()

    def fail(self, method: str, code: grpc.StatusCode, details: str = "", trailers: tuple = ()) -> None:
        self.failures[method] = (code, details, trailers)

    def _maybe_fail(self, method: str, context) -> None:
        self.calls.append(method)
        if method in self.delays:
            time.sleep(self.delays[method])
        failure = self.failures.get(method)
        if failure:
            code, details, trailers = failure
            if trailers:
                context.set_trailing_metadata(trailers)
            context.abort(code, details)

    def GetLimits(self, request, context):
        self._maybe_fail("GetLimits", context)
        return secrets_pb2.GetLimitsResponse(
            max_ciphertext_bytes=1024 * 1024,
            min_ciphertext_bytes=285,
            min_ttl=duration_pb2.Duration(seconds=60),
            max_ttl=duration_pb2.Duration(seconds=30 * 86400),
            default_ttl=duration_pb2.Duration(seconds=7 * 86400),
            max_views=self.max_views,
            max_wrong_attempts=10,
            read_receipts=True,
        )

    def Store(self, request, context):
        self._maybe_fail("Store", context)
        id_ = base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("=")
        ttl = request.ttl.ToTimedelta() if request.HasField("ttl") else datetime.timedelta(days=7)
        expires = datetime.datetime.now(datetime.timezone.utc) + ttl
        with self.lock:
            self.entries[id_] = {
                "digest": hashlib.sha256(request.auth_token).digest(),
                "blob": request.ciphertext,
                "views": request.max_views or 1,
                "expires": expires,
                "read_at": None,
                "confirmation": b"",
            }
        stamp = timestamp_pb2.Timestamp()
        stamp.FromDatetime(expires.replace(tzinfo=None))
        return secrets_pb2.StoreResponse(id=id_, expires_at=stamp)

    def _find(self, request, context) -> Optional[dict]:
        entry = self.entries.get(request.id)
        if entry is None or entry["digest"] != hashlib.sha256(request.auth_token).digest():
            return None
        return entry

    def Retrieve(self, request, context):
        self._maybe_fail("Retrieve", context)
        with self.lock:
            entry = self._find(request, context)
            if entry is None or entry["views"] == 0:
                context.abort(grpc.StatusCode.NOT_FOUND, "not found")
            entry["views"] -= 1
            entry["read_at"] = datetime.datetime.now(datetime.timezone.utc)
            return secrets_pb2.RetrieveResponse(ciphertext=entry["blob"], views_left=entry["views"])

    def Exists(self, request, context):
        self._maybe_fail("Exists", context)
        entry = self._find(request, context)
        if entry is None:
            return secrets_pb2.ExistsResponse()
        response = secrets_pb2.ExistsResponse(
            exists=entry["views"] > 0,
            views_left=entry["views"],
            state=secrets_pb2.SECRET_STATE_WAITING if entry["views"] > 0 else secrets_pb2.SECRET_STATE_READ,
        )
        response.expires_at.FromDatetime(entry["expires"].replace(tzinfo=None))
        if entry["read_at"]:
            response.read_at.FromDatetime(entry["read_at"].replace(tzinfo=None))
        if entry["views"] == 0:
            response.read_confirmation = entry["confirmation"]
        return response

    def ConfirmRead(self, request, context):
        # protos/README.md "Confirmations": the size only, one per receipt, and only once every view is taken.
        self._maybe_fail("ConfirmRead", context)
        if not 1 <= len(request.confirmation) <= 512:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "confirmation size")
        with self.lock:
            entry = self._find(request, context)
            if entry is None:
                context.abort(grpc.StatusCode.NOT_FOUND, "not found")
            if entry["views"] > 0:
                context.abort(grpc.StatusCode.FAILED_PRECONDITION, "views left")
            if entry["confirmation"]:
                context.abort(grpc.StatusCode.ALREADY_EXISTS, "already confirmed")
            entry["confirmation"] = request.confirmation
        return secrets_pb2.ConfirmReadResponse()

    def Burn(self, request, context):
        self._maybe_fail("Burn", context)
        with self.lock:
            entry = self._find(request, context)
            if entry is None or entry["views"] == 0:
                context.abort(grpc.StatusCode.NOT_FOUND, "not found")
            del self.entries[request.id]
        return secrets_pb2.BurnResponse()


class FakeServer:
    """``with FakeServer() as server:`` serves on 127.0.0.1 (``server.url``), plain or with TLS credentials."""

    def __init__(self, credentials: Optional[grpc.ServerCredentials] = None) -> None:
        self.service = FakeService()
        self._server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        secrets_pb2_grpc.add_SecretServiceServicer_to_server(self.service, self._server)
        if credentials is None:
            self.port = self._server.add_insecure_port("127.0.0.1:0")
            self.url = f"http://127.0.0.1:{self.port}"
        else:
            self.port = self._server.add_secure_port("127.0.0.1:0", credentials)
            self.url = f"https://localhost:{self.port}"

    def __enter__(self) -> "FakeServer":
        self._server.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.stop(None)
