// The create page's generator: a disclosure button beside the Secret label and the panel it opens, where the sender
// picks a password, a passphrase or an API key, sees its entropy, and puts a fresh one in the secret field. What the
// sender chose (never a generated value) stays in memory for the page's life, so a language switch redraws it as it
// was; nothing is stored.
import "./generator.css";
import { ApiKeyBytes, ApiKeyEncodings, type ApiKeyEncoding } from "./api-keys.js";
import { el, uniqueId } from "./dom.js";
import {
  canGenerate, clampTo, defaultSettings, entropyBits, generate, GeneratorKinds, strength, StrengthBits,
  type Bounds, type GeneratorKind, type Strength,
} from "./generators.js";
import type { MessageKey } from "./i18n/en.js";
import { locale, t } from "./i18n/translate.js";
import { EffCreditUrl, EffLicenceUrl, PassphraseWords, Separators, type Separator } from "./passphrases.js";
import { CharacterClasses, PasswordLength, type CharacterClass } from "./passwords.js";

const settings = defaultSettings();
let open = false;

const kindLabels: Record<GeneratorKind, MessageKey> = { password: "kindPassword", passphrase: "kindPassphrase", apiKey: "kindApiKey" };
const generateLabels: Record<GeneratorKind, MessageKey> = { password: "generatePassword", passphrase: "generatePassphrase", apiKey: "generateApiKey" };
const classLabels: Record<CharacterClass, MessageKey> = { upper: "classUpper", lower: "classLower", digits: "classDigits", symbols: "classSymbols" };
const separatorLabels: Record<Separator, MessageKey> = { space: "separatorSpace", hyphen: "separatorHyphen", period: "separatorPeriod" };
const strengthLabels: Record<Strength, MessageKey> = { weak: "strengthWeak", fair: "strengthFair", strong: "strengthStrong", veryStrong: "strengthVeryStrong" };

export interface GeneratorPanel {
  toggle: HTMLButtonElement;
  panel: HTMLElement;
}

/** fill receives each generated value, for the secret field. */
export function generatorPanel(fill: (value: string) => void): GeneratorPanel {
  const panelId = uniqueId("generator");
  const toggle = el("button", { type: "button", class: "link-button", "aria-expanded": "false", "aria-controls": panelId }, t("generator"));
  const panel = el("div", { id: panelId, class: "generator", role: "group", "aria-label": t("generator") });
  // Its controls exist only while it is open: a closed panel adds nothing to the form, nor a second control named
  // "Passphrase" beside the link's passphrase field.
  const setOpen = (value: boolean) => {
    open = value;
    toggle.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
    panel.replaceChildren(...(open ? panelContent(fill) : []));
  };
  setOpen(open);
  toggle.addEventListener("click", () => setOpen(!open));
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      setOpen(false);
      toggle.focus();
    } else if (event.key === "Enter" && event.target instanceof HTMLInputElement) {
      event.preventDefault(); // Enter in a number field would submit the whole form: it sends the secret
    }
  });
  return { toggle, panel };
}

function panelContent(fill: (value: string) => void): Node[] {
  const kindName = uniqueId("generator-kind");
  const kinds = el("fieldset", { class: "segmented" }, el("legend", { class: "sr-only" }, t("generatorKind")),
    ...GeneratorKinds.map((kind) => {
      const input = el("input", { type: "radio", name: kindName, value: kind, checked: kind === settings.kind });
      input.addEventListener("change", () => {
        settings.kind = kind;
        showOptions();
      });
      return el("label", {}, input, el("span", {}, t(kindLabels[kind])));
    }));
  const options = el("div", { class: "generator-options" });
  const entropyId = uniqueId("entropy");
  // The meter's regions are the strength words' thresholds; the text beside it says the same for screen readers.
  const meter = el("meter", { min: "0", max: String(StrengthBits.veryStrong), low: String(StrengthBits.fair), high: String(StrengthBits.strong), optimum: String(StrengthBits.veryStrong), "aria-hidden": "true" });
  const entropy = el("p", { id: entropyId, class: "entropy", "aria-live": "polite" });
  const button = el("button", { type: "button", class: "button secondary", "aria-describedby": entropyId });
  const status = el("p", { class: "sr-only", role: "status" });
  const error = el("p", { class: "error", role: "alert", hidden: true });

  const update = () => {
    const bits = entropyBits(settings);
    const ready = canGenerate(settings);
    entropy.textContent = ready ? t("generatorEntropy", { bits: formatBits(bits), strength: t(strengthLabels[strength(bits)]) }) : t("generatorNoClass");
    meter.value = ready ? bits : 0;
    button.textContent = t(generateLabels[settings.kind]);
    button.disabled = !ready;
  };
  const showOptions = () => {
    options.replaceChildren(...optionsFor(settings.kind, update));
    update();
  };
  showOptions();

  button.addEventListener("click", async () => {
    error.hidden = true;
    status.textContent = "";
    button.disabled = true;
    try {
      fill(await generate(settings));
      status.textContent = t("generatedStatus");
    } catch {
      error.textContent = t("wordListFailed"); // only the passphrase's word list is fetched; the rest cannot fail
      error.hidden = false;
    } finally {
      button.disabled = !canGenerate(settings);
    }
  });
  return [kinds, options, el("div", { class: "generator-foot" }, meter, entropy, button), error, status];
}

