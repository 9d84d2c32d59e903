package requests

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/onetime-project/onetime/clients/go/internal/envelope"
	"github.com/onetime-project/onetime/clients/go/internal/links"
	"github.com/onetime-project/onetime/clients/go/internal/testvectors"
)

type requestFile struct {
	Requests []struct {
		Name  string `json:"name"`
		Input struct {
			RequesterPrivateHex string  `json:"requester_private_hex"`
			Note                *string `json:"note"`
			BaseURL             string  `json:"base_url"`
		} `json:"input"`
		Expected struct {
			RequesterPublic string `json:"requester_public_base64url"`
			Fingerprint     string `json:"fingerprint"`
			KeyID           string `json:"key_id"`
			RequestLink     string `json:"request_link"`
		} `json:"expected"`
	} `json:"requests"`
	Replies []struct {
		Name  string `json:"name"`
		Input struct {
			RequesterPrivateHex string              `json:"requester_private_hex"`
			EphemeralPrivateHex string              `json:"ephemeral_private_hex"`
			NonceHex            string              `json:"nonce_hex"`
			Payload             testvectors.Payload `json:"payload"`
			ID                  string              `json:"id"`
			BaseURL             string              `json:"base_url"`
		} `json:"input"`
		Expected struct {
			RequesterPublic string `json:"requester_public_base64url"`
			EphemeralPublic string `json:"ephemeral_public_base64url"`
			SharedSecretHex string `json:"shared_secret_hex"`
			KeyHex          string `json:"key_hex"`
			EncKeyHex       string `json:"encryption_key_hex"`
			AuthTokenHex    string `json:"auth_token_hex"`
			BlobHex         string `json:"blob_hex"`
			KeyID           string `json:"key_id"`
			ReplyLink       string `json:"reply_link"`
		} `json:"expected"`
	} `json:"replies"`
	InvalidRequestLinks []struct{ Link, Why string } `json:"invalid_request_links"`
	InvalidReplyLinks   []struct{ Link, Why string } `json:"invalid_reply_links"`
}

func load(t *testing.T) requestFile {
	var f requestFile
	if err := testvectors.Load("request-v1.json", &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Requests) == 0 || len(f.Replies) == 0 || len(f.InvalidRequestLinks) == 0 || len(f.InvalidReplyLinks) == 0 {
		t.Fatal("request-v1.json has no cases")
	}
	return f
}

func TestRequestVectors(t *testing.T) {
	for _, v := range load(t).Requests {
		v := v
		t.Run(v.Name, func(t *testing.T) {
			d, err := FromScalar(testvectors.MustHex(v.Input.RequesterPrivateHex))
			if err != nil {
				t.Fatal(err)
			}
			r := PublicPoint(&d.PublicKey)
			if links.Encode(r) != v.Expected.RequesterPublic {
				t.Fatalf("R = %s", links.Encode(r))
			}
			note := ""
			if v.Input.Note != nil {
				note = *v.Input.Note
			}
			if err := CheckNote(note); err != nil {
				t.Fatal(err)
			}
			l := RequestLink{BaseURL: v.Input.BaseURL, RequesterKey: r, Note: note}
			if l.Fingerprint() != v.Expected.Fingerprint || l.KeyID() != v.Expected.KeyID || l.Format() != v.Expected.RequestLink {
				t.Fatalf("fingerprint %s key id %s link %s", l.Fingerprint(), l.KeyID(), l.Format())
			}
			parsed, ok := ParseRequest(v.Expected.RequestLink)
			if !ok || parsed.BaseURL != v.Input.BaseURL || !bytes.Equal(parsed.RequesterKey, r) || parsed.Note != note {
				t.Fatalf("parsed %+v %v", parsed, ok)
			}
		})
	}
}

