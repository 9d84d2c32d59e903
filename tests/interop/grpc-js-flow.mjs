// Drives the full secret life cycle through @grpc/grpc-js, a gRPC implementation we did not write:
//   node grpc-js-flow.mjs 127.0.0.1:5081
// Exits 0 when every step behaves as the contract says; otherwise prints the failed step and exits 1.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import path from "node:path";
import assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";

const target = process.argv[2];
if (!target) {
  console.error("usage: node grpc-js-flow.mjs HOST:PORT");
  process.exit(2);
}

const protos = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../protos");
const definition = protoLoader.loadSync("onetime/v1/secrets.proto", { includeDirs: [protos], defaults: true });
const { SecretService } = grpc.loadPackageDefinition(definition).onetime.v1;

const plain = new SecretService(target, grpc.credentials.createInsecure());
// A second channel that compresses its requests with gzip, to prove grpc-encoding interop.
const gzip = new SecretService(target, grpc.credentials.createInsecure(), {
  "grpc.default_compression_algorithm": 2,
});

const call = (client, method, request) =>
  new Promise((resolve, reject) =>
    client[method](request, { deadline: Date.now() + 10_000 }, (error, response) =>
      error ? reject(error) : resolve(response)));

const rejects = async (promise, code) => {
  const error = await promise.then(() => null, (e) => e);
  assert.ok(error, `expected status ${code}, got a response`);
  assert.equal(error.code, code, `expected status ${code}, got ${error.code}: ${error.details}`);
};

const token = randomBytes(32);
const ciphertext = randomBytes(4096);

const stored = await call(gzip, "Store", { ciphertext, authToken: token, ttl: { seconds: 600 } });
assert.match(stored.id, /^[A-Za-z0-9_-]{22}$/, "id is 22 base64url characters");
const expires = Number(stored.expiresAt.seconds) * 1000;
assert.ok(Math.abs(expires - (Date.now() + 600_000)) < 60_000, "expires_at is about ttl from now");

const probe = await call(plain, "Exists", { id: stored.id, authToken: token });
assert.equal(probe.exists, true, "Exists before reading");

await rejects(call(plain, "Retrieve", { id: stored.id, authToken: randomBytes(32) }), grpc.status.NOT_FOUND);

const read = await call(plain, "Retrieve", { id: stored.id, authToken: token });
assert.ok(Buffer.compare(read.ciphertext, ciphertext) === 0, "Retrieve returns the stored bytes");

await rejects(call(plain, "Retrieve", { id: stored.id, authToken: token }), grpc.status.NOT_FOUND);
const after = await call(plain, "Exists", { id: stored.id, authToken: token });
assert.equal(after.exists, false, "Exists after reading");

await rejects(call(plain, "Store", { ciphertext, authToken: token, ttl: { seconds: 1 } }), grpc.status.INVALID_ARGUMENT);
await rejects(call(plain, "Retrieve", { id: "not-an-id", authToken: token }), grpc.status.INVALID_ARGUMENT);

plain.close();
gzip.close();
console.log("grpc-js flow: Store (gzip) -> Exists -> wrong token -> Retrieve -> NOT_FOUND -> bad inputs: ok");
