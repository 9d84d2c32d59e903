package main

import (
	"context"

	"github.com/onetime-project/onetime/clients/go/onetime"
)

// linkCall is what read, status and burn each start from: their arguments, the link, a client for its service,
// and the passphrase the link needs (asked for after saying what wrong guesses cost).
type linkCall struct {
	args       *parsed
	link       string
	client     *onetime.Client
	passphrase string
}

// openLinkCall parses the arguments and resolves the link, the client and the passphrase, in the onetime CLI's
// order. The caller closes call.client.
func openLinkCall(ctx context.Context, args []string, s spec, e *env) (*linkCall, error) {
	p, err := parseArgs(args, s)
	if err != nil {
		return nil, err
	}
	if s.check != nil {
		if err := s.check(p); err != nil {
			return nil, err
		}
	}
	link, err := resolveLink(p, e)
	if err != nil {
		return nil, err
	}
	client, err := newClient(p, e, "")
	if err != nil {
		return nil, err
	}
	passphrase, err := passphraseForLink(ctx, link, client, e)
	if err != nil {
		client.Close()
		return nil, err
	}
	return &linkCall{args: p, link: link, client: client, passphrase: passphrase}, nil
}
