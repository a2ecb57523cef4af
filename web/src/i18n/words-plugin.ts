/**
 * Build-time only (imported by web/vite.config.ts, never by the client): splits the language catalogues into parts
 * by key prefix and makes every lazily imported screen wait for the words it shows.
 *
 * - en.ts and fr.ts stay the one source of truth (and the `Catalogue` type keeps French complete); this plugin
 *   evaluates them and emits each part as a file of its own, `assets/words-<lang>-<part>-<hash>.js` (one hash of
 *   all the words, so the client builds a part's address itself: no table of hashed names in the first page).
 * - The "core" part holds every key named by the modules the first page loads (main.tsx and its static imports),
 *   and the whole of the prefixes parts.ts maps to "core": index.ts loads it before the first render.
 * - Every other `import("./…")` in the client is rewritten to `withWords(import("./…"), [part])`, the part being the
 *   imported module's own: exactly the keys (beyond the core's) that it and its static imports name, one file per
 *   language. The words load in parallel with the code, and the import resolves once both are here, so a screen never
 *   renders with missing words. One file a screen (issue 13, part 5): the group page waited for ten prefix parts
 *   (25 KB), each a request before its first paint; a module it imports lazily (a tab) brings its own part.
 * Keys are found as string or template literals ("people.title", `questions.settings.mode.${m}`, "sso.error." + x):
 * a key built with no literal of its prefix would not be found.
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type Plugin, transformWithOxc } from "vite";
import { PART_OF } from "./parts";

const VIRTUAL = "virtual:words";

/**
 * What the last build found, for web/src/route-chunks-plugin.ts: the word parts each lazily imported module waits for
 * (by its file), and the catalogues' hash that names every part's file.
 */
export const wordsFound = { partsOf: new Map<string, string[]>(), hash: "" };
const RESOLVED = "\0words";
const LANGS = ["en", "fr"] as const;
type Lang = (typeof LANGS)[number];
type Entry = string | Record<string, string>;

interface ModuleScan {
  imports: string[];
  dynamicImports: string[];
  /** The prefixes of the keys the module names. */
  prefixes: Set<string>;
  /** The keys it names: whole ones, and every key under a literal's head such as `sso.error.` or `post.${x}`. */
  keys: Set<string>;
}

const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];
function resolveFile(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const ext of EXTENSIONS) {
    const file = base + ext;
    try {
      if (statSync(file).isFile()) return file;
    } catch {
      // try the next extension
    }
  }
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

async function evaluate(file: string, name: string): Promise<Record<string, Entry>> {
  const { code } = await transformWithOxc(readFileSync(file, "utf8"), file, { lang: "ts" });
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
  return module[name];
}

