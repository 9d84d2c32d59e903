package transport

import "time"

// Kind is what a failed call means to a caller.
type Kind int

const (
	Other          Kind = iota // any other status: message says which
	NotFound                   // NOT_FOUND
	Unavailable                // UNAVAILABLE, DEADLINE_EXCEEDED, cannot connect
	InvalidRequest             // INVALID_ARGUMENT, OUT_OF_RANGE
	RateLimited                // RESOURCE_EXHAUSTED with grpc-retry-pushback-ms or retry-after
	StoreFull                  // RESOURCE_EXHAUSTED otherwise, when storing
	TooLarge                   // RESOURCE_EXHAUSTED: the message size check
	TLS                        // the handshake failed
	Canceled                   // the caller's context
	Unimplemented              // UNIMPLEMENTED (a server before GetLimits)
)

// Failure is one failed call, its message safe to show: it names the service's address at most, never the link,
// token or ciphertext.
type Failure struct {
	Kind       Kind
	Message    string
	Code       int // the gRPC status code
	RetryAfter time.Duration
	HasRetry   bool
	Cause      error
}

func (f *Failure) Error() string { return f.Message }

// Unwrap gives the underlying error (a status, a handshake error).
func (f *Failure) Unwrap() error { return f.Cause }
