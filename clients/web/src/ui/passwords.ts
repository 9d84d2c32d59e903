// Random passwords from the character classes the sender picks, each character uniform over their union
// (random.ts). The classes leave out look-alikes (I, O, l, 0, 1), so a password read aloud or typed from a screen
// stays right; the symbols are printable ASCII without quotes, backslash, brackets or space, which forms and
// configuration files tend to mangle.
import { randomBelow } from "./random.js";

export type CharacterClass = "upper" | "lower" | "digits" | "symbols";

export const CharacterClasses: Readonly<Record<CharacterClass, string>> = {
  upper: "ABCDEFGHJKLMNPQRSTUVWXYZ", // 24: no I, O
  lower: "abcdefghijkmnopqrstuvwxyz", // 25: no l
  digits: "23456789", // 8: no 0, 1
  symbols: "!#$%&*+-=?@^_", // 13
};

export const PasswordLength = { min: 8, max: 128, default: 24 } as const;

export interface PasswordOptions {
  length: number;
  classes: readonly CharacterClass[];
}

export function passwordAlphabet(classes: readonly CharacterClass[]): string {
  return [...new Set(classes)].map((name) => CharacterClasses[name]).join("");
}

/**
 * A password of the given length with at least one character of every chosen class. A candidate that misses a class
 * is thrown away whole and drawn again, so every string that has all the classes is equally likely; putting one
 * character of each class in a chosen place would instead make those places guessable.
 */
export function generatePassword({ length, classes }: PasswordOptions): string {
  const alphabet = passwordAlphabet(classes);
  if (alphabet.length === 0) throw new RangeError("A password needs at least one character class.");
  if (!Number.isInteger(length) || length < PasswordLength.min || length > PasswordLength.max) {
    throw new RangeError(`A password is ${PasswordLength.min} to ${PasswordLength.max} characters long.`);
  }
  // At 8 characters with all four classes, 44% of candidates have every class; more with length.
  for (;;) {
    const candidate = randomBelow(alphabet.length, length).map((index) => alphabet[index]).join("");
    if (classes.every((name) => [...CharacterClasses[name]].some((char) => candidate.includes(char)))) return candidate;
  }
}

/**
 * Bits of entropy: length × log2(alphabet size), every character uniform over the chosen classes. Rejecting the
 * candidates that miss a class leaves fewer possible passwords, so the true figure is a little lower: 1.2 bits at
 * 8 characters with all four classes, 0.1 bits at 24, less beyond; the strength hint does not need that precision.
 */
export function passwordEntropy({ length, classes }: PasswordOptions): number {
  return length * Math.log2(passwordAlphabet(classes).length);
}
