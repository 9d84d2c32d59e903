// Package onetime sends and reads OneTime one-time secrets. Secrets are encrypted here, before anything is sent:
// the service stores only ciphertext, and the key travels only in the link's fragment (protos/README.md).
//
// Calls use native gRPC (grpc-go) to the link's base URL, or to Options.ServiceURL when the service's gRPC
// endpoint differs from the address links point to (a plain-HTTP server serves pages on one port and gRPC on
// another). Every method takes a context first; failures are values that errors.Is matches against the Err*
// sentinels and errors.As against *RateLimitedError, *TooLargeError and *TLSError.
package onetime

import (
	"context"
	"crypto/x509"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	onetimev1 "github.com/onetime-project/onetime/clients/go/gen/onetime/v1"
	"github.com/onetime-project/onetime/clients/go/internal/envelope"
	"github.com/onetime-project/onetime/clients/go/internal/links"
	"github.com/onetime-project/onetime/clients/go/internal/requests"
	"github.com/onetime-project/onetime/clients/go/internal/transport"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/durationpb"
)

// DefaultBaseURL is the server's local default Web URL.
const DefaultBaseURL = "http://localhost:5080"

// Options configure a Client.
type Options struct {
	// BaseURL is the service's public base URL, on which links are built ({BaseURL}/s#...). DefaultBaseURL when empty.
	BaseURL string
	// ServiceURL is where calls go when that differs from the links' base URL (the server's HTTP/2 Grpc
	// endpoint, e.g. http://127.0.0.1:5081). When empty, calls go to the link's base URL (BaseURL for sends).
	ServiceURL string
	// RootCAs, when set, is the only set of CAs trusted for the service's TLS certificate (a private CA).
	RootCAs *x509.CertPool
	// Timeout is each call's deadline; 30 seconds when zero.
	Timeout time.Duration
	// RequestKeysDir is where the private keys of requests are kept; $XDG_CONFIG_HOME/onetime/requests (else
	// ~/.config/onetime/requests) when empty, the same folder and format as the C# client.
	RequestKeysDir string
}

// Client sends and reads secrets. Safe for concurrent use; Close releases its connections.
type Client struct {
	baseURL    string
	serviceURL string
	keysDir    string
	caller     *transport.Caller
	limits     limitsCache
}

// SendOptions say how a secret is sent.
type SendOptions struct {
	// TTL is how long the secret may wait unread, within the service's range; zero means the service's default.
	TTL time.Duration
	// Passphrase, when not empty, must also be given by the reader; it never leaves this process.
	Passphrase string
	// Views is how many times the secret may be read, 1 (zero means 1) to the service's MaxViews.
	Views int
}

// String keeps the passphrase out of logs.
func (o SendOptions) String() string {
	p := "none"
	if o.Passphrase != "" {
		p = "set"
	}
	return "onetime.SendOptions{TTL: " + o.TTL.String() + ", Views: " + strconv.Itoa(o.Views) + ", Passphrase: " + p + "}"
}

// GoString keeps %#v from printing the passphrase.
func (o SendOptions) GoString() string { return o.String() }

// Link is a stored secret's link. Anyone holding URL can read the secret; String shows only its base URL.
type Link struct {
	URL       string
	ExpiresAt time.Time
}

// String shows the link without its fragment (which holds the key); use URL for the link itself.
func (l Link) String() string { return redact(l.URL) }

// GoString keeps %#v from printing the key.
func (l Link) GoString() string { return "onetime.Link{" + redact(l.URL) + "}" }

func redact(link string) string {
	if i := strings.IndexByte(link, '#'); i >= 0 {
		return link[:i] + "#…"
	}
	return link
}

// New makes a client.
func New(opts Options) (*Client, error) {
	base := opts.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	canonical, err := canonicalBase(base)
	if err != nil {
		return nil, err
	}
	service := ""
	if opts.ServiceURL != "" {
		if _, err := transport.ParseAddress(opts.ServiceURL); err != nil {
			return nil, newError(ErrInvalidArgument, "The service URL must be an http:// or https:// URL.")
		}
		service = opts.ServiceURL
	}
	return &Client{
		baseURL:    canonical,
		serviceURL: service,
		keysDir:    opts.RequestKeysDir,
		caller:     &transport.Caller{Timeout: opts.Timeout, Roots: opts.RootCAs},
	}, nil
}

