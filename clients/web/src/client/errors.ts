import { Code, ConnectError } from "@connectrpc/connect";

/** What went wrong, in terms a reader can act on; the one place gRPC statuses become these is {@link fromConnectError}. */
export type OneTimeErrorKind =
  | "not_found" // already read, expired, never existed, or a wrong passphrase: the server cannot tell them apart
  | "unavailable" // the service (or its store) cannot be reached
  | "rejected" // INVALID_ARGUMENT: out of the allowed range (TTL, size)
  | "too_large" // RESOURCE_EXHAUSTED: the store is full or the secret is over the limit
  | "invalid_link" // the link does not follow the grammar; nothing was sent
  | "corrupted" // the ciphertext did not open: tampered, or the wrong key
  | "key_not_here" // a reply to a request whose private key this key store does not hold; nothing was called
  | "failed"; // anything else

/** The single error type the client throws. */
export class OneTimeError extends Error {
  constructor(
    readonly kind: OneTimeErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "OneTimeError";
  }
}

export function fromConnectError(reason: unknown): OneTimeError {
  if (reason instanceof OneTimeError) return reason;
  const error = ConnectError.from(reason);
  const detail = error.rawMessage ? ` (${error.rawMessage})` : "";
  switch (error.code) {
    case Code.NotFound:
      return new OneTimeError("not_found", "The secret does not exist: it was already read, it expired, or the link or passphrase is wrong.", { cause: error });
    case Code.Unavailable:
    case Code.DeadlineExceeded:
      return new OneTimeError("unavailable", "The OneTime service cannot be reached right now.", { cause: error });
    case Code.InvalidArgument:
    case Code.OutOfRange:
      return new OneTimeError("rejected", `The service rejected the request${detail}.`, { cause: error });
    case Code.ResourceExhausted:
      return new OneTimeError("too_large", `The service is full or the secret is too large${detail}.`, { cause: error });
    default:
      return new OneTimeError("failed", `The call failed with gRPC status ${Code[error.code]}${detail}.`, { cause: error });
  }
}

/** A fetch that reports a network failure (no HTTP answer at all) as UNAVAILABLE rather than UNKNOWN. */
export function networkAwareFetch(inner: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    try {
      return await inner(input, init);
    } catch (reason) {
      if (reason instanceof TypeError) throw new ConnectError(reason.message, Code.Unavailable, undefined, undefined, reason);
      throw reason;
    }
  };
}
