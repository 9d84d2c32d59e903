import "./styles.css";
import { OneTimeClient, type SecretContent } from "../client/client.js";
import { OneTimeError } from "../client/errors.js";
import { parseFragment, type ParsedLink } from "../client/link.js";
import { copyButton, el, formatBytes, formatWhen, serviceBaseUrl, show, uniqueId } from "./dom.js";
import { icon } from "./icons.js";
import { alreadyRead, messageFor, type Message } from "./messages.js";

// Nothing is read before the reader clicks "Reveal": link previews, mail scanners and prefetchers that load this
// page only ever call Exists, which deletes nothing.

const ReadMarker = "onetime-read"; // history.state after a reveal, so a reload says "already read" without the key

const client = new OneTimeClient({ baseUrl: serviceBaseUrl() });

/** Takes the key out of the address bar and the history entry; keeps a marker so a reload can explain. */
function forgetFragment(read: boolean): void {
  history.replaceState(read ? ReadMarker : null, "", location.pathname + location.search);
}

function renderMessage(message: Message, retry?: () => void): void {
  const retryButton = retry && el("button", { type: "button", class: "button primary" }, "Try again");
  retryButton?.addEventListener("click", retry!);
  show(el("section", { class: "card center", "aria-labelledby": "msg-title" },
    el("div", { class: `hero-icon ${message.icon}` }, icon(message.icon)),
    el("h1", { id: "msg-title" }, message.title),
    el("p", { class: "lead" }, message.body),
    el("div", { class: "actions center" }, retryButton, el("a", { class: retry ? "button secondary" : "button primary", href: "./" }, "Share a secret"))));
}

function renderError(reason: unknown, retry: () => void): void {
  const error = reason instanceof OneTimeError ? reason : new OneTimeError("failed", String(reason));
  // Gone, or read but undecryptable: either way the server holds nothing more for this key.
  if (error.kind === "not_found" || error.kind === "corrupted") forgetFragment(false);
  renderMessage(messageFor(error), error.kind === "unavailable" || error.kind === "failed" ? retry : undefined);
}

function renderChecking(): void {
  show(el("section", { class: "card center", "aria-busy": "true", "aria-labelledby": "check-title" },
    el("div", { class: "spinner", role: "progressbar", "aria-label": "Checking" }),
    el("h1", { id: "check-title" }, "Checking the link…")));
}

async function start(): Promise<void> {
  const fragment = location.hash.slice(1);
  if (!fragment) {
    return history.state === ReadMarker ? renderMessage(alreadyRead) : renderMessage(messageFor(new OneTimeError("invalid_link", "")));
  }
  const parsed = parseFragment(fragment);
  if (!parsed) return renderMessage(messageFor(new OneTimeError("invalid_link", "")));
  const link: ParsedLink = { baseUrl: serviceBaseUrl(), ...parsed };

  if (link.passphraseRequired) return renderReady(link); // Exists needs the passphrase-derived token too
  renderChecking();
  try {
    const status = await client.exists(link);
    if (!status.exists) return renderError(new OneTimeError("not_found", ""), start);
    renderReady(link, status.expiresAt);
  } catch (reason) {
    renderError(reason, start);
  }
}

function renderReady(link: ParsedLink, expiresAt?: Date): void {
  const passId = uniqueId("passphrase");
  const passphrase = link.passphraseRequired
    ? el("input", { id: passId, type: "password", autocomplete: "off", required: true, "aria-describedby": `${passId}-hint` })
    : undefined;
  const error = el("p", { class: "error", role: "alert", hidden: true });
  const button = el("button", { type: "submit", class: "button primary wide" }, icon("eye"), el("span", {}, "Reveal secret"));
  const form = el("form", { class: "card", novalidate: true, "aria-labelledby": "ready-title" },
    el("div", { class: "hero-icon lock" }, icon("lock")),
    el("h1", { id: "ready-title" }, "Someone shared a secret with you"),
    el("p", { class: "lead" }, "You can reveal it once. After that it is deleted from the server, for everyone — so have somewhere ready to keep it."),
    passphrase && el("div", { class: "field" },
      el("label", { for: passId }, "Passphrase"), passphrase,
      el("span", { class: "hint", id: `${passId}-hint` }, "The sender protected this secret with a passphrase. A wrong one deletes nothing.")),
    error, button,
    el("p", { class: "fine" }, icon("shield"), expiresAt ? `Decrypted in your browser · expires ${formatWhen(expiresAt)}` : "Decrypted in your browser; the server never had the key."));
  show(form);
  passphrase?.focus();

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    if (passphrase && !passphrase.value) {
      error.textContent = "Enter the passphrase the sender gave you.";
      error.hidden = false;
      passphrase.focus();
      return;
    }
    button.disabled = true;
    button.classList.add("busy");
    button.lastElementChild!.textContent = "Decrypting…";
    try {
      const content = await client.read(link, passphrase?.value);
      forgetFragment(true);
      renderSecret(content);
    } catch (reason) {
      if (passphrase && reason instanceof OneTimeError && reason.kind === "not_found") {
        // A wrong passphrase derives a different token: the server found nothing and deleted nothing.
        error.textContent = "That passphrase did not open it — or the secret is already gone. Nothing was deleted; try again.";
        error.hidden = false;
        button.disabled = false;
        button.classList.remove("busy");
        button.lastElementChild!.textContent = "Reveal secret";
        passphrase.select();
        return;
      }
      renderError(reason, () => renderReady(link, expiresAt));
    }
  });
}

function renderSecret(content: SecretContent): void {
  const body = content.kind === "text" ? textView(content.text) : fileView(content);
  show(el("section", { class: "card", "aria-labelledby": "secret-title" },
    el("div", { class: "badge ok" }, icon("check"), "Decrypted"),
    el("h1", { id: "secret-title" }, content.kind === "text" ? "Here is your secret" : "Here is your file"),
    body,
    el("p", { class: "notice" }, icon("gone"), "It has been deleted from the server. Save it now: this page cannot show it again."),
    el("div", { class: "actions" }, el("a", { class: "button secondary", href: "./" }, "Share a secret of your own"))));
}

function textView(text: string): HTMLElement {
  const output = el("pre", { class: "secret", id: "secret-text", tabindex: "0", "aria-label": "Secret text" });
  output.textContent = text; // text, never markup
  const selectAll = () => getSelection()?.selectAllChildren(output);
  return el("div", { class: "secret-box" }, output, el("div", { class: "actions" }, copyButton(() => text, "Copy", selectAll)));
}

function fileView(file: Extract<SecretContent, { kind: "file" }>): HTMLElement {
  // A file name is a hint only: the browser strips path parts; a download never opens inline.
  const name = file.name.replace(/[\\/]/g, "_") || "secret.bin";
  const url = URL.createObjectURL(new Blob([file.data as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" }));
  const download = el("a", { class: "button primary", href: url, download: name, id: "download" }, icon("file"), el("span", {}, "Download"));
  const title = el("span", { class: "file-name" });
  title.textContent = name;
  return el("div", { class: "file-box" },
    icon("file", "icon file-icon"),
    el("div", { class: "file-meta" }, title, el("span", { class: "hint" }, `${formatBytes(file.data.length)} · ${file.mediaType}`)),
    download);
}

start();
