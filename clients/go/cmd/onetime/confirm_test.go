package main

import (
	"strings"
	"testing"

	"github.com/onetime-project/onetime/clients/go/internal/links"
	"github.com/onetime-project/onetime/clients/go/internal/testserver"
	"google.golang.org/grpc/codes"
)

// read --note and status's three readings of a read secret, against the in-process server.

func served(t *testing.T) (*testserver.Server, map[string]string) {
	t.Helper()
	srv := testserver.Start(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	return srv, map[string]string{"ONETIME_HOST": "https://onetime.example", "ONETIME_GRPC": srv.URL}
}

func sendFor(t *testing.T, vars map[string]string, secret string, args ...string) string {
	t.Helper()
	r := runWith(t, secret, vars, append([]string{"send"}, args...)...)
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	return strings.TrimSpace(r.stdout)
}

func expectOut(t *testing.T, r result, code int, stdout, stderr string) {
	t.Helper()
	if r.code != code || r.stdout != stdout || r.stderr != stderr {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, %q, %q", r.code, r.stdout, r.stderr, code, stdout, stderr)
	}
}

func statusLines(t *testing.T, vars map[string]string, link string) []string {
	t.Helper()
	r := runWith(t, "", vars, "status", link)
	if r.code != exitNotFound || r.stderr != "" {
		t.Fatalf("%+v", r)
	}
	return strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
}

func TestReadNoteThenStatusConfirmedWithTheNote(t *testing.T) {
	_, vars := served(t)
	link := sendFor(t, vars, "hunter2")
	expectOut(t, runWith(t, "", vars, "read", "--note", "got it, rotating now", link), 0, "hunter2",
		"onetime: the sender was told you read it (confirmed, with your note).\n")
	lines := statusLines(t, vars, link)
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "read at ") || !strings.HasSuffix(lines[0], "Z, confirmed by the reader's client") ||
		lines[1] != "note: got it, rotating now" {
		t.Fatalf("%q", lines)
	}
}

func TestReadWithoutNoteIsConfirmedToo(t *testing.T) {
	_, vars := served(t)
	link := sendFor(t, vars, "hunter2")
	expectOut(t, runWith(t, "", vars, "read", link), 0, "hunter2", "onetime: the sender was told you read it (confirmed).\n")
	if lines := statusLines(t, vars, link); len(lines) != 1 || !strings.HasSuffix(lines[0], "Z, confirmed by the reader's client") {
		t.Fatalf("%q", lines)
	}
}

func TestStatusShowsTheNoteEscapedOnOneLine(t *testing.T) {
	_, vars := served(t)
	link := sendFor(t, vars, "hunter2")
	runWith(t, "", vars, "read", "--note", "ok\x1b]0;owned\x07\nline2\u202e\tend", link)
	if lines := statusLines(t, vars, link); len(lines) != 2 || lines[1] != `note: ok\x1b]0;owned\x07\x0aline2\u202e\x09end` {
		t.Fatalf("%q", lines)
	}
}

func TestRequestNotesAreShownOnOneLine(t *testing.T) {
	_, vars := served(t)
	request := runWith(t, "", vars, "request", "--note", "line1\nline2\tend")
	r := runWith(t, "x", vars, "send", "--to", strings.TrimSpace(request.stdout))
	if first := strings.SplitN(r.stderr, "\n", 2)[0]; first != `Asked for: line1\x0aline2\x09end` {
		t.Fatalf("%q", r.stderr)
	}
	list := runWith(t, "", vars, "request", "--list")
	if !strings.HasSuffix(list.stdout, `  line1\x0aline2\x09end`+"\n") || strings.Count(list.stdout, "\n") != 1 {
		t.Fatalf("%q", list.stdout)
	}
}

func TestStatusUnconfirmedOnAServerWithoutConfirmRead(t *testing.T) {
	srv, vars := served(t)
	srv.Fail("ConfirmRead", codes.Unimplemented)
	link := sendFor(t, vars, "hunter2")
	expectOut(t, runWith(t, "", vars, "read", "--note", "got it", link), 0, "hunter2",
		"onetime: the sender could not be told you read it: this server does not take read confirmations.\n")
	if lines := statusLines(t, vars, link); len(lines) != 1 || !strings.HasSuffix(lines[0], "Z: the server says so, unconfirmed") {
		t.Fatalf("%q", lines)
	}
	srv.Fail("ConfirmRead", codes.NotFound) // read receipts off, or the receipt gone
	link = sendFor(t, vars, "again")
	expectOut(t, runWith(t, "", vars, "read", link), 0, "again",
		"onetime: the sender could not be told you read it: the server did not keep the confirmation.\n")
}

func TestStatusInvalidWhenTheConfirmationDoesNotVerify(t *testing.T) {
	srv, vars := served(t)
	link := sendFor(t, vars, "hunter2")
	runWith(t, "", vars, "read", link)
	parsed, _ := links.ParseSecret(link)
	srv.Entry(parsed.ID).Confirmation[284] ^= 1
	if lines := statusLines(t, vars, link); len(lines) != 1 || !strings.HasSuffix(lines[0], "Z says the server, but its confirmation does not verify") {
		t.Fatalf("%q", lines)
	}
}

func TestNoteOnAnEarlierViewIsNotSent(t *testing.T) {
	_, vars := served(t)
	link := sendFor(t, vars, "two", "--views", "2")
	expectOut(t, runWith(t, "", vars, "read", "--note", "early", link), 0, "two",
		"onetime: the link can be read 1 more time.\nonetime: the note was not sent: only the last view confirms a read.\n")
}

func TestNoteTooLongIsExit2BeforeReading(t *testing.T) {
	srv, vars := served(t)
	link := sendFor(t, vars, "hunter2")
	for _, note := range []string{strings.Repeat("x", 201), strings.Repeat("é", 101)} {
		expect(t, runWith(t, "", vars, "read", "--note", note, link), 2, "onetime: The note is longer than 200 bytes (UTF-8).")
	}
	if srv.Calls("Retrieve") != 0 {
		t.Fatal("read before the note was checked")
	}
	expectOut(t, runWith(t, "", vars, "read", link), 0, "hunter2", "onetime: the sender was told you read it (confirmed).\n")
}

func TestNoteWithAReplyLinkIsExit2BeforeReading(t *testing.T) {
	_, vars := served(t)
	request := runWith(t, "", vars, "request")
	reply := sendFor(t, vars, "r", "--to", strings.TrimSpace(request.stdout))
	expect(t, runWith(t, "", vars, "read", "--note", "thanks", reply), 2, "onetime: A reply link sends no read confirmation, so a note cannot go with it.")
	expectOut(t, runWith(t, "", vars, "read", reply), 0, "r", "") // a reply is never confirmed, and says nothing of it
}
