// The key leaves the address bar and the history the moment the reveal page runs, before any click; what a reload
// or the Back button then shows; file names that could disguise themselves; object URLs that do not outlive the
// download; the store down behind a working server.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { OneTimeClient } from "../src/client/client.js";
import { freshPage, launch, screenshot } from "./browser.js";
import { deadPort, startServer, type RunningServer } from "./server.js";

const webUrl = inject("webUrl");
const api = new OneTimeClient({ baseUrl: webUrl });
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("the key in the address", () => {
  it("is gone from location and history before any click, and a reload says to open the link again", async () => {
    const { link } = await api.send({ kind: "text", text: "not yet revealed" });
    const reader = await freshPage(browser);
    // Hold Exists: what the page does with the address must not wait for the network.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await reader.page.route("**/onetime.v1.SecretService/Exists", async (route) => {
      await held;
      await route.continue();
    });

    await reader.page.goto(link);
    await reader.page.getByRole("heading", { name: "Checking the link…" }).waitFor();
    expect(await reader.page.evaluate(() => location.href)).not.toContain("#");
    expect(new URL(reader.page.url()).hash).toBe("");
    release();
    await reader.page.getByRole("button", { name: "Reveal secret" }).waitFor();

    // Elsewhere and back: the history entry has no key to give back.
    await reader.page.goto(webUrl + "/");
    await reader.page.goBack();
    expect(reader.page.url()).toBe(`${webUrl}/s`);
    await reader.page.getByRole("heading", { name: "Open the link again" }).waitFor();
    await reader.page.reload();
    await reader.page.getByRole("heading", { name: "Open the link again" }).waitFor();
    await screenshot(reader.page, "18-reload-open-again");
    expect(await reader.page.locator("main").textContent()).toContain("open the link again from the original message");
    expect((await api.exists(link)).exists).toBe(true); // nothing was read

    // The original message's link still works, once, even pasted into this same tab (only the fragment changes).
    await reader.page.goto(link);
    await reader.page.getByRole("button", { name: "Reveal secret" }).click();
    await reader.page.getByRole("heading", { name: "Here is your secret" }).waitFor();
    expect(await reader.page.evaluate(() => location.hash)).toBe("");
    expect(reader.problems).toEqual([]);
    await reader.context.close();
  });

  it("is taken out of an incomplete link too, which stays incomplete on a reload", async () => {
    const reader = await freshPage(browser);
    await reader.page.goto(`${webUrl}/s#1.AAECAwQFBgcICQoLDA0ODw.AAECAwQFBgcICQoLDA0O`);
    await reader.page.getByRole("heading", { name: "This link is incomplete" }).waitFor();
    expect(new URL(reader.page.url()).hash).toBe("");
    await reader.page.reload();
    await reader.page.getByRole("heading", { name: "This link is incomplete" }).waitFor();
    await reader.context.close();
  });
});

describe("a file secret", () => {
  it("shows and downloads a name without the override that disguises its extension, and revokes its object URL", async () => {
    const data = Buffer.from("MZ not really a program");
    const { link } = await api.send({ kind: "file", name: "invoice\u202Efdp.exe", mediaType: "application/pdf\u202E", data });
    const reader = await freshPage(browser, { dark: true });
    await reader.page.addInitScript(() => {
      const made: string[] = [];
      const revoked: string[] = [];
      const create = URL.createObjectURL.bind(URL);
      const revoke = URL.revokeObjectURL.bind(URL);
      URL.createObjectURL = (object) => {
        const url = create(object);
        made.push(url);
        return url;
      };
      URL.revokeObjectURL = (url) => {
        revoked.push(url);
        revoke(url);
      };
      Object.assign(window, { __blobs: { made, revoked } });
    });

    await reader.page.goto(link);
    await reader.page.getByRole("button", { name: "Reveal secret" }).click();
    await reader.page.getByRole("heading", { name: "Here is your file" }).waitFor();
    await screenshot(reader.page, "19-file-name-bidi-dark");
    expect(await reader.page.locator(".file-name").textContent()).toBe("invoicefdp.exe");
    expect(await reader.page.locator(".file-meta .hint").textContent()).toContain("application/pdf");
    expect(await reader.page.locator(".file-meta .hint").textContent()).not.toContain("\u202E");

    for (let click = 0; click < 2; click++) {
      // Twice: the bytes stay in the page until it closes, each download gets its own URL.
      const [download] = await Promise.all([reader.page.waitForEvent("download"), reader.page.getByRole("button", { name: "Download" }).click()]);
      expect(download.suggestedFilename()).toBe("invoicefdp.exe");
      expect(await download.failure()).toBeNull();
    }
    await reader.page.waitForFunction(() => {
      const { made, revoked } = (window as unknown as { __blobs: { made: string[]; revoked: string[] } }).__blobs;
      return made.length === 2 && made.every((url) => revoked.includes(url));
    });
    expect(reader.problems).toEqual([]);
    await reader.context.close();
  });
});

describe("the store down behind a working server", () => {
  let down: RunningServer;
  let redis: { port: number; close: () => void };
  beforeAll(async () => {
    // Redis on a port held for the test that drops every connection: the server starts, and every call finds the
    // store unavailable.
    redis = await deadPort();
    down = await startServer({ OneTime__Store: "redis", OneTime__Redis__Url: `redis://127.0.0.1:${redis.port}` });
  });
  afterAll(() => {
    down?.stop();
    redis?.close();
  });

  it("says on the reveal page that the service is unavailable and the secret is not lost", async () => {
    const reader = await freshPage(browser);
    await reader.page.goto(`${down.webUrl}/s#1.AAECAwQFBgcICQoLDA0ODw.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8`);
    await reader.page.getByRole("heading", { name: "OneTime is unavailable right now" }).waitFor();
    const said = await reader.page.locator("main").textContent();
    expect(said).toContain("Your secret is not lost");
    expect(said).not.toContain("connection");
    await screenshot(reader.page, "20-store-down-reveal");
    await reader.page.getByRole("button", { name: "Try again" }).click();
    await reader.page.getByRole("heading", { name: "OneTime is unavailable right now" }).waitFor();
    await reader.context.close();
  });

  it("says on the create page that nothing was sent and the secret is still in the form", async () => {
    const sender = await freshPage(browser);
    await sender.page.goto(down.webUrl + "/");
    await sender.page.getByLabel("Secret", { exact: true }).fill("keep me");
    await sender.page.getByRole("button", { name: "Create link" }).click();
    const alert = sender.page.getByRole("alert");
    await alert.filter({ hasText: "OneTime is unavailable right now" }).waitFor();
    expect(await alert.textContent()).not.toContain("connection");
    expect(await sender.page.getByLabel("Secret", { exact: true }).inputValue()).toBe("keep me");
    await screenshot(sender.page, "21-store-down-create");
    await sender.context.close();
  });
});
