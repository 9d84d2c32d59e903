"""The library against a real OneTime server: `live_flow.py WEB_URL GRPC_URL`.

    /usr/bin/python3 clients/python/tests/live_flow.py http://127.0.0.1:5080 http://127.0.0.1:5081

Sends text, a file, a passphrase secret and a 3-view secret; checks status, burn and the limits; confirms the last
views (with a note behind the passphrase) and checks that status opens the confirmations; makes a request, replies to
it and reads the reply in-process with a temporary key folder; a second read must be SecretNotFoundError.
Prints exactly "ok" and exits 0, else prints the step that failed and exits 1. Asserts what protos/README.md says,
not recorded answers.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the package beside this folder, from any cwd

from onetime import (  # noqa: E402
    Client,
    ConfirmationDelivery,
    ConfirmationState,
    InvalidLinkError,
    RequestKeyNotFoundError,
    Secret,
    SecretNotFoundError,
    SecretState,
)


def main(web_url: str, grpc_url: str) -> int:
    step = "start"
    try:
        with tempfile.TemporaryDirectory() as keys, Client(web_url, grpc_url=grpc_url, request_keys_dir=keys) as client:
            step = "get_limits"
            limits = client.get_limits()
            assert limits.max_ciphertext_bytes >= 285 and limits.min_ttl <= limits.default_ttl <= limits.max_ttl, limits
            assert limits.max_views >= 3, limits

            step = "send text"
            sent = client.send("hunter2 🔑", ttl=timedelta(hours=1))
            assert sent.link.startswith(web_url.rstrip("/") + "/s#1."), "link base"
            assert timedelta(minutes=50) < sent.expires_at - datetime.now(timezone.utc) <= timedelta(hours=1, minutes=1)
            step = "status waiting"
            status = client.status(sent.link)
            assert status.state is SecretState.WAITING and status.views_left == 1 and status.read_at is None, status
            step = "read text"
            secret = client.read(sent.link)
            assert secret.text == "hunter2 🔑" and secret.views_left == 0 and not secret.is_file
            receipts = ConfirmationDelivery.DELIVERED if limits.read_receipts else ConfirmationDelivery.FAILED
            assert secret.confirmation_delivery is receipts, secret.confirmation_delivery
            step = "second read is not found"
            try:
                client.read(sent.link)
                raise AssertionError("second read succeeded")
            except SecretNotFoundError:
                pass
            step = "status after the last read"
            status = client.status(sent.link)
            if limits.read_receipts:
                assert status.state is SecretState.READ and status.read_at is not None, status
                assert status.confirmation is ConfirmationState.CONFIRMED and status.reader_note is None, status
            else:
                assert status.state is SecretState.GONE, status

            step = "send file"
            data = os.urandom(200_000)
            link = client.send(Secret.from_file(data, "/tmp/dir/report.bin", "application/x-test")).link
            step = "read file"
            got = client.read(link)
            assert got.is_file and got.content == data and got.file_name == "report.bin" and got.media_type == "application/x-test"

            step = "send with passphrase"
            link = client.send("with passphrase", passphrase="Ångström\tpass").link
            assert Client.requires_passphrase(link)
            step = "wrong passphrase is not found"
            try:
                client.read(link, "Ångström pass")
                raise AssertionError("wrong passphrase read")
            except SecretNotFoundError:
                pass
            step = "read with passphrase (NFD typed) and a note"
            secret = client.read(link, "A\u030angstro\u0308m\tpass", note="got it ✓ rotating now")
            assert secret.text == "with passphrase" and secret.confirmation_delivery is receipts
            if limits.read_receipts:
                step = "status opens the confirmation with the passphrase"
                status = client.status(link, "Ångström\tpass")
                assert status.confirmation is ConfirmationState.CONFIRMED and status.reader_note == "got it ✓ rotating now", status

            step = "send views=3"
            link = client.send("three views", views=3).link
            for left in (2, 1):
                step = f"read, {left} views left"
                secret = client.read(link, note="not yet")
                assert secret.text == "three views" and secret.views_left == left, secret.views_left
                assert secret.confirmation_delivery is ConfirmationDelivery.NONE, secret.confirmation_delivery
                status = client.status(link)
                assert status.state is SecretState.WAITING and status.views_left == left and status.read_at is not None, status
            step = "burn"
            client.burn(link)
            assert client.status(link).state is SecretState.GONE
            try:
                client.read(link)
                raise AssertionError("burned secret read")
            except SecretNotFoundError:
                pass

            step = "create request"
            request = client.create_request("the staging DB password")
            assert request.link.startswith(web_url.rstrip("/") + "/r#1.") and len(request.fingerprint) == 24
            assert Client.parse_request(request.link).fingerprint == request.fingerprint
            step = "reply"
            reply = client.reply(request.link, "db-pass-123")
            assert reply.fingerprint == request.fingerprint and reply.note == "the staging DB password"
            assert Client.is_reply_link(reply.link)
            step = "read reply"
            secret = client.read(reply.link)
            assert secret.text == "db-pass-123" and secret.confirmation_delivery is ConfirmationDelivery.NONE
            step = "second read of the reply is not found"
            try:
                client.read(reply.link)
                raise AssertionError("second reply read")
            except SecretNotFoundError:
                pass
            step = "reply after forget"
            second = client.reply(request.link, "again")
            assert client.forget_request(request.key_id)
            try:
                client.read(second.link)
                raise AssertionError("read without key")
            except RequestKeyNotFoundError:
                pass
            step = "invalid link"
            try:
                client.read(sent.link[:-2])
                raise AssertionError("invalid link read")
            except InvalidLinkError:
                pass
    except Exception as error:  # noqa: BLE001
        print(f"failed at step: {step}: {type(error).__name__}: {error}")
        traceback.print_exc(file=sys.stderr)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: live_flow.py WEB_URL GRPC_URL", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
