package requests

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/onetime-project/onetime/clients/go/internal/links"
)

func TestKeyFileRoundTripAndFormat(t *testing.T) {
	d, _ := Generate()
	k, err := NewKept(d, "the db password", "https://onetime.example", time.Date(2026, 1, 2, 3, 4, 5, 123456700, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	data := WriteKeyFile(k)
	var fields map[string]interface{}
	if err := json.Unmarshal(data, &fields); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"format", "key_id", "private_key_pkcs8", "requester_key", "note", "base_url", "created_at"} {
		if _, ok := fields[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
	if fields["created_at"] != "2026-01-02T03:04:05.1234567+00:00" {
		t.Errorf("created_at %v", fields["created_at"])
	}
	back, ok := ReadKeyFile(data)
	if !ok || back.KeyID != k.KeyID || !bytes.Equal(back.PKCS8, k.PKCS8) || back.Note != k.Note || !back.CreatedAt.Equal(k.CreatedAt) {
		t.Fatalf("%+v", back)
	}
	if _, ok := back.PrivateKey(); !ok {
		t.Fatal("PKCS#8 does not parse")
	}
}

// A key file as the C# client writes it (RequestKeyFile.cs: System.Text.Json, indented, non-ASCII escaped).
func TestReadsTheCSharpKeyFile(t *testing.T) {
	d, _ := Generate()
	k, _ := NewKept(d, "", "http://127.0.0.1:5080", time.Now())
	cs := `{
  "format": 1,
  "key_id": "` + k.KeyID + `",
  "private_key_pkcs8": "` + b64(k.PKCS8) + `",
  "requester_key": "` + encode(k.RequesterKey) + `",
  "note": null,
  "base_url": "http://127.0.0.1:5080",
  "created_at": "2026-01-02T03:04:05.1234567\u002B00:00"
}`
	back, ok := ReadKeyFile([]byte(cs))
	if !ok || back.Note != "" || back.BaseURL != "http://127.0.0.1:5080" {
		t.Fatalf("%+v %v", back, ok)
	}
}

func TestStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "onetime", "requests")
	now := time.Now()
	s := &Store{Dir: dir, Now: func() time.Time { return now }}
	d, _ := Generate()
	k, _ := NewKept(d, "n", "https://onetime.example", now)
	if err := s.Save(k); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(k); err == nil {
		t.Fatal("overwrote an existing key file")
	}
	info, _ := os.Stat(dir)
	if info.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %o", info.Mode().Perm())
	}
	info, _ = os.Stat(s.Path(k.KeyID))
	if info.Mode().Perm() != 0o600 {
		t.Errorf("file mode %o", info.Mode().Perm())
	}
	if got, ok, err := s.Find(k.KeyID); !ok || err != nil || got.KeyID != k.KeyID {
		t.Fatalf("find: %v %v", ok, err)
	}
	if len(s.List()) != 1 {
		t.Fatal("list")
	}
	os.Chmod(s.Path(k.KeyID), 0o644)
	if _, _, err := s.Find(k.KeyID); err == nil {
		t.Fatal("used a key file others can read")
	}
	os.Chmod(s.Path(k.KeyID), 0o600)
	if _, ok, _ := s.Find("../../etc/xx"); ok {
		t.Fatal("path from a key id")
	}
	now = now.Add(31 * 24 * time.Hour)
	if len(s.List()) != 0 {
		t.Fatal("a key over 30 days old was kept")
	}
	if ok, _ := s.Forget(k.KeyID); ok {
		t.Fatal("forgot a pruned key")
	}
}

func b64(b []byte) string {
	return jsonString(b)
}

func jsonString(b []byte) string {
	s, _ := json.Marshal(b) // encoding/json writes []byte as standard base64
	return string(s[1 : len(s)-1])
}

func encode(b []byte) string { return linksEncode(b) }

var linksEncode = links.Encode
