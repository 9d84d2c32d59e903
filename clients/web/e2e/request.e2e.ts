// Request a secret across three browsers that share nothing: the requester, the sender, and a stranger who gets the
// reply link. Only the requester's browser, which holds the private key, opens the reply, and only once.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { freshPage, launch, screenshot } from "./browser.js";
import { answerRequest, fingerprintOn, makeRequest } from "./requests.js";
import { revealText } from "./pages.js";
import { decodeQr } from "./zbar.js";

const webUrl = inject("webUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The gRPC-Web calls a page makes, by method path. */
function watchCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on("request", (request) => void (request.method() === "POST" && calls.push(new URL(request.url()).pathname)));
  return calls;
}

describe("request a secret", () => {
  it("requester, sender and a stranger: the reply opens once, and only in the requester's browser", async () => {
    const requester = await freshPage(browser);
    await requester.page.goto(webUrl + "/");
    await screenshot(requester.page, "r01-home-with-request-entry");
    const request = await makeRequest(requester.page, webUrl, "The staging DB password, please", (page) => screenshot(page, "r02-request-form"));
    await screenshot(requester.page, "r03-request-ready");
    expect(decodeQr(await requester.page.getByRole("img", { name: "QR code of the link" }).screenshot())).toBe(request.link);
    // The private key in IndexedDB is a CryptoKey the page itself cannot export.
    const kept = await requester.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open("onetime");
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const keys = await new Promise<{ privateKey: CryptoKey }[]>((resolve, reject) => {
        const all = db.transaction("request-keys").objectStore("request-keys").getAll();
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error);
      });
      const exported = await crypto.subtle.exportKey("pkcs8", keys[0].privateKey).then(() => "exported", () => "refused");
      return { count: keys.length, extractable: keys[0].privateKey.extractable, exported };
    });
    expect(kept).toEqual({ count: 1, extractable: false, exported: "refused" });

    const sender = await freshPage(browser);
    const senderCalls = watchCalls(sender.page);
    await sender.page.goto(request.link);
    await sender.page.getByRole("heading", { name: "Someone asks you for a secret" }).waitFor();
    expect(await sender.page.locator("#asked-note").textContent()).toBe("The staging DB password, please");
    expect(await fingerprintOn(sender.page)).toBe(request.fingerprint); // what the two read to each other
    const reply = await answerRequest(sender.page, "s3cr3t-for-staging", (page) => screenshot(page, "r04-sender-form"));
    await screenshot(sender.page, "r05-reply-ready");
    expect(decodeQr(await sender.page.getByRole("img", { name: "QR code of the link" }).screenshot())).toBe(reply);
    // The server's limits for the expiry menu and the size, then the one Store: nothing that names the secret.
    expect(senderCalls).toEqual(["/onetime.v1.SecretService/GetLimits", "/onetime.v1.SecretService/Store"]);
    expect(await sender.page.locator("main").textContent()).not.toContain("s3cr3t");

    // The stranger (and the sender too) has the reply link but not the key: the page says so and calls nothing.
    const stranger = await freshPage(browser);
    const strangerCalls = watchCalls(stranger.page);
    await stranger.page.goto(reply);
    await stranger.page.getByRole("heading", { name: "This reply opens only where the request was made" }).waitFor();
    await screenshot(stranger.page, "r06-stranger-reply-not-here");
    expect(strangerCalls).toEqual([]);
    await sender.page.goto(reply);
    await sender.page.getByRole("heading", { name: "This reply opens only where the request was made" }).waitFor();

    const requesterCalls = watchCalls(requester.page);
    await requester.page.goto(reply);
    await requester.page.getByRole("button", { name: "Reveal secret" }).waitFor();
    // The requester's own note says which request this answers.
    await requester.page.getByRole("heading", { name: "A reply to your request" }).waitFor();
    expect(await requester.page.locator("#asked-note").textContent()).toBe("The staging DB password, please");
    await screenshot(requester.page, "r07-requester-reply-ready");
    expect(requesterCalls).toEqual(["/onetime.v1.SecretService/Exists"]);
    expect(await revealText(requester.page)).toBe("s3cr3t-for-staging");
    await screenshot(requester.page, "r08-requester-revealed");
    expect(new URL(requester.page.url()).hash).toBe(""); // the reply link left the address bar as any link does

    await requester.page.goto(reply);
    await requester.page.getByRole("heading", { name: "This secret is gone" }).waitFor();
    await screenshot(requester.page, "r09-reply-second-visit-gone");

    expect([...requester.problems, ...sender.problems, ...stranger.problems]).toEqual([]);
    await Promise.all([requester.context.close(), sender.context.close(), stranger.context.close()]);
  });

  it("keeps several pending requests apart, takes a file reply, and forgets a request on demand", async () => {
    const requester = await freshPage(browser);
    const first = await makeRequest(requester.page, webUrl, "");
    const second = await makeRequest(requester.page, webUrl, "the signing key file");
    expect(second.fingerprint).not.toBe(first.fingerprint);

    const sender = await freshPage(browser);
    await sender.page.goto(second.link);
    const fileReply = await answerRequest(sender.page, { name: "signing.key", mimeType: "application/octet-stream", buffer: Buffer.from("-----KEY-----\n") });
    await sender.page.goto(first.link);
    await sender.page.getByRole("heading", { name: "Someone asks you for a secret" }).waitFor();
    expect(await sender.page.locator(".asked").textContent()).toContain("They did not say.");
    await screenshot(sender.page, "r10-sender-form-no-note");
    const textReply = await answerRequest(sender.page, "for the first request");

    // Both open in the one browser that holds both keys, each with its own, and each under its own request's note
    // (none for the first).
    await requester.page.goto(textReply);
    await requester.page.getByRole("heading", { name: "A reply to your request" }).waitFor();
    expect(await requester.page.locator(".asked").count()).toBe(0);
    expect(await revealText(requester.page)).toBe("for the first request");
    await requester.page.goto(fileReply);
    await requester.page.getByRole("heading", { name: "A reply to your request" }).waitFor();
    expect(await requester.page.locator("#asked-note").textContent()).toBe("the signing key file");
    await requester.page.getByRole("button", { name: "Reveal secret" }).click();
    await requester.page.getByRole("heading", { name: "Here is your file" }).waitFor();
    await screenshot(requester.page, "r11-requester-file-reply");
    const [download] = await Promise.all([requester.page.waitForEvent("download"), requester.page.getByRole("button", { name: "Download" }).click()]);
    expect(download.suggestedFilename()).toBe("signing.key");

    // Forgetting a request deletes its key: a later reply to it opens nowhere.
    const third = await makeRequest(requester.page, webUrl, "one more");
    await requester.page.getByRole("button", { name: "Forget this request" }).click();
    await requester.page.getByRole("heading", { name: "Request forgotten" }).waitFor();
    await screenshot(requester.page, "r12-request-forgotten");
    await sender.page.goto(third.link);
    const orphan = await answerRequest(sender.page, "nobody can read this");
    await requester.page.goto(orphan);
    await requester.page.getByRole("heading", { name: "This reply opens only where the request was made" }).waitFor();

    expect([...requester.problems, ...sender.problems]).toEqual([]);
    await Promise.all([requester.context.close(), sender.context.close()]);
  });

  it("shows a changed request link as incomplete, and a note as text only", async () => {
    const requester = await freshPage(browser);
    const request = await makeRequest(requester.page, webUrl, `<img src=x onerror="window.__pwned=1">\u202Egnp.exe`);

    const sender = await freshPage(browser);
    await sender.page.goto(request.link);
    await sender.page.getByRole("heading", { name: "Someone asks you for a secret" }).waitFor();
    expect(await sender.page.locator("#asked-note").textContent()).toBe(`<img src=x onerror="window.__pwned=1"> gnp.exe`);
    expect(await sender.page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await screenshot(sender.page, "r13-sender-note-as-text");

    const tampered = request.link.replace(/#1\.(.)/, (_, c: string) => `#1.${c === "B" ? "C" : "B"}`);
    const changed = await sender.context.newPage();
    await changed.goto(tampered);
    await changed.getByRole("heading", { name: "This request link is incomplete" }).waitFor();
    await screenshot(changed, "r14-request-link-changed");

    expect([...requester.problems, ...sender.problems]).toEqual([]);
    await Promise.all([requester.context.close(), sender.context.close()]);
  });

  it("speaks the reader's language on every request page", async () => {
    const requester = await freshPage(browser, { locale: "de-DE" });
    await requester.page.goto(webUrl + "/r");
    await requester.page.getByRole("heading", { name: "Ein Geheimnis anfordern" }).waitFor();
    await requester.page.getByRole("button", { name: "Anfrage-Link erstellen" }).click();
    await requester.page.getByRole("heading", { name: "Ihr Anfrage-Link ist bereit" }).waitFor();
    await screenshot(requester.page, "r15-request-ready-de");
    const link = await requester.page.getByRole("textbox", { name: "Anfrage-Link", exact: true }).inputValue();

    const sender = await freshPage(browser, { locale: "fr-FR", phone: true });
    await sender.page.goto(link);
    await sender.page.getByRole("heading", { name: "Quelqu’un vous demande un secret" }).waitFor();
    await screenshot(sender.page, "r16-sender-form-fr-phone");

    const stranger = await freshPage(browser, { locale: "es-ES", dark: true });
    await sender.page.getByLabel("Secret", { exact: true }).fill("x");
    await sender.page.getByRole("button", { name: "Chiffrer et créer le lien de réponse" }).click();
    const reply = await sender.page.getByRole("textbox", { name: "Lien de réponse", exact: true }).inputValue();
    await stranger.page.goto(reply);
    await stranger.page.getByRole("heading", { name: "Esta respuesta solo se abre donde se hizo la solicitud" }).waitFor();
    await screenshot(stranger.page, "r17-reply-not-here-es-dark");

    expect([...requester.problems, ...sender.problems, ...stranger.problems]).toEqual([]);
    await Promise.all([requester.context.close(), sender.context.close(), stranger.context.close()]);
  });
});
