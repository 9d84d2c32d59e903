// Command onetime shares secrets as one-time links from the terminal: the same commands, flags, messages and exit
// codes as the C# CLI (clients/csharp/OneTime.Cli). It encrypts locally; the server only ever sees ciphertext.
//
// Calls use native gRPC: to the link's (or --host's) base URL, or to ONETIME_GRPC / --grpc when the server's gRPC
// endpoint differs from the address links point to (plain-HTTP runs serve pages on 5080 and gRPC on 5081).
package main

import (
	"context"
	"io"
	"os"

	"golang.org/x/term"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], systemEnv()))
}

// env is everything the command touches outside itself, so tests can run it without a terminal or a server.
type env struct {
	stdin            io.Reader
	stdout, stderr   io.Writer
	getenv           func(string) string
	stdinIsTerminal  bool
	stdoutIsTerminal bool
	prompt           func(prompt, variable string) (string, error) // a no-echo prompt on the terminal
}

func systemEnv() *env {
	return &env{
		stdin:            os.Stdin,
		stdout:           os.Stdout,
		stderr:           os.Stderr,
		getenv:           os.Getenv,
		stdinIsTerminal:  term.IsTerminal(int(os.Stdin.Fd())),
		stdoutIsTerminal: term.IsTerminal(int(os.Stdout.Fd())),
		prompt:           hiddenPrompt,
	}
}
