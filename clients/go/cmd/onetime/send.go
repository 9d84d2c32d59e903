package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/onetime-project/onetime/clients/go/onetime"
)

var sendSpec = spec{
	values: []string{"--host", "--grpc", "--ttl", "--views", "--file", "--to", "--ca"},
	flags:  []string{"--passphrase", "--generate"},
}

// send: encrypt locally, store the ciphertext, print only the link on stdout. The order of checks is the C#
// CLI's (SendCommand.cs): spelling first, then the secret, then the server's range, then the passphrase.
func sendCommand(ctx context.Context, args []string, e *env) (int, error) {
	p, err := parseArgs(args, sendSpec)
	if err != nil {
		return 0, err
	}
	host, err := hostOption(p, e)
	if err != nil {
		return 0, err
	}
	path, hasFile := p.value("--file")
	generated := p.flags["--generate"]
	if hasFile && generated {
		return 0, usagef("Use either --file or --generate, not both.")
	}
	var request *onetime.Request
	if to, ok := p.value("--to"); ok {
		if p.flags["--passphrase"] {
			return 0, usagef("--passphrase does not apply to --to: only the requester's key opens a reply.")
		}
		if request, err = onetime.ParseRequest(strings.TrimSpace(to)); err != nil {
			return 0, err
		}
		var note string
		if request.Note != "" {
			note = "Asked for: " + shown(request.Note) + "\n"
		}
		fmt.Fprintf(e.stderr, "%sFingerprint: %s\nCompare it with the one the requester reads out to you over another channel (a call); send only if they match.\n",
			note, request.Fingerprint)
	}
	ttlText, hasTTL := p.value("--ttl")
	var ttl time.Duration
	if hasTTL {
		if ttl, err = parseTTL(ttlText); err != nil {
			return 0, err
		}
	}
	views, hasViews, err := p.intValue("--views")
	if err != nil {
		return 0, err
	}
	if request != nil && hasViews {
		return 0, usagef("--views does not go with --to: a reply opens once, for the requester.")
	}
	if hasViews && views < 1 {
		return 0, usagef("Invalid --views %d: a secret is read at least once.", views)
	}
	if !hasViews {
		views = 1
	}

	var secret onetime.Secret
	switch {
	case hasFile:
		full, _ := filepath.Abs(path)
		data, err := os.ReadFile(full)
		if err != nil {
			if os.IsNotExist(err) {
				return 0, fmt.Errorf("Could not find file '%s'.", full)
			}
			return 0, fmt.Errorf("Cannot read '%s' (%s).", full, ioMessage(err))
		}
		secret = onetime.File(data, filepath.Base(full), "")
	case generated:
		password, err := generatePassword(defaultLength, true)
		if err != nil {
			return 0, err
		}
		secret = onetime.Text(password)
	default:
		if secret, err = readSecret(e); err != nil {
			return 0, err
		}
	}

	if request != nil {
		client, err := newClient(p, e, "")
		if err != nil {
			return 0, err
		}
		defer client.Close()
		reply, err := client.Reply(ctx, request.Link, secret, ttl)
		if err != nil {
			return 0, err
		}
		if generated {
			fmt.Fprintln(e.stderr, "Generated password (shown once): "+secret.Text)
		}
		fmt.Fprintln(e.stderr, "Send this reply link back to the requester. Only their key opens it, once; you cannot.")
		fmt.Fprintln(e.stdout, reply.Link)
		return exitOK, nil
	}

	client, err := newClient(p, e, host)
	if err != nil {
		return 0, err
	}
	defer client.Close()
	limits, err := client.Limits(ctx)
	if err != nil {
		return 0, err
	}
	if hasTTL && (ttl < limits.MinTTL || ttl > limits.MaxTTL) {
		return 0, usagef("Invalid --ttl '%s': this server keeps secrets from %s to %s.", ttlText, formatTTL(limits.MinTTL), formatTTL(limits.MaxTTL))
	}
	if views > limits.MaxViews {
		if limits.MaxViews == 1 {
			return 0, usagef("Invalid --views %d: this server allows only 1 view per secret.", views)
		}
		return 0, usagef("Invalid --views %d: this server allows 1 to %d views.", views, limits.MaxViews)
	}
	passphrase, err := passphraseForSend(p.flags["--passphrase"], e)
	if err != nil {
		return 0, err
	}
	link, err := client.Send(ctx, secret, onetime.SendOptions{TTL: ttl, Views: views, Passphrase: passphrase})
	if err != nil {
		return 0, err
	}
	if generated {
		fmt.Fprintln(e.stderr, "Generated password (shown once): "+secret.Text)
	}
	fmt.Fprintln(e.stdout, link.URL)
	return exitOK, nil
}

// passphraseForSend: $ONETIME_PASSPHRASE when set, with or without --passphrase (a script that exports it for its
// reads cannot then send unprotected by forgetting the flag), said on stderr; else a prompt, twice, with the flag.
func passphraseForSend(flag bool, e *env) (string, error) {
	if v := e.getenv(passphraseVariable); v != "" {
		fmt.Fprintln(e.stderr, "onetime: protected with $ONETIME_PASSPHRASE; the reader needs that passphrase too.")
		return v, nil
	}
	if !flag {
		return "", nil
	}
	first, err := e.prompt("Passphrase: ", passphraseVariable)
	if err != nil {
		return "", err
	}
	if first == "" {
		return "", usagef("The passphrase cannot be empty.")
	}
	second, err := e.prompt("Repeat passphrase: ", passphraseVariable)
	if err != nil {
		return "", err
	}
	if second != first {
		return "", usagef("The passphrases do not match.")
	}
	return first, nil
}

// parseTTL: "--ttl 30m|1h|7d", a whole number (1 to 100000) and one unit.
func parseTTL(text string) (time.Duration, error) {
	bad := usagef("Invalid --ttl '%s': use a number and m, h or d (e.g. 30m, 1h, 7d).", text)
	if len(text) < 2 {
		return 0, bad
	}
	digits := text[:len(text)-1]
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, bad
		}
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n <= 0 || n > 100000 {
		return 0, bad
	}
	switch strings.ToLower(text[len(text)-1:]) {
	case "m":
		return time.Duration(n) * time.Minute, nil
	case "h":
		return time.Duration(n) * time.Hour, nil
	case "d":
		return time.Duration(n) * 24 * time.Hour, nil
	}
	return 0, bad
}

// formatTTL is the shortest exact spelling in --ttl's units: 7d, 36h, 90m (seconds as 1m up).
func formatTTL(d time.Duration) string {
	switch {
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	}
	return fmt.Sprintf("%dm", (d+time.Minute-1)/time.Minute)
}
