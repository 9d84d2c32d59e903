import "./styles.css";
import { OneTimeClient, type SecretContent } from "../client/client.js";
import { OneTimeError } from "../client/errors.js";
import { copyButton, el, formatBytes, formatWhen, serviceBaseUrl, show, uniqueId } from "./dom.js";
import { icon } from "./icons.js";
import { generatePassword } from "./passwords.js";
import { messageFor } from "./messages.js";
import { qrSvg } from "./qr.js";

// The largest payload the server's default 1 MiB ciphertext limit takes (protos/README.md: bucket 983040 − 4).
// A server configured lower still answers INVALID_ARGUMENT, which is shown as such.
const MaxPayloadBytes = 983_036;
const PayloadOverheadBytes = 16; // protobuf tags and lengths around the text or file

const expiries = [
  { label: "5 minutes", seconds: 300 },
  { label: "1 hour", seconds: 3600 },
  { label: "1 day", seconds: 86_400 },
  { label: "7 days", seconds: 604_800 },
  { label: "30 days", seconds: 2_592_000 },
];
const DefaultExpiry = 2; // 1 day

const client = new OneTimeClient({ baseUrl: serviceBaseUrl() });
const utf8 = new TextEncoder();

function renderForm(): void {
  let file: File | undefined;
  let mode: "text" | "file" = "text";

  const textId = uniqueId("secret");
  const text = el("textarea", { id: textId, name: "secret", rows: "6", spellcheck: "false", autocomplete: "off", placeholder: "Paste a password, an API key, a note…", "aria-describedby": `${textId}-count` });
  const counter = el("span", { id: `${textId}-count`, class: "counter" });
  const generate = el("button", { type: "button", class: "link-button" }, "Generate a password");

  const fileInput = el("input", { type: "file", id: uniqueId("file"), class: "sr-only" });
  const fileName = el("span", { class: "drop-name" }, "Choose a file or drop it here");
  const fileSize = el("span", { class: "drop-hint" }, `Up to ${formatBytes(MaxPayloadBytes - PayloadOverheadBytes)}`);
  const drop = el("label", { class: "drop", for: fileInput.id }, icon("file", "icon drop-icon"), fileName, fileSize);

  const textPanel = el("div", { class: "panel", id: "panel-text" },
    el("div", { class: "label-row" }, el("label", { for: textId }, "Secret"), generate), text, el("div", { class: "meta-row" }, counter));
  const filePanel = el("div", { class: "panel", id: "panel-file", hidden: true }, fileInput, drop);

  const tabText = el("button", { type: "button", role: "tab", class: "tab", "aria-selected": "true", "aria-controls": "panel-text", id: "tab-text" }, "Text");
  const tabFile = el("button", { type: "button", role: "tab", class: "tab", "aria-selected": "false", "aria-controls": "panel-file", id: "tab-file", tabindex: "-1" }, "File");
  const tabs = el("div", { class: "tabs", role: "tablist", "aria-label": "What to share" }, tabText, tabFile);

  const expiryId = uniqueId("expiry");
  const expiry = el("select", { id: expiryId, name: "expiry" }, ...expiries.map((e, i) => el("option", { value: String(e.seconds), selected: i === DefaultExpiry }, e.label)));
  const passId = uniqueId("passphrase");
  const passphrase = el("input", { id: passId, name: "passphrase", type: "password", autocomplete: "new-password", placeholder: "Optional", "aria-describedby": `${passId}-hint` });
  const reveal = el("button", { type: "button", class: "input-addon", "aria-pressed": "false", "aria-label": "Show passphrase" }, icon("eye"));

  const error = el("p", { class: "error", role: "alert", hidden: true });
  const submit = el("button", { type: "submit", class: "button primary wide" }, icon("lock"), el("span", {}, "Create link"));

  const form = el("form", { class: "card", novalidate: true, "aria-labelledby": "create-title" },
    el("h1", { id: "create-title" }, "Share a secret, once"),
    el("p", { class: "lead" }, "It is encrypted in your browser before it is sent. The link opens one time — then the secret is gone for good."),
    tabs, textPanel, filePanel,
    el("div", { class: "grid" },
      el("div", { class: "field" }, el("label", { for: expiryId }, "Expires after"), expiry),
      el("div", { class: "field" },
        el("label", { for: passId }, "Passphrase"),
        el("div", { class: "input-group" }, passphrase, reveal),
        el("span", { class: "hint", id: `${passId}-hint` }, "Send it separately, e.g. by phone."))),
    error, submit);

  const explainer = el("section", { class: "explainer", "aria-label": "What the server sees" },
    feature("lock", "Encrypted here", "AES-256-GCM with a fresh key, in this browser."),
    feature("shield", "Server sees ciphertext only", "The key is after the # in the link, which browsers never send."),
    feature("gone", "Read once", "Opening it deletes it. Unread secrets expire on their own."));

  show(form, explainer);

  const updateCounter = () => {
    const size = utf8.encode(text.value).length + PayloadOverheadBytes;
    counter.textContent = `${formatBytes(utf8.encode(text.value).length)} of ${formatBytes(MaxPayloadBytes - PayloadOverheadBytes)}`;
    counter.classList.toggle("over", size > MaxPayloadBytes);
  };
  updateCounter();
  text.addEventListener("input", updateCounter);
  generate.addEventListener("click", () => {
    text.value = generatePassword();
    updateCounter();
    text.focus();
  });

  const select = (next: "text" | "file") => {
    mode = next;
    for (const [tab, panel, name] of [[tabText, textPanel, "text"], [tabFile, filePanel, "file"]] as const) {
      tab.setAttribute("aria-selected", String(name === next));
      tab.tabIndex = name === next ? 0 : -1;
      panel.hidden = name !== next;
    }
  };
  tabText.addEventListener("click", () => select("text"));
  tabFile.addEventListener("click", () => select("file"));
  tabs.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const next = mode === "text" ? "file" : "text";
    select(next);
    (next === "text" ? tabText : tabFile).focus();
  });

  const pick = (picked: File | undefined) => {
    file = picked;
    fileName.textContent = picked ? picked.name || "Unnamed file" : "Choose a file or drop it here";
    const tooBig = !!picked && picked.size + picked.name.length + PayloadOverheadBytes > MaxPayloadBytes;
    fileSize.textContent = picked ? `${formatBytes(picked.size)}${tooBig ? " — too large" : ""}` : `Up to ${formatBytes(MaxPayloadBytes - PayloadOverheadBytes)}`;
    drop.classList.toggle("over", tooBig);
    drop.classList.toggle("chosen", !!picked);
  };
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

  reveal.addEventListener("click", () => {
    const visible = passphrase.type === "password";
    passphrase.type = visible ? "text" : "password";
    reveal.setAttribute("aria-pressed", String(visible));
    reveal.setAttribute("aria-label", visible ? "Hide passphrase" : "Show passphrase");
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    const fail = (message: string, focus?: HTMLElement) => {
      error.textContent = message;
      error.hidden = false;
      focus?.focus();
    };

    let content: SecretContent;
    if (mode === "text") {
      if (text.value.length === 0) return fail("Type or paste the secret first.", text);
      if (utf8.encode(text.value).length + PayloadOverheadBytes > MaxPayloadBytes) return fail("That is too long for one secret.", text);
      content = { kind: "text", text: text.value };
    } else {
      if (!file) return fail("Choose a file first.", drop);
      if (file.size + file.name.length + PayloadOverheadBytes > MaxPayloadBytes) return fail(`That file is too large: the limit is ${formatBytes(MaxPayloadBytes - PayloadOverheadBytes)}.`);
      content = { kind: "file", name: file.name, mediaType: file.type, data: new Uint8Array(await file.arrayBuffer()) };
    }

    submit.disabled = true;
    submit.classList.add("busy");
    submit.lastElementChild!.textContent = passphrase.value ? "Encrypting…" : "Creating link…";
    try {
      const sent = await client.send(content, { ttlSeconds: Number(expiry.value), passphrase: passphrase.value || undefined });
      renderLink(sent.link, sent.expiresAt, !!passphrase.value);
    } catch (reason) {
      fail(reason instanceof OneTimeError ? messageFor(reason).body : "Something went wrong. Nothing was sent.");
      submit.disabled = false;
      submit.classList.remove("busy");
      submit.lastElementChild!.textContent = "Create link";
    }
  });
}

