// Package envelope is envelope format 1 of protos/README.md: keys derived from K (and a passphrase), the padded
// Payload, and the AES-256-GCM blob. Other clients reproduce these bytes exactly (protos/testdata).
package envelope

// Facts of envelope format 1, as written in protos/README.md.
const (
	Version             = 1
	KeySize             = 32 // K, the secret in the link fragment
	AuthTokenSize       = 32 // StoreRequest.auth_token
	NonceSize           = 12 // AES-GCM's 96-bit IV
	TagSize             = 16 // the full 128-bit GCM tag, never truncated
	PassphraseSaltSize  = 16
	PassphraseKeySize   = 32
	ConfirmationKeySize = 32 // the read confirmation's AES-256-GCM key (protos/README.md "Read confirmations")

	// OWASP's 2023 floor for PBKDF2-HMAC-SHA256; a wrong guess must cost as much as a right one.
	PassphraseIterations = 600000

	HeaderSize = 1 + NonceSize // version byte || nonce
	Overhead   = HeaderSize + TagSize
)

// Distinct, versioned HKDF info labels: one key never serves two purposes, and format 2 cannot collide with 1.
var (
	encryptionKeyInfo   = []byte("onetime/v1/encryption-key")
	authTokenInfo       = []byte("onetime/v1/auth-token")
	passphraseSaltInfo  = []byte("onetime/v1/passphrase-salt")
	confirmationKeyInfo = []byte("onetime/v1/read-confirmation-key")
)

// Error says why a blob did not open; the names are the "error" values of the negative vectors.
type Error int

const (
	Truncated Error = iota + 1
	UnsupportedVersion
	AuthenticationFailed
	MalformedPlaintext
)

// Name is the vector file's name for the error.
func (e Error) Name() string {
	switch e {
	case Truncated:
		return "truncated"
	case UnsupportedVersion:
		return "unsupported_version"
	case AuthenticationFailed:
		return "authentication_failed"
	case MalformedPlaintext:
		return "malformed_plaintext"
	}
	return "unknown"
}

// Error is the message readers see: every failure reads as "corrupted or wrong key", never partial plaintext.
func (e Error) Error() string {
	switch e {
	case UnsupportedVersion:
		return "The secret uses an envelope format this client does not know; it is corrupted or needs a newer client."
	case Truncated:
		return "The secret is corrupted (truncated ciphertext)."
	case AuthenticationFailed:
		return "The secret is corrupted or the key is wrong: decryption failed."
	}
	return "The secret is corrupted: its plaintext is malformed."
}
