import { describe, expect, it } from "vitest";
import { randomBytes } from "./bytes.js";
import { bucketSize, deriveKeys, EnvelopeOpenError, largestMessage, open, pad, seal, textPayload, unpad } from "./envelope.js";

const fewIterations = 1_000; // the real 600 000 run in vectors.spec.ts; here only the shape matters

describe("bucketSize", () => {
  it.each([
    [5, 256],
    [256, 256],
    [257, 512],
    [65_536, 65_536],
    [65_537, 131_072],
    [983_040, 983_040],
    [983_041, 1_048_576],
  ])("n = %i gives %i", (n, bucket) => {
    expect(bucketSize(n)).toBe(bucket);
  });
});

describe("largestMessage", () => {
  it.each([
    [1_048_576, 983_036], // the server's default 1 MiB: bucket 983040 (protos/README.md)
    [65_536 + 29, 65_532], // exactly the last doubling bucket
    [65_536 + 28, 32_764], // one byte short of it: the bucket below
    [131_072 + 29, 131_068], // a linear bucket
    [256 + 29, 252], // the smallest blob (285 bytes) holds the smallest bucket
    [284, 0], // not even that
  ])("a %i-byte blob limit holds M up to %i bytes", (limit, largest) => {
    expect(largestMessage(limit)).toBe(largest);
  });

  it("gives an M whose blob is within the limit, and one more byte is not", () => {
    for (const limit of [300, 5_000, 100_000, 200_000, 1_048_576]) {
      const largest = largestMessage(limit);
      const blob = (m: number) => 1 + 12 + bucketSize(4 + m) + 16;

      expect(blob(largest)).toBeLessThanOrEqual(limit);
      expect(blob(largest + 1)).toBeGreaterThan(limit);
    }
  });
});

describe("pad / unpad", () => {
  it("round-trips and hides the length inside the bucket", () => {
    const short = pad(new Uint8Array(6).fill(1));
    const longer = pad(new Uint8Array(40).fill(1));

    expect(short.length).toBe(256);
    expect(longer.length).toBe(256);
    expect(unpad(short)).toEqual(new Uint8Array(6).fill(1));
  });

  it("rejects a length prefix past the bucket", () => {
    const padded = pad(new Uint8Array(3));
    padded[3] = 253; // len(M) = 253 > B - 4 = 252

    expect(() => unpad(padded)).toThrow(EnvelopeOpenError);
  });

  it("rejects a non-zero padding byte", () => {
    const padded = pad(new Uint8Array(3));
    padded[200] = 1;

    expect(() => unpad(padded)).toThrow(EnvelopeOpenError);
  });
});

describe("seal / open", () => {
  it("opens what it sealed, with a fresh nonce each time", async () => {
    const keys = await deriveKeys(randomBytes(32));

    const first = await seal(keys, textPayload("hunter2"));
    const second = await seal(keys, textPayload("hunter2"));

    expect(first.subarray(1, 13)).not.toEqual(second.subarray(1, 13));
    expect((await open(keys, first)).content).toEqual({ case: "text", value: "hunter2" });
  });

  it("fails authentication with a wrong passphrase and shows nothing", async () => {
    const key = randomBytes(32);
    const blob = await seal(await deriveKeys(key, "right", fewIterations), textPayload("s3cret"));

    const error = await open(await deriveKeys(key, "wrong", fewIterations), blob).catch((e: unknown) => e);

    expect((error as EnvelopeOpenError).reason).toBe("authentication_failed");
  });

  it("gives a different auth token for a different passphrase, so the server finds nothing", async () => {
    const key = randomBytes(32);

    const [a, b, none] = await Promise.all([deriveKeys(key, "a", fewIterations), deriveKeys(key, "b", fewIterations), deriveKeys(key)]);

    expect(a.authToken).not.toEqual(b.authToken);
    expect(a.authToken).not.toEqual(none.authToken);
  });

  it("refuses an empty passphrase and a short key", async () => {
    await expect(deriveKeys(randomBytes(32), "")).rejects.toThrow(RangeError);
    await expect(deriveKeys(randomBytes(31))).rejects.toThrow(RangeError);
  });
});
