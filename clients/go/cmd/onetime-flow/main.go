// Command onetime-flow exercises the onetime library against a real server, for the integration tests:
//
//	onetime-flow WEB_URL GRPC_URL
//
// It prints exactly "ok" and exits 0, or prints the step that failed and exits 1. Links are built on WEB_URL;
// calls go to GRPC_URL (native gRPC). Requests keep their keys in a temporary folder, removed at the end.
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/onetime-project/onetime/clients/go/onetime"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Println("usage: onetime-flow WEB_URL GRPC_URL")
		os.Exit(2)
	}
	if err := flow(os.Args[1], os.Args[2]); err != nil {
		fmt.Println(err.Error())
		os.Exit(1)
	}
	fmt.Println("ok")
}

func flow(webURL, grpcURL string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	keys, err := os.MkdirTemp("", "onetime-flow-keys")
	if err != nil {
		return fmt.Errorf("temporary key folder: %v", err)
	}
	defer os.RemoveAll(keys)
	client, err := onetime.New(onetime.Options{BaseURL: webURL, ServiceURL: grpcURL, RequestKeysDir: keys})
	if err != nil {
		return fmt.Errorf("new client: %v", err)
	}
	defer client.Close()

	limits, err := client.Limits(ctx)
	if err != nil {
		return fmt.Errorf("get_limits: %v", err)
	}
	if limits.MaxCiphertextBytes < 285 || limits.MaxViews < 1 || limits.MinTTL <= 0 || limits.MaxTTL < limits.MinTTL ||
		limits.DefaultTTL < limits.MinTTL || limits.DefaultTTL > limits.MaxTTL {
		return fmt.Errorf("get_limits: implausible %+v", limits)
	}

	// Text, read once; the second read is not found.
	link, err := client.SendText(ctx, "hunter2", onetime.SendOptions{})
	if err != nil {
		return fmt.Errorf("send text: %v", err)
	}
	if len(link.URL) < len(webURL) || link.URL[:len(webURL)] != webURL || link.ExpiresAt.Before(time.Now()) {
		return fmt.Errorf("send text: link not on %s or already expired", webURL)
	}
	if st, err := client.Status(ctx, link.URL, ""); err != nil || st.State != onetime.StateWaiting || st.ViewsLeft != 1 {
		return fmt.Errorf("status before read: %+v %v", st, err)
	}
	secret, err := client.Read(ctx, link.URL, "")
	if err != nil || secret.IsFile || secret.Text != "hunter2" || secret.ViewsLeft != 0 {
		return fmt.Errorf("read text: %v %v", secret, err)
	}
	// The last view is confirmed to the sender; with read receipts off there is no receipt to hold it.
	delivered := onetime.Delivered
	if !limits.ReadReceipts {
		delivered = onetime.DeliveryFailed
	}
	if secret.ConfirmationDelivery != delivered {
		return fmt.Errorf("read text: confirmation %v, want %v", secret.ConfirmationDelivery, delivered)
	}
	if _, err := client.Read(ctx, link.URL, ""); !errors.Is(err, onetime.ErrNotFound) {
		return fmt.Errorf("second read: want ErrNotFound, got %v", err)
	}
	st, err := client.Status(ctx, link.URL, "")
	if err != nil || (limits.ReadReceipts && (st.State != onetime.StateRead || st.ReadAt.IsZero())) || (!limits.ReadReceipts && st.State != onetime.StateGone) {
		return fmt.Errorf("status after read: %+v %v", st, err)
	}
	if limits.ReadReceipts && (st.Confirmation != onetime.Confirmed || st.ReaderNote != "") {
		return fmt.Errorf("status after read: confirmation %v", st)
	}

	// A file, byte for byte, with its name.
	data := make([]byte, 70000)
	for i := range data {
		data[i] = byte(i * 7)
	}
	link, err = client.Send(ctx, onetime.File(data, "/tmp/dir/report.bin", "application/x-test"), onetime.SendOptions{TTL: 10 * time.Minute})
	if err != nil {
		return fmt.Errorf("send file: %v", err)
	}
	secret, err = client.Read(ctx, link.URL, "")
	if err != nil || !secret.IsFile || secret.FileName != "report.bin" || secret.MediaType != "application/x-test" || !bytes.Equal(secret.Data, data) {
		return fmt.Errorf("read file: %v %v", secret, err)
	}

	// A passphrase: required, a wrong one is not found and deletes nothing, the right one reads.
	link, err = client.SendText(ctx, "with passphrase", onetime.SendOptions{Passphrase: "correct horse"})
	if err != nil {
		return fmt.Errorf("send with passphrase: %v", err)
	}
	if need, err := onetime.RequiresPassphrase(link.URL); err != nil || !need {
		return fmt.Errorf("requires passphrase: %v %v", need, err)
	}
	if _, err := client.Read(ctx, link.URL, ""); !errors.Is(err, onetime.ErrInvalidArgument) {
		return fmt.Errorf("read without passphrase: want ErrInvalidArgument, got %v", err)
	}
	if _, err := client.Read(ctx, link.URL, "wrong horse"); !errors.Is(err, onetime.ErrNotFound) {
		return fmt.Errorf("wrong passphrase: want ErrNotFound, got %v", err)
	}
	secret, err = client.ReadWith(ctx, link.URL, onetime.ReadOptions{Passphrase: "correct horse", Note: "got it ✓ rotating now"})
	if err != nil || secret.Text != "with passphrase" || secret.ConfirmationDelivery != delivered {
		return fmt.Errorf("read with passphrase and a note: %v %v %v", secret, secret.ConfirmationDelivery, err)
	}
	if st, err := client.Status(ctx, link.URL, "correct horse"); limits.ReadReceipts &&
		(err != nil || st.Confirmation != onetime.Confirmed || st.ReaderNote != "got it ✓ rotating now") {
		return fmt.Errorf("status opens the confirmation with the passphrase: %v %v", st, err)
	}

	// Three views, status in between, then burn.
	views := 3
	if limits.MaxViews < views {
		views = limits.MaxViews
	}
	link, err = client.SendText(ctx, "three views", onetime.SendOptions{Views: views})
	if err != nil {
		return fmt.Errorf("send views=%d: %v", views, err)
	}
	for left := views - 1; left >= 1; left-- {
		secret, err = client.ReadWith(ctx, link.URL, onetime.ReadOptions{Note: "not yet"})
		if err != nil || secret.Text != "three views" || secret.ViewsLeft != left || secret.ConfirmationDelivery != onetime.NoDelivery {
			return fmt.Errorf("read of views=%d: want %d left, got %v %v", views, left, secret, err)
		}
	}
	st, err = client.Status(ctx, link.URL, "")
	if err != nil || st.State != onetime.StateWaiting || st.ViewsLeft != 1 || (views > 1 && st.ReadAt.IsZero()) {
		return fmt.Errorf("status of views=%d: %+v %v", views, st, err)
	}
	if err := client.Burn(ctx, link.URL, ""); err != nil {
		return fmt.Errorf("burn: %v", err)
	}
	if _, err := client.Read(ctx, link.URL, ""); !errors.Is(err, onetime.ErrNotFound) {
		return fmt.Errorf("read after burn: want ErrNotFound, got %v", err)
	}
	if st, err := client.Status(ctx, link.URL, ""); err != nil || st.State != onetime.StateGone {
		return fmt.Errorf("status after burn: %+v %v", st, err)
	}
	if err := client.Burn(ctx, link.URL, ""); !errors.Is(err, onetime.ErrNotFound) {
		return fmt.Errorf("second burn: want ErrNotFound, got %v", err)
	}

	// A request, a reply to it, read in-process with the kept key; a second read is not found.
	request, err := client.CreateRequest("the flow's password")
	if err != nil {
		return fmt.Errorf("create request: %v", err)
	}
	parsed, err := onetime.ParseRequest(request.Link)
	if err != nil || parsed.Fingerprint != request.Fingerprint || parsed.KeyID != request.KeyID {
		return fmt.Errorf("parse request: %v %v", parsed, err)
	}
	reply, err := client.Reply(ctx, request.Link, onetime.Text("the reply"), 0)
	if err != nil {
		return fmt.Errorf("reply: %v", err)
	}
	if !onetime.IsReplyLink(reply.Link) || reply.Fingerprint != request.Fingerprint || reply.Note != "the flow's password" {
		return fmt.Errorf("reply: unexpected %q %q", reply.Fingerprint, reply.Note)
	}
	secret, err = client.Read(ctx, reply.Link, "")
	if err != nil || secret.Text != "the reply" || secret.ConfirmationDelivery != onetime.NoDelivery {
		return fmt.Errorf("read reply: %v %v", secret, err)
	}
	if _, err := client.Read(ctx, reply.Link, ""); !errors.Is(err, onetime.ErrNotFound) {
		return fmt.Errorf("second read of the reply: want ErrNotFound, got %v", err)
	}
	if list, err := client.ListRequests(); err != nil || len(list) != 1 || list[0].KeyID != request.KeyID {
		return fmt.Errorf("list requests: %v %v", list, err)
	}
	if ok, err := client.ForgetRequest(request.KeyID); err != nil || !ok {
		return fmt.Errorf("forget request: %v %v", ok, err)
	}
	reply, err = client.Reply(ctx, request.Link, onetime.Text("after forget"), 0)
	if err != nil {
		return fmt.Errorf("reply after forget: %v", err)
	}
	if _, err := client.Read(ctx, reply.Link, ""); !errors.Is(err, onetime.ErrRequestKeyNotFound) {
		return fmt.Errorf("read reply after forget: want ErrRequestKeyNotFound, got %v", err)
	}
	return nil
}
