package onetime

import (
	"context"
	"strconv"

	onetimev1 "github.com/onetime-project/onetime/clients/go/gen/onetime/v1"
	"github.com/onetime-project/onetime/clients/go/internal/confirmation"
	"google.golang.org/grpc"
)

// Read confirmations (protos/README.md "Read confirmations (format 1)"): after the last view of a secret link the
// reader's client seals a note under a key derived from K and hands it to the receipt with ConfirmRead; the sender's
// client opens it in Status.

// ReadOptions say how a secret is read.
type ReadOptions struct {
	// Passphrase is needed when the link requires one (RequiresPassphrase); ignored otherwise.
	Passphrase string
	// Note, optional, is for the sender ("got it, rotating now"), sealed into the read confirmation so that only the
	// sender's client can read it: up to 200 UTF-8 bytes, taken as typed. Sent only with the last view of a secret
	// link, never for a reply link. A note that cannot go is refused (ErrInvalidArgument) before anything is read.
	Note string
}

// String keeps the passphrase and the note out of logs.
func (o ReadOptions) String() string {
	return "onetime.ReadOptions{Passphrase: " + setOrNone(o.Passphrase) + ", Note: " + setOrNone(o.Note) + "}"
}

// GoString keeps %#v from printing the passphrase or the note.
func (o ReadOptions) GoString() string { return o.String() }

func setOrNone(s string) string {
	if s == "" {
		return "none"
	}
	return "set"
}

// ConfirmationDelivery says whether the sender was told of a read (Secret.ConfirmationDelivery). A confirmation
// that cannot be delivered never fails the read: the secret is returned all the same.
type ConfirmationDelivery int

const (
	// NoDelivery: nothing to confirm; views remain, a reply link, or a secret made here to be sent.
	NoDelivery ConfirmationDelivery = iota
	// Delivered: the service kept the confirmation; the sender's status shows the read as confirmed (with the note).
	Delivered
	// DeliveryUnsupported: the service does not take read confirmations (a server from before them); its receipt
	// still says "read".
	DeliveryUnsupported
	// DeliveryFailed: the confirmation did not reach the receipt (unreachable, read receipts off, the receipt gone,
	// or one already there). The sender sees the read as unconfirmed, or not at all.
	DeliveryFailed
)

func (d ConfirmationDelivery) String() string {
	switch d {
	case Delivered:
		return "delivered"
	case DeliveryUnsupported:
		return "unsupported"
	case DeliveryFailed:
		return "failed"
	}
	return "none"
}

// ConfirmationState is what the reader's confirmation of a read secret shows (Status.Confirmation). A confirmation
// proves that someone holding the link's key (and passphrase) read the secret: the service cannot make one, change
// its note, or copy one from another secret. It does not prove who (anyone with the link can make one, the sender
// included), nor when (ReadAt is the service's clock, and a service can hold a confirmation back, though it cannot
// make an unread secret look confirmed). Only the last view of a secret is confirmed.
type ConfirmationState int

const (
	// ConfirmationNone: not read yet (or gone); there is nothing to confirm.
	ConfirmationNone ConfirmationState = iota
	// Confirmed: read, and the reader's client confirmed it with the key; Status.ReaderNote holds its note, if any.
	Confirmed
	// Unconfirmed: read on the service's word only (an older reader's client, a confirmation that could not be
	// delivered, or a service that dropped it).
	Unconfirmed
	// ConfirmationInvalid: read on the service's word, with a confirmation that does not verify against this link
	// (altered, made for another secret, or made up). Treat it as unconfirmed.
	ConfirmationInvalid
)

func (c ConfirmationState) String() string {
	switch c {
	case Confirmed:
		return "confirmed"
	case Unconfirmed:
		return "unconfirmed"
	case ConfirmationInvalid:
		return "invalid"
	}
	return "none"
}

const msgNoteWithReply = "A reply link sends no read confirmation, so a note cannot go with it."

// CheckNote refuses a note for the sender that ReadWith would refuse (ErrInvalidArgument): over 200 UTF-8 bytes, or
// text UTF-8 cannot carry. A command can check it before it asks for a passphrase.
func CheckNote(note string) error {
	if err := confirmation.CheckNote(note); err != nil {
		return newError(ErrInvalidArgument, err.Error())
	}
	return nil
}

// confirmRead runs after the last view. The read has already succeeded and the secret is gone from the service, so
// nothing here fails it: whatever goes wrong (an older server, receipts off, the network) only means the sender was
// not told. The caller's context still bounds the wait.
func (c *Client) confirmRead(ctx context.Context, t target, note string) ConfirmationDelivery {
	sealed, err := confirmation.Seal(t.keys.ConfirmationKey, t.id, note)
	if err != nil {
		return DeliveryFailed
	}
	request := &onetimev1.ConfirmReadRequest{Id: t.id, AuthToken: t.keys.AuthToken, Confirmation: sealed}
	err = c.caller.Call(ctx, t.address, false, func(ctx context.Context, s onetimev1.SecretServiceClient, o ...grpc.CallOption) error {
		_, err := s.ConfirmRead(ctx, request, o...)
		return err
	})
	switch {
	case err == nil:
		return Delivered
	case isUnimplemented(err):
		return DeliveryUnsupported // a server from before ConfirmRead
	}
	return DeliveryFailed
}

// checkConfirmation is protos/README.md "Checking one": empty is unconfirmed; one that does not open against this
// link is invalid, whichever check failed (length, version, tag, note): to the sender it does not verify.
func checkConfirmation(t target, sealed []byte) (ConfirmationState, string) {
	if len(sealed) == 0 {
		return Unconfirmed, ""
	}
	note, err := confirmation.Open(sealed, t.keys.ConfirmationKey, t.id)
	if err != nil {
		return ConfirmationInvalid, ""
	}
	return Confirmed, note
}

// statusString describes a status without the reader's note.
func statusString(s Status) string {
	note := ""
	if s.ReaderNote != "" {
		note = ", ReaderNote: set"
	}
	return "onetime.Status{State: " + s.State.String() + ", ViewsLeft: " + strconv.Itoa(s.ViewsLeft) +
		", Confirmation: " + s.Confirmation.String() + note + "}"
}
