// The parts of a secret's form that the home page and the request sender's page share: the Text / File tabs and
// the file drop zone, with the size limit the server allows (limits.ts).
import { el, uniqueId } from "./dom.js";
import { displayFileName } from "./filename.js";
import { formatBytes, t } from "./i18n/translate.js";
import { icon } from "./icons.js";
import { currentLimits, maxContentBytes } from "./limits.js";

export type SecretMode = "text" | "file";

const utf8 = new TextEncoder();

/** The most text or file bytes the server takes now (its GetLimits answer, or the defaults until then). */
export const contentLimit = (): number => maxContentBytes(currentLimits());

/** A file's bytes and its name both travel in the payload. */
export const fileTooBig = (file: File): boolean => file.size + utf8.encode(file.name).length > contentLimit();

export interface FileDrop {
  /** The hidden file input and the drop zone that labels it: the file panel's content. */
  elements: HTMLElement[];
  /** What to focus when a file is missing. */
  zone: HTMLElement;
  file(): File | undefined;
  /** Redraws the hint, for instance when the server's limit arrives. */
  refresh(): void;
}

export function fileDrop(initial: File | undefined): FileDrop {
  let file = initial;
  const input = el("input", { type: "file", id: uniqueId("file"), class: "sr-only" });
  const name = el("span", { class: "drop-name" });
  const hint = el("span", { class: "drop-hint" });
  const zone = el("label", { class: "drop", for: input.id }, icon("file", "icon drop-icon"), name, hint);
  const pick = (picked: File | undefined) => {
    file = picked;
    name.textContent = picked ? (displayFileName(picked.name) ?? t("unnamedFile")) : t("dropPrompt");
    hint.textContent = !picked ? t("dropLimit", { limit: formatBytes(contentLimit()) })
      : fileTooBig(picked) ? t("fileTooLargeHint", { size: formatBytes(picked.size) }) : formatBytes(picked.size);
    zone.classList.toggle("over", !!picked && fileTooBig(picked));
    zone.classList.toggle("chosen", !!picked);
  };
  pick(file);
  input.addEventListener("change", () => pick(input.files?.[0]));
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    pick(event.dataTransfer?.files[0]);
  });
  return { elements: [input, zone], zone, file: () => file, refresh: () => pick(file) };
}

/** The Text / File tablist over two panels (WAI-ARIA tabs: one tab in the tab order, arrows move between them). */
export function secretTabs(initial: SecretMode, textPanel: HTMLElement, filePanel: HTMLElement): { element: HTMLElement; mode(): SecretMode } {
  let mode = initial;
  textPanel.id = "panel-text";
  filePanel.id = "panel-file";
  const tabText = el("button", { type: "button", role: "tab", class: "tab", "aria-controls": "panel-text", id: "tab-text" }, t("tabText"));
  const tabFile = el("button", { type: "button", role: "tab", class: "tab", "aria-controls": "panel-file", id: "tab-file" }, t("tabFile"));
  const tabs = el("div", { class: "tabs", role: "tablist", "aria-label": t("whatToShare") }, tabText, tabFile);
  const select = (next: SecretMode) => {
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
  tabs.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const next = mode === "text" ? "file" : "text";
    select(next);
    (next === "text" ? tabText : tabFile).focus();
  });
  return { element: tabs, mode: () => mode };
}
