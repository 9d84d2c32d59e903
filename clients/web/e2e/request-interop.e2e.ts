// Requests cross between the browser and the `onetime` CLI (C#), both ways, through the same server: each side keeps
// its own private keys (IndexedDB; a 0600 file under XDG_CONFIG_HOME), and a reply opens only with the requester's.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { freshPage, launch, screenshot } from "./browser.js";
import { onetime } from "./cli.js";
import { revealText } from "./pages.js";
import { answerRequest, fingerprintOn, makeRequest, replyLinkPattern, requestLinkPattern } from "./requests.js";

const webUrl = inject("webUrl");
const KeyNotHere = 6; // the CLI's exit code for a reply whose key is kept elsewhere
const NotFound = 3;
let browser: Browser;
let homes: string[] = [];

/** A user of the CLI with a home (and so a key store) of their own. */
function cliUser(): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), "onetime-home-"));
  homes.push(home);
  return { HOME: home, XDG_CONFIG_HOME: join(home, ".config") };
}

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  for (const home of homes) rmSync(home, { recursive: true, force: true });
  homes = [];
});

const fingerprintIn = (stderr: string) => /Fingerprint: (\d{4} \d{4} \d{4} \d{4} \d{4})/.exec(stderr)?.[1];

it("answers a request made by the CLI in the browser, and the CLI reads the reply once", async () => {
  const requester = cliUser();
  const request = onetime(["request", "--note", "the deploy token", "--host", webUrl], undefined, requester);
  expect(request.status, request.stderr).toBe(0);
  const link = request.stdout.trim();
  expect(link).toMatch(requestLinkPattern);

  const sender = await freshPage(browser);
  await sender.page.goto(link);
  await sender.page.getByRole("heading", { name: "Someone asks you for a secret" }).waitFor();
  expect(await sender.page.locator("#asked-note").textContent()).toBe("the deploy token");
  expect(await fingerprintOn(sender.page)).toBe(fingerprintIn(request.stderr));
  const reply = await answerRequest(sender.page, "tok_live_ünïcode 🔑", (page) => screenshot(page, "r18-browser-answers-cli-request"));

  const stranger = onetime(["read", reply], undefined, cliUser());
  const read = onetime(["read", reply], undefined, requester);
  const again = onetime(["read", reply], undefined, requester);

  expect(stranger.status, stranger.stderr).toBe(KeyNotHere);
  expect(read.status, read.stderr).toBe(0);
  expect(read.stdout).toBe("tok_live_ünïcode 🔑");
  expect(again.status).toBe(NotFound);
  expect(sender.problems).toEqual([]);
  await sender.context.close();
});

it("answers a browser's request with onetime send --to, and the browser reveals it", async () => {
  const requester = await freshPage(browser);
  const request = await makeRequest(requester.page, webUrl, "Wi-Fi Passwort");

  const send = onetime(["send", "--to", request.link], "correct horse ✓", cliUser());
  expect(send.status, send.stderr).toBe(0);
  const reply = send.stdout.trim();
  expect(reply).toMatch(replyLinkPattern);
  expect(fingerprintIn(send.stderr)).toBe(request.fingerprint);
  expect(send.stderr).toContain("Wi-Fi Passwort");

  const stranger = await freshPage(browser);
  await stranger.page.goto(reply);
  await stranger.page.getByRole("heading", { name: "This reply opens only where the request was made" }).waitFor();

  await requester.page.goto(reply);
  expect(await revealText(requester.page)).toBe("correct horse ✓");
  await screenshot(requester.page, "r19-browser-reveals-cli-reply");
  expect([...requester.problems, ...stranger.problems]).toEqual([]);
  await Promise.all([requester.context.close(), stranger.context.close()]);
});
