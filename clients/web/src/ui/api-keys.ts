// API keys: random bytes from the CSPRNG, spelled as base64url without padding (RFC 4648 §5) or as hex.
import { randomBytes, toBase64Url, toHex } from "../client/bytes.js";

export const ApiKeyBytes = { min: 16, max: 64, default: 32 } as const;
export const ApiKeyEncodings = ["base64url", "hex"] as const;
export type ApiKeyEncoding = (typeof ApiKeyEncodings)[number];

export interface ApiKeyOptions {
  bytes: number;
  encoding: ApiKeyEncoding;
}

export function generateApiKey({ bytes, encoding }: ApiKeyOptions): string {
  if (!Number.isInteger(bytes) || bytes < ApiKeyBytes.min || bytes > ApiKeyBytes.max) {
    throw new RangeError(`An API key is ${ApiKeyBytes.min} to ${ApiKeyBytes.max} bytes.`);
  }
  const key = randomBytes(bytes);
  return encoding === "hex" ? toHex(key) : toBase64Url(key);
}

/** Bits of entropy: 8 × bytes, every byte uniform; the encoding adds none. */
export function apiKeyEntropy({ bytes }: ApiKeyOptions): number {
  return 8 * bytes;
}
