"""No secret, key, token or link fragment in any repr, str of a result other than the link itself, or error text."""

from datetime import datetime, timezone

import pytest

from onetime import Client, InvalidLinkError, Secret, SecretNotFoundError, SentLink
from onetime import _envelope, _links, _requests

KEY = bytes(range(32))
LINK = _links.build("https://onetime.example", "AAECAwQFBgcICQoLDA0ODw", KEY, False)
FRAGMENT = LINK.split("#", 1)[1]
KEY_TEXT = _links.b64url_encode(KEY)


def test_secret_repr_and_str_hide_the_content():
    secret = Secret.from_text("hunter2-very-secret")
    for shown in (repr(secret), str(secret), f"{secret}"):
        assert "hunter2" not in shown
    assert bytes(secret) == b"hunter2-very-secret"


def test_sent_link_repr_hides_the_fragment():
    sent = SentLink(LINK, datetime.now(timezone.utc))
    assert KEY_TEXT not in repr(sent) and FRAGMENT not in repr(sent)
    assert str(sent) == LINK  # str is the link, which is what a caller hands over


def test_parsed_links_and_keys_hide_the_key():
    parsed = _links.parse(LINK)
    assert KEY_TEXT not in repr(parsed) and KEY.hex() not in repr(parsed) and repr(KEY) not in repr(parsed)
    keys = _envelope.derive(KEY, None)
    assert keys.auth_token.hex() not in repr(keys) and repr(keys.auth_token) not in repr(keys)
    agreed = _requests.for_sender(_requests.public_point(_requests.generate_key()))
    assert repr(agreed.key) not in repr(agreed)
    kept = _requests.KeptKey("SHSx664cBl7n", b"\x30private", b"\x04" * 65, None, "https://x", datetime.now(timezone.utc))
    assert "private" not in repr(kept)


def test_error_texts_hold_no_link_or_key(tmp_path):
    damaged = LINK[:-1]
    with pytest.raises(InvalidLinkError) as raised:
        _links.parse(damaged)
    text = str(raised.value) + repr(raised.value)
    assert FRAGMENT[:-1] not in text and KEY_TEXT[:20] not in text
    with Client("http://127.0.0.1:1", timeout=5, request_keys_dir=tmp_path) as client:
        with pytest.raises(Exception) as raised:
            client.read(_links.build("http://127.0.0.1:1", "AAECAwQFBgcICQoLDA0ODw", KEY, False))
    assert KEY_TEXT not in str(raised.value) and "AAECAwQFBgcICQoLDA0ODw" not in str(raised.value)


def test_passphrase_never_in_errors(server, tmp_path):
    with Client("https://onetime.example", grpc_url=server.url, request_keys_dir=tmp_path) as client:
        link = client.send("x", passphrase="my-secret-phrase").link
        with pytest.raises(SecretNotFoundError) as raised:
            client.read(link, "my-wrong-phrase")
    assert "phrase" not in str(raised.value).replace("passphrase", "")


def test_client_repr_shows_only_addresses():
    with Client("https://onetime.example") as client:
        assert repr(client) == "Client('https://onetime.example', grpc_url=None)"
