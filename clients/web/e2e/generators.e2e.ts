// The generator beside the secret field, in every language: a password, a passphrase (from the EFF list, fetched only
// when asked for) and an API key, each with its entropy in the page's language; the value last generated is sent
// and read back in another browser. Screenshots of the panel land in screenshots/gen-*.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { strength, type Strength } from "../src/ui/generators.js";
import { catalogs, languages, type Language } from "../src/ui/i18n/catalogs.js";
import type { MessageKey } from "../src/ui/i18n/en.js";
import { parseWordList } from "../src/ui/passphrases.js";
import { CharacterClasses } from "../src/ui/passwords.js";
import { freshPage, launch, screenshot } from "./browser.js";

const webUrl = inject("webUrl");
const readerLocale = { en: "en-GB", de: "de-DE", es: "es-ES", fr: "fr-FR", pt: "pt-BR" } as const;
const effWords = new Set(parseWordList(readFileSync(new URL("../../wordlists/eff_large_wordlist.txt", import.meta.url), "utf8")));
const strengthKeys: Record<Strength, MessageKey> = { weak: "strengthWeak", fair: "strengthFair", strong: "strengthStrong", veryStrong: "strengthVeryStrong" };
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The entropy line as the page should word it: whole bits rounded down, and the strength word for them. */
function entropyText(language: Language, bits: number): string {
  const text = catalogs[language];
  return text.generatorEntropy.replace("{bits}", String(Math.floor(bits))).replace("{strength}", text[strengthKeys[strength(bits)]]);
}

async function expectEntropy(page: Page, language: Language, bits: number): Promise<void> {
  await page.locator(".entropy").getByText(entropyText(language, bits), { exact: true }).waitFor();
}

/** Presses the Generate button and waits for the secret field to change; returns what it holds. */
async function generateInto(page: Page, language: Language, button: MessageKey): Promise<string> {
  const field = page.getByLabel(catalogs[language].secretLabel, { exact: true });
  const before = await field.inputValue();
  await page.getByRole("button", { name: catalogs[language][button] }).click();
  await page.waitForFunction(([id, old]) => (document.getElementById(id!) as HTMLTextAreaElement).value !== old, [await field.getAttribute("id"), before]);
  await page.getByRole("status").filter({ hasText: catalogs[language].generatedStatus }).waitFor();
  return field.inputValue();
}

const kinds = {
  async password(page: Page, language: Language): Promise<string> {
    const text = catalogs[language];
    await page.getByRole("radio", { name: text.kindPassword, exact: true }).check();
    await page.getByLabel(text.generatorLength).fill("40");
    await page.getByLabel(text.classSymbols).uncheck();
    await expectEntropy(page, language, 40 * Math.log2(24 + 25 + 8)); // 233 bits
    const password = await generateInto(page, language, "generatePassword");
    expect(password).toHaveLength(40);
    expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]+$/);
    for (const name of ["upper", "lower", "digits"] as const) expect([...CharacterClasses[name]].some((char) => password.includes(char)), name).toBe(true);
    return password;
  },

  async passphrase(page: Page, language: Language): Promise<string> {
    const text = catalogs[language];
    await page.getByRole("radio", { name: text.kindPassphrase, exact: true }).check();
    await page.getByLabel(text.generatorWords).fill("7");
    await page.getByLabel(text.generatorSeparator).selectOption({ label: text.separatorSpace });
    expect(await page.getByRole("link", { name: text.generatorWordList }).getAttribute("href")).toBe("https://www.eff.org/dice");
    expect(await page.getByRole("link", { name: "CC BY 3.0" }).getAttribute("href")).toBe("https://creativecommons.org/licenses/by/3.0/us/");
    await expectEntropy(page, language, 7 * Math.log2(7_776)); // 90 bits
    const passphrase = await generateInto(page, language, "generatePassphrase");
    const words = passphrase.split(" ");
    expect(words).toHaveLength(7);
    for (const word of words) expect(effWords.has(word), word).toBe(true);
    return passphrase;
  },

  async apiKey(page: Page, language: Language): Promise<string> {
    const text = catalogs[language];
    await page.getByRole("radio", { name: text.kindApiKey, exact: true }).check();
    await page.getByLabel(text.generatorBytes).fill("24");
    await page.getByLabel(text.generatorEncoding).selectOption({ label: text.encodingHex });
    await expectEntropy(page, language, 192);
    const key = await generateInto(page, language, "generateApiKey");
    expect(key).toMatch(/^[0-9a-f]{48}$/);
    return key;
  },
};
const order = Object.keys(kinds) as (keyof typeof kinds)[];

