"""The client against an in-process gRPC server: the whole library API, and every status mapped to its error."""

import datetime
from datetime import timedelta

import grpc
import pytest

from onetime import (
    Client,
    InvalidLinkError,
    InvalidSecretRequestError,
    OutOfRangeError,
    RateLimitedError,
    RequestKeyNotFoundError,
    Secret,
    SecretNotFoundError,
    SecretState,
    SecretTooLargeError,
    ServiceUnavailableError,
    StoreFullError,
)


@pytest.fixture
def client(server, tmp_path):
    with Client("https://onetime.example", grpc_url=server.url, request_keys_dir=tmp_path / "keys") as c:
        yield c


def test_send_read_status_burn(client, server):
    sent = client.send("hunter2", views=3, ttl=timedelta(hours=1))
    assert sent.link.startswith("https://onetime.example/s#1.")
    assert abs(sent.expires_at - datetime.datetime.now(datetime.timezone.utc) - timedelta(hours=1)) < timedelta(minutes=1)
    first = client.read(sent.link)
    assert first.text == "hunter2" and first.views_left == 2
    status = client.status(sent.link)
    assert status.state is SecretState.WAITING and status.views_left == 2 and status.read_at is not None
    client.burn(sent.link)
    with pytest.raises(SecretNotFoundError):
        client.read(sent.link)
    with pytest.raises(SecretNotFoundError):
        client.burn(sent.link)
    assert client.status(sent.link).state is SecretState.GONE


def test_files_bytes_and_paths(client, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(bytes(range(256)) * 10)
    got = client.read(client.send(path).link)
    assert got.is_file and got.file_name == "report.pdf" and got.content == path.read_bytes()
    raw = client.read(client.send(b"\x00\xff").link)
    assert raw.file_name is None and raw.media_type == "application/octet-stream" and bytes(raw) == b"\x00\xff"
    named = client.read(client.send(Secret.from_file(b"k", "C:\\keys\\id_ed25519", "application/x-ssh-key")).link)
    assert (named.file_name, named.media_type) == ("id_ed25519", "application/x-ssh-key")


def test_passphrase(client):
    link = client.send("s", passphrase="correct horse").link
    assert Client.requires_passphrase(link)
    with pytest.raises(ValueError, match="requires a passphrase"):
        client.read(link)
    with pytest.raises(SecretNotFoundError):
        client.read(link, "wrong")
    assert client.read(link, "correct horse").text == "s"


def test_last_read_leaves_a_receipt(client):
    link = client.send("once").link
    assert client.read(link).views_left == 0
    assert client.status(link).state is SecretState.READ


def test_limits_are_checked_before_uploading(client, server):
    with pytest.raises(OutOfRangeError, match="between 1 minute and 30 days"):
        client.send("x", ttl=timedelta(seconds=10))
    with pytest.raises(OutOfRangeError, match="between 1 and 100"):
        client.send("x", views=101)
    with pytest.raises(SecretTooLargeError) as raised:
        client.send(b"\x00" * (1024 * 1024))
    assert raised.value.max_ciphertext_bytes == 1024 * 1024
    assert "Store" not in server.service.calls
    assert server.service.calls.count("GetLimits") == 1  # kept


def test_requests_and_replies(client, tmp_path):
    request = client.create_request("the staging DB password")
    assert len(request.fingerprint) == 24 and request.link.startswith("https://onetime.example/r#1.")
    files = list((tmp_path / "keys").iterdir())
    assert [f.name for f in files] == [request.key_id + ".json"]
    assert files[0].stat().st_mode & 0o777 == 0o600 and (tmp_path / "keys").stat().st_mode & 0o777 == 0o700
    reply = client.reply(request.link, "hunter2")
    assert reply.fingerprint == request.fingerprint and reply.note == "the staging DB password"
    assert Client.is_reply_link(reply.link)
    assert client.read(reply.link).text == "hunter2"
    with pytest.raises(SecretNotFoundError):
        client.read(reply.link)
    assert [r.key_id for r in client.list_requests()] == [request.key_id]
    with pytest.raises(InvalidLinkError, match="request link"):
        client.read(request.link)
    assert client.forget_request(request.key_id) and not client.forget_request(request.key_id)
    with pytest.raises(RequestKeyNotFoundError):
        client.read(client.reply(request.link, "again").link)


def test_a_key_file_open_to_others_is_refused(client, tmp_path):
    request = client.create_request()
    reply = client.reply(request.link, "x")
    (tmp_path / "keys" / f"{request.key_id}.json").chmod(0o644)
    with pytest.raises(Exception, match="open to other users"):
        client.read(reply.link)


def test_rate_limit_says_when_to_retry(client, server):
    server.service.fail("Retrieve", grpc.StatusCode.RESOURCE_EXHAUSTED, "Too many requests", (("grpc-retry-pushback-ms", "3000"),))
    link = client.send("x").link
    with pytest.raises(RateLimitedError) as raised:
        client.read(link)
    assert raised.value.retry_after == timedelta(seconds=3)
    assert "try again in 3 s" in str(raised.value)


def test_store_full(client, server):
    server.service.fail("Store", grpc.StatusCode.RESOURCE_EXHAUSTED, "The store is full")
    with pytest.raises(StoreFullError, match="no room"):
        client.send("x")


def test_invalid_argument_forgets_the_limits(client, server):
    server.service.fail("Store", grpc.StatusCode.INVALID_ARGUMENT, "max_views above 5")
    with pytest.raises(InvalidSecretRequestError, match=r"rejected the request \(max_views above 5\)"):
        client.send("x")
    with pytest.raises(InvalidSecretRequestError):
        client.send("x")
    assert server.service.calls.count("GetLimits") == 2


def test_server_without_get_limits_gets_the_old_defaults(client, server):
    server.service.fail("GetLimits", grpc.StatusCode.UNIMPLEMENTED)
    limits = client.get_limits()
    assert limits.max_views == 1 and limits.max_wrong_attempts == 0
    with pytest.raises(OutOfRangeError, match="only 1 view"):
        client.send("x", views=2)


def test_unreachable():
    with Client("http://127.0.0.1:1", timeout=5) as client:
        with pytest.raises(ServiceUnavailableError) as raised:
            client.get_limits()
    assert str(raised.value) == "The OneTime service is unavailable (cannot connect to http://127.0.0.1:1)."


def test_deadline(server):
    server.service.delays["GetLimits"] = 2
    with Client("http://x.example", grpc_url=server.url, timeout=0.5) as client:
        with pytest.raises(ServiceUnavailableError, match="did not answer in time"):
            client.get_limits()


def test_a_path_prefix_is_kept_on_every_call():
    from concurrent import futures

    from onetime.v1 import secrets_pb2

    seen = []

    class Prefixed(grpc.GenericRpcHandler):
        def service(self, details):
            seen.append(details.method)
            if details.method != "/tools/onetime/onetime.v1.SecretService/GetLimits":
                return None
            return grpc.unary_unary_rpc_method_handler(
                lambda request, context: secrets_pb2.GetLimitsResponse(max_views=7),
                request_deserializer=secrets_pb2.GetLimitsRequest.FromString,
                response_serializer=secrets_pb2.GetLimitsResponse.SerializeToString,
            )

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2), handlers=[Prefixed()])
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        with Client(f"http://127.0.0.1:{port}/tools/onetime/") as client:
            assert client.get_limits().max_views == 7
    finally:
        server.stop(None)
    assert seen == ["/tools/onetime/onetime.v1.SecretService/GetLimits"]
