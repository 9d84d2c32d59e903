// Every vector in protos/testdata/request-v1.json (written by the C# generator), both ways: the values C# made are
// reproduced here from the same fixed private keys, and the blobs C# sealed open here.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { PayloadSchema } from "../gen/onetime/v1/payload_pb.js";
import { concat, fromHex, toBase64Url, toHex } from "./bytes.js";
import { deriveKeys, encodePayload, open } from "./envelope.js";
import { deriveReplyKey, EcdhP256, formatReplyLink, formatRequestLink, parseReplyLink, parseRequestLink, requestFingerprint, requestKeyId, sealReply } from "./request.js";

const vectors = JSON.parse(readFileSync(fileURLToPath(new URL("../../../../protos/testdata/request-v1.json", import.meta.url)), "utf8"));

interface VectorPayload {
  text?: string;
  file?: { name: string; media_type: string; data_hex: string | null; data_length: number };
}

function payloadOf(input: VectorPayload) {
  if (input.text !== undefined) return create(PayloadSchema, { content: { case: "text", value: input.text } });
  const file = input.file!;
  const data = file.data_hex !== null ? fromHex(file.data_hex) : Uint8Array.from({ length: file.data_length }, (_, i) => (0x80 + i) % 256);
  return create(PayloadSchema, { content: { case: "file", value: { name: file.name, mediaType: file.media_type, data } } });
}

// PKCS#8 for a P-256 key holding only the scalar (RFC 5915 ECPrivateKey without publicKey): the engine computes the
// public point from d, which is what the vectors check. Then the JWK import, as a browser would hold a fixed key.
const pkcs8Prefix = fromHex(
  "3041" + // SEQUENCE, 65 bytes
    "020100" + // version 0
    "301306072a8648ce3d020106082a8648ce3d030107" + // id-ecPublicKey, prime256v1
    "0427" + // OCTET STRING, 39 bytes
    "3025020101" + // ECPrivateKey, version 1
    "0420", // privateKey, 32 bytes
);

async function fixedKeyPair(privateHex: string): Promise<CryptoKeyPair & { point: Uint8Array }> {
  const der = concat(pkcs8Prefix, fromHex(privateHex)) as Uint8Array<ArrayBuffer>;
  const extractable = await crypto.subtle.importKey("pkcs8", der, EcdhP256, true, ["deriveBits"]);
  const jwk = await crypto.subtle.exportKey("jwk", extractable);
  const privateKey = await crypto.subtle.importKey("jwk", jwk, EcdhP256, false, ["deriveBits"]);
  const publicKey = await crypto.subtle.importKey("jwk", { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y }, EcdhP256, true, []);
  const point = new Uint8Array(await crypto.subtle.exportKey("raw", publicKey));
  return { privateKey, publicKey, point };
}

describe("request-v1.json requests", () => {
  it("has vectors", () => expect(vectors.requests.length).toBeGreaterThan(0));

  for (const { name, input, expected } of vectors.requests) {
    it(name, async () => {
      const requester = await fixedKeyPair(input.requester_private_hex);
      const note = input.note ?? "";

      expect(toBase64Url(requester.point)).toBe(expected.requester_public_base64url);
      expect(await requestFingerprint(requester.point, note)).toBe(expected.fingerprint);
      expect(await requestKeyId(requester.point)).toBe(expected.key_id);
      expect(formatRequestLink(input.base_url, requester.point, note)).toBe(expected.request_link);

      const parsed = await parseRequestLink(expected.request_link);
      expect(parsed).toBeDefined();
      expect(parsed!.note).toBe(note);
      expect(parsed!.fingerprint).toBe(expected.fingerprint);
      expect(parsed!.keyId).toBe(expected.key_id);
      expect(toBase64Url(parsed!.requesterKey)).toBe(expected.requester_public_base64url);
    });
  }
});

describe("request-v1.json replies", () => {
  it("has vectors", () => expect(vectors.replies.length).toBeGreaterThan(0));

  for (const { name, input, expected } of vectors.replies) {
    it(`${name}: sealed here as in C#`, async () => {
      const requester = await fixedKeyPair(input.requester_private_hex);
      const ephemeral = await fixedKeyPair(input.ephemeral_private_hex);

      const sealed = await sealReply(requester.point, payloadOf(input.payload), { ephemeral, nonce: fromHex(input.nonce_hex) });

      expect(toBase64Url(requester.point)).toBe(expected.requester_public_base64url);
      expect(toBase64Url(sealed.ephemeralKey)).toBe(expected.ephemeral_public_base64url);
      expect(toHex(sealed.sharedSecret)).toBe(expected.shared_secret_hex);
      expect(toHex(sealed.key)).toBe(expected.key_hex);
      expect(toHex(sealed.keys.encryptionKeyBytes)).toBe(expected.encryption_key_hex);
      expect(toHex(sealed.keys.authToken)).toBe(expected.auth_token_hex);
      expect(toHex(sealed.blob)).toBe(expected.blob_hex);
      expect(await requestKeyId(requester.point)).toBe(expected.key_id);
      expect(formatReplyLink(input.base_url, input.id, sealed.ephemeralKey, expected.key_id)).toBe(expected.reply_link);
    });

    it(`${name}: C#'s blob opens here with the requester's key`, async () => {
      const requester = await fixedKeyPair(input.requester_private_hex);
      const reply = await parseReplyLink(expected.reply_link);
      expect(reply).toBeDefined();
      expect(reply!.id).toBe(input.id);
      expect(reply!.keyId).toBe(expected.key_id);

      const { sharedSecret, key } = await deriveReplyKey(requester.privateKey, reply!.ephemeralKey, reply!.ephemeralKey, requester.point);
      const opened = await open(await deriveKeys(key), fromHex(expected.blob_hex));

      expect(toHex(sharedSecret)).toBe(expected.shared_secret_hex);
      expect(toHex(encodePayload(opened))).toBe(toHex(encodePayload(payloadOf(input.payload))));
    });
  }
});

describe("request-v1.json invalid links", () => {
  for (const { link, why } of vectors.invalid_request_links) {
    it(`request link refused: ${why}`, async () => expect(await parseRequestLink(link)).toBeUndefined());
  }
  for (const { link, why } of vectors.invalid_reply_links) {
    it(`reply link refused: ${why}`, async () => expect(await parseReplyLink(link)).toBeUndefined());
  }
});
