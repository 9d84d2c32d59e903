"""protos/testdata/confirmation-v1.json: every positive made byte for byte from its nonce and opened to its note,
every negative refused with its named error, every rejected note refused before anything is made."""

import pytest

from onetime import ConfirmationError
from onetime import _confirmation, _envelope, _links

from vectors import CONFIRMATIONS, ids, utf16

POSITIVE = CONFIRMATIONS["positive"]
NEGATIVE = CONFIRMATIONS["negative"]
REJECTED = CONFIRMATIONS["rejected_notes"]


@pytest.mark.parametrize("case", POSITIVE, ids=ids(POSITIVE))
def test_seal_gives_the_exact_confirmation(case):
    given, expected = case["input"], case["expected"]
    key = bytes.fromhex(given["key_hex"])
    assert _links.b64url_encode(key) == given["key_base64url"]
    assert _confirmation.id_bytes(given["id"]).hex() == given["id_hex"]
    note = given["note"]
    assert _confirmation.check_note(note).hex() == given["note_utf8_hex"]
    keys = _envelope.derive(key, given["passphrase"])
    assert keys.auth_token.hex() == expected["auth_token_hex"]
    assert keys.confirmation_key.hex() == expected["confirmation_key_hex"]
    assert _confirmation.pad(_confirmation.check_note(note)).hex() == expected["padded_hex"]
    sealed = _confirmation.seal(keys.confirmation_key, given["id"], note, bytes.fromhex(given["nonce_hex"]))
    assert len(sealed) == _confirmation.SIZE
    assert sealed.hex() == expected["confirmation_hex"]


@pytest.mark.parametrize("case", POSITIVE, ids=ids(POSITIVE))
def test_open_gives_the_note(case):
    given, expected = case["input"], case["expected"]
    keys = _envelope.derive(bytes.fromhex(given["key_hex"]), given["passphrase"])
    note = _confirmation.open_note(bytes.fromhex(expected["confirmation_hex"]), keys.confirmation_key, given["id"])
    assert note == expected["note"]


@pytest.mark.parametrize("case", NEGATIVE, ids=ids(NEGATIVE))
def test_negative_confirmations_fail_with_their_named_error(case):
    given = case["input"]
    keys = _envelope.derive(bytes.fromhex(given["key_hex"]), given["passphrase"])
    with pytest.raises(ConfirmationError) as raised:
        _confirmation.open_note(bytes.fromhex(case["confirmation_hex"]), keys.confirmation_key, given["id"])
    assert raised.value.reason == case["error"]
    assert given["key_hex"] not in str(raised.value) and given["id"] not in str(raised.value)


@pytest.mark.parametrize("case", REJECTED, ids=ids(REJECTED))
def test_rejected_notes_are_refused_before_anything_is_made(case):
    note = utf16(case["utf16_hex"])
    with pytest.raises(ValueError):
        _confirmation.check_note(note)
    with pytest.raises(ValueError):
        _confirmation.seal(bytes(32), "AAECAwQFBgcICQoLDA0ODw", note, bytes(12))
