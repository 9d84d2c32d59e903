// Links cross between the browser and the `onetime` CLI (C#), both ways, through the same server.
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { freshPage, launch, screenshot } from "./browser.js";
import { onetime } from "./cli.js";
import { checkStatus, createTextLink, revealText } from "./pages.js";

const webUrl = inject("webUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it("opens a link made by the CLI in the browser", async () => {
  const send = onetime(["send", "--host", webUrl], "made by the CLI: pässwörd 🔑");
  expect(send.status, send.stderr).toBe(0);
  const reader = await freshPage(browser);

  await reader.page.goto(send.stdout.trim());
  const text = await revealText(reader.page);
  await screenshot(reader.page, "18-cli-link-in-browser");

  expect(text).toBe("made by the CLI: pässwörd 🔑");
  await reader.context.close();
});

it("reads a link made in the browser with the CLI, once", async () => {
  const sender = await freshPage(browser);
  const link = await createTextLink(sender.page, webUrl, "made in the browser", { passphrase: "Ångström" });

  const read = onetime(["read", link], undefined, { ONETIME_PASSPHRASE: "Ångström" });
  const again = onetime(["read", link], undefined, { ONETIME_PASSPHRASE: "Ångström" });

  expect(read.status, read.stderr).toBe(0);
  expect(read.stdout).toBe("made in the browser");
  expect(again.status).toBe(3);
  await sender.context.close();
});

it("confirms a browser's link read by the CLI with --note: the browser's status shows it confirmed, with the note", async () => {
  const sender = await freshPage(browser);
  const link = await createTextLink(sender.page, webUrl, "for the CLI", { passphrase: "Ångström" });

  const read = onetime(["read", "--note", "read on the jump host ✓", link], undefined, { ONETIME_PASSPHRASE: "Ångström" });

  expect(read.status, read.stderr).toBe(0);
  expect(read.stdout).toBe("for the CLI");
  expect(read.stderr).toContain("the sender was told you read it");
  expect(await checkStatus(sender.page, /^Read /)).toContain("confirmed by the reader’s client");
  expect(await sender.page.locator(".reader-note").textContent()).toBe("The reader’s note: read on the jump host ✓");
  await screenshot(sender.page, "49-cli-confirmed-in-browser");
  await sender.context.close();
});
