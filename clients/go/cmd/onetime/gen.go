package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
)

const (
	defaultLength   = 24
	minimumLength   = 8
	maximumLength   = 1024
	lettersDigits   = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	passwordSymbols = "!#$%&()*+,-./:;<=>?@[]^_{|}~" // no quotes, backslash, backtick or space: pastes unquoted
)

var genSpec = spec{values: []string{"--length"}, flags: []string{"--no-symbols"}}

// gen: a random password from the OS CSPRNG, printed on stdout.
func genCommand(_ context.Context, args []string, e *env) (int, error) {
	p, err := parseArgs(args, genSpec)
	if err != nil {
		return 0, err
	}
	length, given, err := p.intValue("--length")
	if err != nil {
		return 0, err
	}
	if !given {
		length = defaultLength
	}
	password, err := generatePassword(length, !p.flags["--no-symbols"])
	if err != nil {
		return 0, err
	}
	fmt.Fprintln(e.stdout, password)
	return exitOK, nil
}

// generatePassword makes uniform picks from the CSPRNG.
func generatePassword(length int, symbols bool) (string, error) {
	if length < minimumLength || length > maximumLength {
		return "", usagef("--length must be between %d and %d.", minimumLength, maximumLength)
	}
	alphabet := lettersDigits
	if symbols {
		alphabet += passwordSymbols
	}
	out := make([]byte, length)
	max := big.NewInt(int64(len(alphabet)))
	for i := range out {
		n, err := rand.Int(rand.Reader, max)
		if err != nil {
			return "", err
		}
		out[i] = alphabet[n.Int64()]
	}
	return string(out), nil
}
