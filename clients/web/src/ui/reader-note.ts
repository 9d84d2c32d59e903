// The reader's side of read confirmations (protos/README.md "Read confirmations"): an optional note for the sender
// on the reveal page, and after the reveal a quiet line saying whether the sender was told.
import type { ReadSecret } from "../client/client.js";
import { MaxNoteBytes, noteProblem } from "../client/request.js";
import { el, uniqueId } from "./dom.js";
import { formatBytes, t } from "./i18n/translate.js";
import { icon } from "./icons.js";

const utf8 = new TextEncoder();

export interface ReaderNoteField {
  element: HTMLElement;
  input: HTMLTextAreaElement;
  /** Why the note cannot go, in words, or undefined when it can (an empty note is none). */
  problem(): string | undefined;
}

/** The field with its byte counter; the note travels sealed in the confirmation, so only the sender reads it. */
export function readerNoteField(typed: string): ReaderNoteField {
  const id = uniqueId("reader-note");
  const input = el("textarea", { id, name: "reader-note", class: "short", rows: "2", autocomplete: "off", placeholder: t("readerNotePlaceholder"), "aria-describedby": `${id}-hint ${id}-count` });
  input.value = typed;
  const counter = el("span", { id: `${id}-count`, class: "counter" });
  const count = () => {
    const size = utf8.encode(input.value).length;
    counter.textContent = t("sizeOfLimit", { size: formatBytes(size), limit: formatBytes(MaxNoteBytes) });
    counter.classList.toggle("over", size > MaxNoteBytes);
  };
  count();
  input.addEventListener("input", count);
  const element = el("div", { class: "field" },
    el("label", { for: id }, t("readerNoteLabel")), input,
    el("div", { class: "meta-row split" }, el("span", { class: "hint", id: `${id}-hint` }, t("readerNoteHint")), counter));
  const problem = () => {
    const found = noteProblem(input.value);
    if (found === "too_long") return t("errorNoteTooLong", { limit: String(MaxNoteBytes) });
    return found === "surrogate" ? t("errorNoteInvalid") : undefined;
  };
  return { element, input, problem };
}

/** Whether the sender was told: after the last view of a secret link; a note typed for an earlier view stayed here. */
export function toldLine(secret: ReadSecret, noted: boolean): HTMLElement | undefined {
  if (secret.senderTold === true) return el("p", { class: "told", id: "sender-told" }, icon("check"), t("senderTold"));
  if (secret.senderTold === false) return el("p", { class: "told", id: "sender-told" }, icon("warn"), t("senderNotTold"));
  return noted ? el("p", { class: "told", id: "sender-told" }, icon("warn"), t("readerNoteNotSent")) : undefined;
}
