import { t } from "./i18n/translate.js";

// Building the page with DOM calls only: text goes in through textContent, never innerHTML, so a secret or a file
// name that looks like markup stays text.

type Child = Node | string | false | null | undefined;
type Attributes = Record<string, string | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name.startsWith("on")) throw new Error("Attach listeners with addEventListener.");
    node.setAttribute(name, value === true ? "" : value);
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** Replaces what <main> shows and moves focus to the new heading, so screen readers announce the change. */
export function show(...children: Child[]): void {
  const main = document.getElementById("main")!;
  main.replaceChildren();
  append(main, ...children);
  const heading = main.querySelector<HTMLElement>("h1");
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

let ids = 0;
export const uniqueId = (prefix: string) => `${prefix}-${++ids}`;

/** A copy button for a value; says "Copied" for a moment, and falls back to selecting the text. */
export function copyButton(value: () => string, label = t("copy"), select?: () => void): HTMLButtonElement {
  const text = el("span", {}, label);
  const status = el("span", { class: "sr-only", role: "status" });
  const button = el("button", { type: "button", class: "button secondary copy" }, text, status);
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(value());
      text.textContent = t("copied");
      status.textContent = t("copiedStatus");
    } catch {
      select?.();
      text.textContent = t("pressCtrlC");
    }
    setTimeout(() => (text.textContent = label), 2000);
  });
  return button;
}

/** The service's base URL as seen from this page: its origin and path, without "/s", "/r" or a trailing "/". */
export function serviceBaseUrl(): string {
  const path = location.pathname.replace(/\/(s|r|index\.html|s\.html|r\.html)$/, "").replace(/\/+$/, "");
  return location.origin + path;
}
