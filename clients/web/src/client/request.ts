// Requests and replies, format 1, exactly as protos/README.md ("Requests and replies (format 1)") specifies them:
// P-256 ECDH and HKDF with WebCrypto, then envelope format 1 unchanged with the derived K.
import type { Payload } from "../gen/onetime/v1/payload_pb.js";
import { concat, fromBase64Url, randomBytes, toBase64Url } from "./bytes.js";
import { deriveKeys, hasLoneSurrogate, KeySize, NonceSize, seal, type DerivedKeys } from "./envelope.js";
import { normalizeBaseUrl, RevealPath, splitLink } from "./link.js";

export const RequestPath = "/r";
export const RequestVersion = "1";
export const ReplyVersion = "1r";
export const MaxNoteBytes = 200;
const PointSize = 65; // 0x04 || X || Y, uncompressed SEC 1: what WebCrypto's "raw" export writes
const PointLength = 87; // 65 bytes, base64url without padding
const UncompressedPoint = 0x04;
const KeyIdSize = 9;
const KeyIdLength = 12; // 9 bytes, base64url without padding: no spare bits, every spelling is canonical
const IdLength = 22; // StoreResponse.id, as in ordinary links
const FingerprintGroups = 5;
const FingerprintModulus = 10_000; // four decimal digits a group
const base64url = /^[A-Za-z0-9_-]+$/;

const labels = {
  fingerprint: "onetime/v1/request-fingerprint",
  keyId: "onetime/v1/request-key-id",
  replyKey: "onetime/v1/reply-key",
} as const;

export const EcdhP256 = { name: "ECDH", namedCurve: "P-256" } as const;
const utf8 = new TextEncoder();
// fatal: a note that is not UTF-8 makes the link invalid rather than a repaired string. ignoreBOM: a leading U+FEFF
// is part of the note (and of its fingerprint), not a byte-order mark to drop.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const buf = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;

/** A request link, checked: its public key is a point on P-256, and its note is UTF-8 of 0 to 200 bytes. */
export interface ParsedRequest {
  /** The service the reply is stored on; no trailing "/". */
  baseUrl: string;
  /** R: the requester's public key, 65 bytes uncompressed. */
  requesterKey: Uint8Array;
  /** What is asked, as the requester typed it ("" when nothing); show it with displayNote, never as markup. */
  note: string;
  /** Five groups of four digits both sides compare over another channel. */
  fingerprint: string;
  keyId: string;
}

/** A reply link, checked: its ephemeral key is a point on P-256. */
export interface ParsedReply {
  baseUrl: string;
  id: string;
  /** E: the sender's one-off public key, 65 bytes uncompressed. */
  ephemeralKey: Uint8Array;
  /** Which of the requester's keys opens it. */
  keyId: string;
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", buf(concat(...parts))));
}

/** h = SHA-256("onetime/v1/request-fingerprint" || R || note); group i = uint32be(h[4i..4i+4]) mod 10000. */
export async function requestFingerprint(requesterKey: Uint8Array, note: string): Promise<string> {
  const h = await sha256(utf8.encode(labels.fingerprint), requesterKey, utf8.encode(note));
  const view = new DataView(h.buffer, h.byteOffset, h.length);
  const groups: string[] = [];
  for (let i = 0; i < FingerprintGroups; i++) groups.push(String(view.getUint32(4 * i, false) % FingerprintModulus).padStart(4, "0"));
  return groups.join(" ");
}

/** key_id = base64url(SHA-256("onetime/v1/request-key-id" || R)[0..9]). */
export async function requestKeyId(requesterKey: Uint8Array): Promise<string> {
  return toBase64Url((await sha256(utf8.encode(labels.keyId), requesterKey)).subarray(0, KeyIdSize));
}

/** Why a note cannot be sent, or undefined when it can: an unpaired surrogate, or more than 200 UTF-8 bytes. */
export function noteProblem(note: string): "surrogate" | "too_long" | undefined {
  if (hasLoneSurrogate(note)) return "surrogate";
  return utf8.encode(note).length > MaxNoteBytes ? "too_long" : undefined;
}

export function formatRequestLink(baseUrl: string, requesterKey: Uint8Array, note: string): string {
  const base = normalizeBaseUrl(baseUrl);
  if (base === undefined) throw new RangeError(`Not a base URL for links: ${baseUrl}`);
  const problem = noteProblem(note);
  if (problem) throw new RangeError(problem === "surrogate" ? "The note contains an unpaired UTF-16 surrogate." : `The note is over ${MaxNoteBytes} bytes.`);
  const tail = note === "" ? "" : "." + toBase64Url(utf8.encode(note));
  return `${base}${RequestPath}#${RequestVersion}.${toBase64Url(requesterKey)}${tail}`;
}

export function formatReplyLink(baseUrl: string, id: string, ephemeralKey: Uint8Array, keyId: string): string {
  const base = normalizeBaseUrl(baseUrl);
  if (base === undefined) throw new RangeError(`Not a base URL for links: ${baseUrl}`);
  return `${base}${RevealPath}#${ReplyVersion}.${id}.${toBase64Url(ephemeralKey)}.${keyId}`;
}

/** Decodes canonical base64url only (spare bits zero), so one value has one spelling in every client. */
function canonical(text: string): Uint8Array | undefined {
  if (!base64url.test(text)) return undefined;
  const bytes = fromBase64Url(text);
  return bytes && toBase64Url(bytes) === text ? bytes : undefined;
}

