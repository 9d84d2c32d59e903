import { describe, expect, it } from "vitest";
import { canGenerate, clampTo, defaultSettings, entropyBits, generate, strength, type GeneratorSettings } from "./generators.js";

const settings = (change: Partial<GeneratorSettings>): GeneratorSettings => ({ ...defaultSettings(), ...change });

describe("entropyBits", () => {
  it("gives each kind's figure for the defaults", () => {
    expect(entropyBits(settings({ kind: "password" }))).toBeCloseTo(24 * Math.log2(70), 10); // 147.1
    expect(entropyBits(settings({ kind: "passphrase" }))).toBeCloseTo(6 * Math.log2(7_776), 10); // 77.5
    expect(entropyBits(settings({ kind: "apiKey" }))).toBe(256);
  });
});

describe("strength", () => {
  it("names the bands at 48, 72 and 128 bits", () => {
    expect([0, 47.9, 48, 71.9, 72, 127.9, 128, 512].map(strength)).toEqual(["weak", "weak", "fair", "fair", "strong", "strong", "veryStrong", "veryStrong"]);
  });

  it("calls the defaults very strong, strong and very strong", () => {
    expect(strength(entropyBits(settings({ kind: "password" })))).toBe("veryStrong");
    expect(strength(entropyBits(settings({ kind: "passphrase" })))).toBe("strong");
    expect(strength(entropyBits(settings({ kind: "apiKey" })))).toBe("veryStrong");
  });
});

describe("clampTo", () => {
  const bounds = { min: 8, max: 128, default: 24 };

  it("keeps a whole number in bounds, moves others to the nearest, and gives the default for none", () => {
    expect([8, 50, 128, 3, 500, 12.4, 12.6, Number.NaN].map((value) => clampTo(bounds, value))).toEqual([8, 50, 128, 8, 128, 12, 13, 24]);
  });
});

describe("canGenerate", () => {
  it("needs a character class for a password only", () => {
    const none = { ...defaultSettings().password, classes: [] };

    expect(canGenerate(settings({ password: none }))).toBe(false);
    expect(canGenerate(settings({ kind: "passphrase", password: none }))).toBe(true);
    expect(canGenerate(defaultSettings())).toBe(true);
  });
});

describe("generate", () => {
  it("makes each kind with its options", async () => {
    expect(await generate(settings({ kind: "password", password: { length: 30, classes: ["digits"] } }))).toMatch(/^[2-9]{30}$/);
    expect((await generate(settings({ kind: "passphrase", passphrase: { words: 4, separator: "period", capitalize: false } }))).split(".")).toHaveLength(4);
    expect(await generate(settings({ kind: "apiKey", apiKey: { bytes: 20, encoding: "hex" } }))).toMatch(/^[0-9a-f]{40}$/);
  });
});
