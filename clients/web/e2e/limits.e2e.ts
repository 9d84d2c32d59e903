// The pages follow the server's limits (GetLimits) rather than guessing them: a server of its own here, configured
// smaller than the defaults, and the expiry menu, the size counter, the views menu and the passphrase page follow it.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { OneTimeClient } from "../src/client/client.js";
import { freshPage, launch, screenshot } from "./browser.js";
import { startServer, type RunningServer } from "./server.js";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({
    OneTime__MaxCiphertextBytes: "70000", // largest bucket 65536: M up to 65532 bytes, 65516 of text
    OneTime__MinTtl: "00:10:00",
    OneTime__MaxTtl: "2.00:00:00",
    OneTime__DefaultTtl: "02:00:00",
    OneTime__MaxViews: "4",
    OneTime__MaxWrongAttempts: "3",
  });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

const optionLabels = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).locator("option").allTextContents();

describe("a server with smaller limits", () => {
  it("offers only the expiries it takes, defaults to its TTL, and counts against its size", async () => {
    const sender = await freshPage(browser);
    await sender.page.goto(server.webUrl + "/");
    // The menu is drawn with the defaults first and redrawn in place when GetLimits answers.
    await sender.page.getByLabel("Expires after").locator("option", { hasText: "2 hours" }).waitFor({ state: "attached" });

    expect(await optionLabels(sender.page, "Expires after")).toEqual(["1 hour", "2 hours", "1 day", "2 days"]);
    expect(await sender.page.getByLabel("Expires after").inputValue()).toBe("7200");
    expect(await optionLabels(sender.page, "Can be opened")).toEqual(["Once", "2 times", "3 times", "More…"]);
    expect(await sender.page.locator(".counter").textContent()).toBe("0 bytes of 64 kB");

    await sender.page.getByLabel("Secret", { exact: true }).fill("x".repeat(65_517));
    expect(await sender.page.locator(".counter.over").textContent()).toBe("64 kB of 64 kB");
    await screenshot(sender.page, "30-limits-over");
    await sender.page.getByRole("button", { name: "Create link" }).click();
    await sender.page.getByRole("alert").filter({ hasText: "too long" }).waitFor();

    await sender.page.getByLabel("Secret", { exact: true }).fill("x".repeat(65_516));
    await sender.page.getByLabel("Can be opened").selectOption({ label: "More…" });
    await sender.page.getByLabel("Number of views").fill("5");
    await sender.page.getByRole("button", { name: "Create link" }).click();
    await sender.page.getByRole("alert").filter({ hasText: "from 1 to 4" }).waitFor();
    await screenshot(sender.page, "31-limits-views");

    await sender.page.getByLabel("Number of views").fill("4");
    await sender.page.getByRole("button", { name: "Create link" }).click();
    await sender.page.getByRole("heading", { name: "Your link is ready" }).waitFor();
    const link = await sender.page.getByLabel("Secret link").inputValue();
    const status = await new OneTimeClient({ baseUrl: server.webUrl }).exists(link);
    expect(status.viewsLeft).toBe(4);
    const ttl = (status.expiresAt!.getTime() - Date.now()) / 1000;
    expect(ttl).toBeGreaterThan(7_200 - 600);
    expect(ttl).toBeLessThanOrEqual(7_200);
    expect(sender.problems).toEqual([]);
    await sender.context.close();
  });

  it("tells a passphrase link's reader how many wrong passphrases destroy it, and then it is gone", async () => {
    const api = new OneTimeClient({ baseUrl: server.webUrl });
    const { link } = await api.send({ kind: "text", text: "three tries" }, { passphrase: "right" });
    const reader = await freshPage(browser);
    await reader.page.goto(link);
    await reader.page.getByText("After 3 wrong passphrases, the secret is destroyed.").waitFor();
    await screenshot(reader.page, "32-passphrase-attempts");

    for (let attempt = 1; attempt <= 3; attempt++) {
      await reader.page.getByLabel("Passphrase").fill(`wrong ${attempt}`);
      await reader.page.getByRole("button", { name: "Reveal secret" }).click();
      await reader.page.getByRole("alert").filter({ hasText: "3 wrong passphrases in all destroy the secret" }).waitFor();
      await reader.page.getByRole("button", { name: "Reveal secret" }).and(reader.page.locator(":enabled")).waitFor();
    }
    await screenshot(reader.page, "33-wrong-passphrase-limit");

    expect((await api.exists(link, "right")).state).toBe("gone");
    expect(reader.problems).toEqual([]);
    await reader.context.close();
  });
});

describe("a server that does not answer GetLimits", () => {
  it("still offers the documented defaults, quietly, and sends", async () => {
    const sender = await freshPage(browser);
    await sender.page.route("**/onetime.v1.SecretService/GetLimits", (route) => route.fulfill({ status: 503 }));
    await sender.page.goto(inject("webUrl") + "/");

    expect(await optionLabels(sender.page, "Expires after")).toEqual(["5 minutes", "1 hour", "1 day", "7 days", "30 days"]);
    expect(await sender.page.getByLabel("Expires after").inputValue()).toBe("604800");
    expect(await sender.page.locator(".counter").textContent()).toBe("0 bytes of 960 kB");
    await sender.page.getByLabel("Secret", { exact: true }).fill("sent all the same");
    await sender.page.getByRole("button", { name: "Create link" }).click();
    await sender.page.getByRole("heading", { name: "Your link is ready" }).waitFor();

    expect(await sender.page.getByRole("alert").count()).toBe(0);
    // The one console line is Chromium's own report of the refused response, not the page's.
    expect(sender.problems.filter((problem) => !problem.includes("503"))).toEqual([]);
    await sender.context.close();
  });
});