/** A public key of P-256, or undefined when the bytes are not an uncompressed point on the curve. */
export async function importPoint(point: Uint8Array): Promise<CryptoKey | undefined> {
  // Only 0x04: the import would also take a compressed or hybrid spelling on some engines, and the grammar allows one.
  if (point.length !== PointSize || point[0] !== UncompressedPoint) return undefined;
  try {
    return await crypto.subtle.importKey("raw", buf(point), EcdhP256, true, []);
  } catch {
    return undefined;
  }
}

function point(text: string): Uint8Array | undefined {
  const bytes = text.length === PointLength ? canonical(text) : undefined;
  return bytes?.length === PointSize && bytes[0] === UncompressedPoint ? bytes : undefined;
}

/** Parses the part after "#" of a request link: "1" "." R [ "." note ]; undefined for anything else. */
export async function parseRequestFragment(fragment: string, baseUrl: string): Promise<ParsedRequest | undefined> {
  const parts = fragment.split(".");
  if (parts.length < 2 || parts.length > 3 || parts[0] !== RequestVersion) return undefined;
  const requesterKey = point(parts[1]);
  if (!requesterKey) return undefined;
  let note = "";
  if (parts.length === 3) {
    const bytes = canonical(parts[2]);
    if (!bytes || bytes.length === 0 || bytes.length > MaxNoteBytes) return undefined;
    try {
      note = strictUtf8.decode(bytes);
    } catch {
      return undefined;
    }
  }
  if (!(await importPoint(requesterKey))) return undefined;
  return { baseUrl, requesterKey, note, fingerprint: await requestFingerprint(requesterKey, note), keyId: await requestKeyId(requesterKey) };
}

export async function parseRequestLink(link: string): Promise<ParsedRequest | undefined> {
  const split = splitLink(link, RequestPath);
  return split && parseRequestFragment(split.fragment, split.baseUrl);
}

/** Whether the part after "#" follows the reply grammar "1r" "." id "." E "." key-id (the point is checked later). */
export function isReplyFragment(fragment: string): boolean {
  return replyParts(fragment) !== undefined;
}

function replyParts(fragment: string): Omit<ParsedReply, "baseUrl"> | undefined {
  const parts = fragment.split(".");
  if (parts.length !== 4 || parts[0] !== ReplyVersion) return undefined;
  const [, id, ephemeralText, keyId] = parts;
  if (id.length !== IdLength || !base64url.test(id)) return undefined;
  if (keyId.length !== KeyIdLength || !base64url.test(keyId)) return undefined;
  const ephemeralKey = point(ephemeralText);
  return ephemeralKey && { id, ephemeralKey, keyId };
}

export async function parseReplyFragment(fragment: string, baseUrl: string): Promise<ParsedReply | undefined> {
  const parts = replyParts(fragment);
  return parts && (await importPoint(parts.ephemeralKey)) ? { baseUrl, ...parts } : undefined;
}

export async function parseReplyLink(link: string): Promise<ParsedReply | undefined> {
  const split = splitLink(link, RevealPath);
  return split && parseReplyFragment(split.fragment, split.baseUrl);
}

export interface ReplyKey {
  /** Z: the x-coordinate of the shared point. */
  sharedSecret: Uint8Array;
  /** K: the envelope key, HKDF(Z, salt = empty, info = "onetime/v1/reply-key" || E || R). */
  key: Uint8Array;
}

/** Z = ECDH(private, peer) and K from it; the same on both sides (d with E, or e with R). */
export async function deriveReplyKey(privateKey: CryptoKey, peer: Uint8Array, ephemeralKey: Uint8Array, requesterKey: Uint8Array): Promise<ReplyKey> {
  const peerKey = await importPoint(peer);
  if (!peerKey) throw new RangeError("The public key is not a point on P-256.");
  const sharedSecret = new Uint8Array(await crypto.subtle.deriveBits({ name: "ECDH", public: peerKey }, privateKey, 256));
  const ikm = await crypto.subtle.importKey("raw", buf(sharedSecret), "HKDF", false, ["deriveBits"]);
  const info = concat(utf8.encode(labels.replyKey), ephemeralKey, requesterKey);
  const bits = await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: buf(info) }, ikm, KeySize * 8);
  return { sharedSecret, key: new Uint8Array(bits) };
}

export interface SealedReply extends ReplyKey {
  /** E, for the reply link. */
  ephemeralKey: Uint8Array;
  keys: DerivedKeys;
  blob: Uint8Array;
}

/** Seals a payload to a request's public key with a fresh ephemeral key pair (tests may fix it and the nonce). */
export async function sealReply(
  requesterKey: Uint8Array,
  payload: Payload,
  fixed: { ephemeral?: CryptoKeyPair; nonce?: Uint8Array } = {},
): Promise<SealedReply> {
  const ephemeral = fixed.ephemeral ?? (await crypto.subtle.generateKey(EcdhP256, false, ["deriveBits"]));
  const ephemeralKey = new Uint8Array(await crypto.subtle.exportKey("raw", ephemeral.publicKey));
  const derived = await deriveReplyKey(ephemeral.privateKey, requesterKey, ephemeralKey, requesterKey);
  const keys = await deriveKeys(derived.key);
  const blob = await seal(keys, payload, fixed.nonce ?? randomBytes(NonceSize));
  return { ...derived, ephemeralKey, keys, blob };
}
