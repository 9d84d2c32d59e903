package onetime

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	onetimev1 "github.com/onetime-project/onetime/clients/go/gen/onetime/v1"
	"github.com/onetime-project/onetime/clients/go/internal/testserver"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

const secretLink = "http://127.0.0.1:1/s#1.AAECAwQFBgcICQoLDA0ODw.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"

func newClient(t *testing.T, opts Options) *Client {
	t.Helper()
	if opts.RequestKeysDir == "" {
		opts.RequestKeysDir = t.TempDir()
	}
	c, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestErrorsBeforeAnyCall(t *testing.T) {
	c := newClient(t, Options{BaseURL: "http://127.0.0.1:1", Timeout: 5 * time.Second})
	ctx := context.Background()
	cases := []struct {
		err  error
		want error
	}{
		{func() error { _, err := c.Read(ctx, "https://x/s#1.a.b", ""); return err }(), ErrInvalidLink},
		{func() error { _, err := c.Read(ctx, strings.Replace(secretLink, "#1.", "#1p.", 1), ""); return err }(), ErrInvalidArgument},
		{func() error {
			_, err := c.Read(ctx, "https://onetime.example/s#1r.AAECAwQFBgcICQoLDA0ODw.BB8UAUa_sbJR-E9N2-DUzc_Xev2YSpUg41eUAh-DErue7JlaCLH6dwTfPcwLUKlmUmP7dxH5X5-KRJxQluR8iSs.SHSx664cBl7n", "")
			return err
		}(), ErrRequestKeyNotFound},
		{func() error { _, err := c.Read(ctx, "https://onetime.example/s#1r.xx", ""); return err }(), ErrInvalidLink},
		{func() error { _, err := ParseRequest("https://onetime.example/r#1.x"); return err }(), ErrInvalidLink},
		{func() error { _, err := c.CreateRequest(strings.Repeat("x", 201)); return err }(), ErrInvalidArgument},
		{func() error { _, err := c.Read(ctx, secretLink, ""); return err }(), ErrUnavailable},
		{func() error { return c.Burn(ctx, secretLink, "") }(), ErrUnavailable},
	}
	for i, tc := range cases {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("case %d: %v is not %v", i, tc.err, tc.want)
		}
		if strings.Contains(tc.err.Error(), "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8") {
			t.Errorf("case %d: the key is in the message", i)
		}
	}
	if _, err := c.Read(ctx, secretLink, ""); err.Error() != "The OneTime service is unavailable (cannot connect to http://127.0.0.1:1)." {
		t.Errorf("%q", err)
	}
}

func TestStringsHideSecrets(t *testing.T) {
	for _, s := range []string{
		Text("hunter2").String(), File([]byte("hunter2"), "a", "").String(),
		SendOptions{Passphrase: "hunter2"}.String(), Link{URL: secretLink}.String(), Link{URL: secretLink}.GoString(),
	} {
		if strings.Contains(s, "hunter2") || strings.Contains(s, "AAECAwQFBgcICQoLDA0ODw") {
			t.Errorf("%q", s)
		}
	}
}

// A fake service answering every call RESOURCE_EXHAUSTED, with or without the pushback trailer.
type exhausted struct {
	onetimev1.UnimplementedSecretServiceServer
	pushback string
	limits   *onetimev1.GetLimitsResponse
}

func (s *exhausted) GetLimits(ctx context.Context, _ *onetimev1.GetLimitsRequest) (*onetimev1.GetLimitsResponse, error) {
	if s.limits != nil {
		return s.limits, nil
	}
	return nil, status.Error(codes.Unimplemented, "")
}

func (s *exhausted) Store(ctx context.Context, _ *onetimev1.StoreRequest) (*onetimev1.StoreResponse, error) {
	if s.pushback != "" {
		grpc.SetTrailer(ctx, metadata.Pairs("grpc-retry-pushback-ms", s.pushback))
	}
	return nil, status.Error(codes.ResourceExhausted, "no")
}

func serve(t *testing.T, srv onetimev1.SecretServiceServer) string { return testserver.Serve(t, srv) }

func TestRateLimitedAndStoreFull(t *testing.T) {
	ctx := context.Background()
	c := newClient(t, Options{BaseURL: serve(t, &exhausted{pushback: "2500"})})
	_, err := c.SendText(ctx, "x", SendOptions{})
	var rl *RateLimitedError
	if !errors.As(err, &rl) || !errors.Is(err, ErrRateLimited) || !rl.Known || rl.RetryAfter != 2500*time.Millisecond {
		t.Fatalf("%#v", err)
	}
	if err.Error() != "Rate limited: too many calls from this address; try again in 3 s." {
		t.Errorf("%q", err)
	}
	c = newClient(t, Options{BaseURL: serve(t, &exhausted{})})
	if _, err := c.SendText(ctx, "x", SendOptions{}); !errors.Is(err, ErrStoreFull) {
		t.Fatalf("%v", err)
	}
	// The server before GetLimits allows one view: more is refused here, before anything is sent.
	if _, err := c.SendText(ctx, "x", SendOptions{Views: 2}); !errors.Is(err, ErrInvalidArgument) || err.Error() != "This service allows only 1 view per secret." {
		t.Fatalf("%v", err)
	}
}

func TestTooLargeBeforeUploading(t *testing.T) {
	c := newClient(t, Options{BaseURL: serve(t, &exhausted{limits: &onetimev1.GetLimitsResponse{MaxCiphertextBytes: 1000, MaxViews: 5}})})
	_, err := c.Send(context.Background(), File(make([]byte, 2000), "f", ""), SendOptions{})
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.MaxCiphertextBytes != 1000 || !errors.Is(err, ErrTooLarge) {
		t.Fatalf("%v", err)
	}
	if _, err := c.SendText(context.Background(), "\xed\xa0\x80", SendOptions{}); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("a lone surrogate: %v", err)
	}
}
