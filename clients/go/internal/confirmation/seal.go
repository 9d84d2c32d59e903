package confirmation

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"unicode/utf8"

	"github.com/onetime-project/onetime/clients/go/internal/envelope"
)

// CheckNote refuses a note that cannot go: text UTF-8 cannot carry (an unpaired surrogate), or over 200 bytes. The
// note is taken as typed: no normalization, no trimming; empty is no note.
func CheckNote(note string) error { return envelope.RequireNote(note, MaxNoteBytes) }

// IDBytes are the 16 bytes a link's 22-character id spells (base64url without padding).
func IDBytes(id string) ([]byte, error) {
	b, err := base64.RawURLEncoding.DecodeString(id)
	if err != nil || len(b) != IDSize {
		return nil, errors.New("The id is not a OneTime id.")
	}
	return b, nil
}

// Pad is uint16 big-endian len(note) || note || zero bytes, 256 bytes in all.
func Pad(note []byte) []byte {
	padded := make([]byte, PaddedSize)
	binary.BigEndian.PutUint16(padded, uint16(len(note)))
	copy(padded[LengthPrefixSize:], note)
	return padded
}

// Seal makes a confirmation with a fresh nonce from the confirmation key, the secret's id and the note.
func Seal(confirmationKey []byte, id, note string) ([]byte, error) {
	nonce := make([]byte, envelope.NonceSize)
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return SealWithNonce(confirmationKey, id, note, nonce)
}

// SealWithNonce is version || nonce || AES-256-GCM(confirmation_key, nonce, padded, aad = version || id_bytes), the
// fixed-nonce form for the test vectors; a nonce must never repeat under one key.
func SealWithNonce(confirmationKey []byte, id, note string, nonce []byte) ([]byte, error) {
	if err := CheckNote(note); err != nil {
		return nil, err
	}
	aad, err := associatedData(id)
	if err != nil {
		return nil, err
	}
	aead, err := newGCM(confirmationKey)
	if err != nil {
		return nil, err
	}
	out := make([]byte, HeaderSize, Size)
	out[0] = Version
	copy(out[1:], nonce)
	return aead.Seal(out, nonce, Pad([]byte(note)), aad), nil
}

// Open runs the checks of protos/README.md in their order against the sender's own link and returns the note
// ("" for none), or the Error the vectors name.
func Open(confirmation, confirmationKey []byte, id string) (string, error) {
	if len(confirmation) != Size {
		return "", WrongLength
	}
	if confirmation[0] != Version {
		return "", UnsupportedVersion
	}
	aad, err := associatedData(id)
	if err != nil {
		return "", AuthenticationFailed
	}
	aead, err := newGCM(confirmationKey)
	if err != nil {
		return "", AuthenticationFailed
	}
	padded, err := aead.Open(nil, confirmation[1:HeaderSize], confirmation[HeaderSize:], aad)
	if err != nil {
		return "", AuthenticationFailed
	}
	// The tag vouches for these bytes: a long prefix or non-zero padding means a client that does not follow the spec.
	n := int(binary.BigEndian.Uint16(padded))
	if n > MaxNoteBytes {
		return "", MalformedNote
	}
	for _, b := range padded[LengthPrefixSize+n:] {
		if b != 0 {
			return "", MalformedNote
		}
	}
	note := padded[LengthPrefixSize : LengthPrefixSize+n]
	if !utf8.Valid(note) { // an encoded surrogate is not UTF-8 either
		return "", MalformedNote
	}
	return string(note), nil
}

// associatedData is version || id_bytes: the id stops one secret's confirmation from passing for another's.
func associatedData(id string) ([]byte, error) {
	b, err := IDBytes(id)
	if err != nil {
		return nil, err
	}
	return append([]byte{Version}, b...), nil
}

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}
