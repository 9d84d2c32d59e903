// Package links parses and formats the links of protos/README.md ("Link") in their one canonical spelling.
package links

import "encoding/base64"

// IsAlphabet is true when every character is base64url (A-Z a-z 0-9 - _): Go's decoder would also skip CR and LF.
func IsAlphabet(text string) bool {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// DecodeCanonical decodes base64url without padding in its one spelling: only the alphabet, and the spare low bits
// zero (the strict decoder), so that one value has one link.
func DecodeCanonical(text string) ([]byte, bool) {
	if text == "" || !IsAlphabet(text) {
		return nil, false
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(text)
	if err != nil || base64.RawURLEncoding.EncodeToString(b) != text {
		return nil, false
	}
	return b, true
}

// Encode is base64url without padding.
func Encode(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }
