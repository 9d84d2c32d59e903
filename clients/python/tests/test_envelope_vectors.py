"""protos/testdata/envelope-v1.json, both directions: seal with the fixed key and nonce to the exact blob, and open
every blob; every negative with its named error; every valid and invalid link; rejected inputs; file names."""

import hashlib

import pytest

from onetime import InvalidLinkError, Secret, SecretDecryptionError
from onetime import _envelope, _links
from onetime._client import _from_payload, _payload

from vectors import ENVELOPE, file_data, ids, utf16

POSITIVE = ENVELOPE["positive"]
NEGATIVE = ENVELOPE["negative"]


def _secret(payload: dict) -> Secret:
    if "text" in payload:
        return Secret.from_text(payload["text"])
    f = payload["file"]
    return Secret._received_file(file_data(f), f["name"], f["media_type"])


def test_iterations_match_the_spec():
    assert ENVELOPE["pbkdf2_iterations"] == _envelope.PASSPHRASE_ITERATIONS


@pytest.mark.parametrize("case", POSITIVE, ids=ids(POSITIVE))
def test_seal_gives_the_exact_blob(case):
    given, expected = case["input"], case["expected"]
    key = bytes.fromhex(given["key_hex"])
    assert _links.b64url_encode(key) == given["key_base64url"]
    if given["passphrase"] is not None:
        assert given["passphrase"].encode("utf-8").hex() == given["passphrase_utf8_hex"]
        assert _envelope.passphrase_key(key, given["passphrase"]).hex() == expected["passphrase_key_hex"]
    keys = _envelope.derive(key, given["passphrase"])
    assert keys.encryption_key.hex() == expected["encryption_key_hex"]
    assert keys.auth_token.hex() == expected["auth_token_hex"]

    payload = _payload(_secret(given["payload"]))
    if expected["payload_hex"] is not None:
        assert payload.hex() == expected["payload_hex"]
    assert hashlib.sha256(payload).hexdigest() == expected["payload_sha256_hex"]
    assert _envelope.bucket_size(len(payload)) == expected["padded_length"]

    blob = _envelope.seal_blob(payload, keys.encryption_key, bytes.fromhex(given["nonce_hex"]))
    assert len(blob) == expected["blob_length"]
    assert hashlib.sha256(blob).hexdigest() == expected["blob_sha256_hex"]
    if expected["blob_hex"] is not None:
        assert blob.hex() == expected["blob_hex"]

    link = _links.build(given["base_url"], given["id"], key, given["passphrase"] is not None)
    assert link == expected["link"]
    assert link.split("#", 1)[1] == expected["fragment"]


@pytest.mark.parametrize("case", POSITIVE, ids=ids(POSITIVE))
def test_open_gives_the_payload(case):
    given, expected = case["input"], case["expected"]
    key = bytes.fromhex(given["key_hex"])
    if expected["blob_hex"] is not None:
        blob = bytes.fromhex(expected["blob_hex"])
    else:  # the 70 000-byte file: its blob is given by hash only, so seal it and check that
        keys = _envelope.derive(key, given["passphrase"])
        blob = _envelope.seal_blob(_payload(_secret(given["payload"])), keys.encryption_key, bytes.fromhex(given["nonce_hex"]))
        assert hashlib.sha256(blob).hexdigest() == expected["blob_sha256_hex"]
    parsed = _links.parse(expected["link"])
    assert parsed.key == key and parsed.id == given["id"]
    keys = _envelope.derive(parsed.key, given["passphrase"])
    secret = _from_payload(_envelope.open_blob(blob, keys.encryption_key))
    payload = given["payload"]
    if "text" in payload:
        assert secret.text == payload["text"] and not secret.is_file
    else:
        f = payload["file"]
        assert secret.is_file and secret.text is None
        assert secret.content == file_data(f)
        assert secret.file_name == (f["name"] or None)
        assert secret.media_type == (f["media_type"] or "application/octet-stream")


def test_nfc_and_nfd_passphrases_give_the_same_blob():
    by_name = {c["name"]: c for c in POSITIVE}
    nfc, nfd = by_name["text-passphrase-nfc"], by_name["text-passphrase-nfd"]
    assert nfc["input"]["passphrase"] != nfd["input"]["passphrase"]
    assert nfc["expected"]["blob_hex"] == nfd["expected"]["blob_hex"]
    assert nfc["expected"]["auth_token_hex"] == nfd["expected"]["auth_token_hex"]


@pytest.mark.parametrize("case", NEGATIVE, ids=ids(NEGATIVE))
def test_negative_blobs_fail_with_their_named_error(case):
    keys = _envelope.derive(bytes.fromhex(case["key_hex"]), case["passphrase"])
    assert keys.auth_token.hex() == case["auth_token_hex"]
    with pytest.raises(SecretDecryptionError) as raised:
        _from_payload(_envelope.open_blob(bytes.fromhex(case["blob_hex"]), keys.encryption_key))
    assert raised.value.reason == case["error"]
    # Every failure reads as "corrupted or wrong key" and shows nothing of the plaintext or key.
    assert "corrupted" in str(raised.value)
    assert case["key_hex"] not in str(raised.value)


VALID = ENVELOPE["links"]["valid"]
INVALID = ENVELOPE["links"]["invalid"]


@pytest.mark.parametrize("case", VALID, ids=ids(VALID, "link"))
def test_valid_links_parse_into_their_parts_and_back(case):
    parsed = _links.parse(case["link"])
    assert parsed.base_url == case["base_url"]
    assert parsed.id == case["id"]
    assert parsed.key.hex() == case["key_hex"]
    assert parsed.passphrase_required == case["passphrase_required"]
    assert parsed.format() == case["link"]


@pytest.mark.parametrize("link", INVALID, ids=[repr(l) for l in INVALID])
def test_invalid_links_are_rejected_before_any_call(link):
    assert _links.try_parse(link) is None
    with pytest.raises(InvalidLinkError) as raised:
        _links.parse(link)
    assert "#" + link.partition("#")[2] not in str(raised.value) or not link.partition("#")[2]


REJECTED = ENVELOPE["rejected_inputs"]


@pytest.mark.parametrize("case", REJECTED, ids=ids(REJECTED))
def test_rejected_inputs_are_refused_before_anything_is_derived(case):
    value = utf16(case["utf16_hex"])
    with pytest.raises(ValueError, match="unpaired UTF-16 surrogate"):
        if case["field"] == "passphrase":
            _envelope.derive(bytes(32), value)
        elif case["field"] == "text":
            Secret.from_text(value)
        else:
            assert case["field"] == "file_name"
            Secret.from_file(b"data", value)


NAMES = ENVELOPE["file_names"]


@pytest.mark.parametrize("case", NAMES, ids=ids(NAMES, "given"))
def test_file_names_send_only_the_last_component(case):
    secret = Secret.from_file(b"x", case["given"])
    assert secret.file_name == case["sent"]
    payload = _envelope.decode_payload(_payload(secret))
    assert payload.file.name == case["sent"]
