package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/onetime-project/onetime/clients/go/onetime"
)

// The exit codes scripts can rely on, as the C# CLI's ExitCodes.cs.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitNotFound    = 3 // already read, expired, wrong link or passphrase
	exitUnreachable = 4 // the server could not be reached or did not answer in time
	exitTryLater    = 5 // rate limited, or the store has no room: nothing happened, retry later
	exitKeyNotHere  = 6 // a reply to a request made elsewhere (or forgotten): nothing was read
)

// usageError is a mistake in how the command was called: exit 2, with this message.
type usageError struct{ message string }

func (e *usageError) Error() string { return e.message }

func usagef(format string, a ...interface{}) error { return &usageError{fmt.Sprintf(format, a...)} }

// exitError carries its own exit code and message (status's "Gone", request --forget's "no request").
type exitError struct {
	code    int
	message string
}

func (e *exitError) Error() string { return e.message }

const tlsHint = " For a server with a private CA, pass that CA's certificate with --ca FILE (PEM)."

// report is the one place where a failure becomes an exit code and one line on stderr. The messages come from
// this command and the library, which keep the link, key and secret out of them.
func report(err error, e *env) int {
	code, message := exitFailure, err.Error()
	var usage *usageError
	var exit *exitError
	switch {
	case errors.As(err, &exit):
		code = exit.code
	case errors.As(err, &usage), errors.Is(err, onetime.ErrInvalidArgument), errors.Is(err, onetime.ErrInvalidLink):
		code = exitUsage
	case errors.Is(err, onetime.ErrNotFound):
		code = exitNotFound
	case errors.Is(err, onetime.ErrRequestKeyNotFound):
		code = exitKeyNotHere
	case errors.Is(err, onetime.ErrUnavailable):
		code = exitUnreachable
	case errors.Is(err, onetime.ErrRateLimited), errors.Is(err, onetime.ErrStoreFull):
		code = exitTryLater
	case errors.Is(err, onetime.ErrTLS):
		message += tlsHint
	case errors.Is(err, context.Canceled):
		message = "Cancelled."
	}
	fmt.Fprintln(e.stderr, "onetime: "+message)
	return code
}
