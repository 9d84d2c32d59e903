package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The command's argument and exit-code handling, without a server: nothing here reaches the network except the
// unreachable address http://127.0.0.1:1, where nothing listens.

type result struct {
	code           int
	stdout, stderr string
}

func runWith(t *testing.T, stdin string, vars map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{
		stdin:           strings.NewReader(stdin),
		stdout:          &out,
		stderr:          &errOut,
		getenv:          func(k string) string { return vars[k] },
		stdinIsTerminal: false,
		prompt: func(string, string) (string, error) {
			return "", usagef("Cannot prompt: no terminal.")
		},
	}
	code := run(context.Background(), args, e)
	return result{code, out.String(), errOut.String()}
}

const link = "http://127.0.0.1:1/s#1.AAECAwQFBgcICQoLDA0ODw.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"

func expect(t *testing.T, r result, code int, stderr string) {
	t.Helper()
	if r.code != code || strings.TrimSpace(r.stderr) != stderr {
		t.Errorf("exit %d, stderr %q; want exit %d, %q", r.code, r.stderr, code, stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout %q", r.stdout)
	}
}

func TestUsage(t *testing.T) {
	expect(t, runWith(t, "", nil), 2, "onetime: Required command was not provided. (see 'onetime --help')")
	expect(t, runWith(t, "", nil, "read", "a", "b"), 2, "onetime: Unrecognized command or argument 'b'. (see 'onetime --help')")
	expect(t, runWith(t, "", nil, "send", "--bogus"), 2, "onetime: Unrecognized command or argument '--bogus'. (see 'onetime --help')")
	expect(t, runWith(t, "", nil, "send", "--views"), 2, "onetime: Required argument missing for option: '--views'. (see 'onetime --help')")
	expect(t, runWith(t, "", nil, "send", "--ttl", "5x"), 2, "onetime: Invalid --ttl '5x': use a number and m, h or d (e.g. 30m, 1h, 7d).")
	expect(t, runWith(t, "", nil, "send", "--views", "0"), 2, "onetime: Invalid --views 0: a secret is read at least once.")
	expect(t, runWith(t, "", nil, "send", "--host", "ftp://x"), 2, "onetime: Invalid --host 'ftp://x': expected an http:// or https:// URL.")
	expect(t, runWith(t, "", nil, "send", "--file", "x", "--generate"), 2, "onetime: Use either --file or --generate, not both.")
	expect(t, runWith(t, "", nil, "send"), 2, "onetime: Nothing to send: pipe the secret in, set ONETIME_SECRET, or use --file.")
	expect(t, runWith(t, "", nil, "request", "--note", "a", "--list"), 2, "onetime: Use one of --note, --list and --forget.")
	expect(t, runWith(t, "", nil, "gen", "--length", "3"), 2, "onetime: --length must be between 8 and 1024.")
	expect(t, runWith(t, "", nil, "send", "--to", "https://x/r#1.abc"), 2,
		"onetime: This is not a valid OneTime request link ({base URL}/r#1.{key}[.{note}]); was it cut short or changed when copied?")
}

func TestMalformedLinkIsExit2(t *testing.T) {
	for _, cmd := range []string{"read", "status", "burn"} {
		expect(t, runWith(t, "", nil, cmd, "https://x/s#1.a.b"), 2,
			"onetime: This is not a valid OneTime link ({base URL}/s#1.{id}.{key}); was it cut short when copied?")
	}
	expect(t, runWith(t, "", nil, "read", "https://onetime.example/r#1.BFFcPW6545a5BNP-yn9U_c0MwemXvzddylFa0KbDtANfRTa-OlDzGPv5pUdZAqIhUCvvDVfgjFOyzApW8X2fk1Q"), 2,
		"onetime: This is a request link: it asks for a secret and holds none. Send a reply to it instead.")
}

func TestNoLink(t *testing.T) {
	msg := "onetime: No link: pipe it in (onetime read - < link.txt), set ONETIME_LINK, or give it as an argument (which shell history keeps)."
	expect(t, runWith(t, "", nil, "status"), 2, msg)
	expect(t, runWith(t, "", nil, "read", "-"), 2, "onetime: No link on stdin.")
	expect(t, runWith(t, "a\nb\n", nil, "read"), 2, "onetime: Expected one link on stdin, found several lines.")
	expect(t, runWith(t, strings.Repeat("x", 20000), nil, "read"), 2, "onetime: The input on stdin is too long to be a link.")
}

func TestUnreachableIsExit4(t *testing.T) {
	want := "onetime: The OneTime service is unavailable (cannot connect to http://127.0.0.1:1)."
	expect(t, runWith(t, "", nil, "read", link), 4, want)
	expect(t, runWith(t, link+"\n", nil, "status"), 4, want)
	expect(t, runWith(t, "", map[string]string{"ONETIME_LINK": link}, "burn"), 4, want)
	expect(t, runWith(t, "s3cret", map[string]string{"ONETIME_HOST": "http://127.0.0.1:1"}, "send"), 4, want)
}

func TestReplyWithoutKeyIsExit6(t *testing.T) {
	dir := t.TempDir()
	reply := "https://onetime.example/s#1r.AAECAwQFBgcICQoLDA0ODw.BB8UAUa_sbJR-E9N2-DUzc_Xev2YSpUg41eUAh-DErue7JlaCLH6dwTfPcwLUKlmUmP7dxH5X5-KRJxQluR8iSs.SHSx664cBl7n"
	t.Setenv("XDG_CONFIG_HOME", dir)
	expect(t, runWith(t, "", nil, "read", reply), 6,
		"onetime: This reply opens only where the request was made: its key is not kept here (the request was made on another machine or account, forgotten, or more than 30 days ago). Nothing was read.")
	expect(t, runWith(t, "", nil, "request", "--forget", "abcdefghijkl"), 6, "onetime: no request abcdefghijkl is kept here (see onetime request --list).")
}

func TestRequestKeepsTheKeyAndLists(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	r := runWith(t, "", map[string]string{"ONETIME_HOST": "https://onetime.example"}, "request", "--note", "db")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "https://onetime.example/r#1.") || !strings.Contains(r.stderr, "Fingerprint: ") {
		t.Fatalf("%+v", r)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "onetime", "requests", "*.json"))
	if len(files) != 1 {
		t.Fatalf("key files: %v", files)
	}
	info, _ := os.Stat(files[0])
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %o", info.Mode().Perm())
	}
	list := runWith(t, "", nil, "request", "--list")
	if list.code != 0 || !strings.Contains(list.stdout, "  db") {
		t.Fatalf("%+v", list)
	}
}

