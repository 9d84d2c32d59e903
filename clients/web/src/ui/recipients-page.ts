// One secret to several recipients: N independent secrets of the same content, each with its own key, id and link,
// and the link-ready page that lists them under the sender's labels with each one's status and Burn, "Check all"
// and "Burn all". The labels live only in this page (recipients.ts): nothing sent carries them.
import type { OneTimeClient, SecretContent, SendOptions } from "../client/client.js";
import { copyButton, el, uniqueId } from "./dom.js";
import { formatWhen, t } from "./i18n/translate.js";
import { icon } from "./icons.js";
import { isDead, senderControls, type SenderControls, type SenderView, type SentLink } from "./sender-controls.js";

export interface RecipientLink extends SentLink {
  label: string;
  /** What the sender has learnt about this link, kept across redraws. */
  view: SenderView;
}

/** What the page has asked the sender, kept across redraws. */
export interface RecipientsState {
  confirmingBurnAll?: boolean;
}

/**
 * Stores the content once per label, one after another. If one fails, those already stored are burned (best effort)
 * and the failure is thrown: the sender gets every link or none, never a list with holes to fill by hand.
 */
export async function sendToRecipients(client: OneTimeClient, content: SecretContent, options: SendOptions, labels: string[]): Promise<RecipientLink[]> {
  const made: RecipientLink[] = [];
  try {
    for (const label of labels) {
      const sent = await client.send(content, options);
      made.push({ label, link: sent.link, expiresAt: sent.expiresAt, passphrase: options.passphrase, views: options.views ?? 1, view: {} });
    }
  } catch (reason) {
    await Promise.allSettled(made.map((m) => client.burn(m.link, m.passphrase)));
    throw reason;
  }
  return made;
}

function recipientRow(client: OneTimeClient, recipient: RecipientLink, onDead: () => void): { element: HTMLElement; controls: SenderControls } {
  const headingId = uniqueId("recipient");
  const fieldId = uniqueId("link");
  const field = el("input", { id: fieldId, class: "link-field", type: "text", readonly: true, value: recipient.link, spellcheck: "false" });
  field.addEventListener("focus", () => field.select());
  const copy = copyButton(() => recipient.link, t("copyLink"), () => field.select());
  const element = el("section", { class: "recipient", "aria-labelledby": headingId });
  const showDead = () => {
    element.classList.add("dead");
    copy.disabled = true;
    onDead();
  };
  const controls = senderControls(client, recipient, recipient.view, showDead);
  element.append(
    el("h2", { id: headingId }, recipient.label), // text, never markup: the sender's own label
    el("label", { for: fieldId, class: "sr-only" }, t("recipientLink", { label: recipient.label })),
    el("div", { class: "link-row" }, field, copy),
    controls.element);
  if (isDead(recipient.view)) showDead();
  return { element, controls };
}

/** The link-ready page for several recipients. */
export function recipientsCard(client: OneTimeClient, recipients: RecipientLink[], state: RecipientsState): HTMLElement {
  const { expiresAt, passphrase } = recipients[0];
  const checkAll = el("button", { type: "button", class: "button secondary" }, icon("eye"), el("span", {}, t("checkAll")));
  const burnAll = el("button", { type: "button", class: "button danger" }, icon("gone"), el("span", {}, t("burnAll")));
  const confirmId = uniqueId("burn-all-confirm");
  const yes = el("button", { type: "button", class: "button danger" }, icon("gone"), el("span", {}, t("burnAllYes")));
  const no = el("button", { type: "button", class: "button secondary" }, t("cancel"));
  const confirm = el("div", { class: "confirm", role: "group", "aria-labelledby": confirmId },
    el("p", { id: confirmId }, t("burnAllConfirm")), el("div", { class: "actions" }, yes, no));

  const allDead = () => recipients.every((r) => isDead(r.view));
  const update = () => {
    burnAll.hidden = allDead() || !!state.confirmingBurnAll;
    confirm.hidden = allDead() || !state.confirmingBurnAll;
  };
  const rows = recipients.map((r) => recipientRow(client, r, update));
  const busy = async (target: HTMLButtonElement, work: () => Promise<unknown>) => {
    target.disabled = true;
    target.classList.add("busy");
    try {
      await work(); // each row's controls catch and show their own failures
    } finally {
      target.disabled = false;
      target.classList.remove("busy");
      update();
    }
  };

  checkAll.addEventListener("click", () => busy(checkAll, () => Promise.all(rows.map((row) => row.controls.check()))));
  burnAll.addEventListener("click", () => {
    state.confirmingBurnAll = true;
    update();
    yes.focus();
  });
  no.addEventListener("click", () => {
    state.confirmingBurnAll = false;
    update();
    burnAll.focus();
  });
  yes.addEventListener("click", () => busy(yes, async () => {
    await Promise.all(rows.filter((_, i) => !isDead(recipients[i].view)).map((row) => row.controls.burn()));
    state.confirmingBurnAll = false;
    checkAll.focus();
  }));
  update();

  return el("section", { class: "card", "aria-labelledby": "done-title" },
    el("div", { class: "badge ok" }, icon("check"), t("storedBadge")),
    el("h1", { id: "done-title" }, t("linksReadyHeading")),
    el("p", { class: "lead" }, t("linksReadyLead")),
    el("ul", { class: "facts" },
      el("li", {}, icon("gone"), expiresAt ? t("expiresAtUnlessOpened", { when: formatWhen(expiresAt) }) : t("expiresUnlessOpened")),
      passphrase !== undefined && el("li", { class: "strong" }, icon("lock"), t("readerNeedsPassphrase")),
      el("li", {}, icon("shield"), t("serverHoldsCiphertext"))),
    el("div", { class: "sender all" }, el("div", { class: "actions" }, checkAll, burnAll), confirm),
    el("div", { class: "recipients" }, ...rows.map((row) => row.element)),
    el("div", { class: "actions" }, el("a", { class: "button secondary", href: "./" }, t("shareAnother"))));
}
