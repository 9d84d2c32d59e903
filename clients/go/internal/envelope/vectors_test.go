package envelope

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"testing"

	"github.com/onetime-project/onetime/clients/go/internal/testvectors"
)

type envelopeFile struct {
	Iterations int `json:"pbkdf2_iterations"`
	Positive   []struct {
		Name  string `json:"name"`
		Input struct {
			KeyHex         string              `json:"key_hex"`
			NonceHex       string              `json:"nonce_hex"`
			Passphrase     *string             `json:"passphrase"`
			PassphraseUTF8 *string             `json:"passphrase_utf8_hex"`
			Payload        testvectors.Payload `json:"payload"`
		} `json:"input"`
		Expected struct {
			PayloadHex       *string `json:"payload_hex"`
			PayloadSHA256    string  `json:"payload_sha256_hex"`
			PaddedLength     int     `json:"padded_length"`
			PassphraseKeyHex *string `json:"passphrase_key_hex"`
			EncryptionKeyHex string  `json:"encryption_key_hex"`
			AuthTokenHex     string  `json:"auth_token_hex"`
			BlobLength       int     `json:"blob_length"`
			BlobHex          *string `json:"blob_hex"`
			BlobSHA256       string  `json:"blob_sha256_hex"`
			BlobBase64       *string `json:"blob_base64"`
		} `json:"expected"`
	} `json:"positive"`
	Negative []struct {
		Name         string  `json:"name"`
		KeyHex       string  `json:"key_hex"`
		Passphrase   *string `json:"passphrase"`
		AuthTokenHex string  `json:"auth_token_hex"`
		BlobHex      string  `json:"blob_hex"`
		Error        string  `json:"error"`
	} `json:"negative"`
	RejectedInputs []struct {
		Name     string `json:"name"`
		Field    string `json:"field"`
		UTF16Hex string `json:"utf16_hex"`
	} `json:"rejected_inputs"`
	FileNames []struct {
		Given string `json:"given"`
		Sent  string `json:"sent"`
	} `json:"file_names"`
}

func load(t *testing.T) envelopeFile {
	t.Helper()
	var f envelopeFile
	if err := testvectors.Load("envelope-v1.json", &f); err != nil {
		t.Fatalf("loading envelope-v1.json: %v", err)
	}
	if len(f.Positive) == 0 || len(f.Negative) == 0 {
		t.Fatal("envelope-v1.json has no cases")
	}
	return f
}

func contentOf(p testvectors.Payload) Content {
	if p.Text != nil {
		return Content{Text: *p.Text}
	}
	return Content{IsFile: true, FileName: p.File.Name, MediaType: p.File.MediaType, Data: p.Data()}
}

func hexOf(b []byte) string { return hex.EncodeToString(b) }

func sha(b []byte) string { s := sha256.Sum256(b); return hexOf(s[:]) }

func TestIterationsMatchTheFile(t *testing.T) {
	if f := load(t); f.Iterations != PassphraseIterations {
		t.Fatalf("pbkdf2_iterations %d, this client uses %d", f.Iterations, PassphraseIterations)
	}
}

