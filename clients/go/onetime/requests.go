package onetime

import (
	"context"
	"time"

	onetimev1 "github.com/onetime-project/onetime/clients/go/gen/onetime/v1"
	"github.com/onetime-project/onetime/clients/go/internal/envelope"
	"github.com/onetime-project/onetime/clients/go/internal/requests"
	"google.golang.org/protobuf/types/known/durationpb"
)

// Requests and replies (protos/README.md "Requests and replies (format 1)"): the requester keeps a P-256 private
// key and hands out a link with the public key; a reply is an ordinary stored secret whose K comes from ECDH with
// a fresh ephemeral key, so only the requester can derive it.

// Request is a request for a secret. Its link holds only the requester's public key and an optional note.
type Request struct {
	// Link is {base URL}/r#1.{public key}[.{note}], to give the person who has the secret. Not secret.
	Link string
	// Fingerprint is five groups of four digits the requester and sender compare over another channel.
	Fingerprint string
	// KeyID names the kept private key; reply links carry it. Not secret.
	KeyID string
	// Note is what is asked, as the requester wrote it; show it as text only.
	Note string
	// CreatedAt is when a request kept here was made; zero for a parsed link.
	CreatedAt time.Time
}

// Reply is a secret sent in reply to a request.
type Reply struct {
	// Link is the reply link, {base URL}/s#1r.{id}.{ephemeral key}.{key id}. Only the requester's key opens it.
	Link        string
	ExpiresAt   time.Time
	Fingerprint string // of the request link the reply was encrypted to
	Note        string
}

func toRequest(l requests.RequestLink, created time.Time) Request {
	return Request{Link: l.Format(), Fingerprint: l.Fingerprint(), KeyID: l.KeyID(), Note: l.Note, CreatedAt: created}
}

func (c *Client) keyStore() (*requests.Store, error) {
	dir := c.keysDir
	if dir == "" {
		d, err := requests.DefaultDir()
		if err != nil {
			return nil, newError(ErrFailed, err.Error())
		}
		dir = d
	}
	return &requests.Store{Dir: dir}, nil
}

// CreateRequest makes a fresh key pair, keeps the private key here for 30 days (mode 0600 in a folder made 0700)
// and returns the request with its link. Nothing is sent.
func (c *Client) CreateRequest(note string) (*Request, error) {
	if err := requests.CheckNote(note); err != nil {
		return nil, newError(ErrInvalidArgument, err.Error())
	}
	store, err := c.keyStore()
	if err != nil {
		return nil, err
	}
	priv, err := requests.Generate()
	if err != nil {
		return nil, &Error{kind: ErrFailed, message: "Cannot make a key pair: " + err.Error(), Code: -1, cause: err}
	}
	kept, err := requests.NewKept(priv, note, c.baseURL, time.Now())
	if err != nil {
		return nil, &Error{kind: ErrFailed, message: "Cannot encode the request's key: " + err.Error(), Code: -1, cause: err}
	}
	if err := store.Save(kept); err != nil {
		return nil, &Error{kind: ErrFailed, message: err.Error(), Code: -1, cause: err}
	}
	r := toRequest(kept.Link(), kept.CreatedAt)
	return &r, nil
}

// ListRequests lists the requests whose keys are kept here, oldest first (those over 30 days old are deleted first).
func (c *Client) ListRequests() ([]Request, error) {
	store, err := c.keyStore()
	if err != nil {
		return nil, err
	}
	var out []Request
	for _, k := range store.List() {
		out = append(out, toRequest(k.Link(), k.CreatedAt))
	}
	return out, nil
}

// ForgetRequest deletes a request's private key: replies to it can then no longer be opened by anyone. False
// when no key of that id is kept here.
func (c *Client) ForgetRequest(keyID string) (bool, error) {
	store, err := c.keyStore()
	if err != nil {
		return false, err
	}
	ok, err := store.Forget(keyID)
	if err != nil {
		return false, &Error{kind: ErrFailed, message: err.Error(), Code: -1, cause: err}
	}
	return ok, nil
}

