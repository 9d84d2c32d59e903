// The clear messages: a cut-short link, a corrupted secret, a server that cannot be reached.
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { createClient } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import type { Browser } from "playwright-core";
import { randomBytes } from "../src/client/bytes.js";
import { deriveKeys } from "../src/client/envelope.js";
import { formatLink } from "../src/client/link.js";
import { SecretService } from "../src/gen/onetime/v1/secrets_pb.js";
import { freshPage, launch, screenshot } from "./browser.js";
import { createTextLink } from "./pages.js";

const webUrl = inject("webUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

it("says a cut-short link is incomplete, and calls nothing", async () => {
  const reader = await freshPage(browser);
  let calls = 0;
  reader.page.on("request", (request) => void (request.method() === "POST" && calls++));

  await reader.page.goto(`${webUrl}/s#1.AAECAwQFBgcICQoLDA0ODw.AAECAwQFBgcICQoLDA0O`);
  await reader.page.getByRole("heading", { name: "This link is incomplete" }).waitFor();
  await screenshot(reader.page, "15-invalid-link");

  expect(calls).toBe(0);
  await reader.context.close();
});

it("says a secret that does not decrypt is corrupted, and shows nothing of it", async () => {
  // The right token with ciphertext that is not this key's: the server hands it out, GCM refuses it.
  const key = randomBytes(32);
  const keys = await deriveKeys(key);
  const service = createClient(SecretService, createGrpcWebTransport({ baseUrl: webUrl }));
  const stored = await service.store({ ciphertext: Uint8Array.of(1, ...randomBytes(300)), authToken: keys.authToken });
  const reader = await freshPage(browser);

  await reader.page.goto(formatLink(webUrl, stored.id, key, false));
  await reader.page.getByRole("button", { name: "Reveal secret" }).click();
  await reader.page.getByRole("heading", { name: "This secret can’t be decrypted" }).waitFor();
  await screenshot(reader.page, "16-corrupted");

  expect(new URL(reader.page.url()).hash).toBe(""); // read once already: the key is of no further use
  await reader.context.close();
});

it("says the service cannot be reached, and offers to try again", async () => {
  const sender = await freshPage(browser);
  const link = await createTextLink(sender.page, webUrl, "still here after the outage");
  const reader = await freshPage(browser);
  await reader.page.route("**/onetime.v1.SecretService/**", (route) => route.abort("connectionrefused"));

  await reader.page.goto(link);
  await reader.page.getByRole("heading", { name: "Can’t reach OneTime" }).waitFor();
  await screenshot(reader.page, "17-unreachable");
  await reader.page.unroute("**/onetime.v1.SecretService/**");
  await reader.page.getByRole("button", { name: "Try again" }).click();

  await reader.page.getByRole("button", { name: "Reveal secret" }).waitFor();
  await Promise.all([sender.context.close(), reader.context.close()]);
});
