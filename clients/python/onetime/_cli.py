"""The `onetime` command (python -m onetime): send, read, status, burn, request and gen, with the C# CLI's flags,
messages and exit codes (clients/csharp/OneTime.Cli). Every failure is one line on stderr, `onetime: <message>`,
and never a traceback, a secret, a key or a link."""

from __future__ import annotations

import argparse
import os
import re
import secrets
import string
import sys
from datetime import datetime, timedelta, timezone
from typing import List, Optional

from . import _confirmation, _links
from ._client import Client
from ._terminal import (
    UsageError,
    create_out_file,
    discard_out_file,
    passphrase_for_link,
    passphrase_for_send,
    read_secret,
    resolve_link,
    shown,
    write_secret,
)
from ._types import ConfirmationDelivery, ConfirmationState, Limits, Secret, SecretState
from .errors import (
    OneTimeError,
    RateLimitedError,
    RequestKeyNotFoundError,
    SecretNotFoundError,
    SecureConnectionError,
    ServiceUnavailableError,
    StoreFullError,
)

OK, FAILURE, USAGE, NOT_FOUND, UNREACHABLE, TRY_LATER, KEY_NOT_HERE = 0, 1, 2, 3, 4, 5, 6

HOST_VARIABLE = "ONETIME_HOST"
GRPC_VARIABLE = "ONETIME_GRPC"
DEFAULT_HOST = "http://localhost:5080"  # the server's local Web endpoint
TLS_HINT = " For a server with a private CA, pass that CA's certificate with --ca FILE (PEM)."
CALL_TIMEOUT = 30.0

# --- Helpers ---------------------------------------------------------------------------------------------------


def _host(value: Optional[str]) -> str:
    host = value or os.environ.get(HOST_VARIABLE) or DEFAULT_HOST
    if not re.match(r"https?://[^/?#]+", host):
        raise UsageError(f"Invalid --host '{host}': expected an http:// or https:// URL.")
    return host


def _grpc(value: Optional[str]) -> Optional[str]:
    grpc_url = value or os.environ.get(GRPC_VARIABLE) or None
    if grpc_url is not None and not re.match(r"https?://[^/?#]+", grpc_url):
        raise UsageError(f"Invalid --grpc '{grpc_url}': expected an http:// or https:// URL.")
    return grpc_url


def _ca(path: Optional[str]) -> Optional[bytes]:
    if path is None:
        return None
    full = os.path.abspath(path)
    try:
        with open(full, "rb") as f:
            pem = f.read()
    except OSError as error:
        raise UsageError(f"--ca: cannot read a PEM certificate from '{full}' ({error.strerror}).") from None
    if b"-----BEGIN CERTIFICATE-----" not in pem:
        raise UsageError(f"--ca: '{full}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).")
    return pem


def _client(args: argparse.Namespace, host: Optional[str] = None) -> Client:
    return Client(_host(host), grpc_url=_grpc(args.grpc), ca=_ca(getattr(args, "ca", None)), timeout=CALL_TIMEOUT)


def _time(value: Optional[datetime]) -> str:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if value else "unknown"


def parse_ttl(text: str) -> timedelta:
    """"--ttl 30m|1h|7d": a whole number and one unit."""
    match = re.fullmatch(r"([0-9]+)([mhdMHD])", text)
    value = int(match.group(1)) if match else 0
    if not match or not 0 < value <= 100_000:
        raise UsageError(f"Invalid --ttl '{text}': use a number and m, h or d (e.g. 30m, 1h, 7d).")
    unit = match.group(2).lower()
    return timedelta(minutes=value) if unit == "m" else timedelta(hours=value) if unit == "h" else timedelta(days=value)


def format_ttl(ttl: timedelta) -> str:
    """The shortest exact spelling in --ttl's units: 7d, 36h, 90m (seconds rounded up to minutes)."""
    seconds = ttl.total_seconds()
    if seconds % 86400 == 0:
        return f"{int(seconds // 86400)}d"
    if seconds % 3600 == 0:
        return f"{int(seconds // 3600)}h"
    return f"{int(-(-seconds // 60))}m"


