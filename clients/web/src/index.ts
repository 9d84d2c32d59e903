export { OneTimeClient, requireLink, DefaultMediaType } from "./client/client.js";
export type { OneTimeClientOptions, ReadConfirmation, ReadOptions, ReadSecret, SecretContent, SecretState, SecretStatus, SendOptions, SentSecret, ServerLimits } from "./client/client.js";
export { OneTimeError, type OneTimeErrorKind } from "./client/errors.js";
export { formatLink, parseLink, type ParsedLink } from "./client/link.js";
export { SecretRequests, requireReplyLink, requireRequestLink } from "./client/requests.js";
export type { CreatedRequest, SecretRequestsOptions, SentReply } from "./client/requests.js";
export { parseReplyLink, parseRequestLink, requestFingerprint, type ParsedReply, type ParsedRequest } from "./client/request.js";
export { IndexedDbRequestKeyStore, MemoryRequestKeyStore, pruneRequestKeys } from "./client/request-keys.js";
export type { RequestKey, RequestKeyStore } from "./client/request-keys.js";
