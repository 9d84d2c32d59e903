"""Read confirmations through the library, against the in-process server: sent only after the last view of a secret
link, never failing the read, and checked by status as confirmed, unconfirmed or invalid."""

import grpc
import pytest

from onetime import Client, Confirmation, SecretState
from onetime import _confirmation, _envelope, _links


@pytest.fixture
def client(server, tmp_path):
    with Client("https://onetime.example", grpc_url=server.url, request_keys_dir=tmp_path) as made:
        yield made


def _entry(server, link):
    return server.service.entries[_links.parse(link).id]


def test_the_last_view_is_confirmed_with_the_note(client, server):
    link = client.send("hunter2").link
    secret = client.read(link, note="got it, rotating now")
    assert secret.text == "hunter2" and secret.sender_told and secret.confirmation_error is None
    assert server.service.calls.count("ConfirmRead") == 1
    assert len(_entry(server, link)["confirmation"]) == 285
    status = client.status(link)
    assert status.state is SecretState.READ and status.confirmation is Confirmation.CONFIRMED
    assert status.note == "got it, rotating now" and status.confirmation_error is None


def test_without_a_note_the_read_is_still_confirmed(client, server):
    link = client.send("x", passphrase="pass phrase").link
    assert client.read(link, "pass phrase").sender_told
    status = client.status(link, "pass phrase")
    assert (status.confirmation, status.note) == (Confirmation.CONFIRMED, None)


def test_only_the_last_of_several_views_is_confirmed(client, server):
    link = client.send("three", views=3).link
    for left in (2, 1):
        secret = client.read(link, note="not yet")
        assert secret.views_left == left and not secret.sender_told and secret.confirmation_error is None
        assert "ConfirmRead" not in server.service.calls
        assert client.status(link).confirmation is Confirmation.NONE
    assert client.read(link, note="all read").sender_told
    assert server.service.calls.count("ConfirmRead") == 1
    assert client.status(link).note == "all read"


def test_a_reply_is_never_confirmed(client, server):
    request = client.create_request("db")
    reply = client.reply(request.link, "s3cret")
    with pytest.raises(ValueError, match="reply is not confirmed"):
        client.read(reply.link, note="thanks")
    assert "Retrieve" not in server.service.calls  # refused before anything was read
    secret = client.read(reply.link)
    assert secret.text == "s3cret" and not secret.sender_told and secret.confirmation_error is None
    assert "ConfirmRead" not in server.service.calls
    assert client.status(reply.link).confirmation is Confirmation.UNCONFIRMED


@pytest.mark.parametrize(
    "code, message",
    [
        (grpc.StatusCode.UNIMPLEMENTED, "This service does not take read confirmations."),
        (grpc.StatusCode.NOT_FOUND, "The service keeps no receipt of the read to confirm (read receipts off, or expired)."),
        (grpc.StatusCode.ALREADY_EXISTS, "The read was already confirmed."),
        (grpc.StatusCode.UNAVAILABLE, "The OneTime service is unavailable (down)."),
        (grpc.StatusCode.INTERNAL, "The call failed with gRPC status Internal (boom)."),
    ],
)
def test_a_failing_confirm_read_does_not_fail_the_read(client, server, code, message):
    server.service.fail("ConfirmRead", code, {"UNAVAILABLE": "down", "INTERNAL": "boom"}.get(code.name, ""))
    link = client.send("hunter2").link
    secret = client.read(link, note="got it")
    assert secret.text == "hunter2" and secret.views_left == 0
    assert not secret.sender_told and secret.confirmation_error.message == message
    assert secret.confirmation_error.status_code == code.value[0]
    status = client.status(link)
    assert status.state is SecretState.READ and status.confirmation is Confirmation.UNCONFIRMED and status.note is None


def test_a_note_that_cannot_go_is_refused_before_reading(client, server):
    link = client.send("x").link
    for note in ("x" * 201, "\ud800"):
        with pytest.raises(ValueError):
            client.read(link, note=note)
    assert server.service.calls.count("Retrieve") == 0
    assert client.read(link).text == "x"


def test_another_ids_confirmation_is_invalid(client, server):
    first, second = client.send("one").link, client.send("two").link
    client.read(first, note="for the first")
    client.read(second)
    _entry(server, second)["confirmation"] = _entry(server, first)["confirmation"]
    status = client.status(second)
    assert status.confirmation is Confirmation.INVALID and status.note is None
    assert status.confirmation_error.reason == "authentication_failed"
    assert client.status(first).note == "for the first"


@pytest.mark.parametrize("index", [0, 5, 100, 284])
def test_a_changed_byte_is_invalid(client, server, index):
    link = client.send("x").link
    client.read(link, note="note")
    changed = bytearray(_entry(server, link)["confirmation"])
    changed[index] ^= 0x80
    _entry(server, link)["confirmation"] = bytes(changed)
    status = client.status(link)
    assert status.confirmation is Confirmation.INVALID and status.note is None
    assert status.confirmation_error.reason == ("unsupported_version" if index == 0 else "authentication_failed")


def test_a_confirmation_of_another_size_is_invalid(client, server):
    link = client.send("x").link
    client.read(link)
    _entry(server, link)["confirmation"] = b"\x01" * 300
    status = client.status(link)
    assert status.confirmation is Confirmation.INVALID and status.confirmation_error.reason == "wrong_length"


def test_a_confirmation_made_with_another_passphrase_is_invalid(client, server):
    link = client.send("x", passphrase="right").link
    client.read(link, "right")
    parsed = _links.parse(link)
    wrong = _confirmation.confirmation_key(parsed.key, _envelope.derive(parsed.key, "wrong").salt)
    _entry(server, link)["confirmation"] = _confirmation.seal(wrong, parsed.id, "made up")
    assert client.status(link, "right").confirmation is Confirmation.INVALID


def test_status_repr_shows_no_note(client):
    link = client.send("x").link
    client.read(link, note="a private word")
    status = client.status(link)
    assert status.note == "a private word"
    assert "private" not in repr(status) and "private" not in str(status)
