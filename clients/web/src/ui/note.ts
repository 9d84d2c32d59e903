// A requester's note, shown as text on the sender's page and on the reply the requester opens.

// As for file names (filename.ts): control, format (bidirectional overrides, zero-width) and separator characters
// could make a note read as something else, so they are taken out before it is shown.
const Hidden = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

/** The requester's note as the pages show it: text only, without characters that could disguise it. */
export function displayNote(note: string): string {
  return note.replace(Hidden, " ").replace(/\s+/gu, " ").trim();
}
