// Read confirmations, format 1, exactly as protos/README.md ("Read confirmations (format 1)") specifies them: the
// reader's client seals a fixed-size proof (and an optional note) with a key derived from the secret's K and S, bound
// to the secret's id; the sender's client, which holds the same K and S, opens it. WebCrypto only.
import { concat, fromBase64Url, randomBytes } from "./bytes.js";
import { hkdf, KeySize, NonceSize, TagSize, Version } from "./envelope.js";
import { MaxNoteBytes, noteProblem } from "./request.js";

export { MaxNoteBytes };
export const PaddedSize = 256; // every confirmation has one size, so the server cannot tell whether a note is there
export const ConfirmationSize = 1 + NonceSize + PaddedSize + TagSize; // 285
const NoteLengthSize = 2; // uint16 big-endian len(note)
const IdSize = 16;
const label = "onetime/v1/read-confirmation-key";

/** The names protos/README.md gives each way opening can fail, in the order the checks run. */
export type ConfirmationError = "wrong_length" | "unsupported_version" | "authentication_failed" | "malformed_note";

export class ConfirmationOpenError extends Error {
  constructor(readonly reason: ConfirmationError) {
    super(`The read confirmation does not verify (${reason}).`);
    this.name = "ConfirmationOpenError";
  }
}

const utf8 = new TextEncoder();
// fatal: a note that is not UTF-8 is malformed, not repaired. ignoreBOM: a leading U+FEFF is part of the note.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const buf = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;

/** confirmation_key = HKDF(ikm = K, salt = S, info = "onetime/v1/read-confirmation-key", L = 32); S empty without a passphrase. */
export function confirmationKey(key: Uint8Array, passphraseKey?: Uint8Array): Promise<Uint8Array> {
  return hkdf(key, passphraseKey ?? new Uint8Array(0), label, KeySize);
}

/** Refuses, before anything is made, a note over 200 UTF-8 bytes or with an unpaired surrogate (as text secrets are). */
export function checkNote(note: string): void {
  const problem = noteProblem(note);
  if (problem === "surrogate") throw new RangeError("The note contains an unpaired UTF-16 surrogate.");
  if (problem === "too_long") throw new RangeError(`The note is over ${MaxNoteBytes} bytes.`);
}

/** padded = uint16 big-endian len(note) || note || zero bytes up to 256 bytes. The note is taken as typed. */
export function padNote(note: string): Uint8Array {
  checkNote(note);
  const bytes = utf8.encode(note);
  const padded = new Uint8Array(PaddedSize);
  new DataView(padded.buffer).setUint16(0, bytes.length, false);
  padded.set(bytes, NoteLengthSize);
  return padded;
}

function idBytes(id: string): Uint8Array {
  const bytes = fromBase64Url(id);
  if (!bytes || bytes.length !== IdSize) throw new RangeError("The id must be 16 bytes, base64url without padding.");
  return bytes;
}

const aesKey = (keyBytes: Uint8Array, usage: KeyUsage) => crypto.subtle.importKey("raw", buf(keyBytes), "AES-GCM", false, [usage]);

/** confirmation = version || nonce || AES-256-GCM(confirmation_key, nonce, padded, aad = version || id_bytes): 285 bytes. */
export async function sealConfirmation(keyBytes: Uint8Array, id: string, note = "", nonce: Uint8Array = randomBytes(NonceSize)): Promise<Uint8Array> {
  const padded = padNote(note);
  const version = new Uint8Array([Version]);
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv: buf(nonce), additionalData: buf(concat(version, idBytes(id))), tagLength: TagSize * 8 },
    await aesKey(keyBytes, "encrypt"),
    buf(padded),
  );
  return concat(version, nonce, new Uint8Array(sealed));
}

/** Opens a confirmation for the sender's own id, with the checks in the order protos/README.md lists them; gives the note. */
export async function openConfirmation(keyBytes: Uint8Array, id: string, confirmation: Uint8Array): Promise<string> {
  if (confirmation.length !== ConfirmationSize) throw new ConfirmationOpenError("wrong_length");
  if (confirmation[0] !== Version) throw new ConfirmationOpenError("unsupported_version");
  let padded: Uint8Array;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: buf(confirmation.slice(1, 1 + NonceSize)), additionalData: buf(concat(confirmation.subarray(0, 1), idBytes(id))), tagLength: TagSize * 8 },
      await aesKey(keyBytes, "decrypt"),
      buf(confirmation.slice(1 + NonceSize)),
    );
    padded = new Uint8Array(plain);
  } catch {
    throw new ConfirmationOpenError("authentication_failed");
  }
  return unpadNote(padded);
}

function unpadNote(padded: Uint8Array): string {
  const length = new DataView(padded.buffer, padded.byteOffset, padded.length).getUint16(0, false);
  if (length > MaxNoteBytes) throw new ConfirmationOpenError("malformed_note");
  if (padded.subarray(NoteLengthSize + length).some((b) => b !== 0)) throw new ConfirmationOpenError("malformed_note");
  try {
    return strictUtf8.decode(padded.subarray(NoteLengthSize, NoteLengthSize + length));
  } catch {
    throw new ConfirmationOpenError("malformed_note");
  }
}
