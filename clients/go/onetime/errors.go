package onetime

import (
	"errors"
	"time"
)

// Sentinels for errors.Is. Every error the client returns for a refusal matches exactly one of them; the error's
// own text (Error()) is the message to show, written for people, and never holds the link, key, token or secret.
var (
	// ErrNotFound: already read, expired, burned, or a wrong link or passphrase. The service cannot tell these
	// apart, by design; a wrong passphrase deletes nothing, but counts toward the wrong-attempt limit.
	ErrNotFound = errors.New("onetime: secret not found")
	// ErrInvalidLink: the text is not a OneTime link of the kind expected.
	ErrInvalidLink = errors.New("onetime: invalid link")
	// ErrDecryption: the ciphertext did not open (corrupted, unknown format, or wrong key); the view was taken.
	ErrDecryption = errors.New("onetime: decryption failed")
	// ErrTooLarge: the encrypted secret is larger than the service accepts; nothing was uploaded (*TooLargeError).
	ErrTooLarge = errors.New("onetime: secret too large")
	// ErrRateLimited: too many calls from this address; retry later (*RateLimitedError has RetryAfter).
	ErrRateLimited = errors.New("onetime: rate limited")
	// ErrStoreFull: the service has no room for the secret now; nothing was stored.
	ErrStoreFull = errors.New("onetime: store full")
	// ErrUnavailable: the service could not be reached or did not answer in time.
	ErrUnavailable = errors.New("onetime: service unavailable")
	// ErrTLS: the TLS handshake failed, most often an untrusted certificate (*TLSError).
	ErrTLS = errors.New("onetime: TLS failure")
	// ErrRequestKeyNotFound: a reply link whose request's private key is not kept here; nothing was read.
	ErrRequestKeyNotFound = errors.New("onetime: request key not found")
	// ErrInvalidRequest: the service rejected the call (INVALID_ARGUMENT, OUT_OF_RANGE), e.g. changed limits.
	ErrInvalidRequest = errors.New("onetime: request rejected by the service")
	// ErrInvalidArgument: a value given to the client is out of range or not well-formed (TTL, views, an empty or
	// missing passphrase, text UTF-8 cannot carry, a note too long); nothing was sent.
	ErrInvalidArgument = errors.New("onetime: invalid argument")
	// ErrFailed: any other failure of the service or of this machine (a malformed answer, an unknown status, a key
	// file that cannot be written or is open to other users).
	ErrFailed = errors.New("onetime: failed")
)

// Error is the error type behind every sentinel except those with their own type. errors.Is(err, ErrNotFound)
// and the like test its kind; Code is the gRPC status code when the service answered with one, else -1.
type Error struct {
	kind    error
	message string
	Code    int
	cause   error
}

func (e *Error) Error() string { return e.message }

// Is matches the sentinel of the error's kind.
func (e *Error) Is(target error) bool { return target == e.kind }

// Unwrap gives the underlying failure (a gRPC status, an I/O error), if any.
func (e *Error) Unwrap() error { return e.cause }

func newError(kind error, message string) *Error {
	return &Error{kind: kind, message: message, Code: -1}
}

// RateLimitedError: the service refused the call because this address made too many calls (RESOURCE_EXHAUSTED
// with grpc-retry-pushback-ms or retry-after). Nothing was stored or read.
type RateLimitedError struct {
	// RetryAfter is how long the service asked the caller to wait; meaningful when Known.
	RetryAfter time.Duration
	Known      bool
	message    string
}

func (e *RateLimitedError) Error() string { return e.message }

// Is matches ErrRateLimited.
func (e *RateLimitedError) Is(target error) bool { return target == ErrRateLimited }

// TooLargeError: the encrypted secret is larger than the service accepts. Nothing was stored.
type TooLargeError struct {
	// MaxCiphertextBytes is the service's limit from its limits; 0 when the service refused without naming it.
	MaxCiphertextBytes int
	message            string
}

func (e *TooLargeError) Error() string { return e.message }

// Is matches ErrTooLarge.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// TLSError: the TLS handshake with the service failed (an unknown or private CA, another host name, expired).
type TLSError struct {
	message string
	cause   error
}

func (e *TLSError) Error() string { return e.message }

// Is matches ErrTLS.
func (e *TLSError) Is(target error) bool { return target == ErrTLS }

// Unwrap gives the handshake's error (an x509 error).
func (e *TLSError) Unwrap() error { return e.cause }

// Messages shared with the C# client, word for word.
const (
	msgInvalidLink        = "This is not a valid OneTime link ({base URL}/s#1.{id}.{key}); was it cut short when copied?"
	msgInvalidRequestLink = "This is not a valid OneTime request link ({base URL}/r#1.{key}[.{note}]); was it cut short or changed when copied?"
	msgInvalidReplyLink   = "This is not a valid OneTime reply link ({base URL}/s#1r.{id}.{key}.{key id}); was it cut short or changed when copied?"
	msgRequestLinkRead    = "This is a request link: it asks for a secret and holds none. Send a reply to it instead."
	msgKeyNotHere         = "This reply opens only where the request was made: its key is not kept here " +
		"(the request was made on another machine or account, forgotten, or more than 30 days ago). Nothing was read."
	msgMalformedID = "The service returned a malformed id."
)
