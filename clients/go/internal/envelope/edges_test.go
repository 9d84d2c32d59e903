package envelope

import (
	"bytes"
	"errors"
	"testing"
)

// protos/README.md "Text, names and other edges every client settles the same way".

func TestEmptyTextAndEmptyFileAreSecrets(t *testing.T) {
	keys, _ := Derive(make([]byte, KeySize), nil)
	for _, c := range []Content{{Text: ""}, {IsFile: true}} {
		m, err := Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		blob, _ := Seal(m, keys.EncryptionKey)
		got, err := OpenContent(blob, keys)
		if err != nil || got.IsFile != c.IsFile || got.Text != "" || len(got.Data) != 0 {
			t.Fatalf("%+v: %+v %v", c, got, err)
		}
	}
}

func TestPayloadWithNeitherTextNorFileIsMalformed(t *testing.T) {
	keys, _ := Derive(make([]byte, KeySize), nil)
	for _, m := range [][]byte{{}, {0x18, 0x01}} { // nothing; an unknown varint field only
		blob, _ := Seal(m, keys.EncryptionKey)
		if _, err := OpenContent(blob, keys); !errors.Is(err, MalformedPlaintext) {
			t.Fatalf("%x: %v", m, err)
		}
	}
}

func TestTextThatIsNotUTF8IsMalformedNotRepaired(t *testing.T) {
	keys, _ := Derive(make([]byte, KeySize), nil)
	blob, _ := Seal([]byte{0x0a, 0x02, 0xc3, 0x28}, keys.EncryptionKey)
	if _, err := OpenContent(blob, keys); !errors.Is(err, MalformedPlaintext) {
		t.Fatal(err)
	}
}

// Passphrases are typed as they are: Tab kept, NFC applied, nothing trimmed or folded.
func TestPassphrasesAreTakenAsTyped(t *testing.T) {
	key := make([]byte, KeySize)
	derive := func(p string) []byte {
		s, err := PassphraseKey(key, p)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	base := derive("ab")
	for _, other := range []string{"a\tb", " ab", "ab ", "AB"} {
		if bytes.Equal(derive(other), base) {
			t.Errorf("%q derives the same key as %q", other, "ab")
		}
	}
	if !bytes.Equal(derive("\u00c5"), derive("A\u030a")) {
		t.Error("NFC and NFD forms differ")
	}
	if _, err := PassphraseKey(key, ""); err == nil {
		t.Error("empty passphrase accepted")
	}
}

// A reader keeps the file name as received: "../x" stays "../x" in the Content (it is never a path).
func TestReceivedFileNameIsKept(t *testing.T) {
	keys, _ := Derive(make([]byte, KeySize), nil)
	m, _ := Marshal(Content{IsFile: true, FileName: "../a\\b"})
	blob, _ := Seal(m, keys.EncryptionKey)
	got, err := OpenContent(blob, keys)
	if err != nil || got.FileName != "../a\\b" || got.MediaType != DefaultMediaType {
		t.Fatalf("%+v %v", got, err)
	}
}

func TestBuckets(t *testing.T) {
	for _, c := range []struct{ m, b int }{{0, 256}, {252, 256}, {253, 512}, {65532, 65536}, {65533, 131072}, {983036, 983040}} {
		if got := BucketSize(c.m); got != c.b {
			t.Errorf("BucketSize(%d) = %d, want %d", c.m, got, c.b)
		}
	}
}
