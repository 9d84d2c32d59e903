// Every vector in protos/testdata/envelope-v1.json, byte for byte: links made here read in C# and the other way round.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { PayloadSchema } from "../gen/onetime/v1/payload_pb.js";
import { fromHex, toBase64Url, toHex } from "./bytes.js";
import { baseFileName, deriveKeys, encodePayload, EnvelopeOpenError, open, pad, seal } from "./envelope.js";
import { formatLink, parseLink } from "./link.js";

const vectors = JSON.parse(readFileSync(fileURLToPath(new URL("../../../../protos/testdata/envelope-v1.json", import.meta.url)), "utf8"));

interface VectorPayload {
  text?: string;
  file?: { name: string; media_type: string; data_hex: string | null; data_length: number };
}

function payloadOf(input: VectorPayload) {
  if (input.text !== undefined) return create(PayloadSchema, { content: { case: "text", value: input.text } });
  const file = input.file!;
  // The one pattern the file uses for its large vector: byte i = (0x80 + i) mod 256.
  const data = file.data_hex !== null ? fromHex(file.data_hex) : Uint8Array.from({ length: file.data_length }, (_, i) => (0x80 + i) % 256);
  return create(PayloadSchema, { content: { case: "file", value: { name: file.name, mediaType: file.media_type, data } } });
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>)));
}

const passphraseOf = (v: { passphrase: string | null; passphrase_utf8_hex?: string | null }) =>
  v.passphrase_utf8_hex ? new TextDecoder().decode(fromHex(v.passphrase_utf8_hex)) : (v.passphrase ?? undefined);

describe("envelope-v1.json positive vectors", () => {
  for (const vector of vectors.positive) {
    it(vector.name, async () => {
      const { input, expected } = vector;
      const key = fromHex(input.key_hex);
      const message = encodePayload(payloadOf(input.payload));
      const keys = await deriveKeys(key, passphraseOf(input));
      const blob = await seal(keys, payloadOf(input.payload), fromHex(input.nonce_hex));

      expect(toBase64Url(key)).toBe(input.key_base64url);
      if (expected.payload_hex) expect(toHex(message)).toBe(expected.payload_hex);
      expect(await sha256Hex(message)).toBe(expected.payload_sha256_hex);
      expect(pad(message).length).toBe(expected.padded_length);
      expect(keys.passphraseKey ? toHex(keys.passphraseKey) : null).toBe(expected.passphrase_key_hex);
      expect(toHex(keys.encryptionKeyBytes)).toBe(expected.encryption_key_hex);
      expect(toHex(keys.authToken)).toBe(expected.auth_token_hex);
      expect(blob.length).toBe(expected.blob_length);
      if (expected.blob_hex) expect(toHex(blob)).toBe(expected.blob_hex);
      expect(await sha256Hex(blob)).toBe(expected.blob_sha256_hex);
      expect(formatLink(input.base_url, input.id, key, input.passphrase !== null)).toBe(expected.link);
      expect(expected.link.endsWith("#" + expected.fragment)).toBe(true);

      const opened = await open(keys, blob);
      expect(toHex(encodePayload(opened))).toBe(toHex(message));
    });
  }
});

describe("envelope-v1.json negative vectors", () => {
  for (const vector of vectors.negative) {
    it(vector.name, async () => {
      const keys = await deriveKeys(fromHex(vector.key_hex), vector.passphrase ?? undefined);

      expect(toHex(keys.authToken)).toBe(vector.auth_token_hex);
      const error = await open(keys, fromHex(vector.blob_hex)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EnvelopeOpenError);
      expect((error as EnvelopeOpenError).reason).toBe(vector.error);
    });
  }
});

describe("envelope-v1.json links", () => {
  for (const vector of vectors.links.valid) {
    it(`parses ${vector.link}`, () => {
      const parsed = parseLink(vector.link);

      expect(parsed).toEqual({
        baseUrl: vector.base_url,
        id: vector.id,
        key: fromHex(vector.key_hex),
        passphraseRequired: vector.passphrase_required,
      });
    });
  }

  for (const link of vectors.links.invalid as string[]) {
    it(`rejects ${link}`, () => {
      expect(parseLink(link)).toBeUndefined();
    });
  }
});

describe("envelope-v1.json rejected inputs", () => {
  const fromUtf16Hex = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
  const file = (name: string) => create(PayloadSchema, { content: { case: "file", value: { name, mediaType: "", data: new Uint8Array(1) } } });

  for (const vector of vectors.rejected_inputs as { name: string; field: string; utf16_hex: string }[]) {
    it(vector.name, async () => {
      const value = fromUtf16Hex(vector.utf16_hex);
      const attempt =
        vector.field === "passphrase"
          ? deriveKeys(new Uint8Array(32), value, 1)
          : Promise.resolve().then(() =>
              encodePayload(vector.field === "text" ? create(PayloadSchema, { content: { case: "text", value } }) : file(value)),
            );

      await expect(attempt).rejects.toThrow(RangeError);
    });
  }
});

describe("envelope-v1.json file names", () => {
  for (const vector of vectors.file_names as { given: string; sent: string }[]) {
    it(`sends ${JSON.stringify(vector.given)} as ${JSON.stringify(vector.sent)}`, () => {
      expect(baseFileName(vector.given)).toBe(vector.sent);
    });
  }
});
