package envelope

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
)

// Seal makes blob = version || nonce || AES-256-GCM(enc_key, nonce, padded, aad = version), with a fresh nonce.
func Seal(payload, encryptionKey []byte) ([]byte, error) {
	nonce := make([]byte, NonceSize)
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return SealWithNonce(payload, encryptionKey, nonce)
}

// SealWithNonce is the fixed-nonce form for the test vectors; a nonce must never repeat under one key. The
// version byte is the associated data, so a blob cannot be relabelled as another format version.
func SealWithNonce(payload, encryptionKey, nonce []byte) ([]byte, error) {
	aead, err := newGCM(encryptionKey)
	if err != nil {
		return nil, err
	}
	padded := Pad(payload)
	blob := make([]byte, HeaderSize, Overhead+len(padded))
	blob[0] = Version
	copy(blob[1:], nonce)
	blob = aead.Seal(blob, nonce, padded, blob[:1])
	zero(padded)
	return blob, nil
}

// Open runs the checks of protos/README.md in their order and returns M, or the error the vectors name.
func Open(blob, encryptionKey []byte) ([]byte, error) {
	if len(blob) < 1 {
		return nil, Truncated
	}
	// The version is checked before the length so a future format with another layout reports as such.
	if blob[0] != Version {
		return nil, UnsupportedVersion
	}
	if len(blob) < Overhead+LengthPrefixSize {
		return nil, Truncated
	}
	aead, err := newGCM(encryptionKey)
	if err != nil {
		return nil, AuthenticationFailed
	}
	padded, err := aead.Open(nil, blob[1:HeaderSize], blob[HeaderSize:], blob[:1])
	if err != nil {
		return nil, AuthenticationFailed
	}
	payload, ok := Unpad(padded)
	if !ok {
		zero(padded)
		return nil, MalformedPlaintext
	}
	out := append([]byte(nil), payload...)
	zero(padded)
	return out, nil
}

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

func zero(b []byte) {
	for i := range b {
		b[i] = 0
	}
}