function feature(name: Parameters<typeof icon>[0], title: string, body: string): HTMLElement {
  return el("div", { class: "feature" }, icon(name, "icon feature-icon"), el("div", {}, el("h2", {}, title), el("p", {}, body)));
}

function renderLink(link: string, expiresAt: Date | undefined, needsPassphrase: boolean): void {
  const linkId = uniqueId("link");
  const field = el("input", { id: linkId, class: "link-field", type: "text", readonly: true, value: link, spellcheck: "false" });
  const copy = copyButton(() => link, "Copy link", () => field.select());
  copy.classList.replace("secondary", "primary");
  const again = el("a", { class: "button secondary", href: "./" }, "Share another secret");

  const card = el("section", { class: "card", "aria-labelledby": "done-title" },
    el("div", { class: "badge ok" }, icon("check"), "Encrypted and stored"),
    el("h1", { id: "done-title" }, "Your link is ready"),
    el("p", { class: "lead" }, "Send it to one person. It works once: when they open it, the secret is deleted."),
    el("label", { for: linkId, class: "sr-only" }, "Secret link"),
    el("div", { class: "link-row" }, field, copy),
    el("div", { class: "share" },
      el("figure", { class: "qr" }, qrSvg(link, "QR code of the link"), el("figcaption", {}, "Scan to open on a phone")),
      el("ul", { class: "facts" },
        el("li", {}, icon("gone"), expiresAt ? `Expires ${formatWhen(expiresAt)} if nobody opens it` : "Expires if nobody opens it"),
        needsPassphrase && el("li", { class: "strong" }, icon("lock"), "The reader needs your passphrase — send it another way."),
        el("li", {}, icon("shield"), "The server holds only ciphertext; the key is in the link after #."))),
    el("div", { class: "actions" }, again));
  show(card);
  field.addEventListener("focus", () => field.select());
}

renderForm();
