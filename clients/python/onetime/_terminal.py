"""What the CLI reads from and writes to the terminal, as the C# CLI's Terminal folder: the link and the secret
from stdin or the environment (never argv for a secret), prompts without echo, the secret escaped on a terminal,
and the --out file created exclusively."""

from __future__ import annotations

import getpass
import os
import sys
from typing import Optional, Tuple

from ._types import Secret


class UsageError(Exception):
    """A mistake in how the command was called: exit 2, with this message."""


LINK_VARIABLE = "ONETIME_LINK"
SECRET_VARIABLE = "ONETIME_SECRET"
PASSPHRASE_VARIABLE = "ONETIME_PASSPHRASE"
FROM_STDIN = "-"
# Links are about 100 characters; a generous cap keeps a mistaken `cat big.iso |` from filling memory.
MAX_LINK_LENGTH = 16 * 1024

_MISSING_LINK = "No link: pipe it in (onetime read - < link.txt), set ONETIME_LINK, or give it as an argument (which shell history keeps)."


def stdin_redirected() -> bool:
    try:
        return not sys.stdin.isatty()
    except (AttributeError, ValueError):
        return True


def _env(name: str) -> Optional[str]:
    value = os.environ.get(name)
    return value if value else None


def resolve_link(argument: Optional[str]) -> str:
    """The argument, else "-" or piped stdin (one line, trimmed), else ONETIME_LINK."""
    if argument is not None and argument != FROM_STDIN:
        return argument.strip()
    if argument == FROM_STDIN or stdin_redirected():
        piped = _read_link_from_stdin()
        if piped:
            return piped
        if argument == FROM_STDIN:
            raise UsageError("No link on stdin.")
    from_env = _env(LINK_VARIABLE)
    if from_env is None:
        raise UsageError(_MISSING_LINK)
    return from_env.strip()


def _read_link_from_stdin() -> str:
    data = sys.stdin.buffer.read(MAX_LINK_LENGTH + 1)
    if len(data) > MAX_LINK_LENGTH:
        raise UsageError("The input on stdin is too long to be a link.")
    text = data.decode("utf-8", "replace").strip()
    if "\n" in text:
        raise UsageError("Expected one link on stdin, found several lines.")
    return text


def hidden_prompt(prompt: str, variable: str) -> str:
    """A line from the terminal without echo (from /dev/tty when stdin is a pipe). Tab is kept: it is part of the
    passphrase, as typed anywhere else (protos/README.md "Passphrases are typed as they are")."""
    try:
        with open("/dev/tty", "rb"):
            pass
    except OSError:
        raise UsageError(f"Cannot prompt: no terminal. Set {variable} instead.") from None
    try:
        return getpass.getpass(prompt)
    except EOFError:
        return ""


def read_secret() -> Secret:
    """Piped stdin (valid UTF-8 as text, anything else as an unnamed file), else ONETIME_SECRET, else a prompt."""
    if stdin_redirected():
        data = sys.stdin.buffer.read()
        if data:  # an empty stdin (</dev/null, a CI runner) is "nothing piped"
            try:
                return Secret.from_text(data.decode("utf-8"))
            except UnicodeDecodeError:
                return Secret.from_file(data)
    from_env = _env(SECRET_VARIABLE)
    if from_env is not None:
        return Secret.from_text(from_env)
    if stdin_redirected():
        raise UsageError("Nothing to send: pipe the secret in, set ONETIME_SECRET, or use --file.")
    typed = hidden_prompt("Secret: ", SECRET_VARIABLE)
    if not typed:
        raise UsageError("Nothing to send: the secret is empty.")
    return Secret.from_text(typed)


