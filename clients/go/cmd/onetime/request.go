package main

import (
	"context"
	"fmt"
	"strings"
)

var requestSpec = spec{
	values:  []string{"--note", "--host", "--forget", "--grpc"},
	flags:   []string{"--list"},
	aliases: map[string]string{"--server": "--host"},
}

// request: make a key pair, keep the private key here, print the request link on stdout and the fingerprint
// (with how to compare it) on stderr. Also lists and forgets kept requests.
func requestCommand(ctx context.Context, args []string, e *env) (int, error) {
	p, err := parseArgs(args, requestSpec)
	if err != nil {
		return 0, err
	}
	keyID, forgetting := p.value("--forget")
	note, noting := p.value("--note")
	listing := p.flags["--list"]
	given := 0
	for _, b := range []bool{forgetting, noting, listing} {
		if b {
			given++
		}
	}
	if given > 1 {
		return 0, usagef("Use one of --note, --list and --forget.")
	}
	host, err := hostOption(p, e)
	if err != nil {
		return 0, err
	}
	client, err := newClient(p, e, host)
	if err != nil {
		return 0, err
	}
	defer client.Close()
	switch {
	case forgetting:
		ok, err := client.ForgetRequest(keyID)
		if err != nil {
			return 0, err
		}
		if !ok {
			return 0, &exitError{exitKeyNotHere, fmt.Sprintf("no request %s is kept here (see onetime request --list).", shown(keyID))}
		}
		fmt.Fprintf(e.stderr, "Forgot request %s: its replies can no longer be opened.\n", keyID)
		return exitOK, nil
	case listing:
		requests, err := client.ListRequests()
		if err != nil {
			return 0, err
		}
		for _, r := range requests {
			fmt.Fprintf(e.stdout, "%s  %s  %s  %s\n", r.KeyID, formatTime(r.CreatedAt), r.Fingerprint, shown(r.Note))
		}
		return exitOK, nil
	}
	request, err := client.CreateRequest(note)
	if err != nil {
		return 0, err
	}
	fmt.Fprintln(e.stdout, request.Link)
	fmt.Fprintf(e.stderr, "Fingerprint: %s\n"+
		"Read it out to the sender over another channel than the one carrying the link (a call, a video meeting): "+
		"`onetime send --to` and the web page show them the fingerprint of the link they received. If the two differ, "+
		"the link was swapped on its way: they must not send.\n"+
		"The key that opens the reply is kept here for 30 days as %s (onetime request --forget %s).\n",
		request.Fingerprint, request.KeyID, request.KeyID)
	return exitOK, nil
}

// shown: text someone else typed (a note, an id), shown as text on one line: no control or bidirectional
// character reaches the terminal, newline and Tab included (protos/README.md shows notes "as for file names").
func shown(text string) string {
	s, _ := escapeForTerminal([]byte(text))
	return strings.NewReplacer("\n", `\x0a`, "\t", `\x09`).Replace(s)
}
