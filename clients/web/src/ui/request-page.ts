import "./styles.css";
import { OneTimeClient } from "../client/client.js";
import { OneTimeError } from "../client/errors.js";
import { MaxNoteBytes, noteProblem, parseRequestFragment } from "../client/request.js";
import { IndexedDbRequestKeyStore } from "../client/request-keys.js";
import { SecretRequests, type CreatedRequest } from "../client/requests.js";
import { el, serviceBaseUrl, show, uniqueId } from "./dom.js";
import { t } from "./i18n/translate.js";
import { icon } from "./icons.js";
import { loadLimits } from "./limits.js";
import { startPage } from "./layout.js";
import { messageFor, type Message } from "./messages.js";
import { renderReplyForm } from "./reply-form.js";
import { fingerprintBox, linkShare } from "./request-parts.js";

// /r without a fragment: the requester's pages (ask, then the request link). /r#1.…: a request link, opened by the
// sender (reply-form.ts). A request link holds only public material, so unlike /s it stays in the address bar: a
// reload shows the same request again.

const requests = new SecretRequests({ keys: new IndexedDbRequestKeyStore() });
const utf8 = new TextEncoder();
let redraw: () => void = () => {};

function renderMessage(message: () => Message, home = true): void {
  const { icon: name, title, body } = message();
  show(el("section", { class: "card center", "aria-labelledby": "msg-title" },
    el("div", { class: `hero-icon ${name}` }, icon(name)),
    el("h1", { id: "msg-title" }, title),
    el("p", { class: "lead" }, body),
    el("div", { class: "actions center" },
      el("a", { class: "button primary", href: "./r" }, t("requestAnother")),
      home && el("a", { class: "button secondary", href: "./" }, t("shareASecret")))));
  redraw = () => renderMessage(message, home);
}

function renderAsk(note = ""): void {
  const noteId = uniqueId("note");
  const input = el("textarea", { id: noteId, name: "note", rows: "2", autocomplete: "off", placeholder: t("notePlaceholder"), "aria-describedby": `${noteId}-hint` });
  input.value = note;
  const error = el("p", { class: "error", role: "alert", hidden: true });
  const submit = el("button", { type: "submit", class: "button primary wide" }, icon("lock"), el("span", {}, t("createRequest")));
  const form = el("form", { class: "card", novalidate: true, "aria-labelledby": "ask-title" },
    el("h1", { id: "ask-title" }, t("requestHeading")),
    el("p", { class: "lead" }, t("requestLead")),
    el("div", { class: "field" },
      el("label", { for: noteId }, t("noteLabel")), input,
      el("span", { class: "hint", id: `${noteId}-hint` }, t("noteHint"))),
    error, submit);
  show(form);
  input.focus();
  redraw = () => renderAsk(input.value);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    const fail = (message: string) => {
      error.textContent = message;
      error.hidden = false;
      input.focus();
    };
    const problem = noteProblem(input.value);
    if (problem === "too_long") return fail(t("errorNoteTooLong", { limit: String(MaxNoteBytes) }));
    if (problem) return fail(t("errorNoteInvalid"));
    redraw = () => {};
    submit.disabled = true;
    submit.classList.add("busy");
    submit.lastElementChild!.textContent = t("creatingRequest");
    try {
      renderRequestReady(await requests.create(serviceBaseUrl(), input.value));
    } catch {
      // The key could not be made or kept (IndexedDB refused, as some private modes do): no link, nothing sent.
      redraw = () => renderAsk(input.value);
      fail(t("errorRequestFailed"));
      submit.disabled = false;
      submit.classList.remove("busy");
      submit.lastElementChild!.textContent = t("createRequest");
    }
  });
  input.addEventListener("input", () => {
    input.classList.toggle("over", utf8.encode(input.value).length > MaxNoteBytes);
  });
}

function renderRequestReady(created: CreatedRequest): void {
  const forget = el("button", { type: "button", class: "button secondary", id: "forget" }, icon("gone"), el("span", {}, t("forgetRequest")));
  show(el("section", { class: "card", "aria-labelledby": "request-ready-title" },
    el("div", { class: "badge ok" }, icon("check"), t("requestReadyBadge")),
    el("h1", { id: "request-ready-title" }, t("requestReadyHeading")),
    el("p", { class: "lead" }, t("requestReadyLead")),
    ...linkShare(created.link, "requestLinkLabel",
      el("li", { class: "strong" }, icon("lock"), t("requestFactBrowser")),
      el("li", {}, icon("gone"), t("requestFactKept"))),
    fingerprintBox(created.fingerprint, "fingerprintCompareRequester"),
    el("div", { class: "actions" }, forget, el("a", { class: "button secondary", href: "./r" }, t("requestAnother")))));
  redraw = () => renderRequestReady(created);
  forget.addEventListener("click", async () => {
    await requests.forget(created.keyId);
    renderMessage(() => ({ icon: "gone", title: t("forgottenTitle"), body: t("forgottenBody") }));
  });
}

async function start(): Promise<void> {
  const fragment = location.hash.slice(1);
  if (!fragment) return renderAsk();
  const request = await parseRequestFragment(fragment, serviceBaseUrl());
  if (!request) {
    return renderMessage(() => ({ ...messageFor(new OneTimeError("invalid_link", "")), title: t("invalidRequestTitle"), body: t("invalidRequestBody") }));
  }
  loadLimits(new OneTimeClient({ baseUrl: request.baseUrl }));
  renderReplyForm(requests, request, (next) => (redraw = next));
}

// Another request link pasted into this tab's address bar changes only the fragment, which loads nothing.
addEventListener("hashchange", () => location.reload());

const sender = location.hash !== "";
startPage({ title: sender ? "replyPageTitle" : "requestPageTitle", footnote: sender ? "replyFootnote" : "requestFootnote" }, () => redraw());
void start();
