export { OneTimeClient, requireLink, DefaultMediaType } from "./client/client.js";
export type { OneTimeClientOptions, ReadSecret, SecretContent, SecretState, SecretStatus, SendOptions, SentSecret, ServerLimits } from "./client/client.js";
export { OneTimeError, type OneTimeErrorKind } from "./client/errors.js";
export { formatLink, parseLink, type ParsedLink } from "./client/link.js";
