// The secret a sender types or drops, as text or one file, for the reply form: the size limit is the server's
// (limits.ts), read when the input is drawn and checked again when it is read.
import type { SecretContent } from "../client/client.js";
import { el, uniqueId } from "./dom.js";
import { displayFileName } from "./filename.js";
import type { MessageKey } from "./i18n/en.js";
import { formatBytes, t } from "./i18n/translate.js";
import { icon } from "./icons.js";
import { currentLimits, maxContentBytes } from "./limits.js";


export interface SecretInputState {
  mode: "text" | "file";
  text: string;
  file?: File;
}

export interface SecretInput {
  element: HTMLElement;
  state(): SecretInputState;
  /** The content to send, or the words saying why there is none yet (and where to look). */
  read(): Promise<SecretContent | { problem: string; focus?: HTMLElement }>;
}

const utf8 = new TextEncoder();

export function secretInput(initial: SecretInputState = { mode: "text", text: "" }): SecretInput {
  let { mode, file } = initial;
  const textId = uniqueId("secret");
  const text = el("textarea", { id: textId, name: "secret", rows: "5", spellcheck: "false", autocomplete: "off", placeholder: t("secretPlaceholder") });
  text.value = initial.text;
  const fileInput = el("input", { type: "file", id: uniqueId("file"), class: "sr-only" });
  const fileName = el("span", { class: "drop-name" });
  const fileSize = el("span", { class: "drop-hint" });
  const drop = el("label", { class: "drop", for: fileInput.id }, icon("file", "icon drop-icon"), fileName, fileSize);

  const textPanel = el("div", { class: "panel", id: "panel-text" }, el("div", { class: "label-row" }, el("label", { for: textId }, t("secretLabel"))), text);
  const filePanel = el("div", { class: "panel", id: "panel-file" }, fileInput, drop);
  const tabText = el("button", { type: "button", role: "tab", class: "tab", "aria-controls": "panel-text", id: "tab-text" }, t("tabText"));
  const tabFile = el("button", { type: "button", role: "tab", class: "tab", "aria-controls": "panel-file", id: "tab-file" }, t("tabFile"));
  const tabs = el("div", { class: "tabs", role: "tablist", "aria-label": t("whatToShare") }, tabText, tabFile);

  const select = (next: "text" | "file") => {
    mode = next;
    for (const [tab, panel, name] of [[tabText, textPanel, "text"], [tabFile, filePanel, "file"]] as const) {
      tab.setAttribute("aria-selected", String(name === next));
      tab.tabIndex = name === next ? 0 : -1;
      panel.hidden = name !== next;
    }
  };
  select(mode);
  tabText.addEventListener("click", () => select("text"));
  tabFile.addEventListener("click", () => select("file"));

  const contentLimit = () => maxContentBytes(currentLimits());
  const tooBig = (picked: File) => picked.size + utf8.encode(picked.name).length > contentLimit();
  const pick = (picked: File | undefined) => {
    file = picked;
    fileName.textContent = picked ? (displayFileName(picked.name) ?? t("unnamedFile")) : t("dropPrompt");
    fileSize.textContent = !picked ? t("dropLimit", { limit: formatBytes(contentLimit()) })
      : tooBig(picked) ? t("fileTooLargeHint", { size: formatBytes(picked.size) }) : formatBytes(picked.size);
    drop.classList.toggle("over", !!picked && tooBig(picked));
    drop.classList.toggle("chosen", !!picked);
  };
  pick(file);
  fileInput.addEventListener("change", () => pick(fileInput.files?.[0]));
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("dragging");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("dragging"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("dragging");
    pick(event.dataTransfer?.files[0]);
  });

  const problem = (key: MessageKey, focus?: HTMLElement, values?: Record<string, string>) => ({ problem: t(key, values), focus });
  return {
    element: el("div", {}, tabs, textPanel, filePanel),
    state: () => ({ mode, text: text.value, file }),
    async read() {
      if (mode === "text") {
        if (text.value.length === 0) return problem("errorNoText", text);
        if (utf8.encode(text.value).length > contentLimit()) return problem("errorTextTooLong", text);
        return { kind: "text", text: text.value };
      }
      if (!file) return problem("errorNoFile", drop);
      if (tooBig(file)) return problem("errorFileTooLarge", undefined, { limit: formatBytes(contentLimit()) });
      return { kind: "file", name: file.name, mediaType: file.type, data: new Uint8Array(await file.arrayBuffer()) };
    },
  };
}
