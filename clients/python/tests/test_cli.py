"""The CLI as a user runs it (python -m onetime in a subprocess): flags, messages and exit codes as the C# CLI,
against nothing (usage errors, unreachable) or the in-process server."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import grpc
import pytest

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
VALID = "http://127.0.0.1:1/s#1.AAECAwQFBgcICQoLDA0ODw.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"
REPLY = (
    "https://onetime.example/s#1r.AAECAwQFBgcICQoLDA0ODw."
    "BB8UAUa_sbJR-E9N2-DUzc_Xev2YSpUg41eUAh-DErue7JlaCLH6dwTfPcwLUKlmUmP7dxH5X5-KRJxQluR8iSs.SHSx664cBl7n"
)


@pytest.fixture
def home(tmp_path):
    return tmp_path


def run(args, home, stdin=b"", env=None, cwd=None):
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(PACKAGE_ROOT),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "ONETIME_HOST": "https://onetime.example",
    }
    environment.update(env or {})
    done = subprocess.run(
        [sys.executable, "-m", "onetime", *args], input=stdin, capture_output=True, env=environment, cwd=cwd or home, timeout=60
    )
    assert b"Traceback" not in done.stderr
    return done.returncode, done.stdout, done.stderr.decode()


def one_line(stderr):
    assert stderr.count("\n") == 1, stderr
    return stderr.rstrip("\n")


def test_malformed_link_exit_2(home):
    code, out, err = run(["read", "https://onetime.example/s#1.short.key"], home)
    assert (code, out) == (2, b"")
    assert one_line(err) == "onetime: This is not a valid OneTime link ({base URL}/s#1.{id}.{key}); was it cut short when copied?"


def test_malformed_link_from_stdin_exit_2_without_echoing_it(home):
    code, _, err = run(["status", "-"], home, stdin=b"https://onetime.example/s#1.AAAA.secretkeymaterial\n")
    assert code == 2 and "secretkeymaterial" not in err


@pytest.mark.parametrize("command", [["read", VALID], ["status", VALID], ["burn", VALID]])
def test_unreachable_exit_4(home, command):
    code, _, err = run(command, home)
    assert code == 4
    assert one_line(err) == "onetime: The OneTime service is unavailable (cannot connect to http://127.0.0.1:1)."
    assert "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8" not in err


def test_unreachable_send_exit_4(home):
    code, _, err = run(["send", "--host", "http://127.0.0.1:1"], home, stdin=b"s3cret")
    assert code == 4 and "cannot connect to http://127.0.0.1:1" in err and "s3cret" not in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["send", "--ttl", "5x"], "onetime: Invalid --ttl '5x': use a number and m, h or d (e.g. 30m, 1h, 7d)."),
        (["send", "--views", "0"], "onetime: Invalid --views 0: a secret is read at least once."),
        (["send", "--file", "x", "--generate"], "onetime: Use either --file or --generate, not both."),
        (["send", "--host", "ftp://x"], "onetime: Invalid --host 'ftp://x': expected an http:// or https:// URL."),
        (["send", "--to", "https://onetime.example/r#1.nope"], None),
        (["read"], "onetime: No link: pipe it in (onetime read - < link.txt), set ONETIME_LINK, or give it as an argument (which shell history keeps)."),
        (["read", "-"], "onetime: No link on stdin."),
        (["request", "--note", "a", "--list"], "onetime: Use one of --note, --list and --forget."),
        (["gen", "--length", "4"], "onetime: --length must be between 8 and 1024."),
        (["bogus"], None),
        ([], None),
    ],
)
def test_usage_errors_exit_2(home, args, message):
    code, out, err = run(args, home)
    assert code == 2 and out == b""
    line = one_line(err)
    assert line.startswith("onetime: ")
    if message:
        assert line == message


def test_reply_without_its_key_exit_6(home):
    code, _, err = run(["read", REPLY], home)
    assert code == 6
    assert one_line(err) == (
        "onetime: This reply opens only where the request was made: its key is not kept here (the request was made on "
        "another machine or account, forgotten, or more than 30 days ago). Nothing was read."
    )


def test_a_request_link_given_to_read(home):
    code, _, err = run(["request", "--note", "db"], home)
    assert code == 0
    code, out, _ = run(["request", "--note", "db"], home)
    code, _, err = run(["read", out.decode().strip()], home)
    assert code == 2 and "This is a request link" in err


def test_gen(home):
    code, out, _ = run(["gen", "--length", "32", "--no-symbols"], home)
    assert code == 0 and len(out.strip()) == 32 and out.strip().isalnum()


# --- Against the in-process server --------------------------------------------------------------------------------


@pytest.fixture
def env(server):
    return {"ONETIME_GRPC": server.url}


def test_send_read_status_round_trip(home, env):
    code, out, err = run(["send", "--views", "3"], home, stdin=b"team wifi: hunter2", env=env)
    assert code == 0 and err == ""
    link = out.decode()
    assert link.endswith("\n") and link.count("\n") == 1 and link.startswith("https://onetime.example/s#1.")
    code, out, err = run(["read", "-"], home, stdin=link.encode(), env=env)
    assert (code, out) == (0, b"team wifi: hunter2")
    assert err == "onetime: the link can be read 2 more times.\n"
    code, out, _ = run(["status"], home, env={**env, "ONETIME_LINK": link})
    assert code == 0 and out.decode().startswith("waiting, 2 views left, expires ") and ", last read " in out.decode()
    code, out, err = run(["read", link.strip()], home, env=env)
    assert code == 0 and err == "onetime: the link can be read 1 more time.\n"
    code, out, err = run(["read", link.strip()], home, env=env)
    assert (code, out, err) == (0, b"team wifi: hunter2", "onetime: the sender was told you read it (confirmed).\n")
    code, out, err = run(["read", link.strip()], home, env=env)
    assert code == 3 and one_line(err).startswith("onetime: The secret does not exist")
    code, out, _ = run(["status", link.strip()], home, env=env)
    assert code == 3 and out.decode().startswith("read at ")


def test_binary_stdin_is_sent_as_a_file_and_read_byte_for_byte(home, env):
    data = bytes(range(256))
    _, out, _ = run(["send"], home, stdin=data, env=env)
    code, read, _ = run(["read", out.decode().strip()], home, env=env)
    assert (code, read) == (0, data)


def test_file_and_out(home, env, tmp_path):
    source = tmp_path / "id_ed25519"
    source.write_bytes(os.urandom(900 * 1024))
    code, out, _ = run(["send", "--file", str(source)], home, env=env)
    assert code == 0
    link = out.decode().strip()
    existing = tmp_path / "exists"
    existing.write_bytes(b"")
    code, _, err = run(["read", link, "--out", str(existing)], home, env=env)
    assert code == 2 and one_line(err) == f"onetime: --out: '{existing}' already exists; nothing was read."
    target = tmp_path / "saved"
    code, out, _ = run(["read", link, "--out", str(target)], home, env=env)
    assert code == 0 and out == b"" and target.read_bytes() == source.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    gone = tmp_path / "gone"
    code, _, _ = run(["read", link, "--out", str(gone)], home, env=env)
    assert code == 3 and not gone.exists()


def test_passphrase_from_the_environment(home, env):
    code, out, err = run(["send"], home, stdin=b"pp", env={**env, "ONETIME_PASSPHRASE": "tab\there"})
    assert code == 0 and err == "onetime: protected with $ONETIME_PASSPHRASE; the reader needs that passphrase too.\n"
    link = out.decode().strip()
    assert "#1p." in link
    code, _, err = run(["read", link], home, env={**env, "ONETIME_PASSPHRASE": "tab here"})
    assert code == 3
    assert err.splitlines()[0] == "onetime: this link needs a passphrase. 10 wrong passphrases, from anyone, destroy the secret."
    code, out, _ = run(["read", link], home, env={**env, "ONETIME_PASSPHRASE": "tab\there"})
    assert (code, out) == (0, b"pp")


def test_passphrase_prompt_without_terminal_names_the_variable(home, env):
    code, out, err = run(["send", "--passphrase"], home, stdin=b"x", env=env)
    # No terminal in a test run: the prompt fails naming the variable that answers it.
    if code == 2:
        assert one_line(err) == "onetime: Cannot prompt: no terminal. Set ONETIME_PASSPHRASE instead."


def test_rate_limited_exit_5(home, env, server):
    server.service.fail("GetLimits", grpc.StatusCode.RESOURCE_EXHAUSTED, "Too many", (("grpc-retry-pushback-ms", "90000"),))
    code, _, err = run(["send"], home, stdin=b"x", env=env)
    assert code == 5 and one_line(err) == "onetime: Rate limited: too many calls from this address; try again in 90 s."


def test_limits_out_of_range_exit_2(home, env):
    code, _, err = run(["send", "--views", "101"], home, stdin=b"x", env=env)
    assert code == 2 and one_line(err) == "onetime: Invalid --views 101: this server allows 1 to 100 views."
    code, _, err = run(["send", "--ttl", "31d"], home, stdin=b"x", env=env)
    assert code == 2 and one_line(err) == "onetime: Invalid --ttl '31d': this server keeps secrets from 1m to 30d."


def test_too_large_exit_1(home, env, tmp_path):
    big = tmp_path / "big"
    big.write_bytes(b"\0" * (1024 * 1024))
    code, _, err = run(["send", "--file", str(big)], home, env=env)
    assert code == 1 and "at most 1048576 bytes" in one_line(err)


def test_request_reply_and_key_files(home, env):
    code, out, err = run(["request", "--note", "the staging DB password"], home, env=env)
    assert code == 0
    request = out.decode().strip()
    fingerprint = err.splitlines()[0]
    assert fingerprint.startswith("Fingerprint: ")
    folder = home / "config" / "onetime" / "requests"
    (key_file,) = folder.iterdir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    code, out, err = run(["send", "--to", request], home, stdin=b"hunter2", env=env)
    assert code == 0
    assert err.splitlines()[:2] == ["Asked for: the staging DB password", fingerprint]
    reply = out.decode().strip()
    code, out, _ = run(["read", reply], home, env=env)
    assert (code, out) == (0, b"hunter2")
    code, out, _ = run(["request", "--list"], home, env=env)
    assert out.decode().startswith(key_file.stem + "  ") and "the staging DB password" in out.decode()
    key_file.chmod(0o644)
    code, out, _ = run(["send", "--to", request], home, stdin=b"again", env=env)
    code, _, err = run(["read", out.decode().strip()], home, env=env)
    assert code == 1 and "open to other users" in one_line(err)
    code, _, err = run(["request", "--forget", key_file.stem], home, env=env)
    assert code == 0 and err == f"Forgot request {key_file.stem}: its replies can no longer be opened.\n"
    code, _, err = run(["request", "--forget", key_file.stem], home, env=env)
    assert code == 6


def test_burn(home, env):
    _, out, _ = run(["send"], home, stdin=b"x", env=env)
    link = out.decode().strip()
    code, _, err = run(["burn", link], home, env=env)
    assert code == 0 and err == "Burned: the link no longer works.\n"
    code, _, err = run(["status", link], home, env=env)
    assert code == 3 and one_line(err) == "onetime: Gone: expired, burned, read, or the link or passphrase is wrong."


def test_runs_from_any_directory(home, env, tmp_path):
    code, out, _ = run(["send"], home, stdin=b"x", env=env, cwd="/")
    assert code == 0 and out.startswith(b"https://")


# --- Read confirmations ------------------------------------------------------------------------------------------


def _read_link(home, env, stdin=b"hunter2", *send_args):
    _, out, _ = run(["send", *send_args], home, stdin=stdin, env=env)
    return out.decode().strip()


def test_read_note_then_status_confirmed_with_the_note(home, env):
    link = _read_link(home, env)
    code, out, err = run(["read", "--note", "got it, rotating now", link], home, env=env)
    assert (code, out) == (0, b"hunter2")
    assert err == "onetime: the sender was told you read it (confirmed, with your note).\n"
    code, out, err = run(["status", link], home, env=env)
    assert code == 3 and err == ""
    first, note = out.decode().splitlines()
    assert first.startswith("read at ") and first.endswith("Z, confirmed by the reader's client")
    assert note == "note: got it, rotating now"


def test_read_without_note_is_confirmed_too(home, env):
    link = _read_link(home, env)
    code, out, err = run(["read", link], home, env=env)
    assert (code, out, err) == (0, b"hunter2", "onetime: the sender was told you read it (confirmed).\n")
    code, out, _ = run(["status", link], home, env=env)
    assert code == 3 and out.decode().count("\n") == 1 and out.decode().rstrip().endswith(", confirmed by the reader's client")


def test_status_prints_the_note_escaped_on_one_line(home, env):
    link = _read_link(home, env)
    run(["read", "--note", "ok\x1b]0;owned\x07\nline2\u202e\tend", link], home, env=env)
    _, out, _ = run(["status", link], home, env=env)
    assert out.decode().endswith("\nnote: ok\\x1b]0;owned\\x07\\x0aline2\\u202e\\x09end\n") and "\x1b" not in out.decode()


def test_status_unconfirmed_on_a_server_without_confirm_read(home, env, server):
    server.service.fail("ConfirmRead", grpc.StatusCode.UNIMPLEMENTED)
    link = _read_link(home, env)
    code, out, err = run(["read", "--note", "got it", link], home, env=env)
    assert (code, out) == (0, b"hunter2")
    assert err == "onetime: the sender could not be told you read it: this server does not take read confirmations.\n"
    code, out, _ = run(["status", link], home, env=env)
    assert code == 3 and out.decode().endswith("Z: the server says so, unconfirmed\n") and out.decode().count("\n") == 1


def test_read_on_a_server_that_keeps_no_receipt(home, env, server):
    server.service.fail("ConfirmRead", grpc.StatusCode.NOT_FOUND)
    link = _read_link(home, env)
    code, out, err = run(["read", link], home, env=env)
    assert (code, out) == (0, b"hunter2")
    assert err == "onetime: the sender could not be told you read it: the server did not keep the confirmation.\n"


def test_status_invalid_when_the_confirmation_does_not_verify(home, env, server):
    from onetime import _links

    link = _read_link(home, env)
    run(["read", link], home, env=env)
    entry = server.service.entries[_links.parse(link).id]
    entry["confirmation"] = entry["confirmation"][:-1] + bytes([entry["confirmation"][-1] ^ 1])
    code, out, _ = run(["status", link], home, env=env)
    assert code == 3 and out.decode().endswith("Z says the server, but its confirmation does not verify\n")
    assert out.decode().count("\n") == 1


def test_note_on_an_earlier_view_is_not_sent(home, env):
    link = _read_link(home, env, b"two", "--views", "2")
    code, out, err = run(["read", "--note", "early", link], home, env=env)
    assert (code, out) == (0, b"two")
    assert err.splitlines() == [
        "onetime: the link can be read 1 more time.",
        "onetime: the note was not sent: only the last view confirms a read.",
    ]


@pytest.mark.parametrize("note", ["x" * 201, "é" * 101])
def test_note_too_long_exit_2_before_reading(home, env, note):
    link = _read_link(home, env)
    code, out, err = run(["read", "--note", note, link], home, env=env)
    assert (code, out) == (2, b"") and one_line(err) == "onetime: The note is longer than 200 bytes (UTF-8)."
    code, out, _ = run(["read", link], home, env=env)
    assert (code, out) == (0, b"hunter2")


def test_note_with_a_reply_link_exit_2_before_reading(home, env):
    _, out, _ = run(["request"], home, env=env)
    _, reply, _ = run(["send", "--to", out.decode().strip()], home, stdin=b"r", env=env)
    code, _, err = run(["read", "--note", "thanks", reply.decode().strip()], home, env=env)
    assert code == 2 and one_line(err) == "onetime: A reply link sends no read confirmation, so a note cannot go with it."
    code, out, err = run(["read", reply.decode().strip()], home, env=env)
    assert (code, out, err) == (0, b"r", "")  # a reply is never confirmed, and says nothing of it


def test_request_notes_are_shown_on_one_line(home, env):
    code, out, _ = run(["request", "--note", "line1\nline2\tend"], home, env=env)
    assert code == 0
    code, err_out, err = run(["send", "--to", out.decode().strip()], home, stdin=b"x", env=env)
    assert err.splitlines()[0] == "Asked for: line1\\x0aline2\\x09end"
    _, listed, _ = run(["request", "--list"], home, env=env)
    assert listed.decode().rstrip("\n").endswith("  line1\\x0aline2\\x09end") and listed.decode().count("\n") == 1