def passphrase_for_send(flag: bool) -> Optional[str]:
    """ONETIME_PASSPHRASE, when set, is the passphrase even without --passphrase (said on stderr: the reader needs
    it); else with --passphrase, a prompt twice."""
    from_env = _env(PASSPHRASE_VARIABLE)
    if from_env is not None:
        print(f"onetime: protected with ${PASSPHRASE_VARIABLE}; the reader needs that passphrase too.", file=sys.stderr)
        return from_env
    if not flag:
        return None
    first = hidden_prompt("Passphrase: ", PASSPHRASE_VARIABLE)
    if not first:
        raise UsageError("The passphrase cannot be empty.")
    if hidden_prompt("Repeat passphrase: ", PASSPHRASE_VARIABLE) != first:
        raise UsageError("The passphrases do not match.")
    return first


def passphrase_for_link(link: str, client) -> Optional[str]:
    """Asked for only when the link says one is needed, after saying that wrong passphrases are counted."""
    if not client.requires_passphrase(link):
        return None
    limits = client.get_limits_for_link(link)
    if limits.max_wrong_attempts > 0:
        print(
            f"onetime: this link needs a passphrase. {limits.max_wrong_attempts} wrong passphrases, from anyone, destroy the secret.",
            file=sys.stderr,
        )
    return _env(PASSPHRASE_VARIABLE) or hidden_prompt("Passphrase: ", PASSPHRASE_VARIABLE)


_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def escape(data: bytes) -> Tuple[str, int]:
    """The text a terminal may show: C0 (but newline and Tab), DEL, C1 and bidirectional controls as \\x1b or
    \\u202e escapes, bytes that are not UTF-8 as \\xNN; with how many were escaped (as the C# TerminalText)."""
    out = []
    escaped = 0
    previous_invalid = False
    for ch in data.decode("utf-8", "surrogateescape"):
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8
            out.append(f"\\x{code - 0xDC00:02x}")
            escaped += 0 if previous_invalid else 1
            previous_invalid = True
            continue
        previous_invalid = False
        if ch in "\n\t":
            out.append(ch)
        elif code < 0x20 or code == 0x7F or 0x80 <= code <= 0x9F or ch in _BIDI:
            out.append(f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}")
            escaped += 1
        else:
            out.append(ch)
    return "".join(out), escaped


def shown(text: str) -> str:
    """Text someone else typed (a note, an id), shown as text on one line: no control or bidirectional character
    reaches the terminal, newline and Tab included (protos/README.md shows notes "as for file names")."""
    return escape(text.encode("utf-8", "surrogatepass"))[0].replace("\n", "\\x0a").replace("\t", "\\x09")


def write_secret(secret: Secret, raw: bool) -> None:
    """The exact bytes to a pipe or file (or with --raw); escaped, ending in a newline, on a terminal."""
    out = sys.stdout.buffer
    if raw or not sys.stdout.isatty():
        out.write(secret.content)
        out.flush()
        return
    text, escaped = escape(secret.content)
    if not text.endswith("\n"):
        text += "\n"
    out.write(text.encode("utf-8"))
    out.flush()
    if escaped:
        print(
            f"onetime: {escaped} control or non-text character(s) shown as \\x or \\u escapes; use --raw or --out for the exact bytes.",
            file=sys.stderr,
        )


def create_out_file(path: str) -> int:
    """Created before the secret is fetched, exclusively (O_EXCL: never an existing file, never a planted symlink)
    and 0600 whatever the umask: a secret that cannot be saved is never consumed."""
    full = os.path.abspath(path)
    try:
        fd = os.open(full, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileNotFoundError:
        raise UsageError(f"--out: the directory of '{full}' does not exist; nothing was read.") from None
    except OSError as error:
        if os.path.lexists(full):
            raise UsageError(f"--out: '{full}' already exists; nothing was read.") from None
        raise UsageError(f"--out: cannot create '{full}' ({error.strerror}); nothing was read.") from None
    os.fchmod(fd, 0o600)
    return fd


def discard_out_file(fd: int, path: str) -> None:
    """The secret was not read after all: the empty file goes again."""
    os.close(fd)
    try:
        os.unlink(os.path.abspath(path))
    except OSError:
        pass
