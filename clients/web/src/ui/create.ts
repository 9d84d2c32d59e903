import "./styles.css";
import { OneTimeClient, type SecretContent } from "../client/client.js";
import { OneTimeError } from "../client/errors.js";
import { copyButton, el, serviceBaseUrl, show, uniqueId } from "./dom.js";
import type { MessageKey } from "./i18n/en.js";
import { formatBytes, formatDuration, formatWhen, t } from "./i18n/translate.js";
import { icon } from "./icons.js";
import { startPage } from "./layout.js";
import { sendFailure } from "./messages.js";
import { generatePassword } from "./passwords.js";
import { qrSvg } from "./qr.js";
import { requestEntry } from "./request-parts.js";
import { currentLimits, expiryChoices, loadLimits, pickExpiry, viewChoices, whenLimitsChange } from "./limits.js";
import { contentLimit, fileDrop, fileTooBig, secretTabs } from "./secret-parts.js";
import { isDead, senderControls, type SenderView, type SentLink } from "./sender-controls.js";
import { parseRecipients } from "./recipients.js";
import { recipientsCard, sendToRecipients, type RecipientLink, type RecipientsState } from "./recipients-page.js";

const More = "more"; // the views menu's "More…", which shows a number field

const client = new OneTimeClient({ baseUrl: serviceBaseUrl() });
const utf8 = new TextEncoder();

/** What the reader has put in the form, kept when the form is drawn again in another language. */
interface FormState {
  mode: "text" | "file";
  text: string;
  file?: File;
  expirySeconds?: number; // unset: the server's default, whatever GetLimits says it is
  views: string; // a listed number, or More with the number in viewsCount
  viewsCount: string;
  passphrase: string;
  passphraseVisible: boolean;
  recipients: string; // labels for the sender only (recipients.ts)
}

let redraw: () => void = () => renderForm();