func TestOutFileIsCheckedBeforeReading(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "there")
	os.WriteFile(existing, nil, 0o600)
	expect(t, runWith(t, "", nil, "read", "--out", existing, link), 2, "onetime: --out: '"+existing+"' already exists; nothing was read.")
	missing := filepath.Join(dir, "no", "x")
	expect(t, runWith(t, "", nil, "read", "--out", missing, link), 2, "onetime: --out: the directory of '"+missing+"' does not exist; nothing was read.")
	// Unreachable after the file was made: it goes again.
	target := filepath.Join(dir, "new")
	expect(t, runWith(t, "", nil, "read", "--out", target, link), 4, "onetime: The OneTime service is unavailable (cannot connect to http://127.0.0.1:1).")
	if _, err := os.Stat(target); !os.IsNotExist(err) {
		t.Error("the empty --out file was left behind")
	}
}

func TestCA(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "x.pem")
	os.WriteFile(bad, []byte("nothing"), 0o600)
	expect(t, runWith(t, "", nil, "read", "--ca", bad, link), 2, "onetime: --ca: '"+bad+"' holds no PEM certificate (-----BEGIN CERTIFICATE-----).")
}

func TestTTL(t *testing.T) {
	for text, want := range map[string]string{"30m": "30m", "1h": "1h", "7D": "7d", "48h": "2d", "90m": "90m"} {
		d, err := parseTTL(text)
		if err != nil || formatTTL(d) != want {
			t.Errorf("%s: %v %v", text, formatTTL(d), err)
		}
	}
	for _, text := range []string{"", "m", "0m", "-1h", "1.5h", "1w", "100001d", " 1h"} {
		if _, err := parseTTL(text); err == nil {
			t.Errorf("%q accepted", text)
		}
	}
}

func TestTerminalEscapes(t *testing.T) {
	got, n := escapeForTerminal([]byte("a\tb\nc\x1b[31m\u202e\xc3(\\"))
	if got != "a\tb\nc\\x1b[31m\\u202e\\xc3(\\" || n != 3 {
		t.Errorf("%q %d", got, n)
	}
	if got, n := escapeForTerminal([]byte("\xe2\x82(")); got != `\xe2\x82(` || n != 1 {
		t.Errorf("maximal subpart: %q %d", got, n)
	}
}

func TestGen(t *testing.T) {
	r := runWith(t, "", nil, "gen", "--length", "40", "--no-symbols")
	if r.code != 0 || len(strings.TrimSpace(r.stdout)) != 40 || strings.ContainsAny(r.stdout, passwordSymbols) {
		t.Fatalf("%+v", r)
	}
}
