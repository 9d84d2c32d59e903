import { DefaultLanguage, isLanguage, type Language } from "./catalogs.js";

export interface Choice {
  /** The catalog to show. */
  language: Language;
  /** The locale for dates and numbers: the reader's own tag when it is of that language ("pt-BR", "en-GB"). */
  locale: string;
}

/**
 * Picks the language: the one the reader chose on the switcher, else the first of the browser's preferred languages
 * (navigator.languages, most preferred first) we have a catalog for, matched on the primary subtag (RFC 4647 lookup,
 * simplified: our catalogs have no regional variants), else English.
 */
export function negotiate(preferred: readonly string[], chosen?: string | null): Choice {
  const primary = (tag: string) => tag.split("-")[0].toLowerCase();
  const language = isLanguage(chosen) ? chosen : (preferred.map(primary).find(isLanguage) ?? DefaultLanguage);
  const locale = preferred.find((tag) => primary(tag) === language && isValidLocale(tag)) ?? language;
  return { language, locale };
}

function isValidLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}