export function wordsPlugin(): Plugin {
  let srcDir = "";
  let i18nDir = "";
  let catalogues: Record<Lang, Record<string, Entry>> | undefined;
  let scans = new Map<string, ModuleScan>();
  /** The keys the first page names (exactly those, not their whole prefixes: home names one `groups.*` key). */
  let core = new Set<string>();

  /** Per lazily imported module (by file), its part's name and keys (none when the core has them all). */
  let screens = new Map<string, { part: string; keys: string[] }>();
  const inCore = (key: string) => core.has(key) || PART_OF[key.split(".")[0]!] === "core";
  /** A module's part name: its path under src (features/ left out), `_` for every other character (`groups_group_page`). */
  const partName = (file: string) => file.slice(srcDir.length + 1).replace(/^features\//, "").replace(/\.tsx?$/, "").replace(/\W/g, "_");

  function scan(prefixes: Set<string>, allKeys: string[]) {
    scans = new Map();
    for (const file of sourceFiles(srcDir)) {
      if (file.startsWith(i18nDir) && /\/(en|fr)\.ts$/.test(file)) continue;
      const text = readFileSync(file, "utf8");
      const imports: string[] = [];
      const dynamicImports: string[] = [];
      for (const m of text.matchAll(/(?:^|[^\w.])(?:import|export)\s[^;'"]*?from\s*"(\.[^"]+)"|^import\s+"(\.[^"]+)"/gm)) {
        const target = resolveFile(file, m[1] ?? m[2]!);
        if (target) imports.push(target);
      }
      for (const m of text.matchAll(/\bimport\(\s*"(\.[^"]+)"\s*\)/g)) {
        const target = resolveFile(file, m[1]!);
        if (target) dynamicImports.push(target);
      }
      // Any string or template literal that starts with a known prefix and a dot names words from that prefix.
      const used = new Set<string>();
      const keys = new Set<string>();
      for (const m of text.matchAll(/["'`](([a-zA-Z]+)\.[\w.]*)(["'`]|\$\{)?/g)) {
        if (!prefixes.has(m[2]!)) continue;
        used.add(m[2]!);
        const head = m[1]!;
        if (m[3] && m[3] !== "${" && !head.endsWith(".")) keys.add(head);
        else for (const k of allKeys) if (k.startsWith(head)) keys.add(k);
      }
      scans.set(file, { imports, dynamicImports, prefixes: used, keys });
    }
  }

  function closure(entry: string, followDynamic: boolean): Set<string> {
    const seen = new Set<string>();
    const stack = [entry];
    while (stack.length) {
      const file = stack.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const s = scans.get(file);
      if (!s) continue;
      stack.push(...s.imports, ...(followDynamic ? s.dynamicImports : []));
    }
    return seen;
  }

  function keysOf(files: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const f of files) for (const k of scans.get(f)?.keys ?? []) out.add(k);
    return out;
  }

  async function prepare() {
    catalogues = { en: await evaluate(join(i18nDir, "en.ts"), "en"), fr: await evaluate(join(i18nDir, "fr.ts"), "fr") };
    const allKeys = Object.keys(catalogues.en);
    scan(new Set(allKeys.map((k) => k.split(".")[0]!)), allKeys);
    core = keysOf(closure(join(srcDir, "main.tsx"), false));
    screens = new Map();
    const targets = new Set([...scans.entries()].filter(([file]) => !file.startsWith(i18nDir)).flatMap(([, s]) => s.dynamicImports));
    for (const target of [...targets].sort()) {
      const named = keysOf(closure(target, false));
      const keys = allKeys.filter((k) => !inCore(k) && named.has(k));
      screens.set(target, { part: partName(target), keys });
    }
  }

  /** Every part's words, per language, and one hash of them all that names the files of this version. */
  function parts(): { words: Record<Lang, Record<string, Record<string, Entry>>>; hash: string } {
    const words = { en: {}, fr: {} } as Record<Lang, Record<string, Record<string, Entry>>>;
    for (const lang of LANGS) {
      const catalogue = catalogues![lang];
      words[lang].core = Object.fromEntries(Object.keys(catalogue).filter(inCore).map((k) => [k, catalogue[k]!]));
      for (const { part, keys } of screens.values()) if (keys.length) words[lang][part] = Object.fromEntries(keys.map((k) => [k, catalogue[k]!]));
    }
    const hash = createHash("sha256").update(JSON.stringify(words)).digest("base64url").slice(0, 10);
    return { words, hash };
  }

  let mode: "build" | "serve" = "build";
  let built: ReturnType<typeof parts> | undefined;

  return {
    name: "comptoir-words",
    async config(config, env) {
      srcDir = resolve(config.root ?? process.cwd(), "src");
      i18nDir = join(srcDir, "i18n");
      mode = env.command;
      await prepare();
      built = parts();
      wordsFound.hash = built.hash;
      // The address of a part, for index.ts: its file of this version, or the dev server's module.
      const url = mode === "build" ? `/assets/words-{lang}-{part}-${built.hash}.js` : `/@id/${VIRTUAL}/{lang}/{part}`;
      return { define: { __WORDS_URL__: JSON.stringify(url) } };
    },
    buildStart(options) {
      for (const lang of LANGS) this.addWatchFile(join(i18nDir, `${lang}.ts`));
      // Only the page's build emits the parts (not the service worker's, which runs these plugins too).
      if (mode !== "build" || !JSON.stringify(options.input).includes("index.html")) return;
      // Each part is a file of its own, named by language, part and the catalogues' hash (so cached for a year
      // safely): the client builds the name itself, no table of hashed names in the first page's code.
      for (const lang of LANGS) {
        for (const part of Object.keys(built!.words[lang])) {
          this.emitFile({ type: "chunk", id: `${VIRTUAL}/${lang}/${part}`, fileName: `assets/words-${lang}-${part}-${built!.hash}.js`, preserveSignature: "strict" });
        }
      }
    },
    // The core words start with the page's code, not after it has run (issue 13, part 5: no waterfall). Both
    // languages: the page cannot know which one the reader's browser has chosen, and the other is 3 KB.
    transformIndexHtml() {
      if (mode !== "build") return undefined;
      return LANGS.map((lang) => ({ tag: "link", attrs: { rel: "modulepreload", crossorigin: true, href: `/assets/words-${lang}-core-${built!.hash}.js` }, injectTo: "head" as const }));
    },
    async handleHotUpdate() {
      await prepare();
      built = parts();
    },
    resolveId(id) {
      if (id.startsWith(`${VIRTUAL}/`)) return `${RESOLVED}-${id.slice(VIRTUAL.length + 1).replace("/", "-")}`;
      return undefined;
    },
    load(id) {
      const match = /^\0words-(\w+)-(.+)$/.exec(id);
      if (!match) return undefined;
      const [, lang, part] = match as unknown as [string, Lang, string];
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(built!.words[lang][part] ?? {}))});\n`;
    },
    transform(code, id) {
      if (!id.startsWith(srcDir) || id.startsWith(i18nDir) || !scans.has(id) || !code.includes("import(")) return undefined;
      let changed = false;
      const out = code.replace(/\bimport\(\s*"(\.[^"]+)"\s*\)/g, (call, spec: string) => {
        const target = resolveFile(id, spec);
        if (!target) return call;
        // No part when the core has every word the module names.
        const part = screens.get(target)?.part;
        const needed = part && built!.words.en[part] ? [part] : [];
        wordsFound.partsOf.set(target, needed);
        if (!needed.length) return call;
        if (process.env.WORDS_DEBUG) console.log(`words: ${spec} <- ${needed.join(" ")}`);
        changed = true;
        return `__withWords(${call}, ${JSON.stringify(needed)})`;
      });
      if (!changed) return undefined;
      return { code: `import { withWords as __withWords } from ${JSON.stringify(join(i18nDir, "index.ts"))};\n${out}`, map: null };
    },
  };
}
