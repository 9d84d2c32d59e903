// Package testserver is an in-process SecretService for the tests of the library and the command: it keeps secrets
// in a map as the real server's memory store does (views, receipts, read confirmations), on 127.0.0.1, so that they
// run without a OneTime server. Fail makes a method answer a chosen status, as an older server (UNIMPLEMENTED) or a
// broken network would. Tests only: nothing outside *_test.go imports it.
package testserver

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net"
	"sync"
	"testing"
	"time"

	onetimev1 "github.com/onetime-project/onetime/clients/go/gen/onetime/v1"
	"github.com/onetime-project/onetime/clients/go/internal/transport"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// Entry is one stored secret, or the receipt its last view left (Views 0).
type Entry struct {
	Digest       [32]byte
	Blob         []byte
	Views        uint32
	ExpiresAt    time.Time
	ReadAt       time.Time
	Confirmation []byte
}

// Server is the fake service; URL is its address (http://127.0.0.1:port).
type Server struct {
	onetimev1.UnimplementedSecretServiceServer
	URL string

	mu        sync.Mutex
	entries   map[string]*Entry
	failures  map[string]error
	calls     []string
	onConfirm func()
}

// Start serves a new, empty Server until the test ends.
func Start(t *testing.T) *Server {
	t.Helper()
	s := &Server{entries: map[string]*Entry{}, failures: map[string]error{}}
	s.URL = Serve(t, s)
	return s
}

// Serve serves any SecretService on 127.0.0.1 until the test ends, and gives its address.
func Serve(t *testing.T, srv onetimev1.SecretServiceServer) string {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	g := grpc.NewServer(grpc.CustomCodec(transport.Codec())) // Debian's golang/protobuf 1.3 cannot (transport/codec.go)
	onetimev1.RegisterSecretServiceServer(g, srv)
	go g.Serve(lis)
	t.Cleanup(g.Stop)
	return "http://" + lis.Addr().String()
}

// Fail makes every later call of method answer code.
func (s *Server) Fail(method string, code codes.Code) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[method] = status.Error(code, "failing on purpose")
}

// OnConfirmRead runs f when a ConfirmRead arrives, which then waits until its caller gives up (f may cancel the
// caller's context): a confirmation that never comes back.
func (s *Server) OnConfirmRead(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onConfirm = f
}

// Calls counts the calls of method so far.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, m := range s.calls {
		if m == method {
			n++
		}
	}
	return n
}

// Entry gives the entry under id (nil when none), to look at or change under the test's hand.
func (s *Server) Entry(id string) *Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.entries[id]
}

// begin records the call and locks the store; the caller unlocks.
func (s *Server) begin(method string) error {
	s.mu.Lock()
	s.calls = append(s.calls, method)
	return s.failures[method]
}

func (s *Server) find(id string, token []byte) *Entry {
	e := s.entries[id]
	if e == nil {
		return nil
	}
	digest := sha256.Sum256(token)
	if subtle.ConstantTimeCompare(digest[:], e.Digest[:]) != 1 {
		return nil
	}
	return e
}

var notFound = status.Error(codes.NotFound, "not found")

func (s *Server) GetLimits(context.Context, *onetimev1.GetLimitsRequest) (*onetimev1.GetLimitsResponse, error) {
	defer s.mu.Unlock()
	if err := s.begin("GetLimits"); err != nil {
		return nil, err
	}
	return &onetimev1.GetLimitsResponse{
		MaxCiphertextBytes: 1 << 20, MinCiphertextBytes: 285, MinTtl: durationpb.New(time.Minute),
		MaxTtl: durationpb.New(30 * 24 * time.Hour), DefaultTtl: durationpb.New(7 * 24 * time.Hour),
		MaxViews: 100, MaxWrongAttempts: 10, ReadReceipts: true,
	}, nil
}

