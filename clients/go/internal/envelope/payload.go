package envelope

import (
	"crypto/rand"
	"strings"

	onetimev1 "github.com/onetime-project/onetime/clients/go/gen/onetime/v1"
	"google.golang.org/protobuf/proto"
)

// DefaultMediaType is what an empty FileContent.media_type means.
const DefaultMediaType = "application/octet-stream"

// Content is one Payload (protos/onetime/v1/payload.proto): text, or a file with its name and media type.
type Content struct {
	IsFile    bool
	Text      string
	FileName  string
	MediaType string // empty or DefaultMediaType: sent as empty
	Data      []byte // the file's bytes
}

// BaseName keeps the last component of a name or path, split at both "/" and "\" on every platform
// (protos/README.md "File names"), so one input gives one payload everywhere.
func BaseName(name string) string {
	if i := strings.LastIndexAny(name, "/\\"); i >= 0 {
		return name[i+1:]
	}
	return name
}

// Marshal is M: the protobuf encoding of the Payload, fields in field-number order.
func Marshal(c Content) ([]byte, error) {
	var p onetimev1.Payload
	if c.IsFile {
		if err := RequireText(c.FileName, "file name"); err != nil {
			return nil, err
		}
		media := c.MediaType
		if media == DefaultMediaType {
			media = ""
		}
		if err := RequireText(media, "media type"); err != nil {
			return nil, err
		}
		p.Content = &onetimev1.Payload_File{File: &onetimev1.FileContent{Name: c.FileName, MediaType: media, Data: c.Data}}
	} else {
		if err := RequireText(c.Text, "text"); err != nil {
			return nil, err
		}
		p.Content = &onetimev1.Payload_Text{Text: c.Text}
	}
	return proto.MarshalOptions{Deterministic: true}.Marshal(&p)
}

// Unmarshal reads M; a Payload that does not parse, holds neither text nor file, or holds text that is not UTF-8
// (protobuf-go checks proto3 strings) is malformed_plaintext, never a repaired string.
func Unmarshal(m []byte) (Content, error) {
	var p onetimev1.Payload
	if err := proto.Unmarshal(m, &p); err != nil {
		return Content{}, MalformedPlaintext
	}
	switch c := p.Content.(type) {
	case *onetimev1.Payload_Text:
		return Content{Text: c.Text}, nil
	case *onetimev1.Payload_File:
		f := c.File
		media := f.GetMediaType()
		if media == "" {
			media = DefaultMediaType
		}
		data := f.GetData()
		if data == nil {
			data = []byte{}
		}
		return Content{IsFile: true, FileName: f.GetName(), MediaType: media, Data: data}, nil
	}
	return Content{}, MalformedPlaintext
}

// Sealed is what sending produces: K for the link, the token and blob for the server.
type Sealed struct {
	Key       []byte
	AuthToken []byte
	Blob      []byte
}

// SealContent is the whole sending pipeline with a fresh K: Payload, pad, AES-256-GCM under keys derived from K.
func SealContent(c Content, passphrase *string) (Sealed, error) {
	m, err := Marshal(c)
	if err != nil {
		return Sealed{}, err
	}
	key := make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		return Sealed{}, err
	}
	keys, err := Derive(key, passphrase)
	if err != nil {
		return Sealed{}, err
	}
	blob, err := Seal(m, keys.EncryptionKey)
	keys.Forget()
	zero(m)
	if err != nil {
		return Sealed{}, err
	}
	return Sealed{Key: key, AuthToken: keys.AuthToken, Blob: blob}, nil
}

// OpenContent opens a blob into its Payload; the error is an Error naming the failed check.
func OpenContent(blob []byte, keys Keys) (Content, error) {
	m, err := Open(blob, keys.EncryptionKey)
	if err != nil {
		return Content{}, err
	}
	return Unmarshal(m)
}
