package confirmation

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/onetime-project/onetime/clients/go/internal/envelope"
	"github.com/onetime-project/onetime/clients/go/internal/links"
	"github.com/onetime-project/onetime/clients/go/internal/testvectors"
)

// protos/testdata/confirmation-v1.json, read in place: every positive made byte for byte from its nonce and opened
// to its note, every negative refused with its named error, every rejected note refused before anything is made.
type confirmationFile struct {
	Positive []struct {
		Name  string `json:"name"`
		Input struct {
			KeyHex       string  `json:"key_hex"`
			KeyBase64URL string  `json:"key_base64url"`
			Passphrase   *string `json:"passphrase"`
			ID           string  `json:"id"`
			IDHex        string  `json:"id_hex"`
			NonceHex     string  `json:"nonce_hex"`
			Note         *string `json:"note"`
			NoteUTF8Hex  string  `json:"note_utf8_hex"`
		} `json:"input"`
		Expected struct {
			ConfirmationKeyHex string `json:"confirmation_key_hex"`
			AuthTokenHex       string `json:"auth_token_hex"`
			PaddedHex          string `json:"padded_hex"`
			ConfirmationHex    string `json:"confirmation_hex"`
			Note               string `json:"note"`
		} `json:"expected"`
	} `json:"positive"`
	Negative []struct {
		Name  string `json:"name"`
		Input struct {
			KeyHex     string  `json:"key_hex"`
			Passphrase *string `json:"passphrase"`
			ID         string  `json:"id"`
		} `json:"input"`
		ConfirmationHex string `json:"confirmation_hex"`
		Error           string `json:"error"`
	} `json:"negative"`
	RejectedNotes []struct {
		Name     string `json:"name"`
		UTF16Hex string `json:"utf16_hex"`
	} `json:"rejected_notes"`
}

func load(t *testing.T) confirmationFile {
	t.Helper()
	var f confirmationFile
	if err := testvectors.Load("confirmation-v1.json", &f); err != nil {
		t.Fatalf("loading confirmation-v1.json: %v", err)
	}
	if len(f.Positive) == 0 || len(f.Negative) == 0 || len(f.RejectedNotes) == 0 {
		t.Fatal("confirmation-v1.json has no cases")
	}
	return f
}

func derive(t *testing.T, keyHex string, passphrase *string) envelope.Keys {
	t.Helper()
	keys, err := envelope.Derive(testvectors.MustHex(keyHex), passphrase)
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

func TestVectorsSealGivesTheExactConfirmation(t *testing.T) {
	for _, v := range load(t).Positive {
		v := v
		t.Run(v.Name, func(t *testing.T) {
			in, want := v.Input, v.Expected
			if links.Encode(testvectors.MustHex(in.KeyHex)) != in.KeyBase64URL {
				t.Fatal("key_base64url")
			}
			if id, err := IDBytes(in.ID); err != nil || hex.EncodeToString(id) != in.IDHex {
				t.Fatalf("id bytes %x %v", id, err)
			}
			note := ""
			if in.Note != nil {
				note = *in.Note
			}
			if hex.EncodeToString([]byte(note)) != in.NoteUTF8Hex || CheckNote(note) != nil {
				t.Fatalf("note %q", note)
			}
			keys := derive(t, in.KeyHex, in.Passphrase)
			if hex.EncodeToString(keys.AuthToken) != want.AuthTokenHex || hex.EncodeToString(keys.ConfirmationKey) != want.ConfirmationKeyHex {
				t.Fatalf("auth token %x confirmation key %x", keys.AuthToken, keys.ConfirmationKey)
			}
			if got := hex.EncodeToString(Pad([]byte(note))); got != want.PaddedHex {
				t.Fatalf("padded %s", got)
			}
			sealed, err := SealWithNonce(keys.ConfirmationKey, in.ID, note, testvectors.MustHex(in.NonceHex))
			if err != nil || len(sealed) != Size || hex.EncodeToString(sealed) != want.ConfirmationHex {
				t.Fatalf("confirmation %x %v", sealed, err)
			}
		})
	}
}

func TestVectorsOpenGivesTheNote(t *testing.T) {
	for _, v := range load(t).Positive {
		v := v
		t.Run(v.Name, func(t *testing.T) {
			keys := derive(t, v.Input.KeyHex, v.Input.Passphrase)
			note, err := Open(testvectors.MustHex(v.Expected.ConfirmationHex), keys.ConfirmationKey, v.Input.ID)
			if err != nil || note != v.Expected.Note {
				t.Fatalf("%q %v", note, err)
			}
		})
	}
}

func TestVectorsNegativeFailWithTheirNamedError(t *testing.T) {
	for _, v := range load(t).Negative {
		v := v
		t.Run(v.Name, func(t *testing.T) {
			keys := derive(t, v.Input.KeyHex, v.Input.Passphrase)
			note, err := Open(testvectors.MustHex(v.ConfirmationHex), keys.ConfirmationKey, v.Input.ID)
			var e Error
			if !errors.As(err, &e) || e.Name() != v.Error || note != "" {
				t.Fatalf("got %q %v, want %s", note, err, v.Error)
			}
			if strings.Contains(err.Error(), v.Input.KeyHex) || strings.Contains(err.Error(), v.Input.ID) {
				t.Fatalf("%q", err)
			}
		})
	}
}

func TestVectorsRejectedNotesAreRefused(t *testing.T) {
	for _, v := range load(t).RejectedNotes {
		v := v
		t.Run(v.Name, func(t *testing.T) {
			note := testvectors.FromUTF16Hex(v.UTF16Hex)
			if CheckNote(note) == nil {
				t.Fatal("accepted")
			}
			if _, err := SealWithNonce(make([]byte, 32), "AAECAwQFBgcICQoLDA0ODw", note, make([]byte, 12)); err == nil {
				t.Fatal("sealed")
			}
		})
	}
}
