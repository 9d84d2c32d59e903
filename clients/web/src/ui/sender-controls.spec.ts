import { describe, expect, it } from "vitest";
import { OneTimeError } from "../client/errors.js";
import { formatWhen } from "./i18n/translate.js";
import { isDead, readerNote, statusText } from "./sender-controls.js";

const readAt = new Date("2026-11-30T09:49:00Z");

describe("statusText", () => {
  it("says nothing before the first check", () => {
    expect(statusText({})).toBeUndefined();
  });

  it("counts the views left, and says when it was last opened once it was", () => {
    expect(statusText({ status: { exists: true, state: "waiting", viewsLeft: 2 } })).toBe("Not opened yet · 2 views left");
    expect(statusText({ status: { exists: true, state: "waiting", viewsLeft: 1, readAt } })).toBe(`Last opened ${formatWhen(readAt)} · 1 view left`);
  });

  it("gives the receipt's time once read, with the reader's confirmation or the lack of one, and gone without a receipt", () => {
    const read = { exists: false, state: "read", viewsLeft: 0, readAt } as const;
    const when = formatWhen(readAt);

    expect(statusText({ status: { ...read, confirmation: "confirmed", note: "got it" } })).toBe(`Read ${when}, confirmed by the reader’s client.`);
    expect(statusText({ status: { ...read, confirmation: "unconfirmed" } })).toBe(`Read ${when}: the server says so, unconfirmed.`);
    expect(statusText({ status: { ...read, confirmation: "invalid" } })).toBe(`Read ${when} says the server, but its confirmation does not verify.`);
    expect(statusText({ status: read })).toBe(`Read ${when}: the server says so, unconfirmed.`);
    expect(statusText({ status: { exists: false, state: "gone", viewsLeft: 0 } })).toMatch(/^Gone: /);
  });

  it("puts a failed call before what was known", () => {
    const view = { status: { exists: true, state: "waiting", viewsLeft: 1 } as const, failure: new OneTimeError("failed", "") };

    expect(statusText(view)).toBe("The request failed. Please try again.");
  });
});

describe("readerNote", () => {
  const read = { exists: false, state: "read", viewsLeft: 0, readAt } as const;

  it("shows the note of a confirmation that verified, without control or bidirectional characters", () => {
    expect(readerNote({ status: { ...read, confirmation: "confirmed", note: "got it\u202e txt.exe\u0007" } })).toBe("got it txt.exe");
  });

  it("shows nothing without a verified confirmation, or without a note", () => {
    expect(readerNote({ status: { ...read, confirmation: "invalid", note: "made up" } })).toBeUndefined();
    expect(readerNote({ status: { ...read, confirmation: "confirmed" } })).toBeUndefined();
    expect(readerNote({ status: { ...read, confirmation: "confirmed", note: "\u200b" } })).toBeUndefined();
    expect(readerNote({ status: { ...read, confirmation: "confirmed", note: "n" }, failure: new OneTimeError("failed", "") })).toBeUndefined();
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