function renderForm(state: FormState = { mode: "text", text: "", views: "1", viewsCount: "", passphrase: "", passphraseVisible: false, recipients: "" }): void {
  const textId = uniqueId("secret");
  const text = el("textarea", { id: textId, name: "secret", rows: "6", spellcheck: "false", autocomplete: "off", placeholder: t("secretPlaceholder"), "aria-describedby": `${textId}-count` });
  text.value = state.text;
  const counter = el("span", { id: `${textId}-count`, class: "counter" });
  const generate = el("button", { type: "button", class: "link-button" }, t("generatePassword"));

  const drop = fileDrop(state.file);
  const textPanel = el("div", { class: "panel" },
    el("div", { class: "label-row" }, el("label", { for: textId }, t("secretLabel")), generate), text, el("div", { class: "meta-row" }, counter));
  const filePanel = el("div", { class: "panel" }, ...drop.elements);
  const tabs = secretTabs(state.mode, textPanel, filePanel);

  const expiryId = uniqueId("expiry");
  const expiry = el("select", { id: expiryId, name: "expiry" });
  let chosenExpiry = state.expirySeconds;
  const viewsId = uniqueId("views");
  const views = el("select", { id: viewsId, name: "views" });
  const countId = uniqueId("views-count");
  const viewsCount = el("input", { id: countId, name: "views-count", type: "number", min: "1", inputmode: "numeric", "aria-label": t("viewsNumber"), "aria-describedby": `${countId}-hint` });
  viewsCount.value = state.viewsCount;
  const viewsHint = el("span", { class: "hint", id: `${countId}-hint` });
  const viewsMore = el("div", { class: "views-more" }, viewsCount, viewsHint);
  const passId = uniqueId("passphrase");
  const passphrase = el("input", { id: passId, name: "passphrase", type: "password", autocomplete: "new-password", placeholder: t("passphraseOptional"), "aria-describedby": `${passId}-hint` });
  passphrase.value = state.passphrase;
  const reveal = el("button", { type: "button", class: "input-addon" }, icon("eye"));
  const recipientsId = uniqueId("recipients");
  const recipients = el("input", { id: recipientsId, name: "recipients", type: "text", autocomplete: "off", spellcheck: "false", placeholder: t("recipientsPlaceholder"), "aria-describedby": `${recipientsId}-hint` });
  recipients.value = state.recipients;

  const error = el("p", { class: "error", role: "alert", hidden: true });
  const submit = el("button", { type: "submit", class: "button primary wide" }, icon("lock"), el("span", {}, t("createLink")));

  const form = el("form", { class: "card", novalidate: true, "aria-labelledby": "create-title" },
    el("h1", { id: "create-title" }, t("createHeading")),
    el("p", { class: "lead" }, t("createLead")),
    tabs.element, textPanel, filePanel,
    el("div", { class: "grid" },
      el("div", { class: "field" }, el("label", { for: expiryId }, t("expiresAfter")), expiry),
      el("div", { class: "field" }, el("label", { for: viewsId }, t("viewsLabel")), views, viewsMore),
      el("div", { class: "field span" },
        el("label", { for: passId }, t("passphrase")),
        el("div", { class: "input-group" }, passphrase, reveal),
        el("span", { class: "hint", id: `${passId}-hint` }, t("passphraseSendSeparately"))),
      el("div", { class: "field span" },
        el("label", { for: recipientsId }, t("recipientsLabel")), recipients,
        el("span", { class: "hint", id: `${recipientsId}-hint` }, t("recipientsHint")))),
    error, submit);

  const explainer = el("section", { class: "explainer", "aria-label": t("explainerLabel") },
    feature("lock", "featureEncryptedTitle", "featureEncryptedBody"),
    feature("shield", "featureCiphertextTitle", "featureCiphertextBody"),
    feature("gone", "featureOnceTitle", "featureOnceBody"));

  show(form, requestEntry(), explainer);
  redraw = () => renderForm({
    mode: tabs.mode(), text: text.value, file: drop.file(), expirySeconds: chosenExpiry, views: views.value, viewsCount: viewsCount.value,
    passphrase: passphrase.value, passphraseVisible: passphrase.type === "text", recipients: recipients.value,
  });

  // The menus and the size limit follow the server's limits; these run again, in place, when GetLimits answers.
  const fillExpiry = () => {
    const choices = expiryChoices(currentLimits());
    const selected = pickExpiry(choices, chosenExpiry, currentLimits());
    expiry.replaceChildren(...choices.map((e) =>
      el("option", { value: String(e.seconds), selected: e.seconds === selected }, formatDuration(e.value, e.unit))));
  };
  expiry.addEventListener("change", () => (chosenExpiry = Number(expiry.value)));
  const fillViews = () => {
    const { listed, more } = viewChoices(currentLimits());
    const wanted = views.value || state.views;
    views.replaceChildren(
      ...listed.map((n) => el("option", { value: String(n), selected: String(n) === wanted }, n === 1 ? t("viewsOnce") : t("viewsTimes", { count: String(n) }))),
      ...(more ? [el("option", { value: More, selected: wanted === More }, t("viewsMore"))] : []));
    viewsCount.max = String(currentLimits().maxViews);
    viewsHint.textContent = t("viewsUpTo", { max: String(currentLimits().maxViews) });
    viewsMore.hidden = views.value !== More;
  };
  views.addEventListener("change", () => {
    viewsMore.hidden = views.value !== More;
    if (!viewsMore.hidden) viewsCount.focus();
  });
  const updateCounter = () => {
    const size = utf8.encode(text.value).length;
    counter.textContent = t("sizeOfLimit", { size: formatBytes(size), limit: formatBytes(contentLimit()) });
    counter.classList.toggle("over", size > contentLimit());
  };
  fillExpiry();
  fillViews();
  updateCounter();
  const applyLimits = () => {
    fillExpiry();
    fillViews();
    updateCounter();
    drop.refresh();
  };
  whenLimitsChange(applyLimits);
  text.addEventListener("input", updateCounter);
  generate.addEventListener("click", () => {
    text.value = generatePassword();
    updateCounter();
    text.focus();
  });

  const showPassphrase = (visible: boolean) => {
    passphrase.type = visible ? "text" : "password";
    reveal.setAttribute("aria-pressed", String(visible));
    reveal.setAttribute("aria-label", t(visible ? "hidePassphrase" : "showPassphrase"));
  };
  showPassphrase(state.passphraseVisible);
  reveal.addEventListener("click", () => showPassphrase(passphrase.type === "password"));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    const fail = (message: string, focus?: HTMLElement) => {
      error.textContent = message;
      error.hidden = false;
      focus?.focus();
    };

    const picked = drop.file();
    const mode = tabs.mode();
    if (mode === "text") {
      if (text.value.length === 0) return fail(t("errorNoText"), text);
      if (utf8.encode(text.value).length > contentLimit()) return fail(t("errorTextTooLong"), text);
    } else {
      if (!picked) return fail(t("errorNoFile"), drop.zone);
      if (fileTooBig(picked)) return fail(t("errorFileTooLarge", { limit: formatBytes(contentLimit()) }));
    }
    const maxViews = currentLimits().maxViews;
    const viewCount = Number(views.value === More ? viewsCount.value : views.value);
    if (!Number.isInteger(viewCount) || viewCount < 1 || viewCount > maxViews) {
      return fail(t("errorViews", { max: String(maxViews) }), views.value === More ? viewsCount : views);
    }
    const parsed = parseRecipients(recipients.value);
    if ("error" in parsed) return fail(t(parsed.error, parsed.values), recipients);
    const labels = parsed.labels;
    const content: SecretContent = mode === "text" || !picked
      ? { kind: "text", text: text.value }
      : { kind: "file", name: picked.name, mediaType: picked.type, data: new Uint8Array(await picked.arrayBuffer()) };

    const idle = redraw;
    whenLimitsChange(() => {});
    redraw = () => {}; // a language change while sending takes effect on the next view, not on a half-sent form
    submit.disabled = true;
    submit.classList.add("busy");
    submit.lastElementChild!.textContent = labels.length ? t("creatingLinks", { count: String(labels.length) }) : t(passphrase.value ? "encrypting" : "creatingLink");
    const options = { ttlSeconds: Number(expiry.value), passphrase: passphrase.value || undefined, views: viewCount };
    try {
      if (labels.length) return renderRecipients(await sendToRecipients(client, content, options, labels), {});
      const sent = await client.send(content, options);
      renderLink({ link: sent.link, expiresAt: sent.expiresAt, passphrase: options.passphrase, views: viewCount }, {});
    } catch (reason) {
      redraw = idle;
      whenLimitsChange(applyLimits);
      fail(reason instanceof OneTimeError ? sendFailure(reason) : t("errorNothingSent"));
      submit.disabled = false;
      submit.classList.remove("busy");
      submit.lastElementChild!.textContent = t("createLink");
    }
  });
}

