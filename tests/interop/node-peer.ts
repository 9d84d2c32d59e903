// The TypeScript client (clients/web/src, @onetime/client) as a peer in the cross-language tests
// (tests/OneTime.Client.EndToEndTests/Interop), with the CLI's conventions so one harness drives every language:
//   vite-node tests/interop/node-peer.ts send [--views N] [--file PATH] [--to REQUEST_LINK]   secret on stdin
//   vite-node tests/interop/node-peer.ts read [--note TEXT]                                   link on stdin
//   vite-node tests/interop/node-peer.ts status                                               link on stdin
// The host is ONETIME_HOST, the passphrase ONETIME_PASSPHRASE (send: when set; read: when the link asks for one).
// stdout: the link, the secret's bytes (a file's data), or the status in the onetime CLI's words; errors: one line "onetime: …" on stderr and the CLI's exit
// codes (2 invalid link, 3 not found, 4 unavailable, 1 anything else). It is a test peer, not a product CLI: the
// library has no terminal front end.
import { readFileSync, readSync } from "node:fs";
import { basename } from "node:path";
import { MemoryRequestKeyStore, OneTimeClient, OneTimeError, SecretRequests, parseLink, type SecretContent } from "../../clients/web/src/index.ts";

const exitCodes: Record<string, number> = { invalid_link: 2, rejected: 2, not_found: 3, unavailable: 4, too_large: 5 };

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

// Read from the descriptor, not process.stdin's stream: vite-node ends the process when that stream emits "end".
// A pipe may be non-blocking, so EAGAIN (nothing written yet) means wait a moment and read again.
function stdin(): Buffer {
  const chunks: Buffer[] = [];
  const chunk = Buffer.alloc(65536);
  for (;;) {
    let read: number;
    try {
      read = readSync(0, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      continue;
    }
    if (read === 0) return Buffer.concat(chunks);
    chunks.push(Buffer.from(chunk.subarray(0, read)));
  }
}

async function send(args: string[]): Promise<string> {
  const host = process.env.ONETIME_HOST ?? "http://localhost:5080";
  const file = option(args, "--file");
  const content: SecretContent = file
    ? { kind: "file", name: basename(file), mediaType: "", data: readFileSync(file) }
    : { kind: "text", text: new TextDecoder("utf-8", { fatal: true }).decode(stdin()) };
  const to = option(args, "--to");
  if (to) return (await new SecretRequests({ keys: new MemoryRequestKeyStore() }).reply(to, content)).link;
  const views = option(args, "--views");
  const passphrase = process.env.ONETIME_PASSPHRASE || undefined;
  return (await new OneTimeClient({ baseUrl: host }).send(content, { views: views ? Number(views) : undefined, passphrase })).link;
}

function linkAndPassphrase(): [string, string | undefined] {
  const link = stdin().toString("utf8").trim();
  const parsed = parseLink(link);
  return [link, parsed?.passphraseRequired ? process.env.ONETIME_PASSPHRASE : undefined];
}

async function read(args: string[]): Promise<Uint8Array> {
  const [link, passphrase] = linkAndPassphrase();
  const secret = await OneTimeClient.forLink(link).read(link, passphrase, { note: option(args, "--note") });
  if (secret.viewsLeft > 0) process.stderr.write(`onetime: the link can be read ${secret.viewsLeft} more time${secret.viewsLeft === 1 ? "" : "s"}.\n`);
  if (secret.senderTold !== undefined) process.stderr.write(secret.senderTold ? "onetime: the sender was told you read it (confirmed).\n" : "onetime: the sender could not be told you read it.\n");
  return secret.kind === "file" ? secret.data : new TextEncoder().encode(secret.text);
}

// The onetime CLI's lines (clients/csharp/OneTime.Cli/Commands/StatusText.cs), exit 0 while waiting and 3 otherwise.
async function status(): Promise<number> {
  const [link, passphrase] = linkAndPassphrase();
  const status = await OneTimeClient.forLink(link).status(link, passphrase);
  const at = (date?: Date) => (date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : "unknown");
  if (status.state === "waiting") process.stdout.write(`waiting, ${status.viewsLeft} view${status.viewsLeft === 1 ? "" : "s"} left\n`);
  else if (status.state === "gone") process.stdout.write("gone\n");
  else if (status.confirmation === "confirmed") {
    process.stdout.write(`read at ${at(status.readAt)}, confirmed by the reader's client\n${status.note === undefined ? "" : `note: ${JSON.stringify(status.note)}\n`}`);
  } else if (status.confirmation === "invalid") process.stdout.write(`read at ${at(status.readAt)} says the server, but its confirmation does not verify\n`);
  else process.stdout.write(`read at ${at(status.readAt)}: the server says so, unconfirmed\n`);
  return status.state === "waiting" ? 0 : 3;
}

const [command, ...args] = process.argv.slice(2);
try {
  if (command === "send") process.stdout.write((await send(args)) + "\n");
  else if (command === "read") process.stdout.write(await read(args));
  else if (command === "status") process.exitCode = await status();
  else {
    process.stderr.write("onetime: usage: node-peer.ts send|read|status\n");
    process.exit(2);
  }
} catch (error) {
  const kind = error instanceof OneTimeError ? error.kind : "failed";
  process.stderr.write(`onetime: ${error instanceof Error ? error.message : "unexpected error"}\n`);
  process.exit(exitCodes[kind] ?? 1);
}
