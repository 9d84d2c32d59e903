package requests

import (
	"strings"
	"unicode/utf8"

	"github.com/onetime-project/onetime/clients/go/internal/envelope"
	"github.com/onetime-project/onetime/clients/go/internal/links"
)

// RequestLink is base-url "/r#" "1" "." requester-key [ "." note ]: only public material, R and what is asked.
type RequestLink struct {
	BaseURL      string
	RequesterKey []byte
	Note         string // empty: no note
}

// Fingerprint of R and the note.
func (r RequestLink) Fingerprint() string { return Fingerprint(r.RequesterKey, []byte(r.Note)) }

// KeyID of R.
func (r RequestLink) KeyID() string { return KeyID(r.RequesterKey) }

// Format writes the link; an empty note is written as no part.
func (r RequestLink) Format() string {
	s := r.BaseURL + "/" + RequestPath + "#" + Version + Separator + links.Encode(r.RequesterKey)
	if r.Note != "" {
		s += Separator + links.Encode([]byte(r.Note))
	}
	return s
}

// CheckNote refuses text UTF-8 cannot carry and notes over 200 bytes.
func CheckNote(note string) error { return envelope.RequireNote(note, MaxNoteBytes) }

// ParseRequest checks everything, the point on the curve included, so an invalid link is refused before anything else.
func ParseRequest(link string) (RequestLink, bool) {
	baseURL, fragment, ok := links.Split(link, RequestPath)
	if !ok {
		return RequestLink{}, false
	}
	parts := strings.Split(fragment, Separator)
	if len(parts) < 2 || len(parts) > 3 || parts[0] != Version || len(parts[1]) != PointLength {
		return RequestLink{}, false
	}
	point, ok := links.DecodeCanonical(parts[1])
	if !ok {
		return RequestLink{}, false
	}
	if _, ok := ImportPublic(point); !ok {
		return RequestLink{}, false
	}
	var note string
	if len(parts) == 3 {
		b, ok := links.DecodeCanonical(parts[2])
		if !ok || len(b) > MaxNoteBytes || !utf8.Valid(b) {
			return RequestLink{}, false
		}
		note = string(b)
	}
	return RequestLink{BaseURL: baseURL, RequesterKey: point, Note: note}, true
}

// ReplyLink is base-url "/s#" "1r" "." id "." ephemeral-key "." key-id: no key; it opens only with d, found by key-id.
type ReplyLink struct {
	BaseURL      string
	ID           string
	EphemeralKey []byte
	KeyID        string
}

// Format writes the link.
func (r ReplyLink) Format() string {
	return r.BaseURL + "/" + links.RevealPath + "#" + ReplyVersion + Separator + r.ID + Separator +
		links.Encode(r.EphemeralKey) + Separator + r.KeyID
}

// ParseReply checks every part and that E is on the curve.
func ParseReply(link string) (ReplyLink, bool) {
	baseURL, fragment, ok := links.Split(link, links.RevealPath)
	if !ok {
		return ReplyLink{}, false
	}
	parts := strings.Split(fragment, Separator)
	if len(parts) != 4 || parts[0] != ReplyVersion ||
		len(parts[1]) != links.IDLength || !links.IsAlphabet(parts[1]) ||
		len(parts[2]) != PointLength ||
		len(parts[3]) != KeyIDLength || !links.IsAlphabet(parts[3]) {
		return ReplyLink{}, false
	}
	point, ok := links.DecodeCanonical(parts[2])
	if !ok {
		return ReplyLink{}, false
	}
	if _, ok := ImportPublic(point); !ok {
		return ReplyLink{}, false
	}
	return ReplyLink{BaseURL: baseURL, ID: parts[1], EphemeralKey: point, KeyID: parts[3]}, true
}

// LooksLikeReply: a link whose fragment starts "1r." but does not parse gets the reply link's own error.
func LooksLikeReply(link string) bool {
	return strings.Contains(link, "#"+ReplyVersion+Separator)
}