def _check_ttl(text: str, ttl: timedelta, limits: Limits) -> timedelta:
    if limits.min_ttl <= ttl <= limits.max_ttl:
        return ttl
    raise UsageError(
        f"Invalid --ttl '{text}': this server keeps secrets from {format_ttl(limits.min_ttl)} to {format_ttl(limits.max_ttl)}."
    )


def _check_views(views: int, limits: Limits) -> int:
    if views <= limits.max_views:
        return views
    if limits.max_views == 1:
        raise UsageError(f"Invalid --views {views}: this server allows only 1 view per secret.")
    raise UsageError(f"Invalid --views {views}: this server allows 1 to {limits.max_views} views.")


DEFAULT_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH = 24, 8, 1024
# Symbols leave out quotes, backslash, backtick and space so the result pastes into shells unquoted.
_SYMBOLS = "!#$%&()*+,-./:;<=>?@[]^_{|}~"


def generate_password(length: int, symbols: bool) -> str:
    if not MIN_PASSWORD_LENGTH <= length <= MAX_PASSWORD_LENGTH:
        raise UsageError(f"--length must be between {MIN_PASSWORD_LENGTH} and {MAX_PASSWORD_LENGTH}.")
    alphabet = string.ascii_uppercase + string.ascii_lowercase + string.digits + (_SYMBOLS if symbols else "")
    return "".join(secrets.choice(alphabet) for _ in range(length))


def _err(message: str) -> None:
    print(message, file=sys.stderr)


# --- Commands --------------------------------------------------------------------------------------------------


def cmd_send(args: argparse.Namespace) -> int:
    host = _host(args.host)
    if args.file is not None and args.generate:
        raise UsageError("Use either --file or --generate, not both.")
    request = None
    if args.to is not None:
        if args.passphrase:
            raise UsageError("--passphrase does not apply to --to: only the requester's key opens a reply.")
        request = Client.parse_request(args.to.strip())
        _err(
            (f"Asked for: {shown(request.note)}\n" if request.note is not None else "")
            + f"Fingerprint: {request.fingerprint}\n"
            + "Compare it with the one the requester reads out to you over another channel (a call); send only if they match."
        )
    ttl = None if args.ttl is None else parse_ttl(args.ttl)
    if request is not None and args.views is not None:
        raise UsageError("--views does not go with --to: a reply opens once, for the requester.")
    if args.views is not None and args.views < 1:
        raise UsageError(f"Invalid --views {args.views}: a secret is read at least once.")

    if args.file is not None:
        try:
            with open(args.file, "rb") as f:
                data = f.read()
        except OSError as error:
            raise OneTimeError(f"Cannot read '{os.path.abspath(args.file)}' ({error.strerror}).") from None
        secret = Secret.from_file(data, os.path.basename(args.file))
    elif args.generate:
        secret = Secret.from_text(generate_password(DEFAULT_PASSWORD_LENGTH, symbols=True))
    else:
        secret = read_secret()

    with _client(args, host) as client:
        if request is not None:
            reply = client.reply(request.link, secret, ttl=ttl)
            if args.generate:
                _err("Generated password (shown once): " + (secret.text or ""))
            _err("Send this reply link back to the requester. Only their key opens it, once; you cannot.")
            print(reply.link)
            return OK
        # The server's range before the passphrase is asked for and anything is encrypted; the size is checked
        # once encrypted, still before uploading (Client.send).
        limits = client.get_limits()
        checked_ttl = None if ttl is None else _check_ttl(args.ttl, ttl, limits)
        views = _check_views(args.views or 1, limits)
        passphrase = passphrase_for_send(args.passphrase)
        sent = client.send(secret, ttl=checked_ttl, views=views, passphrase=passphrase)
        if args.generate:
            _err("Generated password (shown once): " + (secret.text or ""))
        print(sent.link)
        return OK


