// Package confirmation is "Read confirmations (format 1)" of protos/README.md: after the last view of a secret link
// the reader's client seals an optional note for the sender under a key from K and S (envelope.Keys.ConfirmationKey,
// derived with the envelope's keys: no second PBKDF2), bound to the secret's id; the sender's client opens it from its
// own link. The server keeps it and hands it back, and can neither make one, change one, nor move one to another
// secret. Other clients reproduce these bytes exactly (protos/testdata/confirmation-v1.json).
package confirmation

import "github.com/onetime-project/onetime/clients/go/internal/envelope"

// Facts of read confirmations, format 1.
const (
	Version          = 1
	IDSize           = 16  // StoreResponse.id, base64url-decoded
	MaxNoteBytes     = 200 // UTF-8 bytes
	LengthPrefixSize = 2   // uint16 big-endian
	// PaddedSize is one size for every note, so the server learns neither whether there is one nor its length.
	PaddedSize = 256
	HeaderSize = 1 + envelope.NonceSize                     // version byte || nonce
	Size       = HeaderSize + PaddedSize + envelope.TagSize // 285
)

// Error says why a confirmation did not open; the names are the "error" values of the negative vectors. To the
// sender every one of them reads the same: the confirmation does not verify.
type Error int

const (
	WrongLength Error = iota + 1
	UnsupportedVersion
	AuthenticationFailed
	MalformedNote
)

// Name is the vector file's name for the error.
func (e Error) Name() string {
	switch e {
	case WrongLength:
		return "wrong_length"
	case UnsupportedVersion:
		return "unsupported_version"
	case AuthenticationFailed:
		return "authentication_failed"
	case MalformedNote:
		return "malformed_note"
	}
	return "unknown"
}

func (e Error) Error() string {
	switch e {
	case WrongLength:
		return "The read confirmation does not verify: it has the wrong length."
	case UnsupportedVersion:
		return "The read confirmation does not verify: it has a format version this client does not know."
	case AuthenticationFailed:
		return "The read confirmation does not verify: altered, made for another secret, or made up."
	}
	return "The read confirmation does not verify: its note is malformed."
}
