// The revealed secret: text to read and copy, or a file to download. Both are rendered as text, never as markup.
import type { SecretContent } from "../client/client.js";
import { copyButton, el } from "./dom.js";
import { displayFileName, displayMediaType } from "./filename.js";
import { formatBytes, t } from "./i18n/translate.js";
import { icon } from "./icons.js";

const FallbackFileName = "secret.bin";
// The URL standard resolves a blob URL when the click parses it, so the download already holds the blob when the
// URL is revoked; the grace period is for engines that resolve it later.
const RevokeAfterMs = 1000;

export function secretView(content: SecretContent): HTMLElement {
  return content.kind === "text" ? textView(content.text) : fileView(content);
}

function textView(text: string): HTMLElement {
  const output = el("pre", { class: "secret", id: "secret-text", tabindex: "0", "aria-label": t("secretText") });
  output.textContent = text; // text, never markup
  const selectAll = () => getSelection()?.selectAllChildren(output);
  return el("div", { class: "secret-box" }, output, el("div", { class: "actions" }, copyButton(() => text, t("copy"), selectAll)));
}

function fileView(file: Extract<SecretContent, { kind: "file" }>): HTMLElement {
  // The name is the sender's: shown and downloaded without characters that could disguise it (filename.ts).
  const name = displayFileName(file.name);
  const download = el("button", { type: "button", class: "button primary", id: "download" }, icon("file"), el("span", {}, t("download")));
  // Each click makes its own short-lived object URL, so the decrypted bytes are not left reachable by URL for as
  // long as the page stays open. octet-stream: a download never opens inline.
  download.addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([file.data as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" }));
    const anchor = el("a", { href: url, download: name ?? FallbackFileName, hidden: true });
    document.body.append(anchor); // some engines follow only a link that is in the document
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), RevokeAfterMs);
  });
  const title = el("span", { class: "file-name" }, name ?? t("unnamedFile"));
  const size = formatBytes(file.data.length);
  const type = displayMediaType(file.mediaType);
  const details = type ? t("fileDetails", { size, type }) : size;
  return el("div", { class: "file-box" },
    icon("file", "icon file-icon"),
    el("div", { class: "file-meta" }, title, el("span", { class: "hint" }, details)),
    download);
}
