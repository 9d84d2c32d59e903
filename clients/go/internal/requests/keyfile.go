package requests

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"time"

	"github.com/onetime-project/onetime/clients/go/internal/links"
)

// keyFileFormat is the "format" of {key_id}.json, the same file the C# client writes (RequestKeyFile.cs), so a
// request made by either CLI is answered to and read by the other on the same account.
const keyFileFormat = 1

// Kept is a requester's private key as kept between the request and its replies (protos/README.md "Keeping the
// private key"): d as PKCS#8, with R, the note, the base URL and when it was made.
type Kept struct {
	KeyID        string
	PKCS8        []byte
	RequesterKey []byte
	Note         string
	BaseURL      string
	CreatedAt    time.Time
}

// Link is the request link the key belongs to.
func (k Kept) Link() RequestLink {
	return RequestLink{BaseURL: k.BaseURL, RequesterKey: k.RequesterKey, Note: k.Note}
}

// PrivateKey parses d.
func (k Kept) PrivateKey() (*ecdsa.PrivateKey, bool) {
	key, err := x509.ParsePKCS8PrivateKey(k.PKCS8)
	if err != nil {
		return nil, false
	}
	ec, ok := key.(*ecdsa.PrivateKey)
	if !ok || ec.Curve != curve {
		return nil, false
	}
	return ec, true
}

type keyFileJSON struct {
	Format       int     `json:"format"`
	KeyID        string  `json:"key_id"`
	PKCS8        string  `json:"private_key_pkcs8"`
	RequesterKey string  `json:"requester_key"`
	Note         *string `json:"note"`
	BaseURL      string  `json:"base_url"`
	CreatedAt    string  `json:"created_at"`
}

// createdAtLayout is .NET's round-trip "O" format of a UTC DateTimeOffset, as the C# client writes it.
const createdAtLayout = "2006-01-02T15:04:05.0000000-07:00"

// WriteKeyFile is the JSON of one key file, indented as the C# client writes it.
func WriteKeyFile(k Kept) []byte {
	var note *string
	if k.Note != "" {
		note = &k.Note
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(keyFileJSON{
		Format:       keyFileFormat,
		KeyID:        k.KeyID,
		PKCS8:        base64.StdEncoding.EncodeToString(k.PKCS8),
		RequesterKey: links.Encode(k.RequesterKey),
		Note:         note,
		BaseURL:      k.BaseURL,
		CreatedAt:    k.CreatedAt.UTC().Format(createdAtLayout),
	})
	return bytes.TrimRight(buf.Bytes(), "\n")
}

// ReadKeyFile returns false when the file is not a key file this version can use; the store then leaves it alone.
// Unknown fields are ignored, so a later version can add some.
func ReadKeyFile(data []byte) (Kept, bool) {
	var raw map[string]json.RawMessage
	if json.Unmarshal(data, &raw) != nil {
		return Kept{}, false
	}
	var f keyFileJSON
	if json.Unmarshal(data, &f) != nil || f.Format != keyFileFormat || f.KeyID == "" || f.BaseURL == "" {
		return Kept{}, false
	}
	pkcs8, err := base64.StdEncoding.DecodeString(f.PKCS8)
	if err != nil {
		return Kept{}, false
	}
	r, err := base64.RawURLEncoding.DecodeString(f.RequesterKey)
	if err != nil {
		return Kept{}, false
	}
	created, err := time.Parse(time.RFC3339Nano, f.CreatedAt)
	if err != nil {
		return Kept{}, false
	}
	k := Kept{KeyID: f.KeyID, PKCS8: pkcs8, RequesterKey: r, BaseURL: f.BaseURL, CreatedAt: created}
	if f.Note != nil {
		k.Note = *f.Note
	}
	if k.KeyID != KeyID(k.RequesterKey) {
		return Kept{}, false
	}
	return k, true
}

// NewKept makes the record for a fresh key pair.
func NewKept(priv *ecdsa.PrivateKey, note, baseURL string, now time.Time) (Kept, error) {
	pkcs8, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return Kept{}, err
	}
	r := PublicPoint(&priv.PublicKey)
	return Kept{KeyID: KeyID(r), PKCS8: pkcs8, RequesterKey: r, Note: note, BaseURL: baseURL, CreatedAt: now.UTC()}, nil
}
