"""protos/testdata/request-v1.json: request values, fingerprints, key ids and links; reply values, blobs and links
from the fixed keys, and the requester's side opening every blob; every invalid request and reply link."""

import pytest

from onetime import Client, InvalidLinkError
from onetime import _envelope, _links, _requests
from onetime._client import _from_payload, _payload

from test_envelope_vectors import _secret
from vectors import REQUESTS, file_data, ids


@pytest.mark.parametrize("case", REQUESTS["requests"], ids=ids(REQUESTS["requests"]))
def test_request_values_and_link(case):
    given, expected = case["input"], case["expected"]
    key = _requests.key_from_scalar(bytes.fromhex(given["requester_private_hex"]))
    r = _requests.public_point(key)
    assert _links.b64url_encode(r) == expected["requester_public_base64url"]
    note = _requests.check_note(given["note"])
    link = _requests.RequestLink(given["base_url"], r, note)
    assert link.fingerprint == expected["fingerprint"]
    assert link.key_id == expected["key_id"]
    assert link.format() == expected["request_link"]
    parsed = _requests.parse_request(expected["request_link"])
    assert parsed == link
    public = Client.parse_request(expected["request_link"])
    assert (public.fingerprint, public.key_id, public.note) == (expected["fingerprint"], expected["key_id"], given["note"])


@pytest.mark.parametrize("case", REQUESTS["replies"], ids=ids(REQUESTS["replies"]))
def test_reply_values_blob_and_link(case):
    given, expected = case["input"], case["expected"]
    requester = _requests.key_from_scalar(bytes.fromhex(given["requester_private_hex"]))
    r = _requests.public_point(requester)
    assert _links.b64url_encode(r) == expected["requester_public_base64url"]
    ephemeral = _requests.key_from_scalar(bytes.fromhex(given["ephemeral_private_hex"]))
    agreed = _requests.for_sender(r, ephemeral)
    assert _links.b64url_encode(agreed.ephemeral_key) == expected["ephemeral_public_base64url"]
    assert agreed.shared_secret.hex() == expected["shared_secret_hex"]
    assert agreed.key.hex() == expected["key_hex"]
    keys = _envelope.derive(agreed.key, None)
    assert keys.encryption_key.hex() == expected["encryption_key_hex"]
    assert keys.auth_token.hex() == expected["auth_token_hex"]
    blob = _envelope.seal_blob(_payload(_secret(given["payload"])), keys.encryption_key, bytes.fromhex(given["nonce_hex"]))
    assert blob.hex() == expected["blob_hex"]
    assert _requests.key_id(r) == expected["key_id"]
    reply = _requests.ReplyLink(given["base_url"], given["id"], agreed.ephemeral_key, expected["key_id"])
    assert reply.format() == expected["reply_link"]


@pytest.mark.parametrize("case", REQUESTS["replies"], ids=ids(REQUESTS["replies"]))
def test_the_requester_opens_every_reply(case):
    given, expected = case["input"], case["expected"]
    reply = _requests.try_parse_reply(expected["reply_link"])
    assert reply is not None and reply.id == given["id"] and reply.key_id == expected["key_id"]
    assert reply.base_url == given["base_url"]
    requester = _requests.key_from_scalar(bytes.fromhex(given["requester_private_hex"]))
    agreed = _requests.for_requester(requester, reply.ephemeral_key)
    assert agreed.shared_secret.hex() == expected["shared_secret_hex"]
    assert agreed.key.hex() == expected["key_hex"]
    keys = _envelope.derive(agreed.key, None)
    secret = _from_payload(_envelope.open_blob(bytes.fromhex(expected["blob_hex"]), keys.encryption_key))
    payload = given["payload"]
    if "text" in payload:
        assert secret.text == payload["text"]
    else:
        assert secret.content == file_data(payload["file"])
        assert secret.file_name == payload["file"]["name"]
    # A reply link is no secret link, and holds no passphrase flag.
    assert _links.try_parse(expected["reply_link"]) is None
    assert Client.is_reply_link(expected["reply_link"])
    assert not Client.requires_passphrase(expected["reply_link"])


def test_pkcs8_round_trip_keeps_the_key():
    key = _requests.key_from_scalar(bytes.fromhex(REQUESTS["requests"][0]["input"]["requester_private_hex"]))
    again = _requests.private_key_from_pkcs8(_requests.pkcs8(key))
    assert _requests.public_point(again) == _requests.public_point(key)


BAD_REQUESTS = REQUESTS["invalid_request_links"]
BAD_REPLIES = REQUESTS["invalid_reply_links"]


@pytest.mark.parametrize("case", BAD_REQUESTS, ids=ids(BAD_REQUESTS, "why"))
def test_invalid_request_links_are_rejected(case):
    assert _requests.try_parse_request(case["link"]) is None
    with pytest.raises(InvalidLinkError, match="not a valid OneTime request link"):
        Client.parse_request(case["link"])


@pytest.mark.parametrize("case", BAD_REPLIES, ids=ids(BAD_REPLIES, "why"))
def test_invalid_reply_links_are_rejected(case):
    assert _requests.try_parse_reply(case["link"]) is None
    assert not Client.is_reply_link(case["link"])


@pytest.mark.parametrize("case", [c for c in BAD_REPLIES if "#1r." in c["link"]], ids=lambda c: c["why"])
def test_reading_an_invalid_reply_link_fails_before_any_call(case, tmp_path):
    # 127.0.0.1:1 answers nothing: reaching the network would fail otherwise, not with InvalidLinkError.
    with Client("http://127.0.0.1:1", request_keys_dir=tmp_path) as client:
        with pytest.raises(InvalidLinkError, match="not a valid OneTime reply link"):
            client.read(case["link"])
