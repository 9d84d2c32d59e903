package onetime

import (
	"fmt"

	"github.com/onetime-project/onetime/clients/go/internal/envelope"
)

// DefaultMediaType is the media type of a file sent without one.
const DefaultMediaType = envelope.DefaultMediaType

// Secret is the content of a one-time secret: text or a file. Its String and GoString never show the content.
type Secret struct {
	// Text is the text secret; empty for a file.
	Text string
	// IsFile is true for a file (or raw bytes) rather than text.
	IsFile bool
	// FileName is the sender's file name, possibly empty. Chosen by the sender: never use it as a path without
	// the reader's consent.
	FileName string
	// MediaType is the file's media type, application/octet-stream when the sender gave none; empty for text.
	MediaType string
	// Data is the file's bytes; for text, nil (Content gives the UTF-8 bytes either way).
	Data []byte
	// ViewsLeft, for a secret returned by Read: how many more times the link can be read (0: this was the last
	// view and the secret is gone from the service).
	ViewsLeft int
	// ConfirmationDelivery, for a secret returned by Read: whether the sender was told of the read with a
	// confirmation (only the last view of a secret link sends one).
	ConfirmationDelivery ConfirmationDelivery
}

// Text makes a text secret.
func Text(text string) Secret { return Secret{Text: text} }

// File makes a file secret. Directories are dropped at the last "/" or "\" on every platform (protos/README.md
// "File names"); an empty media type means application/octet-stream.
func File(data []byte, fileName, mediaType string) Secret {
	if mediaType == "" {
		mediaType = DefaultMediaType
	}
	return Secret{IsFile: true, FileName: envelope.BaseName(fileName), MediaType: mediaType, Data: data}
}

// Content is the secret's bytes: the file's content, or the text as UTF-8.
func (s Secret) Content() []byte {
	if s.IsFile {
		return s.Data
	}
	return []byte(s.Text)
}

// String describes the secret without its content.
func (s Secret) String() string {
	if s.IsFile {
		return fmt.Sprintf("onetime.Secret{file, %d bytes}", len(s.Data))
	}
	return fmt.Sprintf("onetime.Secret{text, %d bytes}", len(s.Text))
}

// GoString keeps %#v from printing the content.
func (s Secret) GoString() string { return s.String() }

func (s Secret) content() envelope.Content {
	if s.IsFile {
		return envelope.Content{IsFile: true, FileName: s.FileName, MediaType: s.MediaType, Data: s.Data}
	}
	return envelope.Content{Text: s.Text}
}

func fromContent(c envelope.Content) *Secret {
	if c.IsFile {
		return &Secret{IsFile: true, FileName: c.FileName, MediaType: c.MediaType, Data: c.Data}
	}
	return &Secret{Text: c.Text}
}