function optionsFor(kind: GeneratorKind, changed: () => void): Node[] {
  const then = <V>(set: (value: V) => void) => (value: V) => {
    set(value);
    changed();
  };
  switch (kind) {
    case "password": {
      const options = settings.password;
      const all = Object.keys(CharacterClasses) as CharacterClass[];
      return [
        numberField("generatorLength", PasswordLength, options.length, then((length) => (options.length = length))),
        el("fieldset", { class: "classes" }, el("legend", {}, t("generatorCharacters")),
          ...all.map((name) => checkbox(classLabels[name], options.classes.includes(name), then((on) => {
            options.classes = all.filter((other) => (other === name ? on : options.classes.includes(other)));
          }))),
          el("span", { class: "hint" }, t("generatorNoLookAlikes"))),
      ];
    }
    case "passphrase": {
      const options = settings.passphrase;
      const separators = (Object.keys(Separators) as Separator[]).map((name) => [name, t(separatorLabels[name])] as const);
      return [
        numberField("generatorWords", PassphraseWords, options.words, then((words) => (options.words = words))),
        selectField("generatorSeparator", separators, options.separator, then((separator: Separator) => (options.separator = separator))),
        checkbox("generatorCapitalize", options.capitalize, then((on) => (options.capitalize = on))),
        el("p", { class: "hint credit" },
          el("a", { href: EffCreditUrl, target: "_blank", rel: "noopener" }, t("generatorWordList")), " (",
          el("a", { href: EffLicenceUrl, target: "_blank", rel: "noopener" }, "CC BY 3.0"), ")"),
      ];
    }
    case "apiKey": {
      const options = settings.apiKey;
      const encodings = ApiKeyEncodings.map((name) => [name, name === "hex" ? t("encodingHex") : name] as const);
      return [
        numberField("generatorBytes", ApiKeyBytes, options.bytes, then((bytes) => (options.bytes = bytes))),
        selectField("generatorEncoding", encodings, options.encoding, then((encoding: ApiKeyEncoding) => (options.encoding = encoding))),
      ];
    }
  }
}

/** A whole-number field; the figures follow the nearest allowed value as the sender types, and leaving it writes that back. */
function numberField(label: MessageKey, bounds: Bounds, value: number, set: (value: number) => void): HTMLElement {
  const id = uniqueId("generator-number");
  const input = el("input", { id, type: "number", min: String(bounds.min), max: String(bounds.max), step: "1", inputmode: "numeric", value: String(value), "aria-describedby": `${id}-range` });
  input.addEventListener("input", () => set(clampTo(bounds, input.valueAsNumber)));
  input.addEventListener("change", () => {
    const clamped = clampTo(bounds, input.valueAsNumber);
    input.value = String(clamped);
    set(clamped);
  });
  return el("div", { class: "field" }, el("label", { for: id }, t(label)), input, el("span", { class: "hint", id: `${id}-range` }, `${bounds.min}–${bounds.max}`));
}

function selectField<V extends string>(label: MessageKey, choices: readonly (readonly [V, string])[], value: V, set: (value: V) => void): HTMLElement {
  const id = uniqueId("generator-select");
  const select = el("select", { id }, ...choices.map(([choice, text]) => el("option", { value: choice, selected: choice === value }, text)));
  select.addEventListener("change", () => set(select.value as V));
  return el("div", { class: "field" }, el("label", { for: id }, t(label)), select);
}

function checkbox(label: MessageKey, checked: boolean, set: (checked: boolean) => void): HTMLElement {
  const input = el("input", { type: "checkbox", checked });
  input.addEventListener("change", () => set(input.checked));
  return el("label", { class: "check" }, input, t(label));
}

/** Whole bits, rounded down, in the reader's digits. */
function formatBits(bits: number): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(Math.floor(bits));
}
