package main

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// escapeForTerminal is what a secret looks like on a terminal (the C# CLI's TerminalText.cs). The sender chooses
// every byte, and a terminal obeys some: ESC starts control sequences, CR and BS overwrite what was shown, C1
// controls are CSI/OSC on some terminals, bidirectional controls reorder what the reader sees. Those are shown as
// visible escapes (\x1b, \u202e). Newline and Tab stay; backslash is left alone so a password shows as typed.
// Bytes that are not UTF-8 show as \xNN, one count per maximal ill-formed subsequence (as .NET's decoder).
func escapeForTerminal(b []byte) (string, int) {
	var out strings.Builder
	escaped := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			n := invalidLength(b)
			for _, c := range b[:n] {
				fmt.Fprintf(&out, "\\x%02x", c)
			}
			escaped++
			b = b[n:]
			continue
		}
		switch {
		case r == '\n' || r == '\t':
			out.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&out, "\\x%02x", r)
			escaped++
		case r >= 0x80 && r <= 0x9f || isBidi(r):
			fmt.Fprintf(&out, "\\u%04x", r)
			escaped++
		default:
			out.WriteRune(r)
		}
		b = b[size:]
	}
	return out.String(), escaped
}

func isBidi(r rune) bool {
	switch r {
	case 0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069:
		return true
	}
	return false
}

// invalidLength is the maximal subpart of an ill-formed sequence (Unicode 3.9, D93b): a lead byte and the
// continuation bytes that could still have completed it.
func invalidLength(b []byte) int {
	c := b[0]
	var need int
	lo, hi := byte(0x80), byte(0xBF)
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF:
		need = 2
	case c == 0xED:
		need, hi = 2, 0x9F
	case c == 0xF0:
		need, lo = 3, 0x90
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	case c == 0xF4:
		need, hi = 3, 0x8F
	default:
		return 1
	}
	n := 1
	for i := 1; i <= need && i < len(b); i++ {
		if b[i] < lo || b[i] > hi {
			break
		}
		lo, hi = 0x80, 0xBF
		n++
	}
	return n
}
