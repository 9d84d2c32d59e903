import { create } from "@bufbuild/protobuf";
import { timestampDate, type Duration } from "@bufbuild/protobuf/wkt";
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { PayloadSchema } from "../gen/onetime/v1/payload_pb.js";
import { SecretService, SecretState as WireState, type ExistsResponse, type GetLimitsResponse } from "../gen/onetime/v1/secrets_pb.js";
import { randomBytes } from "./bytes.js";
import { checkNote, confirmationKey, openConfirmation, sealConfirmation } from "./confirmation.js";
import { deriveKeys, EnvelopeOpenError, KeySize, largestMessage, open, seal, type DerivedKeys } from "./envelope.js";
import { fromConnectError, networkAwareFetch, OneTimeError } from "./errors.js";
import { formatLink, parseLink, type ParsedLink } from "./link.js";

/** What a secret holds: text, or one file. */
export type SecretContent =
  | { kind: "text"; text: string }
  | { kind: "file"; name: string; mediaType: string; data: Uint8Array };

export const DefaultMediaType = "application/octet-stream";

export interface SendOptions {
  /** How long the secret may wait unread, in seconds; the server's default (7 days) when unset. */
  ttlSeconds?: number;
  /** When set, the reader must give it too; the link says so but never holds it. */
  passphrase?: string;
  /** How many times the secret may be read (default 1); at most the server's {@link ServerLimits.maxViews}. */
  views?: number;
}

export interface ReadOptions {
  /** For the sender, sealed with the read confirmation: at most 200 UTF-8 bytes, taken as typed. */
  note?: string;
  /** False for a link that is not a secret link (a reply to a request, requests.ts): nothing is confirmed. */
  confirm?: boolean;
}

/**
 * A secret as read: its content, and how many more times it can be read (0: this was the last view). After the last
 * view of a secret link, senderTold says whether the read confirmation reached the server (false: the sender sees
 * the read unconfirmed); unset when there was nothing to confirm.
 */
export type ReadSecret = SecretContent & { viewsLeft: number; senderTold?: boolean };

export interface SentSecret {
  link: string;
  expiresAt?: Date;
}

/** What the server knows of a secret: "gone" covers never stored, expired, burned, a wrong key or passphrase. */
export type SecretState = "waiting" | "read" | "gone";

/**
 * The reader's client's word on a read (protos/README.md, "Checking one"): "confirmed" when its confirmation opens
 * with this link's key, "unconfirmed" when there is none (an older reader's client, or it could not send one),
 * "invalid" when one is there but does not verify (altered, made for another secret, or made up).
 */
export type ReadConfirmation = "confirmed" | "unconfirmed" | "invalid";

export interface SecretStatus {
  /** True exactly when state is "waiting": the secret can still be read. */
  exists: boolean;
  state: SecretState;
  /** Views left while waiting; 0 otherwise. */
  viewsLeft: number;
  /** When the secret, or its read receipt, expires; unset when gone. */
  expiresAt?: Date;
  /** When it was last read: once read, and while waiting after some views of a multi-view secret were taken. */
  readAt?: Date;
  /** Set when state is "read". */
  confirmation?: ReadConfirmation;
  /** The reader's note, only when confirmed and not empty: show it as text (it is the reader's, not the server's). */
  note?: string;
}

/** The server's limits (GetLimits), so that a client need not guess them. Durations in seconds. */
export interface ServerLimits {
  maxCiphertextBytes: number;
  minCiphertextBytes: number;
  /** The largest payload (protos/README.md's M) that fits under maxCiphertextBytes once padded and sealed. */
  maxPayloadBytes: number;
  minTtlSeconds: number;
  maxTtlSeconds: number;
  defaultTtlSeconds: number;
  maxViews: number;
  /** How many wrong tokens (wrong passphrases) burn a secret. */
  maxWrongAttempts: number;
  /** Whether status() reports "read" and readAt after the last view. */
  readReceipts: boolean;
}

export interface OneTimeClientOptions {
  /** The service's base URL, which links are built on: e.g. "https://onetime.example". */
  baseUrl: string;
  /** A transport of your own; by default gRPC-Web to {@link baseUrl}. */
  transport?: Transport;
  /** Per-call deadline in milliseconds (default 20 s). */
  timeoutMs?: number;
}

/**
 * Sends and reads OneTime secrets. Everything secret happens here, with WebCrypto: the server receives only the
 * ciphertext and a token derived from the key.
 */
export class OneTimeClient {
  private readonly service: Client<typeof SecretService>;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(options: OneTimeClientOptions) {
    this.baseUrl = options.baseUrl;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    const transport = options.transport ?? createGrpcWebTransport({ baseUrl: options.baseUrl, fetch: networkAwareFetch() });
    this.service = createClient(SecretService, transport);
  }

