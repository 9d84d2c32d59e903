// Asking for a secret: the requester's side (make a request, keep its key, read replies) and the sender's (reply to a
// request link), over the formats in request.ts and an ordinary Store.
import { OneTimeClient, toPayload, type SecretContent, type SendOptions } from "./client.js";
import { OneTimeError } from "./errors.js";
import { type ParsedLink } from "./link.js";
import {
  deriveReplyKey,
  EcdhP256,
  formatReplyLink,
  formatRequestLink,
  noteProblem,
  parseReplyLink,
  parseRequestLink,
  requestFingerprint,
  requestKeyId,
  sealReply,
  type ParsedReply,
  type ParsedRequest,
} from "./request.js";
import { pruneRequestKeys, type RequestKey, type RequestKeyStore } from "./request-keys.js";

export interface CreatedRequest {
  link: string;
  keyId: string;
  fingerprint: string;
  note: string;
}

export interface SentReply {
  link: string;
  expiresAt?: Date;
  /** The fingerprint of the request the reply was sealed to, to compare with the requester's. */
  fingerprint: string;
}

export interface SecretRequestsOptions {
  /** Where private keys wait for replies: IndexedDbRequestKeyStore in a browser, or a store of your own. */
  keys: RequestKeyStore;
  /** Per-call deadline in milliseconds (default 20 s). */
  timeoutMs?: number;
  /** The clock that dates keys and prunes them (tests move it). */
  now?: () => Date;
}

/**
 * Requests for a secret (protos/README.md, "Requests and replies"): the requester's private key never leaves its
 * key store, so a reply link is useless to anyone but the browser or machine that made the request.
 */
export class SecretRequests {
  private readonly keys: RequestKeyStore;
  private readonly timeoutMs?: number;
  private readonly now: () => Date;

  constructor(options: SecretRequestsOptions) {
    this.keys = options.keys;
    this.timeoutMs = options.timeoutMs;
    this.now = options.now ?? (() => new Date());
  }

  /** Makes a key pair (d non-extractable), keeps d, and returns the request link, which holds only public material. */
  async create(baseUrl: string, note = ""): Promise<CreatedRequest> {
    const problem = noteProblem(note);
    if (problem) throw new OneTimeError("rejected", problem === "too_long" ? "The note is over 200 bytes." : "The note contains an unpaired UTF-16 surrogate.");
    await pruneRequestKeys(this.keys, this.now());
    const pair = await crypto.subtle.generateKey(EcdhP256, false, ["deriveBits"]);
    const requesterKey = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
    const link = formatRequestLink(baseUrl, requesterKey, note);
    const keyId = await requestKeyId(requesterKey);
    await this.keys.put({ keyId, privateKey: pair.privateKey, requesterKey, note, baseUrl, createdAt: this.now() });
    return { link, keyId, fingerprint: await requestFingerprint(requesterKey, note), note };
  }

  /** Deletes a request's key: its replies can no longer be opened, here or anywhere. */
  forget(keyId: string): Promise<void> {
    return this.keys.delete(keyId);
  }

  /** The requests whose keys this store holds, pruned of expired ones. */
  async pending(): Promise<RequestKey[]> {
    await pruneRequestKeys(this.keys, this.now());
    return this.keys.list();
  }

  /** Encrypts to the request's public key, stores the ciphertext (one read), and returns the reply link. */
  async reply(request: string | ParsedRequest, content: SecretContent, options: Pick<SendOptions, "ttlSeconds"> = {}): Promise<SentReply> {
    const parsed = typeof request === "string" ? await requireRequestLink(request) : request;
    const sealed = await sealReply(parsed.requesterKey, toPayload(content));
    const client = new OneTimeClient({ baseUrl: parsed.baseUrl, timeoutMs: this.timeoutMs });
    const stored = await client.storeSealed(sealed.blob, sealed.keys, options);
    // e and K go out of scope here: the sender keeps nothing that opens the reply.
    return { link: formatReplyLink(parsed.baseUrl, stored.id, sealed.ephemeralKey, parsed.keyId), expiresAt: stored.expiresAt, fingerprint: parsed.fingerprint };
  }

  /** The key that opens a reply, when this store holds it. */
  async keyFor(reply: ParsedReply): Promise<RequestKey | undefined> {
    await pruneRequestKeys(this.keys, this.now());
    return this.keys.get(reply.keyId);
  }

  /**
   * The reply as an ordinary link, its key K derived with d: OneTimeClient's exists and read take it as they are.
   * Undefined when this store does not hold the request's key; nothing is called on the server.
   */
  async openingLink(reply: ParsedReply): Promise<(ParsedLink & { note: string }) | undefined> {
    const key = await this.keyFor(reply);
    if (!key) return undefined;
    const { key: k } = await deriveReplyKey(key.privateKey, reply.ephemeralKey, reply.ephemeralKey, key.requesterKey);
    return { baseUrl: reply.baseUrl, id: reply.id, key: k, passphraseRequired: false, note: key.note };
  }

  /** Reads a reply once, with the kept key; the key stays, for other replies to the same request. */
  async read(reply: string | ParsedReply): Promise<SecretContent> {
    const parsed = typeof reply === "string" ? await requireReplyLink(reply) : reply;
    const link = await this.openingLink(parsed);
    if (!link) throw new OneTimeError("key_not_here", "This reply opens only where the request was made: this key store does not hold its key.");
    return new OneTimeClient({ baseUrl: parsed.baseUrl, timeoutMs: this.timeoutMs }).read(link, undefined, { confirm: false });
  }
}

export async function requireRequestLink(link: string): Promise<ParsedRequest> {
  const parsed = await parseRequestLink(link.trim());
  if (!parsed) throw new OneTimeError("invalid_link", "This is not a OneTime request link, or it was cut short or changed.");
  return parsed;
}

export async function requireReplyLink(link: string): Promise<ParsedReply> {
  const parsed = await parseReplyLink(link.trim());
  if (!parsed) throw new OneTimeError("invalid_link", "This is not a OneTime reply link, or it was cut short or changed.");
  return parsed;
}
