import "./styles.css";
import { OneTimeClient, type ReadSecret } from "../client/client.js";
import { OneTimeError } from "../client/errors.js";
import { parseFragment, type ParsedLink } from "../client/link.js";
import { el, serviceBaseUrl, show, uniqueId } from "./dom.js";
import { formatWhen, t } from "./i18n/translate.js";
import { icon } from "./icons.js";
import { startPage } from "./layout.js";
import { knownLimits, loadLimits, whenLimitsChange } from "./limits.js";
import { alreadyRead, messageFor, openAgain, shownHere, type Message } from "./messages.js";
import { displayNote } from "./note.js";
import { readerNoteField, toldLine } from "./reader-note.js";
import { isReplyFragment, openReply, replyNotHere } from "./reply.js";
import { secretView } from "./secret-view.js";

// Nothing is read before the reader clicks "Reveal": link previews, mail scanners and prefetchers that load this
// page only ever call Exists, which deletes nothing.

// What history.state says about this entry once the key has left it, so a reload can explain what happened.
const Marker = { opened: "onetime-opened", read: "onetime-read", shown: "onetime-shown", gone: "onetime-gone" } as const;

/**
 * The key leaves the address bar and this history entry the moment the page runs, before anything is shown or
 * called: from then on it lives only in this page's memory, so it is not in the history, a synced tab, a
 * screenshot of the address bar or a reopened tab. The price: a reload cannot find it, and says to open the link
 * again from the message it came in.
 */
function takeFragment(): string {
  const fragment = location.hash.slice(1);
  if (fragment) history.replaceState(parseFragment(fragment) || isReplyFragment(fragment) ? Marker.opened : null, "", location.pathname);
  return fragment;
}

const fragment = takeFragment();
const client = new OneTimeClient({ baseUrl: serviceBaseUrl() });
let redraw: () => void = () => {};

function mark(marker: (typeof Marker)[keyof typeof Marker]): void {
  history.replaceState(marker, "", location.pathname);
}

function renderMessage(message: () => Message, retry?: () => void): void {
  const { icon: name, title, body } = message();
  const retryButton = retry && el("button", { type: "button", class: "button primary" }, t("tryAgain"));
  retryButton?.addEventListener("click", retry!);
  show(el("section", { class: "card center", "aria-labelledby": "msg-title" },
    el("div", { class: `hero-icon ${name}` }, icon(name)),
    el("h1", { id: "msg-title" }, title),
    el("p", { class: "lead" }, body),
    el("div", { class: "actions center" }, retryButton, el("a", { class: retry ? "button secondary" : "button primary", href: "./" }, t("shareASecret")))));
  redraw = () => renderMessage(message, retry);
}

function renderError(reason: unknown, retry: () => void): void {
  const error = reason instanceof OneTimeError ? reason : new OneTimeError("failed", String(reason));
  // Gone, or read but undecryptable: either way the server holds nothing more for this key.
  if (error.kind === "not_found" || error.kind === "corrupted") mark(Marker.gone);
  renderMessage(() => messageFor(error), error.kind === "unavailable" || error.kind === "failed" ? retry : undefined);
}

function renderChecking(): void {
  show(el("section", { class: "card center", "aria-busy": "true", "aria-labelledby": "check-title" },
    el("div", { class: "spinner", role: "progressbar", "aria-label": t("checking") }),
    el("h1", { id: "check-title" }, t("checkingHeading"))));
  redraw = renderChecking;
}

const invalidLink = () => messageFor(new OneTimeError("invalid_link", ""));
const gone = () => messageFor(new OneTimeError("not_found", ""));
const afterwards = new Map<unknown, () => Message>([[Marker.read, alreadyRead], [Marker.shown, shownHere], [Marker.gone, gone], [Marker.opened, openAgain]]);

async function start(): Promise<void> {
  if (!fragment) {
    // A reload, or back to this entry: the key is no longer in the address. Say what became of it.
    return renderMessage(afterwards.get(history.state) ?? invalidLink);
  }
  const parsed = isReplyFragment(fragment) ? await openReply(fragment, serviceBaseUrl()) : parseFragment(fragment);
  if (parsed === "not_here") return renderMessage(replyNotHere);
  if (!parsed) return renderMessage(invalidLink);
  const link: RevealLink = { baseUrl: serviceBaseUrl(), ...parsed };

  if (link.passphraseRequired) {
    loadLimits(client); // for the wrong-passphrase limit it states
    return renderReady(link); // Exists needs the passphrase-derived token too
  }
  renderChecking();
  try {
    const status = await client.exists(link);
    if (!status.exists) return renderError(new OneTimeError("not_found", ""), start);
    renderReady(link, status.expiresAt, status.viewsLeft);
  } catch (reason) {
    renderError(reason, start);
  }
}

// The server's wrong-passphrase limit, in words; until GetLimits answers (or if it fails), without the number.
const attemptsHint = () => {
  const limits = knownLimits();
  return limits ? t("passphraseAttempts", { count: String(limits.maxWrongAttempts) }) : t("passphraseAttemptsUnknown");
};
const wrongPassphrase = () => {
  const limits = knownLimits();
  return limits ? t("errorWrongPassphraseLimit", { count: String(limits.maxWrongAttempts) }) : t("errorWrongPassphraseUnknown");
};

