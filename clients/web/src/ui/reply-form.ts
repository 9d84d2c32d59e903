// The sender's side of a request: what is asked, the fingerprint to compare, the secret and its expiry; then the
// reply link, which only the requester's browser opens.
import { OneTimeError } from "../client/errors.js";
import type { ServerLimits } from "../client/client.js";
import type { ParsedRequest } from "../client/request.js";
import type { SecretRequests, SentReply } from "../client/requests.js";
import { el, show, uniqueId } from "./dom.js";
import { formatDuration, formatWhen, t } from "./i18n/translate.js";
import { icon } from "./icons.js";
import { currentLimits, expiryChoices, pickExpiry, whenLimitsChange, type Expiry } from "./limits.js";
import { sendFailure } from "./messages.js";
import { displayNote } from "./note.js";
import { fingerprintBox, linkShare } from "./request-parts.js";
import { secretInput, type SecretInputState } from "./secret-input.js";

// The server's choices (limits.ts), but never past 30 days: the requester keeps the key no longer than that
// (protos/README.md, "Keeping the private key"), so a reply that waited longer could not be opened.
const KeyLifetimeSeconds = 2_592_000;

function replyExpiries(limits: ServerLimits): Expiry[] {
  const choices = expiryChoices(limits).filter((e) => e.seconds <= KeyLifetimeSeconds);
  return choices.length > 0 ? choices : expiryChoices({ ...limits, maxTtlSeconds: limits.minTtlSeconds, defaultTtlSeconds: limits.minTtlSeconds });
}

type SetRedraw = (redraw: () => void) => void;

interface FormState {
  secret?: SecretInputState;
  expirySeconds?: number;
}

export function renderReplyForm(requests: SecretRequests, request: ParsedRequest, setRedraw: SetRedraw, state: FormState = {}): void {
  const secret = secretInput(state.secret);
  const expiryId = uniqueId("expiry");
  const limits = currentLimits();
  const choices = replyExpiries(limits);
  const selected = pickExpiry(choices, state.expirySeconds, { ...limits, defaultTtlSeconds: Math.min(limits.defaultTtlSeconds, choices[choices.length - 1].seconds) });
  const expiry = el("select", { id: expiryId, name: "expiry" },
    ...choices.map((e) => el("option", { value: String(e.seconds), selected: e.seconds === selected }, formatDuration(e.value, e.unit))));
  const note = displayNote(request.note);
  const error = el("p", { class: "error", role: "alert", hidden: true });
  const submit = el("button", { type: "submit", class: "button primary wide" }, icon("lock"), el("span", {}, t("createReply")));
  const form = el("form", { class: "card", novalidate: true, "aria-labelledby": "reply-title" },
    el("h1", { id: "reply-title" }, t("replyHeading")),
    el("p", { class: "lead" }, t("replyLead")),
    el("section", { class: "asked", "aria-labelledby": "asked-title" },
      el("h2", { id: "asked-title" }, t("askedFor")),
      note ? el("p", { id: "asked-note" }, note) : el("p", { class: "none" }, t("askedNothing"))),
    secret.element,
    el("div", { class: "field" }, el("label", { for: expiryId }, t("expiresAfter")), expiry),
    fingerprintBox(request.fingerprint, "fingerprintCompareSender"),
    error, submit);
  show(form);
  const idle = () => renderReplyForm(requests, request, setRedraw, { secret: secret.state(), expirySeconds: Number(expiry.value) });
  setRedraw(idle);
  whenLimitsChange(idle); // the server's menu and size limit, once GetLimits answers: drawn again with what was typed

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    const content = await secret.read();
    if ("problem" in content) {
      error.textContent = content.problem;
      error.hidden = false;
      content.focus?.focus();
      return;
    }
    setRedraw(() => {}); // a language change while sending waits for the next view
    whenLimitsChange(() => {});
    submit.disabled = true;
    submit.classList.add("busy");
    submit.lastElementChild!.textContent = t("encrypting");
    try {
      renderReplyReady(await requests.reply(request, content, { ttlSeconds: Number(expiry.value) }), setRedraw);
    } catch (reason) {
      setRedraw(idle);
      error.textContent = reason instanceof OneTimeError ? sendFailure(reason) : t("errorNothingSent");
      error.hidden = false;
      submit.disabled = false;
      submit.classList.remove("busy");
      submit.lastElementChild!.textContent = t("createReply");
    }
  });
}

function renderReplyReady(reply: SentReply, setRedraw: SetRedraw): void {
  show(el("section", { class: "card", "aria-labelledby": "reply-ready-title" },
    el("div", { class: "badge ok" }, icon("check"), t("storedBadge")),
    el("h1", { id: "reply-ready-title" }, t("replyReadyHeading")),
    el("p", { class: "lead" }, t("replyReadyLead")),
    ...linkShare(reply.link, "replyLinkLabel",
      el("li", { class: "strong" }, icon("lock"), t("replyFactOnlyRequester")),
      el("li", {}, icon("gone"), reply.expiresAt ? t("expiresAtUnlessOpened", { when: formatWhen(reply.expiresAt) }) : t("expiresUnlessOpened")),
      el("li", {}, icon("shield"), t("replyFactServer"))),
    el("div", { class: "actions" }, el("a", { class: "button secondary", href: "./" }, t("shareASecret")))));
  setRedraw(() => renderReplyReady(reply, setRedraw));
}
