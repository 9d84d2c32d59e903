// The three generators behind the create page's panel (generator-panel.ts): what the sender chose, how many bits of
// entropy that gives, and a strength word for it. Nothing here keeps or logs what it generates: the value goes to
// the secret field, and from there only into the encrypted payload.
import { apiKeyEntropy, ApiKeyBytes, generateApiKey, type ApiKeyOptions } from "./api-keys.js";
import { generatePassphrase, loadEffWordList, passphraseEntropy, PassphraseWords, type PassphraseOptions } from "./passphrases.js";
import { generatePassword, passwordEntropy, PasswordLength, type PasswordOptions } from "./passwords.js";

export type GeneratorKind = "password" | "passphrase" | "apiKey";
export const GeneratorKinds: readonly GeneratorKind[] = ["password", "passphrase", "apiKey"];

export interface GeneratorSettings {
  kind: GeneratorKind;
  password: PasswordOptions;
  passphrase: PassphraseOptions;
  apiKey: ApiKeyOptions;
}

export const defaultSettings = (): GeneratorSettings => ({
  kind: "password",
  password: { length: PasswordLength.default, classes: ["upper", "lower", "digits", "symbols"] },
  passphrase: { words: PassphraseWords.default, separator: "space", capitalize: false },
  apiKey: { bytes: ApiKeyBytes.default, encoding: "base64url" },
});

export interface Bounds {
  min: number;
  max: number;
  default: number;
}

/** A number field's value as a whole number within bounds: the nearest one, or the default for no number at all. */
export function clampTo(bounds: Bounds, value: number): number {
  if (!Number.isFinite(value)) return bounds.default;
  return Math.min(bounds.max, Math.max(bounds.min, Math.round(value)));
}

/** Whether the settings of the chosen kind can generate at all: a password needs a character class. */
export function canGenerate(settings: GeneratorSettings): boolean {
  return settings.kind !== "password" || settings.password.classes.length > 0;
}

export function entropyBits(settings: GeneratorSettings): number {
  switch (settings.kind) {
    case "password": return passwordEntropy(settings.password);
    case "passphrase": return passphraseEntropy(settings.passphrase);
    case "apiKey": return apiKeyEntropy(settings.apiKey);
  }
}

export type Strength = "weak" | "fair" | "strong" | "veryStrong";

// An offline attacker with a rack of GPUs against a fast hash tries about 10^12 guesses a second: 2^48 falls in
// minutes; 2^72 takes 150 years for half the space; 128 bits is as strong as the AES key that encrypts the secret.
// Below 48 bits a value holds only where guesses are limited (a login that locks or slows down).
export const StrengthBits = { fair: 48, strong: 72, veryStrong: 128 } as const;

export function strength(bits: number): Strength {
  if (bits >= StrengthBits.veryStrong) return "veryStrong";
  if (bits >= StrengthBits.strong) return "strong";
  if (bits >= StrengthBits.fair) return "fair";
  return "weak";
}

/** A new value of the chosen kind; a passphrase first loads the word list (once). */
export async function generate(settings: GeneratorSettings): Promise<string> {
  switch (settings.kind) {
    case "password": return generatePassword(settings.password);
    case "passphrase": return generatePassphrase(await loadEffWordList(), settings.passphrase);
    case "apiKey": return generateApiKey(settings.apiKey);
  }
}
