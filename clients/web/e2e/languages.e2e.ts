// The pages in every language: picked from the browser's languages, switched by the reader and remembered, with
// sizes and dates in the reader's format, the footer's links, and the 404 page. Screenshots of each language of
// each page land in screenshots/lang-*.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { OneTimeClient } from "../src/client/client.js";
import { catalogs, languages } from "../src/ui/i18n/catalogs.js";
import { freshPage, launch, screenshot } from "./browser.js";

const webUrl = inject("webUrl");
const api = new OneTimeClient({ baseUrl: webUrl });
const readerLocale = { en: "en-GB", de: "de-DE", es: "es-ES", fr: "fr-FR", pt: "pt-BR" } as const;
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Opens the 404 page at a deep unknown path, as the server answers it (the server's tests cover which paths get
 * it); the page must find its script and style from any depth.
 */
async function openMissing(page: Page, path: string): Promise<void> {
  await page.route(webUrl + path, async (route) => {
    const page404 = await route.fetch({ url: `${webUrl}/404.html` });
    await route.fulfill({ response: page404, status: 404 });
  });
  await page.goto(webUrl + path);
}

/** Chromium logs the 404 status of the page itself as a console error; anything else is a problem. */
const besides404 = (problems: string[]) => problems.filter((problem) => !problem.includes("status of 404"));

async function expectLanguage(page: Page, language: keyof typeof catalogs, title: keyof (typeof catalogs)["en"]): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(readerLocale[language]);
  expect(await page.title()).toBe(catalogs[language][title]);
  expect(await page.locator(".tag").textContent()).toBe(catalogs[language].tagline);
  expect(await page.getByRole("link", { name: catalogs[language].sourceCode }).getAttribute("href")).toBe("https://github.com/onetime-project/onetime");
  expect(await page.getByRole("link", { name: catalogs[language].selfHost }).getAttribute("href")).toBe("https://github.com/onetime-project/onetime#self-host-in-two-minutes");
}

describe.each(languages)("in %s", (language) => {
  const text = catalogs[language];
  const locale = readerLocale[language];

  it("speaks the browser's language on both pages, sizes and dates in the reader's format", async () => {
    const sender = await freshPage(browser, { locale });
    await sender.page.goto(webUrl + "/");
    await sender.page.getByRole("heading", { name: text.createHeading }).waitFor();
    await expectLanguage(sender.page, language, "createPageTitle");
    const limit = await sender.page.evaluate((l) => new Intl.NumberFormat(l, { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 }).format(960), locale);
    expect(await sender.page.locator(".counter").textContent()).toContain(limit);
    const hour = await sender.page.evaluate((l) => new Intl.NumberFormat(l, { style: "unit", unit: "hour", unitDisplay: "long" }).format(1), locale);
    await sender.page.getByLabel(text.expiresAfter).selectOption({ label: hour });
    await sender.page.getByLabel(text.secretLabel, { exact: true }).fill("ein Geheimnis, un secret, um segredo");
    await screenshot(sender.page, `lang-${language}-1-create`);

    await sender.page.getByRole("button", { name: text.createLink }).click();
    await sender.page.getByRole("heading", { name: text.linkReadyHeading }).waitFor();
    const link = await sender.page.getByLabel(text.secretLink).inputValue();
    const expires = (await api.exists(link)).expiresAt!;
    const when = await sender.page.evaluate(([l, ms]) => new Intl.DateTimeFormat(l as string, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(new Date(ms as number)), [locale, expires.getTime()]);
    await sender.page.getByText(text.expiresAtUnlessOpened.replace("{when}", when)).waitFor();
    await screenshot(sender.page, `lang-${language}-2-link-ready`);

    const reader = await freshPage(browser, { locale });
    await reader.page.goto(link);
    await reader.page.getByRole("heading", { name: text.readyHeading }).waitFor();
    await expectLanguage(reader.page, language, "revealPageTitle");
    await screenshot(reader.page, `lang-${language}-3-reveal-ready`);
    await reader.page.getByRole("button", { name: text.revealSecret }).click();
    await reader.page.getByRole("heading", { name: text.secretHeading }).waitFor();
    await screenshot(reader.page, `lang-${language}-4-revealed`);
    await reader.page.reload();
    await reader.page.getByRole("heading", { name: text.alreadyReadTitle }).waitFor();
    expect([...sender.problems, ...reader.problems]).toEqual([]);
    await Promise.all([sender.context.close(), reader.context.close()]);
  });

  it("says a page does not exist, and links home", async () => {
    const lost = await freshPage(browser, { locale });
    await openMissing(lost.page, "/no/such/page");
    await lost.page.getByRole("heading", { name: text.notFoundHeading }).waitFor();
    await expectLanguage(lost.page, language, "notFoundPageTitle");
    await screenshot(lost.page, `lang-${language}-5-not-found`);
    await lost.page.getByRole("link", { name: text.goHome }).click();
    await lost.page.getByRole("heading", { name: text.createHeading }).waitFor();

    expect(besides404(lost.problems)).toEqual([]);
    await lost.context.close();
  });
});

describe("the language switcher", () => {
  it("switches in place, keeps what was typed, and is remembered without a cookie", async () => {
    const sender = await freshPage(browser, { locale: "ja-JP", phone: true }); // no catalog: English
    await sender.page.goto(webUrl + "/");
    await sender.page.getByLabel("Secret", { exact: true }).fill("kept across languages");
    await sender.page.getByLabel("Passphrase", { exact: true }).fill("pass");

    await sender.page.getByLabel("Language").selectOption({ label: "Français" });
    await sender.page.getByRole("heading", { name: catalogs.fr.createHeading }).waitFor();
    expect(await sender.page.getByLabel(catalogs.fr.secretLabel, { exact: true }).inputValue()).toBe("kept across languages");
    expect(await sender.page.getByLabel(catalogs.fr.passphrase, { exact: true }).inputValue()).toBe("pass");
    expect(await sender.page.evaluate(() => document.activeElement?.id)).toBe("language");
    await screenshot(sender.page, "lang-switched-fr-phone");

    await openMissing(sender.page, "/no-such-page");
    await sender.page.getByRole("heading", { name: catalogs.fr.notFoundHeading }).waitFor();
    expect(await sender.context.cookies()).toEqual([]);

    const other = await freshPage(browser, { locale: "ja-JP" }); // another browser: its own choice
    await other.page.goto(webUrl + "/");
    await other.page.getByRole("heading", { name: catalogs.en.createHeading }).waitFor();
    expect([...besides404(sender.problems), ...other.problems]).toEqual([]);
    await Promise.all([sender.context.close(), other.context.close()]);
  });

  it("translates the reveal page in place without reading the secret", async () => {
    const { link } = await api.send({ kind: "text", text: "still unread" }, { passphrase: "pw" });
    const reader = await freshPage(browser, { locale: "en-US" });
    await reader.page.goto(link);
    await reader.page.getByLabel("Passphrase").fill("pw");
    await reader.page.getByLabel("Language").selectOption({ label: "Español" });
    await reader.page.getByRole("heading", { name: catalogs.es.readyHeading }).waitFor();
    expect(await reader.page.getByLabel(catalogs.es.passphrase).inputValue()).toBe("pw");
    expect((await api.exists(link, "pw")).exists).toBe(true);
    await reader.page.getByRole("button", { name: catalogs.es.revealSecret }).click();
    await reader.page.getByRole("heading", { name: catalogs.es.secretHeading }).waitFor();
    expect(await reader.page.locator("#secret-text").textContent()).toBe("still unread");
    expect(reader.problems).toEqual([]);
    await reader.context.close();
  });
});
