// What the requester and the sender do on the request pages, by role and label.
import { expect } from "vitest";
import type { Page } from "playwright-core";

export const requestLinkPattern = /\/r#1\.[A-Za-z0-9_-]{87}(\.[A-Za-z0-9_-]+)?$/;
export const replyLinkPattern = /\/s#1r\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{87}\.[A-Za-z0-9_-]{12}$/;

export interface MadeRequest {
  link: string;
  fingerprint: string;
}

/** From the home page: "Request a secret", a note, then the request-ready page. */
export async function makeRequest(page: Page, webUrl: string, note: string, shot?: (page: Page) => Promise<void>): Promise<MadeRequest> {
  await page.goto(webUrl + "/");
  await page.getByRole("link", { name: "Need a secret from someone else? Request it" }).click();
  await page.getByRole("heading", { name: "Request a secret" }).waitFor();
  if (note) await page.getByLabel("What do you need?").fill(note);
  await shot?.(page);
  await page.getByRole("button", { name: "Create request link" }).click();
  await page.getByRole("heading", { name: "Your request link is ready" }).waitFor();
  const link = await page.getByRole("textbox", { name: "Request link", exact: true }).inputValue();
  expect(link).toMatch(requestLinkPattern);
  return { link, fingerprint: await fingerprintOn(page) };
}

export async function fingerprintOn(page: Page): Promise<string> {
  const fingerprint = (await page.locator("output.fingerprint").textContent()) ?? "";
  expect(fingerprint).toMatch(/^\d{4} \d{4} \d{4} \d{4} \d{4}$/);
  return fingerprint;
}

/** On the sender's page for a request: type the secret (or pick a file) and get the reply link. */
export async function answerRequest(
  page: Page,
  secret: string | { name: string; mimeType: string; buffer: Buffer },
  shot?: (page: Page) => Promise<void>,
): Promise<string> {
  await page.getByRole("heading", { name: "Someone asks you for a secret" }).waitFor();
  if (typeof secret === "string") {
    await page.getByLabel("Secret", { exact: true }).fill(secret);
  } else {
    await page.getByRole("tab", { name: "File" }).click();
    await page.locator("input[type=file]").setInputFiles(secret);
  }
  await shot?.(page);
  await page.getByRole("button", { name: "Encrypt and create reply link" }).click();
  await page.getByRole("heading", { name: "Your reply link is ready" }).waitFor();
  const link = await page.getByRole("textbox", { name: "Reply link", exact: true }).inputValue();
  expect(link).toMatch(replyLinkPattern);
  return link;
}