def _say_views_left(secret: Secret) -> None:
    left = secret.views_left or 0
    if left > 0:
        _err("onetime: the link can be read 1 more time." if left == 1 else f"onetime: the link can be read {left} more times.")


# The C# CLI's wording (ReadConfirmationText.cs), which every CLI reuses.
_AFTER_LAST_VIEW = {
    ConfirmationDelivery.UNSUPPORTED: "onetime: the sender could not be told you read it: this server does not take read confirmations.",
    ConfirmationDelivery.FAILED: "onetime: the sender could not be told you read it: the server did not keep the confirmation.",
}


def _say_confirmation(secret: Secret, note: Optional[str]) -> None:
    """On stderr, so stdout stays the secret alone: the last view says whether the sender was told of the read."""
    delivery = secret.confirmation_delivery
    if delivery is ConfirmationDelivery.DELIVERED:
        _err("onetime: the sender was told you read it (confirmed, with your note)." if note else "onetime: the sender was told you read it (confirmed).")
    elif delivery in _AFTER_LAST_VIEW:
        _err(_AFTER_LAST_VIEW[delivery])
    elif note:  # views remain: only the last view of a secret link confirms
        _err("onetime: the note was not sent: only the last view confirms a read.")


def cmd_read(args: argparse.Namespace) -> int:
    _confirmation.check_note(args.note)  # before the passphrase is asked for and anything is read
    link = resolve_link(args.link)
    with _client(args) as client:
        passphrase = passphrase_for_link(link, client)
        if args.out is None:
            secret = client.read(link, passphrase, note=args.note)
            write_secret(secret, args.raw)
            _say_views_left(secret)
            _say_confirmation(secret, args.note)
            return OK
        # Created before the read: a secret that cannot be saved must not be consumed.
        fd = create_out_file(args.out)
        try:
            secret = client.read(link, passphrase, note=args.note)
        except BaseException:
            discard_out_file(fd, args.out)
            raise
        with os.fdopen(fd, "wb") as f:
            f.write(secret.content)
        _say_views_left(secret)
        _say_confirmation(secret, args.note)
        return OK


def cmd_status(args: argparse.Namespace) -> int:
    link = resolve_link(args.link)
    with _client(args) as client:
        status = client.status(link, passphrase_for_link(link, client))
    if status.state is SecretState.WAITING:
        views = "1 view left" if status.views_left == 1 else f"{status.views_left} views left"
        last = f", last read {_time(status.read_at)}" if status.read_at else ""
        print(f"waiting, {views}, expires {_time(status.expires_at)}{last}")
        return OK
    if status.state is SecretState.READ:
        # Not an error, but no longer readable: the same exit code as gone, so `status && ...` means "still there".
        print(_read_line(status.read_at, status.confirmation))
        if status.reader_note is not None:
            print("note: " + shown(status.reader_note))
        return NOT_FOUND
    raise SecretNotFoundError("Gone: expired, burned, read, or the link or passphrase is wrong.")


def _read_line(read_at: Optional[datetime], confirmation: ConfirmationState) -> str:
    """protos/README.md "Checking one": the reader's client's word, the server's alone, or a word that does not hold."""
    when = _time(read_at)
    if confirmation is ConfirmationState.CONFIRMED:
        return f"read at {when}, confirmed by the reader's client"
    if confirmation is ConfirmationState.INVALID:
        return f"read at {when} says the server, but its confirmation does not verify"
    return f"read at {when}: the server says so, unconfirmed"


def cmd_burn(args: argparse.Namespace) -> int:
    link = resolve_link(args.link)
    with _client(args) as client:
        client.burn(link, passphrase_for_link(link, client))
    _err("Burned: the link no longer works.")
    return OK