// ParseRequest reads a request link, for the sender to see what is asked and the fingerprint to compare.
func ParseRequest(link string) (*Request, error) {
	l, ok := requests.ParseRequest(link)
	if !ok {
		return nil, newError(ErrInvalidLink, msgInvalidRequestLink)
	}
	r := toRequest(l, time.Time{})
	return &r, nil
}

// IsReplyLink tells whether a link is a reply to a request (which opens only with the requester's key).
func IsReplyLink(link string) bool {
	_, ok := requests.ParseReply(link)
	return ok
}

// Reply encrypts a secret to the requester of requestLink and stores it on the request's service (or
// Options.ServiceURL). Neither this client nor anyone but the requester can open the reply afterwards. ttl zero
// means the service's default.
func (c *Client) Reply(ctx context.Context, requestLink string, secret Secret, ttl time.Duration) (*Reply, error) {
	request, ok := requests.ParseRequest(requestLink) // an invalid link is refused before anything else
	if !ok {
		return nil, newError(ErrInvalidLink, msgInvalidRequestLink)
	}
	address := c.addressFor(request.BaseURL)
	limits, err := c.limitsOf(ctx, address)
	if err != nil {
		return nil, err
	}
	if err := checkSend(ttl, 1, limits); err != nil {
		return nil, err
	}
	m, err := envelope.Marshal(secret.content())
	if err != nil {
		return nil, newError(ErrInvalidArgument, err.Error())
	}
	agreed, err := requests.ForSender(request.RequesterKey)
	if err != nil {
		return nil, newError(ErrInvalidLink, msgInvalidRequestLink)
	}
	keys, err := envelope.Derive(agreed.Key, nil)
	if err != nil {
		return nil, newError(ErrFailed, err.Error())
	}
	blob, err := envelope.Seal(m, keys.EncryptionKey)
	agreed.Forget()
	keys.Forget()
	if err != nil {
		return nil, newError(ErrFailed, err.Error())
	}
	if err := checkSize(len(blob), limits); err != nil {
		return nil, err
	}
	store := &onetimev1.StoreRequest{Ciphertext: blob, AuthToken: keys.AuthToken}
	if ttl != 0 {
		store.Ttl = durationpb.New(ttl)
	}
	response, err := c.store(ctx, address, store)
	if err != nil {
		return nil, err
	}
	expires := time.Now().Add(limits.DefaultTTL)
	if ttl != 0 {
		expires = time.Now().Add(ttl)
	}
	if response.ExpiresAt != nil {
		expires = response.ExpiresAt.AsTime()
	}
	reply := requests.ReplyLink{BaseURL: request.BaseURL, ID: response.GetId(), EphemeralKey: agreed.EphemeralKey, KeyID: request.KeyID()}
	return &Reply{Link: reply.Format(), ExpiresAt: expires, Fingerprint: request.Fingerprint(), Note: request.Note}, nil
}

// replyKeys finds d by the reply's key id and derives the reply's keys.
func (c *Client) replyKeys(reply requests.ReplyLink) (envelope.Keys, error) {
	store, err := c.keyStore()
	if err != nil {
		return envelope.Keys{}, err
	}
	kept, found, err := store.Find(reply.KeyID)
	if err != nil {
		// A key file open to other users is refused (requests.ErrOpenToOthers), as are unreadable ones.
		return envelope.Keys{}, &Error{kind: ErrFailed, message: err.Error(), Code: -1, cause: err}
	}
	if !found {
		return envelope.Keys{}, newError(ErrRequestKeyNotFound, msgKeyNotHere)
	}
	priv, ok := kept.PrivateKey()
	if !ok {
		return envelope.Keys{}, newError(ErrRequestKeyNotFound, msgKeyNotHere)
	}
	agreed, err := requests.ForRequester(priv, reply.EphemeralKey)
	if err != nil {
		return envelope.Keys{}, newError(ErrInvalidLink, msgInvalidReplyLink)
	}
	keys, err := envelope.Derive(agreed.Key, nil)
	agreed.Forget()
	if err != nil {
		return envelope.Keys{}, newError(ErrFailed, err.Error())
	}
	return keys, nil
}
