package confirmation

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/onetime-project/onetime/clients/go/internal/envelope"
	"golang.org/x/crypto/hkdf"
)

// protos/README.md "Read confirmations (format 1)", from the spec's words: the key from K and S, the one size, every
// check in its order with its name.

const (
	id      = "AAECAwQFBgcICQoLDA0ODw" // bytes 0..15
	otherID = "AAECAwQFBgcICQoLDA0OEA"
)

var key = func() []byte {
	k := make([]byte, 32)
	for i := range k {
		k[i] = byte(i)
	}
	return k
}()

func confirmationKey(t *testing.T, passphrase *string, k []byte) []byte {
	t.Helper()
	keys, err := envelope.Derive(k, passphrase)
	if err != nil {
		t.Fatal(err)
	}
	return keys.ConfirmationKey
}

func reason(t *testing.T, confirmation, ck []byte, forID string) string {
	t.Helper()
	_, err := Open(confirmation, ck, forID)
	var e Error
	if !errors.As(err, &e) {
		t.Fatalf("opened, or %v", err)
	}
	return e.Name()
}

func TestKeyIsHKDFOfKWithTheEnvelopesSalt(t *testing.T) {
	pass := "pass"
	s, _ := envelope.PassphraseKey(key, pass)
	want := make([]byte, 32)
	io.ReadFull(hkdf.New(sha256.New, key, s, []byte("onetime/v1/read-confirmation-key")), want)
	if !bytes.Equal(confirmationKey(t, &pass, key), want) {
		t.Fatal("with a passphrase")
	}
	io.ReadFull(hkdf.New(sha256.New, key, nil, []byte("onetime/v1/read-confirmation-key")), want)
	if !bytes.Equal(confirmationKey(t, nil, key), want) {
		t.Fatal("without")
	}
}

func TestLayoutAndRoundTrip(t *testing.T) {
	ck := confirmationKey(t, nil, key)
	nonce := bytes.Repeat([]byte{7}, 12)
	sealed, err := SealWithNonce(ck, id, "got it", nonce)
	if err != nil || len(sealed) != 285 || sealed[0] != 0x01 || !bytes.Equal(sealed[1:13], nonce) {
		t.Fatalf("%x %v", sealed, err)
	}
	for _, note := range []string{"", "got it, rotating now", "ünïcödé 🔑", strings.Repeat("x", 200), strings.Repeat("é", 100), "\ttabs  "} {
		sealed, err := Seal(ck, id, note)
		if err != nil || len(sealed) != Size {
			t.Fatal(err)
		}
		if got, err := Open(sealed, ck, id); err != nil || got != note {
			t.Fatalf("%q %v", got, err)
		}
	}
	a, _ := Seal(ck, id, "a")
	b, _ := Seal(ck, id, "a")
	if bytes.Equal(a, b) {
		t.Fatal("the same nonce twice")
	}
}

func TestEachCheckInItsOrder(t *testing.T) {
	pass, wrong := "right", "wrong"
	ck := confirmationKey(t, &pass, key)
	sealed, _ := Seal(ck, id, "x")
	for _, n := range []int{0, 1, 284, 286, 512} {
		if r := reason(t, bytes.Repeat([]byte{1}, n), ck, id); r != "wrong_length" {
			t.Errorf("length %d: %s", n, r)
		}
	}
	v2 := append([]byte(nil), sealed...)
	v2[0] = 2
	if r := reason(t, v2, ck, id); r != "unsupported_version" {
		t.Error(r)
	}
	other, _ := Seal(ck, otherID, "x")
	if r := reason(t, other, ck, id); r != "authentication_failed" {
		t.Error("another id:", r)
	}
	for _, i := range []int{1, 12, 13, 200, 284} {
		changed := append([]byte(nil), sealed...)
		changed[i] ^= 1
		if r := reason(t, changed, ck, id); r != "authentication_failed" {
			t.Errorf("byte %d: %s", i, r)
		}
	}
	for _, k := range [][]byte{confirmationKey(t, &wrong, key), confirmationKey(t, nil, key), confirmationKey(t, &pass, make([]byte, 32))} {
		if r := reason(t, sealed, k, id); r != "authentication_failed" {
			t.Error("another key:", r)
		}
	}
}

// A well-sealed confirmation around any 256 bytes, as a client that does not follow the spec would make.
func sealPadded(t *testing.T, ck, padded []byte) []byte {
	block, _ := aes.NewCipher(ck)
	aead, _ := cipher.NewGCM(block)
	nonce := make([]byte, 12)
	idb, _ := IDBytes(id)
	return aead.Seal(append([]byte{1}, nonce...), nonce, padded, append([]byte{1}, idb...))
}

func TestMalformedNotes(t *testing.T) {
	ck := confirmationKey(t, nil, key)
	withPrefix := func(n int, body []byte) []byte {
		p := make([]byte, 256)
		binary.BigEndian.PutUint16(p, uint16(n))
		copy(p[2:], body)
		return p
	}
	padding := withPrefix(1, []byte("x"))
	padding[255] = 1
	for name, padded := range map[string][]byte{
		"over-200":  withPrefix(201, bytes.Repeat([]byte("x"), 201)),
		"ffff":      withPrefix(0xffff, nil),
		"padding":   padding,
		"not-utf8":  withPrefix(2, []byte{0xc3, 0x28}),
		"surrogate": withPrefix(3, []byte{0xed, 0xa0, 0x80}),
	} {
		if r := reason(t, sealPadded(t, ck, padded), ck, id); r != "malformed_note" {
			t.Errorf("%s: %s", name, r)
		}
	}
}

func TestNotesRefused(t *testing.T) {
	for _, note := range []string{strings.Repeat("x", 201), strings.Repeat("é", 101), "\xed\xa0\x80", "a\xffb"} {
		if CheckNote(note) == nil {
			t.Errorf("%q accepted", note)
		}
		if _, err := Seal(key, id, note); err == nil {
			t.Errorf("%q sealed", note)
		}
	}
}
