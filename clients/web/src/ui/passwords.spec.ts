import { afterEach, describe, expect, it, vi } from "vitest";
import { CharacterClasses, generatePassword, passwordAlphabet, passwordEntropy, PasswordLength, type CharacterClass } from "./passwords.js";
import { stubRandomValues } from "./random-testing.js";

afterEach(() => vi.restoreAllMocks());

const all = Object.keys(CharacterClasses) as CharacterClass[];
// Every non-empty choice of classes: the 15 subsets of the four.
const choices = Array.from({ length: 15 }, (_, i) => all.filter((_, bit) => ((i + 1) >> bit) & 1));

describe("generatePassword", () => {
  it.each([PasswordLength.min, PasswordLength.default, 57, PasswordLength.max])("gives %i characters", (length) => {
    expect(generatePassword({ length, classes: all })).toHaveLength(length);
  });

  it.each(choices.map((classes) => [classes.join("+"), classes] as const))("uses only %s, and each of them", (_, classes) => {
    const allowed = new Set(passwordAlphabet(classes));
    for (let i = 0; i < 25; i++) {
      const password = generatePassword({ length: PasswordLength.min, classes });
      expect([...password].every((char) => allowed.has(char)), password).toBe(true);
      for (const name of classes) expect([...CharacterClasses[name]].some((char) => password.includes(char)), `${name} in ${password}`).toBe(true);
    }
  });

  it("draws a whole new candidate when one misses a class, rather than patching it", () => {
    // Upper case and digits: 32 characters, so every byte is kept and byte b is character b mod 32.
    stubRandomValues([
      ...new Array(16).fill(0), // "AAAAAAAA" (and 8 spare bytes): no digit, thrown away
      0, 24, 0, 0, 0, 0, 0, 0, // "A2AAAAAA": 24 is "2", the first digit
    ]);

    expect(generatePassword({ length: 8, classes: ["upper", "digits"] })).toBe("A2AAAAAA");
  });

  it("leaves out the look-alikes I, O, l, 0 and 1", () => {
    expect(passwordAlphabet(all)).toHaveLength(70);
    expect(passwordAlphabet(all)).not.toMatch(/[IOl01]/);
  });

  it("differs every time", () => {
    const seen = new Set(Array.from({ length: 50 }, () => generatePassword({ length: 24, classes: all })));

    expect(seen.size).toBe(50);
  });

  it("refuses no class and lengths outside 8 to 128", () => {
    expect(() => generatePassword({ length: 24, classes: [] })).toThrow(RangeError);
    for (const length of [7, 129, 12.5]) expect(() => generatePassword({ length, classes: all })).toThrow(RangeError);
  });
});

describe("passwordEntropy", () => {
  it("is length × log2 of the chosen alphabet's size", () => {
    expect(passwordEntropy({ length: 24, classes: all })).toBeCloseTo(24 * Math.log2(70), 10);
    expect(passwordEntropy({ length: 24, classes: all })).toBeCloseTo(147.1, 1);
    expect(passwordEntropy({ length: 10, classes: ["digits"] })).toBe(30);
    expect(passwordEntropy({ length: 8, classes: ["upper", "digits"] })).toBe(40);
  });
});
