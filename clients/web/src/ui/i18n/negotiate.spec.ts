import { describe, expect, it } from "vitest";
import { negotiate } from "./negotiate.js";

describe("negotiate", () => {
  it("takes the first preferred language there is a catalog for, with the reader's own locale for formats", () => {
    expect(negotiate(["ja-JP", "pt-BR", "en-US"])).toEqual({ language: "pt", locale: "pt-BR" });
    expect(negotiate(["de"])).toEqual({ language: "de", locale: "de" });
    expect(negotiate(["FR-ca", "fr"])).toEqual({ language: "fr", locale: "FR-ca" });
  });

  it("falls back to English when none matches or nothing is known", () => {
    expect(negotiate(["ja", "zh-Hant"])).toEqual({ language: "en", locale: "en" });
    expect(negotiate([])).toEqual({ language: "en", locale: "en" });
  });

  it("prefers the reader's choice on the switcher, and ignores a stored value that is no language of ours", () => {
    expect(negotiate(["de-DE", "en-GB"], "en")).toEqual({ language: "en", locale: "en-GB" });
    expect(negotiate(["es-MX"], "fr")).toEqual({ language: "fr", locale: "fr" });
    expect(negotiate(["es-MX"], "klingon")).toEqual({ language: "es", locale: "es-MX" });
    expect(negotiate(["es-MX"], "__proto__")).toEqual({ language: "es", locale: "es-MX" });
  });

  it("skips a preferred tag Intl cannot use for formats", () => {
    expect(negotiate(["de-x-", "de-AT"])).toEqual({ language: "de", locale: "de-AT" });
  });
});
