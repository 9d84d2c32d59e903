import { de } from "./de.js";
import { en, type Catalog } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { pt } from "./pt.js";

/** Every language the pages speak, by BCP 47 primary subtag; English is the fallback. */
export const catalogs = { en, de, es, fr, pt } satisfies Record<string, Catalog>;

export type Language = keyof typeof catalogs;
export const DefaultLanguage: Language = "en";
export const languages = Object.keys(catalogs) as Language[];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && Object.hasOwn(catalogs, value);
}
