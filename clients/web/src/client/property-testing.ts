// What the *.property.spec.ts files share: fast-check's run budget, the vectors of protos/testdata as seeds, and the
// arbitraries (inputs nobody wrote by hand: vectors mutated one character at a time, base URLs drawn from the grammar
// of protos/README.md "Link"). Test support only: nothing in src/index.ts imports it, so the library never ships it.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";

// A few seconds in `vitest run`; ONETIME_PROPERTY_RUNS=20000 (and ONETIME_PROPERTY_SEED, any integer) explores further.
// The seed is fixed by default so a CI failure reproduces as it is; fast-check prints seed and path when one fails.
export const propertyParameters: fc.Parameters<unknown> = {
  numRuns: Number(process.env.ONETIME_PROPERTY_RUNS ?? 300),
  seed: Number(process.env.ONETIME_PROPERTY_SEED ?? 24),
};
/** vitest's time limit for one property: the default's 30 s, or 10 ms a run for a longer exploration. */
export const propertyTimeout = Math.max(30_000, propertyParameters.numRuns! * 10);

const testdata = (name: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../../../protos/testdata/${name}`, import.meta.url)), "utf8"));
export const envelopeVectors = testdata("envelope-v1.json");
export const requestVectors = testdata("request-v1.json");

export const validLinks: string[] = envelopeVectors.links.valid.map((v: { link: string }) => v.link);
export const validRequestLinks: string[] = requestVectors.requests.map((v: { expected: { request_link: string } }) => v.expected.request_link);
export const validReplyLinks: string[] = requestVectors.replies.map((v: { expected: { reply_link: string } }) => v.expected.reply_link);
// Every link either file says a parser must reject (for its kind: some are valid links of another kind).
export const invalidLinks: string[] = [
  ...envelopeVectors.links.invalid,
  ...requestVectors.invalid_request_links.map((v: { link: string }) => v.link),
  ...requestVectors.invalid_reply_links.map((v: { link: string }) => v.link),
];

// Characters a mutation inserts: the link's own delimiters, look-alikes a URL library folds (the Kelvin sign, the
// dotless i, full-width letters), invisible and control characters, both halves of a surrogate pair alone, and an emoji.
const tricky = [..."%./#:@[]?\\ \t\n\r\0=+-_~", "\u212a", "\u0131", "\u017f", "\uff53", "\u00fc", "\u200b", "\ufeff", "\u202e", "\ud800", "\udc00", "\u{1f511}"];
const character = fc.oneof(fc.constantFrom(...tricky), fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), fc.constantFrom(..."AZaz09"));

type Mutation = (text: string) => string;
const at = (text: string, position: number) => position % (text.length + 1);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), character).map(([p, c]): Mutation => (t) => t.slice(0, at(t, p)) + c + t.slice(at(t, p))),
  fc.nat().map((p): Mutation => (t) => t.slice(0, at(t, p)) + t.slice(at(t, p) + 1)),
  fc.tuple(fc.nat(), character).map(([p, c]): Mutation => (t) => t.slice(0, at(t, p)) + c + t.slice(at(t, p) + 1)),
  fc.nat().map((p): Mutation => (t) => {
    const c = t.charAt(at(t, p));
    return t.slice(0, at(t, p)) + (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) + t.slice(at(t, p) + 1);
  }),
  fc.tuple(fc.nat(), fc.boolean()).map(([p, upper]): Mutation => (t) => {
    const escape = "%" + t.charCodeAt(at(t, p)).toString(16).padStart(2, "0");
    return t.slice(0, at(t, p)) + (upper ? escape.toUpperCase() : escape) + t.slice(at(t, p) + 1);
  }),
  fc.nat().map((p): Mutation => (t) => t.slice(0, at(t, p))),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 80 })).map(([p, n]): Mutation => (t) => t.slice(0, at(t, p)) + t.charAt(at(t, p)).repeat(n) + t.slice(at(t, p))),
);

/** A seed link changed by one to three mutations (a single one keeps most results close to valid). */
export const mutatedLink = (seeds: string[]): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([seed, ms]) => ms.reduce((t, m) => m(t), seed));

// A label that stays a domain name under the URL standard: not all digits or 0x... (an IPv4 part) and not xn-- (IDNA).
const label = fc.stringMatching(/^[a-z](?:[a-z0-9-]{0,14}[a-z0-9])?$/).filter((l) => !l.startsWith("xn--"));
const host = fc.oneof(
  fc.tuple(fc.array(label, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([labels, dot]) => labels.join(".") + (dot ? "." : "")),
  fc.ipV4(),
  // The one spelling RFC 5952 and the URL serializer give an IPv6 address, taken from the URL standard itself.
  fc.ipV6().map((a) => new URL(`http://[${a}]`).hostname),
);
const unreserved = /^[A-Za-z0-9\-._~]$/;
const segmentPiece = fc.oneof(
  fc.constantFrom(..."ABCXYZabcxyz0189-._~!$&'()*+,;=:@"),
  fc.integer({ min: 0, max: 255 })
    .filter((b) => !unreserved.test(String.fromCharCode(b)))
    .map((b) => "%" + b.toString(16).toUpperCase().padStart(2, "0")),
);
const segment = fc.array(segmentPiece, { minLength: 1, maxLength: 8 }).map((p) => p.join("")).filter((s) => s !== "." && s !== "..");

/** A base URL in its one canonical spelling (protos/README.md "Link"), drawn from the grammar, not from a parser. */
export const canonicalBaseUrl: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom("https", "http"), host, fc.option(fc.integer({ min: 1, max: 65_535 })), fc.array(segment, { maxLength: 3 }))
  .filter(([scheme, , port]) => port !== (scheme === "https" ? 443 : 80))
  .map(([scheme, h, port, path]) => `${scheme}://${h}${port === null ? "" : `:${port}`}${path.map((s) => "/" + s).join("")}`);

/** An id as StoreResponse.id spells it: 22 base64url characters (any of them, as the server's ids are opaque). */
export const secretId = fc.stringMatching(/^[A-Za-z0-9_-]{22}$/);
