// Package transport makes unary calls on the generated SecretService client over grpc-go (native gRPC over HTTP/2:
// cleartext with prior knowledge for http://, TLS with ALPN for https://), and turns every failure into one
// Failure that the onetime package maps to its errors.
package transport

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Address is where calls go: the host and port to dial, whether TLS is used, and a path prefix (a service
// published under https://host/onetime).
type Address struct {
	Target    string // host:port
	TLS       bool
	Prefix    string // "" or "/onetime"
	Authority string // scheme://host[:port] as given, for messages
}

// ParseAddress reads an http:// or https:// URL; the default ports are 80 and 443.
func ParseAddress(raw string) (Address, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return Address{}, fmt.Errorf("expected an http:// or https:// URL")
	}
	host := u.Hostname()
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return Address{
		Target:    net.JoinHostPort(host, port),
		TLS:       u.Scheme == "https",
		Prefix:    strings.TrimRight(u.EscapedPath(), "/"),
		Authority: u.Scheme + "://" + u.Host,
	}, nil
}
