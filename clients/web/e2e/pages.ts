// What a person does on the two pages, by role and label as a screen reader would find them.
import { expect } from "vitest";
import type { Page } from "playwright-core";

export interface CreateOptions {
  passphrase?: string;
  expiry?: string; // an option label, e.g. "1 hour"
  views?: string; // an option label, e.g. "2 times"
  shot?: (page: Page) => Promise<void>; // called on the filled form before "Create link"
}

export async function createTextLink(page: Page, webUrl: string, text: string, options: CreateOptions = {}): Promise<string> {
  await page.goto(webUrl + "/");
  await page.getByLabel("Secret", { exact: true }).fill(text);
  return submit(page, options);
}

export async function createFileLink(page: Page, webUrl: string, file: { name: string; mimeType: string; buffer: Buffer }, options: CreateOptions = {}): Promise<string> {
  await page.goto(webUrl + "/");
  await page.getByRole("tab", { name: "File" }).click();
  await page.locator("input[type=file]").setInputFiles(file);
  return submit(page, options);
}

async function submit(page: Page, options: CreateOptions): Promise<string> {
  if (options.expiry) await page.getByLabel("Expires after").selectOption({ label: options.expiry });
  if (options.views) await page.getByLabel("Can be opened").selectOption({ label: options.views });
  if (options.passphrase) await page.getByLabel("Passphrase", { exact: true }).fill(options.passphrase);
  await options.shot?.(page);
  await page.getByRole("button", { name: "Create link" }).click();
  await page.getByRole("heading", { name: "Your link is ready" }).waitFor();
  const link = await page.getByLabel("Secret link").inputValue();
  expect(link).toMatch(/\/s#1p?\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
  return link;
}

/** Reveals the secret on a reveal page, with a note for the sender when given. */
export async function revealText(page: Page, options: { note?: string } = {}): Promise<string> {
  if (options.note !== undefined) await page.getByLabel("Note for the sender (optional)").fill(options.note);
  await page.getByRole("button", { name: "Reveal secret" }).click();
  await page.getByRole("heading", { name: "Here is your secret" }).waitFor();
  return (await page.locator("#secret-text").textContent()) ?? "";
}

/** Clicks "Check status" (the first, or the one inside scope) and waits for a status line that says expected. */
export async function checkStatus(page: Page, expected: string | RegExp, scope = page.locator("body")): Promise<string> {
  await scope.getByRole("button", { name: "Check status" }).click();
  const line = scope.getByRole("status").filter({ hasText: expected });
  await line.waitFor();
  return (await line.textContent()) ?? "";
}
