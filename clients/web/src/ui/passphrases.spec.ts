import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import effText from "../../../wordlists/eff_large_wordlist.txt?raw";
import { EffWordCount, generatePassphrase, loadEffWordList, parseWordList, passphraseEntropy, PassphraseWords, Separators, type Separator } from "./passphrases.js";
import { stubRandomValues } from "./random-testing.js";

afterEach(() => vi.restoreAllMocks());

// clients/wordlists/NOTICE.md: the EFF's file, unchanged.
const EffSha256 = "addd35536511597a02fa0a9ff1e5284677b8883b83e986e43f15a3db996b903e";
const effWords = parseWordList(effText);
const small = ["alpha", "bravo", "charlie", "delta"];

describe("the EFF large word list", () => {
  it("is the EFF's file as the page imports it, byte for byte", () => {
    expect(createHash("sha256").update(effText, "utf8").digest("hex")).toBe(EffSha256);
  });

  it("has 7,776 different words, one per five dice rolls", () => {
    expect(effWords).toHaveLength(EffWordCount);
    expect(new Set(effWords).size).toBe(EffWordCount);
    expect(effWords.every((word) => /^[a-z]+(-[a-z]+)?$/.test(word))).toBe(true);
    expect(effWords.slice(0, 2)).toEqual(["abacus", "abdomen"]);
    expect(effWords.at(-1)).toBe("zoom");
  });

  it("is loaded lazily, the same words", async () => {
    expect(await loadEffWordList()).toEqual(effWords);
  });
});

describe("generatePassphrase", () => {
  it.each([PassphraseWords.min, PassphraseWords.default, PassphraseWords.max])("gives %i words, all from the list", (words) => {
    const phrase = generatePassphrase(effWords, { words, separator: "space", capitalize: false }).split(" ");

    expect(phrase).toHaveLength(words);
    for (const word of phrase) expect(effWords).toContain(word);
  });

  it.each(Object.entries(Separators) as [Separator, string][])("joins the words with the %s", (separator, between) => {
    const phrase = generatePassphrase(small, { words: 5, separator, capitalize: false });

    expect(phrase.split(between)).toHaveLength(5);
    for (const word of phrase.split(between)) expect(small).toContain(word);
  });

  it("capitalizes each word when asked, and only its first letter", () => {
    const words = generatePassphrase(effWords, { words: 8, separator: "period", capitalize: true }).split(".");

    for (const word of words) {
      expect(word[0]).toBe(word[0].toUpperCase());
      expect(effWords).toContain(word[0].toLowerCase() + word.slice(1));
    }
  });

  it("draws 16-bit indices and skips those at or above 62,208", () => {
    stubRandomValues([62_208, 0, 65_535, 7_775, 1]);

    expect(generatePassphrase(effWords, { words: 3, separator: "hyphen", capitalize: false })).toBe("abacus-zoom-abdomen");
  });

  it("refuses fewer than 3 or more than 20 words", () => {
    for (const words of [2, 21, 4.5]) expect(() => generatePassphrase(effWords, { words, separator: "space", capitalize: false })).toThrow(RangeError);
  });
});

describe("passphraseEntropy", () => {
  it("is 12.92 bits a word", () => {
    expect(passphraseEntropy({ words: 1, separator: "space", capitalize: false })).toBeCloseTo(12.925, 3);
    expect(passphraseEntropy({ words: 6, separator: "hyphen", capitalize: true })).toBeCloseTo(6 * Math.log2(7_776), 10);
    expect(passphraseEntropy({ words: 6, separator: "space", capitalize: false })).toBeCloseTo(77.55, 2);
  });
});
