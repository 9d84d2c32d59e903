// What the request pages share: a link to copy and scan, and the fingerprint to compare.
import "./request.css";
import { copyButton, el, uniqueId } from "./dom.js";
import type { MessageKey } from "./i18n/en.js";
import { t } from "./i18n/translate.js";
import { icon } from "./icons.js";
import { qrSvg } from "./qr.js";

/** The link in a read-only field with a copy button, and its QR code when it fits in one. */
export function linkShare(link: string, label: MessageKey, ...facts: (HTMLElement | false)[]): HTMLElement[] {
  const linkId = uniqueId("link");
  const field = el("input", { id: linkId, class: "link-field", type: "text", readonly: true, value: link, spellcheck: "false" });
  field.addEventListener("focus", () => field.select());
  const copy = copyButton(() => link, t("copyLink"), () => field.select());
  copy.classList.replace("secondary", "primary");
  return [
    el("label", { for: linkId, class: "sr-only" }, t(label)),
    el("div", { class: "link-row" }, field, copy),
    el("div", { class: "share" }, qrFigure(link), el("ul", { class: "facts" }, ...facts)),
  ];
}

function qrFigure(link: string): HTMLElement | undefined {
  try {
    return el("figure", { class: "qr" }, qrSvg(link, t("qrLabel")), el("figcaption", {}, t("qrCaption")));
  } catch {
    return undefined; // a long note can make a request link longer than a QR code holds: copying still works
  }
}

/** The five groups of digits, and what to do with them. */
export function fingerprintBox(fingerprint: string, advice: MessageKey): HTMLElement {
  const id = uniqueId("fingerprint");
  return el("section", { class: "fingerprint-box", "aria-labelledby": id },
    el("h2", { id }, t("fingerprintLabel")),
    el("output", { class: "fingerprint", "data-fingerprint": fingerprint }, fingerprint),
    el("p", {}, t(advice)));
}

/** The home page's way to the request page. */
export function requestEntry(): HTMLElement {
  return el("p", { class: "request-entry" }, icon("link"), " ", el("a", { href: "./r", id: "request-entry" }, t("requestFromHome")));
}
