// Package requests is "Requests and replies (format 1)" of protos/README.md: P-256 key pairs, request and reply
// links, the fingerprint and key id, the reply key K, and the requester's key files in the C# client's format.
package requests

import "time"

// Facts of the request and reply formats 1; other clients reproduce these byte for byte
// (protos/testdata/request-v1.json).
const (
	Version      = "1"
	ReplyVersion = "1r"
	Separator    = "."
	RequestPath  = "r" // the request page; replies use the ordinary reveal page "/s"

	PointLength  = 87  // R and E: 65 bytes, base64url without padding
	KeyIDSize    = 9   // the first 9 bytes of a SHA-256: 72 bits
	KeyIDLength  = 12  // 9 bytes, base64url (no spare bits, so always canonical)
	MaxNoteBytes = 200 // UTF-8 bytes
	ReplyKeySize = 32  // K, as in envelope format 1

	FingerprintGroups  = 5
	FingerprintModulus = 10000 // 4 decimal digits a group
)

// KeyLifetime: a key is kept as long as the longest TTL a reply can have, then deleted when the store is next touched.
const KeyLifetime = 30 * 24 * time.Hour

// Distinct, versioned labels (HKDF info and hash prefixes), apart from the envelope's own.
var (
	fingerprintLabel = []byte("onetime/v1/request-fingerprint")
	keyIDLabel       = []byte("onetime/v1/request-key-id")
	replyKeyInfo     = []byte("onetime/v1/reply-key")
)
