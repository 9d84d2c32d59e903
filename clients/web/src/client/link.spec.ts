import { describe, expect, it } from "vitest";
import { formatFragment, formatLink, normalizeBaseUrl, parseFragment, parseLink } from "./link.js";

const id = "AAECAwQFBgcICQoLDA0ODw";
const key = Uint8Array.from({ length: 32 }, (_, i) => i);
const keyText = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

describe("formatLink", () => {
  it("drops a trailing slash from the base URL", () => {
    expect(formatLink("http://localhost:5080/", id, key, false)).toBe(`http://localhost:5080/s#1.${id}.${keyText}`);
  });

  it("marks a passphrase with p and never holds it", () => {
    expect(formatFragment(id, key, true)).toBe(`1p.${id}.${keyText}`);
  });

  it("refuses a base URL with a query or userinfo", () => {
    expect(() => formatLink("https://x.example/?a=1", id, key, false)).toThrow(RangeError);
    expect(() => formatLink("https://user@x.example", id, key, false)).toThrow(RangeError);
  });
});

describe("parseLink", () => {
  it("round-trips what formatLink makes", () => {
    const link = formatLink("https://example.org/tools/onetime", id, key, true);

    expect(parseLink(link)).toEqual({ baseUrl: "https://example.org/tools/onetime", id, key, passphraseRequired: true });
  });

  it("reads an IDN host in its canonical Punycode", () => {
    expect(parseLink(`https://xn--mnchen-3ya.example/s#1.${id}.${keyText}`)?.baseUrl).toBe("https://xn--mnchen-3ya.example");
  });

  it.each([
    ["a flag in upper case", `https://x.example/s#1P.${id}.${keyText}`],
    ["base64 instead of base64url", `https://x.example/s#1.${id.replace("A", "+")}.${keyText}`],
    ["a trailing slash before /s", `https://x.example//s#1.${id}.${keyText}`],
    ["userinfo", `https://u@x.example/s#1.${id}.${keyText}`],
    ["javascript:", `javascript:alert(1)//s#1.${id}.${keyText}`],
    ["Punycode with a needless delimiter (xn---tda for xn--tda)", `https://xn---tda.example/s#1.${id}.${keyText}`],
    ["Punycode of a lone surrogate (xn--ib9b, U+D800)", `https://xn--ib9b.example/s#1.${id}.${keyText}`],
    ["Punycode of a surrogate after a letter (xn--tda2021i, ü U+D800)", `https://xn--tda2021i.example/s#1.${id}.${keyText}`],
  ])("rejects %s", (_what, link) => {
    expect(parseLink(link)).toBeUndefined();
  });
});

describe("parseFragment", () => {
  it("reads the fragment the reveal page gets from location.hash", () => {
    expect(parseFragment(`1.${id}.${keyText}`)).toEqual({ id, key, passphraseRequired: false });
  });

  it("rejects an empty fragment", () => {
    expect(parseFragment("")).toBeUndefined();
  });
});

describe("normalizeBaseUrl", () => {
  it("keeps a path prefix", () => {
    expect(normalizeBaseUrl("https://example.org/tools/onetime/")).toBe("https://example.org/tools/onetime");
  });
});
