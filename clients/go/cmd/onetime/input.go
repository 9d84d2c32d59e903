package main

import (
	"bytes"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/onetime-project/onetime/clients/go/onetime"
	"golang.org/x/term"
)

const (
	linkVariable       = "ONETIME_LINK"
	secretVariable     = "ONETIME_SECRET"
	passphraseVariable = "ONETIME_PASSPHRASE"
	maxLinkLength      = 16 * 1024 // links are about 100 characters; a mistaken `cat big.iso |` must not fill memory
)

// resolveLink: the argument, else "-" or piped stdin (one line, trimmed), else $ONETIME_LINK. An argument lands
// in shell history and the process list, so stdin and the variable are offered too.
func resolveLink(p *parsed, e *env) (string, error) {
	var argument string
	hasArgument := len(p.positional) > 0
	if hasArgument {
		argument = p.positional[0]
		if argument != "-" {
			return strings.TrimSpace(argument), nil
		}
	}
	if argument == "-" || !e.stdinIsTerminal {
		data, err := io.ReadAll(io.LimitReader(e.stdin, maxLinkLength+1))
		if err != nil {
			return "", err
		}
		if len(data) > maxLinkLength {
			return "", usagef("The input on stdin is too long to be a link.")
		}
		text := strings.TrimSpace(string(data))
		if strings.Contains(text, "\n") {
			return "", usagef("Expected one link on stdin, found several lines.")
		}
		if text != "" {
			return text, nil
		}
		if argument == "-" {
			return "", usagef("No link on stdin.")
		}
	}
	if v := strings.TrimSpace(e.getenv(linkVariable)); e.getenv(linkVariable) != "" {
		return v, nil
	}
	return "", usagef("No link: pipe it in (onetime read - < link.txt), set ONETIME_LINK, or give it as an argument (which shell history keeps).")
}

// readSecret: piped stdin, else $ONETIME_SECRET, else a no-echo prompt; never an argument. Valid UTF-8 from stdin
// is sent as text, byte for byte; anything else as an unnamed file, so binary survives.
func readSecret(e *env) (onetime.Secret, error) {
	if !e.stdinIsTerminal {
		data, err := io.ReadAll(e.stdin)
		if err != nil {
			return onetime.Secret{}, err
		}
		// An empty stdin (</dev/null, a CI runner) is "nothing piped": fall through to the variable.
		if len(data) > 0 {
			if utf8.Valid(data) {
				return onetime.Text(string(data)), nil
			}
			return onetime.File(data, "", ""), nil
		}
	}
	if v := e.getenv(secretVariable); v != "" {
		return onetime.Text(v), nil
	}
	if !e.stdinIsTerminal {
		return onetime.Secret{}, usagef("Nothing to send: pipe the secret in, set ONETIME_SECRET, or use --file.")
	}
	typed, err := e.prompt("Secret: ", secretVariable)
	if err != nil {
		return onetime.Secret{}, err
	}
	if typed == "" {
		return onetime.Secret{}, usagef("Nothing to send: the secret is empty.")
	}
	return onetime.Text(typed), nil
}

// hiddenPrompt reads a line without echo from the terminal: stdin when it is one, else /dev/tty (the secret may
// be piped in while the passphrase is typed). Every character typed is kept, Tab included (protos/README.md).
func hiddenPrompt(prompt, variable string) (string, error) {
	noTerminal := usagef("Cannot prompt: no terminal. Set %s instead.", variable)
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		tty, err := os.Open("/dev/tty")
		if err != nil {
			return "", noTerminal
		}
		defer tty.Close()
		fd = int(tty.Fd())
		if !term.IsTerminal(fd) {
			return "", noTerminal
		}
	}
	os.Stderr.WriteString(prompt)
	line, err := term.ReadPassword(fd)
	os.Stderr.WriteString("\n")
	if err != nil {
		return "", noTerminal
	}
	return string(bytes.TrimRight(line, "\r")), nil
}