  /** A client for the service a link points at. */
  static forLink(link: string, options: Omit<OneTimeClientOptions, "baseUrl"> = {}): OneTimeClient {
    return new OneTimeClient({ ...options, baseUrl: requireLink(link).baseUrl });
  }

  /** Encrypts locally, stores the ciphertext, and returns the link. */
  async send(content: SecretContent, options: SendOptions = {}): Promise<SentSecret> {
    const key = randomBytes(KeySize);
    const keys = await deriveKeys(key, options.passphrase);
    const blob = await seal(keys, toPayload(content));
    const ttl = options.ttlSeconds === undefined ? undefined : { seconds: BigInt(Math.round(options.ttlSeconds)), nanos: 0 };
    const maxViews = options.views ?? 1;
    if (!Number.isInteger(maxViews) || maxViews < 1) throw new OneTimeError("rejected", "The number of views must be a whole number of at least 1.");
    const response = await this.call(() =>
      this.service.store({ ciphertext: blob, authToken: keys.authToken, ttl, maxViews }, { timeoutMs: this.timeoutMs }),
    );
    return {
      link: formatLink(this.baseUrl, response.id, key, options.passphrase !== undefined),
      expiresAt: response.expiresAt && timestampDate(response.expiresAt),
    };
  }

  /** Stores a blob the caller sealed with keys of its own (a reply to a request, requests.ts); returns the id. */
  async storeSealed(blob: Uint8Array, keys: DerivedKeys, options: Pick<SendOptions, "ttlSeconds"> = {}): Promise<{ id: string; expiresAt?: Date }> {
    const ttl = options.ttlSeconds === undefined ? undefined : { seconds: BigInt(Math.round(options.ttlSeconds)), nanos: 0 };
    const response = await this.call(() =>
      this.service.store({ ciphertext: blob, authToken: keys.authToken, ttl }, { timeoutMs: this.timeoutMs }),
    );
    return { id: response.id, expiresAt: response.expiresAt && timestampDate(response.expiresAt) };
  }

  /**
   * Whether the secret can still be read, how many views it has left and, once read, when and whether the reader's
   * client confirmed it: without taking a view. A wrong passphrase counts towards the server's wrong-attempt limit,
   * as a read would.
   */
  async status(link: string | ParsedLink, passphrase?: string): Promise<SecretStatus> {
    const parsed = typeof link === "string" ? requireLink(link) : link;
    const keys = await this.keysFor(parsed, passphrase);
    const response = await this.call(() =>
      this.service.exists({ id: parsed.id, authToken: keys.authToken }, { timeoutMs: this.timeoutMs }),
    );
    const status = toStatus(response);
    if (status.state !== "read") return status;
    if (response.readConfirmation.length === 0) return { ...status, confirmation: "unconfirmed" };
    try {
      const note = await openConfirmation(await confirmationKey(parsed.key, keys.passphraseKey), parsed.id, response.readConfirmation);
      return { ...status, confirmation: "confirmed", note: note || undefined };
    } catch {
      return { ...status, confirmation: "invalid" };
    }
  }

  /** The same as {@link status}, under the name of the call it makes. */
  exists(link: string | ParsedLink, passphrase?: string): Promise<SecretStatus> {
    return this.status(link, passphrase);
  }

  /**
   * Reads the secret, which takes one view (the last one deletes it on the server), and decrypts it. After the last
   * view of a secret link it tells the sender, with a read confirmation and the note if any; that step failing never
   * fails the read (senderTold is then false). A note the format refuses is refused before anything is called.
   */
  async read(link: string | ParsedLink, passphrase?: string, options: ReadOptions = {}): Promise<ReadSecret> {
    const parsed = typeof link === "string" ? requireLink(link) : link;
    if (options.note !== undefined) noteMustFit(options.note);
    const keys = await this.keysFor(parsed, passphrase);
    const response = await this.call(() =>
      this.service.retrieve({ id: parsed.id, authToken: keys.authToken }, { timeoutMs: this.timeoutMs }),
    );
    let secret: ReadSecret;
    try {
      secret = { ...fromPayload(await open(keys, response.ciphertext)), viewsLeft: response.viewsLeft };
    } catch (reason) {
      if (reason instanceof EnvelopeOpenError) {
        throw new OneTimeError("corrupted", "The secret could not be decrypted: the link is corrupted or the key is wrong.", { cause: reason });
      }
      throw reason;
    }
    if (secret.viewsLeft === 0 && options.confirm !== false) secret.senderTold = await this.confirmRead(parsed, keys, options.note);
    return secret;
  }

