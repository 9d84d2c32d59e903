// Envelope format 1, exactly as protos/README.md specifies it, with WebCrypto only.
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { PayloadSchema, type Payload } from "../gen/onetime/v1/payload_pb.js";
import { concat, randomBytes } from "./bytes.js";

export const Version = 0x01;
export const KeySize = 32;
export const NonceSize = 12;
export const TagSize = 16;
export const LengthPrefixSize = 4; // uint32 big-endian len(M)
export const Pbkdf2Iterations = 600_000;
const MinBucket = 256;
const LargeBucketStep = 65_536; // above this, buckets grow linearly instead of doubling
const BlobOverhead = 1 + NonceSize + TagSize; // version byte, nonce, GCM tag around the padded plaintext

const labels = {
  passphraseSalt: "onetime/v1/passphrase-salt",
  encryptionKey: "onetime/v1/encryption-key",
  authToken: "onetime/v1/auth-token",
} as const;

/** The names protos/README.md gives each way opening can fail, in the order the checks run. */
export type EnvelopeError = "truncated" | "unsupported_version" | "authentication_failed" | "malformed_plaintext";

export class EnvelopeOpenError extends Error {
  constructor(readonly reason: EnvelopeError) {
    super(`The secret could not be opened (${reason}).`);
    this.name = "EnvelopeOpenError";
  }
}

export interface DerivedKeys {
  passphraseKey?: Uint8Array; // S, only with a passphrase
  encryptionKey: CryptoKey;
  encryptionKeyBytes: Uint8Array;
  authToken: Uint8Array;
}

const utf8 = new TextEncoder();
// WebCrypto's BufferSource typing wants ArrayBuffer-backed views; every view here is.
const buf = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;

export async function hkdf(ikm: Uint8Array, salt: Uint8Array, info: string, length: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", buf(ikm), "HKDF", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: buf(salt), info: utf8.encode(info) }, key, length * 8);
  return new Uint8Array(bits);
}

async function pbkdf2(passphrase: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const pw = utf8.encode(passphrase.normalize("NFC"));
  const key = await crypto.subtle.importKey("raw", pw, "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: buf(salt), iterations }, key, KeySize * 8);
  return new Uint8Array(bits);
}

/** Keys step 2–4: S from the passphrase (if any), then enc_key and auth_token from K with salt S. */
export async function deriveKeys(key: Uint8Array, passphrase?: string, iterations = Pbkdf2Iterations): Promise<DerivedKeys> {
  if (key.length !== KeySize) throw new RangeError(`The key must be ${KeySize} bytes.`);
  if (passphrase === "") throw new RangeError("A passphrase cannot be empty.");
  if (passphrase !== undefined && hasLoneSurrogate(passphrase)) throw new RangeError("The passphrase contains an unpaired UTF-16 surrogate.");
  let salt: Uint8Array = new Uint8Array(0);
  let passphraseKey: Uint8Array | undefined;
  if (passphrase !== undefined) {
    passphraseKey = await pbkdf2(passphrase, await hkdf(key, new Uint8Array(0), labels.passphraseSalt, 16), iterations);
    salt = passphraseKey;
  }
  const encryptionKeyBytes = await hkdf(key, salt, labels.encryptionKey, KeySize);
  const authToken = await hkdf(key, salt, labels.authToken, KeySize);
  const encryptionKey = await crypto.subtle.importKey("raw", buf(encryptionKeyBytes), "AES-GCM", false, ["encrypt", "decrypt"]);
  return { passphraseKey, encryptionKey, encryptionKeyBytes, authToken };
}

/** The bucket B for n = 4 + len(M): powers of two from 256 up to 64 KiB, then multiples of 64 KiB. */
export function bucketSize(n: number): number {
  if (n > LargeBucketStep) return Math.ceil(n / LargeBucketStep) * LargeBucketStep;
  let b = MinBucket;
  while (b < n) b *= 2;
  return b;
}

/**
 * The largest M whose blob fits in maxBlobBytes: the largest bucket B with 1 + 12 + B + 16 ≤ maxBlobBytes, less the
 * 4-byte length prefix (protos/README.md, "Plaintext and padding"). 1 MiB gives 983036; 0 when not even the
 * smallest bucket fits.
 */
export function largestMessage(maxBlobBytes: number): number {
  const room = maxBlobBytes - BlobOverhead;
  if (room < MinBucket) return 0;
  let bucket: number;
  if (room >= LargeBucketStep) bucket = Math.floor(room / LargeBucketStep) * LargeBucketStep;
  else for (bucket = MinBucket; bucket * 2 <= room; bucket *= 2);
  return bucket - LengthPrefixSize;
}

export function pad(message: Uint8Array): Uint8Array {
  const padded = new Uint8Array(bucketSize(LengthPrefixSize + message.length));
  new DataView(padded.buffer).setUint32(0, message.length, false);
  padded.set(message, LengthPrefixSize);
  return padded;
}

export function unpad(padded: Uint8Array): Uint8Array {
  if (padded.length < LengthPrefixSize) throw new EnvelopeOpenError("malformed_plaintext");
  const length = new DataView(padded.buffer, padded.byteOffset, padded.length).getUint32(0, false);
  if (length > padded.length - LengthPrefixSize) throw new EnvelopeOpenError("malformed_plaintext");
  for (let i = LengthPrefixSize + length; i < padded.length; i++) {
    if (padded[i] !== 0) throw new EnvelopeOpenError("malformed_plaintext");
  }
  return padded.subarray(LengthPrefixSize, LengthPrefixSize + length);
}

// protos/README.md "Text": UTF-8 cannot carry an unpaired surrogate, and TextEncoder would put U+FFFD in its
// place without a word; such text is refused instead of sent (or derived from) changed.
const loneSurrogate = /\p{Cs}/u;
export const hasLoneSurrogate = (text: string): boolean => loneSurrogate.test(text);

/** protos/README.md "File names": a sender sends the last component of a name or path, split at "/" and "\\". */
export const baseFileName = (name: string): string => name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);

