// The secret a sender types or drops, as text or one file, for the request sender's page: the tabs and the drop
// zone are the home page's (secret-parts.ts), with the server's size limit.
import type { SecretContent } from "../client/client.js";
import { el, uniqueId } from "./dom.js";
import type { MessageKey } from "./i18n/en.js";
import { formatBytes, t } from "./i18n/translate.js";
import { contentLimit, fileDrop, fileTooBig, secretTabs } from "./secret-parts.js";

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
  const textId = uniqueId("secret");
  const text = el("textarea", { id: textId, name: "secret", rows: "5", spellcheck: "false", autocomplete: "off", placeholder: t("secretPlaceholder") });
  text.value = initial.text;
  const drop = fileDrop(initial.file);
  const textPanel = el("div", { class: "panel" }, el("div", { class: "label-row" }, el("label", { for: textId }, t("secretLabel"))), text);
  const filePanel = el("div", { class: "panel" }, ...drop.elements);
  const tabs = secretTabs(initial.mode, textPanel, filePanel);

  const problem = (key: MessageKey, focus?: HTMLElement, values?: Record<string, string>) => ({ problem: t(key, values), focus });
  return {
    element: el("div", {}, tabs.element, textPanel, filePanel),
    state: () => ({ mode: tabs.mode(), text: text.value, file: drop.file() }),
    async read() {
      if (tabs.mode() === "text") {
        if (text.value.length === 0) return problem("errorNoText", text);
        if (utf8.encode(text.value).length > contentLimit()) return problem("errorTextTooLong", text);
        return { kind: "text", text: text.value };
      }
      const file = drop.file();
      if (!file) return problem("errorNoFile", drop.zone);
      if (fileTooBig(file)) return problem("errorFileTooLarge", undefined, { limit: formatBytes(contentLimit()) });
      return { kind: "file", name: file.name, mediaType: file.type, data: new Uint8Array(await file.arrayBuffer()) };
    },
  };
}