function feature(name: Parameters<typeof icon>[0], title: MessageKey, body: MessageKey): HTMLElement {
  return el("div", { class: "feature" }, icon(name, "icon feature-icon"), el("div", {}, el("h2", {}, t(title)), el("p", {}, t(body))));
}

function renderLink(sent: SentLink, view: SenderView): void {
  const { link, expiresAt, passphrase, views } = sent;
  const linkId = uniqueId("link");
  const field = el("input", { id: linkId, class: "link-field", type: "text", readonly: true, value: link, spellcheck: "false" });
  const copy = copyButton(() => link, t("copyLink"), () => field.select());
  copy.classList.replace("secondary", "primary");
  const again = el("a", { class: "button secondary", href: "./" }, t("shareAnother"));
  const badge = el("div", { class: "badge ok" }, icon("check"), t("storedBadge"));
  const qr = el("figure", { class: "qr" }, qrSvg(link, t("qrLabel")), el("figcaption", {}, t("qrCaption")));

  // A dead link stays on the page, struck through, so the sender sees which one it was; nothing offers to share it.
  const showDead = () => {
    card.classList.add("dead");
    badge.className = "badge dead";
    badge.replaceChildren(icon("gone"), t("deadBadge"));
    copy.disabled = true;
    qr.hidden = true;
  };
  const card = el("section", { class: "card", "aria-labelledby": "done-title" },
    badge,
    el("h1", { id: "done-title" }, t("linkReadyHeading")),
    el("p", { class: "lead" }, views > 1 ? t("linkReadyLeadViews", { count: String(views) }) : t("linkReadyLead")),
    el("label", { for: linkId, class: "sr-only" }, t("secretLink")),
    el("div", { class: "link-row" }, field, copy),
    el("div", { class: "share" },
      qr,
      el("ul", { class: "facts" },
        el("li", {}, icon("gone"), expiresAt ? t("expiresAtUnlessOpened", { when: formatWhen(expiresAt) }) : t("expiresUnlessOpened")),
        passphrase !== undefined && el("li", { class: "strong" }, icon("lock"), t("readerNeedsPassphrase")),
        el("li", {}, icon("shield"), t("serverHoldsCiphertext")))),
    senderControls(client, sent, view, showDead).element,
    el("div", { class: "actions" }, again));
  show(card);
  if (isDead(view)) showDead();
  field.addEventListener("focus", () => field.select());
  redraw = () => renderLink(sent, view);
}

function renderRecipients(sent: RecipientLink[], state: RecipientsState): void {
  show(recipientsCard(client, sent, state));
  redraw = () => renderRecipients(sent, state);
}

loadLimits(client);
startPage({ title: "createPageTitle", footnote: "createFootnote" }, () => redraw());
