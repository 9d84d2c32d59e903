import { afterEach, describe, expect, it, vi } from "vitest";
import { fromBase64Url, fromHex } from "../client/bytes.js";
import { apiKeyEntropy, ApiKeyBytes, generateApiKey } from "./api-keys.js";
import { stubRandomValues } from "./random-testing.js";

afterEach(() => vi.restoreAllMocks());

describe("generateApiKey", () => {
  it.each([ApiKeyBytes.min, ApiKeyBytes.default, 33, ApiKeyBytes.max])("spells %i bytes as unpadded base64url that decodes back to them", (bytes) => {
    const key = generateApiKey({ bytes, encoding: "base64url" });

    expect(key).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(key).toHaveLength(Math.ceil((bytes * 4) / 3));
    expect(fromBase64Url(key)).toHaveLength(bytes);
  });

  it.each([ApiKeyBytes.min, ApiKeyBytes.default, ApiKeyBytes.max])("spells %i bytes as lower-case hex", (bytes) => {
    const key = generateApiKey({ bytes, encoding: "hex" });

    expect(key).toMatch(/^[0-9a-f]+$/);
    expect(key).toHaveLength(2 * bytes);
    expect(fromHex(key)).toHaveLength(bytes);
  });

  it("spells the CSPRNG's bytes unchanged", () => {
    const bytes = Array.from({ length: 16 }, (_, i) => 255 - i * 7);
    stubRandomValues(bytes);
    const hex = generateApiKey({ bytes: 16, encoding: "hex" });
    stubRandomValues(bytes);
    const base64url = generateApiKey({ bytes: 16, encoding: "base64url" });

    expect(Array.from(fromHex(hex))).toEqual(bytes);
    expect(Array.from(fromBase64Url(base64url)!)).toEqual(bytes);
  });

  it("refuses fewer than 16 or more than 64 bytes", () => {
    for (const bytes of [15, 65, 20.5]) expect(() => generateApiKey({ bytes, encoding: "hex" })).toThrow(RangeError);
  });
});

describe("apiKeyEntropy", () => {
  it("is 8 bits a byte, whatever the encoding", () => {
    expect(apiKeyEntropy({ bytes: 32, encoding: "base64url" })).toBe(256);
    expect(apiKeyEntropy({ bytes: 16, encoding: "hex" })).toBe(128);
  });
});