def cmd_request(args: argparse.Namespace) -> int:
    if (args.forget is not None) + bool(args.list) + (args.note is not None) > 1:
        raise UsageError("Use one of --note, --list and --forget.")
    with _client(args, args.host) as client:
        if args.forget is not None:
            if not client.forget_request(args.forget):
                _err(f"onetime: no request {shown(args.forget)} is kept here (see onetime request --list).")
                return KEY_NOT_HERE
            _err(f"Forgot request {args.forget}: its replies can no longer be opened.")
            return OK
        if args.list:
            for request in client.list_requests():
                print(f"{request.key_id}  {_time(request.created_at)}  {request.fingerprint}  {shown(request.note or '')}")
            return OK
        request = client.create_request(args.note)
    print(request.link)
    _err(
        f"Fingerprint: {request.fingerprint}\n"
        "Read it out to the sender over another channel than the one carrying the link (a call, a video meeting): "
        "`onetime send --to` and the web page show them the fingerprint of the link they received. If the two differ, "
        "the link was swapped on its way: they must not send.\n"
        f"The key that opens the reply is kept here for 30 days as {request.key_id} (onetime request --forget {request.key_id})."
    )
    return OK


def cmd_gen(args: argparse.Namespace) -> int:
    print(generate_password(args.length, symbols=not args.no_symbols))
    return OK


# --- Parser ----------------------------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """Parse errors as one line and exit 2, as the C# CLI."""

    def error(self, message: str) -> "NoReturn":  # type: ignore[name-defined]
        raise UsageError(f"{message[0].upper()}{message[1:]} (see 'onetime --help')")


def _views(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"Cannot parse argument '{text}' for option '--views' as a whole number.")


def build_parser() -> argparse.ArgumentParser:
    root = _Parser(prog="onetime", description="Share secrets as one-time links. Encrypts locally: the server only ever sees ciphertext.")
    commands = root.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    link_help = (
        "The one-time link, or '-' to read it from stdin. Without it: piped stdin, else $ONETIME_LINK. "
        "An argument lands in shell history and the process list; prefer stdin or the variable."
    )
    grpc_help = f"Native gRPC address when it differs from the link's base URL (default: ${GRPC_VARIABLE}, else the base URL)."
    ca_help = "Trust only this CA (a PEM file) for the server's TLS certificate, e.g. a private CA."
    host_help = f"The OneTime server's base URL (default: ${HOST_VARIABLE}, else {DEFAULT_HOST})."
    symmetry = "Accepted for symmetry: a passphrase is asked for whenever the link requires one."

    send = commands.add_parser("send", help="Encrypt a secret (stdin, $ONETIME_SECRET or a prompt) and print its one-time link.")
    send.add_argument("--file", metavar="PATH", help="Send this file (any type, byte for byte) instead of text.")
    send.add_argument("--ttl", help="How long the secret waits unread: 30m, 1h, 7d... Default and range are the server's.")
    send.add_argument("--views", type=_views, help="How many times the link can be read, 1 (default) up to the server's limit.")
    send.add_argument(
        "--passphrase",
        action="store_true",
        help="Also require a passphrase, prompted twice without echo. When $ONETIME_PASSPHRASE is set, it is the passphrase.",
    )
    send.add_argument("--generate", action="store_true", help="Send a freshly generated password and show it once on stderr.")
    send.add_argument("--host", help=host_help)
    send.add_argument("--grpc", metavar="URL", help=grpc_help)
    send.add_argument("--ca", metavar="PEM", help=ca_help)
    send.add_argument("--to", metavar="REQUEST_LINK", help="Answer a request: encrypt to the key in this request link.")
    send.set_defaults(run=cmd_send)

    read = commands.add_parser("read", help="Read a secret, taking one of its views; after the last one the link stops working.")
    read.add_argument("link", nargs="?", help=link_help)
    read.add_argument("--out", metavar="FILE", help="Write the secret to this new file (created 0600, never overwritten).")
    read.add_argument("--raw", action="store_true", help="Write the exact bytes to a terminal too.")
    read.add_argument(
        "--note",
        metavar="TEXT",
        help="For the sender, up to 200 bytes, sealed in the read confirmation sent after the last view (only the link's key opens it).",
    )
    read.add_argument("--passphrase", action="store_true", help=symmetry)
    read.add_argument("--grpc", metavar="URL", help=grpc_help)
    read.add_argument("--ca", metavar="PEM", help=ca_help)
    read.set_defaults(run=cmd_read)

    status = commands.add_parser(
        "status",
        help="Tell whether a secret is waiting, was read (when, and whether the reader's client confirmed it), or is gone, without reading it.",
    )
    burn = commands.add_parser("burn", help="Destroy a secret now, whatever views it has left, without reading it.")
    for command, run in ((status, cmd_status), (burn, cmd_burn)):
        command.add_argument("link", nargs="?", help=link_help)
        command.add_argument("--passphrase", action="store_true", help=symmetry)
        command.add_argument("--grpc", metavar="URL", help=grpc_help)
        command.add_argument("--ca", metavar="PEM", help=ca_help)
        command.set_defaults(run=run)

    request = commands.add_parser("request", help="Ask someone for a secret: print a request link to send them.")
    request.add_argument("--note", help="What you ask for, up to 200 bytes. It travels in the link, unencrypted.")
    request.add_argument("--list", action="store_true", help="List the requests whose keys are kept here.")
    request.add_argument("--forget", metavar="KEY_ID", help="Delete the key of request KEY_ID.")
    request.add_argument("--host", "--server", dest="host", help=host_help)
    request.add_argument("--grpc", metavar="URL", help=grpc_help)
    request.set_defaults(run=cmd_request)

    gen = commands.add_parser("gen", help="Generate a random password.")
    gen.add_argument("--length", type=int, default=DEFAULT_PASSWORD_LENGTH, help="Number of characters (8 to 1024).")
    gen.add_argument("--no-symbols", action="store_true", help="Letters and digits only.")
    gen.set_defaults(run=cmd_gen)
    return root


