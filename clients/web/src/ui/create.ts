import "./styles.css";
import { OneTimeClient, type SecretContent } from "../client/client.js";
import { OneTimeError } from "../client/errors.js";
import { copyButton, el, serviceBaseUrl, show, uniqueId } from "./dom.js";
import { displayFileName } from "./filename.js";
import type { MessageKey } from "./i18n/en.js";
import { formatBytes, formatDuration, formatWhen, t } from "./i18n/translate.js";
import { icon } from "./icons.js";
import { startPage } from "./layout.js";
import { sendFailure } from "./messages.js";
import { generatePassword } from "./passwords.js";
import { qrSvg } from "./qr.js";
import { requestEntry } from "./request-parts.js";
import { currentLimits, expiryChoices, loadLimits, maxContentBytes, pickExpiry, viewChoices, whenLimitsChange } from "./limits.js";
import { isDead, senderControls, type SenderView, type SentLink } from "./sender-controls.js";

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
}

let redraw: () => void = () => renderForm();

function renderForm(state: FormState = { mode: "text", text: "", views: "1", viewsCount: "", passphrase: "", passphraseVisible: false }): void {
  let { file, mode } = state;

  const textId = uniqueId("secret");
  const text = el("textarea", { id: textId, name: "secret", rows: "6", spellcheck: "false", autocomplete: "off", placeholder: t("secretPlaceholder"), "aria-describedby": `${textId}-count` });
  text.value = state.text;
  const counter = el("span", { id: `${textId}-count`, class: "counter" });
  const generate = el("button", { type: "button", class: "link-button" }, t("generatePassword"));

  const fileInput = el("input", { type: "file", id: uniqueId("file"), class: "sr-only" });
  const fileName = el("span", { class: "drop-name" });
  const fileSize = el("span", { class: "drop-hint" });
  const drop = el("label", { class: "drop", for: fileInput.id }, icon("file", "icon drop-icon"), fileName, fileSize);

  const textPanel = el("div", { class: "panel", id: "panel-text" },
    el("div", { class: "label-row" }, el("label", { for: textId }, t("secretLabel")), generate), text, el("div", { class: "meta-row" }, counter));
  const filePanel = el("div", { class: "panel", id: "panel-file" }, fileInput, drop);

  const tabText = el("button", { type: "button", role: "tab", class: "tab", "aria-controls": "panel-text", id: "tab-text" }, t("tabText"));
  const tabFile = el("button", { type: "button", role: "tab", class: "tab", "aria-controls": "panel-file", id: "tab-file" }, t("tabFile"));
  const tabs = el("div", { class: "tabs", role: "tablist", "aria-label": t("whatToShare") }, tabText, tabFile);

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

  const error = el("p", { class: "error", role: "alert", hidden: true });
  const submit = el("button", { type: "submit", class: "button primary wide" }, icon("lock"), el("span", {}, t("createLink")));

  const form = el("form", { class: "card", novalidate: true, "aria-labelledby": "create-title" },
    el("h1", { id: "create-title" }, t("createHeading")),
    el("p", { class: "lead" }, t("createLead")),
    tabs, textPanel, filePanel,
    el("div", { class: "grid" },
      el("div", { class: "field" }, el("label", { for: expiryId }, t("expiresAfter")), expiry),
      el("div", { class: "field" }, el("label", { for: viewsId }, t("viewsLabel")), views, viewsMore),
      el("div", { class: "field span" },
        el("label", { for: passId }, t("passphrase")),
        el("div", { class: "input-group" }, passphrase, reveal),
        el("span", { class: "hint", id: `${passId}-hint` }, t("passphraseSendSeparately")))),
    error, submit);

  const explainer = el("section", { class: "explainer", "aria-label": t("explainerLabel") },
    feature("lock", "featureEncryptedTitle", "featureEncryptedBody"),
    feature("shield", "featureCiphertextTitle", "featureCiphertextBody"),
    feature("gone", "featureOnceTitle", "featureOnceBody"));

  show(form, requestEntry(), explainer);
  redraw = () => renderForm({
    mode, text: text.value, file, expirySeconds: chosenExpiry, views: views.value, viewsCount: viewsCount.value,
    passphrase: passphrase.value, passphraseVisible: passphrase.type === "text",
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
  const contentLimit = () => maxContentBytes(currentLimits());
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
    pick(file);
  };
  whenLimitsChange(applyLimits);
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
  select(mode);
  tabText.addEventListener("click", () => select("text"));
  tabFile.addEventListener("click", () => select("file"));
  tabs.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const next = mode === "text" ? "file" : "text";
    select(next);
    (next === "text" ? tabText : tabFile).focus();
  });

  const tooBig = (picked: File) => picked.size + utf8.encode(picked.name).length > contentLimit();
  const pick = (picked: File | undefined) => {
    file = picked;
    fileName.textContent = picked ? (displayFileName(picked.name) ?? t("unnamedFile")) : t("dropPrompt");
    fileSize.textContent = !picked ? t("dropLimit", { limit: formatBytes(contentLimit()) })
      : tooBig(picked) ? t("fileTooLargeHint", { size: formatBytes(picked.size) }) : formatBytes(picked.size);
    drop.classList.toggle("over", !!picked && tooBig(picked));
    drop.classList.toggle("chosen", !!picked);
  };
  pick(file);
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

    const picked = file;
    if (mode === "text") {
      if (text.value.length === 0) return fail(t("errorNoText"), text);
      if (utf8.encode(text.value).length > contentLimit()) return fail(t("errorTextTooLong"), text);
    } else {
      if (!picked) return fail(t("errorNoFile"), drop);
      if (tooBig(picked)) return fail(t("errorFileTooLarge", { limit: formatBytes(contentLimit()) }));
    }
    const maxViews = currentLimits().maxViews;
    const viewCount = Number(views.value === More ? viewsCount.value : views.value);
    if (!Number.isInteger(viewCount) || viewCount < 1 || viewCount > maxViews) {
      return fail(t("errorViews", { max: String(maxViews) }), views.value === More ? viewsCount : views);
    }
    const content: SecretContent = mode === "text" || !picked
      ? { kind: "text", text: text.value }
      : { kind: "file", name: picked.name, mediaType: picked.type, data: new Uint8Array(await picked.arrayBuffer()) };

    const idle = redraw;
    whenLimitsChange(() => {});
    redraw = () => {}; // a language change while sending takes effect on the next view, not on a half-sent form
    submit.disabled = true;
    submit.classList.add("busy");
    submit.lastElementChild!.textContent = t(passphrase.value ? "encrypting" : "creatingLink");
    try {
      const sent = await client.send(content, { ttlSeconds: Number(expiry.value), passphrase: passphrase.value || undefined, views: viewCount });
      renderLink({ link: sent.link, expiresAt: sent.expiresAt, passphrase: passphrase.value || undefined, views: viewCount }, {});
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
    senderControls(client, sent, view, showDead),
    el("div", { class: "actions" }, again));
  show(card);
  if (isDead(view)) showDead();
  field.addEventListener("focus", () => field.select());
  redraw = () => renderLink(sent, view);
}

loadLimits(client);
startPage({ title: "createPageTitle", footnote: "createFootnote" }, () => redraw());