// Sealing with the fixed key and nonce gives the exact blob, and every intermediate value on the way.
func TestPositiveVectorsSeal(t *testing.T) {
	for _, v := range load(t).Positive {
		v := v
		t.Run(v.Name, func(t *testing.T) {
			key := testvectors.MustHex(v.Input.KeyHex)
			if v.Input.Passphrase != nil {
				if hexOf([]byte(*v.Input.Passphrase)) != *v.Input.PassphraseUTF8 {
					t.Fatalf("passphrase_utf8_hex does not match the passphrase")
				}
				s, err := PassphraseKey(key, *v.Input.Passphrase)
				if err != nil || hexOf(s) != *v.Expected.PassphraseKeyHex {
					t.Fatalf("S = %x (%v), want %s", s, err, *v.Expected.PassphraseKeyHex)
				}
			}
			keys, err := Derive(key, v.Input.Passphrase)
			if err != nil {
				t.Fatal(err)
			}
			if hexOf(keys.EncryptionKey) != v.Expected.EncryptionKeyHex || hexOf(keys.AuthToken) != v.Expected.AuthTokenHex {
				t.Fatalf("enc_key %x auth_token %x", keys.EncryptionKey, keys.AuthToken)
			}
			m, err := Marshal(contentOf(v.Input.Payload))
			if err != nil {
				t.Fatal(err)
			}
			if v.Expected.PayloadHex != nil && hexOf(m) != *v.Expected.PayloadHex {
				t.Fatalf("M = %x, want %s", m, *v.Expected.PayloadHex)
			}
			if sha(m) != v.Expected.PayloadSHA256 {
				t.Fatalf("SHA-256(M) = %s", sha(m))
			}
			if got := BucketSize(len(m)); got != v.Expected.PaddedLength {
				t.Fatalf("padded length %d, want %d", got, v.Expected.PaddedLength)
			}
			blob, err := SealWithNonce(m, keys.EncryptionKey, testvectors.MustHex(v.Input.NonceHex))
			if err != nil {
				t.Fatal(err)
			}
			if len(blob) != v.Expected.BlobLength || sha(blob) != v.Expected.BlobSHA256 {
				t.Fatalf("blob of %d bytes, SHA-256 %s", len(blob), sha(blob))
			}
			if v.Expected.BlobHex != nil && hexOf(blob) != *v.Expected.BlobHex {
				t.Fatal("blob differs from blob_hex")
			}
			if v.Expected.BlobBase64 != nil && base64.StdEncoding.EncodeToString(blob) != *v.Expected.BlobBase64 {
				t.Fatal("blob differs from blob_base64")
			}
		})
	}
}

// Every positive blob opens to its payload (from blob_hex, or the blob sealed above for the large file).
func TestPositiveVectorsOpen(t *testing.T) {
	for _, v := range load(t).Positive {
		v := v
		t.Run(v.Name, func(t *testing.T) {
			keys, _ := Derive(testvectors.MustHex(v.Input.KeyHex), v.Input.Passphrase)
			want := contentOf(v.Input.Payload)
			var blob []byte
			if v.Expected.BlobHex != nil {
				blob = testvectors.MustHex(*v.Expected.BlobHex)
			} else {
				m, _ := Marshal(want)
				blob, _ = SealWithNonce(m, keys.EncryptionKey, testvectors.MustHex(v.Input.NonceHex))
			}
			got, err := OpenContent(blob, keys)
			if err != nil {
				t.Fatal(err)
			}
			if want.IsFile && want.MediaType == "" {
				want.MediaType = DefaultMediaType
			}
			if got.IsFile != want.IsFile || got.Text != want.Text || got.FileName != want.FileName ||
				got.MediaType != want.MediaType || !bytes.Equal(got.Data, want.Data) && want.IsFile {
				t.Fatalf("opened %+v", got)
			}
		})
	}
}

// Every negative blob fails with its named error, and the key and passphrase give the listed token.
func TestNegativeVectors(t *testing.T) {
	for _, v := range load(t).Negative {
		v := v
		t.Run(v.Name, func(t *testing.T) {
			keys, err := Derive(testvectors.MustHex(v.KeyHex), v.Passphrase)
			if err != nil {
				t.Fatal(err)
			}
			if hexOf(keys.AuthToken) != v.AuthTokenHex {
				t.Fatalf("auth_token %x, want %s", keys.AuthToken, v.AuthTokenHex)
			}
			_, err = OpenContent(testvectors.MustHex(v.BlobHex), keys)
			var e Error
			if !errors.As(err, &e) || e.Name() != v.Error {
				t.Fatalf("error %v, want %s", err, v.Error)
			}
		})
	}
}

// Text UTF-8 cannot carry is refused before anything is derived or sealed.
func TestRejectedInputs(t *testing.T) {
	key := make([]byte, KeySize)
	for _, v := range load(t).RejectedInputs {
		v := v
		t.Run(v.Name, func(t *testing.T) {
			s := testvectors.FromUTF16Hex(v.UTF16Hex)
			var err error
			switch v.Field {
			case "passphrase":
				_, err = Derive(key, &s)
			case "text":
				_, err = Marshal(Content{Text: s})
			case "file_name":
				_, err = Marshal(Content{IsFile: true, FileName: s})
			default:
				t.Fatalf("unknown field %q", v.Field)
			}
			if err == nil {
				t.Fatal("accepted")
			}
		})
	}
}

func TestFileNames(t *testing.T) {
	for _, v := range load(t).FileNames {
		if got := BaseName(v.Given); got != v.Sent {
			t.Errorf("BaseName(%q) = %q, want %q", v.Given, got, v.Sent)
		}
	}
}
