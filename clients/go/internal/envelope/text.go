package envelope

import (
	"errors"
	"strconv"
	"unicode/utf8"
)

// RequireText refuses text that UTF-8 cannot carry (protos/README.md "Text is UTF-8 both ways"). A Go string
// holding an unpaired UTF-16 surrogate (its WTF-8 form, ED A0..BF xx) or any other invalid byte is not valid UTF-8;
// an encoder would silently put U+FFFD in its place, so the secret or key would not be what was given.
func RequireText(text, what string) error {
	if utf8.ValidString(text) {
		return nil
	}
	return errors.New("The " + what + " contains an unpaired UTF-16 surrogate or other bytes that are not UTF-8, which UTF-8 cannot carry.")
}

// RequireNote refuses a note (a request's, a read confirmation's) that UTF-8 cannot carry or that is over maxBytes
// bytes of UTF-8; notes are taken as typed, without normalization or trimming.
func RequireNote(note string, maxBytes int) error {
	if err := RequireText(note, "note"); err != nil {
		return err
	}
	if len(note) > maxBytes {
		return errors.New("The note is longer than " + strconv.Itoa(maxBytes) + " bytes (UTF-8).")
	}
	return nil
}