describe.each(languages)("in %s", (language) => {
  const text = catalogs[language];
  const locale = readerLocale[language];

  it("generates a password, a passphrase and an API key, and the last one round-trips", async () => {
    const sender = await freshPage(browser, { locale });
    const wordListRequests: string[] = [];
    sender.page.on("request", (request) => {
      if (request.url().includes("eff_large_wordlist")) wordListRequests.push(request.url());
    });
    await sender.page.goto(webUrl + "/");
    await sender.page.getByRole("heading", { name: text.createHeading }).waitFor();
    const toggle = sender.page.getByRole("button", { name: text.generator });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");

    // Each language ends on another kind, so each kind is sent and read back in some language.
    const index = languages.indexOf(language);
    const kindsInOrder = [...order.slice((index + 1) % 3), ...order.slice(0, (index + 1) % 3)];
    let generated = "";
    for (const kind of kindsInOrder) {
      if (kind === "passphrase") expect(wordListRequests).toEqual([]); // not fetched before a passphrase is asked for
      generated = await kinds[kind](sender.page, language);
      await screenshot(sender.page, `gen-${language}-${kind}`);
    }
    expect(wordListRequests).toHaveLength(1);
    expect(await sender.page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie)).not.toContain(generated);

    await sender.page.getByRole("button", { name: text.createLink }).click();
    await sender.page.getByRole("heading", { name: text.linkReadyHeading }).waitFor();
    const link = await sender.page.getByLabel(text.secretLink).inputValue();

    const reader = await freshPage(browser, { locale });
    await reader.page.goto(link);
    await reader.page.getByRole("button", { name: text.revealSecret }).click();
    await reader.page.getByRole("heading", { name: text.secretHeading }).waitFor();
    expect(await reader.page.locator("#secret-text").textContent()).toBe(generated);
    expect([...sender.problems, ...reader.problems]).toEqual([]);
    await Promise.all([sender.context.close(), reader.context.close()]);
  });
});

describe("the generator panel", () => {
  it("works from the keyboard, keeps its choices across a language switch, and never sends the form by itself", async () => {
    const sender = await freshPage(browser, { locale: "en-US" });
    await sender.page.goto(webUrl + "/");
    const toggle = sender.page.getByRole("button", { name: "Generator" });
    await toggle.focus();
    await sender.page.keyboard.press("Enter");
    await sender.page.keyboard.press("Tab"); // the checked kind: Password
    await sender.page.keyboard.press("ArrowRight");
    expect(await sender.page.getByRole("radio", { name: "Passphrase" }).isChecked()).toBe(true);
    await sender.page.keyboard.press("ArrowRight");
    expect(await sender.page.getByRole("radio", { name: "API key" }).isChecked()).toBe(true);

    const bytes = sender.page.getByLabel("Bytes");
    await bytes.fill("500");
    await bytes.press("Enter"); // would submit the form, sending an empty secret
    await bytes.press("Tab"); // leaving the field brings it within 16 to 64
    expect(await bytes.inputValue()).toBe("64");
    await expectEntropy(sender.page, "en", 512);
    expect(await sender.page.getByRole("alert").count()).toBe(0);

    await sender.page.getByLabel("Language").selectOption({ label: "Deutsch" });
    await sender.page.getByRole("heading", { name: catalogs.de.createHeading }).waitFor();
    expect(await sender.page.getByRole("radio", { name: catalogs.de.kindApiKey }).isChecked()).toBe(true);
    expect(await sender.page.getByLabel(catalogs.de.generatorBytes).inputValue()).toBe("64");
    await sender.page.getByLabel(catalogs.de.generatorBytes).focus();
    await sender.page.keyboard.press("Escape");
    const toggleDe = sender.page.getByRole("button", { name: catalogs.de.generator });
    expect(await toggleDe.getAttribute("aria-expanded")).toBe("false");
    expect(await toggleDe.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await sender.page.getByRole("radio").count()).toBe(0);
    expect(sender.problems).toEqual([]);
    await sender.context.close();
  });

  it("asks for a character class when none is chosen", async () => {
    const sender = await freshPage(browser, { locale: "en-US", phone: true });
    await sender.page.goto(webUrl + "/");
    await sender.page.getByRole("button", { name: "Generator" }).click();
    for (const name of ["Uppercase", "Lowercase", "Digits", "Symbols"]) await sender.page.getByLabel(name).uncheck();
    await sender.page.locator(".entropy").getByText("Choose at least one kind of character.").waitFor();
    expect(await sender.page.getByRole("button", { name: "Generate a password" }).isDisabled()).toBe(true);
    await sender.page.getByLabel("Digits").check();
    await expectEntropy(sender.page, "en", 24 * 3);
    await screenshot(sender.page, "gen-en-phone");
    expect(sender.problems).toEqual([]);
    await sender.context.close();
  });
});
