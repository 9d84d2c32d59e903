import { describe, expect, it } from "vitest";
import { OneTimeError } from "../client/errors.js";
import { formatWhen } from "./i18n/translate.js";
import { isDead, statusText } from "./sender-controls.js";

const readAt = new Date("2026-11-30T09:49:00Z");

describe("statusText", () => {
  it("says nothing before the first check", () => {
    expect(statusText({})).toBeUndefined();
  });

  it("counts the views left, and says when it was last opened once it was", () => {
    expect(statusText({ status: { exists: true, state: "waiting", viewsLeft: 2 } })).toBe("Not opened yet · 2 views left");
    expect(statusText({ status: { exists: true, state: "waiting", viewsLeft: 1, readAt } })).toBe(`Last opened ${formatWhen(readAt)} · 1 view left`);
  });

  it("gives the receipt's time once read, and gone without one", () => {
    expect(statusText({ status: { exists: false, state: "read", viewsLeft: 0, readAt } })).toBe(`Read ${formatWhen(readAt)}. The secret is gone from the server.`);
    expect(statusText({ status: { exists: false, state: "gone", viewsLeft: 0 } })).toMatch(/^Gone: /);
  });

  it("puts a failed call before what was known", () => {
    const view = { status: { exists: true, state: "waiting", viewsLeft: 1 } as const, failure: new OneTimeError("failed", "") };

    expect(statusText(view)).toBe("The request failed. Please try again.");
  });
});

describe("isDead", () => {
  it("is dead once burned, read or gone; alive while waiting or unknown", () => {
    expect(isDead({})).toBe(false);
    expect(isDead({ status: { exists: true, state: "waiting", viewsLeft: 1 } })).toBe(false);
    expect(isDead({ burned: true })).toBe(true);
    expect(isDead({ status: { exists: false, state: "read", viewsLeft: 0, readAt } })).toBe(true);
    expect(isDead({ status: { exists: false, state: "gone", viewsLeft: 0 } })).toBe(true);
  });
});
