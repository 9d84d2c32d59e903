package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"strings"
	"sync"

	"google.golang.org/grpc/credentials"
)

// handshakeRecord keeps the last failed TLS handshake of a connection, so a call that fails because of it can say
// why with the typed x509 error rather than by reading grpc-go's message.
type handshakeRecord struct {
	mu   sync.Mutex
	last error
}

func (r *handshakeRecord) set(err error) {
	r.mu.Lock()
	r.last = err
	r.mu.Unlock()
}

func (r *handshakeRecord) get() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last
}

type recordingCreds struct {
	credentials.TransportCredentials
	record *handshakeRecord
}

func (c *recordingCreds) ClientHandshake(ctx context.Context, authority string, raw net.Conn) (net.Conn, credentials.AuthInfo, error) {
	conn, info, err := c.TransportCredentials.ClientHandshake(ctx, authority, raw)
	c.record.set(err)
	return conn, info, err
}

func (c *recordingCreds) Clone() credentials.TransportCredentials {
	return &recordingCreds{TransportCredentials: c.TransportCredentials.Clone(), record: c.record}
}

// newTLSCreds trusts roots only, when given (--ca: a private CA, for this call only), else the system's roots.
// Host name and validity checks stay as they are.
func newTLSCreds(roots *x509.CertPool) *recordingCreds {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: roots}
	return &recordingCreds{TransportCredentials: credentials.NewTLS(cfg), record: &handshakeRecord{}}
}

// tlsProblem names a failed handshake in words, as the C# client does (TlsFailure.cs).
func tlsProblem(err error) string {
	var unknown x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &hostname):
		return "the certificate is for another host name"
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return "the certificate has expired or is not valid yet"
	case errors.As(err, &unknown):
		return "the certificate is not issued by a trusted certificate authority"
	case errors.As(err, &invalid):
		return "the certificate is not valid (" + strings.TrimSuffix(invalid.Error(), ".") + ")"
	}
	return "the handshake failed (" + strings.TrimSuffix(err.Error(), ".") + ")"
}
