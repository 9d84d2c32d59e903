package main

import (
	"context"
	"fmt"
	"time"

	"github.com/onetime-project/onetime/clients/go/onetime"
)

// status: waiting (views left, expiry), read at … (and whether the reader's client confirmed it, with its note), or
// gone; without taking a view. Exit 0 while it can be read, 3 once read or gone (so `status && …` means "still
// there").
func statusCommand(ctx context.Context, args []string, e *env) (int, error) {
	call, err := openLinkCall(ctx, args, linkSpec, e)
	if err != nil {
		return 0, err
	}
	defer call.client.Close()
	status, err := call.client.Status(ctx, call.link, call.passphrase)
	if err != nil {
		return 0, err
	}
	switch status.State {
	case onetime.StateWaiting:
		views := fmt.Sprintf("%d views left", status.ViewsLeft)
		if status.ViewsLeft == 1 {
			views = "1 view left"
		}
		lastRead := ""
		if !status.ReadAt.IsZero() {
			lastRead = ", last read " + formatTime(status.ReadAt)
		}
		fmt.Fprintf(e.stdout, "waiting, %s, expires %s%s\n", views, formatTime(status.ExpiresAt), lastRead)
		return exitOK, nil
	case onetime.StateRead:
		fmt.Fprintln(e.stdout, readLine(status))
		if status.ReaderNote != "" {
			fmt.Fprintln(e.stdout, "note: "+shown(status.ReaderNote))
		}
		return exitNotFound, nil
	}
	return 0, &exitError{exitNotFound, "Gone: expired, burned, read, or the link or passphrase is wrong."}
}

// readLine is protos/README.md "Checking one": the reader's client's word, the server's alone, or a word that does
// not hold.
func readLine(status onetime.Status) string {
	when := formatTime(status.ReadAt)
	switch status.Confirmation {
	case onetime.Confirmed:
		return "read at " + when + ", confirmed by the reader's client"
	case onetime.ConfirmationInvalid:
		return "read at " + when + " says the server, but its confirmation does not verify"
	}
	return "read at " + when + ": the server says so, unconfirmed"
}

// burn: delete a secret now, whatever views it has left, without reading it.
func burnCommand(ctx context.Context, args []string, e *env) (int, error) {
	call, err := openLinkCall(ctx, args, linkSpec, e)
	if err != nil {
		return 0, err
	}
	defer call.client.Close()
	if err := call.client.Burn(ctx, call.link, call.passphrase); err != nil {
		return 0, err
	}
	fmt.Fprintln(e.stderr, "Burned: the link no longer works.")
	return exitOK, nil
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}