/** M for a payload to send, its text and file name checked. Senders given a path pass baseFileName(path) as the name. */
export function encodePayload(payload: Payload): Uint8Array {
  const content = payload.content;
  if (content.case === "text" && hasLoneSurrogate(content.value)) throw new RangeError("The text contains an unpaired UTF-16 surrogate.");
  if (content.case === "file") {
    if (hasLoneSurrogate(content.value.name)) throw new RangeError("The file name contains an unpaired UTF-16 surrogate.");
  }
  return toBinary(PayloadSchema, payload);
}

export function decodePayload(message: Uint8Array): Payload {
  let payload: Payload;
  try {
    payload = fromBinary(PayloadSchema, message);
  } catch {
    throw new EnvelopeOpenError("malformed_plaintext");
  }
  if (payload.content.case === undefined) throw new EnvelopeOpenError("malformed_plaintext");
  return payload;
}

/** blob = version || nonce || AES-256-GCM(enc_key, nonce, padded, aad = version). */
export async function seal(keys: DerivedKeys, payload: Payload, nonce: Uint8Array = randomBytes(NonceSize)): Promise<Uint8Array> {
  const version = new Uint8Array([Version]);
  const padded = pad(encodePayload(payload));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv: buf(nonce), additionalData: version, tagLength: TagSize * 8 },
    keys.encryptionKey,
    buf(padded),
  );
  return concat(version, nonce, new Uint8Array(sealed));
}

/** Opens a blob with the checks in the order protos/README.md lists them; never returns partial plaintext. */
export async function open(keys: DerivedKeys, blob: Uint8Array): Promise<Payload> {
  if (blob.length === 0) throw new EnvelopeOpenError("truncated");
  if (blob[0] !== Version) throw new EnvelopeOpenError("unsupported_version");
  if (blob.length < 1 + NonceSize + TagSize + LengthPrefixSize) throw new EnvelopeOpenError("truncated");
  let padded: Uint8Array;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: buf(blob.slice(1, 1 + NonceSize)), additionalData: buf(blob.slice(0, 1)), tagLength: TagSize * 8 },
      keys.encryptionKey,
      buf(blob.slice(1 + NonceSize)),
    );
    padded = new Uint8Array(plain);
  } catch {
    throw new EnvelopeOpenError("authentication_failed");
  }
  return decodePayload(unpad(padded));
}

export const textPayload = (text: string): Payload => create(PayloadSchema, { content: { case: "text", value: text } });