  // protos/README.md "Making one": only once the blob opened, so a confirmation always stands for a real read.
  private async confirmRead(parsed: ParsedLink, keys: DerivedKeys, note = ""): Promise<boolean> {
    try {
      const confirmation = await sealConfirmation(await confirmationKey(parsed.key, keys.passphraseKey), parsed.id, note);
      await this.service.confirmRead({ id: parsed.id, authToken: keys.authToken, confirmation }, { timeoutMs: this.timeoutMs });
      return true;
    } catch {
      return false; // an older server (UNIMPLEMENTED), receipts off, the receipt gone, the network: the read stands
    }
  }

  /** Deletes the secret now, whatever views it has left, without reading it. False when it was already gone. */
  async burn(link: string | ParsedLink, passphrase?: string): Promise<boolean> {
    const parsed = typeof link === "string" ? requireLink(link) : link;
    const keys = await this.keysFor(parsed, passphrase);
    try {
      await this.call(() => this.service.burn({ id: parsed.id, authToken: keys.authToken }, { timeoutMs: this.timeoutMs }));
      return true;
    } catch (reason) {
      if (reason instanceof OneTimeError && reason.kind === "not_found") return false;
      throw reason;
    }
  }

  /** The server's limits: the largest secret, the TTL range and default, the most views, the wrong-attempt limit. */
  async getLimits(): Promise<ServerLimits> {
    return toLimits(await this.call(() => this.service.getLimits({}, { timeoutMs: this.timeoutMs })));
  }

  private keysFor(parsed: ParsedLink, passphrase: string | undefined): Promise<DerivedKeys> {
    if (parsed.passphraseRequired && !passphrase) {
      throw new OneTimeError("invalid_link", "This link needs a passphrase.");
    }
    return deriveKeys(parsed.key, parsed.passphraseRequired ? passphrase : undefined);
  }

  private async call<T>(invoke: () => Promise<T>): Promise<T> {
    try {
      return await invoke();
    } catch (reason) {
      throw fromConnectError(reason);
    }
  }
}

function noteMustFit(note: string): void {
  try {
    checkNote(note);
  } catch (reason) {
    throw new OneTimeError("rejected", (reason as Error).message, { cause: reason });
  }
}

export function requireLink(link: string): ParsedLink {
  const parsed = parseLink(link.trim());
  if (!parsed) throw new OneTimeError("invalid_link", "This is not a OneTime link, or it was cut short.");
  return parsed;
}

function toStatus(response: ExistsResponse): SecretStatus {
  // A server older than views and receipts sets only `exists`: its secrets are waiting with one view.
  const state = response.state === WireState.READ ? "read" : response.state === WireState.WAITING || response.exists ? "waiting" : "gone";
  return {
    exists: state === "waiting",
    state,
    viewsLeft: state === "waiting" ? Math.max(1, response.viewsLeft) : 0,
    expiresAt: state === "gone" || !response.expiresAt ? undefined : timestampDate(response.expiresAt),
    readAt: state === "gone" || !response.readAt ? undefined : timestampDate(response.readAt),
  };
}

const seconds = (duration: Duration | undefined): number => Number(duration?.seconds ?? 0n);

function toLimits(response: GetLimitsResponse): ServerLimits {
  return {
    maxCiphertextBytes: response.maxCiphertextBytes,
    minCiphertextBytes: response.minCiphertextBytes,
    maxPayloadBytes: largestMessage(response.maxCiphertextBytes),
    minTtlSeconds: seconds(response.minTtl),
    maxTtlSeconds: seconds(response.maxTtl),
    defaultTtlSeconds: seconds(response.defaultTtl),
    maxViews: response.maxViews,
    maxWrongAttempts: response.maxWrongAttempts,
    readReceipts: response.readReceipts,
  };
}

export function toPayload(content: SecretContent) {
  return create(PayloadSchema, {
    content:
      content.kind === "text"
        ? { case: "text", value: content.text }
        : {
            case: "file",
            value: {
              name: content.name,
              mediaType: content.mediaType === DefaultMediaType ? "" : content.mediaType,
              data: content.data,
            },
          },
  });
}

function fromPayload(payload: ReturnType<typeof toPayload>): SecretContent {
  const content = payload.content;
  if (content.case === "text") return { kind: "text", text: content.value };
  if (content.case === "file") {
    return { kind: "file", name: content.value.name, mediaType: content.value.mediaType || DefaultMediaType, data: content.value.data };
  }
  throw new OneTimeError("corrupted", "The secret holds nothing this client understands.");
}
