import { describe, expect, it } from "vitest";
import { parseRecipients } from "./recipients.js";

describe("parseRecipients", () => {
  it("gives no labels for an empty field: one ordinary link", () => {
    expect(parseRecipients("")).toEqual({ labels: [] });
    expect(parseRecipients("   ")).toEqual({ labels: [] });
  });

  it("splits at commas and trims each label, keeping the order and the sender's spelling", () => {
    expect(parseRecipients(" Alice ,Bob,  Carol Ü ")).toEqual({ labels: ["Alice", "Bob", "Carol Ü"] });
  });

  it("takes 2 to 20 labels and refuses 1 or 21", () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `r${i}`).join(",");

    expect(parseRecipients(names(2))).toEqual({ labels: ["r0", "r1"] });
    expect(parseRecipients(names(20))).toMatchObject({ labels: expect.any(Array) });
    expect(parseRecipients("Alice")).toEqual({ error: "errorRecipientsCount" });
    expect(parseRecipients(names(21))).toEqual({ error: "errorRecipientsCount" });
  });

  it("refuses an empty label, from a stray or doubled comma", () => {
    expect(parseRecipients("Alice, Bob,")).toEqual({ error: "errorRecipientEmpty" });
    expect(parseRecipients("Alice,, Bob")).toEqual({ error: "errorRecipientEmpty" });
    expect(parseRecipients(", Alice")).toEqual({ error: "errorRecipientEmpty" });
  });

  it("takes 40 characters (an emoji counts one) and refuses 41, naming the label", () => {
    const forty = "🔑".repeat(40);

    expect(parseRecipients(`${forty}, Bob`)).toEqual({ labels: [forty, "Bob"] });
    expect(parseRecipients(`${"x".repeat(41)}, Bob`)).toEqual({ error: "errorRecipientTooLong", values: { label: "x".repeat(41), max: "40" } });
  });

  it("refuses the same label twice, whatever its case or Unicode spelling", () => {
    expect(parseRecipients("Alice, Bob, alice")).toEqual({ error: "errorRecipientDuplicate", values: { label: "alice" } });
    expect(parseRecipients("Zoe\u0308, Zo\u00eb")).toEqual({ error: "errorRecipientDuplicate", values: { label: "Zo\u00eb" } });
  });
});
