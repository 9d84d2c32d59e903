package main

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/onetime-project/onetime/clients/go/onetime"
)

const (
	hostVariable = "ONETIME_HOST"
	grpcVariable = "ONETIME_GRPC"
	defaultHost  = "http://localhost:5080" // the server's local Web endpoint
)

const help = `onetime: share secrets as one-time links. Encrypts locally: the server only ever sees ciphertext.

Commands:
  send     [--host URL] [--grpc URL] [--ttl 30m|1h|7d] [--views N] [--passphrase] [--file PATH] [--generate]
           [--to REQUEST_LINK] [--ca PEM]
           Encrypt a secret (stdin, $ONETIME_SECRET or a prompt) and print its one-time link.
  read     [LINK|-] [--grpc URL] [--out FILE] [--raw] [--note TEXT] [--ca PEM]
           Read a secret, taking one of its views; after the last one the link stops working, and the sender's
           client is told it was read, with --note (up to 200 bytes, sealed so only the link's key opens it).
  status   [LINK|-] [--grpc URL] [--ca PEM]   Waiting (views left, expiry), read (when, and whether the reader's
           client confirmed it, with its note), or gone; exit 3 once not readable.
  burn     [LINK|-] [--grpc URL] [--ca PEM]   Destroy a secret now, without reading it (exit 3 when already gone).
  request  [--note TEXT] [--host URL] [--list] [--forget KEY_ID]
           Ask someone for a secret: print a request link. Their reply opens only here, with a key kept in
           ~/.config/onetime/requests for 30 days.
  gen      [--length N] [--no-symbols]        Generate a random password.

Environment: ONETIME_HOST (base URL links point to, default http://localhost:5080), ONETIME_GRPC (the gRPC address
when it differs, e.g. http://127.0.0.1:5081), ONETIME_SECRET, ONETIME_PASSPHRASE, ONETIME_LINK, XDG_CONFIG_HOME.
Exit codes: 0 ok, 1 failure, 2 usage or invalid link, 3 not found, 4 unreachable, 5 rate limited or store full,
6 reply key not here.
`

func run(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "onetime: "+(&parseError{"Required command was not provided."}).Error())
		return exitUsage
	}
	commands := map[string]func(context.Context, []string, *env) (int, error){
		"send": sendCommand, "read": readCommand, "status": statusCommand, "burn": burnCommand,
		"request": requestCommand, "gen": genCommand,
	}
	name := args[0]
	if name == "--help" || name == "-h" || name == "help" {
		fmt.Fprint(e.stdout, help)
		return exitOK
	}
	command, ok := commands[name]
	if !ok {
		fmt.Fprintln(e.stderr, "onetime: "+(&parseError{"Required command was not provided."}).Error())
		return exitUsage
	}
	for _, a := range args[1:] {
		if a == "--help" || a == "-h" {
			fmt.Fprint(e.stdout, help)
			return exitOK
		}
	}
	code, err := command(ctx, args[1:], e)
	if err != nil {
		if pe, ok := err.(*parseError); ok {
			fmt.Fprintln(e.stderr, "onetime: "+pe.Error())
			return exitUsage
		}
		return report(err, e)
	}
	return code
}

// hostOption is --host, else $ONETIME_HOST, else the default; checked as an http:// or https:// URL.
func hostOption(p *parsed, e *env) (string, error) {
	host, ok := p.value("--host")
	if !ok {
		host = e.getenv(hostVariable)
		if host == "" {
			host = defaultHost
		}
	}
	u, err := url.Parse(host)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", usagef("Invalid --host '%s': expected an http:// or https:// URL.", host)
	}
	return host, nil
}

// grpcOption is --grpc, else $ONETIME_GRPC: where calls go when it differs from the links' base URL.
func grpcOption(p *parsed, e *env) (string, error) {
	address, ok := p.value("--grpc")
	if !ok {
		address = e.getenv(grpcVariable)
	}
	if address == "" {
		return "", nil
	}
	u, err := url.Parse(address)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", usagef("Invalid --grpc '%s': expected an http:// or https:// URL.", address)
	}
	return address, nil
}

// newClient is one short-lived client per invocation; --ca trusts that PEM CA, and only it, for the call.
func newClient(p *parsed, e *env, baseURL string) (*onetime.Client, error) {
	service, err := grpcOption(p, e)
	if err != nil {
		return nil, err
	}
	opts := onetime.Options{BaseURL: baseURL, ServiceURL: service}
	if ca, ok := p.value("--ca"); ok {
		roots, err := loadCA(ca)
		if err != nil {
			return nil, err
		}
		opts.RootCAs = roots
	}
	return onetime.New(opts)
}

func loadCA(path string) (*x509.CertPool, error) {
	full, _ := filepath.Abs(path)
	data, err := os.ReadFile(full)
	if err != nil {
		return nil, usagef("--ca: cannot read a PEM certificate from '%s' (%s).", full, strings.TrimSuffix(ioMessage(err), "."))
	}
	pool := x509.NewCertPool()
	count := 0
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, usagef("--ca: cannot read a PEM certificate from '%s' (%s).", full, err.Error())
		}
		pool.AddCert(cert)
		count++
	}
	if count == 0 {
		return nil, usagef("--ca: '%s' holds no PEM certificate (-----BEGIN CERTIFICATE-----).", full)
	}
	return pool, nil
}

// ioMessage words an I/O error as .NET does for the common cases, without Go's "open PATH:" prefix.
func ioMessage(err error) string {
	switch {
	case os.IsNotExist(err):
		return "No such file or directory"
	case os.IsPermission(err):
		return "Permission denied"
	}
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}
