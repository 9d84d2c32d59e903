package links

import (
	"encoding/hex"
	"testing"

	"github.com/onetime-project/onetime/clients/go/internal/testvectors"
)

type linkFile struct {
	Positive []struct {
		Name  string `json:"name"`
		Input struct {
			KeyHex     string  `json:"key_hex"`
			Passphrase *string `json:"passphrase"`
			ID         string  `json:"id"`
			BaseURL    string  `json:"base_url"`
		} `json:"input"`
		Expected struct {
			Fragment string `json:"fragment"`
			Link     string `json:"link"`
		} `json:"expected"`
	} `json:"positive"`
	Links struct {
		Valid []struct {
			Link               string `json:"link"`
			BaseURL            string `json:"base_url"`
			ID                 string `json:"id"`
			KeyHex             string `json:"key_hex"`
			PassphraseRequired bool   `json:"passphrase_required"`
		} `json:"valid"`
		Invalid []string `json:"invalid"`
	} `json:"links"`
}

func load(t *testing.T) linkFile {
	var f linkFile
	if err := testvectors.Load("envelope-v1.json", &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Links.Valid) == 0 || len(f.Links.Invalid) == 0 {
		t.Fatal("no link cases")
	}
	return f
}

func TestPositiveVectorLinks(t *testing.T) {
	for _, v := range load(t).Positive {
		key := testvectors.MustHex(v.Input.KeyHex)
		if got := Fragment(v.Input.ID, key, v.Input.Passphrase != nil); got != v.Expected.Fragment {
			t.Errorf("%s: fragment %s", v.Name, got)
		}
		if got := Format(v.Input.BaseURL, v.Input.ID, key, v.Input.Passphrase != nil); got != v.Expected.Link {
			t.Errorf("%s: link %s", v.Name, got)
		}
	}
}

func TestValidLinks(t *testing.T) {
	for _, v := range load(t).Links.Valid {
		p, ok := ParseSecret(v.Link)
		if !ok {
			t.Errorf("rejected %s", v.Link)
			continue
		}
		if p.BaseURL != v.BaseURL || p.ID != v.ID || hex.EncodeToString(p.Key) != v.KeyHex || p.PassphraseRequired != v.PassphraseRequired {
			t.Errorf("%s parsed as %+v", v.Link, p)
		}
		if got := Format(p.BaseURL, p.ID, p.Key, p.PassphraseRequired); got != v.Link {
			t.Errorf("formatted back as %s", got)
		}
	}
}

func TestInvalidLinks(t *testing.T) {
	for _, link := range load(t).Links.Invalid {
		if _, ok := ParseSecret(link); ok {
			t.Errorf("accepted %q", link)
		}
	}
}

func TestSecretStringHidesTheKey(t *testing.T) {
	p, _ := ParseSecret("https://onetime.example/s#1.AAECAwQFBgcICQoLDA0ODw.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")
	for _, s := range []string{p.String(), p.GoString()} {
		if s == "" || contains(s, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8") || contains(s, "AAECAwQFBgcICQoLDA0ODw") {
			t.Errorf("%q", s)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
