// Package testvectors loads protos/testdata/*.json in place, from the repository this module sits in (never a
// copy), for the tests of every package.
package testvectors

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"unicode/utf8"
)

// Dir is the repository's protos/testdata, found from this source file's place (clients/go/internal/testvectors).
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "protos", "testdata")
}

// Load reads one vector file into v.
func Load(name string, v interface{}) error {
	data, err := os.ReadFile(filepath.Join(Dir(), name))
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

// Payload is a vector's payload: text, or a file given by hex or by pattern.
type Payload struct {
	Text *string `json:"text"`
	File *struct {
		Name        string  `json:"name"`
		MediaType   string  `json:"media_type"`
		DataHex     *string `json:"data_hex"`
		DataPattern *string `json:"data_pattern"`
		DataLength  int     `json:"data_length"`
	} `json:"file"`
}

// Data is the file's bytes; the one pattern in the files is "byte i = (0x80 + i) mod 256".
func (p Payload) Data() []byte {
	if p.File.DataHex != nil {
		return MustHex(*p.File.DataHex)
	}
	b := make([]byte, p.File.DataLength)
	for i := range b {
		b[i] = byte(0x80 + i)
	}
	return b
}

// MustHex decodes hex or panics (test data only).
func MustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// FromUTF16Hex turns big-endian UTF-16 code units in hex into a Go string the way a Go program would hold that
// text: paired surrogates as their code point, an unpaired one in its 3-byte WTF-8 form (which is not UTF-8).
func FromUTF16Hex(s string) string {
	b := MustHex(s)
	var out []byte
	for i := 0; i+1 < len(b); i += 2 {
		u := rune(b[i])<<8 | rune(b[i+1])
		if u >= 0xD800 && u < 0xDC00 && i+3 < len(b) {
			v := rune(b[i+2])<<8 | rune(b[i+3])
			if v >= 0xDC00 && v < 0xE000 {
				out = utf8.AppendRune(out, 0x10000+(u-0xD800)<<10+(v-0xDC00))
				i += 2
				continue
			}
		}
		if u >= 0xD800 && u < 0xE000 {
			out = append(out, byte(0xE0|u>>12), byte(0x80|(u>>6)&0x3F), byte(0x80|u&0x3F))
			continue
		}
		out = utf8.AppendRune(out, u)
	}
	return string(out)
}
