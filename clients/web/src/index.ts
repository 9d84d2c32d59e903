export { OneTimeClient, requireLink, DefaultMediaType } from "./client/client.js";
export type { OneTimeClientOptions, SecretContent, SecretStatus, SendOptions, SentSecret } from "./client/client.js";
export { OneTimeError, type OneTimeErrorKind } from "./client/errors.js";
export { formatLink, parseLink, type ParsedLink } from "./client/link.js";