def report(error: BaseException) -> int:
    """The one place where a failure becomes an exit code and a single line on stderr."""
    if isinstance(error, (UsageError, ValueError)):
        code, message = USAGE, str(error)
    elif isinstance(error, SecretNotFoundError):
        code, message = NOT_FOUND, str(error)
    elif isinstance(error, RequestKeyNotFoundError):
        code, message = KEY_NOT_HERE, str(error)
    elif isinstance(error, ServiceUnavailableError):
        code, message = UNREACHABLE, str(error)
    elif isinstance(error, (RateLimitedError, StoreFullError)):
        code, message = TRY_LATER, str(error)
    elif isinstance(error, SecureConnectionError):
        code, message = FAILURE, str(error) + TLS_HINT
    elif isinstance(error, OneTimeError):
        code, message = FAILURE, str(error)
    elif isinstance(error, KeyboardInterrupt):
        code, message = FAILURE, "Cancelled."
    elif isinstance(error, OSError):
        code, message = FAILURE, f"{error.strerror or type(error).__name__}."
    else:
        code, message = FAILURE, f"Unexpected error ({type(error).__name__})."
    _err("onetime: " + message)
    return code


def main(argv: Optional[List[str]] = None) -> int:
    # grpc-core writes its own log lines to stderr ("E1205 ... Handshake failed"); the CLI's stderr is one line per
    # failure, said in its own words. Read when grpc is first imported, which happens with the first Client.
    os.environ.setdefault("GRPC_VERBOSITY", "NONE")
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except SystemExit as exit_:  # --help
        return exit_.code if isinstance(exit_.code, int) else OK
    except BaseException as error:  # noqa: BLE001 - every failure is one line, never a traceback
        return report(error)
