// A Node.js project that installed the packed @onetime/client tarball, as a user's would (NpmPackageTests):
//   tsc && node out/flow.js WEB_URL GRPC_URL
// Compiled first, so the package's type declarations and "exports" are checked as a TypeScript user meets them;
// then one secret over each transport: gRPC-Web (the package's default, Node's fetch) to the Web endpoint, and
// native gRPC through @connectrpc/connect-node to the Grpc endpoint. Each is stored for two views, read twice, and NotFound after,
// with its read receipt and the reader's confirmation.
// Exits 0 and prints "ok" when everything behaves as the contract says.
import assert from "node:assert/strict";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { OneTimeClient, OneTimeError, parseLink, type SecretContent } from "@onetime/client";

const [webUrl, grpcUrl] = process.argv.slice(2);
if (!webUrl || !grpcUrl) {
  console.error("usage: node out/flow.js WEB_URL GRPC_URL");
  process.exit(2);
}

async function roundTrip(client: OneTimeClient, content: SecretContent, passphrase?: string): Promise<void> {
  const limits = await client.getLimits();
  assert.ok(limits.maxViews >= 2 && limits.maxPayloadBytes > 0, "the server's limits");
  const sent = await client.send(content, { ttlSeconds: 600, passphrase, views: 2 });
  assert.ok(sent.link.startsWith(`${webUrl}/s#`), `links are built on the base URL: ${sent.link.slice(0, webUrl.length + 3)}`);
  assert.equal(parseLink(sent.link)?.passphraseRequired, passphrase !== undefined);
  assert.ok(sent.expiresAt && sent.expiresAt.getTime() > Date.now(), "the server says when it expires");

  const before = await client.exists(sent.link, passphrase);
  assert.deepEqual([before.exists, before.state, before.viewsLeft], [true, "waiting", 2], "waiting with two views");
  assert.deepEqual(await client.read(sent.link, passphrase), { ...content, viewsLeft: 1 }, "the first view reads back what was sent");
  assert.deepEqual(await client.read(sent.link, passphrase), { ...content, viewsLeft: 0, senderTold: true }, "so does the last, and tells the sender");

  const again = await client.read(sent.link, passphrase).then(() => undefined, (error: unknown) => error);
  assert.ok(again instanceof OneTimeError, `a third read fails with a OneTimeError, not ${String(again)}`);
  assert.equal(again.kind, "not_found", "the third read is NotFound");
  const after = await client.status(sent.link, passphrase);
  assert.deepEqual([after.exists, after.state, after.readAt instanceof Date], [false, "read", true], "gone, with its read receipt");
  assert.equal(after.confirmation, "confirmed", "the receipt carries the reader's confirmation");
}

// Browsers and Node.js alike: gRPC-Web over fetch, WebCrypto from globalThis.crypto.
await roundTrip(new OneTimeClient({ baseUrl: webUrl }), { kind: "text", text: "npm package, gRPC-Web: héllo 🔑" });

// Native gRPC over HTTP/2; links are still built on the public (Web) base URL.
const grpc = createGrpcTransport({ baseUrl: grpcUrl });
await roundTrip(
  new OneTimeClient({ baseUrl: webUrl, transport: grpc }),
  { kind: "file", name: "notes.txt", mediaType: "text/plain", data: new TextEncoder().encode("npm package, gRPC\n") },
  "correct horse battery staple",
);

console.log("ok");
