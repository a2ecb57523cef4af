/**
 * Build-time only (imported by web/vite.config.ts, never by the client): the code each route's screen needs, written
 * to `dist/route-chunks.json` so the Worker can name it in the page's `Link` header (`rel=modulepreload`,
 * worker/routes/route-chunks.ts). Without it the screen's chunk, its static imports and its word parts start only once
 * the entry script has run (issue 13, part 5: the group page's LCP waited for them).
 *
 * Per route (web/src/routes.ts, and `/login`), the lazily imported modules its screen starts with (given below, by file): each one's
 * chunk and the chunks it imports statically, less those the page itself loads (the entry's tree), and the word parts
 * it waits for (words-plugin.ts), in both languages (the Worker does not know the reader's; a part is < 1 KB).
 */
import { resolve } from "node:path";
import type { Plugin } from "vite";
import { SIGNED_IN_ROUTES } from "./routes";
import { wordsFound } from "./i18n/words-plugin";

type OutputChunk = { type: "chunk"; fileName: string; isEntry: boolean; facadeModuleId: string | null; imports: string[]; moduleIds: string[]; viteMetadata?: { importedCss: Set<string> } };

/** A chunk of stylesheets only: Vite drops its (empty) script from the build, so it is named by its stylesheet alone. */
const cssOnly = (c: OutputChunk | undefined) => !!c && c.moduleIds.length > 0 && c.moduleIds.every((id) => /\.css($|\?)/.test(id));

/**
 * `entry`: the page's own scripts and stylesheet (index.html names them too): named first, so that the route's files
 * do not start before them and hold them back. `routes`: each route's scripts, stylesheets and word parts.
 */
export type RouteChunks = { entry: string[]; routes: { path: string; files: string[] }[] };

export function routeChunksPlugin(modulesOf: Record<string, string[]>): Plugin {
  let srcDir = "";
  return {
    name: "comptoir-route-chunks",
    configResolved(config) {
      srcDir = resolve(config.root, "src");
    },
    generateBundle(options, bundle) {
      // Only the page's build (not the service worker's, which runs the plugins too).
      const chunks = Object.values(bundle).filter((o): o is OutputChunk & (typeof bundle)[string] => o.type === "chunk") as unknown as OutputChunk[];
      const entry = chunks.find((c) => c.isEntry && /^assets\/index-/.test(c.fileName));
      if (!entry) return;
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const tree = (file: string, into: Set<string>) => {
        if (into.has(file)) return into;
        into.add(file);
        for (const imported of byFile.get(file)?.imports ?? []) tree(imported, into);
        return into;
      };
      const firstPage = tree(entry.fileName, new Set());
      const css = (files: Iterable<string>) => [...files].flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]);
      const missing = SIGNED_IN_ROUTES.filter((r) => !(r in modulesOf));
      if (missing.length) this.error(`route-chunks: no modules given for ${missing.join(", ")}`);
      // The signed-in routes in routes.ts's order (a fixed address before a pattern that would take it), then others
      // (the sign-in page's, which the Worker names to who has no session).
      const routes = [...SIGNED_IN_ROUTES, ...Object.keys(modulesOf).filter((r) => !(SIGNED_IN_ROUTES as readonly string[]).includes(r))].map((path) => {
        const files = new Set<string>();
        const words = new Set<string>();
        for (const module of modulesOf[path]!) {
          const id = resolve(srcDir, module);
          const chunk = chunks.find((c) => c.facadeModuleId === id);
          if (!chunk) this.error(`route-chunks: ${module} (${path}) is not a chunk of its own`);
          for (const file of tree(chunk.fileName, new Set())) if (!firstPage.has(file)) files.add(file);
          for (const part of wordsFound.partsOf.get(id) ?? []) words.add(part);
        }
        const wordFiles = [...words].sort().flatMap((part) => ["en", "fr"].map((lang) => `assets/words-${lang}-${part}-${wordsFound.hash}.js`));
        const styles = css(files).filter((f) => !css(firstPage).includes(f));
        const scripts = [...files].filter((f) => !cssOnly(byFile.get(f)));
        return { path, files: [...scripts, ...new Set(styles), ...wordFiles].map((f) => `/${f}`) };
      });
      this.emitFile({ type: "asset", fileName: "route-chunks.json", source: JSON.stringify({ entry: [...firstPage, ...new Set(css(firstPage))].map((f) => `/${f}`), routes } satisfies RouteChunks) });
    },
  };
}
