package links

import "strings"

// Facts of the secret link's fragment: version [flag] "." id "." key.
const (
	Version        = "1"
	PassphraseFlag = "p"
	Separator      = "."
	IDLength       = 22 // 16 bytes, base64url without padding (secrets.proto StoreResponse.id)
	KeyLength      = 43 // 32 bytes, base64url without padding
	RevealPath     = "s"
)

// Split splits "{base URL}/{page}#{fragment}" the way every link of protos/README.md is spelled: nothing around it,
// the base URL canonical, the page named exactly, then the fragment.
func Split(link, page string) (baseURL, fragment string, ok bool) {
	hash := strings.IndexByte(link, '#')
	suffix := "/" + page
	if hash < 0 || !strings.HasSuffix(link[:hash], suffix) {
		return "", "", false
	}
	baseURL = link[:hash-len(suffix)]
	if !IsCanonicalBaseURL(baseURL) {
		return "", "", false
	}
	return baseURL, link[hash+1:], true
}

// Secret is a secret link split into the base URL the service answers on (not secret) and the fragment (secret).
type Secret struct {
	BaseURL            string
	ID                 string
	Key                []byte
	PassphraseRequired bool
}

// String never shows the key: only the base URL and the fragment's shape.
func (s Secret) String() string { return s.BaseURL + "/s#…" }

// GoString keeps %#v from printing the key.
func (s Secret) GoString() string { return "links.Secret{" + s.BaseURL + "}" }

// ParseSecret parses the raw string as protos/README.md spells a secret link; no repair, no whitespace.
func ParseSecret(link string) (Secret, bool) {
	baseURL, fragment, ok := Split(link, RevealPath)
	if !ok {
		return Secret{}, false
	}
	parts := strings.Split(fragment, Separator)
	if len(parts) != 3 {
		return Secret{}, false
	}
	var passphrase bool
	switch parts[0] {
	case Version:
	case Version + PassphraseFlag:
		passphrase = true
	default:
		return Secret{}, false
	}
	id, key := parts[1], parts[2]
	// 43 characters carry 258 bits; only the canonical spelling (low 2 bits zero) is accepted.
	if len(id) != IDLength || !IsAlphabet(id) || len(key) != KeyLength {
		return Secret{}, false
	}
	k, ok := DecodeCanonical(key)
	if !ok {
		return Secret{}, false
	}
	return Secret{BaseURL: baseURL, ID: id, Key: k, PassphraseRequired: passphrase}, true
}

// Fragment formats version [flag] "." id "." key.
func Fragment(id string, key []byte, passphrase bool) string {
	head := Version
	if passphrase {
		head += PassphraseFlag
	}
	return head + Separator + id + Separator + Encode(key)
}

// Format builds {base}/s#{fragment}.
func Format(baseURL, id string, key []byte, passphrase bool) string {
	return TrimBase(baseURL) + "/" + RevealPath + "#" + Fragment(id, key, passphrase)
}

// TrimBase: "http://host/", "http://host" and "http://host/prefix/" all name the same base; query and fragment go.
func TrimBase(baseURL string) string {
	if i := strings.IndexAny(baseURL, "?#"); i >= 0 {
		baseURL = baseURL[:i]
	}
	return strings.TrimRight(baseURL, "/")
}
