// The whole path a newcomer takes: create a link, open it in another browser, reveal it once, find it gone.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { OneTimeClient } from "../src/client/client.js";
import { freshPage, launch, screenshot } from "./browser.js";
import { createFileLink, createTextLink, revealText } from "./pages.js";
import { decodeQr } from "./zbar.js";

const webUrl = inject("webUrl");
const api = new OneTimeClient({ baseUrl: webUrl });
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("text secret", () => {
  it("creates a link, shows nothing before the click, reveals once, then says it was read", async () => {
    const sender = await freshPage(browser);
    const link = await createTextLink(sender.page, webUrl, "correct-horse-battery-staple", {
      expiry: "1 hour",
      shot: (page) => screenshot(page, "01-create-text"),
    });
    await screenshot(sender.page, "02-link-ready");
    expect(decodeQr(await sender.page.getByRole("img", { name: "QR code of the link" }).screenshot())).toBe(link);

    const reader = await freshPage(browser);
    const calls: string[] = [];
    reader.page.on("request", (request) => void (request.method() === "POST" && calls.push(new URL(request.url()).pathname)));
    await reader.page.goto(link);
    await reader.page.getByRole("button", { name: "Reveal secret" }).waitFor();
    await screenshot(reader.page, "03-reveal-ready");
    expect(await reader.page.locator("main").textContent()).not.toContain("correct-horse");
    expect(calls).toEqual(["/onetime.v1.SecretService/Exists"]);
    expect((await api.exists(link)).exists).toBe(true); // opening the page read nothing

    const text = await revealText(reader.page);
    await screenshot(reader.page, "04-revealed-text");
    expect(text).toBe("correct-horse-battery-staple");
    expect(new URL(reader.page.url()).hash).toBe(""); // the key left the address bar
    expect((await api.exists(link)).exists).toBe(false);

    await reader.page.reload();
    await reader.page.getByRole("heading", { name: "This secret was already read" }).waitFor();
    await screenshot(reader.page, "05-reload-already-read");

    const late = await freshPage(browser);
    await late.page.goto(link);
    await late.page.getByRole("heading", { name: "This secret is gone" }).waitFor();
    await screenshot(late.page, "06-second-visit-gone");
    expect(new URL(late.page.url()).hash).toBe("");
    expect([...sender.problems, ...reader.problems, ...late.problems]).toEqual([]);
    await Promise.all([sender.context.close(), reader.context.close(), late.context.close()]);
  });

  it("treats markup in a secret as text and runs nothing", async () => {
    const payload = `<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2</script>`;
    const link = (await api.send({ kind: "text", text: payload })).link;
    const reader = await freshPage(browser);

    await reader.page.goto(link);
    const text = await revealText(reader.page);
    await screenshot(reader.page, "07-markup-as-text");

    expect(text).toBe(payload);
    expect(await reader.page.locator("main img, main script").count()).toBe(0);
    expect(await reader.page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(reader.problems).toEqual([]);
    await reader.context.close();
  });
});

describe("passphrase", () => {
  it("asks for it; a wrong one deletes nothing, the right one reveals", async () => {
    const sender = await freshPage(browser, { phone: true });
    const link = await createTextLink(sender.page, webUrl, "guarded by a passphrase", {
      passphrase: "open sesame",
      shot: (page) => screenshot(page, "08-create-passphrase-phone"),
    });
    await screenshot(sender.page, "09-link-ready-passphrase-phone");
    expect(link).toContain("/s#1p.");

    const reader = await freshPage(browser, { phone: true });
    await reader.page.goto(link);
    await reader.page.getByLabel("Passphrase").fill("open sesame!");
    await reader.page.getByRole("button", { name: "Reveal secret" }).click();
    await reader.page.getByRole("alert").filter({ hasText: "did not open it" }).waitFor();
    await screenshot(reader.page, "10-wrong-passphrase-phone");
    expect((await api.exists(link, "open sesame")).exists).toBe(true);

    await reader.page.getByLabel("Passphrase").fill("open sesame");
    expect(await revealText(reader.page)).toBe("guarded by a passphrase");
    await screenshot(reader.page, "11-revealed-phone");
    expect([...sender.problems, ...reader.problems]).toEqual([]);
    await Promise.all([sender.context.close(), reader.context.close()]);
  });
});

describe("file secret", () => {
  it("downloads exactly the bytes sent, under a name that stays text", async () => {
    const data = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7 + 3) % 256));
    const name = `<b onmouseover=alert(1)>report</b>.bin`;
    const sender = await freshPage(browser, { dark: true });
    const link = await createFileLink(sender.page, webUrl, { name, mimeType: "application/octet-stream", buffer: data }, {
      shot: (page) => screenshot(page, "12-create-file-dark"),
    });
    await screenshot(sender.page, "13-link-ready-dark");

    const reader = await freshPage(browser, { dark: true });
    await reader.page.goto(link);
    await reader.page.getByRole("button", { name: "Reveal secret" }).click();
    await reader.page.getByRole("heading", { name: "Here is your file" }).waitFor();
    await screenshot(reader.page, "14-revealed-file-dark");
    expect(await reader.page.locator(".file-name").textContent()).toBe(name.replace(/\//g, "_"));
    expect(await reader.page.locator("main b").count()).toBe(0);

    const [download] = await Promise.all([reader.page.waitForEvent("download"), reader.page.getByRole("button", { name: "Download" }).click()]);
    const received = await new Promise<Buffer>((resolve, reject) => {
      void download.createReadStream().then((stream) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve(Buffer.concat(chunks))).on("error", reject);
      });
    });
    expect(received.equals(data)).toBe(true);
    expect([...sender.problems, ...reader.problems]).toEqual([]);
    await Promise.all([sender.context.close(), reader.context.close()]);
  });
});