func TestReplyVectorsSenderSide(t *testing.T) {
	for _, v := range load(t).Replies {
		v := v
		t.Run(v.Name, func(t *testing.T) {
			d, _ := FromScalar(testvectors.MustHex(v.Input.RequesterPrivateHex))
			e, _ := FromScalar(testvectors.MustHex(v.Input.EphemeralPrivateHex))
			r := PublicPoint(&d.PublicKey)
			if links.Encode(r) != v.Expected.RequesterPublic {
				t.Fatal("R differs")
			}
			agreed, err := ForSenderWith(e, r)
			if err != nil {
				t.Fatal(err)
			}
			if links.Encode(agreed.EphemeralKey) != v.Expected.EphemeralPublic ||
				hex.EncodeToString(agreed.SharedSecret) != v.Expected.SharedSecretHex ||
				hex.EncodeToString(agreed.Key) != v.Expected.KeyHex {
				t.Fatalf("E %s Z %x K %x", links.Encode(agreed.EphemeralKey), agreed.SharedSecret, agreed.Key)
			}
			keys, _ := envelope.Derive(agreed.Key, nil)
			if hex.EncodeToString(keys.EncryptionKey) != v.Expected.EncKeyHex || hex.EncodeToString(keys.AuthToken) != v.Expected.AuthTokenHex {
				t.Fatal("derived keys differ")
			}
			m, err := envelope.Marshal(content(v.Input.Payload))
			if err != nil {
				t.Fatal(err)
			}
			blob, _ := envelope.SealWithNonce(m, keys.EncryptionKey, testvectors.MustHex(v.Input.NonceHex))
			if hex.EncodeToString(blob) != v.Expected.BlobHex {
				t.Fatal("blob differs")
			}
			if KeyID(r) != v.Expected.KeyID {
				t.Fatal("key id differs")
			}
			link := ReplyLink{BaseURL: v.Input.BaseURL, ID: v.Input.ID, EphemeralKey: agreed.EphemeralKey, KeyID: KeyID(r)}
			if link.Format() != v.Expected.ReplyLink {
				t.Fatalf("reply link %s", link.Format())
			}
		})
	}
}

func TestReplyVectorsRequesterSide(t *testing.T) {
	for _, v := range load(t).Replies {
		v := v
		t.Run(v.Name, func(t *testing.T) {
			d, _ := FromScalar(testvectors.MustHex(v.Input.RequesterPrivateHex))
			link, ok := ParseReply(v.Expected.ReplyLink)
			if !ok || link.ID != v.Input.ID || link.KeyID != v.Expected.KeyID || link.BaseURL != v.Input.BaseURL {
				t.Fatalf("parsed %+v %v", link, ok)
			}
			agreed, err := ForRequester(d, link.EphemeralKey)
			if err != nil || hex.EncodeToString(agreed.Key) != v.Expected.KeyHex {
				t.Fatalf("K %x %v", agreed.Key, err)
			}
			keys, _ := envelope.Derive(agreed.Key, nil)
			got, err := envelope.OpenContent(testvectors.MustHex(v.Expected.BlobHex), keys)
			if err != nil {
				t.Fatal(err)
			}
			want := content(v.Input.Payload)
			if got.Text != want.Text || got.IsFile != want.IsFile || !bytes.Equal(got.Data, want.Data) || got.FileName != want.FileName {
				t.Fatalf("opened %+v", got)
			}
		})
	}
}

func TestInvalidRequestLinks(t *testing.T) {
	for _, v := range load(t).InvalidRequestLinks {
		if _, ok := ParseRequest(v.Link); ok {
			t.Errorf("accepted (%s): %s", v.Why, v.Link)
		}
	}
}

func TestInvalidReplyLinks(t *testing.T) {
	for _, v := range load(t).InvalidReplyLinks {
		if _, ok := ParseReply(v.Link); ok {
			t.Errorf("accepted (%s): %s", v.Why, v.Link)
		}
	}
}

func TestNotes(t *testing.T) {
	if CheckNote(string(bytes.Repeat([]byte("x"), 201))) == nil {
		t.Error("201-byte note accepted")
	}
	if CheckNote("a\xed\xa0\x80") == nil {
		t.Error("encoded surrogate accepted")
	}
}

func content(p testvectors.Payload) envelope.Content {
	if p.Text != nil {
		return envelope.Content{Text: *p.Text}
	}
	return envelope.Content{IsFile: true, FileName: p.File.Name, MediaType: p.File.MediaType, Data: p.Data()}
}
