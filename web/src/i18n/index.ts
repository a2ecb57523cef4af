import { computed, effect, signal } from "@preact/signals";
import type { en, Plural } from "./en";
import type { Catalogue } from "./fr";

/**
 * Adding a language is adding a catalogue file and a line here. Each catalogue is its own chunk, loaded when its
 * language is first used, so the first page carries only the words it shows.
 */
const loaders = {
  en: () => import("./en").then((m) => m.en as Catalogue),
  fr: () => import("./fr").then((m) => m.fr),
} satisfies Record<string, () => Promise<Catalogue>>;

export type Locale = keyof typeof loaders;
export const LOCALES = Object.keys(loaders) as Locale[];
export type MessageKey = keyof typeof en;
export type Vars = Record<string, string | number>;

const STORAGE_KEY = "comptoir.locale";

function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && value in loaders;
}

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // storage can be blocked; the browser's language is then the best guess
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLocale(base)) return base;
  }
  return "en";
}

/** The language every screen renders in; components that call `t()` re-render when it changes. */
export const locale = signal<Locale>(initialLocale());

const catalogues = signal<Partial<Record<Locale, Catalogue>>>({});
const catalogueFailed = signal(false);
/** "failed" when not even the English catalogue could be fetched (the app then says so in both languages). */
export const catalogueState = computed(() => (catalogues.value[locale.value] ? "ready" : catalogueFailed.value ? "failed" : "loading"));

async function loadCatalogue(code: Locale): Promise<void> {
  if (catalogues.value[code]) return;
  const catalogue = await loaders[code]();
  catalogues.value = { ...catalogues.value, [code]: catalogue };
}

void loadCatalogue(locale.value).catch(() => {
  // Fall back to English rather than showing nothing.
  locale.value = "en";
  return loadCatalogue("en").catch(() => {
    catalogueFailed.value = true;
  });
});

effect(() => {
  document.documentElement.lang = locale.value;
});

/** Switches the language for this browser (the session also saves it to the member's profile), once its words are here. */
export async function setLocale(next: Locale): Promise<void> {
  if (!isLocale(next)) return;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered across visits, still applied now
  }
  await loadCatalogue(next);
  locale.value = next;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
function plural(count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale.value);
  if (!rules) pluralRules.set(locale.value, (rules = new Intl.PluralRules(locale.value)));
  return rules.select(count);
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();
export function formatNumber(n: number): string {
  let format = numberFormats.get(locale.value);
  if (!format) numberFormats.set(locale.value, (format = new Intl.NumberFormat(locale.value)));
  return format.format(n);
}

/**
 * The message `key` in the current language, with `{name}` placeholders filled; plural messages pick their form
 * from `vars.count` through Intl.PluralRules. Numbers are formatted for the language.
 */
export function t(key: MessageKey, vars?: Vars): string {
  const loaded = catalogues.value;
  const entry: string | Plural | undefined = (loaded[locale.value] ?? loaded.en)?.[key];
  if (entry === undefined) return "";
  const text = typeof entry === "string" ? entry : (entry[plural(Number(vars?.count ?? 0))] ?? entry.other);
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = vars[name];
    if (value === undefined) return match;
    return typeof value === "number" ? formatNumber(value) : value;
  });
}

export function languageName(code: Locale): string {
  return code === "fr" ? "Français" : "English";
}
