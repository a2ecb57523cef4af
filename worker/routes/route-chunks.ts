/**
 * The screen's code with the page (issue 13, part 5): the build writes, per client route, the chunks and word parts its
 * screen needs beyond the entry's (web/src/route-chunks-plugin.ts → `route-chunks.json` among the static files); when
 * the Worker serves the page for an address, it names them in the `Link` header with `rel=modulepreload`, so they load
 * while the entry script does instead of after it has run. Same-origin hashed files only: the CSP is unchanged.
 */

type RouteChunks = { entry: string[]; routes: { path: string; files: string[] }[] };

/** The table, read once per isolate (it changes only with a deployment, which starts new isolates). */
let table: Promise<RouteChunks | null> | undefined;

function load(assets: Fetcher, origin: string): Promise<RouteChunks | null> {
  table ??= assets
    .fetch(new Request(`${origin}/route-chunks.json`))
    .then((res) => (res.ok ? (res.json() as Promise<RouteChunks>) : null))
    .catch(() => null);
  return table;
}

/** Whether `pathname` is an address of the route `pattern` (`:name` one segment, `:name?` an optional last one). */
export function routeMatches(pattern: string, pathname: string): boolean {
  const want = pattern.split("/").filter(Boolean);
  const have = pathname.split("/").filter(Boolean);
  if (have.length > want.length) return false;
  return want.every((seg, i) => {
    if (seg.endsWith("?")) return true;
    if (have[i] === undefined) return false;
    return seg.startsWith(":") || seg === have[i];
  });
}

/**
 * The `Link` entries that load the screen's code at `pathname` (none for an unknown address): the page's own files
 * first (so the route's do not hold them back), then the route's; scripts `rel=modulepreload`, stylesheets
 * `rel=preload; as=style; crossorigin` (as the client's loader asks for them: anonymous CORS). With `locale` (the
 * member's language, known when the page carries their `/me`), only that language's word parts: the other one's are
 * half the route's files, fetched for nothing on a phone where every request waits its turn.
 */
export async function routeChunkLinks(assets: Fetcher, origin: string, pathname: string, locale: string | null = null): Promise<string[]> {
  const chunks = await load(assets, origin);
  const route = chunks?.routes.find((r) => routeMatches(r.path, pathname));
  if (!chunks || !route) return [];
  return [...chunks.entry, ...route.files].flatMap((f) => {
    if (locale !== null && !wordsFor(f, locale)) return [];
    if (/^\/assets\/[\w.-]+\.js$/.test(f)) return [`<${f}>; rel=modulepreload`];
    if (/^\/assets\/[\w.-]+\.css$/.test(f)) return [`<${f}>; rel=preload; as=style; crossorigin`];
    return [];
  });
}

/** Whether `file` is not a word part of another language than `locale` (`/assets/words-fr-home-….js` is French). */
export function wordsFor(file: string, locale: string): boolean {
  const lang = /^\/assets\/words-([a-z]+)-/.exec(file)?.[1];
  return lang === undefined || lang === locale;
}

/** The page without the other languages' core words (index.html preloads both: the page alone cannot tell which). */
export function keepCoreWordsOf(html: string, locale: string): string {
  return html.replace(/<link rel="modulepreload" crossorigin href="\/assets\/words-([a-z]+)-core-[\w-]+\.js">\s*/g, (link, lang: string) => (lang === locale ? link : ""));
}
