// Debian's Chromium driven by playwright-core: no browser download, no network but the server under test.
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { fileURLToPath } from "node:url";

const screenshots = fileURLToPath(new URL("../screenshots/", import.meta.url));

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.ONETIME_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu", "--no-first-run"],
  });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP violations seen so far: a clean run has none. */
  problems: string[];
}

/** A fresh context (no shared history, storage or cookies), as another person's browser would be. */
export async function freshPage(browser: Browser, options: { dark?: boolean; phone?: boolean; locale?: string } = {}): Promise<Watched> {
  const context = await browser.newContext({
    locale: options.locale ?? "en-US", // navigator.languages, which picks the pages' language
    colorScheme: options.dark ? "dark" : "light",
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1100, height: 860 },
    deviceScaleFactor: 1,
    acceptDownloads: true,
  });
  // Waits for a heading, an alert or an event end when it appears; the bound (playwright's default is 30 s) is for a
  // hang, generous for a machine that runs the server, Chromium and other tests side by side.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { context, page, problems };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}${name}.png`, fullPage: true, animations: "disabled" });
}