// canonicalBase spells a base URL as links carry it: scheme and host in lower case, no default port, no
// trailing "/", no query or fragment (a URL library's normal form, which the link grammar then checks).
func canonicalBase(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (strings.ToLower(u.Scheme) != "http" && strings.ToLower(u.Scheme) != "https") || u.Host == "" || u.User != nil {
		return "", newError(ErrInvalidArgument, "The base URL must be an http:// or https:// URL.")
	}
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if p := u.Port(); p != "" && !(scheme == "http" && p == "80") && !(scheme == "https" && p == "443") {
		host += ":" + p
	}
	base := scheme + "://" + host + strings.TrimRight(u.EscapedPath(), "/")
	if !links.IsCanonicalBaseURL(base) {
		return "", newError(ErrInvalidArgument, "The base URL cannot be spelled as a OneTime link's base URL (protos/README.md \"Link\").")
	}
	return base, nil
}

// Close releases the client's connections.
func (c *Client) Close() error { return c.caller.Close() }

// BaseURL is the base URL links are built on.
func (c *Client) BaseURL() string { return c.baseURL }

func (c *Client) sendAddress() string {
	if c.serviceURL != "" {
		return c.serviceURL
	}
	return c.baseURL
}

func (c *Client) addressFor(baseURL string) string {
	if c.serviceURL != "" {
		return c.serviceURL
	}
	return baseURL
}

// SendText encrypts and stores a text secret.
func (c *Client) SendText(ctx context.Context, text string, opts SendOptions) (*Link, error) {
	return c.Send(ctx, Text(text), opts)
}

