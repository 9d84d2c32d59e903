import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { chooseLanguage, formatBytes, formatDuration, formatWhen, initLanguage, t } from "./translate.js";

function browser(languages: string[]): Map<string, string> {
  const stored = new Map<string, string>();
  vi.stubGlobal("navigator", { languages, language: languages[0] });
  vi.stubGlobal("localStorage", { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value) });
  return stored;
}

beforeEach(() => void browser(["en-US"]));
afterEach(() => vi.unstubAllGlobals());

describe("t", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    initLanguage();
    expect(t("sizeOfLimit", { size: "1 kB", limit: "2 kB" })).toBe("1 kB of 2 kB");
    expect(t("sizeOfLimit", { size: "1 kB" })).toBe("1 kB of {limit}");
  });

  it("speaks the browser's language, and the reader's choice once made, across visits", () => {
    const stored = browser(["de-DE", "en"]);
    expect(initLanguage()).toBe("de");
    expect(t("createLink")).toBe("Link erstellen");

    chooseLanguage("es");
    expect(t("createLink")).toBe("Crear enlace");
    expect(stored.get("onetime-language")).toBe("es");
    expect(initLanguage()).toBe("es"); // the next page load
  });

  it("still works when storage is refused", () => {
    vi.stubGlobal("localStorage", { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("denied"); } });
    vi.stubGlobal("navigator", { languages: ["fr-FR"], language: "fr-FR" });
    expect(initLanguage()).toBe("fr");
    chooseLanguage("pt");
    expect(t("download")).toBe("Baixar");
  });
});

describe("formats", () => {
  it("writes sizes the reader's way", () => {
    initLanguage();
    expect(formatBytes(900)).toBe("900 bytes");
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(983_020)).toBe("960 kB");
    expect(formatBytes(1536)).toBe("1.5 kB");
    browser(["de-DE"]);
    initLanguage();
    expect(formatBytes(1536)).toBe("1,5 kB");
    browser(["fr-FR"]);
    initLanguage();
    expect(formatBytes(2 * 1024 * 1024)).toBe("2\u202FMo") // a narrow no-break space, as French writes it;
  });

  it("writes durations and moments in the reader's words and clock", () => {
    browser(["de-DE"]);
    initLanguage();
    expect(formatDuration(1, "hour")).toBe("1 Stunde");
    expect(formatDuration(30, "day")).toBe("30 Tage");
    const when = new Date(2026, 10, 30, 14, 5);
    expect(formatWhen(when)).toBe("Mo., 30. Nov., 14:05");
    browser(["en-US"]);
    initLanguage();
    expect(formatWhen(when)).toBe("Mon, Nov 30, 02:05 PM");
  });
});
