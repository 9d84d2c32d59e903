package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/onetime-project/onetime/clients/go/onetime"
)

var linkSpec = spec{values: []string{"--grpc", "--ca"}, flags: []string{"--passphrase"}, positional: 1}

var readSpec = spec{
	values: []string{"--grpc", "--ca", "--out", "--note"}, flags: []string{"--passphrase", "--raw"}, positional: 1,
	check: func(p *parsed) error { // before the passphrase is asked for and anything is read
		note, _ := p.value("--note")
		return onetime.CheckNote(note)
	},
}

// read: fetch once, decrypt, and write the secret exactly as sent (escaped when shown on a terminal).
func readCommand(ctx context.Context, args []string, e *env) (int, error) {
	call, err := openLinkCall(ctx, args, readSpec, e)
	if err != nil {
		return 0, err
	}
	defer call.client.Close()
	target, hasOut := call.args.value("--out")
	note, _ := call.args.value("--note")
	opts := onetime.ReadOptions{Passphrase: call.passphrase, Note: note}
	if !hasOut {
		secret, err := call.client.ReadWith(ctx, call.link, opts)
		if err != nil {
			return 0, err
		}
		writeSecret(secret, call.args.flags["--raw"], e)
		sayViewsLeft(secret, e)
		sayConfirmation(secret, note, e)
		return exitOK, nil
	}

	// Created before the read: a secret that cannot be saved must not be consumed.
	file, full, err := createOutFile(target)
	if err != nil {
		return 0, err
	}
	secret, err := call.client.ReadWith(ctx, call.link, opts)
	if err != nil {
		file.Close()
		os.Remove(full) // not read after all: the empty file goes again
		return 0, err
	}
	if _, err := file.Write(secret.Content()); err != nil {
		file.Close()
		return 0, fmt.Errorf("Cannot write '%s' (%s).", full, ioMessage(err))
	}
	if err := file.Close(); err != nil {
		return 0, fmt.Errorf("Cannot write '%s' (%s).", full, ioMessage(err))
	}
	sayViewsLeft(secret, e)
	sayConfirmation(secret, note, e)
	return exitOK, nil
}

// sayConfirmation, on stderr so stdout stays the secret alone: the last view says whether the sender was told of
// the read, in the C# CLI's words (ReadConfirmationText.cs), which every CLI reuses.
func sayConfirmation(secret *onetime.Secret, note string, e *env) {
	switch {
	case secret.ConfirmationDelivery == onetime.Delivered && note != "":
		fmt.Fprintln(e.stderr, "onetime: the sender was told you read it (confirmed, with your note).")
	case secret.ConfirmationDelivery == onetime.Delivered:
		fmt.Fprintln(e.stderr, "onetime: the sender was told you read it (confirmed).")
	case secret.ConfirmationDelivery == onetime.DeliveryUnsupported:
		fmt.Fprintln(e.stderr, "onetime: the sender could not be told you read it: this server does not take read confirmations.")
	case secret.ConfirmationDelivery == onetime.DeliveryFailed:
		fmt.Fprintln(e.stderr, "onetime: the sender could not be told you read it: the server did not keep the confirmation.")
	case note != "": // views remain: only the last view of a secret link confirms
		fmt.Fprintln(e.stderr, "onetime: the note was not sent: only the last view confirms a read.")
	}
}

// createOutFile: O_CREAT|O_EXCL (neither an existing file nor a planted symlink is followed or overwritten), mode
// 0600 whatever the umask.
func createOutFile(target string) (*os.File, string, error) {
	full, _ := filepath.Abs(target)
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, 0o600)
	if err == nil {
		return f, full, nil
	}
	if _, statErr := os.Lstat(full); statErr == nil || errors.Is(err, fs.ErrExist) {
		return nil, "", usagef("--out: '%s' already exists; nothing was read.", full)
	}
	if _, dirErr := os.Stat(filepath.Dir(full)); dirErr != nil && os.IsNotExist(dirErr) {
		return nil, "", usagef("--out: the directory of '%s' does not exist; nothing was read.", full)
	}
	return nil, "", usagef("--out: cannot create '%s' (%s); nothing was read.", full, strings.TrimSuffix(ioMessage(err), "."))
}

// writeSecret: byte for byte to a pipe or a file (or with --raw); escaped for a terminal, with a final newline.
func writeSecret(secret *onetime.Secret, raw bool, e *env) {
	if raw || !e.stdoutIsTerminal {
		e.stdout.Write(secret.Content())
		return
	}
	text, escaped := escapeForTerminal(secret.Content())
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	e.stdout.Write([]byte(text))
	if escaped > 0 {
		fmt.Fprintf(e.stderr, "onetime: %d control or non-text character(s) shown as \\x or \\u escapes; use --raw or --out for the exact bytes.\n", escaped)
	}
}

// A multi-view link still works after this read: said on stderr, so stdout stays the secret alone.
func sayViewsLeft(secret *onetime.Secret, e *env) {
	switch {
	case secret.ViewsLeft == 1:
		fmt.Fprintln(e.stderr, "onetime: the link can be read 1 more time.")
	case secret.ViewsLeft > 1:
		fmt.Fprintf(e.stderr, "onetime: the link can be read %d more times.\n", secret.ViewsLeft)
	}
}

// passphraseForLink is asked only when the link needs one; before asking, says that wrong passphrases are
// counted (the server burns the secret at its limit), so a reader who is unsure asks the sender instead.
func passphraseForLink(ctx context.Context, link string, client *onetime.Client, e *env) (string, error) {
	required, err := onetime.RequiresPassphrase(link)
	if err != nil || !required {
		return "", err
	}
	limits, err := client.LimitsForLink(ctx, link)
	if err != nil {
		return "", err
	}
	if limits.MaxWrongAttempts > 0 {
		fmt.Fprintf(e.stderr, "onetime: this link needs a passphrase. %d wrong passphrases, from anyone, destroy the secret.\n", limits.MaxWrongAttempts)
	}
	if v := e.getenv(passphraseVariable); v != "" {
		return v, nil
	}
	return e.prompt("Passphrase: ", passphraseVariable)
}
