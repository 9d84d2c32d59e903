// Properties of the link grammar (protos/README.md "Link") over inputs nobody wrote by hand: what formatLink makes,
// parseLink reads back; whatever parseLink accepts is the one spelling formatLink writes for its parts; and any string
// at all gets a result or the typed invalid_link error, never another exception.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { requireLink } from "./client.js";
import { OneTimeError } from "./errors.js";
import { formatFragment, formatLink, parseFragment, parseLink } from "./link.js";
import { canonicalBaseUrl, envelopeVectors, invalidLinks, mutatedLink, propertyParameters, propertyTimeout, secretId, validLinks } from "./property-testing.js";

const key = fc.uint8Array({ minLength: 32, maxLength: 32 });

/** parseLink, and when it accepts: the link formatLink writes for what it read, which must be the input itself. */
function reformatted(text: string): string | undefined {
  const parsed = parseLink(text);
  return parsed && formatLink(parsed.baseUrl, parsed.id, parsed.key, parsed.passphraseRequired);
}

describe("link properties", () => {
  it("parseLink reads back every link formatLink makes from a canonical base URL", () => {
    fc.assert(
      fc.property(canonicalBaseUrl, secretId, key, fc.boolean(), (baseUrl, id, bytes, passphraseRequired) => {
        const link = formatLink(baseUrl, id, bytes, passphraseRequired);

        expect(parseLink(link)).toEqual({ baseUrl, id, key: bytes, passphraseRequired });
      }),
      propertyParameters,
    );
  }, propertyTimeout);

  it("accepts a changed link only in the spelling formatLink writes for it", () => {
    fc.assert(
      fc.property(mutatedLink([...validLinks, ...invalidLinks]), (text) => {
        const again = reformatted(text);

        if (again !== undefined) expect(again).toBe(text);
      }),
      propertyParameters,
    );
  }, propertyTimeout);

  it("answers any string with a link or invalid_link, never another exception", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), mutatedLink(validLinks)), (text) => {
        try {
          const parsed = requireLink(text);
          expect(formatLink(parsed.baseUrl, parsed.id, parsed.key, parsed.passphraseRequired)).toBe(text.trim());
        } catch (error) {
          expect(error).toBeInstanceOf(OneTimeError);
          expect((error as OneTimeError).kind).toBe("invalid_link");
        }
      }),
      propertyParameters,
    );
  }, propertyTimeout);

  it("parseFragment reads back what formatFragment writes, and nothing else", () => {
    fc.assert(
      fc.property(secretId, key, fc.boolean(), (id, bytes, passphraseRequired) => {
        expect(parseFragment(formatFragment(id, bytes, passphraseRequired))).toEqual({ id, key: bytes, passphraseRequired });
      }),
      propertyParameters,
    );
    fc.assert(
      fc.property(mutatedLink(validLinks.map((l) => l.slice(l.indexOf("#") + 1))), (fragment) => {
        const parsed = parseFragment(fragment);

        if (parsed) expect(formatFragment(parsed.id, parsed.key, parsed.passphraseRequired)).toBe(fragment);
      }),
      propertyParameters,
    );
  }, propertyTimeout);

  it("starts from seeds that are what they claim to be", () => {
    for (const link of validLinks) expect(reformatted(link)).toBe(link);
    for (const link of envelopeVectors.links.invalid) expect(parseLink(link)).toBeUndefined();
  });
});
