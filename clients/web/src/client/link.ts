// The link grammar of protos/README.md: <base-url>/s#1[p].<id>.<key>. Parsing rejects anything else before any call.
import { fromBase64Url, toBase64Url } from "./bytes.js";
import { KeySize } from "./envelope.js";
// punycode.js from npm, by its file: a bare "punycode" is Node's deprecated built-in module (DEP0040). Its CommonJS
// file, which Node's ESM loader and bundlers both import by default; the package's ESM file has no "type" to tell Node
// it is a module, which Node 20 before 20.19 (and 22 before 22.7) does not detect.
import punycode from "punycode/punycode.js";

export const LinkVersion = "1";
export const PassphraseFlag = "p";
export const RevealPath = "/s";
const IdLength = 22; // 16 bytes, base64url without padding (StoreResponse.id)
const KeyLength = 43; // 32 bytes, base64url without padding
const base64url = /^[A-Za-z0-9_-]+$/;

export interface ParsedLink {
  /** Where the service answers gRPC-Web; no trailing "/". */
  baseUrl: string;
  id: string;
  key: Uint8Array;
  passphraseRequired: boolean;
}

export interface ParsedFragment {
  id: string;
  key: Uint8Array;
  passphraseRequired: boolean;
}

/** Parses the part after "#" (without the "#"); undefined when it is not exactly version [p] "." id "." key. */
export function parseFragment(fragment: string): ParsedFragment | undefined {
  const parts = fragment.split(".");
  if (parts.length !== 3) return undefined;
  const [head, id, keyText] = parts;
  const passphraseRequired = head === LinkVersion + PassphraseFlag;
  if (head !== LinkVersion && !passphraseRequired) return undefined;
  if (id.length !== IdLength || !base64url.test(id)) return undefined;
  if (keyText.length !== KeyLength || !base64url.test(keyText)) return undefined;
  const key = fromBase64Url(keyText);
  // 43 characters carry 258 bits: only the canonical spelling (spare bits zero) is accepted, so one key has one link.
  if (!key || key.length !== KeySize || toBase64Url(key) !== keyText) return undefined;
  return { id, key, passphraseRequired };
}

export function formatFragment(id: string, key: Uint8Array, passphraseRequired: boolean): string {
  return `${LinkVersion}${passphraseRequired ? PassphraseFlag : ""}.${id}.${toBase64Url(key)}`;
}

/** The base URL as a link carries it: http(s), no userinfo, query or fragment, and no trailing "/". */
export function normalizeBaseUrl(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password || url.search || url.hash) return undefined;
  return url.origin + url.pathname.replace(/\/+$/, "");
}

export function formatLink(baseUrl: string, id: string, key: Uint8Array, passphraseRequired: boolean): string {
  const base = normalizeBaseUrl(baseUrl);
  if (base === undefined) throw new RangeError(`Not a base URL for links: ${baseUrl}`);
  return `${base}${RevealPath}#${formatFragment(id, key, passphraseRequired)}`;
}

// The base URL's one canonical spelling (protos/README.md "Link"), the same pattern the C# client applies
// (BaseUrlGrammar.cs); what it leaves to the URL parser (IPv4/IPv6 forms, default ports) the round trip below checks.
const canonicalBaseUrl =
  /^(https|http):\/\/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?|\[[0-9a-f:]+\])(?::[1-9][0-9]{0,4})?((?:\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-F]{2})+)*)$/;
const unreserved = /[A-Za-z0-9\-._~]/;
const MaxLabelLength = 63; // RFC 1035 §2.3.4, as DNS carries a name
const MaxNameLength = 253; // in text, without the final "."

/** A name DNS can carry; the URL standard does not check, and a link to any other opens nowhere. */
function fitsDns(host: string): boolean {
  if (host.startsWith("[")) return true;
  const name = host.endsWith(".") ? host.slice(0, -1) : host;
  return name.length <= MaxNameLength && name.split(".").every((label) => label.length <= MaxLabelLength);
}

