// The create page's "Recipients" field: labels for the sender's own eyes, one link each. A label names a link on the
// link-ready page and nowhere else: it is never sent to the server, nor put in a link.
import type { MessageKey } from "./i18n/en.js";

export const MinRecipients = 2; // one recipient is the ordinary single link
export const MaxRecipients = 20;
export const MaxLabelLength = 40; // characters (code points), as the sender counts them

export type RecipientsParse =
  | { labels: string[] } // empty when the field is empty: one ordinary link
  | { error: MessageKey; values?: Record<string, string> };

/**
 * Splits the field at commas and trims each label. Refused: an empty label (a stray comma), fewer than 2 or more than
 * 20, one over 40 characters, or the same label twice; "the same" ignores case and Unicode spelling (NFC), since two
 * links labelled "Alice" and "alice" would be told apart by no one.
 */
export function parseRecipients(field: string): RecipientsParse {
  if (field.trim() === "") return { labels: [] };
  const labels = field.split(",").map((label) => label.trim());
  if (labels.some((label) => label === "")) return { error: "errorRecipientEmpty" };
  if (labels.length < MinRecipients || labels.length > MaxRecipients) return { error: "errorRecipientsCount" };
  const long = labels.find((label) => [...label].length > MaxLabelLength);
  if (long !== undefined) return { error: "errorRecipientTooLong", values: { label: long, max: String(MaxLabelLength) } };
  const seen = new Set<string>();
  for (const label of labels) {
    const key = label.normalize("NFC").toLocaleLowerCase();
    if (seen.has(key)) return { error: "errorRecipientDuplicate", values: { label } };
    seen.add(key);
  }
  return { labels };
}
