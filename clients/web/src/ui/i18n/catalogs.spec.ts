import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { catalogs, languages } from "./catalogs.js";
import { en } from "./en.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe.each(languages.filter((language) => language !== "en"))("the %s catalog", (language) => {
  const catalog: Record<string, string> = catalogs[language];

  it("has exactly the English keys", () => {
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
  });

  it("has the same placeholders as English in every text", () => {
    for (const [key, text] of Object.entries(en)) {
      expect(placeholders(catalog[key] ?? ""), key).toEqual(placeholders(text));
    }
  });

  it("has no empty text and names its own language", () => {
    for (const [key, text] of Object.entries(catalog)) expect(text.trim(), key).not.toBe("");
    expect(catalog.languageName).not.toBe(en.languageName);
  });
});

describe("the pages' HTML", () => {
  // The HTML carries English for readers without JavaScript; the script replaces it from the catalog by key.
  it.each(["index.html", "s.html", "r.html", "404.html"])("%s names catalog keys, with the English text", (file) => {
    const html = readFileSync(new URL(`../../../${file}`, import.meta.url), "utf8");
    const tagged = [...html.matchAll(/data-i18n="(\w+)"[^>]*>([^<]*)</g)];
    expect(tagged.length).toBeGreaterThan(0);
    for (const [, key, text] of tagged) expect(text, key).toBe((en as Record<string, string>)[key]);
    for (const [, key] of html.matchAll(/data-i18n-label="(\w+)"/g)) expect(Object.keys(en)).toContain(key);
  });
});