/**
 * The text canonical Punycode stands for, or undefined: punycode.js throws a RangeError on what it cannot decode, and
 * decodes deltas to surrogate code points (U+D800–U+DFFF), which no U-label has (the URL parser refuses them too).
 */
function decodeCanonicalPunycode(text: string): string | undefined {
  try {
    const u = punycode.decode(text);
    return punycode.encode(u) === text && !/\p{Cs}/u.test(u) ? u : undefined;
  } catch {
    return undefined;
  }
}

const rightToLeft = (c: number) =>
  (c >= 0x590 && c <= 0x8ff) || (c >= 0xfb1d && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff) || (c >= 0x10800 && c <= 0x10fff) || (c >= 0x1e800 && c <= 0x1efff);

/**
 * protos/README.md "Link", an xn-- label's rules 1 to 4 (the URL parser checks rule 5): canonical Punycode (the rest
 * decodes with punycode.js, RFC 3492, to Unicode characters, and encoding them gives the same text back, so `xn---tda`
 * is not `xn--tda`) of a U-label with a non-ASCII character, in NFC, not beginning with a mark, without the hyphens
 * RFC 5891 forbids, and right-to-left only as a whole.
 */
function isIdnLabel(label: string): boolean {
  const u = decodeCanonicalPunycode(label.slice(4));
  if (u === undefined || !/[^\0-\x7f]/.test(u) || u.normalize("NFC") !== u || /^\p{M}/u.test(u)) return false;
  if (u.startsWith("-") || u.endsWith("-") || u.slice(2, 4) === "--") return false;
  const chars = [...u].map((c) => c.codePointAt(0)!);
  if (!chars.some(rightToLeft)) return true;
  return (
    chars.every(rightToLeft) &&
    /^\p{L}/u.test(u) &&
    /[\p{L}\p{Nd}]\p{M}*$/u.test(u) &&
    !(chars.some((c) => c >= 0x660 && c <= 0x669) && chars.some((c) => c >= 0x6f0 && c <= 0x6f9))
  );
}

/** RFC 3986 §6.2.2: no escaped unreserved character ("%73" for "s"), no dot segments. */
function hasCanonicalSegments(path: string): boolean {
  return path
    .split("/")
    .slice(1)
    .every(
      (segment) =>
        segment !== "." &&
        segment !== ".." &&
        [...segment.matchAll(/%([0-9A-F]{2})/g)].every((m) => !unreserved.test(String.fromCharCode(parseInt(m[1], 16)))),
    );
}

/**
 * Splits a link to a page (`path`: "/s", or "/r" for requests) into its base URL and what follows "#", checking the
 * raw string, never a repaired one: one spelling per link, the same in every client.
 */
export function splitLink(link: string, path: string): { baseUrl: string; fragment: string } | undefined {
  const hash = link.indexOf("#");
  if (hash < 0) return undefined;
  const before = link.slice(0, hash);
  if (!before.endsWith(path) || before.includes("?")) return undefined;
  const baseText = before.slice(0, -path.length);
  const match = canonicalBaseUrl.exec(baseText);
  if (!match || !fitsDns(match[2]) || !hasCanonicalSegments(match[3])) return undefined;
  if (!match[2].split(".").every((label) => !label.startsWith("xn--") || isIdnLabel(label))) return undefined;
  const baseUrl = normalizeBaseUrl(baseText);
  if (baseUrl === undefined || baseUrl !== baseText) return undefined;
  return { baseUrl, fragment: link.slice(hash + 1) };
}

/** Parses the raw string, never a repaired one: one spelling per link, the same in every client. */
export function parseLink(link: string): ParsedLink | undefined {
  const split = splitLink(link, RevealPath);
  const fragment = split && parseFragment(split.fragment);
  return fragment && { baseUrl: split.baseUrl, ...fragment };
}
