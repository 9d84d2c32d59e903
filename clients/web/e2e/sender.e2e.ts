// Sender control in the browser: a secret for several readers, "Check status" before and after they read, and
// "Burn now" with its confirm step.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { OneTimeClient } from "../src/client/client.js";
import { freshPage, launch, screenshot } from "./browser.js";
import { checkStatus, createTextLink, revealText } from "./pages.js";

const webUrl = inject("webUrl");
const api = new OneTimeClient({ baseUrl: webUrl });
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("views", () => {
  it("lets a 2-view secret be revealed twice in two browsers; the third finds it gone, and the sender sees when", async () => {
    const sender = await freshPage(browser);
    const link = await createTextLink(sender.page, webUrl, "for the two on call", {
      views: "2 times",
      shot: (page) => screenshot(page, "20-create-two-views"),
    });
    await sender.page.getByText("It opens 2 times").waitFor();
    expect(await checkStatus(sender.page, "Not opened yet")).toContain("2 views left");
    await screenshot(sender.page, "21-status-waiting");

    const first = await freshPage(browser);
    await first.page.goto(link);
    await first.page.getByText("This link opens 2 more times").waitFor();
    await screenshot(first.page, "22-reveal-ready-two-views");
    expect(await revealText(first.page)).toBe("for the two on call");
    await first.page.getByText("The link can open it 1 more time").waitFor();
    await screenshot(first.page, "23-revealed-one-left");

    expect(await checkStatus(sender.page, "Last opened")).toContain("1 view left");
    await screenshot(sender.page, "24-status-one-left");

    const second = await freshPage(browser);
    await second.page.goto(link);
    expect(await revealText(second.page)).toBe("for the two on call");
    await second.page.getByText("It has been deleted from the server").waitFor();

    const third = await freshPage(browser);
    await third.page.goto(link);
    await third.page.getByRole("heading", { name: "This secret is gone" }).waitFor();

    expect(await checkStatus(sender.page, /^Read /)).toContain("confirmed by the reader’s client");
    await sender.page.getByText("This link no longer works").waitFor();
    expect(await sender.page.getByRole("button", { name: "Burn now" }).isVisible()).toBe(false);
    expect(await sender.page.getByRole("button", { name: "Copy link" }).isDisabled()).toBe(true);
    await screenshot(sender.page, "25-status-read");

    const status = await api.exists(link);
    expect(status.state).toBe("read");
    expect(status.readAt).toBeInstanceOf(Date);
    expect([...sender.problems, ...first.problems, ...second.problems, ...third.problems]).toEqual([]);
    await Promise.all([sender.context, first.context, second.context, third.context].map((c) => c.close()));
  });

  it("takes a number of views beyond the menu", async () => {
    const sender = await freshPage(browser);
    await sender.page.goto(webUrl + "/");
    await sender.page.getByLabel("Secret", { exact: true }).fill("for the whole team");
    await sender.page.getByLabel("Can be opened").selectOption({ label: "More…" });
    await sender.page.getByLabel("Number of views").fill("101");
    await sender.page.getByRole("button", { name: "Create link" }).click();
    await sender.page.getByRole("alert").filter({ hasText: "from 1 to 100" }).waitFor();
    await screenshot(sender.page, "26-views-out-of-range");

    await sender.page.getByLabel("Number of views").fill("7");
    await sender.page.getByRole("button", { name: "Create link" }).click();
    await sender.page.getByRole("heading", { name: "Your link is ready" }).waitFor();
    const link = await sender.page.getByLabel("Secret link").inputValue();

    expect((await api.exists(link)).viewsLeft).toBe(7);
    expect(sender.problems).toEqual([]);
    await sender.context.close();
  });
});

describe("burn now", () => {
  it("asks first; cancel keeps the secret, confirm burns it and shows the link as dead", async () => {
    const sender = await freshPage(browser);
    const link = await createTextLink(sender.page, webUrl, "sent to the wrong person", { views: "5 times" });

    await sender.page.getByRole("button", { name: "Burn now" }).click();
    await sender.page.getByText("Burn this secret now?").waitFor();
    await screenshot(sender.page, "27-burn-confirm");
    await sender.page.getByRole("button", { name: "Cancel" }).click();
    expect(await sender.page.getByText("Burn this secret now?").isVisible()).toBe(false);
    expect((await api.exists(link)).viewsLeft).toBe(5);

    await sender.page.getByRole("button", { name: "Burn now" }).click();
    await sender.page.getByRole("button", { name: "Yes, burn it" }).click();
    await sender.page.getByRole("status").filter({ hasText: "Burned" }).waitFor();
    await sender.page.getByText("This link no longer works").waitFor();
    expect(await sender.page.getByRole("img", { name: "QR code of the link" }).isVisible()).toBe(false);
    await screenshot(sender.page, "28-burned");
    expect((await api.exists(link)).state).toBe("gone");

    expect(await checkStatus(sender.page, "Gone")).toContain("no longer works");

    const reader = await freshPage(browser);
    await reader.page.goto(link);
    await reader.page.getByRole("heading", { name: "This secret is gone" }).waitFor();
    expect([...sender.problems, ...reader.problems]).toEqual([]);
    await Promise.all([sender.context.close(), reader.context.close()]);
  });

  it("burns a passphrase link with the passphrase the sender typed", async () => {
    const sender = await freshPage(browser);
    const link = await createTextLink(sender.page, webUrl, "guarded", { passphrase: "open sesame" });

    expect(await checkStatus(sender.page, "Not opened yet")).toContain("1 view left");
    await sender.page.getByRole("button", { name: "Burn now" }).click();
    await sender.page.getByRole("button", { name: "Yes, burn it" }).click();
    await sender.page.getByRole("status").filter({ hasText: "Burned" }).waitFor();

    expect((await api.exists(link, "open sesame")).state).toBe("gone");
    expect(sender.problems).toEqual([]);
    await sender.context.close();
  });
});
