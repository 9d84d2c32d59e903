// Properties of request and reply links (protos/README.md "Requests and replies"), as link.property.spec.ts has them
// for secret links: what the formatters make, the parsers read back; whatever a parser accepts is the one spelling its
// formatter writes; and any string gets a result or the typed invalid_link error, never another exception.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { OneTimeError } from "./errors.js";
import { canonicalBaseUrl, invalidLinks, mutatedLink, propertyParameters, propertyTimeout, secretId, validLinks, validReplyLinks, validRequestLinks } from "./property-testing.js";
import { EcdhP256, formatReplyLink, formatRequestLink, noteProblem, parseReplyLink, parseRequestLink } from "./request.js";
import { requireReplyLink, requireRequestLink } from "./requests.js";

const keyId = fc.stringMatching(/^[A-Za-z0-9_-]{12}$/);
// Notes of every kind of character, within what a sender may send: 0 to 200 UTF-8 bytes, no unpaired surrogate.
const note = fc.string({ unit: fc.oneof(fc.constant("x"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })), maxLength: 80 }).filter((n) => noteProblem(n) === undefined);
const seeds = [...validRequestLinks, ...validReplyLinks, ...validLinks, ...invalidLinks];

async function reformattedRequest(text: string): Promise<string | undefined> {
  const parsed = await parseRequestLink(text);
  return parsed && formatRequestLink(parsed.baseUrl, parsed.requesterKey, parsed.note);
}

async function reformattedReply(text: string): Promise<string | undefined> {
  const parsed = await parseReplyLink(text);
  return parsed && formatReplyLink(parsed.baseUrl, parsed.id, parsed.ephemeralKey, parsed.keyId);
}

async function expectLinkOrInvalid(read: () => Promise<unknown>): Promise<void> {
  try {
    await read();
  } catch (error) {
    expect(error).toBeInstanceOf(OneTimeError);
    expect((error as OneTimeError).kind).toBe("invalid_link");
  }
}

describe("request and reply link properties", () => {
  // Real P-256 points (making a key pair a run would spend the budget on key generation).
  const points: Uint8Array[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 8; i++) {
      const pair = await crypto.subtle.generateKey(EcdhP256, true, ["deriveBits"]);
      points.push(new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey)));
    }
  });
  const point = fc.nat().map((i) => points[i % points.length]);

  it("starts from seeds that are what they claim to be", async () => {
    for (const link of validRequestLinks) expect(await reformattedRequest(link)).toBe(link);
    for (const link of validReplyLinks) expect(await reformattedReply(link)).toBe(link);
  });

  it("parseRequestLink reads back every request link formatRequestLink makes", async () => {
    await fc.assert(
      fc.asyncProperty(canonicalBaseUrl, point, note, async (baseUrl, requesterKey, text) => {
        const parsed = await parseRequestLink(formatRequestLink(baseUrl, requesterKey, text));

        expect(parsed).toMatchObject({ baseUrl, requesterKey, note: text });
      }),
      propertyParameters,
    );
  }, propertyTimeout);

  it("parseReplyLink reads back every reply link formatReplyLink makes", async () => {
    await fc.assert(
      fc.asyncProperty(canonicalBaseUrl, secretId, point, keyId, async (baseUrl, id, ephemeralKey, kid) => {
        const parsed = await parseReplyLink(formatReplyLink(baseUrl, id, ephemeralKey, kid));

        expect(parsed).toEqual({ baseUrl, id, ephemeralKey, keyId: kid });
      }),
      propertyParameters,
    );
  }, propertyTimeout);

  it("accepts a changed link only in the spelling its formatter writes for it", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedLink(seeds), async (text) => {
        const request = await reformattedRequest(text);
        const reply = await reformattedReply(text);

        if (request !== undefined) expect(request).toBe(text);
        if (reply !== undefined) expect(reply).toBe(text);
      }),
      propertyParameters,
    );
  }, propertyTimeout);

  it("answers any string with a link or invalid_link, never another exception", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: "binary" }), mutatedLink(seeds)), async (text) => {
        await expectLinkOrInvalid(() => requireRequestLink(text));
        await expectLinkOrInvalid(() => requireReplyLink(text));
      }),
      propertyParameters,
    );
  }, propertyTimeout);
});
