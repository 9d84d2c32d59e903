// The link grammar of protos/README.md: <base-url>/s#1[p].<id>.<key>. Parsing rejects anything else before any call.
import { fromBase64Url, toBase64Url } from "./bytes.js";
import { KeySize } from "./envelope.js";

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

/** RFC 3492 §6.2 (lower-case digits, as the grammar allows): the text Punycode stands for, or undefined. */
function decodePunycode(text: string): string | undefined {
  const delimiter = text.lastIndexOf("-"); // at 0: a delimiter with no basic part, which no encoder writes
  const output = delimiter > 0 ? [...text.slice(0, delimiter)].map((c) => c.codePointAt(0)!) : [];
  let [n, i, bias] = [128, 0, 72];
  for (let at = delimiter > 0 ? delimiter + 1 : 0; at < text.length; ) {
    const old = i;
    for (let w = 1, k = 36; ; k += 36) {
      const c = at < text.length ? text.charCodeAt(at++) : -1;
      const digit = c >= 0x61 && c <= 0x7a ? c - 0x61 : c >= 0x30 && c <= 0x39 ? c - 22 : -1;
      if (digit < 0 || digit * w > 0x7fffffff - i) return undefined;
      i += digit * w;
      const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
      if (digit < t) break;
      w *= 36 - t;
    }
    let delta = old === 0 ? Math.floor((i - old) / 700) : Math.floor((i - old) / 2);
    delta += Math.floor(delta / (output.length + 1));
    let k = 0;
    for (; delta > 455; k += 36) delta = Math.floor(delta / 35);
    bias = k + Math.floor((36 * delta) / (delta + 38));
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return undefined;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

const rightToLeft = (c: number) =>
  (c >= 0x590 && c <= 0x8ff) || (c >= 0xfb1d && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff) || (c >= 0x10800 && c <= 0x10fff) || (c >= 0x1e800 && c <= 0x1efff);

/**
 * protos/README.md "Link", an xn-- label's rules 1 to 4 (the URL parser checks rule 5): canonical Punycode (the one
 * other spelling a decoder reads is a "-" before the deltas with no basic part, which decodePunycode refuses) of a
 * U-label with a non-ASCII character, in NFC, not beginning with a mark, without the hyphens RFC 5891 forbids, and
 * right-to-left only as a whole.
 */
function isIdnLabel(label: string): boolean {
  const u = decodePunycode(label.slice(4));
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
