import "./styles.css";
import { el, show } from "./dom.js";
import { t } from "./i18n/translate.js";
import { icon } from "./icons.js";
import { startPage } from "./layout.js";

// The server answers this page, with status 404, for any address it has no page for, at any depth: "/" is the
// create page wherever this one was served from (the build gives this page root-relative asset URLs too).
const Home = "/";

function render(): void {
  show(el("section", { class: "card center", "aria-labelledby": "missing-title" },
    el("div", { class: "hero-icon warn" }, icon("link")),
    el("h1", { id: "missing-title" }, t("notFoundHeading")),
    el("p", { class: "lead" }, t("notFoundBody")),
    el("div", { class: "actions center" }, el("a", { class: "button primary", href: Home }, t("goHome")))));
}

startPage({ title: "notFoundPageTitle", footnote: "createFootnote" }, render);
