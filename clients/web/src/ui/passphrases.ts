// Passphrases: words drawn uniformly (random.ts) from the EFF large word list, clients/wordlists (CC BY 3.0 US, see
// NOTICE.md there). The list is loaded only when someone asks for a passphrase, so the create page does not carry it.
import { randomBelow } from "./random.js";

export const EffWordCount = 7_776; // 6^5, one word per five dice rolls: log2(7776) = 12.92 bits a word
export const EffCreditUrl = "https://www.eff.org/dice";
export const EffLicenceUrl = "https://creativecommons.org/licenses/by/3.0/us/";

export const PassphraseWords = { min: 3, max: 20, default: 6 } as const;

// No "none": without a separator, different word sequences can spell the same passphrase, and the entropy shown
// would overstate it.
export const Separators = { space: " ", hyphen: "-", period: "." } as const;
export type Separator = keyof typeof Separators;

export interface PassphraseOptions {
  words: number;
  separator: Separator;
  capitalize: boolean;
}

export function generatePassphrase(list: readonly string[], { words, separator, capitalize }: PassphraseOptions): string {
  if (!Number.isInteger(words) || words < PassphraseWords.min || words > PassphraseWords.max) {
    throw new RangeError(`A passphrase is ${PassphraseWords.min} to ${PassphraseWords.max} words long.`);
  }
  return randomBelow(list.length, words)
    .map((index) => (capitalize ? list[index][0].toUpperCase() + list[index].slice(1) : list[index]))
    .join(Separators[separator]);
}

/** Bits of entropy: words × log2(7776), each word uniform over the list; capitals and the separator add none. */
export function passphraseEntropy({ words }: PassphraseOptions): number {
  return words * Math.log2(EffWordCount);
}

/** The words of a list in the EFF's format: one "<five dice digits>\t<word>" line each. */
export function parseWordList(text: string): string[] {
  return text.split("\n").filter((line) => line !== "").map((line) => line.slice(line.indexOf("\t") + 1));
}

let effWords: Promise<readonly string[]> | undefined;

/** The EFF large word list, fetched (as a script of its own) the first time; a failed fetch is tried again next time. */
export function loadEffWordList(): Promise<readonly string[]> {
  effWords ??= import("../../../wordlists/eff_large_wordlist.txt?raw").then(
    ({ default: text }) => parseWordList(text),
    (error: unknown) => {
      effWords = undefined;
      throw error;
    });
  return effWords;
}
