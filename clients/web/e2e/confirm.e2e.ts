// Read confirmations between two browsers through the real server: the reader's note reaches the sender, a reader
// whose client sends none (an older one) leaves the read unconfirmed, and a confirmation the server (or whoever
// holds its Redis) makes up does not pass for the reader's.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { OneTimeClient } from "../src/client/client.js";
import { randomBytes } from "../src/client/bytes.js";
import { ConfirmationSize, sealConfirmation } from "../src/client/confirmation.js";
import { parseLink } from "../src/client/link.js";
import { freshPage, launch, screenshot } from "./browser.js";
import { checkStatus, createTextLink, revealText } from "./pages.js";
import { KeyPrefix, ReceiptHeaderSize, startRedis, type RunningRedis } from "./redis.js";
import { startServer, type RunningServer } from "./server.js";

const webUrl = inject("webUrl");
const ConfirmRead = "**/onetime.v1.SecretService/ConfirmRead";
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it("shows the sender the read confirmed by the reader's client, with the reader's note", async () => {
  const sender = await freshPage(browser);
  const link = await createTextLink(sender.page, webUrl, "db password: hunter2");
  const reader = await freshPage(browser);
  await reader.page.goto(link);
  await reader.page.getByLabel("Note for the sender (optional)").fill("got it, rotating now");
  await reader.page.getByText("20 bytes of 200 bytes").waitFor();
  await screenshot(reader.page, "40-reveal-with-note");

  expect(await revealText(reader.page)).toBe("db password: hunter2");
  await reader.page.getByText("The sender was told that you read it.").waitFor();
  await screenshot(reader.page, "41-revealed-sender-told");

  expect(await checkStatus(sender.page, /^Read /)).toMatch(/^Read .*, confirmed by the reader’s client\.$/);
  expect(await sender.page.locator(".status-line").getAttribute("class")).toBe("status-line dead confirmed");
  expect(await sender.page.locator(".reader-note").textContent()).toBe("The reader’s note: got it, rotating now");
  await screenshot(sender.page, "42-status-confirmed-note");
  expect(await new OneTimeClient({ baseUrl: webUrl }).status(link)).toMatchObject({ state: "read", confirmation: "confirmed", note: "got it, rotating now" });
  expect([...sender.problems, ...reader.problems]).toEqual([]);
  await Promise.all([sender.context.close(), reader.context.close()]);
});

it("shows the same in German, with a passphrase link", async () => {
  const sender = await freshPage(browser, { locale: "de-DE" });
  await sender.page.goto(webUrl + "/");
  await sender.page.getByLabel("Geheimnis", { exact: true }).fill("nur für dich");
  await sender.page.getByLabel("Passphrase", { exact: true }).fill("Ångström");
  await sender.page.getByRole("button", { name: "Link erstellen" }).click();
  const link = await sender.page.getByLabel("Geheimer Link").inputValue();
  const reader = await freshPage(browser, { locale: "de-DE" });
  await reader.page.goto(link);
  await reader.page.getByLabel("Passphrase", { exact: true }).fill("Ångström");
  await reader.page.getByLabel("Notiz für den Absender (optional)").fill("danke — erhalten");
  await screenshot(reader.page, "43-de-reveal-with-note");
  await reader.page.getByRole("button", { name: "Geheimnis anzeigen" }).click();
  await reader.page.getByText("Der Absender hat erfahren, dass Sie es gelesen haben.").waitFor();
  await screenshot(reader.page, "44-de-revealed-sender-told");

  await sender.page.getByRole("button", { name: "Status prüfen" }).click();
  await sender.page.getByRole("status").filter({ hasText: "bestätigt vom Client des Lesers" }).waitFor();
  expect(await sender.page.locator(".reader-note").textContent()).toBe("Notiz des Lesers: danke — erhalten");
  await screenshot(sender.page, "45-de-status-confirmed-note");
  expect([...sender.problems, ...reader.problems]).toEqual([]);
  await Promise.all([sender.context.close(), reader.context.close()]);
});