func (s *Server) Store(_ context.Context, r *onetimev1.StoreRequest) (*onetimev1.StoreResponse, error) {
	defer s.mu.Unlock()
	if err := s.begin("Store"); err != nil {
		return nil, err
	}
	raw := make([]byte, 16)
	rand.Read(raw)
	id := base64.RawURLEncoding.EncodeToString(raw)
	ttl := 7 * 24 * time.Hour
	if r.Ttl != nil {
		ttl = r.Ttl.AsDuration()
	}
	views := r.GetMaxViews()
	if views == 0 {
		views = 1
	}
	e := &Entry{Digest: sha256.Sum256(r.GetAuthToken()), Blob: r.GetCiphertext(), Views: views, ExpiresAt: time.Now().Add(ttl)}
	s.entries[id] = e
	return &onetimev1.StoreResponse{Id: id, ExpiresAt: timestamppb.New(e.ExpiresAt)}, nil
}

func (s *Server) Retrieve(_ context.Context, r *onetimev1.RetrieveRequest) (*onetimev1.RetrieveResponse, error) {
	defer s.mu.Unlock()
	if err := s.begin("Retrieve"); err != nil {
		return nil, err
	}
	e := s.find(r.GetId(), r.GetAuthToken())
	if e == nil || e.Views == 0 {
		return nil, notFound
	}
	e.Views--
	e.ReadAt = time.Now()
	return &onetimev1.RetrieveResponse{Ciphertext: e.Blob, ViewsLeft: e.Views}, nil
}

func (s *Server) Exists(_ context.Context, r *onetimev1.ExistsRequest) (*onetimev1.ExistsResponse, error) {
	defer s.mu.Unlock()
	if err := s.begin("Exists"); err != nil {
		return nil, err
	}
	e := s.find(r.GetId(), r.GetAuthToken())
	if e == nil {
		return &onetimev1.ExistsResponse{}, nil
	}
	response := &onetimev1.ExistsResponse{Exists: e.Views > 0, ViewsLeft: e.Views, ExpiresAt: timestamppb.New(e.ExpiresAt)}
	if e.Views > 0 {
		response.State = onetimev1.SecretState_SECRET_STATE_WAITING
	} else {
		response.State = onetimev1.SecretState_SECRET_STATE_READ
		response.ReadConfirmation = e.Confirmation
	}
	if !e.ReadAt.IsZero() {
		response.ReadAt = timestamppb.New(e.ReadAt)
	}
	return response, nil
}

func (s *Server) Burn(_ context.Context, r *onetimev1.BurnRequest) (*onetimev1.BurnResponse, error) {
	defer s.mu.Unlock()
	if err := s.begin("Burn"); err != nil {
		return nil, err
	}
	e := s.find(r.GetId(), r.GetAuthToken())
	if e == nil || e.Views == 0 {
		return nil, notFound
	}
	delete(s.entries, r.GetId())
	return &onetimev1.BurnResponse{}, nil
}

// ConfirmRead follows protos/README.md "Confirmations": the size only, one per receipt, once every view is taken.
func (s *Server) ConfirmRead(ctx context.Context, r *onetimev1.ConfirmReadRequest) (*onetimev1.ConfirmReadResponse, error) {
	s.mu.Lock()
	hook := s.onConfirm
	s.mu.Unlock()
	if hook != nil {
		hook()
		<-ctx.Done()
		return nil, status.FromContextError(ctx.Err()).Err()
	}
	defer s.mu.Unlock()
	if err := s.begin("ConfirmRead"); err != nil {
		return nil, err
	}
	if n := len(r.GetConfirmation()); n < 1 || n > 512 {
		return nil, status.Error(codes.InvalidArgument, "confirmation size")
	}
	e := s.find(r.GetId(), r.GetAuthToken())
	switch {
	case e == nil:
		return nil, notFound
	case e.Views > 0:
		return nil, status.Error(codes.FailedPrecondition, "views left")
	case len(e.Confirmation) > 0:
		return nil, status.Error(codes.AlreadyExists, "already confirmed")
	}
	e.Confirmation = r.GetConfirmation()
	return &onetimev1.ConfirmReadResponse{}, nil
}
