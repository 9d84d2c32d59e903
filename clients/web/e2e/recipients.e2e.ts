// One secret to several recipients: one independent link each under the sender's labels, read in separate browsers
// and followed one by one; a Burn that burns one, and Burn all. The labels never reach the server.
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Browser, Page, Request } from "playwright-core";
import { OneTimeClient } from "../src/client/client.js";
import { freshPage, launch, screenshot } from "./browser.js";
import { revealText } from "./pages.js";

const webUrl = inject("webUrl");
const api = new OneTimeClient({ baseUrl: webUrl });
const labels = ["Ålice Ørsted", "Bob on-call", "Carol 🔑"];
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Fills the form with recipients, keeps every request the page makes, and gives each recipient's link. */
async function createForRecipients(page: Page, text: string, requests: Request[], shot?: string): Promise<Map<string, string>> {
  page.on("request", (request) => void requests.push(request));
  await page.goto(webUrl + "/");
  await page.getByLabel("Secret", { exact: true }).fill(text);
  await page.getByLabel("Recipients").fill(labels.join(", "));
  if (shot) await screenshot(page, shot);
  await page.getByRole("button", { name: "Create link" }).click();
  await page.getByRole("heading", { name: "Your links are ready" }).waitFor();
  const links = new Map<string, string>();
  for (const label of labels) links.set(label, await page.getByLabel(`Link for ${label}`).inputValue());
  return links;
}

const recipient = (page: Page, label: string) => page.getByRole("region", { name: label });

it("makes one link per recipient, each read in its own browser and shown read, and no request carries a label", async () => {
  const sender = await freshPage(browser);
  const requests: Request[] = [];
  const links = await createForRecipients(sender.page, "the shared deploy key", requests, "50-create-recipients");
  await screenshot(sender.page, "51-recipients-ready");

  expect(new Set(links.values()).size).toBe(3);
  const stores = requests.filter((r) => r.url().endsWith("/onetime.v1.SecretService/Store"));
  expect(stores).toHaveLength(3);

  const readers = [];
  for (const [label, link] of links) {
    const reader = await freshPage(browser);
    await reader.page.goto(link);
    expect(await revealText(reader.page, { note: `thanks from ${label.split(" ")[0]}` })).toBe("the shared deploy key");
    readers.push(reader);
  }

  await sender.page.getByRole("button", { name: "Check all" }).click();
  for (const label of labels) {
    const row = recipient(sender.page, label);
    await row.getByRole("status").filter({ hasText: /^Read .*, confirmed by the reader’s client\.$/ }).waitFor();
    expect(await row.locator(".reader-note").textContent()).toBe(`The reader’s note: thanks from ${label.split(" ")[0]}`);
  }
  await screenshot(sender.page, "52-recipients-all-read");

  // Everything the page sent (Store, Exists, GetLimits) is free of the labels, in the body, URL and headers.
  for (const request of requests) {
    const sent = Buffer.concat([Buffer.from(request.url() + JSON.stringify(await request.allHeaders())), request.postDataBuffer() ?? Buffer.alloc(0)]);
    for (const label of labels) {
      expect(sent.includes(Buffer.from(label)), `${request.url()} carries ${label}`).toBe(false);
      for (const word of label.split(" ")) expect(sent.includes(Buffer.from(word)), `${request.url()} carries ${word}`).toBe(false);
    }
  }
  expect([...sender.problems, ...readers.flatMap((r) => r.problems)]).toEqual([]);
  await Promise.all([sender.context, ...readers.map((r) => r.context)].map((c) => c.close()));
});

it("burns one recipient's link alone, then the rest with Burn all", async () => {
  const sender = await freshPage(browser);
  const links = await createForRecipients(sender.page, "sent to one too many", []);
  const bob = recipient(sender.page, "Bob on-call");

  await bob.getByRole("button", { name: "Burn now" }).click();
  await bob.getByRole("button", { name: "Yes, burn it" }).click();
  await bob.getByRole("status").filter({ hasText: "Burned" }).waitFor();

  expect((await api.status(links.get("Bob on-call")!)).state).toBe("gone");
  expect((await api.status(links.get("Ålice Ørsted")!)).state).toBe("waiting");
  expect((await api.status(links.get("Carol 🔑")!)).state).toBe("waiting");
  await sender.page.getByRole("button", { name: "Check all" }).click();
  await recipient(sender.page, "Ålice Ørsted").getByRole("status").filter({ hasText: "Not opened yet" }).waitFor();
  await recipient(sender.page, "Carol 🔑").getByRole("status").filter({ hasText: "Not opened yet" }).waitFor();
  await screenshot(sender.page, "53-recipients-one-burned");

  await sender.page.getByRole("button", { name: "Burn all" }).click();
  await sender.page.getByText("Burn every link now?").waitFor();
  await screenshot(sender.page, "54-recipients-burn-all-confirm");
  await sender.page.getByRole("button", { name: "Yes, burn them all" }).click();
  for (const label of ["Ålice Ørsted", "Carol 🔑"]) await recipient(sender.page, label).getByRole("status").filter({ hasText: "Burned" }).waitFor();
  expect(await sender.page.getByRole("button", { name: "Burn all" }).isVisible()).toBe(false);
  await screenshot(sender.page, "55-recipients-all-burned");

  for (const link of links.values()) expect((await api.status(link)).state).toBe("gone");
  expect(sender.problems).toEqual([]);
  await sender.context.close();
});

it("explains a recipients field it cannot take, and sends nothing", async () => {
  const sender = await freshPage(browser);
  let calls = 0;
  sender.page.on("request", (request) => void (request.url().endsWith("/Store") && calls++));
  await sender.page.goto(webUrl + "/");
  await sender.page.getByLabel("Secret", { exact: true }).fill("x");

  for (const [field, message] of [
    ["Alice", "Name from 2 to 20 recipients"],
    ["Alice, Bob,", "One of the recipients has no name"],
    ["Alice, alice", "“alice” is there twice"],
    [`${"x".repeat(41)}, Bob`, "at most 40 characters a name"],
  ]) {
    await sender.page.getByLabel("Recipients").fill(field);
    await sender.page.getByRole("button", { name: "Create link" }).click();
    await sender.page.getByRole("alert").filter({ hasText: message }).waitFor();
  }
  await screenshot(sender.page, "56-recipients-error");
  expect(calls).toBe(0);
  await sender.context.close();
});

it("speaks German on the recipients' page", async () => {
  const sender = await freshPage(browser, { locale: "de-DE" });
  await sender.page.goto(webUrl + "/");
  await sender.page.getByLabel("Geheimnis", { exact: true }).fill("für das Team");
  await sender.page.getByLabel("Empfänger").fill("Anna, Ben");
  await sender.page.getByRole("button", { name: "Link erstellen" }).click();
  await sender.page.getByRole("heading", { name: "Ihre Links sind fertig" }).waitFor();
  await sender.page.getByRole("button", { name: "Alle prüfen" }).click();
  await recipient(sender.page, "Ben").getByRole("status").filter({ hasText: "Noch nicht geöffnet" }).waitFor();
  await sender.page.getByRole("button", { name: "Alle vernichten" }).click();
  await sender.page.getByText("Alle Links jetzt vernichten?").waitFor();
  await screenshot(sender.page, "57-de-recipients-burn-all-confirm");
  expect(await sender.page.getByLabel("Link für Anna").inputValue()).toMatch(/\/s#1\./);
  expect(sender.problems).toEqual([]);
  await sender.context.close();
});
