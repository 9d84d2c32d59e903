package requests

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/onetime-project/onetime/clients/go/internal/envelope"
	"github.com/onetime-project/onetime/clients/go/internal/links"
)

// Fingerprint is five groups of 4 decimal digits from SHA-256(label || R || note): about 2^66 values, compared aloud.
func Fingerprint(requesterKey, note []byte) string {
	h := sha256.New()
	h.Write(fingerprintLabel)
	h.Write(requesterKey)
	h.Write(note)
	sum := h.Sum(nil)
	groups := make([]string, FingerprintGroups)
	for i := range groups {
		groups[i] = fmt.Sprintf("%04d", binary.BigEndian.Uint32(sum[4*i:4*i+4])%FingerprintModulus)
	}
	return strings.Join(groups, " ")
}

// KeyID names the private key among the requester's pending requests; public (it is in every reply link).
func KeyID(requesterKey []byte) string {
	h := sha256.New()
	h.Write(keyIDLabel)
	h.Write(requesterKey)
	return links.Encode(h.Sum(nil)[:KeyIDSize])
}

// ReplyKey is K = HKDF-SHA256(ikm = Z, salt = empty, info = label || E || R): both public keys are bound in, so a
// K is good for one ephemeral key and one request only.
func ReplyKey(sharedSecret, ephemeralKey, requesterKey []byte) []byte {
	info := make([]byte, 0, len(replyKeyInfo)+len(ephemeralKey)+len(requesterKey))
	info = append(append(append(info, replyKeyInfo...), ephemeralKey...), requesterKey...)
	return envelope.HKDF(sharedSecret, nil, info, ReplyKeySize)
}
