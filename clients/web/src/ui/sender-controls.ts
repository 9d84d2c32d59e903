// The sender's controls on the link-ready page: "Check status" asks Exists (waiting with N views left, read at …
// with or without the reader's confirmation, or gone) and "Burn now" calls Burn after a confirm step. Both send the link's own token, so neither takes a view
// nor counts as a wrong attempt; with a passphrase link they derive it again from the passphrase still in memory.
import type { OneTimeClient, SecretStatus } from "../client/client.js";
import { OneTimeError } from "../client/errors.js";
import { el, uniqueId } from "./dom.js";
import type { MessageKey } from "./i18n/en.js";
import { formatWhen, t } from "./i18n/translate.js";
import { icon, type IconName } from "./icons.js";
import { messageFor } from "./messages.js";
import { displayNote } from "./note.js";

/** The link the sender just made, and what the page needs to ask about it. */
export interface SentLink {
  link: string;
  expiresAt?: Date;
  passphrase?: string;
  views: number;
}

/** What the sender has learnt so far: kept across redraws, so a language change loses none of it. */
export interface SenderView {
  status?: SecretStatus;
  burned?: boolean;
  failure?: OneTimeError;
  confirming?: boolean;
}

const Gone: SecretStatus = { exists: false, state: "gone", viewsLeft: 0 };

/** The link can no longer be opened: burned here, or every view taken, expired, or burned elsewhere. */
export const isDead = (view: SenderView): boolean => !!view.burned || (!!view.status && view.status.state !== "waiting");

export function statusText(view: SenderView): string | undefined {
  if (view.failure) return messageFor(view.failure).body;
  if (view.burned) return t("statusBurned");
  const status = view.status;
  if (!status) return undefined;
  if (status.state === "waiting") {
    const views = status.viewsLeft === 1 ? t("viewsLeftOne") : t("viewsLeftMany", { count: String(status.viewsLeft) });
    return status.readAt ? t("statusWaitingRead", { when: formatWhen(status.readAt), views }) : t("statusWaiting", { views });
  }
  // Read, with the receipt's time and the reader's client's word on it (protos/README.md "Checking one"); a server
  // with receipts off answers "gone" after the last view instead.
  if (status.state === "read" && status.readAt) {
    const when = formatWhen(status.readAt);
    if (status.confirmation === "confirmed") return t("statusReadConfirmed", { when });
    return t(status.confirmation === "invalid" ? "statusReadInvalid" : "statusReadUnconfirmed", { when });
  }
  return t("statusGone");
}

/** The reader's note, shown only from a confirmation that verified, as text without characters that could disguise it. */
export function readerNote(view: SenderView): string | undefined {
  const status = view.status;
  if (view.failure || view.burned || status?.state !== "read" || status.confirmation !== "confirmed" || !status.note) return undefined;
  return displayNote(status.note) || undefined;
}

function button(kind: "secondary" | "danger", name: IconName, label: MessageKey): HTMLButtonElement {
  return el("button", { type: "button", class: `button ${kind}` }, icon(name), el("span", {}, t(label)));
}

export interface SenderControls {
  element: HTMLElement;
  /** What "Check status" does; "Check all" on the recipients' page runs it for every link. */
  check(): Promise<void>;
  /** What "Yes, burn it" does, without the confirm step: "Burn all" asks once for every link. */
  burn(): Promise<void>;
}

/** The status line and the two buttons; onDead runs once the link is found dead, to show it as such. */
export function senderControls(client: OneTimeClient, sent: SentLink, view: SenderView, onDead: () => void): SenderControls {
  const line = el("p", { class: "status-line", role: "status" });
  const noteText = el("span", { class: "reader-note-text" });
  const note = el("p", { class: "reader-note" }, el("span", { class: "hint" }, t("readerNoteFrom")), " ", noteText);
  const check = button("secondary", "eye", "checkStatus");
  const burn = button("danger", "gone", "burnNow");
  const confirmId = uniqueId("burn-confirm");
  const yes = button("danger", "gone", "burnYes");
  const no = el("button", { type: "button", class: "button secondary" }, t("cancel"));
  const confirm = el("div", { class: "confirm", role: "group", "aria-labelledby": confirmId },
    el("p", { id: confirmId }, t("burnConfirm")), el("div", { class: "actions" }, yes, no));

  const update = () => {
    const text = statusText(view);
    line.textContent = text ?? "";
    line.hidden = !text;
    line.classList.toggle("dead", isDead(view));
    // A read the reader's client confirmed is what the sender hoped for: shown as good news, not as a dead link.
    line.classList.toggle("confirmed", !view.burned && view.status?.state === "read" && view.status.confirmation === "confirmed");
    noteText.textContent = readerNote(view) ?? "";
    note.hidden = !readerNote(view);
    burn.hidden = isDead(view) || !!view.confirming;
    confirm.hidden = isDead(view) || !view.confirming;
  };
  const working = async (target: HTMLButtonElement, work: () => Promise<void>) => {
    target.disabled = true;
    target.classList.add("busy");
    try {
      await work();
    } catch (reason) {
      view.failure = reason instanceof OneTimeError ? reason : new OneTimeError("failed", String(reason));
    } finally {
      target.disabled = false;
      target.classList.remove("busy");
    }
    update();
    if (isDead(view)) onDead();
  };

  const checkNow = () => working(check, async () => {
    line.hidden = false;
    line.textContent = t("statusChecking");
    view.status = await client.status(sent.link, sent.passphrase);
    view.burned = false; // from now on, the server's word: gone
    view.failure = undefined;
  });
  const burnNow = () => working(yes, async () => {
    // False: it was gone already (read to the last view, expired, or burned from another page).
    if (await client.burn(sent.link, sent.passphrase)) view.burned = true;
    else view.status = Gone;
    view.failure = undefined;
    view.confirming = false;
  });
  check.addEventListener("click", checkNow);
  burn.addEventListener("click", () => {
    view.confirming = true;
    update();
    yes.focus();
  });
  no.addEventListener("click", () => {
    view.confirming = false;
    update();
    burn.focus();
  });
  yes.addEventListener("click", async () => {
    await burnNow();
    check.focus();
  });

  update();
  const element = el("div", { class: "sender" }, line, note, el("div", { class: "actions" }, check, burn), confirm);
  return { element, check: checkNow, burn: burnNow };
}
