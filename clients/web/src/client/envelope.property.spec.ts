// Properties of opening (protos/README.md "Blob"): any change to a valid blob fails with the typed EnvelopeOpenError
// and the reason the checks' order gives, never another exception and never plaintext; and whatever a right key
// decrypts, open returns a Payload or malformed_plaintext.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { fromHex } from "./bytes.js";
import { deriveKeys, EnvelopeOpenError, NonceSize, open, pad, TagSize, Version, type DerivedKeys, type EnvelopeError } from "./envelope.js";
import { envelopeVectors, propertyParameters, propertyTimeout } from "./property-testing.js";

interface Sealed {
  name: string;
  keys: DerivedKeys;
  blob: Uint8Array;
}

interface PositiveVector {
  name: string;
  input: { key_hex: string; passphrase: string | null };
  expected: { blob_hex: string | null };
}

const smallestBlob = 1 + NonceSize + TagSize + 4; // version, nonce, tag and the length prefix

/** What opening must report for a blob that is not the one sealed, following the order of the checks. */
function expectedError(blob: Uint8Array): EnvelopeError {
  if (blob.length === 0) return "truncated";
  if (blob[0] !== Version) return "unsupported_version";
  return blob.length < smallestBlob ? "truncated" : "authentication_failed";
}

async function openError(keys: DerivedKeys, blob: Uint8Array): Promise<unknown> {
  try {
    await open(keys, blob);
  } catch (error) {
    return error;
  }
  return undefined;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

// A change to a blob, named so that a counterexample reads as what was done ("flip byte 40 with 0x01").
interface Tamper {
  what: string;
  apply: (blob: Uint8Array) => Uint8Array;
  [fc.toStringMethod]: () => string;
}
const change = (what: string, apply: Tamper["apply"]): Tamper => ({ what, apply, [fc.toStringMethod]: () => what });
const tamper: fc.Arbitrary<Tamper> = fc.oneof(
  // one bit or byte changed anywhere: version, nonce, ciphertext or tag
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([p, x]) =>
    change(`xor byte ${p} (mod length) with ${x}`, (b) => b.map((v, i) => (i === p % b.length ? v ^ x : v))),
  ),
  fc.nat().map((n) => change(`cut to ${n} (mod length) bytes`, (b) => b.slice(0, n % b.length))),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((extra) => change(`append ${extra.length} bytes`, (b) => Uint8Array.from([...b, ...extra]))),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([p, bytes]) =>
    change(`insert ${bytes.length} bytes at ${p} (mod length)`, (b) => Uint8Array.from([...b.slice(0, p % b.length), ...bytes, ...b.slice(p % b.length)])),
  ),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 32 })).map(([p, n]) =>
    change(`delete ${n} bytes at ${p} (mod length)`, (b) => Uint8Array.from([...b.slice(0, p % b.length), ...b.slice((p % b.length) + n)])),
  ),
  fc.uint8Array({ maxLength: 600 }).map((bytes) => change(`replace with ${bytes.length} other bytes`, () => bytes)),
);

// What decryption may give: any bytes, or any M correctly padded (so the protobuf decoder sees it).
const decrypted = fc.oneof(fc.uint8Array({ minLength: 4, maxLength: 300 }), fc.uint8Array({ maxLength: 300 }).map(pad));

describe("envelope properties", () => {
  const sealed: Sealed[] = [];

  beforeAll(async () => {
    // The positive vectors small enough to carry their blob; keys derived once (a passphrase costs 600 000 rounds).
    for (const vector of envelopeVectors.positive as PositiveVector[]) {
      if (!vector.expected.blob_hex) continue;
      const keys = await deriveKeys(fromHex(vector.input.key_hex), vector.input.passphrase ?? undefined);
      sealed.push({ name: vector.name, keys, blob: fromHex(vector.expected.blob_hex) });
    }
  });

  it("starts from blobs that open", async () => {
    expect(sealed.length).toBeGreaterThan(5);
    for (const { keys, blob } of sealed) await expect(open(keys, blob)).resolves.toBeDefined();
  });

  it("fails a changed blob with the typed error and the reason the order of the checks gives", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), tamper, async (which, how) => {
        const { keys, blob } = sealed[which % sealed.length];
        const changed = how.apply(blob);
        fc.pre(!sameBytes(changed, blob));

        const error = await openError(keys, changed);

        expect(error).toBeInstanceOf(EnvelopeOpenError);
        expect((error as EnvelopeOpenError).reason).toBe(expectedError(changed));
      }),
      propertyParameters,
    );
  }, propertyTimeout);

  it("opens whatever the right key decrypts to a Payload or malformed_plaintext, nothing else", async () => {
    const { keys } = sealed[0];
    const version = new Uint8Array([Version]);
    await fc.assert(
      fc.asyncProperty(decrypted, fc.uint8Array({ minLength: NonceSize, maxLength: NonceSize }), async (padded, nonce) => {
        // A blob sealed as protos/README.md says, around bytes that need not be a padded Payload.
        const body = await crypto.subtle.encrypt({ name: "AES-GCM", iv: nonce, additionalData: version, tagLength: TagSize * 8 }, keys.encryptionKey, padded as Uint8Array<ArrayBuffer>);
        const blob = Uint8Array.from([Version, ...nonce, ...new Uint8Array(body)]);

        const error = await openError(keys, blob);

        if (error !== undefined) {
          expect(error).toBeInstanceOf(EnvelopeOpenError);
          expect((error as EnvelopeOpenError).reason).toBe("malformed_plaintext");
        }
      }),
      propertyParameters,
    );
  }, propertyTimeout);
});