// Send encrypts and stores a secret. The service's limits are checked here first: a TTL out of range or too many
// views (ErrInvalidArgument), or a secret too large once encrypted (*TooLargeError), fail before anything is
// uploaded.
func (c *Client) Send(ctx context.Context, secret Secret, opts SendOptions) (*Link, error) {
	views := opts.Views
	if views == 0 {
		views = 1
	}
	if opts.TTL < 0 {
		return nil, newError(ErrInvalidArgument, "The TTL cannot be negative.")
	}
	limits, err := c.Limits(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkSend(opts.TTL, views, limits); err != nil {
		return nil, err
	}
	var passphrase *string
	if opts.Passphrase != "" {
		passphrase = &opts.Passphrase
	}
	sealed, err := envelope.SealContent(secret.content(), passphrase)
	if err != nil {
		return nil, newError(ErrInvalidArgument, err.Error())
	}
	if err := checkSize(len(sealed.Blob), limits); err != nil {
		return nil, err
	}
	request := &onetimev1.StoreRequest{Ciphertext: sealed.Blob, AuthToken: sealed.AuthToken, MaxViews: uint32(views)}
	if opts.TTL != 0 {
		request.Ttl = durationpb.New(opts.TTL) // unset: the service's default
	}
	response, err := c.store(ctx, c.sendAddress(), request)
	if err != nil {
		return nil, err
	}
	expires := time.Now().Add(limits.DefaultTTL)
	if opts.TTL != 0 {
		expires = time.Now().Add(opts.TTL)
	}
	if response.ExpiresAt != nil {
		expires = response.ExpiresAt.AsTime()
	}
	return &Link{URL: links.Format(c.baseURL, response.GetId(), sealed.Key, passphrase != nil), ExpiresAt: expires}, nil
}

func (c *Client) store(ctx context.Context, address string, request *onetimev1.StoreRequest) (*onetimev1.StoreResponse, error) {
	var response *onetimev1.StoreResponse
	err := c.caller.Call(ctx, address, true, func(ctx context.Context, s onetimev1.SecretServiceClient, o ...grpc.CallOption) (err error) {
		response, err = s.Store(ctx, request, o...)
		return err
	})
	if err != nil {
		err = fromTransport(err)
		if errors.Is(err, ErrInvalidRequest) || errors.Is(err, ErrTooLarge) {
			c.limits.forget(limitsKey(address)) // refused within the limits we had: they changed
		}
		return nil, err
	}
	if id := response.GetId(); len(id) != links.IDLength || !links.IsAlphabet(id) {
		return nil, newError(ErrFailed, msgMalformedID)
	}
	return response, nil
}

// Limits are the limits of the service this client sends to, asked once and kept for five minutes. A server too
// old to say (UNIMPLEMENTED) gets the defaults it shipped with, one view and no attempt limit.
func (c *Client) Limits(ctx context.Context) (Limits, error) { return c.limitsOf(ctx, c.sendAddress()) }

// LimitsForLink are the limits of the service a link points to (e.g. how many wrong passphrases burn it).
func (c *Client) LimitsForLink(ctx context.Context, link string) (Limits, error) {
	if c.serviceURL != "" {
		return c.limitsOf(ctx, c.serviceURL)
	}
	if r, ok := requests.ParseReply(link); ok {
		return c.limitsOf(ctx, r.BaseURL)
	}
	if r, ok := requests.ParseRequest(link); ok {
		return c.limitsOf(ctx, r.BaseURL)
	}
	parsed, ok := links.ParseSecret(link)
	if !ok {
		return Limits{}, newError(ErrInvalidLink, msgInvalidLink)
	}
	return c.limitsOf(ctx, parsed.BaseURL)
}

func limitsKey(address string) string { return links.TrimBase(address) }

func (c *Client) limitsOf(ctx context.Context, address string) (Limits, error) {
	if l, ok := c.limits.get(limitsKey(address)); ok {
		return l, nil
	}
	var response *onetimev1.GetLimitsResponse
	err := c.caller.Call(ctx, address, false, func(ctx context.Context, s onetimev1.SecretServiceClient, o ...grpc.CallOption) (err error) {
		response, err = s.GetLimits(ctx, &onetimev1.GetLimitsRequest{}, o...)
		return err
	})
	var l Limits
	switch {
	case err == nil:
		l = limitsFromResponse(response)
	case isUnimplemented(err):
		l = beforeGetLimits // a server from before GetLimits still enforces its limits, which were the defaults
	default:
		return Limits{}, fromTransport(err)
	}
	c.limits.put(limitsKey(address), l)
	return l, nil
}

// Read reads a secret, taking one of its views: after the last one, the link fails with ErrNotFound. The
// passphrase is needed when the link requires one (RequiresPassphrase), ignored otherwise. A reply link opens
// with the request's kept key. The last view of a secret link is confirmed to the sender, without a note (ReadWith).
func (c *Client) Read(ctx context.Context, link, passphrase string) (*Secret, error) {
	return c.ReadWith(ctx, link, ReadOptions{Passphrase: passphrase})
}

// ReadWith reads a secret as Read does. After the last view of a secret link it also tells the sender's client that
// it was read (protos/README.md "Read confirmations"), with opts.Note sealed inside; a confirmation that cannot be
// delivered never fails the read (Secret.ConfirmationDelivery says what became of it). A note over 200 UTF-8 bytes,
// not UTF-8, or with a reply link (which is never confirmed) is ErrInvalidArgument before anything is read.
func (c *Client) ReadWith(ctx context.Context, link string, opts ReadOptions) (*Secret, error) {
	t, err := c.prepare(link, opts.Passphrase)
	if err != nil {
		return nil, err
	}
	defer t.keys.Forget()
	if opts.Note != "" && t.isReply {
		return nil, newError(ErrInvalidArgument, msgNoteWithReply)
	}
	if err := CheckNote(opts.Note); err != nil { // before Retrieve: a refused note must not cost the secret
		return nil, err
	}
	var response *onetimev1.RetrieveResponse
	err = c.caller.Call(ctx, t.address, false, func(ctx context.Context, s onetimev1.SecretServiceClient, o ...grpc.CallOption) (err error) {
		response, err = s.Retrieve(ctx, &onetimev1.RetrieveRequest{Id: t.id, AuthToken: t.keys.AuthToken}, o...)
		return err
	})
	if err != nil {
		return nil, fromTransport(err)
	}
	content, err := envelope.OpenContent(response.GetCiphertext(), t.keys)
	if err != nil {
		return nil, newError(ErrDecryption, err.Error())
	}
	secret := fromContent(content)
	secret.ViewsLeft = clamp(response.GetViewsLeft())
	if response.GetViewsLeft() == 0 && !t.isReply {
		secret.ConfirmationDelivery = c.confirmRead(ctx, t, opts.Note)
	}
	return secret, nil
}

// Status tells whether a secret can still be read, how many views it has left and, once read, when and whether
// the reader's client confirmed it (with its note); without taking a view. A wrong passphrase counts as a wrong
// attempt here too.
func (c *Client) Status(ctx context.Context, link, passphrase string) (Status, error) {
	t, err := c.prepare(link, passphrase)
	if err != nil {
		return Status{}, err
	}
	defer t.keys.Forget()
	var response *onetimev1.ExistsResponse
	err = c.caller.Call(ctx, t.address, false, func(ctx context.Context, s onetimev1.SecretServiceClient, o ...grpc.CallOption) (err error) {
		response, err = s.Exists(ctx, &onetimev1.ExistsRequest{Id: t.id, AuthToken: t.keys.AuthToken}, o...)
		return err
	})
	if err != nil {
		return Status{}, fromTransport(err)
	}
	status := statusFromResponse(response)
	if status.State == StateRead {
		status.Confirmation, status.ReaderNote = checkConfirmation(t, response.GetReadConfirmation())
	}
	return status, nil
}

// Burn deletes a secret now, whatever views it has left, without reading it. ErrNotFound when already gone or
// for a wrong link or passphrase (which burns nothing, but counts as a wrong attempt).
func (c *Client) Burn(ctx context.Context, link, passphrase string) error {
	t, err := c.prepare(link, passphrase)
	if err != nil {
		return err
	}
	t.keys.Forget() // a burn never decrypts
	err = c.caller.Call(ctx, t.address, false, func(ctx context.Context, s onetimev1.SecretServiceClient, o ...grpc.CallOption) error {
		_, err := s.Burn(ctx, &onetimev1.BurnRequest{Id: t.id, AuthToken: t.keys.AuthToken}, o...)
		return err
	})
	return fromTransport(err)
}

// RequiresPassphrase tells whether a secret link was sent with a passphrase (false for request and reply links);
// ErrInvalidLink when the text is no OneTime link.
func RequiresPassphrase(link string) (bool, error) {
	if IsReplyLink(link) {
		return false, nil
	}
	if _, ok := requests.ParseRequest(link); ok {
		return false, nil
	}
	parsed, ok := links.ParseSecret(link)
	if !ok {
		return false, newError(ErrInvalidLink, msgInvalidLink)
	}
	return parsed.PassphraseRequired, nil
}

// target is where a link's calls go and the keys they need.
type target struct {
	address, id string
	keys        envelope.Keys
	isReply     bool // a reply is never confirmed (protos/README.md "Making one")
}

// prepare finds where to call and the keys: a reply link's from the kept key, a secret link's from its key and
// passphrase. A request link given to read gets its own error rather than "not a valid link".
func (c *Client) prepare(link, passphrase string) (target, error) {
	if _, ok := requests.ParseRequest(link); ok {
		return target{}, newError(ErrInvalidLink, msgRequestLinkRead)
	}
	if reply, ok := requests.ParseReply(link); ok {
		keys, err := c.replyKeys(reply)
		if err != nil {
			return target{}, err
		}
		return target{address: c.addressFor(reply.BaseURL), id: reply.ID, keys: keys, isReply: true}, nil
	}
	if requests.LooksLikeReply(link) {
		return target{}, newError(ErrInvalidLink, msgInvalidReplyLink)
	}
	parsed, ok := links.ParseSecret(link)
	if !ok {
		return target{}, newError(ErrInvalidLink, msgInvalidLink)
	}
	var p *string
	if parsed.PassphraseRequired {
		if passphrase == "" {
			return target{}, newError(ErrInvalidArgument, "This link requires a passphrase.")
		}
		p = &passphrase
	}
	keys, err := envelope.Derive(parsed.Key, p)
	if err != nil {
		return target{}, newError(ErrInvalidArgument, err.Error())
	}
	return target{address: c.addressFor(parsed.BaseURL), id: parsed.ID, keys: keys}, nil
}

// fromTransport maps a transport failure to this package's errors.
func fromTransport(err error) error {
	if err == nil {
		return nil
	}
	var f *transport.Failure
	if !errors.As(err, &f) {
		return &Error{kind: ErrFailed, message: err.Error(), Code: -1, cause: err}
	}
	wrap := func(kind error) error { return &Error{kind: kind, message: f.Message, Code: f.Code, cause: f.Cause} }
	switch f.Kind {
	case transport.NotFound:
		return wrap(ErrNotFound)
	case transport.Unavailable:
		return wrap(ErrUnavailable)
	case transport.InvalidRequest:
		return wrap(ErrInvalidRequest)
	case transport.RateLimited:
		return &RateLimitedError{RetryAfter: f.RetryAfter, Known: f.HasRetry, message: f.Message}
	case transport.StoreFull:
		return wrap(ErrStoreFull)
	case transport.TooLarge:
		return &TooLargeError{message: f.Message}
	case transport.TLS:
		return &TLSError{message: f.Message, cause: f.Cause}
	case transport.Canceled:
		return &Error{kind: context.Canceled, message: f.Message, Code: f.Code, cause: f.Cause}
	}
	return wrap(ErrFailed)
}

func isUnimplemented(err error) bool {
	var f *transport.Failure
	return errors.As(err, &f) && f.Kind == transport.Unimplemented
}