/** A link to reveal; a reply opened with this browser's key also carries what the requester asked for. */
type RevealLink = ParsedLink & { askedFor?: string };

/** What the reader typed on the ready form, kept across a language change. */
interface Typed {
  passphrase: string;
  note: string;
}

function renderReady(link: RevealLink, expiresAt?: Date, viewsLeft = 1, typed: Typed = { passphrase: "", note: "" }): void {
  const passId = uniqueId("passphrase");
  const passphrase = link.passphraseRequired
    ? el("input", { id: passId, type: "password", autocomplete: "off", required: true, "aria-describedby": `${passId}-hint` })
    : undefined;
  if (passphrase) passphrase.value = typed.passphrase;
  // Only a secret link's last view is confirmed; with a passphrase the views left are unknown until it opens.
  const note = link.askedFor === undefined && viewsLeft <= 1 ? readerNoteField(typed.note) : undefined;
  const error = el("p", { class: "error", role: "alert", hidden: true });
  const button = el("button", { type: "submit", class: "button primary wide" }, icon("eye"), el("span", {}, t("revealSecret")));
  const form = el("form", { class: "card", novalidate: true, "aria-labelledby": "ready-title" },
    el("div", { class: "hero-icon lock" }, icon("lock")),
    el("h1", { id: "ready-title" }, t(link.askedFor === undefined ? "readyHeading" : "replyOpenHeading")),
    el("p", { class: "lead" }, viewsLeft > 1 ? t("readyLeadViews", { count: String(viewsLeft) }) : t("readyLead")),
    askedFor(link),
    passphrase && el("div", { class: "field" },
      el("label", { for: passId }, t("passphrase")), passphrase,
      el("span", { class: "hint", id: `${passId}-hint` }, attemptsHint())),
    note?.element,
    error, button,
    el("p", { class: "fine" }, icon("shield"), expiresAt ? t("decryptedExpires", { when: formatWhen(expiresAt) }) : t("decryptedNoKey")));
  show(form);
  passphrase?.focus();
  const idle = () => renderReady(link, expiresAt, viewsLeft, { passphrase: passphrase?.value ?? "", note: note?.input.value ?? "" });
  redraw = idle;
  const hint = passphrase && form.querySelector<HTMLElement>(`#${passId}-hint`);
  whenLimitsChange(() => {
    if (hint) hint.textContent = attemptsHint();
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    if (passphrase && !passphrase.value) {
      error.textContent = t("errorNoPassphrase");
      error.hidden = false;
      passphrase.focus();
      return;
    }
    const noteProblem = note?.problem();
    if (noteProblem) {
      error.textContent = noteProblem;
      error.hidden = false;
      note!.input.focus();
      return;
    }
    const noted = !!note?.input.value;
    redraw = () => {}; // no second form to click while this one reads: a language change waits for the next view
    button.disabled = true;
    button.classList.add("busy");
    button.lastElementChild!.textContent = t("decrypting");
    try {
      const secret = await client.read(link, passphrase?.value, { note: note?.input.value, confirm: link.askedFor === undefined });
      mark(secret.viewsLeft > 0 ? Marker.shown : Marker.read);
      renderSecret(secret, noted);
    } catch (reason) {
      if (passphrase && reason instanceof OneTimeError && reason.kind === "not_found") {
        // A wrong passphrase derives a different token: the server found nothing and deleted nothing, but counted
        // the attempt; at its limit the secret is burned, and every later try answers the same.
        redraw = idle;
        error.textContent = wrongPassphrase();
        error.hidden = false;
        button.disabled = false;
        button.classList.remove("busy");
        button.lastElementChild!.textContent = t("revealSecret");
        passphrase.select();
        return;
      }
      renderError(reason, () => renderReady(link, expiresAt, viewsLeft));
    }
  });
}

// The requester's own note, on a reply they open: which of their requests this answers.
function askedFor(link: RevealLink): HTMLElement | undefined {
  const note = link.askedFor === undefined ? "" : displayNote(link.askedFor);
  return note ? el("section", { class: "asked", "aria-labelledby": "asked-title" },
    el("h2", { id: "asked-title" }, t("replyOpenAskedFor")),
    el("p", { id: "asked-note" }, note)) : undefined;
}

function renderSecret(secret: ReadSecret, noted: boolean): void {
  const { viewsLeft } = secret;
  show(el("section", { class: "card", "aria-labelledby": "secret-title" },
    el("div", { class: "badge ok" }, icon("check"), t("decryptedBadge")),
    el("h1", { id: "secret-title" }, t(secret.kind === "text" ? "secretHeading" : "fileHeading")),
    secretView(secret),
    el("p", { class: "notice" }, icon("gone"),
      viewsLeft === 0 ? t("deletedNotice") : viewsLeft === 1 ? t("viewsRemainOne") : t("viewsRemain", { count: String(viewsLeft) })),
    toldLine(secret, noted),
    el("div", { class: "actions" }, el("a", { class: "button secondary", href: "./" }, t("shareYourOwn")))));
  redraw = () => renderSecret(secret, noted);
}

// Another link pasted into this tab's address bar changes only the fragment, which loads nothing: start over with it.
addEventListener("hashchange", () => location.reload());

startPage({ title: "revealPageTitle", footnote: "revealFootnote" }, () => redraw());
void start();