it("shows the read unconfirmed when the reader's client sends no confirmation (an older reader)", async () => {
  const sender = await freshPage(browser);
  const link = await createTextLink(sender.page, webUrl, "read by an old client");
  const reader = await freshPage(browser);
  // An older reader's client never calls ConfirmRead; failing the call here stands in for one.
  await reader.page.route(ConfirmRead, (route) => route.abort("connectionrefused"));
  await reader.page.goto(link);

  expect(await revealText(reader.page, { note: "this never arrives" })).toBe("read by an old client");
  await reader.page.getByText("The sender could not be told that you read it.").waitFor();
  await screenshot(reader.page, "46-revealed-sender-not-told");

  expect(await checkStatus(sender.page, /^Read /)).toMatch(/^Read .*: the server says so, unconfirmed\.$/);
  expect(await sender.page.locator(".status-line").getAttribute("class")).toBe("status-line dead");
  expect(await sender.page.locator(".reader-note").isVisible()).toBe(false);
  await screenshot(sender.page, "47-status-unconfirmed");
  expect(reader.problems.filter((p) => !p.includes("ERR_CONNECTION_REFUSED"))).toEqual([]);
  await Promise.all([sender.context.close(), reader.context.close()]);
});

describe("on a Redis store", () => {
  let redis: RunningRedis;
  let server: RunningServer;

  beforeAll(async () => {
    redis = await startRedis();
    server = await startServer({ OneTime__Store: "redis", OneTime__Redis__Url: redis.url });
  });
  afterAll(() => {
    server?.stop();
    redis?.stop();
  });

  it("keeps the reader's confirmation after the receipt's header", async () => {
    const sender = await freshPage(browser);
    const link = await createTextLink(sender.page, server.webUrl, "kept in Redis");
    const reader = await freshPage(browser);
    await reader.page.goto(link);
    await revealText(reader.page, { note: "ok" });
    await reader.page.getByText("The sender was told that you read it.").waitFor();

    expect(Number(redis.cli(["STRLEN", KeyPrefix + parseLink(link)!.id]))).toBe(ReceiptHeaderSize + ConfirmationSize);
    expect(await checkStatus(sender.page, /^Read /)).toContain("confirmed by the reader’s client");
    await Promise.all([sender.context.close(), reader.context.close()]);
  });

  it("shows a confirmation forged in Redis with a wrong key as one that does not verify", async () => {
    const sender = await freshPage(browser);
    const link = await createTextLink(sender.page, server.webUrl, "whoever holds the store cannot confirm this");
    const reader = await freshPage(browser);
    await reader.page.route(ConfirmRead, (route) => route.abort("connectionrefused"));
    await reader.page.goto(link);
    await revealText(reader.page);
    const key = KeyPrefix + parseLink(link)!.id;
    expect(Number(redis.cli(["STRLEN", key]))).toBe(ReceiptHeaderSize); // a receipt without a confirmation

    // The right format (285 bytes, version 1, this secret's id) sealed with a key that is not the link's.
    const id = parseLink(link)!.id;
    const forged = await sealConfirmation(randomBytes(32), id, "I read it, honest");
    expect(forged.length).toBe(ConfirmationSize);
    redis.cli(["SETRANGE", key, String(ReceiptHeaderSize)], forged);
    expect(Number(redis.cli(["STRLEN", key]))).toBe(ReceiptHeaderSize + ConfirmationSize);

    expect(await checkStatus(sender.page, /^Read /)).toMatch(/^Read .* says the server, but its confirmation does not verify\.$/);
    expect(await sender.page.locator(".status-line").getAttribute("class")).toBe("status-line dead");
    expect(await sender.page.locator(".reader-note").isVisible()).toBe(false);
    expect(await sender.page.getByText("I read it, honest").count()).toBe(0);
    await screenshot(sender.page, "48-status-invalid");
    expect(await new OneTimeClient({ baseUrl: server.webUrl }).status(link)).toMatchObject({ state: "read", confirmation: "invalid" });
    await Promise.all([sender.context.close(), reader.context.close()]);
  });
});
