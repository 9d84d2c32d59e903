import { catalogs, DefaultLanguage, type Language } from "./catalogs.js";
import type { MessageKey } from "./en.js";
import { negotiate, type Choice } from "./negotiate.js";

// The language the page speaks now. The reader's choice on the switcher is kept in localStorage (no cookie: the
// server never learns it); private modes that refuse storage still get the browser's language.
const StorageKey = "onetime-language";

let current: Choice = { language: DefaultLanguage, locale: DefaultLanguage };

export function currentLanguage(): Language {
  return current.language;
}

/** Settles the language from the stored choice and navigator.languages; the page calls it once, before rendering. */
export function initLanguage(): Language {
  current = negotiate(navigator.languages ?? [navigator.language], readChoice());
  return current.language;
}

/** The reader picked a language on the switcher: use it now and on their next visit. */
export function chooseLanguage(language: Language): void {
  current = negotiate(navigator.languages ?? [navigator.language], language);
  try {
    localStorage.setItem(StorageKey, language);
  } catch {
    // Storage refused (a private mode, a policy): the choice lasts for this page only.
  }
}

function readChoice(): string | null {
  try {
    return localStorage.getItem(StorageKey);
  } catch {
    return null;
  }
}

/** The text for key in the current language, with each "{name}" replaced by values[name]. */
export function t(key: MessageKey, values: Record<string, string> = {}): string {
  return catalogs[current.language][key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** A byte count as the reader writes sizes: "983 bytes", "48.8 kB", "0,9 MB", "12 ko". Binary multiples, as before. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return new Intl.NumberFormat(current.locale, { style: "unit", unit: "byte", unitDisplay: "long" }).format(bytes);
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, "kilobyte"] : [bytes / 1024 / 1024, "megabyte"];
  const digits = unit === "megabyte" || value < 10 ? 1 : 0;
  return new Intl.NumberFormat(current.locale, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: digits }).format(value);
}

/** A moment as the reader writes it: weekday, day, month and time, in their clock (12 or 24 hours). */
export function formatWhen(date: Date): string {
  return new Intl.DateTimeFormat(current.locale, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(date);
}

/** A span of whole minutes, hours or days in words: "5 minutes", "1 Stunde", "30 días". */
export function formatDuration(value: number, unit: "second" | "minute" | "hour" | "day"): string {
  return new Intl.NumberFormat(current.locale, { style: "unit", unit, unitDisplay: "long" }).format(value);
}

export function locale(): string {
  return current.locale;
}
