package onetime

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/onetime-project/onetime/clients/go/internal/confirmation"
	"github.com/onetime-project/onetime/clients/go/internal/envelope"
	"github.com/onetime-project/onetime/clients/go/internal/links"
	"github.com/onetime-project/onetime/clients/go/internal/testserver"
	"google.golang.org/grpc/codes"
)

// Read confirmations through the library against the in-process server: sent only after the last view of a secret
// link, never failing the read, and checked by Status as confirmed, unconfirmed or invalid.

func confirmingClient(t *testing.T) (*Client, *testserver.Server) {
	t.Helper()
	srv := testserver.Start(t)
	return newClient(t, Options{BaseURL: "https://onetime.example", ServiceURL: srv.URL}), srv
}

func sent(t *testing.T, c *Client, text string, opts SendOptions) string {
	t.Helper()
	link, err := c.SendText(context.Background(), text, opts)
	if err != nil {
		t.Fatal(err)
	}
	return link.URL
}

func read(t *testing.T, c *Client, link string, opts ReadOptions) *Secret {
	t.Helper()
	secret, err := c.ReadWith(context.Background(), link, opts)
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

func statusOf(t *testing.T, c *Client, link, passphrase string) Status {
	t.Helper()
	st, err := c.Status(context.Background(), link, passphrase)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func idOf(link string) string {
	parsed, _ := links.ParseSecret(link)
	return parsed.ID
}

func TestLastViewIsConfirmedWithTheNote(t *testing.T) {
	c, srv := confirmingClient(t)
	link := sent(t, c, "hunter2", SendOptions{})
	secret := read(t, c, link, ReadOptions{Note: "got it, rotating now"})
	if secret.Text != "hunter2" || secret.ConfirmationDelivery != Delivered || srv.Calls("ConfirmRead") != 1 {
		t.Fatalf("%v %v %d", secret, secret.ConfirmationDelivery, srv.Calls("ConfirmRead"))
	}
	if n := len(srv.Entry(idOf(link)).Confirmation); n != 285 {
		t.Fatalf("%d bytes", n)
	}
	st := statusOf(t, c, link, "")
	if st.State != StateRead || st.Confirmation != Confirmed || st.ReaderNote != "got it, rotating now" {
		t.Fatalf("%+v", st)
	}
}

func TestReadWithoutNoteIsConfirmed(t *testing.T) {
	c, _ := confirmingClient(t)
	link := sent(t, c, "x", SendOptions{Passphrase: "pass phrase"})
	secret, err := c.Read(context.Background(), link, "pass phrase")
	if err != nil || secret.ConfirmationDelivery != Delivered {
		t.Fatalf("%v %v", err, secret)
	}
	if st := statusOf(t, c, link, "pass phrase"); st.Confirmation != Confirmed || st.ReaderNote != "" {
		t.Fatalf("%+v", st)
	}
}

func TestOnlyTheLastOfSeveralViewsIsConfirmed(t *testing.T) {
	c, srv := confirmingClient(t)
	link := sent(t, c, "three", SendOptions{Views: 3})
	for left := 2; left >= 1; left-- {
		secret := read(t, c, link, ReadOptions{Note: "not yet"})
		if secret.ViewsLeft != left || secret.ConfirmationDelivery != NoDelivery || srv.Calls("ConfirmRead") != 0 {
			t.Fatalf("%d left: %v", left, secret.ConfirmationDelivery)
		}
		if st := statusOf(t, c, link, ""); st.Confirmation != ConfirmationNone {
			t.Fatalf("%+v", st)
		}
	}
	if secret := read(t, c, link, ReadOptions{Note: "all read"}); secret.ConfirmationDelivery != Delivered || srv.Calls("ConfirmRead") != 1 {
		t.Fatal(secret.ConfirmationDelivery)
	}
	if st := statusOf(t, c, link, ""); st.ReaderNote != "all read" {
		t.Fatalf("%+v", st)
	}
}

func TestReplyIsNeverConfirmed(t *testing.T) {
	c, srv := confirmingClient(t)
	request, err := c.CreateRequest("db")
	if err != nil {
		t.Fatal(err)
	}
	reply, err := c.Reply(context.Background(), request.Link, Text("s3cret"), 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ReadWith(context.Background(), reply.Link, ReadOptions{Note: "thanks"})
	if !errors.Is(err, ErrInvalidArgument) || err.Error() != msgNoteWithReply || srv.Calls("Retrieve") != 0 {
		t.Fatalf("%v, %d reads", err, srv.Calls("Retrieve"))
	}
	secret := read(t, c, reply.Link, ReadOptions{})
	if secret.Text != "s3cret" || secret.ConfirmationDelivery != NoDelivery || srv.Calls("ConfirmRead") != 0 {
		t.Fatalf("%v %v", secret, secret.ConfirmationDelivery)
	}
	if st := statusOf(t, c, reply.Link, ""); st.Confirmation != Unconfirmed {
		t.Fatalf("%+v", st)
	}
}

func TestFailingConfirmReadDoesNotFailTheRead(t *testing.T) {
	for code, want := range map[codes.Code]ConfirmationDelivery{
		codes.Unimplemented: DeliveryUnsupported, codes.NotFound: DeliveryFailed, codes.AlreadyExists: DeliveryFailed,
		codes.FailedPrecondition: DeliveryFailed, codes.Unavailable: DeliveryFailed, codes.Internal: DeliveryFailed,
	} {
		t.Run(code.String(), func(t *testing.T) {
			c, srv := confirmingClient(t)
			srv.Fail("ConfirmRead", code)
			link := sent(t, c, "hunter2", SendOptions{})
			secret := read(t, c, link, ReadOptions{Note: "got it"})
			if secret.Text != "hunter2" || secret.ViewsLeft != 0 || secret.ConfirmationDelivery != want || srv.Calls("ConfirmRead") != 1 {
				t.Fatalf("%v %v", secret, secret.ConfirmationDelivery)
			}
			if st := statusOf(t, c, link, ""); st.State != StateRead || st.Confirmation != Unconfirmed || st.ReaderNote != "" {
				t.Fatalf("%+v", st)
			}
		})
	}
}

func TestConfirmReadGivenUpByTheCallerDoesNotFailTheRead(t *testing.T) {
	srv := testserver.Start(t)
	c := newClient(t, Options{BaseURL: "https://onetime.example", ServiceURL: srv.URL})
	link := sent(t, c, "hunter2", SendOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	srv.OnConfirmRead(cancel) // the caller gives up while the confirmation is on its way
	secret, err := c.ReadWith(ctx, link, ReadOptions{})
	if err != nil || secret.Text != "hunter2" || secret.ConfirmationDelivery != DeliveryFailed {
		t.Fatalf("%v %v", err, secret)
	}
}

func TestNoteThatCannotGoIsRefusedBeforeReading(t *testing.T) {
	c, srv := confirmingClient(t)
	link := sent(t, c, "x", SendOptions{})
	for _, note := range []string{strings.Repeat("x", 201), strings.Repeat("é", 101), "\xed\xa0\x80"} {
		if _, err := c.ReadWith(context.Background(), link, ReadOptions{Note: note}); !errors.Is(err, ErrInvalidArgument) {
			t.Fatalf("%q: %v", note, err)
		}
	}
	if srv.Calls("Retrieve") != 0 || read(t, c, link, ReadOptions{}).Text != "x" {
		t.Fatal("read before the note was checked")
	}
}

func TestAnotherIDsConfirmationIsInvalid(t *testing.T) {
	c, srv := confirmingClient(t)
	first, second := sent(t, c, "one", SendOptions{}), sent(t, c, "two", SendOptions{})
	read(t, c, first, ReadOptions{Note: "for the first"})
	read(t, c, second, ReadOptions{})
	srv.Entry(idOf(second)).Confirmation = srv.Entry(idOf(first)).Confirmation
	if st := statusOf(t, c, second, ""); st.Confirmation != ConfirmationInvalid || st.ReaderNote != "" {
		t.Fatalf("%+v", st)
	}
	if st := statusOf(t, c, first, ""); st.ReaderNote != "for the first" {
		t.Fatalf("%+v", st)
	}
}

func TestChangedOrResizedConfirmationIsInvalid(t *testing.T) {
	c, srv := confirmingClient(t)
	for _, change := range []func([]byte) []byte{
		func(b []byte) []byte { b[0] ^= 0x80; return b },
		func(b []byte) []byte { b[5] ^= 0x80; return b },
		func(b []byte) []byte { b[100] ^= 0x80; return b },
		func(b []byte) []byte { b[284] ^= 0x80; return b },
		func(b []byte) []byte { return append(b, 0) },
		func(b []byte) []byte { return b[:200] },
	} {
		link := sent(t, c, "x", SendOptions{})
		read(t, c, link, ReadOptions{Note: "note"})
		e := srv.Entry(idOf(link))
		e.Confirmation = change(append([]byte(nil), e.Confirmation...))
		if st := statusOf(t, c, link, ""); st.Confirmation != ConfirmationInvalid || st.ReaderNote != "" {
			t.Fatalf("%+v", st)
		}
	}
}

func TestConfirmationWithAnotherPassphraseIsInvalid(t *testing.T) {
	c, srv := confirmingClient(t)
	link := sent(t, c, "x", SendOptions{Passphrase: "right"})
	read(t, c, link, ReadOptions{Passphrase: "right"})
	parsed, _ := links.ParseSecret(link)
	wrong := "wrong"
	keys, _ := envelope.Derive(parsed.Key, &wrong)
	made, _ := confirmation.Seal(keys.ConfirmationKey, parsed.ID, "made up")
	srv.Entry(parsed.ID).Confirmation = made
	if st := statusOf(t, c, link, "right"); st.Confirmation != ConfirmationInvalid {
		t.Fatalf("%+v", st)
	}
}

func TestStatusAndReadOptionsHideTheNote(t *testing.T) {
	c, _ := confirmingClient(t)
	link := sent(t, c, "x", SendOptions{})
	read(t, c, link, ReadOptions{Note: "a private word"})
	st := statusOf(t, c, link, "")
	opts := ReadOptions{Passphrase: "hunter2", Note: "a private word"}
	for _, s := range []string{fmt.Sprint(st), fmt.Sprintf("%+v", st), fmt.Sprintf("%#v", st), fmt.Sprint(opts), fmt.Sprintf("%#v", opts)} {
		if strings.Contains(s, "private") || strings.Contains(s, "hunter2") {
			t.Errorf("%q", s)
		}
	}
	if st.ReaderNote != "a private word" || !strings.Contains(fmt.Sprint(st), "Confirmation: confirmed") {
		t.Fatalf("%s", st)
	}
}
