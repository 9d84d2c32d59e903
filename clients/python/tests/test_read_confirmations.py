"""Read confirmations through the library, against the in-process server: sent only after the last view of a secret
link, never failing the read, and checked by status as confirmed, unconfirmed or invalid."""

import grpc
import pytest

from onetime import Client, ConfirmationDelivery, ConfirmationState, SecretState
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
    assert secret.text == "hunter2" and secret.confirmation_delivery is ConfirmationDelivery.DELIVERED
    assert server.service.calls.count("ConfirmRead") == 1
    assert len(_entry(server, link)["confirmation"]) == 285
    status = client.status(link)
    assert status.state is SecretState.READ and status.confirmation is ConfirmationState.CONFIRMED
    assert status.reader_note == "got it, rotating now"


def test_without_a_note_the_read_is_still_confirmed(client, server):
    link = client.send("x", passphrase="pass phrase").link
    assert client.read(link, "pass phrase").confirmation_delivery is ConfirmationDelivery.DELIVERED
    status = client.status(link, "pass phrase")
    assert (status.confirmation, status.reader_note) == (ConfirmationState.CONFIRMED, None)


def test_only_the_last_of_several_views_is_confirmed(client, server):
    link = client.send("three", views=3).link
    for left in (2, 1):
        secret = client.read(link, note="not yet")
        assert secret.views_left == left and secret.confirmation_delivery is ConfirmationDelivery.NONE
        assert "ConfirmRead" not in server.service.calls
        assert client.status(link).confirmation is ConfirmationState.NONE
    assert client.read(link, note="all read").confirmation_delivery is ConfirmationDelivery.DELIVERED
    assert server.service.calls.count("ConfirmRead") == 1
    assert client.status(link).reader_note == "all read"


def test_a_reply_is_never_confirmed(client, server):
    request = client.create_request("db")
    reply = client.reply(request.link, "s3cret")
    with pytest.raises(ValueError, match="A reply link sends no read confirmation"):
        client.read(reply.link, note="thanks")
    assert "Retrieve" not in server.service.calls  # refused before anything was read
    secret = client.read(reply.link)
    assert secret.text == "s3cret" and secret.confirmation_delivery is ConfirmationDelivery.NONE
    assert "ConfirmRead" not in server.service.calls
    assert client.status(reply.link).confirmation is ConfirmationState.UNCONFIRMED


@pytest.mark.parametrize(
    "code, delivery",
    [
        (grpc.StatusCode.UNIMPLEMENTED, ConfirmationDelivery.UNSUPPORTED),
        (grpc.StatusCode.NOT_FOUND, ConfirmationDelivery.FAILED),
        (grpc.StatusCode.ALREADY_EXISTS, ConfirmationDelivery.FAILED),
        (grpc.StatusCode.FAILED_PRECONDITION, ConfirmationDelivery.FAILED),
        (grpc.StatusCode.UNAVAILABLE, ConfirmationDelivery.FAILED),
        (grpc.StatusCode.INTERNAL, ConfirmationDelivery.FAILED),
    ],
)
def test_a_failing_confirm_read_does_not_fail_the_read(client, server, code, delivery):
    server.service.fail("ConfirmRead", code, "refused")
    link = client.send("hunter2").link
    secret = client.read(link, note="got it")
    assert secret.text == "hunter2" and secret.views_left == 0 and secret.confirmation_delivery is delivery
    assert server.service.calls.count("ConfirmRead") == 1
    status = client.status(link)
    assert status.state is SecretState.READ and status.confirmation is ConfirmationState.UNCONFIRMED and status.reader_note is None


def test_an_unreachable_confirm_read_does_not_fail_the_read(client, server):
    server.service.delays["ConfirmRead"] = 3
    with Client("https://onetime.example", grpc_url=server.url, timeout=1) as hasty:
        link = hasty.send("hunter2").link
        secret = hasty.read(link, note="got it")
    assert secret.text == "hunter2" and secret.confirmation_delivery is ConfirmationDelivery.FAILED


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
    assert status.confirmation is ConfirmationState.INVALID and status.reader_note is None
    assert client.status(first).reader_note == "for the first"


@pytest.mark.parametrize("index", [0, 5, 100, 284])
def test_a_changed_byte_is_invalid(client, server, index):
    link = client.send("x").link
    client.read(link, note="note")
    changed = bytearray(_entry(server, link)["confirmation"])
    changed[index] ^= 0x80
    _entry(server, link)["confirmation"] = bytes(changed)
    status = client.status(link)
    assert status.confirmation is ConfirmationState.INVALID and status.reader_note is None


def test_a_confirmation_of_another_size_is_invalid(client, server):
    link = client.send("x").link
    client.read(link)
    _entry(server, link)["confirmation"] = b"\x01" * 300
    assert client.status(link).confirmation is ConfirmationState.INVALID


def test_a_confirmation_made_with_another_passphrase_is_invalid(client, server):
    link = client.send("x", passphrase="right").link
    client.read(link, "right")
    parsed = _links.parse(link)
    wrong = _envelope.derive(parsed.key, "wrong").confirmation_key
    _entry(server, link)["confirmation"] = _confirmation.seal(wrong, parsed.id, "made up")
    assert client.status(link, "right").confirmation is ConfirmationState.INVALID


def test_status_repr_shows_no_note(client):
    link = client.send("x").link
    client.read(link, note="a private word")
    status = client.status(link)
    assert status.reader_note == "a private word"
    assert "private" not in repr(status) and "private" not in str(status)
