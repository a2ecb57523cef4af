import { computed, effect, signal } from "@preact/signals";
import type { en, Plural } from "./en";
import type { Catalogue } from "./fr";

/**
 * Adding a language is adding a catalogue file, a line here and its code in words-plugin.ts. Each catalogue is split by key prefix
 * into parts (words-plugin.ts, parts.ts), each its own chunk: the first page loads only the "core" part of its
 * language, and each screen's parts load in parallel with the screen's code (`withWords`).
 */
const LANGUAGES = { en: "English", fr: "Français" } as const;
type Part = string;

export type Locale = keyof typeof LANGUAGES;
export const LOCALES = Object.keys(LANGUAGES) as Locale[];
export type MessageKey = keyof typeof en;
export type Vars = Record<string, string | number>;

const STORAGE_KEY = "comptoir.locale";

function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && value in LANGUAGES;
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

/** The words loaded so far, per language (the parts merged). */
const catalogues = signal<Partial<Record<Locale, Partial<Catalogue>>>>({});
const catalogueFailed = signal(false);
const coreLoaded = signal<Partial<Record<Locale, true>>>({});
/** "failed" when not even the English words could be fetched (the app then says so in both languages). */
export const catalogueState = computed(() => (coreLoaded.value[locale.value] ? "ready" : catalogueFailed.value ? "failed" : "loading"));

/** The parts some screen has asked for: switching language loads them all in the new language first. */
const wanted = new Set<Part>(["core"]);
const pending = new Map<string, Promise<void>>();

function loadPart(code: Locale, part: Part): Promise<void> {
  const id = `${code}/${part}`;
  let loading = pending.get(id);
  if (!loading) {
    const url = __WORDS_URL__.replace("{lang}", code).replace("{part}", part);
    loading = (import(/* @vite-ignore */ url) as Promise<{ default: Partial<Catalogue> }>).then(
      (m) => {
        catalogues.value = { ...catalogues.value, [code]: { ...catalogues.value[code], ...m.default } };
        if (part === "core") coreLoaded.value = { ...coreLoaded.value, [code]: true };
      },
      (error: unknown) => {
        pending.delete(id); // a later visit tries again
        throw error;
      },
    );
    pending.set(id, loading);
  }
  return loading;
}

async function loadWanted(code: Locale): Promise<void> {
  // A screen may ask for more parts while these load: loop until every wanted part is here.
  for (;;) {
    const parts = [...wanted];
    await Promise.all(parts.map((p) => loadPart(code, p)));
    if (wanted.size === parts.length) return;
  }
}

/** Loads the given parts of the current language (the ones a screen's code needs). */
export function loadWords(parts: readonly Part[]): Promise<void> {
  for (const p of parts) wanted.add(p);
  return Promise.all(parts.map((p) => loadPart(locale.value, p))).then(() => undefined);
}

/**
 * A lazily imported module that resolves once its words are here too (words-plugin.ts rewrites every `import()`
 * of the client into this): the code and the words load in parallel, never one after the other.
 */
export function withWords<T>(module: Promise<T>, parts: readonly Part[]): Promise<T> {
  return Promise.all([module, loadWords(parts)]).then(([m]) => m);
}

void loadPart(locale.value, "core").catch(() => {
  // Fall back to English rather than showing nothing.
  locale.value = "en";
  return loadPart("en", "core").catch(() => {
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
  await loadWanted(next);
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
  // A component that calls t() re-renders when the language changes, but not each time some screen's words arrive:
  // a word, once loaded, never changes (the parts only add keys), so only a key not found yet (or found only in
  // English) waits for the catalogue. Subscribing every caller to the catalogue had every card of the home feed drawn
  // again each time a lazily loaded part (the composer's, the rail's) came in.
  const code = locale.value;
  const loaded = catalogues.peek();
  const own: string | Plural | undefined = loaded[code]?.[key];
  if (own === undefined) void catalogues.value;
  const entry = own ?? loaded.en?.[key];
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
  return LANGUAGES[code];
}
