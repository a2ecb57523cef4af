/**
 * No request waterfall on the first screen (issue 13, part 5): when the Worker serves the client's page for an address,
 * it names the API reads that screen starts with in a `Link: <…>; rel=preload; as=fetch; crossorigin` header, so the
 * browser asks for them while it fetches the code, not after the code has run. The browser hands the preloaded answer
 * to the client's own `fetch` only when the request is the same: the same URL (path and query, in the order
 * web/src/api.ts `withQuery` writes them), the same mode and credentials (`crossorigin` = cors, same-origin
 * credentials, which is `fetch`'s default and what api.ts asks) and the same headers (api.ts adds none to a GET).
 * Every URL below copies one of the client's calls: change them together.
 *
 * The preloaded answers are the member's own, fetched with their cookie into their page: nothing another member sees.
 * Without a session cookie only `/me` is named (the client asks it on every page, signed in or not).
 */

/** Ids as the network makes them (worker/lib/ids.ts): anything else in an address preloads nothing. */
const ID = /^[a-z]{3}_[0-9a-z]{26}$/;

/** GET /me: every page asks it first (web/src/session.ts `loadSession`). */
const ME = "/api/v1/me";

/**
 * The reads the screen at `pathname` (with `search`, the address's query string) starts with, besides `/me`:
 * - `/`: the feed's first page and my groups (features/home/home.tsx);
 * - `/groups/:id`: the group, and its newest posts when no sort or tag is asked (features/groups/group-page.tsx,
 *   group-posts.tsx);
 * - `/posts/:id`: the post and its first comments (features/posts/post-page.tsx, comments.tsx).
 * - `/coffee`: the office hours live now (features/office-hours/live-office-hours.tsx); the lobby's rooms come
 *   through its room's welcome frame, not a read;
 * - every signed-in screen, last: the frame's own reads (SHELL).
 */
export function firstReads(pathname: string, search: string, signedIn: boolean): string[] {
  if (!signedIn) return [ME];
  return [ME, ...screenReads(pathname, search), ...SHELL];
}

/**
 * What the frame around every signed-in screen reads as it opens: the network's name and colour (web/src/network.ts)
 * and the bell's count (web/src/live/user-live.ts).
 */
const SHELL = ["/api/v1/network", "/api/v1/notifications/unread"];

function screenReads(pathname: string, search: string): string[] {
  if (pathname === "/") return ["/api/v1/feed?limit=20", "/api/v1/groups?mine=1&limit=100"];
  if (pathname === "/coffee") return ["/api/v1/office-hours?state=live&limit=50"];
  const group = /^\/groups\/([^/]+)\/?$/.exec(pathname)?.[1];
  if (group && ID.test(group)) {
    const reads = [`/api/v1/groups/${group}`];
    if (search === "") reads.push(`/api/v1/groups/${group}/posts?sort=new&limit=20`);
    return reads;
  }
  const post = /^\/posts\/([^/]+)\/?$/.exec(pathname)?.[1];
  if (post && ID.test(post)) return [`/api/v1/posts/${post}`, `/api/v1/posts/${post}/comments?limit=50`];
  // `/coffee/:roomId`: the room's ticket (features/coffee/room-store.ts), so its upgrade skips the Worker's D1 check
  // (worker/services/coffee/tickets.ts). Refused (404) to guests and to members outside a pair room: then not carried.
  const coffeeRoom = /^\/coffee\/([^/]+)\/?$/.exec(pathname)?.[1];
  if (coffeeRoom && ID.test(coffeeRoom)) return [`/api/v1/coffee/rooms/${coffeeRoom}/ticket`];
  return [];
}

/** The `Link` header that preloads `reads`. */
export function preloadLinkHeader(reads: string[]): string {
  return reads.map((url) => `<${url}>; rel=preload; as=fetch; crossorigin`).join(", ");
}

/**
 * The first reads' answers inside the page (issue 13, part 5, session 12): on a phone, every request before the first
 * content costs a round trip, and the browser asks for only six at a time from this origin (HTTP/1.1), so three API
 * reads preloaded beside the ~30 code files still waited their turn. For a signed-in member's own navigation, the
 * Worker runs the screen's reads itself, with the page's cookie (the same app, the same access rules, as if the browser
 * had asked), and writes each 200 answer into the page as `<script type="application/json" id="first-reads">`, which
 * web/src/api.ts takes instead of a request (once each). A read that answered anything else is left to the browser,
 * preloaded as before; a read refused (4xx) is neither.
 *
 * The page is then the member's own: `Cache-Control: private, no-cache`, `Vary: Cookie`, no `ETag` (a conditional
 * request would bring back an older copy), and only for a document navigation (`Sec-Fetch-Dest: document`), never for
 * the service worker's fetch of the shell (which it keeps and shows to whoever opens the app next).
 */
export type InlinedReads = {
  /** The `<script>` element to put into the page ("" when nothing was answered). */
  script: string;
  /**
   * The reads left to the browser (named in the `Link` header): those that failed. Not those refused (4xx): the code
   * asks again when it needs them, and a preloaded refusal would answer it even after the member lifted it (the
   * charter accepted: a stale `charter_required` brought the charter back).
   */
  left: string[];
  /** The cookies the reads' answers set (the session hint): the page sets them instead. */
  cookies: string[];
  /** The member's language, from `/me` (null when `/me` was not inlined). */
  locale: string | null;
};

/** Reads `reads` through `run` (the app itself) with the page's cookie, and writes the 200 answers as a page's data. */
export async function inlineFirstReads(reads: string[], origin: string, cookie: string, run: (req: Request) => Promise<Response>): Promise<InlinedReads> {
  const answers = await Promise.all(
    reads.map(async (url) => {
      try {
        const res = await run(new Request(`${origin}${url}`, { headers: { Cookie: cookie, Accept: "application/json" } }));
        const text = await res.text();
        const cookies = res.headers.getSetCookie();
        if (res.status !== 200 || !res.headers.get("Content-Type")?.includes("application/json")) return { url, cookies, body: null, refused: res.status >= 400 && res.status < 500 };
        return { url, cookies, body: JSON.parse(text) as unknown, time: res.headers.get("X-Request-Time"), refused: false };
      } catch {
        return { url, cookies: [], body: null, refused: false };
      }
    }),
  );
  const data: Record<string, { t: string | null; b: unknown }> = {};
  for (const a of answers) if (a.body !== null) data[a.url] = { t: a.time ?? null, b: a.body };
  const me = data[ME]?.b as { user?: { locale?: unknown } } | undefined;
  const inlined = Object.keys(data).length > 0;
  return {
    script: inlined ? `<script type="application/json" id="first-reads">${jsonForScript(data)}</script>` : "",
    left: answers.filter((a) => a.body === null && !a.refused).map((a) => a.url),
    cookies: [...new Set(answers.flatMap((a) => a.cookies))],
    locale: typeof me?.user?.locale === "string" ? me.user.locale : null,
  };
}

/** JSON safe inside a `<script>` element: no `<` at all (so no `</script>` nor `<!--`), each written `\u003c`. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replaceAll("<", "\\u003c");
}
