package transport

import (
	"context"
	"crypto/x509"
	"errors"
	"strings"
	"sync"
	"time"

	onetimev1 "github.com/onetime-project/onetime/clients/go/gen/onetime/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/backoff"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// Our messages are small (the server caps ciphertext at 1 MiB); anything much larger is not a OneTime server.
const MaxResponseSize = 8 * 1024 * 1024

// Links may name any host: a handful of connections is kept, past that a call gets a connection of its own.
const maxCachedConns = 16

// A connect timeout well under the call deadline makes "server down" answer fast instead of waiting it out.
const connectTimeout = 10 * time.Second

// Caller makes unary calls with the call deadline; every failure leaves as a *Failure.
type Caller struct {
	Timeout time.Duration
	Roots   *x509.CertPool // nil: the system's roots

	mu    sync.Mutex
	conns map[string]*conn
}

type conn struct {
	cc     *grpc.ClientConn
	client onetimev1.SecretServiceClient
	record *handshakeRecord
	addr   Address
}

// Invoke is one generated-client call with the header and trailer options passed on.
type Invoke func(ctx context.Context, client onetimev1.SecretServiceClient, opts ...grpc.CallOption) error

// Call runs invoke against the service at address (http:// or https:// URL).
func (c *Caller) Call(ctx context.Context, address string, storing bool, invoke Invoke) error {
	addr, err := ParseAddress(address)
	if err != nil {
		return &Failure{Kind: Unavailable, Message: "The OneTime service address is not usable (" + err.Error() + ").", Code: int(codes.Unavailable)}
	}
	cn, own, err := c.get(addr)
	if err != nil {
		return &Failure{Kind: Unavailable, Message: "The OneTime service is unavailable (cannot connect to " + addr.Authority + ").", Code: int(codes.Unavailable), Cause: err}
	}
	if own {
		defer cn.cc.Close()
	}
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	callCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var header, trailer metadata.MD
	err = invoke(callCtx, cn.client, grpc.Header(&header), grpc.Trailer(&trailer))
	if err == nil {
		return nil
	}
	return mapError(ctx, err, cn, storing, header, trailer)
}

// Close closes the kept connections.
func (c *Caller) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, cn := range c.conns {
		cn.cc.Close()
		delete(c.conns, k)
	}
	return nil
}

func (c *Caller) get(addr Address) (*conn, bool, error) {
	key := addr.Authority + addr.Prefix
	c.mu.Lock()
	defer c.mu.Unlock()
	if cn, ok := c.conns[key]; ok {
		return cn, false, nil
	}
	cn, err := c.dial(addr)
	if err != nil {
		return nil, false, err
	}
	if c.conns == nil {
		c.conns = map[string]*conn{}
	}
	if len(c.conns) >= maxCachedConns {
		return cn, true, nil
	}
	c.conns[key] = cn
	return cn, false, nil
}

func (c *Caller) dial(addr Address) (*conn, error) {
	record := &handshakeRecord{}
	opts := []grpc.DialOption{
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(MaxResponseSize), grpc.ForceCodec(codec{})),
		grpc.WithConnectParams(grpc.ConnectParams{Backoff: backoff.DefaultConfig, MinConnectTimeout: connectTimeout}),
		grpc.WithUserAgent("onetime-go"),
	}
	if addr.TLS {
		creds := newTLSCreds(c.Roots)
		record = creds.record
		opts = append(opts, grpc.WithTransportCredentials(creds))
	} else {
		opts = append(opts, grpc.WithInsecure()) // http://: HTTP/2 cleartext with prior knowledge (h2c)
	}
	if addr.Prefix != "" {
		// grpc-go sends to /{service}/{method}; a service published under a prefix is reached by putting it back.
		prefix := addr.Prefix
		opts = append(opts, grpc.WithUnaryInterceptor(func(ctx context.Context, method string, req, reply interface{},
			cc *grpc.ClientConn, invoker grpc.UnaryInvoker, callOpts ...grpc.CallOption) error {
			return invoker(ctx, prefix+method, req, reply, cc, callOpts...)
		}))
	}
	cc, err := grpc.Dial(addr.Target, opts...)
	if err != nil {
		return nil, err
	}
	return &conn{cc: cc, client: onetimev1.NewSecretServiceClient(cc), record: record, addr: addr}, nil
}

// mapError is the one place a failed call becomes a Failure (C#: GrpcStatusMapping.cs).
func mapError(ctx context.Context, err error, cn *conn, storing bool, header, trailer metadata.MD) error {
	st, _ := status.FromError(err)
	code := st.Code()
	detail := st.Message()
	if ctx.Err() != nil && errors.Is(ctx.Err(), context.Canceled) {
		return &Failure{Kind: Canceled, Message: "The call was cancelled.", Code: int(codes.Canceled), Cause: ctx.Err()}
	}
	if code == codes.Unavailable && isConnectionFailure(detail) {
		if tlsErr := cn.record.get(); tlsErr != nil {
			return &Failure{Kind: TLS, Message: "TLS with " + cn.addr.Authority + " failed: " + tlsProblem(tlsErr) + ".", Code: int(codes.Unavailable), Cause: tlsErr}
		}
		return &Failure{Kind: Unavailable, Message: "The OneTime service is unavailable (cannot connect to " + cn.addr.Authority + ").", Code: int(code), Cause: err}
	}
	f := &Failure{Code: int(code), Cause: err}
	switch code {
	case codes.ResourceExhausted:
		if wait, known, present := Pushback(trailer, header); present {
			f.Kind, f.RetryAfter, f.HasRetry = RateLimited, wait, known
			f.Message = "Rate limited: too many calls from this address; try again " + DescribeWait(wait, known) + "."
		} else if !storing {
			// Only the client's own receive limit makes a read answer RESOURCE_EXHAUSTED.
			f.Kind, f.Message = Other, "The service's answer is larger than this client accepts"+suffix(detail)+"."
		} else if strings.Contains(detail, "exceeds the maximum configured message size") {
			f.Kind, f.Message = TooLarge, "The secret is too large for this service."
		} else {
			f.Kind, f.Message = StoreFull, "The service has no room for the secret; nothing was stored. Try again later"+suffix(detail)+"."
		}
	case codes.NotFound:
		f.Kind, f.Message = NotFound, "The secret does not exist: it was already read, it expired, or the link or passphrase is wrong."
	case codes.Unavailable:
		f.Kind, f.Message = Unavailable, "The OneTime service is unavailable"+suffix(detail)+"."
	case codes.DeadlineExceeded:
		f.Kind, f.Message = Unavailable, "The OneTime service did not answer in time."
	case codes.InvalidArgument, codes.OutOfRange:
		f.Kind, f.Message = InvalidRequest, "The service rejected the request"+suffix(detail)+"."
	case codes.Unimplemented:
		f.Kind, f.Message = Unimplemented, "The call failed with gRPC status "+code.String()+suffix(detail)+"."
	default:
		f.Kind, f.Message = Other, "The call failed with gRPC status "+code.String()+suffix(detail)+"."
	}
	return f
}

// grpc-go reports its own failures to reach the server (refused, reset, handshake, no HTTP/2) as UNAVAILABLE with
// a "connection error" or "transport" message; a server that answers UNAVAILABLE sends its own words.
func isConnectionFailure(detail string) bool {
	for _, s := range []string{"connection error", "transport:", "transport is closing", "SubConns", "connection closed", "error reading from server"} {
		if strings.Contains(detail, s) {
			return true
		}
	}
	return false
}

func suffix(detail string) string {
	if detail == "" {
		return ""
	}
	return " (" + strings.TrimRight(detail, ".") + ")"
}
