// What every page shares around its <main>: the language (html lang, title, the texts the HTML carries in English
// for readers without JavaScript), the language switcher in the header, and the footer's links.
import { el } from "./dom.js";
import { icon } from "./icons.js";
import { catalogs, isLanguage, languages } from "./i18n/catalogs.js";
import type { MessageKey } from "./i18n/en.js";
import { chooseLanguage, currentLanguage, initLanguage, locale, t } from "./i18n/translate.js";

// Build-time constant: a fork or a self-hoster's build links its own repository (VITE_ONETIME_SOURCE_URL at build).
const SourceUrl: string = import.meta.env.VITE_ONETIME_SOURCE_URL || "https://github.com/onetime-project/onetime";
const SelfHostAnchor = "#self-host-in-two-minutes"; // README.md, "Self-host in two minutes"

export interface PageText {
  title: MessageKey;
  footnote: MessageKey;
}

/**
 * Puts the page in the reader's language and calls redraw again whenever they pick another one on the switcher.
 * redraw renders whatever view is showing; it is asked to keep what the reader typed.
 */
export function startPage(text: PageText, redraw: () => void): void {
  initLanguage();
  const switcher = languageSwitcher();
  document.querySelector(".top")?.append(switcher.field);
  document.querySelector(".foot")?.append(footerLinks());
  applyLanguage(text);
  switcher.select.addEventListener("change", () => {
    if (!isLanguage(switcher.select.value)) return;
    chooseLanguage(switcher.select.value);
    applyLanguage(text);
    redraw();
    switcher.select.focus(); // redraw moved focus to the new heading; the reader is still on the switcher
  });
  redraw();
}

function applyLanguage(text: PageText): void {
  document.documentElement.lang = locale();
  document.title = t(text.title);
  for (const node of document.querySelectorAll<HTMLElement>("[data-i18n]")) node.textContent = t(node.dataset.i18n as MessageKey);
  for (const node of document.querySelectorAll<HTMLElement>("[data-i18n-label]")) node.setAttribute("aria-label", t(node.dataset.i18nLabel as MessageKey));
  const footnote = document.querySelector<HTMLElement>(".foot .footnote");
  if (footnote) footnote.textContent = t(text.footnote);
}

function languageSwitcher(): { field: HTMLElement; select: HTMLSelectElement } {
  // Each language is named in itself, so a reader who landed in the wrong one still finds theirs.
  const select = el("select", { id: "language", class: "language", "data-i18n-label": "language" },
    ...languages.map((language) => el("option", { value: language, lang: language, selected: language === currentLanguage() }, catalogs[language].languageName)));
  const field = el("div", { class: "language-field" }, icon("globe"), select);
  return { field, select };
}

function footerLinks(): HTMLElement {
  const link = (key: MessageKey, href: string) => el("a", { href, "data-i18n": key }, t(key));
  return el("nav", { class: "foot-links", "data-i18n-label": "footerLinks" },
    link("sourceCode", SourceUrl), link("selfHost", SourceUrl + SelfHostAnchor));
}
