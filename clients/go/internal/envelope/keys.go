package envelope

import (
	"crypto/sha256"
	"errors"
	"io"

	"golang.org/x/crypto/hkdf"
	"golang.org/x/crypto/pbkdf2"
	"golang.org/x/text/unicode/norm"
)

// Keys are the values HKDF derives from K (and S): the AES key and the read-confirmation key stay here, the token
// goes to the server.
type Keys struct {
	EncryptionKey   []byte
	AuthToken       []byte
	ConfirmationKey []byte
}

// Forget zeroes the keys that never leave this process once they are no longer needed.
func (k *Keys) Forget() {
	zero(k.EncryptionKey)
	zero(k.ConfirmationKey)
}

// ErrEmptyPassphrase: protos/README.md says a passphrase cannot be empty; no passphrase is a nil pointer.
var ErrEmptyPassphrase = errors.New("A passphrase cannot be empty.")

// Derive gives enc_key, auth_token and confirmation_key from K, with S (the PBKDF2 passphrase key) as HKDF's salt
// when a passphrase is given (protos/README.md "Keys", "Read confirmations"): one PBKDF2 for all three. An empty
// salt is HashLen zero bytes (RFC 5869 2.2) in every HKDF.
func Derive(key []byte, passphrase *string) (Keys, error) {
	if len(key) != KeySize {
		return Keys{}, errors.New("The key must be 32 bytes.")
	}
	var salt []byte
	if passphrase != nil {
		s, err := PassphraseKey(key, *passphrase)
		if err != nil {
			return Keys{}, err
		}
		salt = s
	}
	return Keys{
		EncryptionKey:   expand(key, salt, encryptionKeyInfo, 32),
		AuthToken:       expand(key, salt, authTokenInfo, AuthTokenSize),
		ConfirmationKey: expand(key, salt, confirmationKeyInfo, ConfirmationKeySize),
	}, nil
}

// PassphraseKey is S = PBKDF2-HMAC-SHA256(NFC(passphrase), salt_p, 600000, 32). PBKDF2 needs a per-secret salt but
// there is nowhere to store one: K is fresh for every secret, so a salt derived from it is unique.
func PassphraseKey(key []byte, passphrase string) ([]byte, error) {
	if passphrase == "" {
		return nil, ErrEmptyPassphrase
	}
	if err := RequireText(passphrase, "passphrase"); err != nil {
		return nil, err
	}
	// NFC first: "Å" typed on two keyboards can be one code point or two, and both must open the secret.
	password := []byte(norm.NFC.String(passphrase))
	salt := expand(key, nil, passphraseSaltInfo, PassphraseSaltSize)
	return pbkdf2.Key(password, salt, PassphraseIterations, PassphraseKeySize, sha256.New), nil
}

// HKDF is extract-then-expand with SHA-256 (RFC 5869).
func HKDF(ikm, salt, info []byte, length int) []byte { return expand(ikm, salt, info, length) }

func expand(ikm, salt, info []byte, length int) []byte {
	out := make([]byte, length)
	if _, err := io.ReadFull(hkdf.New(sha256.New, ikm, salt, info), out); err != nil {
		panic("hkdf: " + err.Error()) // only for lengths over 255*32, which no caller asks for
	}
	return out
}
